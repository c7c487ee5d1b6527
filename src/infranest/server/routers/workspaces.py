"""``/api/workspaces``: workspaces, their members (owner only) and ingestion API keys."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from infranest.server.auth import digest, new_api_key
from infranest.server.deps import CurrentUser, Db, Id, access, not_found
from infranest.server.models import ApiKey, Membership, Role, Timestamp, User, Workspace

router = APIRouter(prefix="/api/workspaces", tags=["workspaces"])


class WorkspaceIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class WorkspaceOut(BaseModel):
    id: int
    name: str
    role: Role


class MemberIn(BaseModel):
    email: str = Field(max_length=320)
    role: Role = Role.viewer


class RoleIn(BaseModel):
    role: Role


class MemberOut(BaseModel):
    user_id: int
    email: str
    role: Role


class ApiKeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str
    created_at: Timestamp


class NewApiKey(ApiKeyOut):
    key: str = Field(description="Shown once; only its hash is stored.")


def _member_out(m: Membership) -> MemberOut:
    return MemberOut(user_id=m.user_id, email=m.user.email, role=Role(m.role))


@router.post("", status_code=201)
def create_workspace(body: WorkspaceIn, user: CurrentUser, db: Db) -> WorkspaceOut:
    """Create a workspace; you are its owner."""
    workspace = Workspace(name=body.name)
    db.add(workspace)
    db.flush()
    db.add(Membership(user_id=user.id, workspace_id=workspace.id, role=Role.owner.value))
    db.commit()
    return WorkspaceOut(id=workspace.id, name=workspace.name, role=Role.owner)


@router.get("")
def list_workspaces(user: CurrentUser, db: Db) -> list[WorkspaceOut]:
    rows = db.execute(
        select(Workspace, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == user.id)
        .order_by(Workspace.id)
    ).all()
    return [WorkspaceOut(id=w.id, name=w.name, role=Role(role)) for w, role in rows]


@router.get("/{workspace_id}")
def get_workspace(workspace_id: Id, user: CurrentUser, db: Db) -> WorkspaceOut:
    found = access(db, user, workspace_id)
    return WorkspaceOut(id=found.workspace.id, name=found.workspace.name, role=found.role)


@router.get("/{workspace_id}/members")
def list_members(workspace_id: Id, user: CurrentUser, db: Db) -> list[MemberOut]:
    access(db, user, workspace_id)
    rows = db.scalars(
        select(Membership).where(Membership.workspace_id == workspace_id).order_by(Membership.id)
    )
    return [_member_out(m) for m in rows]


@router.post("/{workspace_id}/members", status_code=201, responses={409: {}})
def add_member(workspace_id: Id, body: MemberIn, user: CurrentUser, db: Db) -> MemberOut:
    """Add a registered user to the workspace (owner only)."""
    access(db, user, workspace_id, Role.owner)
    other = db.scalar(select(User).where(User.email == body.email.strip().lower()))
    if other is None:
        raise not_found("user")
    if _membership(db, workspace_id, other.id) is not None:
        raise HTTPException(409, "already a member")
    member = Membership(user_id=other.id, workspace_id=workspace_id, role=body.role.value)
    db.add(member)
    db.commit()
    return _member_out(member)


def _membership(db: Session, workspace_id: int, user_id: int) -> Membership | None:
    return db.scalar(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user_id
        )
    )


def _owners(db: Session, workspace_id: int) -> int:
    return (
        db.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.workspace_id == workspace_id, Membership.role == Role.owner.value)
        )
        or 0
    )


def _changeable(db: Session, workspace_id: int, user_id: int) -> Membership:
    member = _membership(db, workspace_id, user_id)
    if member is None:
        raise not_found("member")
    return member


@router.patch("/{workspace_id}/members/{user_id}", responses={409: {}})
def change_role(
    workspace_id: Id, user_id: Id, body: RoleIn, user: CurrentUser, db: Db
) -> MemberOut:
    """Change a member's role (owner only); the last owner stays an owner."""
    access(db, user, workspace_id, Role.owner)
    member = _changeable(db, workspace_id, user_id)
    demoted = member.role == Role.owner.value and body.role != Role.owner
    if demoted and _owners(db, workspace_id) <= 1:
        raise HTTPException(409, "a workspace needs at least one owner")
    member.role = body.role.value
    db.commit()
    return _member_out(member)


@router.delete("/{workspace_id}/members/{user_id}", status_code=204, responses={409: {}})
def remove_member(workspace_id: Id, user_id: Id, user: CurrentUser, db: Db) -> Response:
    """Remove a member (owner only); the last owner cannot be removed."""
    access(db, user, workspace_id, Role.owner)
    member = _changeable(db, workspace_id, user_id)
    if member.role == Role.owner.value and _owners(db, workspace_id) <= 1:
        raise HTTPException(409, "a workspace needs at least one owner")
    db.delete(member)
    db.commit()
    return Response(status_code=204)


@router.get("/{workspace_id}/api-keys")
def list_api_keys(workspace_id: Id, user: CurrentUser, db: Db) -> list[ApiKeyOut]:
    access(db, user, workspace_id, Role.owner)
    rows = db.scalars(select(ApiKey).where(ApiKey.workspace_id == workspace_id))
    return [ApiKeyOut(id=k.id, name=k.name, prefix=k.prefix, created_at=k.created_at) for k in rows]


@router.post("/{workspace_id}/api-keys", status_code=201)
def create_api_key(workspace_id: Id, body: ApiKeyIn, user: CurrentUser, db: Db) -> NewApiKey:
    """A key for ingesting monitoring data into this workspace (owner only)."""
    access(db, user, workspace_id, Role.owner)
    key, prefix = new_api_key()
    row = ApiKey(
        workspace_id=workspace_id,
        name=body.name,
        prefix=prefix,
        key_hash=digest(key),
        created_by=user.id,
    )
    db.add(row)
    db.commit()
    return NewApiKey(id=row.id, name=row.name, prefix=prefix, created_at=row.created_at, key=key)


@router.delete("/{workspace_id}/api-keys/{key_id}", status_code=204)
def delete_api_key(workspace_id: Id, key_id: Id, user: CurrentUser, db: Db) -> Response:
    access(db, user, workspace_id, Role.owner)
    row = db.get(ApiKey, key_id)
    if row is None or row.workspace_id != workspace_id:
        raise not_found("API key")
    db.delete(row)
    db.commit()
    return Response(status_code=204)
