"""Deterministic strings matching a regular expression (for generated test data)."""

from __future__ import annotations

import importlib
import re
from typing import Any

# The standard library's own regex parser (private, but stable across 3.11+).
sre_c: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

_DIGITS = "0123456789"
_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_CATEGORY = {
    sre_c.CATEGORY_DIGIT: _DIGITS,
    sre_c.CATEGORY_WORD: _WORD,
    sre_c.CATEGORY_SPACE: " ",
    sre_c.CATEGORY_NOT_DIGIT: "abcdefghij",
    sre_c.CATEGORY_NOT_WORD: "-.",
    sre_c.CATEGORY_NOT_SPACE: "abcdefghij",
}


def _class_chars(items: list[tuple[Any, Any]]) -> str:
    chars: list[str] = []
    negate = False
    for op, arg in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            chars.append(chr(arg))
        elif op is sre_c.RANGE:
            low, high = arg
            chars.extend(chr(c) for c in range(low, min(high, low + 25) + 1))
        elif op is sre_c.CATEGORY:
            chars.extend(_CATEGORY.get(arg, "a"))
    if negate:
        return "".join(c for c in "abcdefghijklmnopqrstuvwxyz0123456789" if c not in chars)
    return "".join(chars) or "a"


class _Sampler:
    """Walks a parsed pattern, picking the ``n``-th variant at each choice point. Optional
    repeats take ``length`` items; required ones (``x+``, ``x{2,}``) take their minimum
    unless ``stretch``, when they too grow towards ``length``."""

    def __init__(self, n: int, length: int, stretch: bool) -> None:
        self.n = n
        self.length = length
        self.stretch = stretch

    def pick(self, options: str) -> str:
        choice = options[self.n % len(options)]
        self.n //= len(options)
        return choice

    def walk(self, parsed: Any) -> str:
        out: list[str] = []
        for op, arg in parsed:
            out.append(self.node(op, arg))
        return "".join(out)

    def node(self, op: Any, arg: Any) -> str:
        if op is sre_c.LITERAL:
            return chr(arg)
        if op is sre_c.NOT_LITERAL:
            return "a" if chr(arg) != "a" else "b"
        if op is sre_c.ANY:
            return self.pick("abcdefghij")
        if op is sre_c.IN:
            return self.pick(_class_chars(arg))
        if op is sre_c.CATEGORY:
            return self.pick(_CATEGORY.get(arg, "a"))
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, high, sub = arg
            grows = high > 0 and (low == 0 or self.stretch)
            count = max(low, min(high, self.length)) if grows else low
            return "".join(self.walk(sub) for _ in range(count))
        if op is sre_c.SUBPATTERN:
            return self.walk(arg[-1])
        if op is sre_c.BRANCH:
            return self.walk(arg[1][0])
        return ""


def sample_matching(pattern: str, n: int, length: int = 1, *, stretch: bool = True) -> str | None:
    """The ``n``-th deterministic string searched by ``pattern``, or None if none found."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    text = _Sampler(n, length, stretch).walk(parsed)
    return text if re.search(pattern, text) else None
