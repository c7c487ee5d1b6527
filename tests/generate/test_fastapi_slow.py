"""The FastAPI target end to end: generate, install, run the generated suite, lint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.parametrize("example", ["shop"])
def test_generated_project_passes_its_own_checks(example: str, tmp_path: Path) -> None:
    out = tmp_path / example
    generate(load(ROOT / "examples" / f"{example}.nest").spec, "fastapi", out)
    _run([sys.executable, "-m", "venv", ".venv"], out)
    _run([".venv/bin/pip", "install", "-q", "-r", "requirements-dev.txt"], out)
    tests = _run([".venv/bin/pytest", "-q", "-p", "no:cacheprovider"], out)
    assert " passed" in tests.stdout
    assert "failed" not in tests.stdout
    _run([".venv/bin/ruff", "check", "."], out)
    _run([".venv/bin/bandit", "-r", "app", "-q", "-ll"], out)
