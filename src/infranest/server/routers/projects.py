"""Projects in a workspace: ``/api/workspaces/{id}/projects`` and ``/api/projects/{id}``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from infranest.server.deps import CurrentUser, Db, Id, access, latest_number, project_access
from infranest.server.models import Project, Role, Timestamp, VerifyRun

router = APIRouter(tags=["projects"])


class ProjectIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=10_000)


class ProjectPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)


class ProjectOut(BaseModel):
    id: int
    workspace_id: int
    name: str
    description: str
    created_at: Timestamp
    latest_version: int | None


def project_out(project: Project, latest: int) -> ProjectOut:
    return ProjectOut(
        id=project.id,
        workspace_id=project.workspace_id,
        name=project.name,
        description=project.description,
        created_at=project.created_at,
        latest_version=latest or None,
    )


@router.post("/api/workspaces/{workspace_id}/projects", status_code=201)
def create_project(workspace_id: Id, body: ProjectIn, user: CurrentUser, db: Db) -> ProjectOut:
    access(db, user, workspace_id, Role.editor)
    project = Project(workspace_id=workspace_id, name=body.name, description=body.description)
    db.add(project)
    db.commit()
    return project_out(project, 0)


@router.get("/api/workspaces/{workspace_id}/projects")
def list_projects(workspace_id: Id, user: CurrentUser, db: Db) -> list[ProjectOut]:
    access(db, user, workspace_id)
    rows = db.scalars(
        select(Project).where(Project.workspace_id == workspace_id).order_by(Project.id)
    ).all()
    return [project_out(p, latest_number(db, p)) for p in rows]


@router.get("/api/projects/{project_id}")
def get_project(project_id: Id, user: CurrentUser, db: Db) -> ProjectOut:
    project, _ = project_access(db, user, project_id)
    return project_out(project, latest_number(db, project))


@router.patch("/api/projects/{project_id}")
def update_project(project_id: Id, body: ProjectPatch, user: CurrentUser, db: Db) -> ProjectOut:
    project, _ = project_access(db, user, project_id, Role.editor)
    if body.name is not None:
        project.name = body.name
    if body.description is not None:
        project.description = body.description
    db.commit()
    return project_out(project, latest_number(db, project))


@router.delete("/api/projects/{project_id}", status_code=204)
def delete_project(project_id: Id, request: Request, user: CurrentUser, db: Db) -> Response:
    """Delete a project with its versions and verify runs (owner only); a run in
    progress is stopped."""
    project, _ = project_access(db, user, project_id, Role.owner)
    unfinished = db.scalars(
        select(VerifyRun).where(
            VerifyRun.project_id == project.id, VerifyRun.status.in_(("queued", "running"))
        )
    ).all()
    for run in unfinished:
        request.app.state.verify.cancel(db, run)
    db.delete(project)
    db.commit()
    return Response(status_code=204)
