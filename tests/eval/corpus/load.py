"""Run the service over real radiology report text written by nobody on this team (issue 17).

    python tests/eval/corpus/load.py /work/corpus [--out DIR] [--verdicts FILE]

PATH is a directory holding the fetched sources, or one source file:

* ``mtsamples/mtsamples.csv`` — MTSamples transcription samples in the Kaggle column layout
  (``description, medical_specialty, sample_name, transcription, keywords``; ``note_id`` when
  present). Every sample whose exam line or sample name names an MRI or a CT is kept, once
  per distinct text; MRI reports are wrapped as MRI, CT reports as CT (a silence check).
* ``medpix/Case_topic.json`` (+ ``Descriptions.json`` beside it) — MedPix 2.0 teaching cases.
  Cases with MR images are wrapped as MRI reports (title from the MR images' location and
  contrast), CT-only cases as CT reports.
* ``roco/<split>/radiology/captions.txt`` (+ ``licences.txt`` beside it) — ROCO: captions of
  radiology figures of PubMed Central open-access articles (mostly case reports). The captions
  of one article under a Creative Commons licence, in ROCO order, are one report's FINDINGS;
  MRI when a caption names MR, else CT when one names CT, else not used.

Each report becomes one patient (Patient + a final DiagnosticReport whose ``presentedForm`` is
the text, its own title as ``code.text``). For each report the loader writes the orders a
clinician might place next, as order catalogs write them (``ORDERS``): a biopsy of the lesion
the report names, a contrast CT of the region, another MRI, a lab, a lumbar puncture, a skin
punch biopsy and a surgery. Every (report, order) pair is one order-select call, run
in-process through the service's own path (bundle → hook request → context → pipeline).

Writes ``cards.tsv`` (every card: source id, title, order, rule, summary, quoted evidence) and
``calls.tsv`` to ``--out`` (default ``/work/corpus/out``): those quote third-party text and
stay outside the repository. Prints counts only. With ``--verdicts`` (default: the reviewed
``verdicts.csv`` beside this file) it also says which cards were reviewed and how, which are
new since the review, and which reviewed cards are gone. Exit 2 when PATH is missing.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HERE = Path(__file__).resolve().parent
REPORT_DATE = "2026-09-01"
ORDER_DATE = "2026-10-01"
TODAY = dt.date(2026, 10, 1)
CPT = "http://www.ama-assn.org/go/cpt"
LOINC = "http://loinc.org"


@dataclass(frozen=True)
class Source:
    id: str            # "mts-1558", "mpx-MPX1043"
    corpus: str        # "mtsamples" | "medpix"
    modality: str      # "MR" | "CT"
    title: str
    text: str
    age: int | None = None
    sex: str | None = None


# --------------------------------------------------------------------------- text helpers

_MOD = (("MR", re.compile(r"\b(?:MRI|MRA|MRV|MR)\b|magnetic resonance", re.I)),
        ("CT", re.compile(r"\b(?:CTA|CT|CAT scan)\b|computed tomograph", re.I)))
_HEADER = re.compile(r"(?:^|,)\s*([A-Z][A-Z0-9 /&()'\-]{1,40}):\s*,?\s*")
_AGE = re.compile(r"\b(\d{1,3})\s*(?:-|\s)?\s*(?:years?|yrs?|yo|y/o|y\.o\.)(?:[- ]old)?\b", re.I)


def modality(text: str) -> str | None:
    """MR or CT, whichever the text names first (None when neither)."""
    best: tuple[int, str] | None = None
    for code, pattern in _MOD:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    return best[1] if best else None


def age_in(text: str) -> int | None:
    m = _AGE.search(text)
    return int(m.group(1)) if m and int(m.group(1)) < 110 else None


def mtsamples_text(raw: str) -> str:
    """MTSamples keeps line breaks as commas ("EXAM:,MRI LEFT KNEE,FINDINGS:,..."): put the
    section headers, sentence ends and numbered items back on their own lines."""
    text = _HEADER.sub(lambda m: f"\n{m.group(1)}:\n", raw)
    text = re.sub(r"\.,\s*(?=[A-Z0-9(])", ".\n", text)
    text = re.sub(r",\s*(?=\d{1,2}\.\s)", "\n", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def mtsamples_title(sample_name: str, text: str) -> str:
    """The exam line when it names a modality, else the sample name without its suffix."""
    m = re.match(r"(?:EXAM|EXAMINATION|STUDY|PROCEDURE)S?:\n([^\n]{3,120})", text)
    if m and modality(m.group(1)):
        return m.group(1).strip().rstrip(".")
    return re.split(r"\s+-\s+|:", sample_name.strip())[0].strip()


def read_mtsamples(path: Path) -> list[Source]:
    out: list[Source] = []
    seen: set[str] = set()
    with path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            raw = row.get("transcription") or ""
            key = " ".join(raw.lower().split())
            if not key or key in seen:
                continue
            seen.add(key)
            text = mtsamples_text(raw)
            title = mtsamples_title(row.get("sample_name") or "", text)
            mod = modality(title)
            if mod is None or re.search(r"guided|guidance", title, re.I):
                continue
            nid = (row.get("note_id") or row.get("") or str(i)).strip()
            out.append(Source(f"mts-{nid}", "mtsamples", mod, title, text, age_in(text)))
    return out


_MEDPIX_PART = (  # MR image location → title body part
    ("Brain and Neuro", "BRAIN"), ("Nerve, central", "BRAIN"), ("Head and Neck", "NECK"),
    ("Eye and Orbit", "ORBITS"), ("Ophthalmology", "ORBITS"), ("Breast", "BREAST"),
    ("Cardiovascular", "HEART"), ("Chest", "CHEST"), ("Gastrointestinal", "ABDOMEN"),
)


def medpix_text(case: dict) -> str:
    """The case as a report: CLINICAL HISTORY, FINDINGS, IMPRESSION (diagnosis, differential)."""
    def field(name: str) -> str:
        value = (case.get(name) or "").strip()
        return "" if value.upper() in ("", "N/A", "NA") else value

    parts = []
    if field("History"):
        parts.append("CLINICAL HISTORY:\n" + field("History"))
    if field("Findings"):
        parts.append("FINDINGS:\n" + field("Findings"))
    impression = [field("Case Diagnosis")] if field("Case Diagnosis") else []
    if field("Differential Diagnosis"):
        impression.append("Differential diagnosis:\n" + field("Differential Diagnosis"))
    if impression:
        parts.append("IMPRESSION:\n" + "\n".join(impression))
    return "\n\n".join(parts)


def exam_title(mod: str, part: str, contrast: bool) -> str:
    """"MRI <PART> WITHOUT AND WITH CONTRAST", "MRI <PART> WITHOUT CONTRAST", "CT <PART>"."""
    tail = (" WITHOUT AND WITH CONTRAST" if contrast else
            " WITHOUT CONTRAST" if mod == "MR" else "")
    return f"{'MRI' if mod == 'MR' else 'CT'} {part}{tail}".replace("  ", " ")


def medpix_title(mod: str, images: list[dict], text: str) -> str:
    """"MRI <PART> WITHOUT AND WITH CONTRAST" from the case's own images (MedPix cases have no
    exam title): the part the images' captions name most (else the findings, else the images'
    location label), the contrast from the images' sequences."""
    captions = " ".join(str((i.get("Description") or {}).get("Caption") or "") for i in images)
    found = main_part(captions) or main_part(findings(text))
    locations = [str(i.get("Location") or "") for i in images]
    part = (_PART_TITLE.get(found[0], found[0].upper()) if found else
            next((p for loc in locations for key, p in _MEDPIX_PART if key in loc), ""))
    kinds = " ".join(str((i.get("Description") or {}).get("Modality") or "") for i in images)
    return exam_title(mod, part, bool(re.search(r"Gd|Gadolinium|w/\s*contrast", kinds)))


