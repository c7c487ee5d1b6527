"""Request dependencies: the database session, the signed-in user, and role checks.

A resource in a workspace the user is not a member of is reported as missing (404), so
its existence does not leak; a member whose role is too low gets 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from infranest.server.auth import COOKIE, session_user
from infranest.server.db import Database
from infranest.server.models import Membership, Project, Role, SpecVersion, User, Workspace

_bearer = HTTPBearer(auto_error=False, description="A session token from /api/auth/login.")
_cookie = APIKeyCookie(name=COOKIE, auto_error=False, description="The session cookie.")


def get_db(request: Request) -> Iterator[Session]:
    database: Database = request.app.state.db
    yield from database.session()


Db = Annotated[Session, Depends(get_db)]
MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


def session_token(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> str | None:
    if bearer is not None:
        return bearer.credentials
    return cookie


Token = Annotated[str | None, Depends(session_token)]


def current_user(db: Db, token: Token) -> User:
    user = session_user(db, token) if token else None
    if user is None:
        raise HTTPException(401, "not signed in", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no such {what}")


@dataclass(frozen=True)
class Access:
    """A member's way into one workspace."""

    user: User
    workspace: Workspace
    role: Role

    def require(self, role: Role) -> None:
        if self.role.rank < role.rank:
            raise HTTPException(403, f"this needs the {role.value} role; you are {self.role.value}")


def access(db: Session, user: User, workspace_id: int, need: Role = Role.viewer) -> Access:
    """``user``'s access to the workspace with at least ``need``: 404 for a non-member."""
    member = db.scalar(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    )
    workspace = db.get(Workspace, workspace_id) if member is not None else None
    if member is None or workspace is None:
        raise not_found("workspace")
    found = Access(user, workspace, Role(member.role))
    found.require(need)
    return found


def project_access(
    db: Session, user: User, project_id: int, need: Role = Role.viewer
) -> tuple[Project, Access]:
    project = db.get(Project, project_id)
    if project is None:
        raise not_found("project")
    try:
        found = access(db, user, project.workspace_id)
    except HTTPException as exc:
        if exc.status_code == 404:
            raise not_found("project") from None
        raise
    found.require(need)
    return project, found


def version_of(db: Session, project: Project, number: int) -> SpecVersion:
    row = db.scalar(
        select(SpecVersion).where(
            SpecVersion.project_id == project.id, SpecVersion.number == number
        )
    )
    if row is None:
        raise not_found("spec version")
    return row


def latest_number(db: Session, project: Project) -> int:
    found = db.scalars(
        select(SpecVersion.number)
        .where(SpecVersion.project_id == project.id)
        .order_by(SpecVersion.number.desc())
        .limit(1)
    ).first()
    return found or 0
