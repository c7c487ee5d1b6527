"""The shared machinery: access scopes, cursors, idempotency, field permissions."""

from types import SimpleNamespace

import pytest
from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.api import access, crud
from app.core.idempotency import IdempotencyStore
from app.models import Blog
from app.schemas.blog import BlogRead

META = crud.Meta(
    model=Blog,
    read=BlogRead,
    read_roles={"id": ("auditor",)},
    write_roles={"secret": ("admin",)},
)


def _user(role: str | None = None, user_id: int = 1) -> SimpleNamespace:
    return SimpleNamespace(id=user_id, role=role)


def test_authorize(db: Session) -> None:
    assert not access.authorize(db, None, ["anyone"]).restricted
    assert access.authorize(db, _user("a"), ["anyone"]).role == "a"
    with pytest.raises(HTTPException) as missing:
        access.authorize(db, None, ["authenticated"])
    assert missing.value.status_code == 401
    assert not access.authorize(db, _user(), ["authenticated"]).restricted
    assert not access.authorize(db, _user("boss"), ["boss"]).restricted
    with pytest.raises(HTTPException) as refused:
        access.authorize(db, _user("guest"), ["boss"])
    assert refused.value.status_code == 403
    mine = access.authorize(db, _user("guest", 7), ["owner"], owner="owner_id")
    assert mine.owner_only and mine.user_id == 7
    assert not access.authorize(db, _user(), ["owner"], owner="owner_id", creating=True).restricted
    scoped = access.authorize(db, _user(), ["tenant"], tenant="tenant_id")
    assert scoped.tenant_ids is not None


def test_scopes_narrow_queries() -> None:
    everything = select(Blog)
    assert access.Scope().apply(everything, Blog, None, None) is everything
    nothing = access.Scope(user_id=1, owner_only=True).apply(everything, Blog, None, None)
    assert "false" in str(nothing).lower() or "0 = 1" in str(nothing)


def test_tenant_for_needs_a_tenant(db: Session) -> None:
    with pytest.raises(HTTPException) as caught:
        access.tenant_for(db, None)
    assert caught.value.status_code == 403


def test_ids_and_cursors() -> None:
    assert crud.parse_id("12") == 12
    for bad in ("x", "-1", "0", str(2**64)):
        with pytest.raises(HTTPException):
            crud.parse_id(bad)
    assert crud.decode_cursor(crud.encode_cursor(40)) == 40
    assert crud.decode_cursor(None) == 0
    for bad in ("!!!", crud.encode_cursor(1)[:-1] + "$", "eDox"):
        with pytest.raises(HTTPException) as caught:
            crud.decode_cursor(bad)
        assert caught.value.status_code == 422


def test_field_permissions() -> None:
    crud.check_writes(META, {"name": 1}, None)
    crud.check_writes(META, {"secret": 1}, "admin")
    with pytest.raises(HTTPException) as caught:
        crud.check_writes(META, {"secret": 1}, "guest")
    assert caught.value.status_code == 403


def test_versions() -> None:
    row = SimpleNamespace(version=3)
    versioned = crud.Meta(model=Blog, read=BlogRead, versioned=True)
    crud.check_version(META, row, None)
    with pytest.raises(HTTPException) as caught:
        crud.check_version(versioned, row, 2)
    assert caught.value.status_code == 409
    crud.check_version(versioned, row, 3)
    assert row.version == 4


def test_idempotency_store(monkeypatch: pytest.MonkeyPatch) -> None:
    store = IdempotencyStore()
    assert store.get("op", "1", None) is None
    assert store.put("op", "1", "key", {"a": 1}) == {"a": 1}
    assert store.get("op", "1", "key") == {"a": 1}
    assert store.get("op", "2", "key") is None
    assert store.put("op", "1", None, {"b": 2}) == {"b": 2}
    monkeypatch.setattr("app.core.idempotency.TTL_SECONDS", -1)
    store.put("op", "1", "old", {"c": 3})
    assert store.get("op", "1", "old") is None
    store.reset()
    assert store.get("op", "1", "key") is None
