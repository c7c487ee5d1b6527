"""What every resource's routes share: loading rows in scope, lists, writes, answers."""

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel
from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.api.access import Scope
from app.db.base import utcnow

MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Meta:
    """How a resource is stored and shown."""

    model: Any
    read: type[BaseModel]
    owner: str | None = None
    tenant: str | None = None
    soft_delete: bool = False
    versioned: bool = False
    read_roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    write_roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    many: Mapping[str, tuple[str, Any]] = field(default_factory=dict)
    search: tuple[str, ...] = ()


def not_found() -> HTTPException:
    return HTTPException(status_code=404, detail="Not found.")


def parse_id(value: str) -> int:
    """A path id; anything but a positive int64 is an unknown row (404)."""
    if not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise not_found()
    return int(value)


def visible(meta: Meta, scope: Scope) -> Select[Any]:
    """Rows the caller may see: not soft-deleted, inside their scope."""
    stmt = select(meta.model)
    if meta.soft_delete:
        stmt = stmt.where(meta.model.deleted_at.is_(None))
    return scope.apply(stmt, meta.model, meta.owner, meta.tenant)


def get_row(db: Session, meta: Meta, scope: Scope, raw_id: str) -> Any:
    row = db.scalars(visible(meta, scope).where(meta.model.id == parse_id(raw_id))).first()
    if row is None:
        raise not_found()
    return row


def serialize(meta: Meta, row: Any, role: str | None) -> dict[str, Any]:
    """The read body of `row`; keys with read roles the caller lacks are left out."""
    body = meta.read.model_validate(row).model_dump(mode="json")
    for key, roles in meta.read_roles.items():
        if role not in roles:
            body.pop(key, None)
    return body


def check_writes(meta: Meta, changes: Mapping[str, Any], role: str | None) -> None:
    """403 when the caller sets a field whose write roles they lack."""
    denied = [k for k in changes if k in meta.write_roles and role not in meta.write_roles[k]]
    if denied:
        error = HTTPException(status_code=403, detail="You may not set these fields.")
        error.errors = [{"field": k, "message": "not allowed for your role"} for k in denied]  # type: ignore[attr-defined]
        raise error


def assign(db: Session, meta: Meta, row: Any, changes: Mapping[str, Any]) -> None:
    """Copy body values onto `row`; `<name>_ids` replace a many-to-many set."""
    for key, value in changes.items():
        if key in meta.many:
            attr, target = meta.many[key]
            wanted = sorted(set(value or []))
            found = list(db.scalars(select(target).where(target.id.in_(wanted)))) if wanted else []
            if len(found) != len(wanted):
                raise HTTPException(status_code=409, detail=f"{key} names unknown rows.")
            setattr(row, attr, found)
        elif key != "version":
            setattr(row, key, value)


def save(db: Session, row: Any) -> Any:
    """Commit `row`; a unique or foreign-key violation answers 409."""
    db.add(row)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(
            status_code=409, detail="The request conflicts with existing data."
        ) from None
    db.refresh(row)
    return row


def check_version(meta: Meta, row: Any, version: int | None) -> None:
    """409 when an optimistic-lock version is stale; else the next version is set."""
    if not meta.versioned:
        return
    if version != row.version:
        raise HTTPException(status_code=409, detail="The row changed since you read it.")
    row.version = row.version + 1


def remove(db: Session, meta: Meta, row: Any) -> None:
    """Delete `row` (soft delete when the resource keeps deleted rows)."""
    if meta.soft_delete:
        row.deleted_at = utcnow()
        save(db, row)
        return
    db.delete(row)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(status_code=409, detail="Other rows still refer to this one.") from None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(stmt: Select[Any], meta: Meta, q: str | None) -> Select[Any]:
    """Rows where any search field contains `q`, ignoring case."""
    if not q or not meta.search:
        return stmt
    pattern = f"%{_escape(q)}%"
    return stmt.where(
        or_(*(getattr(meta.model, c).ilike(pattern, escape="\\") for c in meta.search))
    )


def filters(
    stmt: Select[Any], meta: Meta, values: Mapping[str, Any], spec: Mapping[str, tuple[str, str]]
) -> Select[Any]:
    """Apply each given filter parameter: `spec` maps it to (column, eq|gte|lte)."""
    for name, value in values.items():
        if value is None:
            continue
        column, op = spec[name]
        attr = getattr(meta.model, column)
        if op == "gte":
            stmt = stmt.where(attr >= value)
        elif op == "lte":
            stmt = stmt.where(attr <= value)
        else:
            stmt = stmt.where(attr == value)
    return stmt


def ordered(stmt: Select[Any], meta: Meta, sort: str | None) -> Select[Any]:
    """Order by the `sort` key (`-` first: descending), then by id."""
    if sort:
        attr = getattr(meta.model, sort.lstrip("-"))
        stmt = stmt.order_by(attr.desc() if sort.startswith("-") else attr.asc())
    return stmt.order_by(meta.model.id.asc())


def offset_page(
    db: Session, meta: Meta, stmt: Select[Any], page: int, size: int, role: str | None
) -> dict[str, Any]:
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = db.scalars(stmt.offset((page - 1) * size).limit(size)).all()
    return {
        "items": [serialize(meta, r, role) for r in rows],
        "total": total,
        "page": page,
        "size": size,
    }


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset an opaque cursor stands for; a cursor we did not issue answers 422."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    prefix, _, number = text.partition(":")
    if prefix != "o" or not number.isdigit() or len(number) > 18:
        error = HTTPException(status_code=422, detail="The request is invalid.")
        error.errors = [{"field": "cursor", "message": "not a cursor of this list"}]  # type: ignore[attr-defined]
        raise error
    return int(number)


def cursor_page(
    db: Session, meta: Meta, stmt: Select[Any], cursor: str | None, size: int, role: str | None
) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    rows: Sequence[Any] = db.scalars(stmt.offset(offset).limit(size + 1)).all()
    more = len(rows) > size
    items = [serialize(meta, r, role) for r in rows[:size]]
    return {"items": items, "next_cursor": encode_cursor(offset + size) if more else None}


def all_items(db: Session, meta: Meta, stmt: Select[Any], role: str | None) -> dict[str, Any]:
    return {"items": [serialize(meta, r, role) for r in db.scalars(stmt).all()]}
