"""The ingestion HTTP API (``infranest monitor serve``).

``POST /v1/models`` registers a model version's schema. ``POST
/v1/models/{model}/versions/{version}/events`` takes one event (a JSON object), a batch (a
JSON array or ``{"events": [...]}``), or a Parquet file or Arrow IPC stream as the raw body;
it answers only once the valid rows are committed, with every rejected row and its reason
and the schema changes seen. ``.../labels`` takes labels by event id. With API keys
configured, every ``/v1`` route needs ``X-API-Key``.
"""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Sequence
from typing import Annotated, Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from infranest.monitor.alerts.engine import AlertEngine, Scheduler
from infranest.monitor.ingest import Rejection, RowError, coerce, validate
from infranest.monitor.ingest_arrow import validate_table
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store import Store
from infranest.monitor.store.base import SchemaConflictError, UnknownModelError

MAX_BODY = 64 * 1024 * 1024
PARQUET = "application/vnd.apache.parquet"
ARROW = "application/vnd.apache.arrow.stream"
JSON = "application/json"


class Problem(BaseModel):
    detail: str


class IngestResult(BaseModel):
    received: int
    accepted: int
    stored: int
    duplicates: int
    rejected: list[dict[str, Any]]
    schema_changes: dict[str, Any]


class LabelResult(BaseModel):
    stored: int
    rejected: list[dict[str, Any]]


def _problem(status: int, detail: str) -> HTTPException:
    return HTTPException(status_code=status, detail=detail)


