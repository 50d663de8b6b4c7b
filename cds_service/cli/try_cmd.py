"""``cds-service try``: run scenario bundles through the service and print the cards."""

from __future__ import annotations

import importlib.resources
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import orjson
import requests

from cds_service.hooks.bundle import BundleError, hook_request_from_bundle
from cds_service.hooks.request import ORDER_SELECT, ORDER_SIGN
from cds_service.hooks.services import SERVICES

SERVICE_FOR_HOOK = {spec.hook: spec.id for spec in SERVICES.values()}
COLOURS = {"info": "blue", "warning": "yellow", "critical": "red"}
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![\\*])\*(?!\*)(.+?)(?<!\\)\*")
_ESCAPE = re.compile(r"\\([\\`*_\[\]<>#|{}])")

Caller = Callable[[str, dict[str, Any]], tuple[int, Any]]
Signer = Callable[[str], str]  # endpoint URL (the aud) -> a fresh JWT


def _in_process_caller(tmp: Path) -> Caller:
    from cds_service import create_app

    app = create_app({"allow_unauthenticated": True, "rule_modes": "", "log_level": "ERROR",
                      "database_url": f"sqlite:///{tmp / 'try.db'}"})
    client = app.test_client()

    def call(service_id: str, body: dict[str, Any]) -> tuple[int, Any]:
        resp = client.post(f"/cds-services/{service_id}", json=body)
        return resp.status_code, resp.get_json(silent=True)

    return call


def _http_caller(url: str, signer: Signer | None = None) -> Caller:
    base = url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.ClickException(f"--url {url!r} is not an http(s) URL, e.g. "
                                   "http://127.0.0.1:8080")
    session = requests.Session()

    def call(service_id: str, body: dict[str, Any]) -> tuple[int, Any]:
        endpoint = f"{base}/cds-services/{service_id}"
        headers = {"Authorization": f"Bearer {signer(endpoint)}"} if signer else {}
        try:
            resp = session.post(endpoint, json=body, headers=headers, timeout=(3, 30))
        except requests.ConnectionError:
            raise click.ClickException(f"cannot connect to {base} (is the service running "
                                       "there? ./scripts/run starts one)") from None
        except requests.Timeout:
            raise click.ClickException(f"{base} did not answer within 30 s") from None
        except requests.RequestException as exc:
            raise click.ClickException(f"{endpoint}: {type(exc).__name__}") from None
        try:
            return resp.status_code, resp.json()
        except ValueError:
            return resp.status_code, None

    return call


def guidance_source() -> str:
    """Where the guidance the cards cite can be read without a server (the wheel's copy of
    docs/guidance.md, else the repository's)."""
    from cds_service.web.guidance import PACKAGE_RESOURCE, REPOSITORY_FILE

    packaged = importlib.resources.files("cds_service.web").joinpath(PACKAGE_RESOURCE)
    return str(packaged if packaged.is_file() else REPOSITORY_FILE)


def render_markdown(text: str) -> str:
    """Markdown to terminal text: bold kept as bold, escapes removed."""
    text = _BOLD.sub(lambda m: click.style(m.group(1), bold=True), text)
    text = _ITALIC.sub(lambda m: m.group(1), text)
    return _ESCAPE.sub(r"\1", text)


def _order_line(action: dict[str, Any]) -> str:
    kind = action.get("type", "?")
    if kind == "delete":
        return f"delete {action.get('resourceId', '')}"
    res = action.get("resource") or {}
    code = res.get("code") or {}
    coding = (code.get("coding") or [{}])[0]
    what = code.get("text") or coding.get("display") or "order"
    return f"{kind} ServiceRequest: {what} [{coding.get('code', '')}] status={res.get('status')}"


def format_cards(name: str, status: int, payload: Any, error: str | None = None) -> str:
    if error is not None:
        return click.style(f"== {name}: {error}", fg="red", bold=True)
    lines = [click.style(f"== {name}", bold=True)]
    if status != 200:
        lines.append(click.style(f"   HTTP {status}", fg="red"))
        issues = (payload or {}).get("issue") or [] if isinstance(payload, dict) else []
        for issue in issues:
            lines.append(f"   {issue.get('diagnostics', '')}")
        return "\n".join(lines)
    cards = (payload or {}).get("cards") or []
    if not cards:
        lines.append("   no cards (the service stays silent)")
    for card in cards:
        indicator = card.get("indicator", "info")
        lines.append("")
        lines.append("   " + click.style(f"[{indicator.upper()}]", fg=COLOURS.get(indicator),
                                         bold=True) + " " + card.get("summary", ""))
        for line in render_markdown(card.get("detail", "")).splitlines():
            lines.append("     " + line)
        for s in card.get("suggestions", []):
            mark = "*" if s.get("isRecommended") else "-"
            lines.append(f"   {mark} suggestion: {s.get('label')}")
            for action in s.get("actions", []):
                lines.append(f"       {_order_line(action)}")
        for link in card.get("links", []):
            lines.append(f"   link: {link.get('label')} <{link.get('url')}>")
        reasons = [r.get("display", "") for r in card.get("overrideReasons", [])]
        if reasons:
            lines.append("   override reasons: " + "; ".join(reasons))
        lines.append(f"   source: {card.get('source', {}).get('label', '')}")
    return "\n".join(lines)