def read_medpix(path: Path) -> list[Source]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    desc_path = path.with_name("Descriptions.json")
    images: dict[str, list[dict]] = {}
    if desc_path.is_file():
        for d in json.loads(desc_path.read_text(encoding="utf-8")):
            images.setdefault(d.get("U_id"), []).append(d)
    out = []
    for case in cases:
        uid = case["U_id"]
        mod = "MR" if case.get("MRI") else "CT"
        own = [i for i in images.get(uid, []) if i.get("Type") == mod] or images.get(uid, [])
        text = medpix_text(case.get("Case") or {})
        if not text:
            continue
        first = (own[0].get("Description") or {}) if own else {}
        age = first.get("Age")
        out.append(Source(f"mpx-{uid}", "medpix", mod, medpix_title(mod, own, text), text,
                          int(age) if str(age or "").isdigit() else age_in(text),
                          first.get("Sex")))
    return out


# MR named by its sequences too ("T2-weighted image", "FLAIR"), as figure captions often do
_ROCO_MR = re.compile(r"\b(?:MRI?|MRA|MRCP|magnetic resonance|T[12][- ]?weighted|T[12]WI?|FLAIR"
                      r"|STIR|diffusion[- ]weighted|gadolinium)\b", re.I)
_ROCO_CONTRAST = re.compile(r"gadolinium|contrast[- ]enhanced|post[- ]?contrast|\bGd\b"
                            r"|T1\S*\s*\+\s*C\b|after (?:intravenous )?contrast", re.I)