def _rows_from_json(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise _problem(400, f"the body is not JSON: {exc}") from exc
    if isinstance(data, dict) and "events" in data and isinstance(data["events"], list):
        return list(data["events"])
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [data]
    raise _problem(400, 'expected an event object, an array of events or {"events": [...]}')


def _table_from_arrow(body: bytes, media: str) -> pa.Table:
    try:
        if media == PARQUET:
            table = pq.read_table(io.BytesIO(body))
        else:
            table = pa.ipc.open_stream(io.BytesIO(body)).read_all()
    except (pa.ArrowInvalid, OSError) as exc:
        kind = "Parquet file" if media == PARQUET else "Arrow IPC stream"
        raise _problem(400, f"the body is not a readable {kind}: {exc}") from exc
    return table


async def read_body(request: Request) -> list[Any] | pa.Table:
    """The JSON rows, or the Parquet / Arrow upload as a table (for :func:`ingest_body`)."""
    media = request.headers.get("content-type", JSON).split(";")[0].strip().lower()
    if media not in (JSON, PARQUET, ARROW):
        raise _problem(415, f"unsupported content type {media!r}; use {JSON}, {PARQUET} or {ARROW}")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise _problem(413, f"the body is larger than {MAX_BODY} bytes; send smaller batches")
    body = await request.body()
    if len(body) > MAX_BODY:
        raise _problem(413, f"the body is larger than {MAX_BODY} bytes; send smaller batches")
    return _rows_from_json(body) if media == JSON else _table_from_arrow(body, media)


async def read_rows(request: Request) -> list[Any]:
    """The body as rows (a Parquet / Arrow upload converted to Python rows): for labels,
    which are few per request; events go through :func:`read_body`."""
    body = await read_body(request)
    return body.to_pylist() if isinstance(body, pa.Table) else body


def validate_labels(
    schema: ModelSchema, rows: Sequence[Any]
) -> tuple[list[tuple[str, Any]], list[Rejection]]:
    """The ``(event_id, label)`` pairs of ``rows`` coerced to the label column, and a
    rejection (1-based row, field, reason) for each row that is not one."""
    label = schema.role("label")
    if not label:
        raise _problem(409, f"{schema.key} declares no label column")
    good: list[tuple[str, Any]] = []
    rejected: list[Rejection] = []
    column = label[0].model_copy(update={"nullable": False})
    for number, row in enumerate(rows, start=1):
        event_id = row.get("event_id") if isinstance(row, dict) else None
        if not isinstance(event_id, str | int) or isinstance(event_id, bool) or event_id == "":
            rejected.append(Rejection(number, "event_id", "is required: text or integer"))
            continue
        try:
            good.append((str(event_id), coerce(column, row.get("label"))))
        except RowError as exc:
            rejected.append(Rejection(number, "label", exc.reason))
    return good, rejected


def ingest_body(store: Store, schema: ModelSchema, body: list[Any] | pa.Table) -> IngestResult:
    """Validate ``body`` (JSON rows row by row, a table column-wise) and store the valid
    events; blocking (call it off the event loop). The status is 422 when ``received`` and
    nothing was ``accepted``, else 200."""
    if isinstance(body, pa.Table):
        table = validate_table(schema, body)
        stored = store.append_table(schema, table.table, table.labels)
        received, accepted = table.received, table.table.num_rows
        rejected, changes = table.rejected, table.changes
    else:
        batch = validate(schema, body)
        stored = store.append(schema, batch.events)
        received, accepted = len(body), len(batch.events)
        rejected, changes = batch.rejected, batch.changes
    return IngestResult(
        received=received,
        accepted=accepted,
        stored=stored,
        duplicates=accepted - stored,
        rejected=[r.to_json() for r in rejected],
        schema_changes=changes.to_json(),
    )


def create_app(
    store: Store,
    api_keys: Sequence[str] = (),
    engine: AlertEngine | None = None,
    scheduler: Scheduler | None = None,
) -> FastAPI:
    """The ingestion API over ``store``; ``api_keys`` empty means no key is required. With
    an alert ``engine``, ``/v1/alerts`` serves its history and evaluates on demand, and a
    ``scheduler`` is poked after every ingest (alerts evaluated on ingest)."""
    app = FastAPI(title="InfraNest monitor", version="1")
    keys = tuple(k.encode() for k in api_keys if k)

    def check_key(x_api_key: Annotated[str | None, Header()] = None) -> None:
        if not keys:
            return
        given = (x_api_key or "").encode()
        if not any(hmac.compare_digest(given, key) for key in keys):
            raise _problem(401, "a valid X-API-Key header is required")

    def model_of(model: str, version: str) -> ModelSchema:
        try:
            return store.require(model, version)
        except UnknownModelError as exc:
            raise _problem(404, f"{exc}; register it with POST /v1/models") from exc

    @app.exception_handler(HTTPException)
    async def _as_problem(request: Request, exc: HTTPException) -> JSONResponse:
        del request
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/models", status_code=201, dependencies=[Depends(check_key)])
    async def register(request: Request) -> JSONResponse:
        try:
            schema = ModelSchema.model_validate_json(await request.body())
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise _problem(422, f"{where}: {first['msg']}") from exc
        try:
            created = await run_in_threadpool(store.register, schema)
        except SchemaConflictError as exc:
            raise _problem(409, str(exc)) from exc
        body = {"model": schema.model, "version": schema.version, "created": created}
        return JSONResponse(body, status_code=201 if created else 200)

    @app.get("/v1/models", dependencies=[Depends(check_key)])
    def models() -> list[dict[str, Any]]:
        return [s.model_dump(mode="json") for s in store.models()]

    @app.get("/v1/models/{model}/versions/{version}", dependencies=[Depends(check_key)])
    def model_info(model: str, version: str) -> dict[str, Any]:
        schema = model_of(model, version)
        return {"schema": schema.model_dump(mode="json"), "events": store.count(schema)}

    @app.post(
        "/v1/models/{model}/versions/{version}/events",
        dependencies=[Depends(check_key)],
        response_model=IngestResult,
        responses={422: {"model": IngestResult}, 404: {"model": Problem}},
    )
    async def ingest(model: str, version: str, request: Request) -> JSONResponse:
        schema = model_of(model, version)
        body = await read_body(request)
        # Validation and the committed write block: off the event loop, so that other
        # requests are served meanwhile (the store serialises writes with its lock).
        result = await run_in_threadpool(ingest_body, store, schema, body)
        if scheduler is not None and result.stored:
            scheduler.poke()
        status = 422 if result.received and not result.accepted else 200
        return JSONResponse(result.model_dump(), status_code=status)

    @app.post(
        "/v1/models/{model}/versions/{version}/labels",
        dependencies=[Depends(check_key)],
        response_model=LabelResult,
    )
    async def labels(model: str, version: str, request: Request) -> JSONResponse:
        schema = model_of(model, version)
        if not schema.role("label"):
            raise _problem(409, f"{schema.key} declares no label column")
        rows = await read_rows(request)
        good, rejected = validate_labels(schema, rows)
        stored = await run_in_threadpool(store.add_labels, schema, good)
        result = LabelResult(stored=stored, rejected=[r.to_json() for r in rejected])
        return JSONResponse(result.model_dump(), status_code=422 if rows and not good else 200)

    @app.get("/v1/alerts", dependencies=[Depends(check_key)])
    def alert_history(rule: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        return [{**r, "at": r["at"].isoformat()} for r in store.alert_history(rule, max(1, limit))]

    @app.post("/v1/alerts/evaluate", dependencies=[Depends(check_key)])
    def evaluate() -> list[dict[str, Any]]:
        if engine is None:
            raise _problem(409, "no alert rules are loaded; start the server with --rules FILE")
        return [e.to_json() for e in engine.evaluate()]

    return app