def _signer(url: str | None, key_path: Path | None, issuer: str | None, kid: str | None,
            tenant: str | None) -> Signer | None:
    if key_path is None:
        for name, value in (("--issuer", issuer), ("--kid", kid), ("--tenant", tenant)):
            if value:
                raise click.UsageError(f"{name} is used only with --sign-with")
        return None
    if not url:
        raise click.UsageError("--sign-with needs --url (the in-process service is not "
                               "secured)")
    if not issuer:
        raise click.UsageError("--sign-with needs --issuer")
    from cds_service.cli.token_cmd import load_signing_key, mint_token

    key = load_signing_key(key_path, kid)
    return lambda endpoint: mint_token(key, issuer=issuer, audience=endpoint, tenant=tenant)


@click.command("try")
@click.argument("bundles", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--hook", type=click.Choice([ORDER_SELECT, ORDER_SIGN]), default=ORDER_SELECT,
              show_default=True, help="Which hook to call.")
@click.option("--url", default=None, help="Call a running service at this base URL instead "
              "of an in-process one.")
@click.option("--sign-with", "sign_with", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="PEM private key: sign every call with a fresh JWT (needs --url and "
              "--issuer; aud = the service endpoint URL).")
@click.option("--issuer", default=None, help="iss of the signed calls (as configured in the "
              "service's CDS_TRUSTED_ISSUERS).")
@click.option("--kid", default=None, help="kid of the signing key [default: its RFC 7638 "
              "thumbprint, as written by `keys new`].")
@click.option("--tenant", default=None, help="tenant claim of the signed calls.")
@click.option("--json", "as_json", is_flag=True, help="Print the hook responses as JSON.")
def try_command(bundles: tuple[Path, ...], hook: str, url: str | None, sign_with: Path | None,
                issuer: str | None, kid: str | None, tenant: str | None,
                as_json: bool) -> None:
    """Turn each scenario BUNDLE into a hook call and print the cards.

    Draft ServiceRequests become draftOrders (and selections); the rest is prefetch.
    Without --url the service runs in this process (a temporary database, no server; the
    cards cite the guidance in docs/guidance.md); with --url it is called over HTTP, and
    without --sign-with it must allow unauthenticated calls.
    Exit status: 0 when every call answered 200, 1 when a bundle or a call failed.
    """
    signer = _signer(url, sign_with, issuer, kid, tenant)
    service_id = SERVICE_FOR_HOOK[hook]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cds-try-") as tmp:
        call = _http_caller(url, signer) if url else _in_process_caller(Path(tmp))
        click.echo(f"calling {url}" if url else "in-process (no server; --url calls one); "
                   f"the cards' guidance: {guidance_source()}", err=True)
        show_bar = len(bundles) > 1 and not as_json
        with click.progressbar(bundles, label="bundles", file=sys.stderr,
                               hidden=not show_bar) as items:
            for path in items:
                try:
                    body = hook_request_from_bundle(orjson.loads(path.read_bytes()), hook=hook)
                except (BundleError, orjson.JSONDecodeError, OSError) as exc:
                    why = (f"not JSON ({exc})" if isinstance(exc, orjson.JSONDecodeError)
                           else exc.strerror if isinstance(exc, OSError) else str(exc))
                    results.append({"bundle": str(path), "error": why})
                    continue
                status, payload = call(service_id, body)
                results.append({"bundle": str(path), "status": status, "response": payload})
    if as_json:
        click.echo(json.dumps(results if len(results) > 1 else results[0], indent=2))
    else:
        for r in results:
            click.echo(format_cards(r["bundle"], r.get("status", 0), r.get("response"),
                                    r.get("error")))
            click.echo("")
    sys.exit(0 if all(r.get("status") == 200 for r in results) else 1)
