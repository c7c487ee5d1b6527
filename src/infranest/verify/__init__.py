"""``infranest verify``: prove a generated project works, step by step.

``setup`` (venv + requirements-dev.txt), ``tests`` (pytest + coverage), ``lint`` (ruff),
``security`` (bandit), ``api`` (migrate, serve, sign in, schemathesis against the
contract). Every step reports a status, a duration, counts, findings and the tail of its
output; a step that cannot run because an earlier one failed is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from infranest.verify.api import api
from infranest.verify.project import (
    NotAProjectError,
    Options,
    Project,
    Toolchain,
    load_project,
    toolchain,
    venv_python,
)
from infranest.verify.report import STEP_NAMES, Finding, StepResult, VerifyReport
from infranest.verify.steps import lint, security, setup, tests

__all__ = [
    "STEP_NAMES",
    "Finding",
    "NotAProjectError",
    "Options",
    "StepResult",
    "VerifyReport",
    "load_project",
    "verify",
]

StepRunner = Callable[[Project, Toolchain, Options], StepResult]
_AFTER_SETUP: tuple[tuple[str, StepRunner], ...] = (
    ("tests", tests),
    ("lint", lint),
    ("security", security),
    ("api", api),
)


def _noop(name: str) -> None:
    del name


def _done_noop(result: StepResult) -> None:
    del result


def verify(
    root: Path,
    options: Options | None = None,
    *,
    on_start: Callable[[str], None] = _noop,
    on_done: Callable[[StepResult], None] = _done_noop,
) -> VerifyReport:
    """Run every step not in ``options.skip`` on the project in ``root``.

    Raises :class:`NotAProjectError` (before running anything) when ``root`` lacks the
    manifest, ``[tool.infranest]``, requirements-dev.txt or openapi.json.
    """
    options = options or Options()
    project = load_project(root)
    started = time.monotonic()
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        on_done(result)

    chain: Toolchain | None = None
    if "setup" in options.skip:
        # The steps use the interpreter given, or the venv as it is.
        chain = toolchain(options.python or venv_python(project.root), options.extra_env)
        record(StepResult("setup", "skipped", "skipped on request"))
    else:
        on_start("setup")
        result, chain = setup(project, options)
        record(result)
    for name, runner in _AFTER_SETUP:
        if name in options.skip:
            record(StepResult(name, "skipped", "skipped on request"))
        elif chain is None:
            record(StepResult(name, "skipped", "setup failed"))
        else:
            on_start(name)
            record(runner(project, chain, options))
    python = str(chain.python) if chain else str(options.python or "")
    return VerifyReport(
        str(root), project.target, python, tuple(results), time.monotonic() - started
    )
