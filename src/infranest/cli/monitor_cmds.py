"""``infranest monitor``: drift between a reference and a current data file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from infranest.cli.output import err
from infranest.monitor.columns import CategoricalColumn, NumericColumn
from infranest.monitor.data import DataError, read_table
from infranest.monitor.stats.methods import Method

if TYPE_CHECKING:
    from infranest.monitor.report import DatasetDrift

EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2

monitor_app = typer.Typer(
    name="monitor",
    help="Watch a service's data: drift, quality, performance.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    from infranest.cli.monitor_ingest_cmds import add_commands

    add_commands(monitor_app)
    app.add_typer(monitor_app, name="monitor")


def _load(
    reference: Path, current: Path, columns: list[str] | None
) -> tuple[
    dict[str, NumericColumn | CategoricalColumn], dict[str, NumericColumn | CategoricalColumn]
]:
    ref = read_table(reference, columns)
    numeric = frozenset(n for n, c in ref.items() if isinstance(c, NumericColumn))
    cur = read_table(current, list(ref), numeric)
    for name, col in cur.items():
        if isinstance(col, NumericColumn) and not isinstance(ref[name], NumericColumn):
            raise DataError(str(current), "numeric here but text in the reference", name)
    return ref, cur


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3g}"


def _print_table(report: DatasetDrift) -> None:
    table = Table(title="Drift by column")
    for header in ("column", "kind", "test", "stat", "p", "BH p", "thr", "drift"):
        table.add_column(header, no_wrap=True, min_width=6 if header == "column" else None)
    for c in report.columns:
        verdict = "[red]yes[/red]" if c.drifted else ("skipped" if c.skipped else "no")
        table.add_row(
            escape(c.column),
            c.kind,
            str(c.method or ""),
            _fmt(c.statistic),
            _fmt(c.p_value),
            _fmt(c.adjusted_p_value),
            _fmt(c.threshold),
            verdict,
        )
    console = Console(highlight=False)
    console.print(table)
    word = "[red]DRIFT[/red]" if report.drifted else "[green]no dataset drift[/green]"
    console.print(
        f"{word}: {len(report.drifted_columns)} of "
        f"{sum(c.skipped is None for c in report.columns)} columns drifted "
        f"(share {report.drifted_share:.2f}, threshold {report.share_threshold:.2f})"
    )


@monitor_app.command("drift")
def drift_cmd(
    reference: Annotated[
        Path, typer.Option("--reference", help="Reference data (.csv, .parquet).")
    ],
    current: Annotated[Path, typer.Option("--current", help="Current data (.csv, .parquet).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON report on stdout.")] = False,
    columns: Annotated[
        list[str] | None,
        typer.Option("--columns", help="Columns to test (repeatable or comma-separated)."),
    ] = None,
    numeric_method: Annotated[
        Method | None, typer.Option("--numeric-test", help="Override the automatic choice.")
    ] = None,
    categorical_method: Annotated[
        Method | None, typer.Option("--categorical-test", help="Override the automatic choice.")
    ] = None,
    q: Annotated[float, typer.Option("--q", min=0.0001, max=0.5, help="FDR level.")] = 0.05,
    share: Annotated[
        float, typer.Option("--drift-share", min=0.0, max=1.0, help="Dataset drift share.")
    ] = 0.5,
) -> None:
    """Test every column for drift; exit 0 (no dataset drift), 1 (drift) or 2 (bad input)."""
    from infranest.monitor.analysis import DriftOptions, compare

    names = [n.strip() for c in columns for n in c.split(",") if n.strip()] if columns else None
    try:
        options = DriftOptions(
            numeric_method=numeric_method,
            categorical_method=categorical_method,
            q=q,
            share_threshold=share,
        )
        ref, cur = _load(reference, current, names)
        report = compare(ref, cur, options=options)
    except DataError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    except (ValueError, TypeError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        _print_table(report)
    raise typer.Exit(EXIT_DRIFT if report.drifted else 0)


@monitor_app.command("report")
def report_cmd(
    reference: Annotated[
        Path, typer.Option("--reference", help="Reference data (.csv, .parquet).")
    ],
    current: Annotated[Path, typer.Option("--current", help="Current data (.csv, .parquet).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML report to write.")],
    json_output: Annotated[
        Path | None, typer.Option("--json", help="Also write the report's data as JSON here.")
    ] = None,
    title: Annotated[str, typer.Option(help="The report's title.")] = "Drift report",
) -> None:
    """Write a self-contained HTML report: drift with distributions, quality, ranking."""
    from infranest.monitor.html import build, render

    try:
        ref, cur = _load(reference, current, None)
        data = build(ref, cur)
    except (DataError, ValueError, TypeError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(data, title), encoding="utf-8")
    if json_output is not None:
        json_output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    word = "dataset drift" if data["drift"]["drifted"] else "no dataset drift"
    err.print(f"wrote {escape(str(output))} ({word})")
