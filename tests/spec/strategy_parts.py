"""Drawing helpers and single fields for ``strategies.py``: scalar fields whose parameters,
bounds and defaults fit their type, and relation fields."""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from infranest.spec.model import Default, Duration, EnumDef, FieldDef

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

PATTERNS = (r"^[A-Z]+$", r"^\d{3}-\d{4}$", r"^[a-z0-9_]+\.[a-z]{2,}$", r'^"[^"]*"$', r"\w+\\s")

TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
SAFE_TEXTS = st.text(string.ascii_letters + string.digits + " -_.", max_size=20)
DURATIONS = st.builds(
    Duration, amount=st.integers(1, 10_000), unit=st.sampled_from(("ms", "s", "m", "h", "d"))
)


COIN = st.booleans()


def maybe(draw: Draw, strategy: st.SearchStrategy[T]) -> T | None:
    """A value of ``strategy`` or None."""
    return draw(strategy) if draw(COIN) else None


def subset(draw: Draw, items: Sequence[T], max_size: int | None = None) -> tuple[T, ...]:
    """A sub-sequence of ``items`` (source order kept, no repeats, at most ``max_size``),
    drawn as one bit mask so that it shrinks towards the empty subset."""
    if not items:
        return ()
    mask: int = draw(st.integers(0, 2 ** len(items) - 1))
    chosen = [item for i, item in enumerate(items) if mask >> i & 1]
    return tuple(chosen[:max_size])


# ---- fields -----------------------------------------------------------------------------


def scalar_fields(draw: Draw, name: str, enums: Sequence[EnumDef]) -> FieldDef:
    """A non-relation field with constraints and a default that fit its type."""
    kinds = ["string", "text", "int", "bigint", "decimal", "float", "bool", "date", "datetime"]
    kinds += ["time", "uuid", "email", "url", "json", "file"] + (["enum"] * 3 if enums else [])
    kind = draw(st.sampled_from(kinds))
    values: dict[str, Any] = {"name": name, "type": kind, "optional": draw(st.booleans())}
    values.update(_constraints(draw, kind, enums))
    flags = draw(st.sampled_from(("", "unique", "index", "readonly", "writeonly")))
    if flags:
        values[flags] = True
    if kind in ("string", "text", "email") and draw(st.booleans()):
        values["pii"] = draw(st.sampled_from(("personal", "contact", "identity", "financial")))
        values["retention"] = maybe(draw, DURATIONS)
    if values["optional"] and "default" not in values and draw(st.integers(0, 5)) == 0:
        values["default"] = Default(kind="null")
    return FieldDef(**values)


def _constraints(draw: Draw, kind: str, enums: Sequence[EnumDef]) -> dict[str, Any]:
    """Parameters, bounds and a default for a ``kind`` field."""
    out: dict[str, Any] = {}
    if kind == "enum":
        enum = draw(st.sampled_from(enums))
        out["enum"] = enum.name
        if draw(st.booleans()):
            out["default"] = Default(
                kind="enum", value=draw(st.sampled_from([v.name for v in enum.values]))
            )
    elif kind in ("string", "text", "email", "url"):
        out.update(_text_constraints(draw, kind))
    elif kind in ("int", "bigint", "decimal"):
        out.update(_whole_constraints(draw, kind))
    elif kind == "float":
        finite = st.floats(allow_nan=False, allow_infinity=False)
        low, high = sorted((draw(finite), draw(finite)))
        out.update(min=draw(st.sampled_from((None, low))), max=draw(st.sampled_from((None, high))))
        if draw(st.booleans()):
            out["default"] = Default(kind="number", value=high)
    elif kind == "bool" and draw(st.booleans()):
        out["default"] = Default(kind="bool", value=draw(st.booleans()))
    elif kind in ("date", "datetime", "time", "uuid") and draw(st.booleans()):
        function = {"date": "today", "datetime": "now", "time": "now", "uuid": "uuid"}[kind]
        literal = {
            "date": "2024-01-31",
            "datetime": "2024-01-31T12:00:00",
            "time": "09:30:00",
            "uuid": "6f1c1c55-6c4c-4d5e-9d7c-3a7f3c1e2b10",
        }[kind]
        out["default"] = draw(
            st.sampled_from((Default(kind=function), Default(kind="string", value=literal)))
        )
    return out


def _text_constraints(draw: Draw, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    limit = 2000
    if kind == "string" and draw(st.booleans()):
        out["length"] = limit = draw(st.integers(1, 1000))
    elif kind == "string":
        limit = 255
    low = maybe(draw, st.integers(0, limit))
    high = maybe(draw, st.integers(low or 0, limit))
    out.update(min_length=low, max_length=high)
    if kind in ("string", "text") and draw(st.integers(0, 3)) == 0:
        out["pattern"] = draw(st.sampled_from(PATTERNS))
    elif draw(st.booleans()):
        top = min(v for v in (high, limit, 30) if v is not None)
        base = {"email": "a@b.example", "url": "https://example.com/"}.get(kind, "")
        plain = kind in ("string", "text")
        alphabet = string.ascii_lowercase + (' "\\#{}' if plain else "")
        text = base + draw(st.text(alphabet, max_size=max(top - len(base), 0)))
        if (low or 0) <= len(text) <= top:
            out["default"] = Default(kind="string", value=text)
    return out


def _whole_constraints(draw: Draw, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    span = 2**31 - 1 if kind == "int" else 2**63 - 1
    if kind == "decimal":
        scale = draw(st.integers(0, 6))
        out.update(precision=draw(st.integers(scale + 4, 30)), scale=scale)
        span = 999
    low = maybe(draw, st.integers(-span, span))
    high = maybe(draw, st.integers(low if low is not None else -span, span))
    out.update(min=low, max=high)
    if draw(st.booleans()):
        value: int | float = draw(
            st.integers(low if low is not None else -span, high if high is not None else span)
        )
        if kind == "decimal" and out["scale"] and draw(st.booleans()) and value != high:
            value = value + 0.5
        out["default"] = Default(kind="number", value=value)
    return out


def relation(
    name: str, target: str, cardinality: str, via: str | None = None, **extra: Any
) -> FieldDef:
    return FieldDef(
        name=name, type="relation", target=target, cardinality=cardinality, via=via, **extra
    )


def to_one_extras(draw: Draw) -> dict[str, Any]:
    """Flags of a field that holds a foreign key: on_delete fitting its optionality."""
    optional = draw(st.booleans())
    choices = ["cascade", "restrict", "no_action", None] + (["set_null"] if optional else [])
    extras: dict[str, Any] = {"optional": optional, "on_delete": draw(st.sampled_from(choices))}
    if draw(st.integers(0, 3)) == 0:
        extras[draw(st.sampled_from(("unique", "index", "readonly")))] = True
    return extras
