"""Monitor ingestion into a workspace: ``/api/workspaces/{id}/monitor/v1/...``.

The same protocol as ``infranest monitor serve`` under a per-workspace base URL, so the
Python SDK works against ``http://HOST/api/workspaces/{id}/monitor``. A request is
authenticated by one of the workspace's API keys (``X-API-Key: ink_…`` or ``Authorization:
Bearer ink_…``) or by an editor's session; a revoked or foreign key is 401.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.monitor.server import (
    IngestResult,
    LabelResult,
    ingest_body,
    read_body,
    read_rows,
    validate_labels,
)
from infranest.monitor.store import Store
from infranest.monitor.store.base import SchemaConflictError
from infranest.server.auth import digest, session_user
from infranest.server.deps import Db, Id, Token, access
from infranest.server.models import ApiKey, Role
from infranest.server.monitoring import MODEL_NAME, Alerts, Stores, reference_schema
from infranest.server.problems import Problem

router = APIRouter(prefix="/api/workspaces/{workspace_id}/monitor/v1", tags=["monitor ingest"])
_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="A workspace API key (ink_…)."
)
RAW_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "description": "One event, an array of events, or {events: [...]}",
                    "anyOf": [
                        {"type": "object"},
                        {"type": "array", "items": {"type": "object"}},
                    ],
                }
            },
            "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
            "application/vnd.apache.arrow.stream": {
                "schema": {"type": "string", "format": "binary"}
            },
        },
    }
}
# 422 is a batch whose every row was rejected (the result) or an invalid path (a Problem).
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Conflict"},
    413: {"description": "Body too large"},
    415: {"description": "Unsupported media type"},
}


class ModelIn(BaseModel):
    model: str = Field(pattern=MODEL_NAME, description="The model's name (no dots).")
    version: str = Field(default="1", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$")
    columns: list[ColumnSpec] = Field(min_length=1, max_length=500)


class Registered(BaseModel):
    model: str
    version: str
    created: bool


def ingest_access(
    workspace_id: Id,
    db: Db,
    token: Token,
    x_api_key: Annotated[str | None, Depends(_key_header)],
) -> int:
    """The workspace, once the key (or an editor's session) is good for it."""
    key = x_api_key or (token if token and token.startswith("ink_") else None)
    if key is not None:
        row = db.scalar(select(ApiKey).where(ApiKey.key_hash == digest(key)))
        if row is None or row.workspace_id != workspace_id:
            raise HTTPException(
                401,
                "this API key is not valid for this workspace (revoked, or another "
                "workspace's); create one under /api/workspaces/{id}/api-keys",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return workspace_id
    user = session_user(db, token) if token else None
    if user is None:
        raise HTTPException(
            401, "send a workspace API key (X-API-Key) or sign in", {"WWW-Authenticate": "Bearer"}
        )
    access(db, user, workspace_id, Role.editor)
    return workspace_id


Ingesting = Annotated[int, Depends(ingest_access)]


def _stores(request: Request) -> Stores:
    stores: Stores = request.app.state.monitor
    return stores


def _schema(store: Store, model: str, version: str, reference: bool = False) -> ModelSchema:
    schema = store.schema(model, version) if "." not in model else None
    if schema is None:
        raise HTTPException(
            404,
            f"model {model!r} version {version!r} is not registered in this workspace; "
            "register it with POST .../monitor/v1/models",
        )
    return reference_schema(schema) if reference else schema


@router.post("/models", status_code=201, responses={200: {"model": Registered}, **BODY_ERRORS})
def register_model(workspace_id: Ingesting, body: ModelIn, request: Request) -> JSONResponse:
    """Register a model version's columns (201; 200 when already there with the same
    columns; 409 when there with other columns)."""
    try:
        schema = ModelSchema(model=body.model, version=body.version, columns=tuple(body.columns))
    except ValidationError as exc:
        raise HTTPException(422, exc.errors()[0]["msg"]) from None
    store = _stores(request).get(workspace_id)
    try:
        created = store.register(schema)
        store.register(reference_schema(schema))
    except SchemaConflictError as exc:
        raise HTTPException(409, str(exc)) from None
    result = Registered(model=schema.model, version=schema.version, created=created)
    return JSONResponse(result.model_dump(), status_code=201 if created else 200)


async def _ingest(request: Request, workspace_id: int, schema: ModelSchema) -> JSONResponse:
    """JSON rows validated row by row, a Parquet / Arrow upload column-wise; each rejected
    row listed with its reason."""
    store = _stores(request).get(workspace_id)
    body = await read_body(request)
    result = await run_in_threadpool(ingest_body, store, schema, body)
    alerts: Alerts = request.app.state.alerts
    if result.stored:
        alerts.poke()
    status = 422 if result.received and not result.accepted else 200
    return JSONResponse(result.model_dump(), status_code=status)


@router.post(
    "/models/{model}/versions/{version}/events",
    response_model=IngestResult,
    responses={422: {"model": IngestResult | Problem}, **BODY_ERRORS},
    openapi_extra=RAW_BODY,
)
async def ingest_events(
    workspace_id: Ingesting, model: str, version: str, request: Request
) -> JSONResponse:
    """Current events: one (object), a batch (array or ``{"events": [...]}``), a Parquet
    file or an Arrow IPC stream. Every rejected row is listed with its reason."""
    schema = _schema(_stores(request).get(workspace_id), model, version)
    return await _ingest(request, workspace_id, schema)


@router.post(
    "/models/{model}/versions/{version}/reference",
    response_model=IngestResult,
    responses={422: {"model": IngestResult | Problem}, **BODY_ERRORS},
    openapi_extra=RAW_BODY,
)
async def ingest_reference(
    workspace_id: Ingesting, model: str, version: str, request: Request
) -> JSONResponse:
    """The reference dataset (training data, a known-good period) that drift is measured
    against; the same body forms as events."""
    schema = _schema(_stores(request).get(workspace_id), model, version, reference=True)
    return await _ingest(request, workspace_id, schema)


@router.post(
    "/models/{model}/versions/{version}/labels",
    response_model=LabelResult,
    responses={422: {"model": LabelResult | Problem}, **BODY_ERRORS},
    openapi_extra=RAW_BODY,
)
async def ingest_labels(
    workspace_id: Ingesting, model: str, version: str, request: Request
) -> JSONResponse:
    """Labels by event id: ``[{"event_id": ..., "label": ...}]``."""
    store = _stores(request).get(workspace_id)
    schema = _schema(store, model, version)
    if not schema.role("label"):
        raise HTTPException(409, f"{schema.key} declares no label column")
    rows = await read_rows(request)
    good, rejected = validate_labels(schema, rows)
    stored = await run_in_threadpool(store.add_labels, schema, good)
    result = LabelResult(stored=stored, rejected=[r.to_json() for r in rejected])
    return JSONResponse(result.model_dump(), status_code=422 if rows and not good else 200)
