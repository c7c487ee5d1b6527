"""The monitor dashboards' data: ``/api/workspaces/{id}/monitor/models/...`` (viewer).

Current data is read in windows of ``window`` (``30m``, ``1h``, ``1d``, ...) ending at
``end`` (default: the model's latest event, so a dashboard shows data however old it is).
Drift compares with the model's reference dataset.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel

from infranest.monitor.alerts.config import parse_duration
from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.store import Store
from infranest.server import monitor_views as views
from infranest.server.deps import CurrentUser, Db, Id, access
from infranest.server.monitoring import Stores, is_reference, reference_schema

router = APIRouter(prefix="/api/workspaces/{workspace_id}/monitor", tags=["monitor"])
MAX_WINDOWS = 200
WINDOW = Query(
    default="1h", pattern=r"^\d{1,6}(s|m|h|d)$", description="Window length: 30m, 1h, 1d ..."
)
END = Query(default=None, description="End of the last window (ISO 8601); default: latest event.")


class ModelOut(BaseModel):
    model: str
    version: str
    columns: list[ColumnSpec]
    events: int
    reference_events: int
    last_event: datetime | None


def _store(request: Request, db: Db, user: CurrentUser, workspace_id: int) -> Store:
    access(db, user, workspace_id)
    stores: Stores = request.app.state.monitor
    return stores.get(workspace_id)


def _model(store: Store, model: str, version: str) -> ModelSchema:
    schema = store.schema(model, version) if "." not in model else None
    if schema is None:
        raise HTTPException(404, f"no model {model!r} version {version!r} in this workspace")
    return schema


def _out(store: Store, schema: ModelSchema) -> ModelOut:
    return ModelOut(
        model=schema.model,
        version=schema.version,
        columns=list(schema.columns),
        events=store.count(schema),
        reference_events=store.count(reference_schema(schema)),
        last_event=views.last_event(store, schema),
    )


def _size(window: str) -> timedelta:
    size = parse_duration(window)
    if size < timedelta(minutes=1):
        raise HTTPException(422, f"window {window!r} is shorter than one minute")
    return size


def _spans(last: datetime, size: timedelta, count: int) -> list[tuple[datetime, datetime]]:
    try:
        return views.windows(last, size, count)
    except OverflowError:
        raise HTTPException(422, "the windows reach outside the calendar; move end") from None


def _end(store: Store, schema: ModelSchema, end: datetime | None, size: timedelta) -> datetime:
    """``end``, else the end of the window (aligned on multiples of ``size`` since the
    epoch) that holds the latest event, so hourly windows start on the hour."""
    if end is not None:
        return end if end.tzinfo else end.replace(tzinfo=UTC)
    latest = views.last_event(store, schema) or datetime.now(UTC)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    whole = (latest - epoch) // size
    try:
        return epoch + (whole + 1) * size
    except OverflowError:
        return latest


def _reference(store: Store, schema: ModelSchema) -> Any:
    reference = store.frame(reference_schema(schema))
    if reference.num_rows == 0:
        raise HTTPException(
            409,
            f"{schema.key} has no reference dataset yet; send one to POST "
            f".../monitor/v1/models/{schema.model}/versions/{schema.version}/reference",
        )
    return reference


@router.get("/models")
def list_models(workspace_id: Id, request: Request, user: CurrentUser, db: Db) -> list[ModelOut]:
    """The workspace's monitored model versions with their event counts."""
    store = _store(request, db, user, workspace_id)
    return [_out(store, s) for s in store.models() if not is_reference(s)]


@router.get("/models/{model}/versions/{version}")
def get_model(
    workspace_id: Id, model: str, version: str, request: Request, user: CurrentUser, db: Db
) -> ModelOut:
    store = _store(request, db, user, workspace_id)
    return _out(store, _model(store, model, version))


@router.get("/models/{model}/versions/{version}/drift", responses={409: {}})
def drift(
    workspace_id: Id,
    model: str,
    version: str,
    request: Request,
    user: CurrentUser,
    db: Db,
    window: str = WINDOW,
    windows: int = Query(default=12, ge=1, le=MAX_WINDOWS),
    end: datetime | None = END,
) -> dict[str, Any]:
    """Drift of every feature in each window against the reference dataset."""
    store = _store(request, db, user, workspace_id)
    schema = _model(store, model, version)
    reference = _reference(store, schema)
    spans = _spans(_end(store, schema, end, _size(window)), _size(window), windows)
    return {
        "model": schema.model,
        "version": schema.version,
        "window": window,
        "reference_events": reference.num_rows,
        "windows": views.drift_windows(store, schema, reference, spans),
    }


@router.get("/models/{model}/versions/{version}/distribution", responses={409: {}})
def distribution(
    workspace_id: Id,
    model: str,
    version: str,
    request: Request,
    user: CurrentUser,
    db: Db,
    column: str = Query(max_length=63, description="A column of the model."),
    window: str = WINDOW,
    end: datetime | None = END,
) -> dict[str, Any]:
    """One column in the reference dataset and in the current window: histogram bins
    (numeric) or category counts."""
    store = _store(request, db, user, workspace_id)
    schema = _model(store, model, version)
    names = [c.name for c in schema.event_columns]
    if column not in names:
        raise HTTPException(
            404, f"{schema.key} has no column {column!r}; columns: {', '.join(names)}"
        )
    reference = _reference(store, schema)
    start, last = _spans(_end(store, schema, end, _size(window)), _size(window), 1)[0]
    current = store.frame(schema, start, last)
    found = views.distribution(reference, current, column)
    return {**found, "start": start, "end": last, "events": current.num_rows}


@router.get("/models/{model}/versions/{version}/performance")
def performance(
    workspace_id: Id,
    model: str,
    version: str,
    request: Request,
    user: CurrentUser,
    db: Db,
    window: str = WINDOW,
    windows: int = Query(default=12, ge=1, le=MAX_WINDOWS),
    end: datetime | None = END,
) -> dict[str, Any]:
    """Model performance per window (labelled events only) and on the reference dataset;
    metrics are null until labels arrive."""
    store = _store(request, db, user, workspace_id)
    schema = _model(store, model, version)
    spans = _spans(_end(store, schema, end, _size(window)), _size(window), windows)
    per_window = [
        {"start": s, "end": e, **views.performance(schema, store.frame(schema, s, e))}
        for s, e in spans
    ]
    reference = store.frame(reference_schema(schema))
    return {
        "model": schema.model,
        "version": schema.version,
        "metrics": list(views.performance_names(schema)),
        "reference": views.performance(schema, reference),
        "windows": per_window,
    }


@router.get("/models/{model}/versions/{version}/rootcause", responses={409: {}})
def root_cause(
    workspace_id: Id,
    model: str,
    version: str,
    request: Request,
    user: CurrentUser,
    db: Db,
    window: str = WINDOW,
    end: datetime | None = END,
) -> dict[str, Any]:
    """Features ranked by drift strength in the window, and segments by their drift."""
    store = _store(request, db, user, workspace_id)
    schema = _model(store, model, version)
    reference = _reference(store, schema)
    start, last = _spans(_end(store, schema, end, _size(window)), _size(window), 1)[0]
    current = store.frame(schema, start, last)
    return {
        "start": start,
        "end": last,
        "events": current.num_rows,
        **views.root_cause(schema, reference, current),
    }