_SEX = re.compile(r"\b(?:(man|male|boy)|(woman|female|girl))\b", re.I)
# an age stated as one ("45-year-old", "45 years old", "45 yo"), not a follow-up ("5-year MRI")
_ROCO_AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|\b(\d{1,3}) ?(?:yo|y/o)\b", re.I)


def read_roco(paths: list[Path]) -> list[Source]:
    """ROCO captions (``captions.txt``: id TAB caption; ``licences.txt`` beside it: id, PMC
    image, licence): the Creative Commons captions of one PubMed Central article, in ROCO order,
    are one report's FINDINGS, one caption a line. Read together, so that an article whose
    figures fall in two splits is one report."""
    articles: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        article: dict[str, str] = {}
        for line in path.with_name("licences.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split(",")
            if len(parts) >= 3 and parts[2].startswith(("CC BY", "CC0")):
                article[parts[0]] = parts[1].split("_")[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            rid, _, caption = line.partition("\t")
            caption = " ".join(caption.split())
            if rid in article and caption:
                articles.setdefault(article[rid], []).append(
                    (rid, caption if caption.endswith((".", "?", "!")) else caption + "."))
    out = []
    for pmc, rows in articles.items():
        captions = [c for _, c in sorted(rows, key=lambda r: (len(r[0]), r[0]))]  # ROCO order
        text = "FINDINGS:\n" + "\n".join(captions)
        mod = "MR" if _ROCO_MR.search(text) else "CT" if _MOD[1][1].search(text) else None
        if mod is None:
            continue
        own = " ".join(c for c in captions if (_ROCO_MR if mod == "MR" else _MOD[1][1]).search(c))
        found = main_part(own) or main_part(text)  # the part the exam's own captions name most
        part = _PART_TITLE.get(found[0], found[0].upper()) if found else ""
        sm, am = _SEX.search(text), _ROCO_AGE.search(text)
        sex = None if sm is None else "male" if sm.group(1) else "female"
        age = int(am.group(1) or am.group(2)) if am else None
        out.append(Source(f"roco-{pmc}", "roco", mod, exam_title(
            mod, part, mod == "MR" and bool(_ROCO_CONTRAST.search(own))), text, age, sex))
    return out


# --------------------------------------------------------------------------- orders

# a thoracic spine level ("T12 vertebral body", "at T10", "T4-T5"), not a sequence ("T1 and T2
# weighted images", "T2 hyperintense")
_T_LEVEL = (r"T(?:[1-9]|1[0-2])\s*(?:-\s*T?(?:[1-9]|1[0-2])\b|vertebra\w*|level|pedicle"
            r"|(?:vertebral\s+)?bod(?:y|ies))|(?:(?<=at )|(?<=of )|(?<=to ))T(?:[1-9]|1[0-2])\b"
            r"(?!\s*-?\s*(?:weighted|w\b|wi\b|\*|mri?\b|(?:and|&|/|,)\s*t\d|signal|hyper|hypo"
            r"|iso|imag|sequen|flair|short|bright|dark|prolong|relax|post|pre|fat|gad|contrast))")

# body part → (words naming it, CT region words, CT with contrast CPT, MRI text, MRI CPT)
PARTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("orbit", r"orbits?|orbital|optic nerve|globe|bulbus oculi|ocular", "ORBITS", "70481",
     "ORBITS", "70543"),
    ("neck", r"(?<!humeral )(?<!femoral )(?<!surgical )(?<!anatomic )(?<!bladder )(?<!radial )"
     r"(?<!talar )neck|parotid|submandibular|thyroid|larynx|laryngeal|pharyn\w*|tongue|tonsil\w*"
     r"|nasopharyn\w*|cervical lymph", "SOFT TISSUE NECK", "70491", "NECK SOFT TISSUE", "70543"),
    ("cervical-spine", r"cervical spine|c-spine|cervical cord|C[1-7]\b", "C-SPINE", "72126",
     "C-SPINE", "72156"),
    ("thoracic-spine", r"thoracic spine|t-spine|thoracic cord|" + _T_LEVEL,
     "T-SPINE",
     "72129", "T-SPINE", "72157"),
    ("lumbar-spine", r"lumbar|l-spine|lumbosacral|sacrum|sacral|cauda equina|conus|L[1-5]\b",
     "L-SPINE", "72132", "L-SPINE", "72158"),
    ("brain", r"brain|cerebr\w*|cerebell\w*|intracranial|frontal lobe|temporal lobe|parietal"
     r"|occipital|pituitary|sella\w*|(?<!left )(?<!right )ventric\w*|pons|pontine|midbrain"
     r"|thalam\w*|basal ganglia|white matter|sylvian"
     r"|posterior fossa|jugular foramen|cerebellopontine|skull base|head(?!\s+of)",
     "HEAD", "70460", "BRAIN", "70553"),
    ("breast", r"breasts?", "CHEST", "71260", "BREAST BILATERAL", "77049"),
    ("heart", r"heart|cardiac|myocard\w*|pericard\w*|ventricle", "HEART", "75572",
     "CARDIAC MORPHOLOGY AND FUNCTION", "75561"),
    ("chest", r"chest|lungs?|pulmonary|mediastin\w*|thora\w*|pleura\w*", "CHEST", "71260",
     "CHEST", "71552"),
    ("shoulder", r"shoulder|rotator cuff|supraspinatus|glenoid|humeral head|clavic\w*|deltoid",
     "SHOULDER", "73201", "SHOULDER", "73223"),
    ("elbow", r"elbow|olecranon", "ELBOW", "73201", "ELBOW", "73223"),
    ("wrist", r"wrist|hands?|fingers?|digits?|carpal|metacarp\w*|phalan\w*|scaphoid", "WRIST",
     "73201", "WRIST", "73223"),
    ("arm", r"arms?|humer\w*|forearm|radius|ulna\w*", "UPPER EXTREMITY", "73201", "UPPER EXTREMITY",
     "73220"),
    ("hip", r"hips?|acetabul\w*|femoral head", "HIP", "73701", "HIP", "73723"),
    ("knee", r"knee|menisc\w*|patell\w*|cruciate", "KNEE", "73701", "KNEE", "73723"),
    ("ankle", r"ankle|talus|achilles", "ANKLE", "73701", "ANKLE", "73723"),
    ("foot", r"foot|feet|calcane\w*|metatars\w*|toe", "FOOT", "73701", "FOOT", "73720"),
    ("thigh", r"thigh|femur|femoral|femoris|vastus|quadriceps|leg|tibia\w*|fibula\w*|calf",
     "LOWER EXTREMITY", "73701", "LOWER EXTREMITY", "73720"),
    ("kidney", r"kidneys?|renal|adrenal", "ABDOMEN", "74160", "ABDOMEN", "74183"),
    ("liver", r"liver|hepatic|pancrea\w*|spleen|splenic|gallbladder|biliary|bowel|colon\w*"
     r"|abdom\w*|retroperiton\w*|stomach|gastric|duoden\w*", "ABDOMEN", "74160", "ABDOMEN",
     "74183"),
    ("pelvis", r"pelvi\w*|uter\w*|ovar\w*|adnex\w*|prostat\w*|bladder|rect(?!us)\w*|cervix",
     "PELVIS", "72193", "PELVIS", "72197"),
)
_PART_TITLE = {"cervical-spine": "CERVICAL SPINE", "thoracic-spine": "THORACIC SPINE",
               "lumbar-spine": "LUMBAR SPINE", "wrist": "WRIST AND HAND", "kidney": "ABDOMEN",
               "liver": "ABDOMEN", "thigh": "LOWER EXTREMITY", "arm": "UPPER EXTREMITY"}
_PART_RES = [(p[0], re.compile(r"\b(?:" + p[1] + r")\b", re.I)) for p in PARTS]
_PART = {p[0]: p for p in PARTS}
_LESION = re.compile(r"\b(mass(?:es)?|lesions?|tumou?rs?|nodules?|neoplasm|cyst)\b", re.I)
_SIDE = re.compile(r"\b(left|right|bilateral)\b", re.I)
# a lesion word the sentence negates ("without evidence of a mass") names no target
_NEGATED = re.compile(r"\b(?:no|without|not|nor)\b(?:\W+\w+){0,3}\W*$", re.I)


def body_part(text: str) -> tuple[str, str] | None:
    """(part id, the words naming it) of the first body part the text names."""
    best: tuple[int, str, str] | None = None
    for pid, pattern in _PART_RES:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), pid, m.group(0))
    return (best[1], best[2]) if best else None


