"""List parameters: filters (``key``, ``key__gte``, ``key__lte``), ``q``, ``sort``, pages."""

from __future__ import annotations

import base64
import binascii
import math
import re
import uuid
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from api.errors import InvalidParams

INT64_MAX = 2**63 - 1
_INTEGER = re.compile(r"^-?[0-9]{1,19}$")
_BOUNDS = {"int": 2**31 - 1, "bigint": INT64_MAX, "id": INT64_MAX}


@dataclass(frozen=True)
class Filter:
    """A list parameter ``param`` comparing the column ``lookup`` (equality, __gte, __lte)."""

    param: str
    lookup: str
    kind: str
    choices: tuple[str, ...] = ()
    pattern: str | None = None


def invalid(name: str, message: str) -> InvalidParams:
    return InvalidParams({name: [message]})


def _integer(name: str, kind: str, raw: str) -> int:
    if not _INTEGER.match(raw):
        raise invalid(name, "Must be an integer.")
    value = int(raw)
    bound = _BOUNDS.get(kind, INT64_MAX)
    if value > bound or value < -bound - 1 or (kind == "id" and value < 1):
        raise invalid(name, "Out of range.")
    return value


def _when(name: str, kind: str, raw: str) -> Any:
    value: Any = None
    try:
        if kind == "date":
            value = parse_date(raw)
        elif kind == "time":
            value = parse_time(raw)
        else:
            value = parse_datetime(raw)
            if value is not None and timezone.is_naive(value):
                value = timezone.make_aware(value, UTC)
    except ValueError:
        value = None
    if value is None:
        raise invalid(name, f"Must be an ISO 8601 {kind}.")
    return value


def parse_value(
    name: str, kind: str, raw: str, choices: tuple[str, ...] = (), pattern: str | None = None
) -> Any:
    """A parameter's text as the value its type says, or 422."""
    if choices:
        if raw not in choices:
            raise invalid(name, f"Must be one of: {', '.join(choices)}.")
        return raw
    if kind in ("int", "bigint", "id"):
        return _integer(name, kind, raw)
    if kind == "float":
        try:
            number = float(raw)
        except ValueError as exc:
            raise invalid(name, "Must be a number.") from exc
        if not math.isfinite(number):
            raise invalid(name, "Must be a finite number.")
        return number
    if kind == "decimal":
        if pattern is not None and not re.search(pattern, raw):
            raise invalid(name, "Must be a decimal number.")
        try:
            return Decimal(raw)
        except InvalidOperation as exc:
            raise invalid(name, "Must be a decimal number.") from exc
    if kind == "bool":
        if raw not in ("true", "false"):
            raise invalid(name, "Must be true or false.")
        return raw == "true"
    if kind in ("date", "datetime", "time"):
        return _when(name, kind, raw)
    if kind == "uuid":
        try:
            return uuid.UUID(raw)
        except ValueError as exc:
            raise invalid(name, "Must be a UUID.") from exc
    if "\x00" in raw:
        raise invalid(name, "Must not contain NUL characters.")
    return raw


def apply_filters(rows: QuerySet[Any], params: Any, filters: tuple[Filter, ...]) -> QuerySet[Any]:
    for spec in filters:
        raw = params.get(spec.param)
        if raw is None:
            continue
        if "\x00" in raw and spec.kind in ("string", "text", "email", "url"):
            return rows.none()  # stored text never holds NUL
        value = parse_value(spec.param, spec.kind, raw, spec.choices, spec.pattern)
        rows = rows.filter(**{spec.lookup: value})
    return rows


def apply_search(rows: QuerySet[Any], params: Any, fields: tuple[str, ...]) -> QuerySet[Any]:
    text = params.get("q")
    if text is None or not fields:
        return rows
    if len(text) > 255:
        raise invalid("q", "Must be at most 255 characters.")
    if "\x00" in text:
        return rows.none()  # stored text never holds NUL
    query = Q()
    for name in fields:
        query |= Q(**{f"{name}__icontains": text})
    return rows.filter(query)


def apply_sort(rows: QuerySet[Any], params: Any, keys: tuple[str, ...]) -> QuerySet[Any]:
    chosen = params.get("sort")
    if chosen is None or not keys:
        return rows.order_by("id")
    if chosen.lstrip("-") not in keys or chosen.count("-") > 1:
        raise invalid(
            "sort", f"Must be one of: {', '.join(k for key in keys for k in (key, '-' + key))}."
        )
    return rows.order_by(chosen, "id")


def _size(params: Any, default: int, largest: int) -> int:
    raw = params.get("size")
    if raw is None:
        return default
    size = _integer("size", "int", raw)
    if not 1 <= size <= largest:
        raise invalid("size", f"Must be between 1 and {largest}.")
    return size


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(raw: str) -> int:
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise invalid("cursor", "Invalid cursor.") from exc
    kind, _, number = text.partition(":")
    if kind != "o" or not number.isdigit() or len(number) > 18:
        raise invalid("cursor", "Invalid cursor.")
    return int(number)


def paginate(
    rows: QuerySet[Any], params: Any, style: str, default: int, largest: int
) -> tuple[list[Model], dict[str, Any]]:
    """The rows of the requested page and the envelope keys besides ``items``."""
    if style == "offset":
        size = _size(params, default, largest)
        raw = params.get("page")
        page = 1 if raw is None else _integer("page", "int", raw)
        if page < 1:
            raise invalid("page", "Must be at least 1.")
        total = rows.count()
        start = (page - 1) * size
        items = list(rows[start : start + size]) if start < total else []
        return items, {"total": total, "page": page, "size": size}
    if style == "cursor":
        size = _size(params, default, largest)
        raw = params.get("cursor")
        if raw is not None and len(raw) > 512:
            raise invalid("cursor", "Invalid cursor.")
        start = 0 if raw is None else decode_cursor(raw)  # one we never gave: 422
        found = list(rows[start : start + size + 1])
        following = encode_cursor(start + size) if len(found) > size else None
        return found[:size], {"next_cursor": following}
    return list(rows), {}
