"""Identifier conventions shared by the DSL, the importers and the generators."""

from __future__ import annotations

import re

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


def words(name: str) -> list[str]:
    """Split ``OrderItem``, ``order_item``, ``orderItem``, ``order-item`` into words."""
    parts = _NON_WORD.split(_WORD_BOUNDARY.sub(" ", name))
    return [p.lower() for chunk in parts for p in chunk.split() if p]


def to_snake(name: str) -> str:
    """``OrderItem`` → ``order_item``; a leading digit gets a ``_`` prefix."""
    result = "_".join(words(name)) or "_"
    return f"_{result}" if result[0].isdigit() else result


def to_pascal(name: str) -> str:
    """``order_item`` → ``OrderItem``; a leading digit gets an ``N`` prefix."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name)) or "X"
    return f"N{result}" if result[0].isdigit() else result


def to_camel(name: str) -> str:
    pascal = to_pascal(name)
    return pascal[:1].lower() + pascal[1:]


def is_snake(name: str) -> bool:
    return re.fullmatch(r"[a-z_][a-z0-9_]*", name) is not None


def is_pascal(name: str) -> bool:
    return re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) is not None