def findings(text: str) -> str:
    """The text from its FINDINGS (or IMPRESSION) header on; all of it without one."""
    body = re.split(r"\n(?:FINDINGS|IMPRESSION)S?:\n", "\n" + text, maxsplit=1)
    return body[1] if len(body) > 1 else text


def main_part(text: str) -> tuple[str, str] | None:
    """The body part the text names most often (the first named among equals)."""
    counts = Counter()
    first: dict[str, tuple[int, str]] = {}
    for pid, pattern in _PART_RES:
        for m in pattern.finditer(text):
            counts[pid] += 1
            first.setdefault(pid, (m.start(), m.group(0)))
    if not counts:
        return None
    pid = min(counts, key=lambda p: (-counts[p], first[p][0]))
    return pid, first[pid][1]


def _sentences(text: str) -> Iterator[str]:
    for line in findings(text).splitlines():
        yield from (s for s in re.split(r"(?<=[.;])\s+", line) if s.strip())


@dataclass(frozen=True)
class Target:
    part: str          # PARTS id
    words: str         # how the lesion is named in the orders ("LEFT THIGH MASS")
    side: str | None
    lesion: bool       # a lesion word was found (else the exam part stands for it)


def target(source: Source) -> Target:
    """The lesion the report names first (findings, impression), with its part and side;
    else the exam's own part."""
    exam = body_part(source.title) or body_part(source.text) or ("chest", "chest")
    title_side = _SIDE.search(source.title)
    for sentence in _sentences(source.text):
        lm = next((m for m in _LESION.finditer(sentence)
                   if not _NEGATED.search(sentence[:m.start()])), None)
        if not lm:
            continue
        part = body_part(sentence[lm.end():]) or body_part(sentence) or exam
        sm = _SIDE.search(sentence) or title_side
        side = sm.group(1).upper() if sm else None
        noun = re.sub(r"(?<=SS)ES$|(?<!S)S$", "", lm.group(1).upper())
        place = "THIGH" if part[1].lower() in ("femoris", "vastus") else part[1].upper()
        words = " ".join(w for w in (side, place, noun) if w)
        return Target(part[0], words, side.lower() if side else None, True)
    side = title_side.group(1).upper() if title_side else None
    words = " ".join(w for w in (side, exam[1].upper(), "LESION") if w)
    return Target(exam[0], words, side.lower() if side else None, False)


