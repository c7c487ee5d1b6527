"""Learning: an answer given the same way in recent projects becomes the default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from infranest.cli import intake_cmds
from infranest.intake.profile import Profile
from infranest.intake.session import start

runner = CliRunner()
TEXT = "a recipe sharing site with recipes, ingredients and comments"


def _app() -> typer.Typer:
    app = typer.Typer()
    intake_cmds.register(app)
    return app


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INFRANEST_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INFRANEST_LLM_URL", raising=False)
    return tmp_path / "home"


def test_three_same_answers_skip_the_question_with_a_note(home: Path) -> None:
    profile = Profile.load()
    for i in range(3):
        profile.record(f"p{i}", {"framework": "rails"})
    session = start(TEXT, profile=Profile.load())
    asked = []
    while (q := session.next_question()) is not None:
        asked.append(q.id)
        session.answer(q.id, q.default, by_default=True)
    assert "framework" not in asked
    assert session.spec().project.target == "rails"
    assert any("framework" in n and "rails" in n for n in session.notes)


def test_mixed_answers_teach_nothing(home: Path) -> None:
    profile = Profile.load()
    for value in ("rails", "django", "rails"):
        profile.record("p", {"framework": value})
    assert Profile.load().learned("framework") is None
    assert "framework" in [q.id for q in start(TEXT, profile=Profile.load()).open_questions()]


def test_cli_learns_from_answers_then_show_and_reset(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("framework: express\ndatabase: sqlite\n")
    for i in range(3):
        result = runner.invoke(
            _app(),
            [
                "new",
                TEXT,
                "-o",
                str(tmp_path / f"s{i}.nest"),
                "--answers",
                str(answers),
                "--no-input",
            ],
        )
        assert result.exit_code == 0, result.output
    result = runner.invoke(_app(), ["new", TEXT, "-o", str(tmp_path / "s.nest"), "--json"])
    report = json.loads(result.stdout)
    assert "framework" not in [q["id"] for q in report["questions"]]
    assert any("express" in n for n in report["notes"])
    assert "target express" in (tmp_path / "s.nest").read_text()
    shown = runner.invoke(_app(), ["profile", "show", "--json"])
    assert json.loads(shown.stdout)["learned"] == {"database": "sqlite", "framework": "express"}
    assert runner.invoke(_app(), ["profile", "reset"]).exit_code == 0
    assert json.loads(runner.invoke(_app(), ["profile", "show", "--json"]).stdout)["projects"] == 0


def test_defaults_taken_without_asking_are_not_learned(home: Path, tmp_path: Path) -> None:
    for i in range(3):
        runner.invoke(_app(), ["new", TEXT, "-o", str(tmp_path / f"d{i}.nest"), "--no-input"])
    assert Profile.load().learned("framework") is None
