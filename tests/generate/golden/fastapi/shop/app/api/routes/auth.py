"""Accounts and sign-in: `/auth/...`."""

from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import func, select

from app.api import crud
from app.api.deps import CurrentUser, DbSession, unauthorized
from app.core.config import settings
from app.core.ratelimit import Limit, enforce
from app.core.security import NO_LOCAL_LOGIN, hash_password, read_token, token_pair, verify_password
from app.models import User
from app.schemas.auth import (
    LoginRequest,
    OAuthTokenRequest,
    Provider,
    RefreshRequest,
    RegisterRequest,
)
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


def provider_settings(provider: str) -> dict[str, str]:
    """The provider's OAuth2 settings; 503 when it is not configured."""
    prefix = f"OAUTH_{provider.upper()}_"
    keys = ("CLIENT_ID", "CLIENT_SECRET", "AUTHORIZE_URL", "TOKEN_URL", "USERINFO_URL")
    values = {k.lower(): getattr(settings, prefix + k, None) for k in keys}
    if not all(values.values()):
        raise HTTPException(status_code=503, detail=f"Sign-in with {provider} is not configured.")
    return {k: str(v) for k, v in values.items()}


@router.get(
    "/oauth/{provider}/authorize",
    operation_id="auth_oauth_authorize",
    status_code=302,
    response_class=RedirectResponse,
)
def oauth_authorize(
    provider: Provider,
    redirect_uri: Annotated[str | None, Query(max_length=2048)] = None,
    state: Annotated[str | None, Query(max_length=255)] = None,
) -> RedirectResponse:
    """Send the browser to the provider's consent page."""
    config = provider_settings(provider)
    query = {"response_type": "code", "client_id": config["client_id"], "scope": "openid email"}
    if redirect_uri:
        query["redirect_uri"] = redirect_uri
    if state:
        query["state"] = state
    return RedirectResponse(f"{config['authorize_url']}?{urlencode(query)}", status_code=302)


def exchange_code(config: dict[str, str], form: OAuthTokenRequest) -> str:
    """The email the provider vouches for, given an authorization code."""
    data = {
        "grant_type": "authorization_code",
        "code": form.code,
        "client_id": config["client_id"],
        "client_secret": config["client_secret"],
    }
    if form.redirect_uri:
        data["redirect_uri"] = form.redirect_uri
    try:
        with httpx.Client(timeout=10) as client:
            token = client.post(
                config["token_url"], data=data, headers={"Accept": "application/json"}
            )
            token.raise_for_status()
            access = token.json().get("access_token")
            info = client.get(config["userinfo_url"], headers={"Authorization": f"Bearer {access}"})
            info.raise_for_status()
            email = info.json().get("email")
    except (httpx.HTTPError, ValueError, AttributeError):
        raise unauthorized("The provider did not accept the code.") from None
    if not isinstance(email, str) or "@" not in email:
        raise unauthorized("The provider gave no email address.")
    return email


@router.post("/oauth/{provider}/token", operation_id="auth_oauth_token", response_model=None)
def oauth_token(
    http: Request, provider: Provider, db: DbSession, form: Annotated[OAuthTokenRequest, Form()]
) -> Any:
    """Exchange the provider's code for our tokens (the account is created on first use)."""
    enforce(http, "auth_oauth_token", AUTH_LIMITS)
    config = provider_settings(provider)
    email = exchange_code(config, form)
    user = find_user(db, email)
    if user is None:
        user = User(
            email=email,
            hashed_password=NO_LOCAL_LOGIN,
            role=settings.DEFAULT_ROLE,
            is_active=True,
        )
        crud.save(db, user)
    return token_pair(user.id)