def _biopsy(t: Target) -> tuple[str, str]:
    if t.part == "brain":
        return f"STEREOTACTIC BIOPSY {'' if 'BRAIN' in t.words else 'BRAIN '}{t.words}", "61750"
    if t.part in ("neck", "orbit"):
        return f"US GUIDED FNA {t.words}", "10005"
    if t.part.endswith("spine"):
        return f"CT GUIDED NEEDLE BIOPSY {t.words}", "20225"
    if t.part in ("chest", "heart"):
        return f"CT GUIDED BIOPSY {t.words}", "32405"
    if t.part == "breast":
        return f"US GUIDED CORE BIOPSY BREAST {t.words}", "19083"
    if t.part in ("kidney", "liver", "pelvis"):
        return f"CT GUIDED CORE BIOPSY {t.words}", "49180"
    return f"IR CORE NEEDLE BIOPSY {t.words}", "20206"


def _surgery(t: Target) -> tuple[str, str | None]:
    if t.part == "brain":
        return f"CRANIOTOMY FOR EXCISION {t.words}", "61510"
    if t.part.endswith("spine"):
        level = {"cervical-spine": ("CERVICAL", "63275", "63045"),
                 "thoracic-spine": ("THORACIC", "63276", "63046"),
                 "lumbar-spine": ("LUMBAR", "63277", "63047")}[t.part]
        if t.lesion:
            return f"LAMINECTOMY EXCISION INTRASPINAL LESION {level[0]}", level[1]
        return f"LAMINECTOMY DECOMPRESSION {level[0]}", level[2]
    if not t.lesion and t.part in ("shoulder", "knee", "hip", "ankle", "elbow", "wrist"):
        code = {"shoulder": "29827", "knee": "29881", "hip": "29862", "ankle": "29898",
                "elbow": "29837", "wrist": "29846"}[t.part]
        side = f"{t.side.upper()} " if t.side else ""
        return f"ARTHROSCOPY {side}{t.part.upper()} DEBRIDEMENT/REPAIR", code
    return f"EXCISION {t.words}", None


