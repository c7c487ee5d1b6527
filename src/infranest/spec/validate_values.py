"""Whether numbers and defaults fit a field: integer ranges, decimal digits, bounds, kinds."""

from __future__ import annotations

import math
import re
import uuid
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from infranest.spec.diagnostics import valid_choices
from infranest.spec.model import NUMERIC_TYPES, TEXT_TYPES, Default, EnumDef, FieldDef, Loc
from infranest.spec.validate_context import Checker

Problem = tuple[str, str]

INT_RANGES: dict[str, tuple[int, int]] = {
    "int": (-(2**31), 2**31 - 1),
    "bigint": (-(2**63), 2**63 - 1),
}
DEFAULT_STRING_LENGTH = 255
# Which default kinds fit which field type.
DEFAULT_KINDS: dict[str, tuple[str, ...]] = {
    "string": ("string",),
    "text": ("string",),
    "email": ("string",),
    "url": ("string",),
    "int": ("number",),
    "bigint": ("number",),
    "decimal": ("number",),
    "float": ("number",),
    "bool": ("bool",),
    "date": ("today", "now", "string"),
    "datetime": ("now", "string"),
    "time": ("now", "string"),
    "uuid": ("uuid", "string"),
    "json": ("string", "number", "bool"),
    "enum": ("enum",),
}
_EXAMPLES: dict[str, str] = {
    "int": "= 0",
    "bigint": "= 0",
    "decimal": "= 0",
    "float": "= 0.5",
    "bool": "= false",
    "date": "= today",
    "datetime": "= now",
    "time": "= now",
    "uuid": "= uuid",
    "enum": "= <member>",
}
_ISO_PARSERS = {"date": date.fromisoformat, "datetime": datetime.fromisoformat}


