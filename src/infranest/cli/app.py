"""The ``infranest`` command: one Typer app, one module per command group."""

from __future__ import annotations

import typer

from infranest import __version__
from infranest.cli import (
    capacity_cmds,
    design_cmds,
    generate_cmds,
    history_cmds,
    intake_cmds,
    monitor_cmds,
    server_cmds,
    spec_cmds,
    verify_cmds,
)

app = typer.Typer(
    name="infranest",
    help="From an idea to a production backend: describe, design, generate, monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
spec_cmds.register(app)
generate_cmds.register(app)
design_cmds.register(app)
capacity_cmds.register(app)
history_cmds.register(app)
intake_cmds.register(app)
monitor_cmds.register(app)
verify_cmds.register(app)
server_cmds.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"infranest {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """InfraNest: the spec is the centre; every command reads or writes it."""


def main() -> None:
    app()
