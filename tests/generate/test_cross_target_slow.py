"""One spec, five running services, one behaviour: shop.nest is generated for every target,
set up and served exactly as ``infranest verify`` does (its per-language ``setup`` and the
project's ``[tool.infranest]`` migrate/serve commands), and the same black-box HTTP suite
(:mod:`infranest.verify.blackbox`) runs against each. Every call must answer what the
contract allows, and the (method, path, status) sequences must be identical.

Projects live in a cache folder (``$INFRANEST_CROSS_TARGET_DIR``, default
``~/.cache/infranest/cross-target``) and are regenerated in place, so the installs
(venv, node_modules, the Go build, the bundle) are reused while their inputs are unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load
from infranest.verify.blackbox import SuiteResult
from infranest.verify.blackbox_run import run_blackbox
from infranest.verify.lang import language
from infranest.verify.project import Options, load_project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "shop"
TARGETS = ("fastapi", "django", "fiber", "express", "rails")
OPTIONS = Options(timeout=1500, health_timeout=120)

pytestmark = pytest.mark.slow


def _cache_dir() -> Path:
    chosen = os.environ.get("INFRANEST_CROSS_TARGET_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infranest" / "cross-target"


def _missing_toolchain(target: str) -> str | None:
    """Why ``target``'s projects cannot be served on this machine (None: they can)."""
    needs = {"fiber": ("go",), "express": ("node", "npm"), "rails": ("ruby", "bundle")}
    absent = [tool for tool in needs.get(target, ()) if shutil.which(tool) is None]
    if absent:
        return f"{', '.join(absent)} not on PATH"
    if target == "rails":
        probe = ["ruby", "-e", 'gem "rails"']
        if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
            return "the rails gem is not installed"
    return None


@cache
def _suite(target: str) -> SuiteResult:
    out = _cache_dir() / EXAMPLE / target
    generate(load(ROOT / "examples" / f"{EXAMPLE}.nest").spec, target, out, force=True)
    project = load_project(out)
    steps = language(project.language)
    setup, chain = steps.setup(project, OPTIONS)
    assert chain is not None, f"{target} setup: {setup.summary}\n{setup.output}"
    return run_blackbox(project, chain, OPTIONS)


def _available() -> list[str]:
    return [t for t in TARGETS if _missing_toolchain(t) is None]


@pytest.mark.parametrize("target", TARGETS)
def test_every_call_answers_what_the_contract_allows(target: str) -> None:
    reason = _missing_toolchain(target)
    if reason is not None:
        pytest.skip(f"{target}: {reason}")
    result = _suite(target)
    assert len(result.calls) > 100, "the suite made too few calls to mean anything"
    statuses = {c.status for c in result.calls}
    assert {200, 201, 204, 401, 403, 404, 409, 422} <= statuses, sorted(statuses)
    assert not result.skipped, result.skipped
    assert [c.describe() for c in result.deviations] == []


def test_the_same_calls_get_the_same_statuses_on_every_target() -> None:
    targets = _available()
    if len(targets) < 2:
        pytest.skip(f"only {targets} can be served here: nothing to compare")
    reference, *others = targets
    expected = _suite(reference).calls
    for target in others:
        calls = _suite(target).calls
        differences = [
            f"#{i} {a.check}: {reference} {a.method} {a.template} → {a.status}, "
            f"{target} {b.method} {b.template} → {b.status}"
            for i, (a, b) in enumerate(zip(expected, calls, strict=False))
            if a.key() != b.key()
        ]
        assert differences == [], f"{target} differs from {reference}"
        assert len(calls) == len(expected), f"{target} made {len(calls)} calls, not {len(expected)}"
