"""The ``cds-service`` command: each sub-command is loaded only when it is run.

A configuration error (``errors.ConfigError``: a bad setting, data file or key file) ends any
command with one line on stderr, ``Error: <what and where>``, and exit status 2; no traceback.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from cds_service.errors import ConfigError

COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("cds_service.cli.serve", "serve_command"),
    "try": ("cds_service.cli.try_cmd", "try_command"),
    "findings": ("cds_service.cli.findings_cmd", "findings_command"),
    "report": ("cds_service.storage.report", "report_command"),
    "init-db": ("cds_service.storage.store", "init_db_command"),
    "purge": ("cds_service.storage.retention", "purge_command"),
    "token": ("cds_service.cli.token_cmd", "token_command"),
    "keys": ("cds_service.cli.token_cmd", "keys_group"),
}


class ConfigurationExit(click.ClickException):
    """How a ``ConfigError`` leaves the command line: one line, exit status 2."""

    exit_code = 2


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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as err:
            raise ConfigurationExit(_one_line(str(err))) from None


def _one_line(message: str) -> str:
    return " ".join(message.split())


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cds-service")
def main() -> None:
    """CDS Hooks service: noncontrast CT first when a prior MRI report mentions calcification."""
