"""schemathesis against the server's own OpenAPI, with a live server and an owner's session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_support import live_server, make_app, seed, token_of

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance," + (
    "response_schema_conformance"
)
# Logging out would end the session the run uses; login attempts would trip the limiter.
# The verify events route is a Server-Sent Events stream that stays open while a run goes
# on: schemathesis reads a response whole, so it would wait for runs it started to finish.
EXCLUDED = r"^/api/auth/(logout|login)$|^/api/verify-runs/\{run_id\}/events$"


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The base URL of a running server, and the token of the seeded workspace's owner."""
    app = make_app(tmp_path)
    world = seed(app)
    with live_server(app) as base:
        assert httpx.get(f"{base}/api/health").status_code == 200
        yield base, token_of(world.owner)


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
