"""The Fiber target end to end: generate shop, then `go vet` and the generated suite."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("go") is None, reason="Go (the `go` command) is not on PATH"),
]


def _run(args: list[str], cwd: Path, timeout: int = 1200) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


# shop: the reference; iot: API keys, tenancy and an ML model.
@pytest.mark.parametrize("example", ["shop", "iot"])
def test_generated_go_project_passes_its_own_checks(example: str, tmp_path: Path) -> None:
    out = tmp_path / example
    generate(load(ROOT / "examples" / f"{example}.nest").spec, "fiber", out)
    _run(["go", "mod", "download"], out)
    _run(["go", "vet", "./..."], out)
    assert _run(["gofmt", "-l", "."], out).stdout == ""
    tests = _run(["go", "test", "-count=1", "./..."], out)
    assert "FAIL" not in tests.stdout
