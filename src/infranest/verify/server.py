"""Start the generated service on a free loopback port, wait until it is healthy, stop it.

The service runs in its own process group with its output in a log file; :class:`Server`
is a context manager that stops the group however the block ends (failure, Ctrl-C).
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from infranest.verify.process import kill_group
from infranest.verify.report import tail

HOST = "127.0.0.1"
_POLL = 0.2


class NotHealthyError(Exception):
    """The service exited, or did not answer ``GET /health`` with 200 in time."""


def free_port() -> int:
    """A TCP port nothing listens on at the moment (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """The service started from ``command`` (``{port}`` already substituted)."""

    def __init__(
        self, command: Sequence[str], *, port: int, cwd: Path, env: Mapping[str, str], log: Path
    ) -> None:
        self.command = tuple(command)
        self.port = port
        self.cwd = cwd
        self.env = dict(env)
        self.log = log
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log.open("wb")
        try:
            self._process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            self.stop()
            raise NotHealthyError(f"could not start '{self.command[0]}': {exc.strerror}") from exc

    def stop(self) -> None:
        """Stop the service's whole process group (idempotent)."""
        if self._process is not None:
            kill_group(self._process)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def output(self, lines: int = 60) -> str:
        """The tail of what the service printed so far."""
        if not self.log.is_file():
            return ""
        return tail(self.log.read_text(encoding="utf-8", errors="replace"), lines)

    def wait_healthy(self, timeout: float) -> None:
        """Return once ``GET /health`` answers 200; raise :class:`NotHealthyError` otherwise."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                code = None if self._process is None else self._process.returncode
                raise NotHealthyError(f"the service exited with {code} before it was healthy")
            last = self._probe()
            if last == "ok":
                return
            time.sleep(_POLL)
        raise NotHealthyError(f"GET /health did not answer 200 within {timeout:g} s (last: {last})")

    def _probe(self) -> str:
        try:
            with urllib.request.urlopen(f"{self.base_url}/health", timeout=2) as response:
                body = response.read(4096)
                status = response.status
        except urllib.error.HTTPError as exc:
            return f"{exc.code} {exc.reason}"
        except (OSError, ValueError) as exc:
            return str(getattr(exc, "reason", exc))
        if status != 200:
            return f"{status}"
        try:
            json.loads(body)
        except ValueError:
            return "200 with a body that is not JSON"
        return "ok"
