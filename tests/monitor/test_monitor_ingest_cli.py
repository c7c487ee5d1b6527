"""``infranest monitor register`` and ``import``: schemas from YAML, events from CSV and
Parquet, bad rows named by row and column while the good ones are stored."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import typer
from monitor_support import SCHEMA, event
from typer.testing import CliRunner

from infranest.cli.monitor_cmds import register
from infranest.monitor.store import open_store

app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """Test root."""


runner = CliRunner()
SCHEMA_YAML = """model: churn
version: "1"
columns:
  - {name: age, minimum: 0, maximum: 120}
  - {name: plan, kind: categorical, categories: [free, pro]}
  - {name: active, kind: boolean}
  - {name: region, kind: categorical, role: segment}
  - {name: score, role: score, nullable: false}
  - {name: churned, kind: boolean, role: label}
"""


def test_register_then_import_csv_and_parquet(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    (tmp_path / "churn.yaml").write_text(SCHEMA_YAML)
    result = runner.invoke(
        app, ["monitor", "register", str(tmp_path / "churn.yaml"), "--store", store]
    )
    assert result.exit_code == 0, result.output
    assert "churn@1: registered" in result.output

    csv = tmp_path / "events.csv"
    csv.write_text(
        "event_id,timestamp,age,plan,active,region,score\n"
        "1,2026-01-01T00:00:00Z,30,pro,true,eu,0.5\n"
        "2,2026-01-01T00:00:01Z,old,pro,true,eu,0.5\n"
        "3,2026-01-01T00:00:02Z,31,free,false,us,0.25\n"
    )
    args = ["monitor", "import", str(csv), "--model", "churn", "--store", store]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "row 2, column age: got string 'old'; expected a number" in result.output
    assert "3 row(s): 2 accepted (2 new), 1 rejected" in result.output

    parquet = tmp_path / "events.parquet"
    pq.write_table(pa.Table.from_pylist([event(n) for n in range(10, 15)]), parquet)
    args = ["monitor", "import", str(parquet), "--model", "churn", "--store", store, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stored"] == 5
    opened = open_store(store)
    try:
        assert opened.count(opened.require("churn", "1")) == 7
        assert opened.require("churn", "1") == SCHEMA
    finally:
        opened.close()


def test_bad_schema_and_unknown_model_are_clear(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    (tmp_path / "bad.yaml").write_text("model: churn\ncolumns:\n  - {name: timestamp}\n")
    result = runner.invoke(
        app, ["monitor", "register", str(tmp_path / "bad.yaml"), "--store", store]
    )
    assert result.exit_code == 2
    assert "columns.0" in result.output
    assert "reserved" in result.output
    (tmp_path / "e.csv").write_text("event_id,age\n1,3\n")
    args = ["monitor", "import", str(tmp_path / "e.csv"), "--model", "nope", "--store", store]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "model 'nope' version '1' is not registered" in result.output
    result = runner.invoke(app, [*args[:-2], "--store", "mysql://x"])
    assert result.exit_code == 2
    assert "expected duckdb:PATH" in result.output


def test_alerts_check_and_history(tmp_path: Path) -> None:
    store = f"duckdb:{tmp_path / 'm.duckdb'}"
    opened = open_store(store)
    opened.register(SCHEMA)
    rows = [{k: v for k, v in event(n).items() if k != "timestamp"} for n in range(5)]
    from infranest.monitor.ingest import validate

    opened.append(SCHEMA, validate(SCHEMA, rows).events)
    opened.close()
    (tmp_path / "rules.yaml").write_text(
        "rules:\n"
        "  - {id: too-few, model: churn, metric: event_count, op: '<', threshold: 10,"
        " window: 1h}\n"
    )
    check = ["monitor", "alerts", "check", str(tmp_path / "rules.yaml"), "--store", store]
    result = runner.invoke(app, [*check, "--json"])
    assert result.exit_code == 1, result.output
    evaluated = json.loads(result.stdout)
    assert evaluated[0]["transition"] == "firing"
    assert evaluated[0]["value"] == 5
    result = runner.invoke(app, ["monitor", "alerts", "history", "--store", store])
    assert result.exit_code == 0
    assert "too-few firing (warning) value 5" in result.output
    (tmp_path / "bad.yaml").write_text("rules:\n  - {id: x, model: churn, metric: nope}\n")
    result = runner.invoke(app, ["monitor", "alerts", "check", str(tmp_path / "bad.yaml")])
    assert result.exit_code == 2
    assert "rules.0.metric" in result.output
