"""``infranest verify``: prove a generated project works, step by step.

``setup`` (install what the project needs), ``tests`` (its own suite with coverage),
``lint``, ``security`` — each per the project's language (:mod:`infranest.verify.lang`) —
then ``deploy`` (checkov, the Kubernetes schema, Terraform syntax) and ``api`` (migrate,
serve, sign in, schemathesis against the contract). Every step reports a status, a
duration, counts, findings and the tail of its output; a step that cannot run because an
earlier one failed is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from infranest.verify.api import api
from infranest.verify.deploy import deploy
from infranest.verify.lang import Language, language
from infranest.verify.project import (
    NotAProjectError,
    Options,
    Project,
    Toolchain,
    load_project,
)
from infranest.verify.report import STEP_NAMES, Finding, StepResult, VerifyReport

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


def _after_setup(lang: Language) -> tuple[tuple[str, StepRunner], ...]:
    return (
        ("tests", lang.tests),
        ("lint", lang.lint),
        ("security", lang.security),
        ("deploy", deploy),
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
    lang = language(project.language)
    started = time.monotonic()
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        on_done(result)

    chain: Toolchain | None = None
    if "setup" in options.skip:
        # The steps use the interpreter given, or the venv as it is.
        chain = lang.toolchain(project, options)
        record(StepResult("setup", "skipped", "skipped on request"))
    else:
        on_start("setup")
        result, chain = lang.setup(project, options)
        record(result)
    for name, runner in _after_setup(lang):
        if name in options.skip:
            record(StepResult(name, "skipped", "skipped on request"))
        elif chain is None:
            record(StepResult(name, "skipped", "setup failed"))
        else:
            on_start(name)
            record(runner(project, chain, options))
    python = str(chain.python) if chain and chain.python else str(options.python or "")
    return VerifyReport(
        str(root), project.target, python, tuple(results), time.monotonic() - started
    )
