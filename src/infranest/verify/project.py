"""What verify needs to know about a generated project, and how it runs its tools."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".infranest/manifest.json"
SPEC_COPY = ".infranest/spec.nest"  # the spec as last generated (the engine writes it)
WORK_DIR = ".infranest/verify"  # verify's own files (logs, reports) inside the project
COVERAGE_JSON = ".infranest/coverage.json"
VERIFY_DB = ".infranest/verify.db"
DEFAULT_DATABASE_URL = f"sqlite:///./{VERIFY_DB}"
VENV = ".venv"
REQUIREMENTS = "requirements-dev.txt"
# Variables that would leak the caller's test or coverage run into the project's.
_DROPPED_PREFIXES = ("PYTEST_", "COV_CORE_", "COVERAGE_")
_DROPPED = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DATABASE_URL"}


class NotAProjectError(Exception):
    """DIR is not a generated project; ``missing`` says what is absent or wrong."""

    def __init__(self, root: Path, missing: list[str]) -> None:
        super().__init__(f"{root} is not a generated project: " + "; ".join(missing))
        self.root = root
        self.missing = missing


# The language of each target's projects (verify's steps are per language).
LANGUAGE_OF: dict[str, str] = {
    "django": "python",
    "fastapi": "python",
    "fiber": "go",
    "rails": "ruby",
    "express": "node",
}
PYTHON_CONFIG = "pyproject.toml"
OTHER_CONFIG = "infranest.toml"  # where non-Python projects keep [tool.infranest]


@dataclass(frozen=True)
class Project:
    root: Path
    target: str
    package: str
    migrate: tuple[str, ...]
    serve: tuple[str, ...]
    language: str = "python"

    @property
    def package_dir(self) -> Path:
        return self.root.joinpath(*self.package.split("."))


@dataclass(frozen=True)
class Options:
    skip: frozenset[str] = frozenset()
    min_coverage: float = 90.0
    max_examples: int = 25
    database_url: str | None = None
    python: Path | None = None  # an already provisioned interpreter: no venv, no pip
    health_timeout: float = 60.0
    timeout: float = 900.0  # per command, and for the whole schemathesis run
    seed: int = 1
    role: str | None = None  # the fuzzing user's role; None: "admin", else the spec's first
    extra_env: Mapping[str, str] = field(default_factory=dict)


def _command(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def _manifest_target(root: Path, missing: list[str]) -> str:
    manifest = root / MANIFEST
    if not manifest.is_file():
        missing.append(f"{MANIFEST} (generate the project with `infranest generate`)")
        return ""
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["target"])
    except (ValueError, KeyError, TypeError):
        missing.append(f"{MANIFEST} names no target")
        return ""


def _tool_table(root: Path, config: str, missing: list[str]) -> dict[str, Any]:
    path = root / config
    if not path.is_file():
        missing.append(config)
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        missing.append(f"{config} is not valid TOML ({exc})")
        return {}
    table: dict[str, Any] = data.get("tool", {}).get("infranest", {})
    if not table:
        missing.append(f"[tool.infranest] in {config}")
    return table


def load_project(root: Path) -> Project:
    """Read the manifest and ``[tool.infranest]`` (in ``pyproject.toml`` for Python
    projects, ``infranest.toml`` for the others); :class:`NotAProjectError` names every
    gap, including files the project's language needs."""
    from infranest.verify.lang import UnsupportedLanguageError, language

    missing: list[str] = []
    if not root.is_dir():
        raise NotAProjectError(root, ["the folder does not exist"])
    target = _manifest_target(root, missing)
    name = LANGUAGE_OF.get(target, "python")
    if target and target not in LANGUAGE_OF:
        missing.append(f"{MANIFEST} names target {target!r}, which verify does not know")
    config = PYTHON_CONFIG if name == "python" else OTHER_CONFIG
    table = _tool_table(root, config, missing)
    package = table.get("package")
    migrate, serve = _command(table.get("migrate")), _command(table.get("serve"))
    if table:
        if not isinstance(package, str) or not package:
            missing.append("[tool.infranest].package (the app package name)")
        if migrate is None:
            missing.append("[tool.infranest].migrate (a command list)")
        if serve is None or not any("{port}" in word for word in serve):
            missing.append("[tool.infranest].serve (a command list with a {port} placeholder)")
    try:
        required = language(name).required
    except UnsupportedLanguageError as exc:
        missing.append(str(exc))
        required = ()
    needed = [f for f in required if f != "openapi.json"]
    missing += [f for f in needed if not (root / f).is_file() and f not in missing]
    if not (root / "openapi.json").is_file():
        missing.append("openapi.json (the contract document)")
    if missing or migrate is None or serve is None or not isinstance(package, str):
        raise NotAProjectError(root, missing)
    return Project(root, target, package, migrate, serve, name)


