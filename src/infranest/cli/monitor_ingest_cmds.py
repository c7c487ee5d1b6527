"""``infranest monitor serve|register|import``: the ingestion API, schemas and file import."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from infranest.cli.output import say
from infranest.monitor.ingest import from_text, validate
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store import Store, StoreError, open_store
from infranest.monitor.store.base import SchemaConflictError, UnknownModelError

if TYPE_CHECKING:  # alert rules load SciPy (their metrics): imported when a command runs
    from infranest.monitor.alerts.config import AlertConfig

DEFAULT_STORE = "duckdb:.infranest-monitor/monitor.duckdb"
KEYS_VARIABLE = "INFRANEST_MONITOR_API_KEYS"
EXIT_REJECTED = 1
EXIT_BAD_INPUT = 2

StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        envvar="INFRANEST_MONITOR_STORE",
        help="duckdb:PATH (embedded, the default) or postgresql://user:pass@host:port/db.",
    ),
]


def _error(message: str) -> None:
    say(f"[red]error:[/red] {escape(message)}")


def open_or_exit(url: str) -> Store:
    try:
        return open_store(url)
    except StoreError as exc:
        _error(f"--store: {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def serve_cmd(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8700,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key",
            help=f"A key clients must send as X-API-Key (repeatable; also {KEYS_VARIABLE}, "
            "comma-separated). None: no key needed.",
        ),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option(help="Alert rules (YAML), evaluated on ingest and on a schedule."),
    ] = None,
    alert_interval: Annotated[
        float, typer.Option(help="Seconds between scheduled alert evaluations.")
    ] = 60.0,
) -> None:
    """Serve the ingestion API (events, batches, Parquet/Arrow uploads, labels, alerts)."""
    import uvicorn

    from infranest.monitor.alerts.engine import AlertEngine, Scheduler
    from infranest.monitor.server import create_app

    keys = list(api_key or [])
    keys += [k.strip() for k in os.environ.get(KEYS_VARIABLE, "").split(",") if k.strip()]
    config = load_rules(rules) if rules is not None else None
    opened = open_or_exit(store)
    engine = AlertEngine(config, opened) if config is not None else None
    scheduler = Scheduler(engine, alert_interval) if engine is not None else None
    if scheduler is not None:
        scheduler.start()
    try:
        app = create_app(opened, keys, engine, scheduler)
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if scheduler is not None:
            scheduler.stop()
        opened.close()


def load_rules(path: Path) -> AlertConfig:
    """The rules file, or exit 2 with every problem named."""
    from infranest.monitor.alerts.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        for problem in exc.problems:
            _error(f"{exc.source}: {problem}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def _read_schema(path: Path) -> ModelSchema:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        _error(f"{path}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    except yaml.YAMLError as exc:
        _error(f"{path}: not YAML or JSON: {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    try:
        return ModelSchema.model_validate(data)
    except ValidationError as exc:
        for problem in exc.errors():
            where = ".".join(str(p) for p in problem["loc"]) or "(top level)"
            _error(f"{path}: {where}: {problem['msg']}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc


def register_cmd(
    schema: Annotated[Path, typer.Argument(help="The model schema, YAML or JSON.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Register a model version's schema (its features, prediction, score, label)."""
    model = _read_schema(schema)
    opened = open_or_exit(store)
    try:
        created = opened.register(model)
    except SchemaConflictError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    finally:
        opened.close()
    word = "registered" if created else "already registered (same columns)"
    Console(highlight=False, soft_wrap=True).print(f"{escape(model.key)}: {word}")


def _rows(path: Path, schema: ModelSchema) -> list[dict[str, Any]]:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.csv as pacsv  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet", ".pq"):
        _error(f"{path}: unsupported file type {suffix!r}; expected .csv or .parquet")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        if suffix == ".csv":
            names = pacsv.read_csv(path).column_names
            options = pacsv.ConvertOptions(
                strings_can_be_null=True, column_types=dict.fromkeys(names, pa.string())
            )
            rows: list[dict[str, Any]] = pacsv.read_csv(path, convert_options=options).to_pylist()
            return from_text(schema, rows)
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        _error(f"{path}: {str(exc).strip().splitlines()[0]}")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    parsed: list[dict[str, Any]] = table.to_pylist()
    return parsed


def import_cmd(
    file: Annotated[Path, typer.Argument(help="Events as CSV or Parquet, one row per event.")],
    model: Annotated[str, typer.Option(help="The registered model.")],
    version: Annotated[str, typer.Option(help="Its version.")] = "1",
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Import events from a file: good rows are stored, bad ones listed with their reason."""
    opened = open_or_exit(store)
    try:
        schema = opened.require(model, version)
        rows = _rows(file, schema)
        batch = validate(schema, rows)
        stored = opened.append(schema, batch.events)
    except UnknownModelError as exc:
        _error(f"{exc}; register it with `infranest monitor register SCHEMA`")
        raise typer.Exit(EXIT_BAD_INPUT) from exc
    finally:
        opened.close()
    result = {
        "file": str(file),
        "received": len(rows),
        "accepted": len(batch.events),
        "stored": stored,
        "rejected": [r.to_json() for r in batch.rejected],
        "schema_changes": batch.changes.to_json(),
    }
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for rejection in batch.rejected:
            where = f", column {rejection.field}" if rejection.field else ""
            console.print(f"{escape(str(file))}: row {rejection.row}{where}: {rejection.reason}")
        for name in batch.changes.new:
            console.print(f"{escape(str(file))}: new column {name!r} (not in the schema)")
        for name in batch.changes.missing:
            console.print(f"{escape(str(file))}: column {name!r} is missing from every row")
        console.print(
            f"{len(rows)} row(s): {len(batch.events)} accepted ({stored} new), "
            f"{len(batch.rejected)} rejected"
        )
    if batch.rejected:
        raise typer.Exit(EXIT_REJECTED)


def add_commands(group: typer.Typer) -> None:
    group.command("serve")(serve_cmd)
    group.command("register")(register_cmd)
    group.command("import")(import_cmd)
    from infranest.cli.monitor_alert_cmds import alerts_app

    group.add_typer(alerts_app, name="alerts")
