"""How callers authenticate.

Bearer JSON Web Tokens (HS256, signed with ``SECRET_KEY``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from api.models import User

ALGORITHM = "HS256"


def _token(user: User, kind: str, lifetime: timedelta) -> str:
    now = timezone.now()
    claims = {
        "sub": str(user.pk),
        "type": kind,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)


def issue_tokens(user: User) -> dict[str, Any]:
    """The contract's ``TokenPair`` for ``user``."""
    access = timedelta(minutes=settings.ACCESS_TOKEN_MINUTES)
    refresh = timedelta(days=settings.REFRESH_TOKEN_DAYS)
    return {
        "access_token": _token(user, "access", access),
        "refresh_token": _token(user, "refresh", refresh),
        "token_type": "bearer",  # nosec B105: the scheme name, not a secret
        "expires_in": int(access.total_seconds()),
    }


def active_user(pk: Any) -> User:
    """The active (and not deleted) user ``pk`` names, or 401."""
    users = User.objects.filter(is_active=True)
    user = users.filter(pk=int(str(pk))).first() if str(pk).isdigit() else None
    if user is None:
        raise exceptions.AuthenticationFailed("Invalid credentials.")
    return user


def user_from_token(token: str, kind: str) -> User:
    """The active user a valid token of ``kind`` names, or 401."""
    try:
        claims = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError as exc:
        raise exceptions.AuthenticationFailed("Invalid or expired token.") from exc
    if claims.get("type") != kind:
        raise exceptions.AuthenticationFailed("Invalid token.")
    return active_user(claims.get("sub", ""))


class BearerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <access token>``; a bad token answers 401 everywhere."""

    def authenticate(self, request: Request) -> tuple[User, str] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise exceptions.AuthenticationFailed("Use: Authorization: Bearer <token>.")
        return user_from_token(token.strip(), "access"), token.strip()

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
