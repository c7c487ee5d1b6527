"""``/api/auth``: register, login, logout, me."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from infranest.server.auth import (
    COOKIE,
    close_session,
    hash_password,
    open_session,
    verify_password,
)
from infranest.server.deps import CurrentUser, Db, Token
from infranest.server.models import User
from infranest.server.settings import Settings

router = APIRouter(prefix="/api/auth", tags=["auth"])

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Register(BaseModel):
    email: str = Field(pattern=EMAIL, max_length=320)
    password: str = Field(min_length=8, max_length=256)
    name: str = Field(default="", max_length=200)


class Login(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=256)


class UserOut(BaseModel):
    id: int
    email: str
    name: str


class LoginOut(BaseModel):
    token: str
    user: UserOut


def user_out(user: User) -> UserOut:
    return UserOut(id=user.id, email=user.email, name=user.name)


def _signed_in(request: Request, response: Response, db: Db, user: User) -> LoginOut:
    settings: Settings = request.app.state.settings
    token = open_session(db, user, settings.session_hours)
    response.set_cookie(
        COOKIE,
        token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return LoginOut(token=token, user=user_out(user))


@router.post("/register", status_code=201, responses={409: {"description": "Email taken"}})
def register(body: Register, request: Request, response: Response, db: Db) -> LoginOut:
    """Create an account and sign in."""
    email = body.email.strip().lower()
    if db.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise HTTPException(409, "an account with this email exists")
    user = User(email=email, name=body.name, password_hash=hash_password(body.password))
    db.add(user)
    db.commit()
    return _signed_in(request, response, db, user)


@router.post("/login", responses={429: {"description": "Too many attempts"}})
def login(body: Login, request: Request, response: Response, db: Db) -> LoginOut:
    """Sign in: the token comes back in the body and as an HttpOnly cookie."""
    client = request.client.host if request.client else "unknown"
    if not request.app.state.login_limiter.allow(client):
        raise HTTPException(429, "too many login attempts; wait a minute")
    user = db.scalar(select(User).where(User.email == body.email.strip().lower()))
    if not verify_password(body.password, user.password_hash if user else None) or user is None:
        raise HTTPException(401, "wrong email or password")
    return _signed_in(request, response, db, user)


@router.post("/logout", status_code=204)
def logout(user: CurrentUser, token: Token, db: Db, response: Response) -> Response:
    """End this session."""
    assert token is not None, user.id
    close_session(db, token)
    response.delete_cookie(COOKIE)
    response.status_code = 204
    return response


@router.get("/me")
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
