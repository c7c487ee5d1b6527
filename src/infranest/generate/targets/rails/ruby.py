"""Ruby literals for the Rails templates: values, symbols, regular expressions."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_SIMPLE_SYMBOL = re.compile(r"^[a-z_][a-zA-Z0-9_]*$")
_WORD = re.compile(r"^[A-Za-z0-9_.:-]+$")


def ruby_string(text: str) -> str:
    """A double-quoted Ruby string (JSON escapes are valid Ruby escapes; ``#`` is not
    interpolated unless followed by ``{``, ``$`` or ``@``)."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + re.sub(r"#(?=[{$@])", r"\\#", body) + '"'


def ruby_number(value: int | float) -> str:
    if isinstance(value, bool):
        raise TypeError("not a number")
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value)}.0"
    return repr(value)


def symbol(name: str) -> str:
    return f":{name}" if _SIMPLE_SYMBOL.match(name) else f":{ruby_string(name)}"


def words_array(items: list[str] | tuple[str, ...]) -> str:
    """``%w[a b]`` when every item is a plain word, else ``["a", "b"]``."""
    if items and all(_WORD.match(i) for i in items):
        return "%w[" + " ".join(items) + "]"
    return "[" + ", ".join(ruby_string(i) for i in items) + "]"


def ruby_literal(value: Any) -> str:
    """A Ruby literal for a JSON-like value."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return ruby_number(value)
    if isinstance(value, Decimal):
        return f'BigDecimal("{value}")'
    if isinstance(value, str):
        return ruby_string(value)
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, str) for v in value):
            return words_array(list(value))
        return "[" + ", ".join(ruby_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            label = f"{key}:" if _SIMPLE_SYMBOL.match(key) else f"{ruby_string(key)} =>"
            parts.append(f"{label} {ruby_literal(item)}")
        return "{ " + ", ".join(parts) + " }"
    raise TypeError(f"no Ruby literal for {type(value).__name__}")


def ruby_regexp(pattern: str) -> str:
    """A Ruby regexp literal searching like the JSON Schema ``pattern`` (ECMA 262): ``^``
    and ``$`` outside character classes become ``\\A`` and ``\\z``."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append("\\/" if char == "/" else char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == "^":
            out.append("\\A")
        elif char == "$":
            out.append("\\z")
        elif char == "/":
            out.append("\\/")
        else:
            out.append(char)
    return "/" + "".join(out) + "/"


def multiline_array(items: list[Any]) -> str:
    """An array literal with one item per line (``%w`` when every item is a plain word)."""
    if items and all(isinstance(i, str) and _WORD.match(i) for i in items):
        return "%w[\n" + "".join(f"  {i}\n" for i in items) + "]"
    return "[\n" + ",\n".join(f"  {ruby_literal(i)}" for i in items) + "\n]"
