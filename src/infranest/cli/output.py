"""How commands print diagnostics: human text on stderr, or JSON for machines."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.model import Spec

err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_diagnostics(diagnostics: Iterable[Diagnostic], source: str | None) -> None:
    for d in diagnostics:
        colour = "red" if d.is_error else "yellow"
        first, *rest = d.render(source).split("\n")
        err.print(f"[{colour}]{escape(first)}[/{colour}]")
        for line in rest:
            err.print(escape(line))


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = {"level": d.level, "code": d.code, "message": d.message}
    if d.loc is not None:
        data.update(file=d.loc.file, line=d.loc.line, column=d.loc.column)
    elif d.file is not None:
        data["file"] = d.file
    if d.path is not None:
        data["path"] = d.path
    if d.hint is not None:
        data["hint"] = d.hint
    return data


def say(message: str) -> None:
    err.print(message)


def is_tty() -> bool:
    return sys.stdout.isatty()


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` and give the exit to raise (2: bad usage)."""
    say(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def valid_spec(path: Path) -> Spec:
    """The spec at ``path``; a missing, unreadable or invalid file prints why and exits 2."""
    from infranest.spec.loader import load

    if not path.exists():
        raise fail(f"no such file: {path}")
    try:
        loaded = load(path)
    except SpecError as exc:
        print_diagnostics(exc.diagnostics, exc.source)
        raise fail(f"{path} cannot be read as a spec") from None
    if loaded.errors:
        print_diagnostics(loaded.errors, loaded.source)
        raise fail(f"{path} is not a valid spec (run `infranest check {path}`)")
    return loaded.spec