def check_bounds(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    """``min``/``max``: numeric types only, representable in the type, ``min <= max``."""
    lo, hi = f.min, f.max
    if lo is None and hi is None:
        return
    if f.type not in NUMERIC_TYPES:
        c.error(
            "bounds-not-numeric",
            f"min and max apply only to numeric types; '{f.name}' is a {f.type}",
            loc,
            path,
            "use min_length/max_length for text" if f.type in TEXT_TYPES else "remove them",
        )
        return
    for label, bound in (("min", lo), ("max", hi)):
        if bound is None:
            continue
        problem = number_problem(f, bound)
        if problem is not None:
            message = f"{label}({bound}) of '{f.name}' {problem[0]}"
            c.error("bound-out-of-range", message, loc, path, problem[1])
    if lo is not None and hi is not None and lo > hi:
        c.error(
            "invalid-bounds",
            f"min ({lo}) of '{f.name}' exceeds its max ({hi})",
            loc,
            path,
            "swap them",
        )


def number_problem(f: FieldDef, value: int | float) -> Problem | None:
    """Why ``value`` cannot be stored in numeric field ``f`` (``None`` if it can)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number", "use a finite number"
    if f.type in INT_RANGES:
        low, high = INT_RANGES[f.type]
        if isinstance(value, float) and not value.is_integer():
            return f"is not a whole number, and '{f.name}' is an {f.type}", "use a whole number"
        if not low <= value <= high:
            return (
                f"is outside the {f.type} range {low}..{high}",
                "use bigint or decimal(p,0) for larger values"
                if f.type == "int"
                else "use decimal(p,0) for larger values",
            )
    if f.type == "decimal":
        return _decimal_problem(f, value)
    return None


def _decimal_problem(f: FieldDef, value: int | float) -> Problem | None:
    p = f.precision
    s = f.scale if f.scale is not None else 0
    if p is None or not 1 <= p <= 65 or not 0 <= s <= p:
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        exponent = number.normalize().as_tuple().exponent
    except (InvalidOperation, ValueError, OverflowError):
        return None
    if not isinstance(exponent, int):
        return None
    if -exponent > s:
        return (
            f"has {-exponent} decimal places but decimal({p},{s}) keeps {s}",
            f"round it to {s} places or raise the scale",
        )
    if abs(number) >= Decimal(10) ** (p - s):
        return (
            f"does not fit decimal({p},{s}), which holds at most {p - s} digits before the point",
            "raise the precision or lower the value",
        )
    return None


def default_problem(f: FieldDef, d: Default, enum_def: EnumDef | None) -> Problem | None:
    """Why default ``d`` does not fit field ``f`` (``None`` if it does; not for ``null``)."""
    allowed = DEFAULT_KINDS.get(f.type, ())
    if d.kind not in allowed:
        if not allowed:
            return f"{f.type} field '{f.name}' cannot have a default", "remove the default"
        example = f" (e.g. '{_EXAMPLES[f.type]}')" if f.type in _EXAMPLES else ""
        return (
            f"a {d.kind} default does not fit {f.type} field '{f.name}'",
            f"valid default kinds for {f.type}: {', '.join(allowed)}{example}",
        )
    value = d.value
    if d.kind == "string":
        if not isinstance(value, str):
            return f"default of '{f.name}' must be a string, not {value!r}", "quote the value"
        return _string_default_problem(f, value)
    if d.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"default of '{f.name}' must be a number, not {value!r}", "write a number"
        return _number_default_problem(f, value)
    if d.kind == "bool" and not isinstance(value, bool):
        return f"default of '{f.name}' must be true or false, not {value!r}", "= true or = false"
    if d.kind == "enum" and enum_def is not None:
        members = [v.name for v in enum_def.values]
        if not isinstance(value, str) or value not in members:
            return (
                f"default '{value}' of '{f.name}' is not a member of {enum_def.name}",
                valid_choices(str(value), members),
            )
    return None


def _number_default_problem(f: FieldDef, value: int | float) -> Problem | None:
    if f.type not in NUMERIC_TYPES:
        return None
    problem = number_problem(f, value)
    if problem is not None:
        return f"default {value} of '{f.name}' {problem[0]}", problem[1]
    if f.min is not None and value < f.min:
        return f"default {value} of '{f.name}' is below its min({f.min})", "raise the default"
    if f.max is not None and value > f.max:
        return f"default {value} of '{f.name}' is above its max({f.max})", "lower the default"
    return None


def _string_default_problem(f: FieldDef, value: str) -> Problem | None:
    if f.type in TEXT_TYPES:
        return _text_default_problem(f, value)
    if f.type in _ISO_PARSERS or f.type == "time":
        parse = _ISO_PARSERS.get(f.type, time.fromisoformat)
        try:
            parse(value)
        except ValueError:
            return (
                f"default '{value}' of '{f.name}' is not an ISO 8601 {f.type}",
                {"date": "e.g. '2024-01-31'", "datetime": "e.g. '2024-01-31T12:00:00'"}.get(
                    f.type, "e.g. '09:30:00'"
                ),
            )
    if f.type == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            return f"default '{value}' of '{f.name}' is not a UUID", "use '= uuid' for a new one"
    return None


def _text_default_problem(f: FieldDef, value: str) -> Problem | None:
    limits = [v for v in (f.max_length, f.length if f.type == "string" else None) if v is not None]
    if f.type == "string" and f.length is None:
        limits.append(DEFAULT_STRING_LENGTH)
    if limits and len(value) > min(limits):
        return (
            f"default of '{f.name}' is {len(value)} characters, longer than {min(limits)}",
            "shorten the default or raise the length",
        )
    if f.min_length is not None and len(value) < f.min_length:
        return (
            f"default of '{f.name}' is shorter than its min_length({f.min_length})",
            "lengthen the default or lower min_length",
        )
    if f.pattern is not None and not _fullmatch(f.pattern, value):
        return f"default '{value}' of '{f.name}' does not match its pattern", "fix the default"
    if f.type == "email" and "@" not in value:
        return f"default '{value}' of '{f.name}' is not an email address", "e.g. 'a@b.example'"
    if f.type == "url" and not is_http_url(value):
        return f"default '{value}' of '{f.name}' is not an http(s) URL", "e.g. 'https://...'"
    return None


def _fullmatch(pattern: str, value: str) -> bool:
    """Whether ``value`` matches; ``True`` when the pattern itself is invalid (reported
    elsewhere)."""
    try:
        return re.fullmatch(pattern, value) is not None
    except (re.error, OverflowError, RecursionError, ValueError):
        return True


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
