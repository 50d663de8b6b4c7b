"""Tendons named by their bony attachments (``attachments`` of the one anatomy table,
``data/anatomy.json``; docs/matching-policy.md P2.34, P14.20): "the calcific deposit at the
medial epicondyle" names the common flexor origin, "at the greater tuberosity" the supraspinatus,
infraspinatus or teres minor. Read by the reader (a deposit at an attachment is a tendon's) and
by the rules (a newer report's "gone" said either way reaches the older statement said the other
way). Checked at import: a bad table stops it.
"""

from __future__ import annotations

from cds_service.core.anatomy import FILE
from cds_service.core.loader import Where, check_keys, load_json, str_list
from cds_service.core.textmatch import PhraseMatcher


def load(data: dict[str, object] | None = None) -> tuple[PhraseMatcher, PhraseMatcher]:
    """The matchers of tendon names and of bony attachments, each labelled with the tendon ids
    the phrase names (``data`` replaces the table's ``attachments``, for tests)."""
    where = Where(FILE) / "attachments"
    if data is None:
        data = load_json(FILE)[0].get("attachments", {"tendons": {}, "bones": {}})
    check_keys(data, where, {"tendons", "bones"}, set())
    tendons, bones = data["tendons"], data["bones"]
    if not isinstance(tendons, dict) or not isinstance(bones, dict):
        raise where.error("tendons and bones must be objects")
    named: dict[str, set[str]] = {}
    for tid, phrases in tendons.items():
        for phrase in str_list(phrases, where / "tendons" / tid):
            named.setdefault(phrase.lower(), set()).add(tid)
    attached: list[tuple[str, frozenset[str]]] = []
    for phrase, ids in bones.items():
        found = frozenset(str_list(ids, where / "bones" / phrase))
        if unknown := found - tendons.keys():
            raise (where / "bones" / phrase).error(f"unknown tendons {sorted(unknown)}")
        attached.append((phrase, found))
    return (PhraseMatcher((), f"{where}.tendons",
                          phrases=[(p, frozenset(ids)) for p, ids in named.items()]),
            PhraseMatcher((), f"{where}.bones", phrases=attached))


TENDONS, BONES = load()


def tendons_named(text: str) -> frozenset[str]:
    """The tendons a text names, by their own name or by a bony attachment ("the medial
    epicondyle": the common flexor origin)."""
    return frozenset().union(*(ids for _, _, ids in TENDONS.find(text)),
                             *(ids for _, _, ids in BONES.find(text)))


def attachment_in(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` names a tendon's bony attachment."""
    return any(True for _ in BONES.find(text[start:end]))


def attached_tendon(text: str) -> str:
    """The tendon a text names only by the bony attachment of that one tendon, as a card names
    it ("the medial epicondyle": "common flexor tendon origin"; P11.16, P2.34); "" where the
    attachment is several tendons' (the greater tuberosity) or none is named."""
    found = frozenset().union(*(ids for _, _, ids in BONES.find(text)))
    name = next(iter(found)).replace("-", " ") if len(found) == 1 else ""
    return name.replace(" origin", " tendon origin")  # as P11.16 names an origin
