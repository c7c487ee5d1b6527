"""The Django project generated from examples/shop.nest installs and passes its own suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("django") / "shop"
    generate(load(ROOT / "examples" / "shop.nest").spec, "django", out)
    venv = _run([sys.executable, "-m", "venv", ".venv"], out)
    assert venv.returncode == 0, venv.stderr
    pip = _run([".venv/bin/pip", "install", "-q", "-r", "requirements-dev.txt"], out)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return out


def test_generated_suite_passes_with_coverage(project: Path) -> None:
    (project / ".infranest").mkdir(exist_ok=True)
    done = _run(
        [".venv/bin/pytest", "-q", "--cov", "--cov-report=json:.infranest/coverage.json"], project
    )
    assert done.returncode == 0, done.stdout[-4000:]
    report = json.loads((project / ".infranest" / "coverage.json").read_text())
    assert report["totals"]["percent_covered"] >= 90


def test_generated_code_is_lint_and_bandit_clean(project: Path) -> None:
    ruff = _run([".venv/bin/ruff", "check", "."], project)
    assert ruff.returncode == 0, ruff.stdout
    bandit = _run(
        [".venv/bin/bandit", "-q", "-r", "api", "-c", "pyproject.toml", "-ll", "-f", "json"],
        project,
    )
    found = json.loads(bandit.stdout)["results"]
    assert [r for r in found if r["issue_severity"] in ("MEDIUM", "HIGH")] == []
