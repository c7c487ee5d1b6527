"""schemathesis against the server's own OpenAPI, with a live server and an owner's session."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from server_support import make_app, seed

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance," + (
    "response_schema_conformance"
)
# Logging out would end the session the run uses; login attempts would trip the limiter.
EXCLUDED = r"^/api/auth/(logout|login)$"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The base URL of a running server, and the token of the seeded workspace's owner."""
    app = make_app(tmp_path)
    world = seed(app)
    token = world.owner.headers["Authorization"].removeprefix("Bearer ")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    assert httpx.get(f"{base}/api/health").status_code == 200
    yield base, token
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.slow
def test_schemathesis_finds_no_failures(live: tuple[str, str], tmp_path: Path) -> None:
    base, token = live
    argv = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{base}/openapi.json",
        "--url",
        base,
        "--checks",
        CHECKS,
        "--exclude-path-regex",
        EXCLUDED,
        "--max-examples",
        "15",
        "--seed",
        "1",
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--generation-database",
        "none",
        "--no-color",
        "--header",
        f"Authorization: Bearer {token}",
    ]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-30000:] + done.stderr[-2000:]
