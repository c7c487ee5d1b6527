"""The Express target end to end: generate, `npm ci`, then the generated lint and suite."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load
from infranest.verify.lang.node import node_env
from infranest.verify.project import Options

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("npm") is None, reason="Node (the `npm` command) not on PATH"),
]


def _run(args: list[str], cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
    # verify's own environment: native modules built offline against the local Node headers
    env = node_env(cwd, Options())
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


# iot: tenancy, API keys and an ML model in one spec (shop runs end to end in
# test_verify_targets; each case here is a cold `npm ci` that compiles better-sqlite3).
@pytest.mark.parametrize("example", ["iot"])
def test_generated_node_project_passes_its_own_checks(example: str, tmp_path: Path) -> None:
    out = tmp_path / example
    generate(load(ROOT / "examples" / f"{example}.nest").spec, "express", out)
    _run(["npm", "ci", "--no-audit", "--no-fund"], out)
    _run(["npm", "run", "lint"], out)
    tests = _run(["npm", "test"], out)
    assert " failed" not in tests.stdout
