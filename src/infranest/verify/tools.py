"""Tools verify runs from their own virtual environment (checkov pins libraries that
conflict with ours, so it never shares InfraNest's environment).

``ensure_tool("checkov", "checkov==3.3.30")`` returns the tool's executable: from
InfraNest's own environment or PATH when it is there, else from a virtual environment under
``$INFRANEST_TOOLS_DIR`` (default ``~/.cache/infranest/tools``) made on first use, once per
requirement, with a lock so that parallel runs wait for one install.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess  # nosec B404 - runs pip with fixed arguments
import sys
from pathlib import Path

from infranest.verify.project import own_python

INSTALL_TIMEOUT = 900.0


class ToolInstallError(Exception):
    """The tool could not be installed (the message has pip's last lines)."""


def tools_dir() -> Path:
    configured = os.environ.get("INFRANEST_TOOLS_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "infranest" / "tools"


def installed(name: str) -> str | None:
    """``name`` from InfraNest's own environment, else from PATH."""
    local = own_python().parent / name
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which(name)


def ensure_tool(name: str, requirement: str) -> str:
    """The executable of ``name``, installing ``requirement`` in a venv of its own if needed."""
    found = installed(name)
    if found is not None:
        return found
    digest = hashlib.sha256(f"{requirement}\0{sys.version}".encode()).hexdigest()[:12]
    home = tools_dir() / f"{name}-{digest}"
    executable = home / "bin" / name
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.parent / f".{name}-{digest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if executable.is_file() and (home / ".complete").is_file():
            return str(executable)
        shutil.rmtree(home, ignore_errors=True)
        steps = [
            [sys.executable, "-m", "venv", str(home)],
            [
                str(home / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                requirement,
            ],
        ]
        for step in steps:
            done = subprocess.run(  # nosec B603 - fixed arguments, no shell
                step, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
            )
            if done.returncode != 0:
                shutil.rmtree(home, ignore_errors=True)
                last = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
                raise ToolInstallError(f"installing {requirement} failed:\n{last}")
        (home / ".complete").write_text(requirement + "\n", encoding="utf-8")
    return str(executable)
