"""The application: middleware, error handlers, routes and the contract document."""

import json
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.router import api_router
from app.core import errors
from app.core.config import settings
from app.core.logging import configure_logging
from app.core.metrics import record_metrics

OPENAPI_FILE = Path(__file__).resolve().parent.parent / "openapi.json"


def contract() -> dict[str, Any]:
    """The OpenAPI document this service implements (generated from the spec)."""
    document: dict[str, Any] = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    return document


def create_app() -> FastAPI:
    configure_logging(settings.LOG_LEVEL)
    app = FastAPI(title=settings.PROJECT_NAME, version="0.1.0")
    document = contract()
    app.openapi = lambda: document  # type: ignore[method-assign]
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    app.middleware("http")(record_metrics)
    errors.install(app)
    app.include_router(api_router)
    logging.getLogger("app").info("started", extra={"environment": settings.ENVIRONMENT})
    return app


app = create_app()
