"""A stream of distinct patients, the traffic an EHR sends: every call a new patient whose report
text the service has never seen.

A pool of request templates is generated once (varied sentences, report lengths, sites,
modalities, dates; one patient in ten has a calcification word somewhere in the record, the
others none, as in real traffic). Every call then stamps a new number into the template: the
patient id (and so every resource id and reference) and an accession number inside every
report's text. The text is base64 in ``presentedForm``; the accession sits on a 3-byte
boundary, so its base64 is a fixed 20-character run that can be replaced without decoding
(``stamp`` in Python, the same in the wrk Lua script). No call repeats a body, a resource or a
report text.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
from typing import Any

import orjson

from benchmarks import data
from benchmarks.load import WRK_DONE, WRK_SETUP, WRK_TOKENS

PATIENT_MARK = "PT000000000000"  # 14 characters, replaced by "PT" + 12 digits
ACCESSION_MARK = "ACC000000000000"  # 15 characters (5 base64 quanta), "ACC" + 12 digits
ACCESSION_B64 = base64.b64encode(ACCESSION_MARK.encode()).decode()  # 20 characters
HOOK_MARK = "HK0000000000"  # 12 characters, the last group of the hookInstance UUID: 12 digits
# Every mark, in the order of its kind number (1-based in the wrk pool lines and Lua).
MARKS = (PATIENT_MARK, ACCESSION_MARK, ACCESSION_B64, HOOK_MARK)
_SPLIT = re.compile("|".join(re.escape(m) for m in MARKS).encode())

_FINDINGS = [
    "No acute osseous abnormality.", "Marrow signal is within normal limits.",
    "The visualized muscles demonstrate normal bulk and signal intensity.",
    "No joint effusion.", "The ligaments and tendons are intact.",
    "No lymphadenopathy by size criteria.", "The neurovascular bundle is unremarkable.",
    "Mild degenerative change without fracture or dislocation.",
    "Subcutaneous fat planes are preserved.", "No fluid collection.",
    "There is a {n} mm simple cyst without septation.",
    "Small amount of edema in the soft tissues.",
    "No focal enhancing lesion.", "The cortex is intact.", "No stress fracture.",
    "Moderate tendinosis without tear.", "The labrum is grossly intact.",
    "Postsurgical change is noted without complication.", "The visualized organs are normal.",
    "No free fluid in the pelvis.", "A {n} mm lymph node is within normal limits for size.",
    "Mild bowel wall thickening, likely underdistension.", "Trace pleural effusion.",
    "Scattered diverticula without diverticulitis.", "Atelectasis at the lung bases.",
    "Stable {n} mm nodule compared with prior.", "Heterogeneous enhancement of the uterus.",
    "The kidneys enhance symmetrically.", "No hydronephrosis.", "The spleen is normal in size.",
]
_IMPRESSIONS = [
    "No acute abnormality.", "Stable examination compared with the prior study.",
    "Mild degenerative change. No mass.", "No findings to explain the symptoms.",
    "Findings as above; follow-up as clinically indicated.",
]
_CALCIFIED = [
    "There is a {n} cm heterogeneous soft tissue mass in the {site} with internal "
    "calcification.",
    "Foci of susceptibility artifact within the {site} lesion, calcification versus "
    "hemosiderin.",
    "Chondroid matrix mineralization in the {site} lesion suggests calcification.",
]
_SITES = ["left thigh", "right shoulder", "left flank", "pelvis", "right knee", "neck", "chest",
          "lumbar spine", "abdomen", "right ankle", "left wrist", "brain"]


def _text(rng: random.Random, title: str, site: str, calcified: str | None) -> str:
    findings = rng.sample(_FINDINGS, rng.randint(1, 5))
    findings = [f.format(n=rng.randint(2, 40)) for f in findings]
    impression = rng.choice(_IMPRESSIONS)
    if calcified:
        findings.insert(rng.randint(0, len(findings)), calcified)
        impression = calcified
    head = f"EXAMINATION: {title}.\nACCESSION: "
    pad = (-len(head.encode())) % 3  # put the accession on a base64 quantum boundary
    return (
        head + " " * pad + ACCESSION_MARK + ".\n"
        f"CLINICAL HISTORY: {rng.choice(['Pain', 'Swelling', 'Follow-up', 'Trauma'])}, {site}.\n"
        f"TECHNIQUE: Multiplanar imaging of the {site}.\n"
        "COMPARISON: None.\n"
        f"FINDINGS:\n{' '.join(findings)}\n"
        f"IMPRESSION:\n{impression}\n"
    )


def _encode(text: str) -> str:
    """base64 of a report text, with its accession mark still findable in the encoded form."""
    encoded = base64.b64encode(text.encode()).decode()
    if ACCESSION_B64 not in encoded:
        raise AssertionError("the accession mark is not on a base64 quantum boundary")
    return encoded


def _report(rng: random.Random, i: int, day: dt.date, calcified: bool,
            forced_site: str | None = None) -> dict[str, Any]:
    site = forced_site or rng.choice(_SITES)
    modality = "MR" if forced_site or rng.random() < 0.6 else "CT"
    title = (f"MRI {site} without and with contrast" if modality == "MR"
             else f"CT {site} {rng.choice(['with', 'without'])} contrast")
    calc = rng.choice(_CALCIFIED).format(n=rng.randint(2, 9), site=site) if calcified else None
    text = _text(rng, title, site, calc)
    conclusion = None
    if rng.random() < 0.5:
        conclusion = (calc or rng.choice(_IMPRESSIONS)) + f" Ref {ACCESSION_MARK}."
    return data.report_resource(PATIENT_MARK, i, day, modality=modality, title=title,
                                text=text, conclusion=conclusion, encode=_encode)


def make_template(rng: random.Random, n_reports: int, triggered: bool) -> bytes:
    """One order-select body with marks where every call's unique number goes."""
    start = dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 30))
    forced = {0: "left thigh", 1: "left flank"} if triggered else {}
    reports = [_report(rng, i, start - dt.timedelta(days=7 * i + rng.randint(0, 6)),
                       calcified=i in forced, forced_site=forced.get(i))
               for i in range(n_reports)]
    studies = [data.make_study(rng, PATIENT_MARK, i, start - dt.timedelta(days=7 * i))
               for i in range(n_reports)]
    orders = data.make_orders(PATIENT_MARK)
    patient = data.patient(PATIENT_MARK)
    patient["birthDate"] = f"{rng.randint(1930, 2015)}-{rng.randint(1, 12):02d}-15"
    body = {
        "hook": "order-select",
        "hookInstance": f"00000000-0000-4000-8000-{HOOK_MARK}",
        "context": {
            "userId": "Practitioner/bench", "patientId": PATIENT_MARK,
            "selections": [f"ServiceRequest/{o['id']}" for o in orders],
            "draftOrders": {"resourceType": "Bundle", "type": "collection",
                            "entry": [{"resource": o} for o in orders]},
        },
        "prefetch": {"patient": patient, "diagnosticReports": data.searchset(reports),
                     "imagingStudies": data.searchset(studies)},
    }
    return orjson.dumps(body)


