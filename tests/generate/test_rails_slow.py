"""The Rails target end to end: generate, resolve the gems, run the generated suite, lint."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load
from infranest.verify.lang.ruby import LANGUAGE
from infranest.verify.project import Options, load_project

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _rails_missing() -> str | None:
    if shutil.which("ruby") is None or shutil.which("bundle") is None:
        return "ruby/bundler are not installed (apt-get install ruby-rails bundler ...)"
    done = subprocess.run(
        ["ruby", "-e", 'gem "rails"; gem "rubocop"; gem "simplecov"'],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return "the rails, rubocop and simplecov gems are not installed"
    return None


@pytest.mark.parametrize("example", ["shop"])
def test_generated_project_passes_its_own_checks(example: str, tmp_path: Path) -> None:
    reason = _rails_missing()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path / example
    generate(load(ROOT / "examples" / f"{example}.nest").spec, "rails", out)
    project = load_project(out)
    options = Options(timeout=900)
    setup, chain = LANGUAGE.setup(project, options)
    assert chain is not None, setup.summary + "\n" + setup.output
    tests = LANGUAGE.tests(project, chain, options)
    assert tests.status == "passed", tests.summary + "\n" + tests.output
    assert tests.counts["failed"] == 0
    assert float(tests.counts["coverage"]) >= 90
    lint = LANGUAGE.lint(project, chain, options)
    assert lint.status == "passed", lint.summary + "\n" + lint.output
