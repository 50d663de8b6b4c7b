"""The predicates of the clinical rules (``core/rules.py``): which orders depend on the
calcification, which mentions a rule reads, which patients. Each is a pure function of an order,
a citation or the patient's facts; the rules that use them cite the guidance.
"""

from __future__ import annotations

from cds_service.core import anatomy
from cds_service.core.evidence import Citation, PatientFacts
from cds_service.core.order_text import CARDIO_QUESTIONS, question_purposes
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import Mention

# Site groups are anatomy data (data/anatomy.json): a site belongs when it or an is_a ancestor
# is the group. Checked at import, like card names are checked when cards load.
DEEP = "deep-locations"
DEEP_TISSUE = "deep-soft-tissue"  # the tissue words of depth: intramuscular, subfascial
CRYSTAL = "crystal-deposition-sites"
CARDIAC = "heart"
VESSEL_SITES = ("aorta", "vessels")  # a CT angiogram naming one studies its wall (P4.20)
PEDIATRIC_FLANK = "flank-mass-sites"
ORGANS = "organs"
CAVITY = "thoracic-cavity"  # the lung and pleura: never a deep soft-tissue mass (P4.9a)
anatomy.require((DEEP, DEEP_TISSUE, CRYSTAL, CARDIAC, PEDIATRIC_FLANK, ORGANS, CAVITY,
                 *VESSEL_SITES))
NODAL_CONTEXTS = frozenset({"lymph-node", "mixed-signal-node"})
CARDIO_SURGERY = frozenset({"pericardial", "valvular"})  # operations on a heart structure
CHARACTERIZING_PURPOSES = frozenset({
    "characterize", "mass", "crystal-deposition", "cardiovascular", "lymph-node",
})



# --- which orders depend on the calcification -------------------------------------------

def depends_on_mass_mineralization(order: DraftOrder) -> bool:
    """A biopsy, a contrast CT, or an MRI ordered to characterize it."""
    return order.kind in ("biopsy", "ct-contrast") or (
        order.kind == "mri" and bool(order.purposes & CHARACTERIZING_PURPOSES))


def crystal_order(order: DraftOrder) -> bool:
    """Imaging that MRI or a contrast CT would answer: crystal deposition is about which
    imaging shows it, so a joint aspiration or a urate level does not depend on it (P15.1)."""
    return order.kind in ("mri", "ct-contrast")


def _heart_order(order: DraftOrder) -> bool:
    """Orders that depend on the heart or the vessels, not every contrast chest CT (P4.4)."""
    return order.kind in ("mri", "ct-contrast") and (
        order.region == "cardiac" or bool(CARDIO_QUESTIONS & order.purposes)
        or anatomy.any_is_a(order.sites, CARDIAC))


def vessel_study(order: DraftOrder) -> bool:
    """A contrast-only CT angiogram naming a vessel ("CTA Chest Aorta w/ Contrast", CPT 71275
    named so): it studies that vessel's wall, whose calcification its contrast may hide (P4.20);
    not a PE protocol or a CTA naming no vessel, nor one with noncontrast images."""
    return order.kind == "ct-contrast" and "vascular" in order.purposes and any(
        anatomy.any_is_a(order.sites, v) for v in VESSEL_SITES)


def cardio_order(order: DraftOrder) -> bool:
    return _heart_order(order) or vessel_study(order)


def lymph_node_order(order: DraftOrder) -> bool:
    return ("lymph-node" in order.sites | order.purposes if order.kind == "biopsy"
            else order.kind in ("mri", "ct-contrast"))


# --- which mentions ------------------------------------------------------------------------

def is_calcification(c: Citation) -> bool:
    m = c.mention
    return m.concept in ("calcification", "t1-hyperintensity") or (
        m.concept == "signal-void" and "calcification" in m.differential)


def _sites(c: Citation) -> frozenset[str]:
    """The sites the mention's sentence names (the nearest one first among them)."""
    site = c.mention.site
    return c.mention.sentence_sites or frozenset(() if site is None else (site,))


