"""Accounts and sign-in: `/auth/...`."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import func, select

from app.api import crud
from app.api.deps import CurrentUser, DbSession, unauthorized
from app.core.config import settings
from app.core.ratelimit import Limit, enforce
from app.core.security import hash_password, read_token, token_pair, verify_password
from app.models import User
from app.schemas.auth import LoginRequest, RefreshRequest, RegisterRequest
from app.schemas.user import UserRead

router = APIRouter(prefix="/auth", tags=["auth"])
AUTH_LIMITS = (Limit(count=10, period="minute", scope="ip"),)
DUMMY_HASH = hash_password("not-a-real-password")
USER_META = crud.Meta(
    model=User,
    read=UserRead,
    read_roles={},
    many={},
)


def user_body(user: User) -> dict[str, Any]:
    return crud.serialize(USER_META, user, user.role)


def find_user(db: DbSession, email: str) -> User | None:
    return db.scalars(select(User).where(func.lower(User.email) == email.lower())).first()


@router.post("/register", operation_id="auth_register", status_code=201, response_model=None)
def register(http: Request, db: DbSession, payload: RegisterRequest) -> Any:
    """Create an account with the default role."""
    enforce(http, "auth_register", AUTH_LIMITS)
    if find_user(db, payload.email) is not None:
        raise HTTPException(status_code=409, detail="This email is already registered.")
    values = {
        name: getattr(payload, name) for name in type(payload).model_fields if name != "password"
    }
    user = User(
        hashed_password=hash_password(payload.password), role=settings.DEFAULT_ROLE, is_active=True
    )
    crud.assign(db, USER_META, user, values)
    crud.save(db, user)
    return user_body(user)


@router.post("/login", operation_id="auth_login", response_model=None)
def login(http: Request, response: Response, db: DbSession, payload: LoginRequest) -> Any:
    """Check the credentials and issue tokens."""
    enforce(http, "auth_login", AUTH_LIMITS)
    user = find_user(db, payload.email)
    if user is None:
        verify_password(payload.password, DUMMY_HASH)
        raise unauthorized("Wrong email or password.")
    if not user.is_active or not verify_password(payload.password, user.hashed_password):
        raise unauthorized("Wrong email or password.")
    return token_pair(user.id)


@router.post("/refresh", operation_id="auth_refresh", response_model=None)
def refresh(http: Request, db: DbSession, payload: RefreshRequest) -> Any:
    """A new token pair for a valid refresh token."""
    enforce(http, "auth_refresh", AUTH_LIMITS)
    user_id = read_token(payload.refresh_token, "refresh")
    user = db.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        raise unauthorized("Invalid or expired refresh token.")
    return token_pair(user.id)


@router.get("/me", operation_id="auth_me", response_model=None)
def me(user: CurrentUser) -> Any:
    """The signed-in user."""
    return user_body(user)
