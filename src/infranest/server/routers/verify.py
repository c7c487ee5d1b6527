"""Verification runs: start one on a version (queued, run in the background), follow its
progress (polling or Server-Sent Events), cancel it, list a project's runs."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from infranest.generate.target import available_targets
from infranest.server.db import Database
from infranest.server.deps import CurrentUser, Db, Id, not_found, project_access, version_of
from infranest.server.models import Role, Timestamp, User, VerifyRun, utcnow
from infranest.server.specs import valid
from infranest.server.verify_runs import FINISHED, VerifyRunner, elapsed, initial_steps

router = APIRouter(tags=["verify"])

StepName = Literal["setup", "tests", "lint", "security", "deploy", "api"]
RunStatus = Literal["queued", "running", "passed", "failed", "cancelled"]
StepStatus = Literal["pending", "running", "passed", "failed", "skipped"]
HEARTBEAT = 15.0
POLL = 0.2


def _default_skip() -> list[StepName]:
    return ["deploy"]


class VerifyIn(BaseModel):
    skip: list[StepName] = Field(
        default_factory=_default_skip,
        max_length=6,
        description="Steps not to run (deploy by default).",
    )
    max_examples: int = Field(default=25, ge=1, le=1000, description="schemathesis examples.")
    min_coverage: float = Field(default=90.0, ge=0, le=100, description="Coverage needed (%).")


class StepOut(BaseModel):
    name: str
    status: StepStatus
    summary: str
    duration: float = Field(description="Seconds; for a running step, so far.")
    counts: dict[str, float]
    findings: list[dict[str, Any]]


class RunSummary(BaseModel):
    id: int
    project_id: int
    version: int
    target: str
    status: RunStatus
    options: VerifyIn
    steps: list[StepOut]
    counts: dict[str, int] = Field(description="Steps per status.")
    duration: float | None = Field(description="Seconds since it started; null while queued.")
    error: str | None
    created_by: int | None
    created_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None


class RunOut(RunSummary):
    log: str = Field(description="The last lines of the run's log.")


def _runner(request: Request) -> VerifyRunner:
    runner: VerifyRunner = request.app.state.verify
    return runner


def _step(data: dict[str, Any]) -> StepOut:
    duration = float(data.get("duration") or 0.0)
    if data["status"] == "running" and data.get("started"):
        duration = (utcnow() - datetime.fromisoformat(str(data["started"]))).total_seconds()
    return StepOut(
        name=str(data["name"]),
        status=data["status"],
        summary=str(data.get("summary", "")),
        duration=round(max(duration, 0.0), 3),
        counts={k: float(v) for k, v in (data.get("counts") or {}).items()},
        findings=list(data.get("findings") or []),
    )


def summary(run: VerifyRun) -> RunSummary:
    steps = [_step(s) for s in json.loads(run.steps)]
    counts: dict[str, int] = {}
    for step in steps:
        counts[step.status] = counts.get(step.status, 0) + 1
    return RunSummary(
        id=run.id,
        project_id=run.project_id,
        version=run.version,
        target=run.target,
        status=run.status,
        options=VerifyIn.model_validate_json(run.options),
        steps=steps,
        counts=counts,
        duration=elapsed(run),
        error=run.error,
        created_by=run.created_by,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


def run_out(run: VerifyRun) -> RunOut:
    return RunOut(**summary(run).model_dump(), log=run.log)


def _visible_run(db: Session, user: User, run_id: int, need: Role = Role.viewer) -> VerifyRun:
    run = db.get(VerifyRun, run_id)
    if run is None:
        raise not_found("verify run")
    try:
        project_access(db, user, run.project_id, need)
    except HTTPException as exc:
        if exc.status_code == 404:
            raise not_found("verify run") from None
        raise
    return run


@router.post(
    "/api/projects/{project_id}/versions/{number}/verify/{target}",
    status_code=202,
    responses={202: {"description": "Queued; follow it at /api/verify-runs/{id}"}},
)
def start_run(
    project_id: Id,
    number: Id,
    target: str,
    request: Request,
    user: CurrentUser,
    db: Db,
    body: VerifyIn | None = None,
) -> RunOut:
    """Queue a verification of the version generated for ``target`` (editor)."""
    project, _ = project_access(db, user, project_id, Role.editor)
    if target not in available_targets():
        raise HTTPException(
            404, f"no such target {target!r}; valid: {', '.join(available_targets())}"
        )
    version = version_of(db, project, number)
    valid(version.text)
    chosen = body or VerifyIn()
    chosen = chosen.model_copy(update={"skip": sorted(set(chosen.skip))})
    run = VerifyRun(
        project_id=project.id,
        version=number,
        target=target,
        status="queued",
        options=chosen.model_dump_json(),
        steps=initial_steps(),
        log="",
        created_by=user.id,
    )
    db.add(run)
    db.commit()
    _runner(request).submit()
    return run_out(run)


@router.get("/api/projects/{project_id}/verify-runs")
def list_runs(
    project_id: Id,
    user: CurrentUser,
    db: Db,
    limit: int = Query(default=50, ge=1, le=500),
) -> list[RunSummary]:
    """The project's runs, newest first."""
    project, _ = project_access(db, user, project_id)
    rows = db.scalars(
        select(VerifyRun)
        .where(VerifyRun.project_id == project.id)
        .order_by(VerifyRun.id.desc())
        .limit(limit)
    )
    return [summary(r) for r in rows]


