"""Passwords (argon2), opaque session tokens and API keys (stored as SHA-256 hashes), and
a per-IP limit on login attempts."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from datetime import timedelta

from pwdlib import PasswordHash
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from infranest.server.models import SessionToken, User, utcnow

COOKIE = "infranest_session"
_hasher = PasswordHash.recommended()
# A fixed hash to verify against when the email is unknown, so timing does not tell.
_DUMMY = _hasher.hash("infranest-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _hasher.verify(password, _DUMMY)
        return False
    return _hasher.verify(password, password_hash)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(db: Session, user: User, hours: int) -> str:
    """A new session for ``user``; the token is returned once, only its hash is kept."""
    token = secrets.token_urlsafe(32)
    db.add(
        SessionToken(
            token_hash=digest(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=hours)
        )
    )
    db.commit()
    return token


def session_user(db: Session, token: str) -> User | None:
    """The user whose unexpired session ``token`` is, if any."""
    row = db.scalar(select(SessionToken).where(SessionToken.token_hash == digest(token)))
    if row is None or row.expires_at <= utcnow():
        return None
    return db.get(User, row.user_id)


def close_session(db: Session, token: str) -> None:
    db.execute(delete(SessionToken).where(SessionToken.token_hash == digest(token)))
    db.commit()


def new_api_key() -> tuple[str, str]:
    """A fresh API key and the prefix shown for it later."""
    key = "ink_" + secrets.token_urlsafe(32)
    return key, key[:12]


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key (in memory)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True
