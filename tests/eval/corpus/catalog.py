"""How the service's order reader reads real radiology catalog names (issue 17, class 6).

    python tests/eval/corpus/catalog.py /work/corpus/catalog [--out DIR]

PATH is a directory (or one file) holding catalogs the loader knows:

* ``*.fsh`` — the RSNA RadLex Playbook core as a FHIR Shorthand code system, one procedure a
  line: ``* #CTCHE  "CT Chest w"   // RPID18:CT Chest w IV Contrast:CT:CHEST`` (short name,
  then RPID, long name, modality, body region). The long name states the contrast; that and
  the modality and body region columns are the truth each reading is scored against, for the
  long name and for the short name.
* ``mtsamples.csv`` — the exam lines ("EXAM: MRI LEFT KNEE WITHOUT CONTRAST") of the MTSamples
  imaging reports: names as US practices write them, without truth columns (read and listed).
* ``*.tsv`` with a ``description`` column — hospital chargemasters (US price transparency
  files, as github.com/vsoch/hospital-chargemaster keeps them in ``data/<hospital>/
  data-latest.tsv``): the CT and MR study names among the descriptions, once each (supplies,
  labs, guided procedures and post-processing left out by ``NOT_A_STUDY``), without truth
  columns: the figures are how many state a contrast phase, a region and a side.
* any other ``*.csv`` with a ``name`` column (and optional ``code``, ``system``): read and
  listed.

Each name becomes a draft ServiceRequest (``code.text`` = the name; the catalog's code as a
coding where it has one) read by ``cds_service.core.orders.classify_order``. Prints coverage
(procedure kind, contrast phase, body region, sites) and the misreadings it can see; writes
every reading to ``--out``/catalog_readings.tsv (outside the repository). Exit 2 when PATH is
missing.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RADLEX = "http://www.radlex.org"


@dataclass(frozen=True)
class Name:
    catalog: str               # "radlex-long" | "radlex-short" | "mtsamples" | file stem
    text: str
    code: str | None = None
    system: str | None = None
    modality: str | None = None   # truth: CT, MR, XR, US, ... (RadLex only)
    kinds: frozenset[str] = frozenset()  # truth: the order kinds that read it right
    contrast: str | None = None   # truth for CT/MR: without | with | without-and-with | unstated
    region: str | None = None     # truth: an anatomy region id, when the catalog's maps to one


# --------------------------------------------------------------------------- catalogs

_FSH = re.compile(r'^\*\s+#(\S+)\s+"([^"]*)"\s*//\s*(RPID\d+):(.*):([^:]*):([^:]*)$')
# RadLex body region → anatomy region id (None: no single CT region)
_REGIONS = {"ABDOMEN": "abdomen", "CHEST": "chest", "HEAD": "head", "PELVIS": "pelvis",
            "LOWER EXTREMITY": "lower-extremity", "UPPER EXTREMITY": "upper-extremity",
            "NECK": "neck", "LUMBAR SPINE": "lumbar-spine", "THORACIC SPINE": "thoracic-spine",
            "CERVICAL SPINE": "cervical-spine", "BREAST": "chest", "FACE": "head",
            "SKULL": "head"}
_MODALITY = {"MAMMOGRAPHY": "MG", "RADIO-FLUOROSCOPY": "RF", "ULTRASOUND": "US",
             "RADIOLOGY PROCEDURE": "IR"}


# a dental CT: the teeth, or the jaws for an implant (docs/matching-policy.md P17.22, P17.27)
_DENTAL_CT = re.compile(r"^\s*CT\b.*(?:\b(?:teeth|tooth|dental)\b|\b(?:mandib\w*|maxill\w*|jaws?)\b"
                        r".*\bfor\s+(?:dental\s+)?implants?\b)", re.I)


def contrast_of(name: str) -> str:
    """The contrast phase a RadLex Playbook long name states (a CT urogram acquires a
    noncontrast phase by definition: docs/matching-policy.md P17.1; a dental CT, "CT Teeth",
    is acquired without contrast where it states no other phase: P17.27)."""
    if re.search(r"\bw and wo\b|\burogram\b", name, re.I):
        return "without-and-with"
    if re.search(r"\bwo\b", name, re.I):
        return "without"
    if re.search(r"\bw\s+(?:IV\s+)?contrast\b|\bw IV\b", name, re.I):
        return "with"
    return "without" if _DENTAL_CT.search(name) else "unstated"


_CT_KIND = {"without": "ct-noncontrast", "with": "ct-contrast",
            "without-and-with": "ct-without-and-with", "unstated": "ct-contrast"}


def kinds_of(long: str, modality: str) -> frozenset[str]:
    """The order kinds a right reading of a RadLex long name may give. A bone-marrow biopsy
    or aspiration samples the marrow, and a muscle biopsy the muscle (myopathy), not a lesion
    (P15.1); a DXA measures bone density and
    shows no lesion's matrix: both `other`; so is a guided injection, aspiration, drainage or
    ablation (P15.1), and a radiotherapy planning or simulation CT (P17.3). A radiograph with
    fluoroscopy may read as either."""
    if re.search(r"bone marrow (?:biops|aspir)|muscle biops|\bDXA\b", long, re.I):
        return frozenset({"other"})
    if (re.search(r"\bbiops|\bBx\b", long, re.I)
            and not re.search(r"specimen|post biopsy", long, re.I)):
        return frozenset({"biopsy"})
    if re.search(r"\bguidance\b|\binjection\b|\baspiration\b|\bdrainage\b|ablation\b"
                 r"|centesis\b|\btreatment planning\b|\bsimulation\b", long, re.I):
        return frozenset({"other"})   # a guided procedure: the modality is its guidance; a
        # radiotherapy planning or simulation CT plans a treatment, no study (P17.3)
    if modality == "CT":
        return frozenset({_CT_KIND[contrast_of(long)]})
    return frozenset({{"MR": "mri", "XR": "radiography", "US": "ultrasound"}.get(
        modality, "other")} | ({"radiography"} if modality in ("MG", "XR&RF") else set()))


def read_fsh(lines: Iterable[str]) -> list[Name]:
    out: list[Name] = []
    for line in lines:
        m = _FSH.match(line.strip())
        if not m:
            continue
        _code, short, rpid, long, modality, region = m.groups()
        long = " ".join(long.split())
        mod = _MODALITY.get(modality.strip(), modality.strip())
        kinds = kinds_of(long, mod)
        truth = {"modality": mod, "region": _REGIONS.get(region.strip()), "kinds": kinds,
                 "contrast": contrast_of(long) if kinds & {*_CT_KIND.values(), "mri"}
                 else None}
        out.append(Name("radlex-long", long, rpid, RADLEX, **truth))
        out.append(Name("radlex-short", " ".join(short.split()), rpid, RADLEX, **truth))
    return out


def read_mtsamples_exams(path: Path) -> list[Name]:
    """The exam lines of MTSamples imaging reports, once each."""
    seen: dict[str, None] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            m = re.match(r"\s*(?:EXAM|EXAMINATION|STUDY|PROCEDURE)S?\s*:\s*,?\s*([^,]{3,120})",
                         row.get("transcription") or "")
            if m and re.search(r"\b(?:MRI?|MRA|CTA?|CAT|X-?RAY|XR|US|ULTRASOUND|SONOGRA\w*"
                               r"|RADIOGRAPH\w*|VIEWS?)\b", m.group(1), re.I):
                seen.setdefault(" ".join(m.group(1).split()).rstrip("."))
    return [Name("mtsamples", n) for n in seen]


# Chargemaster descriptions that are not an imaging study of a body part: supplies, labs,
# nuclear medicine, guided procedures, post-processing, follow-up and limited codes.
NOT_A_STUDY = re.compile(
    r"suture|vicryl|prolene|trocar|monocryl|chromic|ethibond|\bsilk\b|\bpds\b|stratafix|"
    r"nurolon|\bct-?\d\b|\bct\s+\d\b|\blab\b|\bcell\b|\bcbc\b|\banes|\bpet\b|\bpt\b|"
    r"spect|\bnm\b|guid|\bgde?\b|\bgdn\b|inj|needle|\bndl|drain|\bdrn\b|aspir|ablat|ablt|"
    r"biop|\bbx\b|\bfna\b|centes|cath|\btube\b|block|neurolysis|destroy|implant|marker|"
    r"fiducial|suppl|\bkit\b|port\b|stent|device|blade|cannula|3d|3 d|recon|render|"
    r"post-?process|planning|simulat|\bsim\b|unlisted|misc|manual|research|send out|follow|"
    r"\bf/?u\b|limited|\bltd\b|\blmtd\b|localiz|density|\bdens\b|\bbone min|ecmo|omnipaque|"
    r"isovue|visipaque|contrast agent|per ml|\bml\b|\bmg\b|ffr|attenuation|fusion|therapy|"
    r"\btx\b|radiation|cone beam|scanogram|length|coil|pacemaker|defib|\bicd\b|balloon|"
    r"compatible|\bmr\s+\d|\bgado|multihance", re.I)
_CDM_MODALITY = re.compile(r"\b(?:ct|cta|cat\s*scan|comput\w*\s+tomog\w*|mri|mra|mr|"
                           r"magnetic\s+resonance)\b", re.I)


def read_chargemaster(path: Path) -> list[Name]:
    """The CT and MR study names of one chargemaster file (``description`` column)."""
    csv.field_size_limit(1 << 24)
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        return [Name("chargemaster", d) for d in (
            " ".join((r.get("description") or "").split())
            for r in csv.DictReader(fh, delimiter="\t"))
            if d and len(d) <= 120 and _CDM_MODALITY.search(d) and not NOT_A_STUDY.search(d)]


def read_plain_csv(path: Path) -> list[Name]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [Name(path.stem, r["name"], r.get("code") or None, r.get("system") or None)
                for r in csv.DictReader(fh) if r.get("name")]


def names_in(path: Path) -> list[Name]:
    files = [path] if path.is_file() else sorted({
        f.resolve() for f in path.rglob("*") if f.suffix in (".fsh", ".csv", ".tsv")
        and not any(p.startswith(".") for p in f.relative_to(path).parts)})
    out: list[Name] = []
    seen: set[str] = set()
    for f in files:
        if f.suffix == ".tsv":
            with f.open(newline="", encoding="utf-8", errors="replace") as fh:
                is_cdm = "description" in next(csv.reader(fh, delimiter="\t"), [])
            for n in read_chargemaster(f) if is_cdm else ():
                if n.text.upper() not in seen:      # once each, across hospitals
                    seen.add(n.text.upper())
                    out.append(n)
        elif f.suffix == ".fsh":
            out.extend(read_fsh(f.read_text(encoding="utf-8").splitlines()))
        elif f.name == "mtsamples.csv":
            out.extend(read_mtsamples_exams(f))
        else:
            with f.open(newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh), [])
            if "name" in header:
                out.extend(read_plain_csv(f))
    return out


# --------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class Reading:
    name: Name
    kind: str
    contrast: str | None     # CT only: without | with | without-and-with | unstated
    region: str | None
    regions: frozenset[str]
    sites: frozenset[str]
    side: str | None


_PHASE = {"ct-noncontrast": "without", "ct-without-and-with": "without-and-with"}


def read(name: Name) -> Reading:
    from cds_service.core.orders import classify_order

    code: dict = {"text": name.text}
    if name.code:
        code["coding"] = [{"system": name.system or "urn:local", "code": name.code}]
    o = classify_order({"resourceType": "ServiceRequest", "status": "draft",
                        "intent": "order", "code": code,
                        "subject": {"reference": "Patient/catalog"}})
    contrast = (_PHASE.get(o.kind) or ("with" if o.contrast_stated else "unstated")
                if o.kind.startswith("ct-") else None)
    return Reading(name, o.kind, contrast, o.region, o.regions, o.sites, o.side)


def kind_ok(r: Reading) -> bool | None:
    """Whether the kind is one a right reading gives (None: the catalog has no truth)."""
    return r.kind in r.name.kinds if r.name.kinds else None


def region_ok(r: Reading) -> bool | None:
    from cds_service.core import anatomy

    if r.name.region is None or r.name.modality not in ("CT", "MR"):
        return None
    read_regions = set(r.regions) | ({r.region} if r.region else set())
    return any(r.name.region in anatomy.expand(x) or x in anatomy.expand(r.name.region)
               for x in read_regions)


# Head-and-neck and visceral subsites (issue 17 §6): a word → the site id a reading should keep
# (ids the anatomy table does not have yet are the ones the issue asks for)
SUBSITES = {"parotid": "parotid", "salivary": "salivary-gland", "submandibular": "salivary-gland",
            "thyroid": "thyroid", "larynx": "larynx", "laryngeal": "larynx", "orbit": "orbit",
            "sinus": "sinus", "pituitary": "pituitary", "sella": "pituitary",
            "adrenal": "adrenal", "kidney": "kidney", "renal": "kidney", "pancrea": "pancreas",
            "adnexa": "adnexa", "ovar": "adnexa", "uter": "uterus", "prostat": "prostate",
            "liver": "liver", "spleen": "spleen", "temporal bone": "temporal-bone",
            "iac": "temporal-bone", "tmj": "temporomandibular-joint"}


_SIDE_WORD = re.compile(r"\b(?:lt|rt|left|right|bil|bilat\w*|bl|b/l|both)\b", re.I)


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else "0/0"


def report(readings: list[Reading]) -> None:
    for catalog in sorted({r.name.catalog for r in readings}):
        rs = [r for r in readings if r.name.catalog == catalog]
        print(f"\n## {catalog}: {len(rs)} names")
        print("kinds read:", dict(Counter(r.kind for r in rs).most_common()))
        with_truth = [r for r in rs if kind_ok(r) is not None]
        if with_truth:
            print("kind fits the modality:", pct(sum(bool(kind_ok(r)) for r in with_truth),
                                                 len(with_truth)))
            for mod in sorted({r.name.modality for r in with_truth}):
                sub = [r for r in with_truth if r.name.modality == mod]
                print(f"  {mod}: {pct(sum(bool(kind_ok(r)) for r in sub), len(sub))}")
        ct = [r for r in rs if (r.name.modality == "CT" and r.name.contrast
                                if r.name.modality else r.kind.startswith("ct-"))]
        if ct:
            print(f"CT names: {len(ct)}; contrast phase read:",
                  dict(Counter(r.contrast or f"not CT ({r.kind})" for r in ct).most_common()))
            judged = [r for r in ct if r.name.contrast]
            if judged:
                right = sum(r.contrast == r.name.contrast for r in judged)
                print("  contrast phase right:", pct(right, len(judged)))
                print("  truth → read:", dict(Counter(
                    f"{r.name.contrast} → {r.contrast}" for r in judged
                    if r.contrast != r.name.contrast).most_common()))
        sided = [r for r in rs if _SIDE_WORD.search(r.name.text)]
        if sided and not with_truth:
            print("a side read (names with a side word):",
                  pct(sum(bool(r.side) for r in sided), len(sided)))
        body = [r for r in rs if region_ok(r) is not None]
        print("a region read:", pct(sum(bool(r.region) for r in rs), len(rs)),
              "| a site read:", pct(sum(bool(r.sites) for r in rs), len(rs)))
        if body:
            print("region right (where the catalog has one):",
                  pct(sum(bool(region_ok(r)) for r in body), len(body)))
        subs = [(r, sid) for r in rs for word, sid in SUBSITES.items()
                if re.search(r"\b" + re.escape(word), r.name.text.lower())]
        if subs:
            print("head-and-neck and visceral subsites kept (name, subsite word):",
                  pct(sum(sid in r.sites for r, sid in subs), len(subs)))


def misreadings(readings: list[Reading]) -> dict[str, list[Reading]]:
    """The misreadings the figures can see, by kind of mistake."""
    out: dict[str, list[Reading]] = {}

    def add(key: str, r: Reading) -> None:
        out.setdefault(key, []).append(r)

    for r in readings:
        n = r.name
        if n.modality == "CT" and n.contrast and r.contrast and r.contrast != n.contrast:
            add(f"CT contrast {n.contrast} read as {r.contrast}", r)
        if kind_ok(r) is False:
            add(f"{n.modality} {'/'.join(sorted(n.kinds))} read as {r.kind}"
                + (f" ({r.contrast})" if r.contrast else ""), r)
        if region_ok(r) is False:
            add(f"{n.modality} region {n.region} read as {r.region or 'none'}", r)
        low = n.text.lower()
        for word, sid in SUBSITES.items():
            if re.search(r"\b" + re.escape(word), low) and sid not in r.sites:
                add(f"subsite '{word}' (site {sid}) read as sites {sorted(r.sites) or '-'}", r)
        if n.catalog == "mtsamples" and r.kind.startswith("ct-") and r.contrast == "unstated":
            add("mtsamples CT read as contrast unstated", r)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--name", action="append", default=[],
                    help="also read this name (repeatable), e.g. 'CTA RUNOFF BILAT LE'")
    ap.add_argument("--out", type=Path, default=Path("/work/corpus/out"))
    ap.add_argument("--examples", type=int, default=6, help="names shown per misreading")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"catalog not found: {args.path} (see tests/eval/corpus/CATALOG.md)",
              file=sys.stderr)
        return 2
    names = names_in(args.path) + [Name("given", n) for n in args.name]
    if not names:
        print(f"no catalog (*.fsh, mtsamples.csv, *.csv with a name column) in {args.path}",
              file=sys.stderr)
        return 2
    readings = [read(n) for n in names]
    report(readings)
    print("\n## misreadings (count, examples)")
    for key, rs in sorted(misreadings(readings).items(), key=lambda kv: -len(kv[1])):
        shown = "; ".join(f"{r.name.text!r} [{r.name.catalog}: {r.kind}, {r.region}]"
                          for r in rs[:args.examples])
        print(f"- {key}: {len(rs)} — {shown}")
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "catalog_readings.tsv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["catalog", "name", "code", "modality", "contrast_truth", "region_truth",
                    "kind", "contrast_read", "region", "regions", "sites", "side"])
        for r in readings:
            n = r.name
            w.writerow([n.catalog, n.text, n.code or "", n.modality or "", n.contrast or "",
                        n.region or "", r.kind, r.contrast or "", r.region or "",
                        ";".join(sorted(r.regions)), ";".join(sorted(r.sites)), r.side or ""])
    print(f"\nreadings: {args.out / 'catalog_readings.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
