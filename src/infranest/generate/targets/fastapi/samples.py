"""Sample values for the generated tests: valid for every constraint the contract states.

Each sample is a pair of Python expressions over a unique counter ``n``: the JSON value a
client sends and the value a factory stores on the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from infranest.generate.samples import integer_bounds, text_shape
from infranest.spec.exporters.api_types import BodyField


@dataclass(frozen=True)
class Sample:
    api: str
    orm: str


def format_expr(shape: str) -> str:
    """The Python expression of a text shape: an f-string only when it has a placeholder."""
    return f"f{shape!r}" if "{" in shape else repr(shape)


def _number(f: BodyField) -> str:
    """An expression over ``n`` for an integer within the field's bounds (and digits)."""
    start, high = integer_bounds(f)
    if high is None:
        return f"{start} + n"
    if high <= start:
        return str(start)
    return f"{start} + n % {high - start + 1}"


def sample(f: BodyField) -> Sample | None:
    """A valid value of ``f`` (None when the generator cannot make one)."""
    kind = f.type
    if f.many:
        return Sample("[]", "[]")
    if f.choices:
        pick = f"{list(f.choices)!r}[n % {len(f.choices)}]"
        if f.type == "enum" and f.enum:
            return Sample(pick, f"{f.enum}({pick})")
        return Sample(pick, pick)
    if kind in ("string", "text"):
        shape = text_shape(f)
        if shape is None:
            return None
        expr = format_expr(shape)
        return Sample(expr, expr)
    if kind == "email":
        expr = f"f'{f.name[:20]}{{n}}@example.com'"
        return Sample(expr, expr)
    if kind in ("url", "file"):
        expr = f"f'https://example.com/{f.name}/{{n}}'"
        return Sample(expr, expr)
    if kind in ("int", "bigint"):
        value = f"({_number(f)})"
        return Sample(value, value)
    if kind == "float":
        value = f"float({_number(f)})"
        return Sample(value, value)
    if kind == "decimal":
        value = f"str({_number(f)})"
        return Sample(value, f"Decimal({value})")
    if kind == "bool":
        return Sample("True", "True")
    if kind == "date":
        value = "(date(2024, 1, 1) + timedelta(days=n))"
        return Sample(f"{value}.isoformat()", value)
    if kind == "datetime":
        value = "(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n))"
        return Sample(f"{value}.isoformat()", value)
    if kind == "time":
        value = "time(n % 24, n // 24 % 60)"
        return Sample(f"{value}.isoformat()", value)
    if kind == "uuid":
        return Sample("str(uuid.UUID(int=n))", "uuid.UUID(int=n)")
    if kind == "json":
        return Sample("{'n': n}", "{'n': n}")
    return None


def invalid(f: BodyField) -> str | None:
    """A JSON value that breaks one of ``f``'s constraints (None when it has none to break)."""
    if f.many or f.type in ("id",):
        return "'not-an-id'" if f.type == "id" else None
    if f.type == "enum" or f.choices:
        return "'not-a-choice'"
    if f.type in ("string", "text", "url", "file") and f.max_length is not None:
        return f"'x' * {f.max_length + 1}"
    if f.type in ("string", "text") and f.min_length:
        return "''" if f.min_length == 1 else f"'x' * {f.min_length - 1}"
    if f.type == "email":
        return "'not-an-email'"
    if f.type in ("int", "bigint", "float", "decimal"):
        if f.minimum is not None:
            low = f.minimum - 1
            return repr(str(low)) if f.type == "decimal" else repr(low)
        if f.maximum is not None:
            high = f.maximum + 1
            return repr(str(high)) if f.type == "decimal" else repr(high)
        return "'not-a-number'"
    if f.type in ("date", "datetime", "time", "uuid"):
        return "'not-a-value'"
    if f.type == "bool":
        return "'maybe'"
    return None
