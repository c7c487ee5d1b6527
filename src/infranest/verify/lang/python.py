"""Python projects (django, fastapi): a venv, pytest with coverage, ruff and bandit."""

from __future__ import annotations

from dataclasses import dataclass

from infranest.verify import steps
from infranest.verify.project import (
    PYTHON_CONFIG,
    REQUIREMENTS,
    Options,
    Project,
    Toolchain,
    toolchain,
    venv_python,
)
from infranest.verify.report import StepResult


@dataclass(frozen=True)
class Python:
    name: str = "python"
    config_file: str = PYTHON_CONFIG
    required: tuple[str, ...] = (REQUIREMENTS,)

    def setup(self, project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
        return steps.setup(project, options)

    def toolchain(self, project: Project, options: Options) -> Toolchain:
        return toolchain(options.python or venv_python(project.root), options.extra_env)

    def tests(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return steps.tests(project, chain, options)

    def lint(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return steps.lint(project, chain, options)

    def security(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        return steps.security(project, chain, options)


LANGUAGE = Python()
