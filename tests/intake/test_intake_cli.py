"""``infranest new``: every benchmark description becomes a valid spec with --no-input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from infranest.cli import intake_cmds
from infranest.spec.parser import parse
from infranest.spec.validate import validate

runner = CliRunner()
BENCH = Path(__file__).parents[2] / "benchmarks" / "intake"
DESCRIPTIONS: list[dict[str, Any]] = [
    item
    for name in ("heldout.yaml", "dev.yaml")
    for item in yaml.safe_load((BENCH / name).read_text())
]


def _app() -> typer.Typer:
    app = typer.Typer()
    intake_cmds.register(app)
    return app


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRANEST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INFRANEST_LLM_URL", raising=False)


def test_benchmark_has_sixty_descriptions_over_twenty_domains() -> None:
    assert len(DESCRIPTIONS) >= 60
    assert len({d["domain"] for d in DESCRIPTIONS}) >= 20


@pytest.mark.parametrize("item", DESCRIPTIONS, ids=[d["id"] for d in DESCRIPTIONS])
def test_every_written_spec_validates(item: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "spec.nest"
    result = runner.invoke(_app(), ["new", item["text"], "-o", str(out), "--no-input"])
    assert result.exit_code == 0, result.output
    spec = parse(out.read_text(), str(out))
    assert [d.render() for d in validate(spec) if d.is_error] == []
    assert any(not e.builtin for e in spec.entities)


def test_json_report_lists_questions_and_where_the_spec_went(tmp_path: Path) -> None:
    out = tmp_path / "blog.nest"
    result = runner.invoke(
        _app(), ["new", "a blog with posts and comments", "-o", str(out), "--json", "--no-input"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["spec"] == str(out)
    assert out.exists()
    assert report["questions"], "a blog without settings leaves questions open"
    for q in report["questions"]:
        assert {"id", "text", "choices", "chosen", "why"} <= set(q)
        assert q["chosen"] == q["default"]


def test_answers_file_sets_the_answers(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"framework": "fiber", "auth": "session", "roles": ["admin", "editor"]})
    )
    out = tmp_path / "blog.nest"
    result = runner.invoke(
        _app(),
        ["new", "a blog with posts", "-o", str(out), "--answers", str(answers), "--json"],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "target fiber" in text
    assert "auth session" in text
    assert "roles admin, editor" in text
    chosen = {q["id"]: q["chosen"] for q in json.loads(result.stdout)["questions"]}
    assert chosen["framework"] == "fiber"


def test_an_empty_description_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["new", "  ", "-o", str(tmp_path / "x.nest")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.nest").exists()


def test_a_bad_answer_is_a_usage_error(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("database: oracle\n")
    result = runner.invoke(
        _app(), ["new", "a blog", "-o", str(tmp_path / "x.nest"), "--answers", str(answers)]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.nest").exists()
