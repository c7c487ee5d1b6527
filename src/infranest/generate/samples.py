"""Language-neutral sample values for generated tests.

Every target writes literal test data; these functions give the JSON value a client would
send for a body field (valid for every constraint the contract states, unique per ``n``)
and a value that breaks one of its constraints. Targets turn them into literals of their
own language.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from infranest.generate.patterns import sample_matching
from infranest.spec.exporters.api_types import BodyField

Json = None | bool | int | float | str | list[Any] | dict[str, Any]

# Text shapes tried in order; the first that fits the length limits and the pattern wins.
_TEXT_SHAPES = (
    "{name}-{n}",
    "sample{n}",
    "sample-{n}",
    "SAMPLE-{n:04d}",
    "S{n:04d}",
    "{n:04d}",
    "+1 555 {n:04d}",
    "a{n}",
    "A{n}",
    "ABC{n}",
    "abc{n}",
    "AB{n:04d}",
    "{n:04d}AB",
    "{n}",
    "ab",
)
_PROBES = (1, 42, 1234)
# Values tried, in order, for one that a field's pattern does not match.
_PATTERN_BREAKERS = ("!", "? ?", "0", "a", "A", "-")
_EPOCH_DATE = date(2024, 1, 1)
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


class NoSampleError(ValueError):
    """No value satisfies the field's constraints (the message says which field)."""


@dataclass(frozen=True)
class Invalid:
    """A value that breaks ``constraint`` (max_length, min_length, pattern, minimum,
    maximum, choice, format or type)."""

    value: Json
    constraint: str


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())[:8] or "x"


def _fits(shape: str, f: BodyField) -> bool:
    low = f.min_length or 1
    high = f.max_length or 255
    for n in _PROBES:
        text = shape.format(name=_slug(f.name), n=n)
        if not low <= len(text) <= high:
            return False
        if f.pattern is not None and re.search(f.pattern, text) is None:
            return False
    return True


def text_shape(f: BodyField) -> str | None:
    """A ``str.format`` shape over ``n`` whose values satisfy ``f``; None when none fits."""
    for shape in _TEXT_SHAPES:
        if _fits(shape, f):
            return shape.replace("{name}", _slug(f.name))
    return None


def text_value(f: BodyField, n: int) -> str:
    """A string for ``f``: a readable shape when one fits, else one built from its pattern."""
    shape = text_shape(f)
    if shape is not None and "{n" in shape:
        return shape.format(n=n)
    if f.pattern is not None:
        for length in (8, f.min_length or 1, f.max_length or 8, 1):
            text = sample_matching(f.pattern, n, length)
            low, high = f.min_length or 0, f.max_length or 10**9
            if text is not None and low <= len(text) <= high:
                return text
    if f.pattern is None:
        text = _base36(n).rjust(f.min_length or 1, "a")
        if len(text) <= (f.max_length or 255):
            return text
    if shape is not None:
        return shape.format(n=n)
    raise NoSampleError(f"no text value satisfies the constraints of field {f.name!r}")


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, rest = divmod(n, 36)
        out = digits[rest] + out
        if n == 0:
            return out


def integer_bounds(f: BodyField) -> tuple[int, int | None]:
    """The smallest non-negative integer ``f`` accepts and the largest (None: unbounded),
    taking a decimal's digits into account."""
    low = f.minimum if f.minimum is not None else 0
    start = max(0, int(low) if float(low) == int(low) else int(low) + 1)
    high = int(f.maximum) if f.maximum is not None else None
    if f.precision is not None:
        whole = f.precision - (f.scale or 0)
        limit = 10**whole - 1 if whole > 0 else 0
        high = limit if high is None else min(high, limit)
    return start, high


def integer_value(f: BodyField, n: int) -> int:
    """An integer within ``f``'s bounds, varying with ``n`` when the range allows."""
    start, high = integer_bounds(f)
    if high is None:
        return start + n
    if high < start:
        raise NoSampleError(f"no integer lies within the bounds of field {f.name!r}")
    return start + n % (high - start + 1)


def sample_value(f: BodyField, n: int) -> Json:
    """The JSON value of ``f`` for the ``n``-th row; :class:`NoSampleError` if impossible.

    Relations (``id``/``ref``) have no sample here: create the target row and use its id.
    """
    if f.many:
        return []
    if f.choices:
        return f.choices[n % len(f.choices)]
    kind = f.type
    if kind in ("string", "text"):
        return text_value(f, n)
    if kind == "email":
        return f"{_slug(f.name)}{n}@example.com"
    if kind in ("url", "file"):
        return f"https://example.com/{_slug(f.name)}/{n}"
    if kind in ("int", "bigint"):
        return integer_value(f, n)
    if kind == "float":
        return float(integer_value(f, n))
    if kind == "decimal":
        return str(integer_value(f, n))
    if kind == "bool":
        return n % 2 == 1
    if kind == "date":
        return (_EPOCH_DATE + timedelta(days=n)).isoformat()
    if kind == "datetime":
        return (_EPOCH + timedelta(minutes=n)).isoformat()
    if kind == "time":
        return time(n % 24, n // 24 % 60).isoformat()
    if kind == "uuid":
        return str(uuid.UUID(int=n))
    if kind == "json":
        return {"n": n}
    raise NoSampleError(f"field {f.name!r} of type {kind!r} has no sample value")


def invalid_value(f: BodyField) -> Invalid | None:
    """A value that breaks one of ``f``'s constraints; None when it has none to break."""
    if f.many or f.type in ("ref", "json"):
        return None
    if f.type == "id":
        return Invalid("not-an-id", "type")
    if f.type == "enum" or f.choices:
        return Invalid("not-a-choice", "choice")
    if f.type in ("string", "text", "url", "file", "email") and f.max_length is not None:
        return Invalid("x" * (f.max_length + 1), "max_length")
    if f.type in ("string", "text") and f.min_length:
        return Invalid("x" * (f.min_length - 1), "min_length")
    if f.type in ("string", "text") and f.pattern is not None:
        for candidate in _PATTERN_BREAKERS:
            if re.search(f.pattern, candidate) is None:
                return Invalid(candidate, "pattern")
    if f.type == "email":
        return Invalid("not-an-email", "format")
    if f.type in ("int", "bigint", "float", "decimal"):
        return _invalid_number(f)
    if f.type in ("date", "datetime", "time", "uuid"):
        return Invalid("not-a-value", "format")
    if f.type == "bool":
        return Invalid("maybe", "type")
    return None


def _invalid_number(f: BodyField) -> Invalid:
    def shown(value: int | float) -> Json:
        return str(value) if f.type == "decimal" else value

    if f.minimum is not None:
        return Invalid(shown(f.minimum - 1), "minimum")
    if f.maximum is not None:
        return Invalid(shown(f.maximum + 1), "maximum")
    return Invalid("not-a-number", "type")
