"""One Jinja2 environment per target, with the naming filters every template uses."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from infranest.spec.inflect import pluralize
from infranest.spec.names import to_camel, to_pascal, to_snake, words


def kebab(name: str) -> str:
    return "-".join(words(name))


def plural_snake(name: str) -> str:
    parts = words(name) or ["item"]
    return "_".join([*parts[:-1], pluralize(parts[-1])])


def upper_snake(name: str) -> str:
    return to_snake(name).upper()


def py_literal(value: Any) -> str:
    """A Python literal for a JSON-like value (strings, numbers, bools, None, lists, dicts)."""
    return repr(value)


def js_literal(value: Any) -> str:
    """A JavaScript/JSON literal for a JSON-like value."""
    return json.dumps(value, ensure_ascii=False)


FILTERS = {
    "snake": to_snake,
    "pascal": to_pascal,
    "camel": to_camel,
    "kebab": kebab,
    "plural": plural_snake,
    "upper_snake": upper_snake,
    "py": py_literal,
    "js": js_literal,
}


@cache
def environment(package: str, folder: str = "templates") -> Environment:
    """A strict environment loading ``folder`` from ``package``: an undefined name is an
    error, blocks leave no stray blank lines, files end with their final newline.

    One environment per ``(package, folder)`` for the whole process, so that each template
    is compiled once (Jinja caches compiled templates per environment and recompiles one
    whose file changed); callers must not change its filters or globals."""
    env = Environment(
        loader=PackageLoader(package, folder),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
