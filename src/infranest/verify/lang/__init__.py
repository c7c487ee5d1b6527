"""The per-language half of ``verify``: how a project of each language is set up, tested,
linted and scanned. One module per language, each with a module-level ``LANGUAGE``."""

from __future__ import annotations

import importlib
from typing import Protocol

from infranest.verify.project import Options, Project, Toolchain
from infranest.verify.report import StepResult

LANGUAGES: tuple[str, ...] = ("python", "go", "ruby", "node")


class UnsupportedLanguageError(Exception):
    """verify has no steps for this language (in this installation)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"verify does not support {name} projects yet")
        self.name = name


class Language(Protocol):
    """The steps of one language. ``required`` files must exist in the project;
    ``config_file`` holds its ``[tool.infranest]`` table."""

    name: str
    config_file: str
    required: tuple[str, ...]

    def setup(self, project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
        """Install what the project needs (cached: nothing when nothing changed)."""
        ...

    def toolchain(self, project: Project, options: Options) -> Toolchain:
        """The toolchain as it is, installing nothing (for ``--skip setup``)."""
        ...

    def tests(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """The project's own tests with coverage of its code."""
        ...

    def lint(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """The language's linters; any finding fails."""
        ...

    def security(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """The language's security scanner; medium or high findings fail."""
        ...


def language(name: str) -> Language:
    """The steps for ``name``; :class:`UnsupportedLanguageError` when there are none."""
    if name not in LANGUAGES:
        raise UnsupportedLanguageError(name)
    try:
        module = importlib.import_module(f"infranest.verify.lang.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"infranest.verify.lang.{name}":
            raise
        raise UnsupportedLanguageError(name) from exc
    found: Language = module.LANGUAGE
    return found