@dataclass(frozen=True)
class Toolchain:
    """Where the project's tools live and the environment they get.

    ``bin_dir`` is where ``[tool.infranest]`` commands' first word is looked up (a venv's
    ``bin``, ``node_modules/.bin``, a folder setup built a binary into); ``python`` is the
    interpreter of Python projects (None for the others).
    """

    bin_dir: Path
    env: Mapping[str, str]
    python: Path | None = None

    def tool(self, name: str, module: str | None = None) -> list[str]:
        """``bin/<name>`` when the environment has that script, else ``python -m <module>``
        (or the bare name for projects without an interpreter)."""
        script = self.bin_dir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
        if self.python is None:
            return [name]
        return [str(self.python), "-m", module or name]

    def command(self, words: tuple[str, ...], port: int | None = None) -> list[str]:
        """A ``[tool.infranest]`` command: the first word from the environment's bin folder
        when it is there, ``{port}`` substituted."""
        first, *rest = words
        local = self.bin_dir / first
        argv = [str(local) if local.is_file() else first, *rest]
        if port is not None:
            argv = [word.replace("{port}", str(port)) for word in argv]
        return argv


def spec_roles(root: Path) -> tuple[str, ...]:
    """The project's roles, from the spec copy the engine keeps (empty when unreadable)."""
    from infranest.spec.diagnostics import SpecError
    from infranest.spec.loader import load

    path = root / SPEC_COPY
    if not path.is_file():
        return ()
    try:
        return load(path, validate=False).spec.project.roles
    except (SpecError, OSError, ValueError):
        return ()


def fuzz_role(root: Path, options: Options) -> str | None:
    """The role verify's user gets (``DEFAULT_ROLE``): the one asked for, else ``admin``
    when the spec has it, else its first role; None leaves the service's default."""
    if options.role is not None:
        return options.role or None
    roles = spec_roles(root)
    if "admin" in roles:
        return "admin"
    return roles[0] if roles else None


def venv_python(root: Path) -> Path:
    return root / VENV / "bin" / "python"


def toolchain(python: Path, extra: Mapping[str, str] | None = None) -> Toolchain:
    """The environment for commands run with ``python``: its bin folder first on PATH, and
    nothing of the caller's own virtualenv, test or coverage run."""
    env = base_env((python.parent,))
    if (python.parent.parent / "pyvenv.cfg").is_file():
        env["VIRTUAL_ENV"] = str(python.parent.parent)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return Toolchain(python.parent, env, python)


def base_env(
    bin_dirs: tuple[Path, ...] = (), extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The caller's environment without its virtualenv, test or coverage variables, with
    ``bin_dirs`` first on PATH: the start of every non-Python toolchain."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _DROPPED and not key.startswith(_DROPPED_PREFIXES)
    }
    env["PATH"] = os.pathsep.join([*map(str, bin_dirs), env.get("PATH", os.defpath)])
    env.update(extra or {})
    return env


def own_python() -> Path:
    """The interpreter InfraNest runs on (which has schemathesis)."""
    return Path(sys.executable)
