"""What a suggested or changed order keeps of the order it comes from (P11, P11.52), and which
draft MRI a card never offers to replace (P11.44, P17.17).

Pure: a FHIR ServiceRequest as a dict in, the same dict changed; no I/O.
"""

from __future__ import annotations

from typing import Any

from cds_service.core import anatomy as regions_mod
from cds_service.core.order_text import text_contrast
from cds_service.core.orders import DraftOrder
from cds_service.core.rules import Decision


def limb_side(lead: Decision) -> str | None:
    """The side a suggested limb study names (P11: "carries … the side when known")."""
    return lead.side if lead.side in ("left", "right") and lead.ct_region in (
        "upper-extremity", "lower-extremity") else None


# Extensions whose meaning is bound to the order's code: an appropriateness rating (Argonaut
# "CDS Hooks for PAMA": pama-rating, -qcdsm-consulted, -consult-id, -auc-applied) was given
# for the procedure ordered, so it does not carry over to the procedure we change it to. We
# never add one: this service evaluates no appropriate use criteria.
CODE_BOUND_EXTENSION_PREFIX = "http://fhir.org/argonaut/Extension/pama-rating"


def as_changed(resource: dict[str, Any], lead: Decision) -> None:
    """A changed order drops its old code's extensions, keeps its side and body site (P11.52)."""
    if side := limb_side(lead):  # a limb study's side is the order's; a trunk CT keeps its own
        if not resource.get("bodySite") and (site := regions_mod.body_site(lead.site, side)):
            resource["bodySite"] = [site]
        if side not in resource["code"]["text"]:
            resource["code"]["text"] += f", {side}"
    extensions = resource.get("extension")
    if isinstance(extensions, list):
        resource["extension"] = [e for e in extensions if not (
            isinstance(e, dict) and isinstance(e.get("url"), str)
            and e["url"].startswith(CODE_BOUND_EXTENSION_PREFIX))]
        if not resource["extension"]:
            del resource["extension"]


def mri_kept(order: DraftOrder, kind: str) -> bool:
    """An MRI draft no card offers to replace: one asking what only MRI answers (purpose
    `mri-question`, P11.44), or one with contrast about a mass or node, whose contrast images show
    its "vascularity and tumor margins" (refs 4, 6) and local extent, which the noncontrast CT
    does not (P17.17); the CT is added beside it."""
    return "mri-question" in order.purposes or (
        kind in ("mass", "node") and text_contrast(order.display) in ("with", "without-and-with"))
