"""``infranest monitor drift`` and the file reader, on tiny CSV and Parquet files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
import typer
from typer.testing import CliRunner

from infranest.cli.monitor_cmds import register
from infranest.monitor.columns import CategoricalColumn, NumericColumn
from infranest.monitor.data import DataError, read_table

app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """Test root."""


runner = CliRunner()


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest.fixture
def same(tmp_path: Path) -> tuple[Path, Path]:
    rows = ["x,colour"] + [f"{i % 7},{'red' if i % 3 else 'blue'}" for i in range(60)]
    return write_csv(tmp_path / "ref.csv", rows), write_csv(tmp_path / "cur.csv", rows)


def test_no_drift_exits_0_with_a_table(same: tuple[Path, Path]) -> None:
    ref, cur = same
    result = runner.invoke(
        app, ["monitor", "drift", "--reference", str(ref), "--current", str(cur)]
    )
    assert result.exit_code == 0, result.output
    assert "Drift by column" in result.output
    assert "no dataset drift" in result.output


def test_drift_exits_1_and_json(tmp_path: Path) -> None:
    ref = write_csv(tmp_path / "r.csv", ["x,c"] + [f"{i},a" for i in range(50)])
    cur = write_csv(tmp_path / "c.csv", ["x,c"] + [f"{i + 100},b" for i in range(50)])
    result = runner.invoke(
        app, ["monitor", "drift", "--reference", str(ref), "--current", str(cur), "--json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["drifted"] is True
    assert data["drifted_columns"] == ["x", "c"]
    assert [c["method"] for c in data["columns"]] == ["ks", "z"]


def test_parquet_and_column_selection(tmp_path: Path) -> None:
    table = pa.table({"a": [1.0, 2.0, 3.0, 4.0], "b": ["u", "v", "u", None]})
    pq.write_table(table, tmp_path / "r.parquet")
    pq.write_table(table, tmp_path / "c.parquet")
    args = [
        "monitor",
        "drift",
        "--reference",
        str(tmp_path / "r.parquet"),
        "--current",
        str(tmp_path / "c.parquet"),
        "--columns",
        "b",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [c["column"] for c in json.loads(result.output)["columns"]] == ["b"]


def test_bad_value_names_file_column_row(tmp_path: Path) -> None:
    ref = write_csv(tmp_path / "r.csv", ["x", "1", "2", "3"])
    cur = write_csv(tmp_path / "c.csv", ["x", "1", "", "oops", "4"])
    result = runner.invoke(
        app, ["monitor", "drift", "--reference", str(ref), "--current", str(cur)]
    )
    assert result.exit_code == 2
    assert "c.csv, column 'x', row 3: 'oops' is not a number" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing.csv", "no such file"), ("data.txt", "unsupported file type")],
)
def test_bad_files_exit_2(
    same: tuple[Path, Path], tmp_path: Path, name: str, expected: str
) -> None:
    ref, _ = same
    (tmp_path / "data.txt").write_text("x\n1\n")
    args = ["monitor", "drift", "--reference", str(ref), "--current", str(tmp_path / name)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert expected in result.output


def test_unknown_column_exit_2(same: tuple[Path, Path]) -> None:
    ref, cur = same
    args = ["monitor", "drift", "--reference", str(ref), "--current", str(cur), "--columns", "z"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "column 'z': no such column; columns are x, colour" in " ".join(result.output.split())


def test_read_table_types(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["n,s,b", "1,a,true", ",b,false", "2.5,,true"])
    cols = read_table(path)
    n, s, b = cols["n"], cols["s"], cols["b"]
    assert isinstance(n, NumericColumn)
    assert np.isnan(n.values[1])
    assert n.values[2] == 2.5
    assert isinstance(s, CategoricalColumn)
    assert s.codes.tolist() == [0, 1, -1]
    assert isinstance(b, CategoricalColumn)
    assert b.counts().sum() == 3
    with pytest.raises(DataError, match="row 1: 'a' is not a number"):
        read_table(path, ["s"], numeric=frozenset({"s"}))


def test_read_parquet_dictionary_column(tmp_path: Path) -> None:
    chunks = [
        pa.array(["a", "b", None]).dictionary_encode(),
        pa.array(["b", "c"]).dictionary_encode(),
    ]
    table = pa.Table.from_batches([pa.record_batch([chunk], names=["d"]) for chunk in chunks])
    pq.write_table(table, tmp_path / "d.parquet")
    col = read_table(tmp_path / "d.parquet")["d"]
    assert isinstance(col, CategoricalColumn)
    assert [None if k < 0 else col.categories[k] for k in col.codes] == ["a", "b", None, "b", "c"]


def test_ragged_csv_names_the_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", ["a,b", "1,2", "3", "4,5"])
    with pytest.raises(DataError, match=r"r\.csv, row 2: CSV parse error: Expected 2 columns"):
        read_table(path)
