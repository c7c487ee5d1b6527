"""What the app runs besides requests: the verify queue, the monitor's stores and alert
scheduler, the demo seed, and the web UI for every path no route takes.

``install(app)`` sets them up when the app is made (runs an earlier server left unfinished
are marked failed then); ``lifespan`` starts the background workers when the server starts
and stops them (and a run in progress) when it stops.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from infranest.server.db import Database
from infranest.server.demo import DEMO_EMAIL, DEMO_PASSWORD, seed_demo
from infranest.server.monitoring import Alerts, Stores
from infranest.server.routers import monitor, monitor_alerts, monitor_ingest, verify
from infranest.server.settings import Settings
from infranest.server.spa import SinglePageApp
from infranest.server.verify_runs import VerifyRunner, mark_interrupted

log = logging.getLogger("infranest.server")


def install(app: FastAPI, settings: Settings, database: Database) -> None:
    """Routers, state and the UI for ``app``; seeds the demo when ``settings.demo``."""
    # Absolute, not resolved: a virtualenv's python is a symlink to the base interpreter.
    python = Path(os.path.abspath(settings.verify_python)) if settings.verify_python else None
    app.state.verify = VerifyRunner(database, settings.data_dir, python)
    app.state.monitor = Stores(settings.monitor_store_url, settings.data_dir)
    app.state.alerts = Alerts(database, app.state.monitor, settings.alert_interval)
    with database.sessions() as db:
        interrupted = mark_interrupted(db)
    if interrupted:
        log.warning("%d verify run(s) were interrupted by the last stop", interrupted)
    for module in (verify, monitor_ingest, monitor, monitor_alerts):
        app.include_router(module.router)
    app.router.default = SinglePageApp(settings.web_dist)
    if settings.demo:
        with database.sessions() as db:
            seeded = seed_demo(db, app.state.monitor, app.state.alerts, verify=settings.demo_verify)
        app.state.demo = seeded
        log.warning(
            "demo workspace ready: sign in as %s with password %s%s",
            DEMO_EMAIL,
            DEMO_PASSWORD,
            f" (created: {', '.join(seeded.created)})" if seeded.created else "",
        )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    runner: VerifyRunner = app.state.verify
    alerts: Alerts = app.state.alerts
    runner.start()
    alerts.start()
    try:
        yield
    finally:
        runner.stop()
        alerts.stop()
        stores: Stores = app.state.monitor
        stores.close()
