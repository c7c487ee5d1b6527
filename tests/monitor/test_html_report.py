"""``infranest monitor report``: one self-contained HTML file (no scripts, no external
resources) with a chart per column, the drift verdicts, quality and ranking; and its JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import typer
from typer.testing import CliRunner

from infranest.cli.monitor_cmds import register

app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """Test root."""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _write(path: Path, shift: float, plans: list[str], seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = pa.table(
        {
            "age": rng.normal(40 + shift, 5, 1500),
            "plan": rng.choice(plans, 1500),
            "<b>odd</b>": rng.normal(0, 1, 1500),
        }
    )
    pacsv.write_csv(table, path)


def test_the_report_is_one_self_contained_file(tmp_path: Path) -> None:
    _write(tmp_path / "ref.csv", 0, ["free", "pro"], 1)
    _write(tmp_path / "cur.csv", 6, ["free", "pro", "team"], 2)
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "monitor",
            "report",
            "--reference",
            str(tmp_path / "ref.csv"),
            "--current",
            str(tmp_path / "cur.csv"),
            "-o",
            str(out),
            "--json",
            str(tmp_path / "report.json"),
            "--title",
            "Churn, week 12",
        ],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags
    assert not re.search(r"(src|href)=\"https?://", html)  # nothing fetched from anywhere
    assert tags.count("svg") == 3
    assert "<b>odd</b>" not in html  # a column name is escaped, not markup
    assert "&lt;b&gt;odd&lt;/b&gt;" in html
    assert "<title>Churn, week 12</title>" in html
    assert "Dataset drift" in html
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["ranking"][0]["column"] == "age"
    assert data["drift"]["drifted_columns"] == ["age", "plan"]
    quality = {q["column"]: q for q in data["quality"]}
    assert quality["plan"]["new_category_share"] > 0.2  # "team" never seen in the reference
    age = next(c for c in data["columns"] if c["column"] == "age")
    assert abs(sum(b["reference"] for b in age["bars"]) - 1) < 1e-9
    assert len(age["rects"]) == 2 * len(age["bars"])


def test_bad_input_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "ref.csv").write_text("a\n1\n")
    result = CliRunner().invoke(
        app,
        [
            "monitor",
            "report",
            "--reference",
            str(tmp_path / "ref.csv"),
            "--current",
            str(tmp_path / "missing.csv"),
            "-o",
            str(tmp_path / "r.html"),
        ],
    )
    assert result.exit_code == 2
    assert "missing.csv" in result.output
    assert not (tmp_path / "r.html").exists()
