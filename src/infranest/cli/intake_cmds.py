"""``infranest new`` (a description becomes a spec) and ``infranest profile``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.markup import escape
from rich.prompt import Prompt

from infranest.cli.output import err, say
from infranest.cli.spec_cmds import EXIT_USAGE, JsonOut
from infranest.files import write_atomic
from infranest.intake import llm
from infranest.intake.profile import Profile
from infranest.intake.session import Session, start
from infranest.spec.formatter import format_spec

profile_app = typer.Typer(help="Show or reset the answers InfraNest has learned.")


def register(app: typer.Typer) -> None:
    app.command("new")(new_cmd)
    app.add_typer(profile_app, name="profile")


def _read_answers(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        say(f"[red]error:[/red] cannot read answers from {path}: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        say(f"[red]error:[/red] {path}: answers must be a mapping of question id to value")
        raise typer.Exit(EXIT_USAGE)
    return {
        str(k): ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in data.items()
    }


def _apply_answers(session: Session, answers: dict[str, str]) -> None:
    for key, value in answers.items():
        try:
            session.answer(key, value)
        except KeyError:
            say(f"[yellow]warning:[/yellow] answer '{key}' ignored: no such open question")
        except ValueError as exc:
            say(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(EXIT_USAGE) from None


def _ask(session: Session, interactive: bool) -> None:
    while (q := session.next_question()) is not None:
        if not interactive:
            session.answer(q.id, q.default, by_default=True)
            continue
        err.print(f"[bold]{q.text}[/bold]\n[dim]{q.why}[/dim]")
        value = Prompt.ask(
            "answer",
            console=err,
            choices=None if q.free_text else list(q.choices),
            default=q.default,
            show_choices=True,
        )
        if q.free_text and value not in q.choices:
            err.print(f"[dim]choices were: {', '.join(q.choices)}[/dim]")
        session.answer(q.id, value, by_default=value == q.default)


def _report(session: Session, out: Path) -> dict[str, Any]:
    return {
        "spec": str(out),
        "project": session.draft.name,
        "questions": [
            {
                "id": a.question.id,
                "text": a.question.text,
                "choices": list(a.question.choices),
                "default": a.question.default,
                "chosen": a.answer,
                "why": a.question.why,
            }
            for a in session.asked
        ],
        "stated": session.stated(),
        "notes": session.notes,
        "warnings": [
            {"code": d.code, "message": d.message, "path": d.path} for d in session.warnings
        ],
    }


def new_cmd(
    description: Annotated[str, typer.Argument(help="The backend, in plain English.")],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Spec file to write (.nest).")
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: take every recommended answer.")
    ] = False,
    answers: Annotated[
        Path | None, typer.Option("--answers", help="YAML or JSON file: question id → answer.")
    ] = None,
    no_profile: Annotated[
        bool, typer.Option("--no-profile", help="Neither use nor update the learned profile.")
    ] = False,
    as_json: JsonOut = False,
) -> None:
    """Describe a backend in plain English; answer the few questions that matter; get a
    spec. Exit 0 when the spec was written, 2 on bad usage."""
    if not description.strip():
        say('[red]error:[/red] describe the backend, e.g. infranest new "a blog with posts"')
        raise typer.Exit(EXIT_USAGE)
    profile = None if no_profile else Profile.load()
    proposal = llm.propose_from_env(description)
    for d in proposal.diagnostics:
        say(f"[yellow]{d.level}:[/yellow] {escape(f'{d.message} [{d.code}]')}")
    session = start(description, profile=profile, base_draft=proposal.draft)
    for note in session.notes:
        say(f"[cyan]note:[/cyan] {escape(note)}")
    if answers is not None:
        _apply_answers(session, _read_answers(answers))
    interactive = not no_input and not as_json and sys.stdin.isatty()
    _ask(session, interactive)
    spec = session.spec()
    target = out or Path(f"{spec.project.name}.nest")
    write_atomic(target, format_spec(spec))
    if profile is not None:
        profile.record(spec.project.name, session.preferences())
    if as_json:
        typer.echo(json.dumps(_report(session, target), indent=2))
        return
    for d in session.warnings:
        say(f"[yellow]warning:[/yellow] {escape(f'{d.message} [{d.code}]')}")
    entities = ", ".join(e.name for e in spec.entities)
    say(f"wrote {target}: {len(spec.entities)} entities ({entities})")


@profile_app.command("show")
def profile_show(as_json: JsonOut = False) -> None:
    """Show the learned defaults and the most recent projects' answers."""
    summary = Profile.load().summary()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(f"profile: {summary['path']} ({summary['projects']} projects)")
    learned = summary["learned"]
    if not learned:
        typer.echo("nothing learned yet")
    for key, value in learned.items():
        typer.echo(f"  {key}: {value}  (same answer in the last {Profile.load().window} projects)")


@profile_app.command("reset")
def profile_reset() -> None:
    """Forget every remembered answer."""
    profile = Profile.load()
    profile.reset()
    typer.echo(f"profile reset: {profile.path}")
