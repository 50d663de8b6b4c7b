"""The physical limit of this stack: a Flask hook route that parses the body and answers
``{"cards": []}``, under the same gunicorn settings as the real service."""

from __future__ import annotations

import orjson
from flask import Flask, Response, request


def create_noop_app() -> Flask:
    app = Flask("noop")

    @app.post("/cds-services/<service_id>")
    def call(service_id: str) -> Response:
        body = orjson.loads(request.get_data(cache=False))
        if not isinstance(body, dict):
            return Response(b'{"resourceType":"OperationOutcome"}', status=400,
                            mimetype="application/json")
        return Response(orjson.dumps({"cards": []}), mimetype="application/json")

    @app.get("/health")
    def health() -> Response:
        return Response(b'{"status":"ok"}', mimetype="application/json")

    return app