@router.get("/api/verify-runs/{run_id}")
def get_run(run_id: Id, user: CurrentUser, db: Db) -> RunOut:
    """Status, each step's status, counts and duration, and the log's last lines."""
    return run_out(_visible_run(db, user, run_id))


@router.post("/api/verify-runs/{run_id}/cancel", responses={409: {"description": "Finished"}})
def cancel_run(run_id: Id, request: Request, user: CurrentUser, db: Db) -> RunOut:
    """Cancel a queued or running run (editor); 409 when it has finished."""
    run = _visible_run(db, user, run_id, Role.editor)
    if run.status in FINISHED or not _runner(request).cancel(db, run):
        db.refresh(run)
        raise HTTPException(409, f"the run has finished ({run.status}); nothing to cancel")
    db.refresh(run)
    return run_out(run)


def _load(database: Database, run_id: int) -> RunOut | None:
    with database.sessions() as db:
        run = db.get(VerifyRun, run_id)
        return run_out(run) if run is not None else None


def _event(kind: str, data: str, revision: int) -> str:
    return f"event: {kind}\nid: {revision}\ndata: {data}\n\n"


async def _stream(request: Request, run_id: int) -> AsyncIterator[str]:
    runner = _runner(request)
    database: Database = request.app.state.db
    seen = -1
    beat = time.monotonic()
    while not await request.is_disconnected():
        revision = runner.revision(run_id)
        if revision != seen:
            seen = revision
            found = await run_in_threadpool(_load, database, run_id)
            if found is None:
                return
            finished = found.status in FINISHED
            yield _event("done" if finished else "progress", found.model_dump_json(), revision)
            if finished:
                return
            beat = time.monotonic()
        elif time.monotonic() - beat > HEARTBEAT:
            beat = time.monotonic()
            yield ": keep-alive\n\n"
        await asyncio.sleep(POLL)


@router.get(
    "/api/verify-runs/{run_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Progress events"}},
)
def run_events(run_id: Id, request: Request, user: CurrentUser, db: Db) -> StreamingResponse:
    """Server-Sent Events: ``progress`` (the run as ``GET /api/verify-runs/{id}`` gives it)
    on every change, then one ``done`` when it finishes, and the stream ends."""
    _visible_run(db, user, run_id)
    return StreamingResponse(
        _stream(request, run_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
