"""Design commands: ``audit`` (with ``--fix``) and ``explain``."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from infranest.cli.output import print_diagnostics, say
from infranest.design.audit import AuditReport, audit
from infranest.design.catalogue import explain
from infranest.design.fix import fix_file
from infranest.design.rules import RULES, get_rule
from infranest.design.sarif import to_sarif
from infranest.spec.diagnostics import SpecError, valid_choices
from infranest.spec.loader import Loaded, load

EXIT_FINDINGS = 1
EXIT_USAGE = 2


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_cmd)
    app.command("explain")(explain_cmd)


def _load(path: Path) -> Loaded:
    """The spec at ``path``; a missing file or an invalid spec is bad usage (exit 2)."""
    if not path.exists():
        say(f"[red]error:[/red] no such file: {path}")
        raise typer.Exit(EXIT_USAGE)
    try:
        loaded = load(path)
    except SpecError as exc:
        print_diagnostics(exc.diagnostics, exc.source)
        say(f"[red]error:[/red] {path} cannot be read as a spec; nothing audited")
        raise typer.Exit(EXIT_USAGE) from None
    if loaded.errors:
        print_diagnostics(loaded.errors, loaded.source)
        say(
            f"[red]error:[/red] {path} is not a valid spec (run `infranest check`); nothing audited"
        )
        raise typer.Exit(EXIT_USAGE)
    return loaded


def _report(path: Path, loaded: Loaded) -> AuditReport:
    source = loaded.source if loaded.format == "nest" else None
    return audit(loaded.spec, file=str(path), source=source)


def audit_cmd(
    spec_file: Annotated[Path, typer.Argument(help="Any input `import` accepts.")],
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text, json or sarif (2.1.0).")
    ] = ReportFormat.text,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the safe fixes: .nest files in place, other formats to <name>.fixed.nest.",
        ),
    ] = False,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this exists.")
    ] = FailOn.high,
) -> None:
    """Audit a spec for security, privacy, performance and design weaknesses. Exit 1 when a
    finding at or above --fail-on remains, 0 otherwise, 2 on bad usage or an invalid spec."""
    loaded = _load(spec_file)
    target = spec_file
    if fix:
        outcome = fix_file(spec_file)
        for finding in outcome.result.applied:
            say(
                f"[green]fixed[/green] {finding.rule_id} {escape(finding.path)}: "
                + escape(finding.fix.description if finding.fix else "")
            )
        for finding in outcome.result.skipped:
            say(
                f"[yellow]skipped[/yellow] {finding.rule_id} {escape(finding.path)}: "
                "the fix would make the spec invalid"
            )
        if outcome.output is None:
            say("no fix applies")
        elif outcome.in_place:
            say(f"wrote {outcome.output} ({len(outcome.result.applied)} fix(es))")
        else:
            say(
                f"wrote {outcome.output} ({len(outcome.result.applied)} fix(es)); {spec_file} is "
                f"{loaded.format}, and only .nest files are fixed in place"
            )
        if outcome.output is not None:
            target = outcome.output
            loaded = _load(target)
    report = _report(target, loaded)
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    elif fmt is ReportFormat.sarif:
        typer.echo(json.dumps(to_sarif(report), indent=2))
    else:
        typer.echo(report.render_text(), nl=False)
    raise typer.Exit(EXIT_FINDINGS if report.at_least(fail_on.value) else 0)


def _suggest(rule_id: str) -> str:
    """``did you mean`` for a misspelt rule id: a number written with too few or too many
    digits (``sec1``, ``SEC0011``) first, then the closest spelling."""
    ids = [r.id for r in RULES]
    match = re.fullmatch(r"([A-Za-z]+)0*(\d+)", rule_id.strip())
    if match is not None:
        guess = f"{match[1].upper()}{int(match[2]):03d}"
        if guess in ids:
            return f"did you mean '{guess}'?"
    return valid_choices(rule_id.upper(), ids, limit=8)


def explain_cmd(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id, e.g. SEC001.")],
) -> None:
    """Explain a rule: what goes wrong, when it is acceptable to ignore, what the fix costs."""
    rule = get_rule(rule_id)
    if rule is None:
        hint = _suggest(rule_id)
        say(f"[red]error:[/red] unknown rule '{escape(rule_id)}'; {escape(hint)}")
        raise typer.Exit(EXIT_USAGE)
    typer.echo(explain(rule), nl=False)