def deep_mass(c: Citation) -> bool:
    """A deep location other than an organ names the mass: an organ's mass (adnexa, parotid,
    kidney) is not a deep soft-tissue mass, though the adnexa lie in the pelvis (P17.4); a limb
    space deep to the fascia names one though its site is not deep ("popliteal fossa"), and a
    mass the report places superficial to the fascia is none though its place is (P4.9); a mass
    whose own place is an organ is the organ's ("pelvic mass arising from the uterus", P17.5),
    one of the pleura or lung the thoracic cavity's, the chest wall beside it a landmark (P4.9a)."""
    if (anatomy.is_a(c.mention.site, ORGANS) or anatomy.is_a(c.mention.site, CAVITY)
            or c.among(c.cystic)):  # a cyst is not a soft-tissue mass (P4.9c)
        return False
    sites = _sites(c) or c.report.findings.sites
    # "intramuscular"; a deep space or a muscle compartment unless the report places the mass
    # superficial to the fascia ("subcutaneous …; the anterior compartment muscles are normal")
    deep = DEEP_TISSUE in sites or "deep-space" in c.mention.contexts and not c.among(c.superficial)
    return (is_calcification(c)
            and "soft-tissue-mass" in (c.mention.contexts | c.report.findings.contexts)
            and (deep or not _superficial(c) and any(
                anatomy.is_a(s, DEEP) and not anatomy.is_a(s, ORGANS) for s in sites)))


def _superficial(c: Citation) -> bool:
    """The report places the mass superficial to the fascia ("subcutaneous mass") and no depth
    word puts it deep ("intramuscular"); a deep space or compartment named beside it does not
    (P4.9, P4.9b)."""
    return (c.among(c.superficial)
            and DEEP_TISSUE not in (_sites(c) or c.report.findings.sites))


def ossification(c: Citation) -> bool:
    return c.mention.concept == "ossification" or bool(
        c.mention.contexts & {"myositis-ossificans", "ossification-vs-calcification"})


def open_void(m: Mention) -> bool:
    """A void whose cause is left open, or among several; a void the report calls (possibly)
    calcification and nothing else ("low-signal foci consistent with calcification") is a
    calcification mention, for the calcification rules (P7.4)."""
    if m.concept == "signal-void":
        return m.differential != ("calcification",)
    return "signal-void" in m.contexts and bool(set(m.differential) - {"calcification"})


def signal_void(c: Citation) -> bool:
    """An open void of a structure whose calcification no statement names in words: where one
    does, the calcification rules speak for the structure (P1.3, P7.4)."""
    return open_void(c.mention) and not c.among(c.stated)


def crystal(c: Citation) -> bool:
    return "crystal-deposition" in c.mention.contexts or (
        is_calcification(c) and anatomy.any_is_a(_sites(c), CRYSTAL))


def _heart(c: Citation) -> bool:
    return (is_calcification(c) or c.mention.concept == "signal-void") and (
        anatomy.any_is_a(_sites(c), CARDIAC)
        or bool(c.mention.contexts & {"infarct", "pericarditis"}))


def cardio(c: Citation) -> bool:
    """The heart's calcification (P4.4), or a vessel's own: an aneurysm's wall, a dissection's
    intimal flap, an arteritis's wall (kind ``vessel``, P4.20)."""
    return _heart(c) or (c.mention.kind == "vessel" and is_calcification(c))


def cardio_fits(order: DraftOrder, c: Citation) -> bool:
    """The heart's calcification before an order of the heart (P4.4); a vessel's own, not the
    heart's, only before a CT angiogram naming that vessel (P4.20), which target_matches places."""
    return _heart_order(order) if _heart(c) else vessel_study(order)


def pediatric_flank(c: Citation) -> bool:
    """A flank mass of a child, not a subcutaneous nodule of the flank (a pilomatricoma is no
    neuroblastoma, P4.9)."""
    return (is_calcification(c)
            and anatomy.any_is_a(_sites(c) or c.report.findings.sites, PEDIATRIC_FLANK)
            and "soft-tissue-mass" in (c.mention.contexts | c.report.findings.contexts)
            and not _superficial(c))


def nodal(c: Citation) -> bool:
    """A node's calcification, or its MRI sign: mixed signal, or a void, blooming or dark foci
    the report gives no other cause (P2.6, P2.6a)."""
    return bool(c.mention.contexts & NODAL_CONTEXTS) and (
        is_calcification(c) or "mixed-signal-node" in c.mention.contexts
        or c.mention.concept == "signal-void")


def surgical_target(c: Citation) -> bool:
    """A calcified thing the operation can act on: a mass, a bone lesion, a tendon deposit, or
    a joint's named deposit or bodies; not a joint's diffuse crystal deposition
    (chondrocalcinosis of the menisci before an arthroscopic debridement, P18.2)."""
    return is_calcification(c) and (c.mention.kind != "joint" or c.mention.lesion is not None)


def operated_on(order: DraftOrder, c: Citation) -> bool:
    """A heart structure is the operation's when the order asks the question its sentence names:
    a pericardiectomy the calcified pericardium, a valve replacement the calcified valve (P18.7)."""
    return c.mention.kind != "heart" or bool(
        order.purposes & CARDIO_SURGERY & question_purposes(c.mention.sentence))


def is_child(p: PatientFacts) -> bool:
    return p.age_years is not None and p.age_years < 18
