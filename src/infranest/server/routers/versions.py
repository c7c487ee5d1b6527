"""Spec versions of a project: save from text (validated), list, read, format, check."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from infranest.server.deps import CurrentUser, Db, Id, latest_number, project_access, version_of
from infranest.server.models import Project, Role, SpecVersion, Timestamp, User
from infranest.server.problems import ProblemError, SpecProblem, diagnostic_error
from infranest.server.specs import valid
from infranest.spec.formatter import format_spec

router = APIRouter(prefix="/api/projects/{project_id}/versions", tags=["specs"])
check_router = APIRouter(tags=["specs"])

MAX_SPEC = 1_000_000


class SpecText(BaseModel):
    text: str = Field(max_length=MAX_SPEC, description="The spec (DSL, JSON/YAML, JDL, SQL).")


class VersionIn(SpecText):
    message: str = Field(default="", max_length=2000)


class VersionSummary(BaseModel):
    number: int
    message: str
    created_at: Timestamp
    author_id: int | None


class VersionOut(VersionSummary):
    text: str
    warnings: list[ProblemError]


class Formatted(BaseModel):
    text: str


class CheckOut(BaseModel):
    valid: bool
    format: str
    diagnostics: list[ProblemError]


def summary(v: SpecVersion) -> VersionSummary:
    return VersionSummary(
        number=v.number, message=v.message, created_at=v.created_at, author_id=v.author_id
    )


def version_out(v: SpecVersion) -> VersionOut:
    warnings = [diagnostic_error(d) for d in valid(v.text).diagnostics]
    return VersionOut(**summary(v).model_dump(), text=v.text, warnings=warnings)


def save_version(db: Session, project: Project, user: User, text: str, message: str) -> SpecVersion:
    """Store ``text`` as the project's next version (the caller has validated it)."""
    row = SpecVersion(
        project_id=project.id,
        number=latest_number(db, project) + 1,
        text=text,
        message=message,
        author_id=user.id,
    )
    db.add(row)
    db.commit()
    return row


@router.post("", status_code=201)
def create_version(project_id: Id, body: VersionIn, user: CurrentUser, db: Db) -> VersionOut:
    """Save a new version; an invalid spec is refused with 422 and its diagnostics."""
    project, _ = project_access(db, user, project_id, Role.editor)
    valid(body.text)
    return version_out(save_version(db, project, user, body.text, body.message))


@router.get("")
def list_versions(project_id: Id, user: CurrentUser, db: Db) -> list[VersionSummary]:
    project, _ = project_access(db, user, project_id)
    rows = db.scalars(
        select(SpecVersion)
        .where(SpecVersion.project_id == project.id)
        .order_by(SpecVersion.number.desc())
    )
    return [summary(v) for v in rows]


@router.get("/{number}")
def get_version(project_id: Id, number: Id, user: CurrentUser, db: Db) -> VersionOut:
    project, _ = project_access(db, user, project_id)
    return version_out(version_of(db, project, number))


@router.get("/{number}/formatted")
def formatted_version(project_id: Id, number: Id, user: CurrentUser, db: Db) -> Formatted:
    """The version in canonical DSL form (what ``infranest fmt`` writes)."""
    project, _ = project_access(db, user, project_id)
    return Formatted(text=format_spec(valid(version_of(db, project, number).text).spec))


@check_router.post("/api/specs/check")
def check_spec(body: SpecText, user: CurrentUser) -> CheckOut:
    """Check spec text without saving it (what ``infranest check`` reports)."""
    try:
        loaded = valid(body.text)
    except SpecProblem as exc:
        return CheckOut(valid=False, format="unknown", diagnostics=exc.errors or [])
    found = [diagnostic_error(d) for d in loaded.diagnostics]
    return CheckOut(valid=True, format=loaded.format, diagnostics=found)


@check_router.post("/api/specs/format")
def format_text(body: SpecText, user: CurrentUser) -> Formatted:
    """Spec text in canonical DSL form; 422 with diagnostics when it is not valid."""
    return Formatted(text=format_spec(valid(body.text).spec))
