"""The FastAPI target end to end: generate, install, run the generated suite, lint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
# shop: the reference example; sakila: a required cycle of foreign keys (Store <-> Staff).
SPECS = {
    "shop": ROOT / "examples" / "shop.nest",
    "sakila": ROOT.parent / "shared" / "corpus" / "sql" / "sakila-postgres-schema.sql",
}

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.parametrize("example", sorted(SPECS))
def test_generated_project_passes_its_own_checks(example: str, tmp_path: Path) -> None:
    if not SPECS[example].exists():
        pytest.skip(f"{SPECS[example]} is not in this checkout")
    out = tmp_path / example
    generate(load(SPECS[example]).spec, "fastapi", out)
    _run([sys.executable, "-m", "venv", ".venv"], out)
    _run([".venv/bin/pip", "install", "-q", "-r", "requirements-dev.txt"], out)
    tests = _run([".venv/bin/pytest", "-q", "-p", "no:cacheprovider"], out)
    assert " passed" in tests.stdout
    assert "failed" not in tests.stdout
    _run([".venv/bin/ruff", "check", "."], out)
    _run([".venv/bin/bandit", "-r", "app", "-q", "-ll"], out)
