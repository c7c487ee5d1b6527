"""Whitespace clean-up of rendered Ruby, so templates can stay readable."""

from __future__ import annotations

import re

_RUBY_NAMES = frozenset({"Gemfile", "Rakefile", "config.ru"})
_OPENERS = re.compile(r"(\bdo(\s*\|[^|]*\|)?|[\[{(]|^\s*(class|module|def)\b.*)$")
_CLOSERS = re.compile(r"^\s*(end\b|[\]})]|else\b|elsif\b|when\b|rescue\b|ensure\b)")


def is_ruby(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return path.endswith(".rb") or name in _RUBY_NAMES or path.startswith("bin/")


def tidy_ruby(path: str, text: str) -> str:
    """Ruby files without trailing spaces, doubled blank lines, or blank lines just inside
    a block; every other file only loses trailing spaces. Each ends with one newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    if is_ruby(path):
        lines = _squeeze(lines)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _squeeze(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line:
            if not out or not out[-1] or _OPENERS.search(out[-1]) or out[-1].endswith(","):
                continue
            out.append(line)
            continue
        if out and not out[-1] and _CLOSERS.match(line):
            out.pop()
        out.append(line)
    return out
