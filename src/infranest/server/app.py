"""The FastAPI app: ``create_app(settings)`` migrates the database and mounts the routers."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from infranest.server import problems, runtime
from infranest.server.auth import RateLimiter
from infranest.server.db import Database, upgrade
from infranest.server.intake_store import IntakeStore
from infranest.server.routers import auth, design, generate, intake, projects, versions, workspaces
from infranest.server.routers.graph import router as graph_router
from infranest.server.settings import Settings


class Health(BaseModel):
    status: str


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app over the database in ``settings`` (from the environment when not given),
    upgraded to the newest schema before it serves."""
    chosen = settings or Settings.from_env()
    database = Database(chosen.database_url)
    upgrade(database.engine)
    app = FastAPI(
        title="InfraNest",
        version="1",
        description="The REST API over InfraNest: specs, design, generation, intake, "
        "verification runs and the monitor.",
        responses=problems.RESPONSES,
        lifespan=runtime.lifespan,
    )
    app.state.settings = chosen
    app.state.db = database
    app.state.login_limiter = RateLimiter(chosen.login_attempts_per_minute)
    app.state.intake = IntakeStore()
    problems.install(app)
    for module in (auth, workspaces, projects, versions, design, generate, intake):
        app.include_router(module.router)
    app.include_router(versions.check_router)
    app.include_router(graph_router)

    @app.get("/api/health", tags=["meta"])
    def health() -> Health:
        return Health(status="ok")

    runtime.install(app, chosen, database)

    return app
