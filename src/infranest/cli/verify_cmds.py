"""``infranest verify``: set up, test, lint, scan and fuzz a generated project."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from infranest.cli.output import err, say
from infranest.cli.spec_cmds import EXIT_USAGE, JsonOut
from infranest.verify import NotAProjectError, Options, StepResult, VerifyReport, verify

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
_STYLE = {"passed": "green", "failed": "red", "skipped": "yellow"}
_SHOWN_FINDINGS = 15


class Step(StrEnum):
    setup = "setup"
    tests = "tests"
    lint = "lint"
    security = "security"
    deploy = "deploy"
    api = "api"


def register(app: typer.Typer) -> None:
    app.command("verify")(verify_cmd)


def verify_cmd(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A generated project folder.")],
    skip: Annotated[
        list[Step] | None, typer.Option("--skip", help="A step not to run (repeatable).")
    ] = None,
    min_coverage: Annotated[
        float, typer.Option("--min-coverage", min=0, max=100, help="Coverage needed (percent).")
    ] = 90.0,
    max_examples: Annotated[
        int, typer.Option("--max-examples", min=1, help="schemathesis examples per operation.")
    ] = 25,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Test and serve against this database (PostgreSQL) instead of SQLite.",
        ),
    ] = None,
    python: Annotated[
        str | None,
        typer.Option(
            "--python",
            help="Use this already provisioned interpreter (with the project's dev "
            "requirements) instead of creating DIR/.venv.",
        ),
    ] = None,
    health_timeout: Annotated[
        float, typer.Option("--health-timeout", min=1, help="Seconds to wait for GET /health.")
    ] = 60.0,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=1, help="Seconds allowed for each command (and fuzzing)."),
    ] = 900.0,
    seed: Annotated[int, typer.Option("--seed", help="schemathesis's random seed.")] = 1,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="The role of the user the api step signs in as (DEFAULT_ROLE); default: "
            "admin when the spec has it, else its first role; '' keeps the service's default.",
        ),
    ] = None,
    as_json: JsonOut = False,
) -> None:
    """Verify a generated project: setup, tests (coverage), lint, security, deploy, api. Exit 0
    when no step failed, 1 when one did, 2 when DIR is not a generated project."""
    options = Options(
        skip=frozenset(step.value for step in skip or ()),
        min_coverage=min_coverage,
        max_examples=max_examples,
        database_url=database_url,
        python=_interpreter(python) if python else None,
        health_timeout=health_timeout,
        timeout=timeout,
        seed=seed,
        role=role,
    )
    try:
        with _terminate_as_exit(), _progress(quiet=as_json) as progress:
            report = verify(directory, options, on_start=progress.start, on_done=progress.done)
    except NotAProjectError as exc:
        say(f"[red]error:[/red] {escape(str(exc.root))} is not a generated project; missing:")
        for item in exc.missing:
            say(f"  - {escape(item)}")
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        say("[red]interrupted[/red]; every process verify started was stopped")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        print_report(report, Console(highlight=False, soft_wrap=True))
    if not report.passed:
        raise typer.Exit(EXIT_FAILED)


def _interpreter(value: str) -> Path:
    found = value if os.sep in value else shutil.which(value)
    if not found or not Path(found).is_file():
        say(f"[red]error:[/red] --python: no interpreter at {escape(value)}")
        raise typer.Exit(EXIT_USAGE)
    return Path(os.path.abspath(found))  # not resolved: a venv's python is a symlink


class _Progress:
    """A spinner naming the running step (on a terminal), and a line per finished step."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.status = err.status("", spinner="dots")
        self.started = time.monotonic()

    def start(self, name: str) -> None:
        self.started = time.monotonic()
        self.status.update(f"verify: running [bold]{name}[/bold]…")
        self.status.start()

    def done(self, result: StepResult) -> None:
        self.status.stop()
        if not self.quiet:
            style = _STYLE[result.status]
            err.print(
                f"[{style}]{result.status:>7}[/{style}] {result.name:<8} "
                f"{escape(result.summary)} [dim]({result.duration:.1f} s)[/dim]"
            )


@contextmanager
def _progress(quiet: bool) -> Iterator[_Progress]:
    progress = _Progress(quiet)
    try:
        yield progress
    finally:
        progress.status.stop()


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so the service and every child are stopped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_report(report: VerifyReport, console: Console) -> None:
    """The steps as a table, then what failed: findings and the tail of the output."""
    table = Table(title=f"infranest verify {escape(report.project)} ({escape(report.target)})")
    table.add_column("step")
    table.add_column("status")
    table.add_column("time", justify="right")
    table.add_column("result", overflow="fold")
    for step in report.steps:
        style = _STYLE[step.status]
        table.add_row(
            step.name,
            f"[{style}]{step.status}[/{style}]",
            f"{step.duration:.1f} s",
            escape(step.summary),
        )
    console.print(table)
    for step in report.steps:
        if step.status != "failed":
            continue
        console.print(f"\n[bold red]{step.name}[/bold red]: {escape(step.summary)}")
        for finding in step.findings[:_SHOWN_FINDINGS]:
            severity = f"{finding.severity} " if finding.severity else ""
            console.print(
                f"  {escape(severity)}{escape(finding.location)}: "
                f"{escape(finding.code)} {escape(finding.message)}"
            )
            if finding.example:
                console.print(f"    [dim]{escape(finding.example)}[/dim]")
        if len(step.findings) > _SHOWN_FINDINGS:
            console.print(f"  … and {len(step.findings) - _SHOWN_FINDINGS} more (--json)")
        if step.output and not step.findings:
            console.print(f"[dim]{escape(step.output)}[/dim]")
    verdict = "[green]passed[/green]" if report.passed else "[red]failed[/red]"
    console.print(f"\n{verdict} in {report.duration:.1f} s")
