"""Generated Python refers only to names that exist (pyflakes through ruff), for every
Python target on specs that use much of the language: `compile()` alone misses these."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from infranest.generate import render
from infranest.generate.formatting import ruff_bin
from infranest.generate.target import available_targets, load_target
from infranest.spec.loader import load

EXAMPLES = Path(__file__).parents[2] / "examples"
SPECS = ("shop.nest", "saas_tasks.nest", "social.nest")
PYTHON_TARGETS = [t for t in available_targets() if load_target(t).language == "python"]


@pytest.mark.parametrize("target", PYTHON_TARGETS)
@pytest.mark.parametrize("spec", SPECS)
def test_generated_python_has_no_undefined_or_unused_names(
    target: str, spec: str, tmp_path: Path
) -> None:
    files = render(load(EXAMPLES / spec).spec, load_target(target))
    for path, text in files.items():
        if path.endswith(".py"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text)
    done = subprocess.run(
        [
            ruff_bin(),
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "F",
            "--output-format",
            "concise",
            ".",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
