"""A workspace's monitor alerts: rules (editor), channels (owner), history, evaluation.

Rules and channels have the monitor's rules-file form (``docs/monitor.md``, Alerts); the
channels' URLs, keys and headers are never shown back, only their names and types.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field, ValidationError

from infranest.monitor.alerts.config import AlertConfig, Channel, Rule
from infranest.server.deps import CurrentUser, Db, Id, access
from infranest.server.models import Role
from infranest.server.monitoring import (
    Alerts,
    Stores,
    channel_summary,
    load_alerts,
    save_alerts,
)
from infranest.server.problems import ProblemError, SpecProblem

router = APIRouter(prefix="/api/workspaces/{workspace_id}/monitor/alerts", tags=["monitor alerts"])


class ChannelOut(BaseModel):
    name: str
    type: str


class AlertsOut(BaseModel):
    rules: list[Rule]
    channels: list[ChannelOut]


def _out(config: AlertConfig) -> AlertsOut:
    channels = [ChannelOut(**c) for c in channel_summary(config)]
    return AlertsOut(rules=list(config.rules), channels=channels)


def _checked(channels: dict[str, Any], rules: list[Rule]) -> AlertConfig:
    try:
        return AlertConfig.model_validate({"channels": channels, "rules": rules})
    except ValidationError as exc:
        errors = [
            ProblemError(
                message=str(e["msg"]),
                code=str(e["type"]),
                path=".".join(str(p) for p in e["loc"]),
            )
            for e in exc.errors()
        ]
        raise SpecProblem(422, "the alert configuration is not valid", errors) from None


@router.get("")
def get_alerts(workspace_id: Id, user: CurrentUser, db: Db) -> AlertsOut:
    """The rules, and the channels by name and type."""
    access(db, user, workspace_id)
    return _out(load_alerts(db, workspace_id))


@router.put("/rules")
def put_rules(
    workspace_id: Id,
    rules: list[Rule],
    user: CurrentUser,
    db: Db,
) -> AlertsOut:
    """Replace the rules (editor); every channel a rule names must exist."""
    access(db, user, workspace_id, Role.editor)
    current = load_alerts(db, workspace_id)
    config = _checked(dict(current.channels), rules)
    save_alerts(db, workspace_id, config)
    return _out(config)


@router.put("/channels")
def put_channels(
    workspace_id: Id,
    channels: dict[str, Channel],
    user: CurrentUser,
    db: Db,
) -> AlertsOut:
    """Replace the notification channels (owner: they hold secrets)."""
    access(db, user, workspace_id, Role.owner)
    current = load_alerts(db, workspace_id)
    config = _checked(dict(channels), list(current.rules))
    save_alerts(db, workspace_id, config)
    return _out(config)


@router.get("/history")
def alert_history(
    workspace_id: Id,
    request: Request,
    user: CurrentUser,
    db: Db,
    rule: str | None = Query(default=None, max_length=200),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """Alert transitions (firing, repeat, resolved), newest first, with each channel's
    answer."""
    access(db, user, workspace_id)
    stores: Stores = request.app.state.monitor
    records = stores.get(workspace_id).alert_history(rule, limit)
    return [{**r, "at": r["at"].isoformat()} for r in records]


class EvaluationOut(BaseModel):
    rule: str
    value: float | None
    events: int
    breached: bool | None = Field(description="null: not decided (too few events, no value)")
    transition: str | None
    deliveries: list[dict[str, Any]]


@router.post("/evaluate")
def evaluate(workspace_id: Id, request: Request, user: CurrentUser, db: Db) -> list[EvaluationOut]:
    """Evaluate every rule now (editor); transitions are recorded and notified."""
    access(db, user, workspace_id, Role.editor)
    alerts: Alerts = request.app.state.alerts
    try:
        results = alerts.evaluate(workspace_id)
    except ValueError as exc:  # a rule's metric names a column the model lacks
        raise HTTPException(422, str(exc)) from None
    return [EvaluationOut.model_validate(r.to_json()) for r in results]
