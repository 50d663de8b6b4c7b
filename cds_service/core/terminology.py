"""Order code tables: ``data/terminology/*.csv`` (CPT, LOINC, SNOMED CT order codes, coded
reasons, code-system aliases), loaded and checked once, at import.

Each row keeps where it came from (``file:line``) so that the anatomy loader, which checks
the region and site ids of every row against the one anatomy table, names the row it refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from cds_service.core.loader import DataError, csv_rows, split_list

OrderKind = Literal["biopsy", "surgery", "ct-noncontrast", "ct-contrast", "ct-without-and-with",
                    "mri", "radiography", "ultrasound", "other"]

ORDER_KINDS: frozenset[str] = frozenset(get_args(OrderKind))
# Two further values exist only inside the tables: "ct" (contrast not stated) and "guidance".
TABLE_KINDS: frozenset[str] = ORDER_KINDS | {"ct", "guidance"}
# "vascular": an angiographic or PE protocol, about vessels and not a lesion (P15.4);
# "bowel": a CT colonography or enterography, about the bowel lumen and wall (P15.4);
# "trauma": a trauma CT, about injuries (P15.4);
# "bone", "soft-tissue", "biliary": the tissue or system a biopsy names (P3.3);
# "muscle": a muscle the order names, so not a lesion inside the bone beside it (P15.9);
# "arthrogram": contrast put into the joint, not into a vein (P11.1);
# "coronary", "pericardial", "valvular": the cardiovascular structure an order asks about (P11.13);
# "subdural", "brain-tumour": an operation on a subdural or extradural collection, or on an
# intracranial tumour named as one, the one not the other (P18.24);
# "surveillance": a follow-up of a known finding, which asks no new question (P4.13a)
# "contrast-question": what IV contrast answers beside a noncontrast CT: an infection, enhancement,
# vascularity, synovitis (P13.14)
PURPOSES: frozenset[str] = frozenset(
    {"crystal-deposition", "cardiovascular", "characterize", "mass", "lymph-node", "vascular",
     "bowel", "trauma", "bone", "soft-tissue", "muscle", "biliary", "arthrogram", "coronary",
     "pericardial", "valvular", "surveillance", "staging", "mri-question", "contrast-question",
     "subdural", "brain-tumour"})
CPT_SYSTEM = "http://www.ama-assn.org/go/cpt"

DATA_DIR = "terminology"
CODE_FILES = ("cpt.csv", "loinc.csv", "snomed.csv")
CODE_COLUMNS = ["system", "code", "kind", "region", "sites", "purposes", "display"]

TerminologyError = DataError


@dataclass(frozen=True, slots=True)
class CodeEntry:
    system: str
    code: str
    kind: str                     # one of TABLE_KINDS
    region: str | None            # anatomy region id (checked by anatomy at load)
    sites: frozenset[str]         # anatomy site ids (checked by anatomy at load)
    purposes: frozenset[str]
    display: str
    where: str                    # "cpt.csv:51"


def _path(name: str) -> str:
    return f"{DATA_DIR}/{name}"


def load_systems(text: str | None = None) -> dict[str, str]:
    """Code-system aliases → canonical system URIs (``systems.csv``)."""
    return {row["alias"]: row["system"]
            for _, row in csv_rows(_path("systems.csv"), ["alias", "system"], text)}


SYSTEM_ALIASES: dict[str, str] = load_systems()


def canonical_system(system: str) -> str:
    return SYSTEM_ALIASES.get(system, system)


def _purposes(where: str, value: str) -> frozenset[str]:
    purposes = split_list(value)
    if purposes - PURPOSES:
        raise DataError(f"{where}: unknown purposes {sorted(purposes - PURPOSES)}")
    return purposes


def load_codes(texts: dict[str, str] | None = None) -> dict[tuple[str, str], CodeEntry]:
    """Order codes of every code file; ``texts`` (file name → CSV text) replaces files."""
    out: dict[tuple[str, str], CodeEntry] = {}
    for name in CODE_FILES:
        text = (texts or {}).get(name)
        for where, row in csv_rows(_path(name), CODE_COLUMNS, text):
            if row["kind"] not in TABLE_KINDS:
                raise DataError(f"{where}: unknown kind {row['kind']!r}")
            if not row["code"] or not row["display"]:
                raise DataError(f"{where}: code and display are required")
            entry = CodeEntry(
                system=canonical_system(row["system"]), code=row["code"], kind=row["kind"],
                region=row["region"] or None, sites=split_list(row["sites"]),
                purposes=_purposes(where, row["purposes"]), display=row["display"],
                where=where)
            key = (entry.system, entry.code)
            if key in out:
                raise DataError(f"{where}: duplicate code {key[0]}|{key[1]}")
            out[key] = entry
    return out


def load_reasons(text: str | None = None) -> dict[tuple[str, str], frozenset[str]]:
    """Coded order reasons → purposes (``reasons.csv``)."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for where, row in csv_rows(_path("reasons.csv"), ["system", "code", "purposes", "display"],
                               text):
        purposes = _purposes(where, row["purposes"])
        if not purposes:
            raise DataError(f"{where}: purposes required")
        key = (canonical_system(row["system"]), row["code"])
        if key in out:
            raise DataError(f"{where}: duplicate code {key[0]}|{key[1]}")
        out[key] = purposes
    return out


CODES: dict[tuple[str, str], CodeEntry] = load_codes()
REASONS: dict[tuple[str, str], frozenset[str]] = load_reasons()
