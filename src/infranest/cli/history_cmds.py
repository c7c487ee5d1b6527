"""Spec history and diff: ``history`` (list or ``--save``) and ``diff OLD NEW``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from infranest.cli.output import fail, say, valid_spec
from infranest.design.history.diff import SpecDiff, diff
from infranest.design.history.migrate import TARGETS, diff_json, plan
from infranest.design.history.store import HistoryError, read_version, save, split_ref, versions
from infranest.spec.model import Spec

EXIT_USAGE = 2
EXIT_BREAKING = 4
_API_STYLE = {"breaking": "red", "non-breaking": "green", "none": "dim"}
_DB_STYLE = {"destructive": "red", "data-migrating": "yellow", "safe": "green", "none": "dim"}
JsonOut = Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")]


def register(app: typer.Typer) -> None:
    app.command("history")(history_cmd)
    app.command("diff")(diff_cmd)


def resolve(ref: str) -> Spec:
    """A spec file, or ``FILE@N`` for its saved version N (``@latest``, ``@-2``...)."""
    path, number = split_ref(ref)
    if number is None:
        return valid_spec(path)
    try:
        return read_version(path, number)
    except HistoryError as exc:
        raise fail(str(exc)) from None


def history_cmd(
    spec_file: Annotated[Path, typer.Argument(metavar="SPEC", help="The spec file.")],
    do_save: Annotated[
        bool, typer.Option("--save", help="Save the spec as it is now as the next version.")
    ] = False,
    message: Annotated[
        str | None, typer.Option("-m", "--message", help="What changed (with --save).")
    ] = None,
    as_json: JsonOut = False,
) -> None:
    """List the saved versions of a spec, or save a new one with --save -m MSG. Versions
    live in .infranest-history/<name>/ next to the spec. Exit 2 on bad usage."""
    if do_save:
        if not message:
            raise fail("--save needs a message: -m 'what changed'")
        valid_spec(spec_file)
        try:
            saved = save(spec_file, message)
        except HistoryError as exc:
            raise fail(str(exc)) from None
        if as_json:
            typer.echo(json.dumps(saved.to_json(), indent=2))
        else:
            say(f"saved {spec_file} as version {saved.number} ({saved.path})")
        return
    if message is not None:
        raise fail("-m is only used with --save")
    try:
        found = versions(spec_file)
    except HistoryError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(
            json.dumps({"spec": str(spec_file), "versions": [v.to_json() for v in found]}, indent=2)
        )
        return
    if not found:
        say(f"{spec_file}: no saved versions (save one with --save -m MSG)")
        return
    table = Table("version", "saved at (UTC)", "message", title=str(spec_file))
    for v in found:
        table.add_row(str(v.number), v.saved_at, escape(v.message))
    Console(highlight=False).print(table)


def _print_text(result: SpecDiff, targets: tuple[str, ...]) -> None:
    console = Console(highlight=False, soft_wrap=True)
    if not result.changes:
        console.print("no changes")
        return
    for c in result.changes:
        api = f"[{_API_STYLE[c.api]}]{c.api:<12}[/]"
        db = f"[{_DB_STYLE[c.db]}]{c.db:<14}[/]"
        console.print(f"{api} {db} {c.kind}  {escape(c.path)}")
        console.print(f"    {escape(c.message)}")
    for target in targets:
        steps = plan(result, target)
        console.print(f"\n[bold]migration plan: {target}[/bold]" + ("" if steps else " (none)"))
        for step in steps:
            console.print("  " + escape(step.code))
            if step.warning:
                console.print(f"    [yellow]! {escape(step.warning)}[/yellow]")
    n = result.counts()
    console.print(
        f"\n{n['total']} change(s): {n['breaking']} breaking for API clients, "
        f"{n['destructive']} destructive and {n['data-migrating']} data-migrating for the database"
    )


def diff_cmd(
    old: Annotated[str, typer.Argument(metavar="OLD", help="A spec, or SPEC@N (saved version).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="A spec, or SPEC@N (saved version).")],
    as_json: JsonOut = False,
    fail_on_breaking: Annotated[
        bool,
        typer.Option(
            "--fail-on-breaking", help=f"Exit {EXIT_BREAKING} when a change breaks clients."
        ),
    ] = False,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", "-t", help=f"Plan only for these: {', '.join(TARGETS)}."),
    ] = None,
) -> None:
    """Classify every change from OLD to NEW (API: breaking or not; database: safe,
    destructive or data-migrating) and plan the migration for each target. Exit 0, 4 with
    --fail-on-breaking when a change breaks clients, 2 on bad usage."""
    chosen = tuple(target or TARGETS)
    unknown = [t for t in chosen if t not in TARGETS]
    if unknown:
        raise fail(f"unknown target {unknown[0]!r}; valid: {', '.join(TARGETS)}")
    result = diff(resolve(old), resolve(new))
    if as_json:
        typer.echo(json.dumps(diff_json(result, chosen), indent=2))
    else:
        _print_text(result, chosen)
    if fail_on_breaking and result.breaking:
        raise typer.Exit(EXIT_BREAKING)
