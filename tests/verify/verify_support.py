"""Helpers for the verify tests: process checks and the tool requirements of the fast runs."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

MakeProject = Callable[..., Path]
PYTHON = Path(sys.executable)  # InfraNest's own interpreter stands in for the project's venv


def missing_tools() -> list[str]:
    """What InfraNest's own environment lacks to verify the fixture with ``--python``."""
    modules = ("pytest_cov", "bandit", "ruff", "schemathesis")
    return [m for m in modules if importlib.util.find_spec(m) is None]


needs_tools = pytest.mark.skipif(
    bool(missing_tools()), reason=f"InfraNest's environment lacks {missing_tools()}"
)


def pids_in(log: Path) -> list[int]:
    """The process ids the fixture's service printed (``pid N``) in its log."""
    return [int(n) for n in re.findall(r"\bpid (\d+)", log.read_text(encoding="utf-8"))]


def alive(pid: int) -> bool:
    """A process exists and is not a zombie waiting for an indifferent parent."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
