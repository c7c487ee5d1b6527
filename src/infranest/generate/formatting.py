"""Run each language's own formatter over generated files, in a scratch folder."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path

from infranest.generate.target import Files


class FormatterError(RuntimeError):
    """A formatter failed: generated code that does not parse is a generator bug."""


def run_in_scratch(
    files: Mapping[str, str],
    suffixes: Sequence[str],
    commands: Callable[[Path], list[list[str]]],
    *,
    whole_project: bool = True,
) -> Files:
    """``files`` with those ending in ``suffixes`` rewritten by ``commands`` (run in a
    scratch folder holding the whole project, in order). Other files pass unchanged; they
    are not written at all unless ``whole_project`` (formatters that read no configuration
    and no other file need only the files they rewrite)."""
    chosen = {p: t for p, t in files.items() if p.endswith(tuple(suffixes))}
    if not chosen:
        return dict(files)
    with tempfile.TemporaryDirectory(prefix="infranest-fmt-") as scratch:
        root = Path(scratch)
        made: set[Path] = set()
        for path, text in (files if whole_project else chosen).items():
            target = root / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(text, encoding="utf-8")
        for command in commands(root):
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise FormatterError(f"{' '.join(command[:3])} failed:\n{done.stdout}{done.stderr}")
        result = dict(files)
        for path in chosen:
            result[path] = (root / path).read_text(encoding="utf-8")
        return result


@cache
def ruff_bin() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


def format_python(files: Mapping[str, str], *, line_length: int = 100) -> Files:
    """Sort imports, drop unused ones and format with ruff, as a Python team would."""
    ruff = ruff_bin()
    common = ["--no-cache", "--isolated", f"--line-length={line_length}"]

    def commands(root: Path) -> list[list[str]]:
        del root
        return [
            [ruff, "check", *common, "--select", "I,F401", "--fix", "--exit-zero", "--quiet", "."],
            [ruff, "format", *common, "--quiet", "."],
        ]

    # --isolated: ruff reads no configuration, so the Python files alone give the same output.
    return run_in_scratch(files, (".py",), commands, whole_project=False)
