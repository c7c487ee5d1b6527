"""Rows for tests, stored directly; every call gets fresh unique values."""

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.core.security import hash_password
from app.models import Blog, Post, Tag, User

COUNTER = itertools.count(1)
PASSWORD = "correct-horse-battery"
PASSWORD_HASH = hash_password(PASSWORD)


def _store(db: Session, row: Any) -> Any:
    db.add(row)
    db.commit()
    db.refresh(row)
    return row


def make_user(
    db: Session, owner_id: int | None = None, role: str | None = None, **values: Any
) -> User:
    del owner_id
    n = next(COUNTER)
    values.setdefault("role", role)
    defaults: dict[str, Any] = {
        "email": f"email{n}@example.com",
        "hashed_password": PASSWORD_HASH,
        "is_active": True,
    }
    del n
    return _store(db, User(**{**defaults, **values}))


def make_blog(db: Session, owner_id: int | None = None, **values: Any) -> Blog:
    n = next(COUNTER)
    defaults: dict[str, Any] = {
        "name": f"name-{n}",
        "handle": f"handle-{n}",
    }
    del n
    return _store(db, Blog(**{**defaults, **values}))


def make_post(db: Session, owner_id: int | None = None, **values: Any) -> Post:
    n = next(COUNTER)
    defaults: dict[str, Any] = {
        "title": f"title-{n}",
        "content": f"content-{n}",
        "date": (datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n)),
    }
    del n
    return _store(db, Post(**{**defaults, **values}))


def make_tag(db: Session, owner_id: int | None = None, **values: Any) -> Tag:
    n = next(COUNTER)
    defaults: dict[str, Any] = {
        "name": f"name-{n}",
    }
    del n
    return _store(db, Tag(**{**defaults, **values}))
