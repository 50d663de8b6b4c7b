"""A naive peer: what a first version of this service would do with ``fhir.resources``.

It parses the body, validates every prefetch Bundle (and so every resource in it) with the
R4B models, decodes every report's text and answers one card when a regex finds
calcification and a draft order was selected. Served under the same gunicorn settings as the
real service, so the benchmark compares like with like.
"""

from __future__ import annotations

import base64
import re
import uuid

import orjson
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient
from flask import Flask, Response, request

CALCIFICATION = re.compile(r"calcif\w*|mineraliz\w*|ossif\w*", re.I)


def create_naive_app() -> Flask:
    app = Flask("naive")

    @app.post("/cds-services/<service_id>")
    def call(service_id: str) -> Response:
        body = orjson.loads(request.get_data(cache=False))
        prefetch = body.get("prefetch") or {}
        found = False
        for value in prefetch.values():
            if not isinstance(value, dict):
                continue
            if value.get("resourceType") == "Bundle":
                Bundle.model_validate(value)  # every resource in it, as R4
                for entry in value.get("entry") or ():
                    res = entry.get("resource") or {}
                    if res.get("resourceType") != "DiagnosticReport":
                        continue
                    texts = [res.get("conclusion") or ""]
                    texts += [base64.b64decode(a["data"]).decode("utf-8", "replace")
                              for a in res.get("presentedForm") or () if a.get("data")]
                    found = found or any(CALCIFICATION.search(t) for t in texts)
            elif value.get("resourceType") == "Patient":
                Patient.model_validate(value)
        selected = (body.get("context") or {}).get("selections") or []
        cards = []
        if found and selected:
            cards.append({"uuid": str(uuid.uuid4()), "indicator": "warning",
                          "summary": "MRI mentions calcification: consider noncontrast CT",
                          "source": {"label": "naive peer"}})
        return Response(orjson.dumps({"cards": cards}), mimetype="application/json")

    @app.get("/health")
    def health() -> Response:
        return Response(b'{"status":"ok"}', mimetype="application/json")

    return app
