"""The service's own endpoints: liveness, readiness, metrics, the OpenAPI document."""

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.api.deps import DbSession
from app.core.metrics import metrics_response

router = APIRouter(tags=["system"])


@router.get("/health", operation_id="health")
def health() -> dict[str, str]:
    """Liveness."""
    return {"status": "ok"}


@router.get("/ready", operation_id="ready", response_model=None)
def ready(db: DbSession) -> Any:
    """Readiness: the database answers."""
    try:
        db.execute(text("SELECT 1"))
    except Exception:  # any driver error means not ready
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return {"status": "ok"}


@router.get("/metrics", operation_id="metrics", response_class=Response)
def metrics() -> Response:
    """Prometheus metrics."""
    return metrics_response()
