"""Errors and warnings as values: each names its place and says what would be valid."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Literal, TypedDict, Unpack

from pydantic import BaseModel, ConfigDict

from infranest.spec.model import Loc

Level = Literal["error", "warning"]


class Diagnostic(BaseModel):
    """One finding about a spec input.

    ``loc`` is set for text inputs (file, line, column); ``path`` names the place in
    structured inputs (``entities[2].fields[0].type``, ``paths./users.get``, a SQL table
    and column). ``hint`` says what would be valid.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level
    code: str
    message: str
    loc: Loc | None = None
    path: str | None = None
    hint: str | None = None
    file: str | None = None

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def where(self) -> str:
        if self.loc is not None:
            return str(self.loc)
        place = self.file or "<spec>"
        return f"{place}: {self.path}" if self.path else place

    def render(self, source: str | None = None) -> str:
        """``file:line:col: level: message``, the source line, a caret, and the hint."""
        lines = [f"{self.where()}: {self.level}: {self.message} [{self.code}]"]
        if source is not None and self.loc is not None:
            text_lines = source.split("\n")
            if 1 <= self.loc.line <= len(text_lines):
                text = text_lines[self.loc.line - 1].expandtabs(1)
                col = max(self.loc.column, 1)
                width = 1
                if self.loc.end_line == self.loc.line and self.loc.end_column:
                    width = max(self.loc.end_column - col, 1)
                width = min(width, max(len(text) - col + 1, 1))
                gutter = f"{self.loc.line:>5} | "
                lines.append(gutter + text)
                lines.append(" " * (len(gutter) - 2) + "| " + " " * (col - 1) + "^" * width)
        if self.hint:
            lines.append(f"      = help: {self.hint}")
        return "\n".join(lines)


class SpecError(Exception):
    """Raised when an input cannot become a spec; carries every diagnostic found."""

    def __init__(self, diagnostics: Sequence[Diagnostic], source: str | None = None) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.source = source
        super().__init__(self.render())

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def render(self) -> str:
        return "\n".join(d.render(self.source) for d in self.diagnostics)


class Where(TypedDict, total=False):
    """Where a diagnostic points and what it suggests (see :class:`Diagnostic`)."""

    loc: Loc | None
    path: str | None
    hint: str | None
    file: str | None


def error(code: str, message: str, **where: Unpack[Where]) -> Diagnostic:
    return Diagnostic(level="error", code=code, message=message, **where)


def warning(code: str, message: str, **where: Unpack[Where]) -> Diagnostic:
    return Diagnostic(level="warning", code=code, message=message, **where)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough."""
    options = list(dict.fromkeys(choices))
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.72)
    return lowered[match[0]] if match else None


def valid_choices(word: str, choices: Iterable[str], *, limit: int = 12) -> str:
    """A hint: ``did you mean 'x'?`` when close, then the valid choices."""
    options = list(dict.fromkeys(choices))
    guess = did_you_mean(word, options)
    shown = ", ".join(options[:limit]) + (", ..." if len(options) > limit else "")
    if guess is not None:
        return f"did you mean '{guess}'? valid: {shown}"
    return f"valid: {shown}"