def make_pool(count: int, n_reports: int = 20, *, seed: int = 11,
              trigger_every: int = 10) -> list[bytes]:
    """``count`` templates; one in ``trigger_every`` has calcification in its record."""
    rng = random.Random(seed)
    return [make_template(rng, n_reports, triggered=i % trigger_every == 0)
            for i in range(count)]


def mark_values(n: int) -> tuple[bytes, bytes, bytes, bytes]:
    """What replaces each mark (``MARKS`` order) in the body of call ``n``."""
    digits = b"%012d" % n
    return (b"PT" + digits, b"ACC" + digits, base64.b64encode(b"ACC" + digits), digits)


class Template:
    """A template split at its marks once, so a call's body is one join (no search)."""

    __slots__ = ("kinds", "parts", "size")

    def __init__(self, body: bytes) -> None:
        kinds: list[int] = []
        parts: list[bytes] = []
        pos = 0
        marks = [m.encode() for m in MARKS]
        for found in _SPLIT.finditer(body):
            parts.append(body[pos:found.start()])
            kinds.append(marks.index(found.group()))
            pos = found.end()
        parts.append(body[pos:])
        self.kinds = tuple(kinds)
        self.parts = tuple(parts)
        self.size = len(body)

    def stamp(self, n: int) -> bytes:
        values = mark_values(n)
        out = [b""] * (2 * len(self.kinds) + 1)
        out[0::2] = self.parts
        out[1::2] = [values[k] for k in self.kinds]
        return b"".join(out)


def stamp(template: bytes, n: int) -> bytes:
    """The body of call ``n``: a patient, resource ids, report texts and a hookInstance no
    other call has."""
    return Template(template).stamp(n)


