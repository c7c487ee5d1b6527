"""``infranest generate``: a spec becomes a service; regeneration keeps hand edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from infranest.cli.output import print_diagnostics, say
from infranest.cli.spec_cmds import EXIT_INVALID, AnyInput, JsonOut, loaded_or_exit
from infranest.generate import generate
from infranest.generate.deploy import DEPLOY_KINDS, UnknownDeployKindError, parse_kinds
from infranest.generate.target import TARGET_NAMES, available_targets
from infranest.spec.diagnostics import SpecError

EXIT_CONFLICTS = 3
_STYLE = {
    "create": "green",
    "update": "cyan",
    "merge": "cyan",
    "conflict": "red",
    "delete": "yellow",
    "orphan": "yellow",
    "overwrite": "magenta",
    "keep": "dim",
}


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_cmd)


def generate_cmd(
    spec_file: AnyInput,
    target: Annotated[
        str, typer.Option("--target", "-t", help=f"One of: {', '.join(TARGET_NAMES)}.")
    ],
    out: Annotated[Path, typer.Option("-o", "--output", help="The project folder.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files instead of merging.")
    ] = False,
    deploy: Annotated[
        str,
        typer.Option(
            "--deploy",
            help=f"Deployment files to add under deploy/: a comma-separated list of "
            f"{', '.join(DEPLOY_KINDS)}, or 'all', or 'none'.",
        ),
    ] = "all",
    as_json: JsonOut = False,
) -> None:
    """Generate a service from a spec. Exit 0 on success, 3 when regeneration left
    conflicts, 1 on a spec error (nothing written)."""
    if target not in available_targets():
        say(
            f"[red]error:[/red] unknown target '{target}'; available: "
            f"{', '.join(available_targets())}"
        )
        raise typer.Exit(2)
    try:
        kinds = parse_kinds(deploy)
    except UnknownDeployKindError as exc:
        say(f"[red]error:[/red] --deploy: {exc}")
        raise typer.Exit(2) from None
    loaded = loaded_or_exit(spec_file)
    try:
        report = generate(loaded.spec, target, out, dry_run=dry_run, force=force, deploy=kinds)
    except SpecError as exc:
        print_diagnostics(exc.diagnostics, loaded.source)
        say(f"{spec_file}: cannot be generated; nothing written")
        raise typer.Exit(EXIT_INVALID) from None
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "target": report.target,
                    "output": str(out),
                    "dry_run": dry_run,
                    "counts": report.counts(),
                    "files": [
                        {"path": c.path, "action": c.action, "conflicts": c.conflicts}
                        for c in report.changes
                        if c.action != "unchanged"
                    ],
                },
                indent=2,
            )
        )
    elif dry_run:
        typer.echo(report.plan.diff(), nl=False)
    else:
        for change in report.changes:
            if change.action in _STYLE:
                style = _STYLE[change.action]
                say(f"[{style}]{change.action:>9}[/{style}] {change.path}")
        summary = ", ".join(f"{n} {a}" for a, n in report.counts().items())
        say(f"{report.target} project in {out}: {summary}")
    if report.conflicts:
        say(
            f"[red]{len(report.conflicts)} file(s) have conflict markers[/red]; resolve them "
            "and generate again"
        )
        raise typer.Exit(EXIT_CONFLICTS)
