"""The demo workspace (``infranest serve --demo``): a user, a workspace with the shop
example as a project with two versions, a monitored churn model with alert rules, and one
verification run. Each part is created only when missing, so a restart changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infranest.monitor.alerts.config import AlertConfig, Rule
from infranest.server.auth import hash_password
from infranest.server.demo_data import MODEL, seed_model
from infranest.server.models import (
    Membership,
    MonitorConfig,
    Project,
    Role,
    SpecVersion,
    User,
    VerifyRun,
    Workspace,
)
from infranest.server.monitoring import Alerts, Stores, load_alerts, save_alerts
from infranest.server.specs import valid
from infranest.server.verify_runs import initial_steps

DEMO_EMAIL = "demo@infranest.local"
DEMO_PASSWORD = "infranest-demo"
WORKSPACE = "Demo workspace"
PROJECT = "Shop"
SHOP = Path(__file__).resolve().parents[3] / "examples" / "shop.nest"
# Version 1 lacks what version 2 (the example as it is) adds, so history and diff show it.
V1_CUTS = (
    "  weight_grams: int optional min(1)\n",
    "  note: text optional max_length(500)\n",
)
RULES = (
    Rule(
        id="churn-drift",
        model=MODEL,
        metric="drift_share",
        op=">=",
        threshold=0.3,
        window="1h",
        min_events=50,
        severity="critical",
        cooldown="30m",
        description="Most features moved against the hour before.",
    ),
    Rule(
        id="churn-spend",
        model=MODEL,
        metric="mean:monthly_spend",
        op=">",
        threshold=50.0,
        window="1h",
        reference="none",
        severity="warning",
        description="Average monthly spend above the usual range.",
    ),
)


@dataclass(frozen=True)
class DemoSeed:
    user_id: int
    workspace_id: int
    project_id: int
    created: tuple[str, ...]  # what this start created (empty on a restart)


def _shop_text() -> str:
    if not SHOP.is_file():
        raise FileNotFoundError(f"the demo needs {SHOP} (run the server from a source checkout)")
    return SHOP.read_text(encoding="utf-8")


def _user(db: Session, created: list[str]) -> User:
    user = db.scalar(select(User).where(User.email == DEMO_EMAIL))
    if user is None:
        user = User(email=DEMO_EMAIL, name="Demo", password_hash=hash_password(DEMO_PASSWORD))
        db.add(user)
        db.commit()
        created.append("user")
    return user


def _workspace(db: Session, user: User, created: list[str]) -> Workspace:
    found = db.scalar(
        select(Workspace)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == user.id, Workspace.name == WORKSPACE)
        .order_by(Workspace.id)
    )
    if found is None:
        found = Workspace(name=WORKSPACE)
        db.add(found)
        db.flush()
        db.add(Membership(user_id=user.id, workspace_id=found.id, role=Role.owner.value))
        db.commit()
        created.append("workspace")
    return found


def _project(db: Session, workspace: Workspace, user: User, created: list[str]) -> Project:
    project = db.scalar(
        select(Project).where(Project.workspace_id == workspace.id, Project.name == PROJECT)
    )
    if project is None:
        project = Project(
            workspace_id=workspace.id,
            name=PROJECT,
            description="The online store example (examples/shop.nest).",
        )
        db.add(project)
        db.commit()
        created.append("project")
    full = _shop_text()
    first = full
    for cut in V1_CUTS:
        first = first.replace(cut, "", 1)
    have = db.scalar(
        select(func.count()).select_from(SpecVersion).where(SpecVersion.project_id == project.id)
    )
    texts = ((first, "first draft"), (full, "weights and order notes"))
    for number, (text, message) in enumerate(texts[have or 0 :], start=(have or 0) + 1):
        valid(text)
        db.add(
            SpecVersion(
                project_id=project.id, number=number, text=text, message=message, author_id=user.id
            )
        )
        created.append(f"version {number}")
    db.commit()
    return project


def _alerts(db: Session, workspace: Workspace, alerts: Alerts, anchor: datetime) -> bool:
    if db.get(MonitorConfig, workspace.id) is not None:
        return False
    config = AlertConfig(rules=RULES)
    save_alerts(db, workspace.id, config)
    engine = alerts.engine(workspace.id, load_alerts(db, workspace.id))
    # Replay the last hours, so the history has what the rules saw as the data came in.
    for hours_ago in (4, 3, 2, 1, 0):
        engine.evaluate(now=anchor - timedelta(hours=hours_ago))
    return True


def _verify_run(db: Session, project: Project, user: User) -> bool:
    if db.scalar(select(VerifyRun.id).where(VerifyRun.project_id == project.id).limit(1)):
        return False
    latest = db.scalar(
        select(func.max(SpecVersion.number)).where(SpecVersion.project_id == project.id)
    )
    db.add(
        VerifyRun(
            project_id=project.id,
            version=latest or 1,
            target="fastapi",
            status="queued",
            options='{"skip": ["deploy"], "max_examples": 10, "min_coverage": 90.0}',
            steps=initial_steps(),
            log="",
            created_by=user.id,
        )
    )
    db.commit()
    return True


def seed_demo(db: Session, stores: Stores, alerts: Alerts, *, verify: bool = True) -> DemoSeed:
    """Create whatever of the demo is missing; ``verify`` also queues one verify run."""
    created: list[str] = []
    user = _user(db, created)
    workspace = _workspace(db, user, created)
    project = _project(db, workspace, user, created)
    anchor = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    if seed_model(stores.get(workspace.id), anchor):
        created.append("monitored model")
    if _alerts(db, workspace, alerts, anchor):
        created.append("alert rules")
    if verify and _verify_run(db, project, user):
        created.append("verify run")
    return DemoSeed(user.id, workspace.id, project.id, tuple(created))