def orders_for(source: Source) -> list[tuple[str, dict]]:
    """The draft orders for one report: (order key, ServiceRequest)."""
    t = target(source)
    part = _PART[t.part]
    sideless = ("brain", "chest", "neck", "heart")
    side = f"{t.side.upper()} " if t.side and t.part not in sideless else ""
    bx_text, bx_code = _biopsy(t)
    sx_text, sx_code = _surgery(t)
    rows: list[tuple[str, str, str | None, str | None, dict]] = [
        ("biopsy", bx_text, CPT, bx_code, {}),
        ("ct-contrast", f"CT {side}{part[2]} W IV CONTRAST", CPT, part[3], {}),
        ("mri", f"MRI {side}{part[4]} W/WO CONTRAST", CPT, part[5], {}),
        ("lab", "CBC WITH AUTO DIFF", LOINC, "57021-8", {}),
        ("lumbar-puncture", "LUMBAR PUNCTURE DIAGNOSTIC", CPT, "62270",
         {"reasonCode": [{"text": "Headache and fever"}]}),
        ("skin-punch", "BIOPSY SKIN PUNCH SINGLE LESION", CPT, "11104",
         {"reasonCode": [{"text": "Pruritic rash"}]}),
        ("surgery", sx_text, CPT if sx_code else None, sx_code, {}),
    ]
    out = []
    for key, text, system, code, extra in rows:
        concept: dict = {"text": text}
        if system and code:
            concept["coding"] = [{"system": system, "code": code}]
        out.append((key, {"resourceType": "ServiceRequest", "id": f"o-{key}", "status": "draft",
                          "intent": "order", "code": concept, **extra,
                          "authoredOn": ORDER_DATE}))
    return out


# --------------------------------------------------------------------------- bundles, calls

def bundle(source: Source, order: dict) -> dict:
    """One patient: Patient, the report, one draft order (a sample-bundle-shaped Bundle)."""
    pid = re.sub(r"[^A-Za-z0-9.-]", "-", source.id)[:60]
    born = TODAY.year - (source.age if source.age is not None else 50)
    patient = {"resourceType": "Patient", "id": pid, "birthDate": f"{born}-01-01"}
    if source.sex in ("male", "female"):
        patient["gender"] = source.sex
    data = base64.b64encode(source.text.encode("utf-8")).decode("ascii")
    report = {
        "resourceType": "DiagnosticReport", "id": f"r-{pid}"[:64], "status": "final",
        "category": [{"coding": [{"system": LOINC, "code": "LP29684-5",
                                  "display": "Radiology"}]}],
        "code": {"text": source.title}, "subject": {"reference": f"Patient/{pid}"},
        "effectiveDateTime": REPORT_DATE, "issued": f"{REPORT_DATE}T12:00:00Z",
        "presentedForm": [{"contentType": "text/plain; charset=utf-8", "data": data}],
    }
    order = {**order, "subject": {"reference": f"Patient/{pid}"}}
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"resource": r} for r in (patient, report, order)]}


def quote(detail: str) -> str:
    """The first quoted evidence line of a card's detail ("> ..."), else ''."""
    return next((line[1:].strip() for line in detail.splitlines() if line.startswith(">")), "")


def _service():
    """The service's in-process call path, as tests/test_scenarios.py runs it."""
    from cds_service.config import DEFAULT_CARDS_DIR
    from cds_service.core.card_library import load_library
    from cds_service.fhir.context import FetchLimits, gather
    from cds_service.hooks.bundle import hook_request_from_bundle
    from cds_service.hooks.request import ORDER_SELECT, parse_hook_request
    from cds_service.hooks.services import SERVICES
    from cds_service.pipeline.run import run

    library = load_library(DEFAULT_CARDS_DIR)
    spec = next(s for s in SERVICES.values() if s.hook == ORDER_SELECT)

    def call(b: dict) -> list:
        body = hook_request_from_bundle(b, hook=ORDER_SELECT)
        request = parse_hook_request(body, expected_hook=ORDER_SELECT)
        return run(request, gather(request, spec.prefetch, FetchLimits()), library,
                   today=TODAY).cards
    return call


# --------------------------------------------------------------------------- main

def sources(path: Path) -> list[Source]:
    files = [path] if path.is_file() else [
        f for name in ("mtsamples.csv", "Case_topic.json", "captions.txt") for f in path.rglob(name)
        if not any(part.startswith(".") for part in f.relative_to(path).parts)]
    out: list[Source] = []
    roco: list[Path] = []
    for f in sorted({f.resolve() for f in files}):  # a file linked twice is read once
        if f.name.endswith(".csv"):
            out.extend(read_mtsamples(f))
        elif f.name == "Case_topic.json":
            out.extend(read_medpix(f))
        elif f.name == "captions.txt" and f.with_name("licences.txt").is_file():
            roco.append(f)
    return out + (read_roco(roco) if roco else [])


