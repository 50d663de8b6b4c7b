"""A treated node's wording (P11.30): the report's own words relating a node's calcification
to treatment, for the nodal card to quote instead of calling it a sign of metastasis; and those
giving the node a cause other than metastasis and arguing against metastasis ("tuberculous
lymphadenitis is favoured; necrotic nodal metastasis … is less likely", P11.57), of the node's
statements and of the report's sentences describing nodes of its side and place
(``reading/described.py``: an Impression rarely repeats the node's mineral). Words in
``data/findings_structures.json``; linear: bounded patterns over each sentence. Pure."""

from __future__ import annotations

import re

from cds_service.core import anatomy
from cds_service.core.card_names import statements
from cds_service.core.reading.described import described
from cds_service.core.reading.structure import WORDS, argued_against
from cds_service.core.rules import Citation

# a node's calcification the report relates to treatment ("likely treated residual disease",
# "likely calcification after treatment"), not where it suspects tumour there, nor where the
# clause leaves it open (P11.30); a treated granulomatous disease ("possibly related to treated
# sarcoidosis") is the disease's, not the node's (P11.93): words of findings_structures.json
_TREATED, _SUSPECT, _OPEN, _DISEASE = (WORDS[k] for k in (
    "treated", "treated_suspected", "treated_open", "treated_disease"))
_CLAUSE = re.compile(r"[:;,]")
_MAX_QUOTE = 160


def treatment_said(first: Citation) -> str:
    """The report's own words relating a node's calcification to treatment: the clause of a
    statement about the node that names both, else the treatment ("Calcified left
    supraclavicular node, likely treated residual disease"); "" for none (P11.30)."""
    m, _, _, same = statements(first)
    clauses = [c.strip() for x in same if m.kind == "node" for t in (x.sentence, x.antecedent)
               if t for c in re.split(r";|,|\.\s", t) if _TREATED.search(_DISEASE.sub(" ", c))
               and not _OPEN.search(c)]  # "differential includes a treated granulomatous node"
    if not clauses or any(_SUSPECT.search(t) for x in same for t in (x.sentence, x.antecedent)
                          if t):
        return ""
    mineral = [c for c in clauses if any(x.term.lower() in c.lower() for x in same)]
    said = (mineral or clauses)[0].rstrip(".")
    return said if len(said) <= 160 else said[:160].rsplit(" ", 1)[0] + " …"


def suspects(s: str) -> bool:
    """Whether a sentence keeps metastasis or malignancy in view: names it without arguing
    against it ("suspicious for metastasis", "metastasis is favoured", P2.39), or leaves it
    open ("versus", "differential", "cannot be excluded")."""
    return bool(WORDS["node_suspected"].search(s)) or any(
        not argued_against(s, m) for m in WORDS["metastasis"].finditer(s))


def _favoured(s: str, cause: re.Match[str]) -> bool:
    return bool(WORDS["node_cause_before"].search(s, max(0, cause.start() - 48), cause.start())
                or WORDS["node_cause_after"].match(s, cause.end()))


def other_cause(s: str) -> str:
    """A sentence's words, from the clause that favours a cause other than metastasis
    ("tuberculous lymphadenitis is favoured; …") or argues against metastasis ("metastatic
    disease is considered unlikely"), to its end; "" where it suspects metastasis (P11.57)."""
    if suspects(s):
        return ""
    starts = [c.start() for c in WORDS["node_cause"].finditer(s) if _favoured(s, c)] + [
        m.start() for m in WORDS["metastasis"].finditer(s)]  # each argued against
    if not starts:
        return ""
    first = min(starts)
    a = max((c.end() for c in _CLAUSE.finditer(s, 0, first)), default=0)
    said = s[a:].strip().rstrip(".")
    return said if len(said) <= _MAX_QUOTE else said[:_MAX_QUOTE].rsplit(" ", 1)[0] + " …"


def cause_said(first: Citation) -> str:
    """The report's own words giving the cited node a cause other than metastasis, or arguing
    against metastasis: of a statement about the node, else of a sentence of the report
    describing nodes of its side and place; "" for a treated node (P11.30), or where a
    statement about the node suspects metastasis (P11.57)."""
    m, _, _, same = statements(first)
    texts = [t for x in same for t in (x.sentence, x.antecedent) if t]
    if m.kind != "node" or treatment_said(first) or any(suspects(t) for t in texts):
        return ""
    side = m.side or next((s for t in texts if (s := anatomy.side_in(t))), None)
    sites = {x.site for x in same if x.site} - {"lymph-node"}
    return next((said for t in texts if (said := other_cause(t))), "") or next((
        said for t in described(first.report.segments) if WORDS["node"].search(t)
        and anatomy.sides_match(side, anatomy.side_in(t))
        and _near(sites, {sid for _, _, sid in anatomy.find_sites(t)} - {"lymph-node"})
        and (said := other_cause(t))), "")


def _near(sites: set[str], places: set[str]) -> bool:
    """Whether the node's places and the sentence's are one: either names none (a node named
    only as a lymph node), or one lies in the other."""
    return not sites or not places or any(
        anatomy.is_a(a, b) or anatomy.is_a(b, a) for a in sites for b in places)
