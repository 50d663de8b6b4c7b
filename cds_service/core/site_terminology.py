"""A site's own order-code tables (``CDS_TERMINOLOGY_DIR``), added to the shipped ones:
format, checks and how a row replaces a shipped one in docs/site-terminology.md. ``load``
reads and checks a directory; ``apply`` makes a loaded set (or None: the shipped tables) the
one the order reader uses, in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cds_service.core import anatomy, terminology
from cds_service.core.loader import DataError, csv_rows, split_list
from cds_service.core.terminology import CODE_COLUMNS, CodeEntry

REASON_COLUMNS = ["system", "code", "purposes", "display"]
SYSTEM_COLUMNS = ["alias", "system"]
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 100

_SHIPPED_CODES = dict(terminology.CODES)
_SHIPPED_REASONS = dict(terminology.REASONS)
_SHIPPED_ALIASES = dict(terminology.SYSTEM_ALIASES)


@dataclass(frozen=True)
class SiteTables:
    """What a site directory adds; ``where`` names it in messages."""

    where: str
    aliases: dict[str, str] = field(default_factory=dict)
    codes: dict[tuple[str, str], CodeEntry] = field(default_factory=dict)
    reasons: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    @property
    def overridden(self) -> int:
        """How many site codes replace a shipped row."""
        return sum(1 for key in self.codes if key in _SHIPPED_CODES)


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DataError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise DataError(f"CDS_TERMINOLOGY_DIR {directory}: not a directory")
    files = sorted(p for p in directory.iterdir() if p.suffix == ".csv" and p.is_file())
    if not files:
        raise DataError(f"CDS_TERMINOLOGY_DIR {directory}: no .csv files")
    if len(files) > MAX_FILES:
        raise DataError(f"CDS_TERMINOLOGY_DIR {directory}: more than {MAX_FILES} .csv files")
    return files


def load(directory: str | Path) -> SiteTables:
    """Read and check a site's tables; raise DataError naming ``file:line`` on any problem."""
    directory = Path(directory)
    files = _files(directory)
    by_name = {p.name: p for p in files}
    aliases = dict(_SHIPPED_ALIASES)
    site_aliases: dict[str, str] = {}
    if "systems.csv" in by_name:
        path = by_name["systems.csv"]
        for where, row in csv_rows(str(path), SYSTEM_COLUMNS, _read(path)):
            if not row["alias"] or not row["system"]:
                raise DataError(f"{where}: alias and system are required")
            site_aliases[row["alias"]] = row["system"]
    aliases.update(site_aliases)

    def canonical(system: str) -> str:
        return aliases.get(system, system)

    reasons: dict[tuple[str, str], frozenset[str]] = {}
    if "reasons.csv" in by_name:
        path = by_name["reasons.csv"]
        for where, row in csv_rows(str(path), REASON_COLUMNS, _read(path)):
            purposes = _purposes(where, row["purposes"])
            if not row["code"] or not purposes:
                raise DataError(f"{where}: code and purposes are required")
            key = (canonical(row["system"]), row["code"])
            if key in reasons:
                raise DataError(f"{where}: duplicate code {key[0]}|{key[1]}")
            reasons[key] = purposes

    codes: dict[tuple[str, str], CodeEntry] = {}
    for path in files:
        if path.name in ("systems.csv", "reasons.csv"):
            continue
        for where, row in csv_rows(str(path), CODE_COLUMNS, _read(path)):
            entry = _code_entry(where, row, canonical)
            key = (entry.system, entry.code)
            if key in codes:
                raise DataError(f"{where}: duplicate code {key[0]}|{key[1]} (also "
                                f"{codes[key].where})")
            codes[key] = entry
    _check_against_anatomy(codes)
    return SiteTables(where=str(directory), aliases=site_aliases, codes=codes, reasons=reasons)


def _purposes(where: str, value: str) -> frozenset[str]:
    purposes = split_list(value)
    if purposes - terminology.PURPOSES:
        raise DataError(f"{where}: unknown purposes {sorted(purposes - terminology.PURPOSES)}; "
                        f"one of {', '.join(sorted(terminology.PURPOSES))}")
    return purposes


def _code_entry(where: str, row: dict[str, str], canonical: Callable[[str], str]) -> CodeEntry:
    if row["kind"] not in terminology.TABLE_KINDS:
        raise DataError(f"{where}: unknown kind {row['kind']!r}; one of "
                        f"{', '.join(sorted(terminology.TABLE_KINDS))}")
    if not row["system"] or not row["code"] or not row["display"]:
        raise DataError(f"{where}: system, code and display are required")
    return CodeEntry(
        system=canonical(row["system"]), code=row["code"], kind=row["kind"],
        region=row["region"] or None, sites=split_list(row["sites"]),
        purposes=_purposes(where, row["purposes"]), display=row["display"],
        where=where)


def _check_against_anatomy(codes: dict[tuple[str, str], CodeEntry]) -> None:
    """Regions and sites must be the anatomy table's; suggested CPT codes keep their meaning."""
    regions = anatomy.all_regions()
    sites = anatomy.site_ids()
    suggested: dict[str, tuple[str, str]] = {}
    for region in regions.values():
        suggested[region.noncontrast.cpt] = ("ct-noncontrast", region.id)
        if region.without_and_with is not None:
            suggested[region.without_and_with.cpt] = ("ct-without-and-with", region.id)
    for entry in codes.values():
        if entry.region is not None and entry.region not in regions:
            raise DataError(f"{entry.where}: unknown region {entry.region!r}; one of "
                            f"{', '.join(sorted(regions))}")
        unknown = entry.sites - sites
        if unknown:
            raise DataError(f"{entry.where}: unknown sites {sorted(unknown)} (the site ids of "
                            "cds_service/data/anatomy.json)")
        meaning = suggested.get(entry.code) if entry.system == terminology.CPT_SYSTEM else None
        if meaning is not None and (entry.kind, entry.region) != meaning:
            raise DataError(f"{entry.where}: CPT {entry.code} is what the service suggests for "
                            f"{meaning[0]} of {meaning[1]}; a site table cannot change that")


def apply(tables: SiteTables | None) -> None:
    """Make the shipped tables plus ``tables`` the ones the order reader uses (None: shipped)."""
    aliases = {**_SHIPPED_ALIASES, **(tables.aliases if tables else {})}
    codes = {**_SHIPPED_CODES, **(tables.codes if tables else {})}
    reasons = {**_SHIPPED_REASONS, **(tables.reasons if tables else {})}
    # in place: orders and anatomy read these module dicts
    terminology.SYSTEM_ALIASES.clear()
    terminology.SYSTEM_ALIASES.update(aliases)
    terminology.CODES.clear()
    terminology.CODES.update(codes)
    terminology.REASONS.clear()
    terminology.REASONS.update(reasons)
