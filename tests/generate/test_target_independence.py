"""No generator target imports another: a target builds only on the shared modules of
``infranest.generate`` (tables, tenancy, samples, templates, ...) and the spec."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ROOT / "src" / "infranest" / "generate" / "targets"
PREFIX = "infranest.generate.targets"


def _package(path: Path) -> str:
    """The dotted package a module under ``TARGETS`` belongs to (relative imports start
    there)."""
    return ".".join((PREFIX, *path.relative_to(TARGETS).parts[:-1]))


def _imported(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """The absolute module names ``node`` imports (``from a import b`` also names ``a.b``:
    ``b`` may be a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def foreign_imports(source: str, filename: str, target: str, package: str) -> list[str]:
    """``file:line`` and module of each import in ``source`` of a target other than
    ``target``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for name in _imported(node, package):
            parts = name.split(".")
            if name.startswith(f"{PREFIX}.") and parts[3] != target:
                found.append(f"{filename}:{node.lineno}: imports {name}")
                break
    return found


def _target_modules() -> dict[str, list[Path]]:
    return {
        d.name: sorted(d.rglob("*.py"))
        for d in sorted(TARGETS.iterdir())
        if d.is_dir() and (d / "__init__.py").exists()
    }


def test_no_target_imports_another() -> None:
    modules = _target_modules()
    assert {"django", "express", "fastapi", "fiber", "rails"} <= set(modules)
    found: list[str] = []
    for target, paths in modules.items():
        for path in paths:
            name = str(path.relative_to(ROOT))
            source = path.read_text(encoding="utf-8")
            found += foreign_imports(source, name, target, _package(path))
    assert not found, "targets import other targets:\n" + "\n".join(found)


def test_the_check_finds_absolute_relative_and_package_imports() -> None:
    source = (
        "from infranest.generate import tables\n"
        "from infranest.generate.targets.fiber.models import go_name\n"
        "import infranest.generate.targets.express.context\n"
        "from infranest.generate.targets import fastapi\n"
        "from ..express import zod\n"
        "from . import api\n"
        "from .models import models\n"
        "from infranest.generate.targets.fiber import ml\n"
    )
    found = foreign_imports(source, "api.py", "fiber", f"{PREFIX}.fiber")
    assert found == [
        "api.py:3: imports infranest.generate.targets.express.context",
        "api.py:4: imports infranest.generate.targets.fastapi",
        "api.py:5: imports infranest.generate.targets.express",
    ]


def test_package_of_a_module_and_of_an_init() -> None:
    assert _package(TARGETS / "fiber" / "api.py") == f"{PREFIX}.fiber"
    assert _package(TARGETS / "fiber" / "__init__.py") == f"{PREFIX}.fiber"
