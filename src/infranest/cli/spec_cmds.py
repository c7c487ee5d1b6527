"""Spec commands: ``check``, ``fmt``, ``import`` and ``export``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from infranest.cli.output import diagnostic_json, print_diagnostics, say
from infranest.files import write_atomic
from infranest.spec.diagnostics import SpecError
from infranest.spec.formatter import format_spec
from infranest.spec.loader import Loaded, load, read_text
from infranest.spec.model import Spec

EXIT_INVALID = 1
EXIT_USAGE = 2

Files = Annotated[
    list[Path], typer.Argument(help="Spec files: .nest, .json, .yaml, .jdl, .jh, .sql, OpenAPI.")
]
JsonOut = Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not to stdout.")]
AnyInput = Annotated[Path, typer.Argument(help="Any input `import` accepts.")]


class ExportFormat(StrEnum):
    dsl = "dsl"
    json = "json"
    yaml = "yaml"
    openapi = "openapi"
    mermaid = "mermaid"
    jsonschema = "jsonschema"


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("fmt")(fmt)
    app.command("import")(import_cmd)
    app.command("export")(export)


def _missing(path: Path, as_json: bool) -> None:
    """Bad usage: the file does not exist (exit 2, with a JSON report when asked)."""
    message = f"no such file: {path}"
    if as_json:
        typer.echo(json.dumps({"valid": False, "error": message, "file": str(path)}, indent=2))
    else:
        say(f"[red]error:[/red] {message}")
    raise typer.Exit(EXIT_USAGE)


def _load(path: Path, as_json: bool = False) -> Loaded | SpecError:
    if not path.exists():
        _missing(path, as_json)
    try:
        return load(path)
    except SpecError as exc:
        return exc


def check(files: Files, as_json: JsonOut = False) -> None:
    """Check spec files: exit 0 when all are valid, 1 when any has an error."""
    reports: list[dict[str, Any]] = []
    failed = False
    for path in files:
        result = _load(path, as_json)
        if isinstance(result, SpecError):
            diagnostics, source, fmt = result.diagnostics, result.source, None
        else:
            diagnostics, source, fmt = result.diagnostics, result.source, result.format
        errors = [d for d in diagnostics if d.is_error]
        failed = failed or bool(errors) or fmt is None
        if as_json:
            reports.append(
                {
                    "file": str(path),
                    "format": fmt,
                    "valid": not errors and bool(fmt),
                    "errors": len(errors),
                    "warnings": len(diagnostics) - len(errors),
                    "diagnostics": [diagnostic_json(d) for d in diagnostics],
                }
            )
        else:
            print_diagnostics(diagnostics, source)
            status = "[red]invalid[/red]" if errors or fmt is None else "[green]ok[/green]"
            counts = f"{len(errors)} error(s), {len(diagnostics) - len(errors)} warning(s)"
            say(f"{path}: {status} ({counts})")
    if as_json:
        typer.echo(json.dumps({"valid": not failed, "files": reports}, indent=2))
    raise typer.Exit(EXIT_INVALID if failed else 0)


def fmt(
    files: Files,
    check_only: Annotated[
        bool, typer.Option("--check", help="Only report files that would change.")
    ] = False,
) -> None:
    """Rewrite .nest files in canonical form (or, with --check, list those that differ)."""
    changed: list[Path] = []
    broken = False
    for path in files:
        if not path.exists():
            _missing(path, False)
        if path.suffix != ".nest":
            say(
                f"[red]error:[/red] {path}: fmt formats .nest files only; to turn another "
                f"format into .nest, run: infranest import {path} -o {path.with_suffix('.nest')}"
            )
            raise typer.Exit(EXIT_USAGE)
        text = read_text(path)
        try:
            from infranest.spec.parser import parse

            formatted = format_spec(parse(text, str(path)))
        except SpecError as exc:
            print_diagnostics(exc.diagnostics, text)
            broken = True
            continue
        if formatted != text:
            changed.append(path)
            if not check_only:
                write_atomic(path, formatted)
    verb = "would reformat" if check_only else "reformatted"
    for path in changed:
        say(f"{verb} {path}")
    if not changed and not broken:
        say(f"{len(files)} file(s) already formatted")
    raise typer.Exit(EXIT_INVALID if broken or (check_only and changed) else 0)


def loaded_or_exit(path: Path, as_json: bool = False) -> Loaded:
    """The spec at ``path``, or exit 1 after printing why it cannot be used (as a JSON
    report on stdout when ``as_json``; nothing is written either way)."""
    result = _load(path, as_json)
    diagnostics = result.diagnostics
    errors = [d for d in diagnostics if d.is_error]
    if errors or isinstance(result, SpecError):
        if as_json:
            report = {
                "file": str(path),
                "valid": False,
                "output": None,
                "diagnostics": [diagnostic_json(d) for d in diagnostics],
            }
            typer.echo(json.dumps(report, indent=2))
        else:
            print_diagnostics(diagnostics, result.source)
            say(f"{path}: {len(errors)} error(s); nothing written")
        raise typer.Exit(EXIT_INVALID)
    assert isinstance(result, Loaded)
    if not as_json:
        print_diagnostics(diagnostics, result.source)
    return result


def import_cmd(file: AnyInput, out: Output = None, as_json: JsonOut = False) -> None:
    """Import a spec from another format and print (or write) it as .nest text."""
    loaded = loaded_or_exit(file, as_json)
    text = format_spec(loaded.spec)
    if out is not None:
        write_atomic(out, text)
    elif not as_json:
        typer.echo(text, nl=False)
    if as_json:
        report = {
            "file": str(file),
            "format": loaded.format,
            "output": str(out) if out else None,
            "entities": [e.name for e in loaded.spec.entities],
            "diagnostics": [diagnostic_json(d) for d in loaded.diagnostics],
        }
        typer.echo(json.dumps(report, indent=2))
    elif out is not None:
        warnings = len(loaded.diagnostics)
        say(f"wrote {out} ({len(loaded.spec.entities)} entities, {warnings} warning(s))")


def render(spec: Spec, fmt: ExportFormat, out: Path | None) -> str:
    """The spec in an export format as text."""
    from infranest.spec import interchange

    if fmt is ExportFormat.dsl:
        return format_spec(spec)
    if fmt is ExportFormat.json:
        return interchange.to_json(spec)
    if fmt is ExportFormat.yaml:
        return interchange.to_yaml(spec)
    if fmt is ExportFormat.jsonschema:
        return json.dumps(interchange.json_schema(), indent=2) + "\n"
    if fmt is ExportFormat.mermaid:
        from infranest.spec.exporters.mermaid import to_mermaid

        diagram: str = to_mermaid(spec)
        return diagram
    from infranest.spec.exporters.openapi import to_openapi

    document = to_openapi(spec)
    if out is not None and out.suffix.lower() in (".yaml", ".yml"):
        return interchange.dump_yaml(document)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def export(
    file: AnyInput,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to produce.")],
    out: Output = None,
) -> None:
    """Export a spec as DSL, JSON, YAML, OpenAPI 3.1, a Mermaid ER diagram or JSON Schema."""
    loaded = loaded_or_exit(file)
    text = render(loaded.spec, fmt, out)
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(out, text)
        say(f"wrote {out}")