def read_verdicts(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(source id, order key, rule id) → (verdict, further classes) from ``verdicts.csv``."""
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {(r["source"], r["order"], r["rule"]): (r["verdict"], r.get("also") or "")
                for r in csv.DictReader(line for line in fh if not line.startswith("#"))}


def record(path: Path, engine: str, issued: Iterable[tuple[str, str, str]]) -> int:
    """Add ``engine`` to the ``issued_on`` column of each reviewed card issued in this run;
    append a row with verdict ``new`` for each card not reviewed yet. Returns the rows added."""
    with path.open(newline="", encoding="utf-8") as fh:
        lines = fh.read().splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    fields = ["source", "order", "rule", "verdict", "also", "issued_on", "reason"]
    index = {(r["source"], r["order"], r["rule"]): r for r in rows}
    added = 0
    for key in dict.fromkeys(issued):
        row = index.get(key)
        if row is None:
            row = index[key] = dict(zip(fields[:3], key), verdict="new", also="", issued_on="",
                                    reason="")
            rows.append(row)
            added += 1
        engines = (row.get("issued_on") or "").split()
        if engine not in engines:
            row["issued_on"] = " ".join([*engines, engine])
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.writelines(comments)
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return added


def _write_tsv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        w.writerows([" ".join(str(c).split()) for c in row] for row in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path, help="fetched corpus directory or file")
    ap.add_argument("--out", type=Path, default=Path("/work/corpus/out"),
                    help="where cards.tsv and calls.tsv go (outside the repository)")
    ap.add_argument("--verdicts", type=Path, default=HERE / "verdicts.csv")
    ap.add_argument("--limit", type=int, default=0, help="first N reports only")
    ap.add_argument("--catalog", type=Path, metavar="CATALOG",
                    help="also run every name of a catalog (a RadLex Playbook .fsh, long and "
                         "short names, or a folder catalog.py reads, e.g. chargemasters) "
                         "as the draft order on each MRI report with a current mineral mention; "
                         "writes catalog_cards.tsv and prints the cards by report and rule")
    ap.add_argument("--record", metavar="COMMIT",
                    help="write COMMIT (the engine's short commit) into verdicts.csv's issued_on "
                         "for every card issued, and a 'new' row for each card not reviewed")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"corpus not found: {args.path} (fetch it first; see "
              f"tests/eval/corpus/RESULTS.md)", file=sys.stderr)
        return 2
    found = sources(args.path)
    if args.limit:
        found = found[:args.limit]
    if not found:
        print(f"no MTSamples CSV, MedPix Case_topic.json or ROCO captions under {args.path}",
              file=sys.stderr)
        return 2
    call = _service()
    cards: list[list[str]] = []
    calls: list[list[str]] = []
    for src in found:
        for key, order in orders_for(src):
            rendered = call(bundle(src, order))
            calls.append([src.id, src.modality, src.title, key, order["code"]["text"],
                          str(len(rendered))])
            for c in rendered:
                card = c.card.to_json()
                cards.append([src.id, src.modality, src.title, key, order["code"]["text"],
                              c.rule_id, "+".join(c.rules), card["indicator"], card["summary"],
                              quote(card["detail"])])
    args.out.mkdir(parents=True, exist_ok=True)
    _write_tsv(args.out / "cards.tsv", ["source", "modality", "title", "order", "order_text",
                                        "rule", "rules", "indicator", "summary", "quote"], cards)
    _write_tsv(args.out / "calls.tsv", ["source", "modality", "title", "order", "order_text",
                                        "cards"], calls)
    report_counts(found, calls, cards, read_verdicts(args.verdicts))
    if args.catalog:
        catalog_sweep(found, args.catalog, call, args.out)
    if args.record:
        added = record(args.verdicts, args.record, ((r[0], r[3], r[5]) for r in cards))
        print(f"recorded {args.record} in {args.verdicts} ({added} new rows to review)")
    print(f"tables: {args.out / 'cards.tsv'}, {args.out / 'calls.tsv'}")
    return 0


def catalog_sweep(found: list[Source], fsh: Path, call, out: Path) -> None:
    """Every catalog name as the draft order on the MRI reports that could draw a card (a
    current mineral mention): real catalog names instead of the seven generated orders."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from catalog import RADLEX, names_in

    from cds_service.core.reading import read_text

    names = names_in(fsh)  # a RadLex .fsh, or any catalog catalog.py reads (chargemasters)
    chosen = [s for s in found if s.modality == "MR"
              and any(m.counts for m in read_text(s.text).mentions)]
    rows: list[list[str]] = []
    for src in chosen:
        for n in names:
            order = {"resourceType": "ServiceRequest", "id": "o-catalog", "status": "draft",
                     "intent": "order", "authoredOn": ORDER_DATE,
                     "code": {"text": n.text, **({"coding": [{"system": n.system or RADLEX,
                                                               "code": n.code}]}
                                                 if n.code else {})}}
            rows.extend([src.id, n.catalog, n.code or "", n.text, c.rule_id]
                        for c in call(bundle(src, order)))
    _write_tsv(out / "catalog_cards.tsv", ["source", "catalog", "code", "name", "rule"], rows)
    print(f"\ncatalog sweep: {len(names)} names x {len(chosen)} MRI reports with a current "
          f"mention = {len(names) * len(chosen)} calls; {len(rows)} cards")
    for (sid, rule), n in sorted(Counter((r[0], r[4]) for r in rows).items()):
        print(f"  {sid} {rule}: {n} names")
    review = HERE / "catalog_verdicts.csv"  # source, rule, name, verdict (signed / not), reason
    if review.is_file():
        with review.open(newline="", encoding="utf-8") as fh:
            seen = {(r["source"], r["rule"], r["name"]): r["verdict"] for r in csv.DictReader(
                line for line in fh if not line.startswith("#"))}
        issued = {(r[0], r[4], r[3]) for r in rows}
        got = Counter(seen.get(k, "new") for k in issued)
        print(f"reviewed ({review.name}): signed {got['signed']}, not signed {got['not']}, "
              f"not reviewed {got['new']}; reviewed, no longer issued "
              f"{len(set(seen) - issued)} (of them signed "
              f"{sum(seen[k] == 'signed' for k in set(seen) - issued)})")
        for k in sorted(issued - set(seen)):
            print("  new:", *k)


def report_counts(found: list[Source], calls: list[list[str]], cards: list[list[str]],
                  verdicts: dict[tuple[str, str, str], tuple[str, str]]) -> None:
    """Counts only (no report text): reports, calls, cards by rule and by review verdict."""
    by_corpus = Counter((s.corpus, s.modality) for s in found)
    print("reports:", ", ".join(f"{c} {m} {n}" for (c, m), n in sorted(by_corpus.items())),
          f"(total {len(found)})")
    print(f"calls: {len(calls)}; cards: {len(cards)}; "
          f"cards by order: {dict(sorted(Counter(r[3] for r in cards).items()))}")
    keys = [(r[0], r[3], r[5]) for r in cards]
    verdict = {k: verdicts.get(k, ("new", ""))[0] for k in keys}
    print("\n| rule | cards | justified | not justified | by class | not reviewed |")
    print("|---|---|---|---|---|---|")
    for rule in sorted({k[2] for k in keys}) + ["all"]:
        mine = [v for k, v in verdict.items() if rule in ("all", k[2])]
        wrong = Counter(v for v in mine if v not in ("J", "new"))
        print(f"| {rule} | {len(mine)} | {mine.count('J')} | {sum(wrong.values())} | "
              + ", ".join(f"class {c}: {n}" for c, n in sorted(wrong.items()))
              + f" | {mine.count('new')} |")
    wrong_keys = [k for k in keys if verdict[k] not in ("J", "new")]
    print(f"\nfalse cards: {len(wrong_keys)} of {len(keys)}; counting every class that applies "
          "(primary or also): " + ", ".join(f"class {c}: {n}" for c, n in sorted(Counter(
              c for k in wrong_keys for c in {verdict[k], *verdicts[k][1].split(";")} - {""}
          ).items())))
    if verdicts:
        new = [k for k in keys if k not in verdicts]
        gone = [k for k in verdicts if k not in set(keys)]
        print(f"\nissued, not in the review (review them): {len(new)}")
        for k in new:
            print("  new:", *k)
        print(f"reviewed, no longer issued: {len(gone)} "
              f"(of them justified: {sum(verdicts[k][0] == 'J' for k in gone)})")
        for k in gone:
            print("  gone:", *k, "was", verdicts[k][0])


if __name__ == "__main__":
    sys.exit(main())
