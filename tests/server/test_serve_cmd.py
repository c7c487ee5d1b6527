from __future__ import annotations

import typer
from typer.testing import CliRunner

from infranest.cli.server_cmds import register


def test_serve_is_registered_with_host_and_port_options() -> None:
    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:
        """Keeps typer in multi-command mode."""

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output
    assert "--demo" in result.output
    bad = CliRunner().invoke(app, ["serve", "--port", "0"])
    assert bad.exit_code == 2
