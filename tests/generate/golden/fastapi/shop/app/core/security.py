"""Password hashing (argon2 via pwdlib) and signed tokens (PyJWT, HS256)."""

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError

from app.core.config import settings

ALGORITHM = "HS256"
# Stored instead of a hash for accounts that sign in through a provider only.
NO_LOCAL_LOGIN = "!"
password_hash = PasswordHash.recommended()


def hash_password(password: str) -> str:
    return password_hash.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    """Whether `password` matches; accounts without a password (OAuth2) never match."""
    try:
        return password_hash.verify(password, hashed)
    except UnknownHashError:
        return False


def create_token(subject: int, kind: str, lifetime: timedelta) -> str:
    """A signed token for user `subject`; `kind` is access, refresh or session."""
    now = datetime.now(UTC)
    claims: dict[str, Any] = {"sub": str(subject), "type": kind, "iat": now, "exp": now + lifetime}
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)


def read_token(token: str, kind: str) -> int | None:
    """The user id a valid, unexpired token of `kind` names, else None."""
    try:
        claims = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    subject = claims.get("sub")
    if claims.get("type") != kind or not isinstance(subject, str) or not subject.isdigit():
        return None
    return int(subject)


def access_lifetime() -> timedelta:
    return timedelta(minutes=settings.ACCESS_TOKEN_MINUTES)


def refresh_lifetime() -> timedelta:
    return timedelta(days=settings.REFRESH_TOKEN_DAYS)


def token_pair(user_id: int) -> dict[str, Any]:
    """The TokenPair body for a signed-in user."""
    access = access_lifetime()
    return {
        "access_token": create_token(user_id, "access", access),
        "refresh_token": create_token(user_id, "refresh", refresh_lifetime()),
        "token_type": "bearer",  # nosec B105  # the OAuth 2 token type, not a secret
        "expires_in": int(access.total_seconds()),
    }
