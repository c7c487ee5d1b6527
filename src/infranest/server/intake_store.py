"""Intake conversations in memory, keyed by a random id, per user, expiring when idle."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from infranest.intake.session import Session

IDLE_SECONDS = 2 * 3600
MAX_PER_USER = 20


@dataclass
class Conversation:
    id: str
    user_id: int
    session: Session
    touched: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)


class IntakeStore:
    """Open conversations; another user's id reads as missing."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._items: dict[str, Conversation] = {}
        self._lock = threading.Lock()

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.idle_seconds
        for key in [k for k, c in self._items.items() if c.touched < cutoff]:
            del self._items[key]

    def add(self, user_id: int, session: Session) -> Conversation:
        with self._lock:
            self._expire()
            mine = sorted(
                (c for c in self._items.values() if c.user_id == user_id), key=lambda c: c.touched
            )
            for old in mine[: max(0, len(mine) - MAX_PER_USER + 1)]:
                del self._items[old.id]
            found = Conversation(secrets.token_urlsafe(16), user_id, session)
            self._items[found.id] = found
            return found

    def get(self, user_id: int, conversation_id: str) -> Conversation | None:
        with self._lock:
            self._expire()
            found = self._items.get(conversation_id)
            if found is None or found.user_id != user_id:
                return None
            found.touched = time.monotonic()
            return found
