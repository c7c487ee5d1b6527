"""``infranest monitor alerts check|history``: evaluate alert rules now, read the history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from infranest.cli.monitor_ingest_cmds import DEFAULT_STORE, StoreOption, load_rules, open_or_exit

alerts_app = typer.Typer(name="alerts", help="Alert rules: evaluate them, read their history.")


@alerts_app.command("check")
def check_cmd(
    rules: Annotated[Path, typer.Argument(help="Alert rules (YAML).")],
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Evaluate every rule now, notify its channels on a change; exit 1 if any rule fires."""
    from infranest.monitor.alerts.engine import AlertEngine

    config = load_rules(rules)
    opened = open_or_exit(store)
    try:
        results = AlertEngine(config, opened).evaluate()
    finally:
        opened.close()
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in results], indent=2))
    else:
        table = Table(title="Alert rules")
        for header in ("rule", "value", "events", "state", "change", "deliveries"):
            table.add_column(header)
        for r in results:
            state = "n/a" if r.breached is None else ("breached" if r.breached else "ok")
            sent = ", ".join(f"{d.channel}:{'ok' if d.ok else d.detail}" for d in r.deliveries)
            value = "n/a" if r.value is None else f"{r.value:.4g}"
            table.add_row(
                escape(r.rule), value, str(r.events), state, r.transition or "", escape(sent)
            )
        Console(highlight=False, soft_wrap=True).print(table)
    if any(r.breached for r in results):
        raise typer.Exit(1)


@alerts_app.command("history")
def history_cmd(
    store: StoreOption = DEFAULT_STORE,
    rule: Annotated[str | None, typer.Option(help="Only this rule.")] = None,
    limit: Annotated[int, typer.Option(help="How many records, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """The alert history: every firing, repeat and resolution, newest first."""
    opened = open_or_exit(store)
    try:
        records = opened.alert_history(rule, max(1, limit))
    finally:
        opened.close()
    if as_json:
        typer.echo(json.dumps([{**r, "at": r["at"].isoformat()} for r in records], indent=2))
        return
    console = Console(highlight=False, soft_wrap=True)
    for r in records:
        value = "n/a" if r["value"] is None else f"{r['value']:.4g}"
        console.print(
            f"{r['at'].isoformat()} {escape(r['rule'])} {r['status']} ({r['severity']}) "
            f"value {value}"
        )
    if not records:
        console.print("no alerts recorded")
