"""``infranest serve``: run the web server (the REST API in ``infranest.server``)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)


def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
) -> None:
    """Serve the REST API (configuration from DATABASE_URL, SECRET_KEY, ENVIRONMENT); the
    database is migrated to the newest schema first."""
    import uvicorn

    from infranest.server.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")
