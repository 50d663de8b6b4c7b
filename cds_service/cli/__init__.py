"""The ``cds-service`` command: each sub-command is loaded only when it is run."""

from __future__ import annotations

import importlib
from typing import Any

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("cds_service.cli.serve", "serve_command"),
    "try": ("cds_service.cli.try_cmd", "try_command"),
    "findings": ("cds_service.cli.findings_cmd", "findings_command"),
    "report": ("cds_service.storage.report", "report_command"),
    "init-db": ("cds_service.storage.store", "init_db_command"),
    "token": ("cds_service.cli.token_cmd", "token_command"),
    "keys": ("cds_service.cli.token_cmd", "keys_group"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, so start-up stays fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target
        command: Any = getattr(importlib.import_module(module), attr)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="cds-service")
def main() -> None:
    """CDS Hooks service: noncontrast CT first when a prior MRI report mentions calcification."""
