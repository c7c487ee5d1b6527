"""``infranest serve``: run the web server (the REST API in ``infranest.server`` and the
web UI)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)


def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Create the demo workspace on first start (user demo@infranest.local); "
            "also INFRANEST_DEMO=1.",
        ),
    ] = False,
) -> None:
    """Serve the REST API and the web UI (configuration from DATABASE_URL, SECRET_KEY,
    ENVIRONMENT, INFRANEST_DATA_DIR, INFRANEST_MONITOR_STORE, INFRANEST_WEB_DIST,
    INFRANEST_VERIFY_PYTHON); the database is migrated to the newest schema first."""
    import uvicorn

    from infranest.server.app import create_app
    from infranest.server.demo import DEMO_EMAIL, DEMO_PASSWORD
    from infranest.server.settings import Settings

    settings = Settings.from_env()
    if demo:
        settings = replace(settings, demo=True)
    app = create_app(settings)
    if settings.demo:
        typer.echo(f"Demo: sign in at http://{host}:{port}/ as {DEMO_EMAIL} / {DEMO_PASSWORD}")
    uvicorn.run(app, host=host, port=port, log_level="info")
