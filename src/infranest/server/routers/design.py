"""Design work on a version: audit, apply safe fixes, capacity prediction, diff."""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from infranest.design.audit import audit
from infranest.design.capacity.forecast import forecast
from infranest.design.capacity.model import FRAMEWORK_REQUEST_MS, default_hardware
from infranest.design.capacity.predict import predict
from infranest.design.fix import fix_spec, merged_text
from infranest.design.history.diff import diff
from infranest.design.history.migrate import TARGETS, diff_json
from infranest.server.deps import MAX_ID, CurrentUser, Db, Id, project_access, version_of
from infranest.server.models import Role
from infranest.server.routers.versions import VersionOut, save_version, version_out
from infranest.server.specs import SPEC_FILE, valid

router = APIRouter(prefix="/api/projects/{project_id}", tags=["design"])


class FixOut(BaseModel):
    applied: list[dict[str, Any]]
    skipped: list[dict[str, Any]]
    version: VersionOut | None


def finite(value: Any) -> Any:
    """``value`` with every infinite or NaN float replaced by None (JSON has neither)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


@router.get("/versions/{number}/audit")
def audit_version(project_id: Id, number: Id, user: CurrentUser, db: Db) -> dict[str, Any]:
    """Findings on security, privacy, performance and design (``infranest audit --format
    json``)."""
    project, _ = project_access(db, user, project_id)
    loaded = valid(version_of(db, project, number).text)
    source = loaded.source if loaded.format == "nest" else None
    report: dict[str, Any] = audit(loaded.spec, file=SPEC_FILE, source=source).to_json()
    return report


@router.post("/versions/{number}/fix")
def fix_version(project_id: Id, number: Id, user: CurrentUser, db: Db) -> FixOut:
    """Apply every safe fix; the result is saved as a new version (none when no fix applies)."""
    project, _ = project_access(db, user, project_id, Role.editor)
    loaded = valid(version_of(db, project, number).text)
    result = fix_spec(loaded.spec)
    applied = [{"rule": f.rule_id, "path": f.path} for f in result.applied]
    skipped = [{"rule": f.rule_id, "path": f.path} for f in result.skipped]
    if not result.applied:
        return FixOut(applied=applied, skipped=skipped, version=None)
    if loaded.format == "nest":
        text = merged_text(loaded.source, loaded.spec, result.spec, SPEC_FILE)
    else:
        from infranest.spec.formatter import format_spec

        text = format_spec(result.spec)
    message = f"audit fix of version {number}: {len(applied)} fix(es)"
    saved = save_version(db, project, user, text, message)
    return FixOut(applied=applied, skipped=skipped, version=version_out(saved))


@router.get("/versions/{number}/predict")
def predict_version(
    project_id: Id,
    number: Id,
    user: CurrentUser,
    db: Db,
    rps: float | None = Query(default=None, ge=0, le=1e9),
    growth: float | None = Query(default=None, ge=-100, le=10_000),
    target: str | None = Query(default=None, description="Framework costs to use."),
    horizon: int = Query(default=36, ge=1, le=240),
) -> dict[str, Any]:
    """Capacity per endpoint and the growth forecast (``infranest predict --json``)."""
    project, _ = project_access(db, user, project_id)
    spec = valid(version_of(db, project, number).text).spec
    name = target or spec.project.target or "fastapi"
    if name not in FRAMEWORK_REQUEST_MS:
        raise HTTPException(
            422, f"unknown target {name!r}; valid: {', '.join(FRAMEWORK_REQUEST_MS)}"
        )
    hardware = default_hardware(name)
    report = predict(spec, hardware, rps=rps)
    result = forecast(spec, hardware, rps=rps, growth_percent=growth, horizon=horizon)
    data: dict[str, Any] = finite({"capacity": report.to_json(), "forecast": result.to_json()})
    return data


@router.get("/diff")
def diff_versions(
    project_id: Id,
    user: CurrentUser,
    db: Db,
    old: int = Query(ge=1, le=MAX_ID),
    new: int = Query(ge=1, le=MAX_ID),
) -> dict[str, Any]:
    """Every change from version ``old`` to ``new``, classified, with migration plans."""
    project, _ = project_access(db, user, project_id)
    before = valid(version_of(db, project, old).text).spec
    after = valid(version_of(db, project, new).text).spec
    data: dict[str, Any] = diff_json(diff(before, after), TARGETS)
    return data
