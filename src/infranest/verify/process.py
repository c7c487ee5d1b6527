"""Run commands with a time limit, capture their output, and never leave one behind.

Every child starts in its own session (process group); on a timeout, an error or Ctrl-C
the whole group is killed, so nothing a command spawned survives it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_GRACE = 5.0


@dataclass(frozen=True)
class Completed:
    command: tuple[str, ...]
    returncode: int | None  # None: killed after the timeout
    output: str  # stdout and stderr, interleaved
    duration: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def timed_out(self) -> bool:
        return self.returncode is None

    def describe(self) -> str:
        """``'<cmd>' exited with 2`` / ``timed out`` / ``could not start``, for summaries."""
        name = " ".join(self.command[:3])
        if self.returncode is None:
            return f"'{name}' timed out after {self.duration:.0f} s"
        if self.returncode == 127:
            return f"'{name}' could not be started"
        return f"'{name}' exited with {self.returncode}"


def kill_group(process: subprocess.Popen[bytes], grace: float = _GRACE) -> None:
    """Terminate ``process``'s whole group, then kill it if it has not exited in ``grace``."""
    if process.poll() is None:
        _signal_group(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    # Children may outlive the leader: the group is killed whatever the leader did.
    _signal_group(process.pid, signal.SIGKILL)
    process.wait()


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def run(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
) -> Completed:
    """Run ``command`` to completion (or until ``timeout`` seconds) and capture its output."""
    started = time.monotonic()
    argv = tuple(command)
    try:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        return Completed(argv, 127, f"{argv[0]}: {exc.strerror or exc}", 0.0)
    try:
        out, _ = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        kill_group(process)
        out, _ = process.communicate()
        code = None
    except BaseException:
        kill_group(process)
        raise
    _signal_group(process.pid, signal.SIGKILL)  # anything the command left running
    text = out.decode("utf-8", errors="replace")
    return Completed(argv, code, text, time.monotonic() - started)
