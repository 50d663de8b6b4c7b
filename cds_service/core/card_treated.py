"""A treated node's wording (P11.30): the report's own words relating a node's calcification
to treatment, for the nodal card to quote instead of calling it a sign of metastasis. Pure."""

from __future__ import annotations

import re

from cds_service.core.card_names import statements
from cds_service.core.reading.structure import WORDS
from cds_service.core.rules import Citation

# a node's calcification the report relates to treatment ("likely treated residual disease",
# "likely calcification after treatment"), not where it suspects tumour there, nor where the
# clause leaves it open (P11.30): words of findings_structures.json
_TREATED, _SUSPECT, _OPEN = (WORDS[k] for k in ("treated", "treated_suspected", "treated_open"))


def treatment_said(first: Citation) -> str:
    """The report's own words relating a node's calcification to treatment: the clause of a
    statement about the node that names both, else the treatment ("Calcified left
    supraclavicular node, likely treated residual disease"); "" for none (P11.30)."""
    m, _, _, same = statements(first)
    clauses = [c.strip() for x in same if m.kind == "node" for t in (x.sentence, x.antecedent)
               if t for c in re.split(r";|,|\.\s", t) if _TREATED.search(c)
               and not _OPEN.search(c)]  # "differential includes a treated granulomatous node"
    if not clauses or any(_SUSPECT.search(t) for x in same for t in (x.sentence, x.antecedent)
                          if t):
        return ""
    mineral = [c for c in clauses if any(x.term.lower() in c.lower() for x in same)]
    said = (mineral or clauses)[0].rstrip(".")
    return said if len(said) <= 160 else said[:160].rsplit(" ", 1)[0] + " …"