class Stream:
    """Distinct bodies forever: template ``n % len(pool)`` stamped with ``n``."""

    def __init__(self, pool: list[bytes], start: int = 1) -> None:
        self.pool = [Template(t) for t in pool]
        self.n = start

    def next(self) -> bytes:
        body = self.pool[self.n % len(self.pool)].stamp(self.n)
        self.n += 1
        return body


def wrk_pool_line(template: bytes) -> bytes:
    """A template for the wrk script: each mark becomes one control byte, its kind (\x01
    patient, \x02 accession, \x03 base64 accession, \x04 hookInstance digits), so Lua splits
    it once and joins pieces per call. JSON never holds a raw control byte (orjson escapes
    them), nor a newline between lines."""
    if any(b in template for b in (b"\n", b"\x01", b"\x02", b"\x03", b"\x04")):
        raise ValueError("a template holds a raw control byte or newline")
    return _SPLIT.sub(lambda m: bytes([MARKS.index(m.group().decode()) + 1]), template)


# wrk: each thread loads the pool once (split at the marks) and joins the pieces around a
# number unique across threads and runs for every request (no regex, no copy of the template).
# Tokens: thread t sends tokens t, t + threads, t + 2 * threads...: each at most once; a
# thread that runs out starts again from its first and counts every reuse in ``reused`` (the
# service then answers 401 for a replayed jti, and the runner reports the run as invalid).
# Mode "next" (BENCH_POOL_NEXT): each new patient's call is followed on the same connection
# by that patient's next-order call (the same number stamped).
WRK_SCRIPT = WRK_SETUP + WRK_TOKENS + r"""
local bit = require("bit")
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function b64(s)  -- #s is a multiple of 3
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + b * 256 + c
    out[#out + 1] = B64:sub(bit.rshift(n, 18) + 1, bit.rshift(n, 18) + 1)
      .. B64:sub(bit.band(bit.rshift(n, 12), 63) + 1, bit.band(bit.rshift(n, 12), 63) + 1)
      .. B64:sub(bit.band(bit.rshift(n, 6), 63) + 1, bit.band(bit.rshift(n, 6), 63) + 1)
      .. B64:sub(bit.band(n, 63) + 1, bit.band(n, 63) + 1)
  end
  return table.concat(out)
end

local function split(line)
  local parts, kinds = {}, {}
  local start = 1
  for i = 1, #line do
    local c = line:byte(i)
    if c >= 1 and c <= 4 then
      parts[#parts + 1] = line:sub(start, i - 1)
      kinds[#kinds + 1] = c
      start = i + 1
    end
  end
  parts[#parts + 1] = line:sub(start)
  return {parts = parts, kinds = kinds}
end

function init(args)
  pool = {}
  for line in io.lines(os.getenv("BENCH_POOL")) do pool[#pool + 1] = split(line) end
  if #pool == 0 then error("BENCH_POOL is empty") end
  next_pool = {}  -- mode "next": the same patient's next-order call, after each new patient
  local nf = os.getenv("BENCH_POOL_NEXT")
  if nf and nf ~= "" then
    for line in io.lines(nf) do next_pool[#next_pool + 1] = split(line) end
  end
  pair = (os.getenv("BENCH_MODE") == "next")
  if pair and #next_pool ~= #pool then error("BENCH_POOL_NEXT does not match BENCH_POOL") end
  second = false
  path = os.getenv("BENCH_PATH")
  step = tonumber(os.getenv("BENCH_THREADS"))
  base = tonumber(os.getenv("BENCH_BASE"))
  repeat_body = (os.getenv("BENCH_MODE") == "repeat")
  load_tokens()
  n = tid
  headers = {["Content-Type"] = "application/json"}
  fixed = nil
end

local function stamp(tpl, k)
  local digits = string.format("%012d", k)
  local values = {"PT" .. digits, "ACC" .. digits, b64("ACC" .. digits), digits}
  local out = {}
  for i = 1, #tpl.kinds do
    out[#out + 1] = tpl.parts[i]
    out[#out + 1] = values[tpl.kinds[i]]
  end
  out[#out + 1] = tpl.parts[#tpl.parts]
  return table.concat(out)
end

function request()
  local body
  if repeat_body then
    if fixed == nil then fixed = stamp(pool[1], base) end
    body = fixed
  elseif second then
    body = stamp(next_pool[(n % #pool) + 1], base + n)
  else
    body = stamp(pool[(n % #pool) + 1], base + n)
  end
  authorize(headers)
  if pair then second = not second end
  if not second then n = n + step end
  return wrk.format("POST", path, headers, body)
end

""" + WRK_DONE
