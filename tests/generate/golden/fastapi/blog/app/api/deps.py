"""Route dependencies: the database session and the caller."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from app.core.security import read_token
from app.db.session import get_session
from app.models import User

DbSession = Annotated[Session, Depends(get_session)]
SESSION_COOKIE = "session"


def unauthorized(detail: str = "Not authenticated.") -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def get_optional_user(request: Request, db: DbSession) -> User | None:
    """The caller, or None when no credentials were sent; bad credentials answer 401."""
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise unauthorized("Use a Bearer token.")
        user_id = read_token(token.strip(), "access")
        user = db.get(User, user_id) if user_id is not None else None
        return active(user)
    return None


def active(user: User | None) -> User:
    """`user` when it exists and may sign in; else the credentials were bad (401)."""
    if user is None or not user.is_active:
        raise unauthorized("Invalid or expired credentials.")
    return user


def get_current_user(user: Annotated[User | None, Depends(get_optional_user)]) -> User:
    if user is None:
        raise unauthorized()
    return user


OptionalUser = Annotated[User | None, Depends(get_optional_user)]
CurrentUser = Annotated[User, Depends(get_current_user)]
