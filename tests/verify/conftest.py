"""A hand-made generated project (``fixture_project/``, a stdlib HTTP service honouring the
conventions) copied into a temporary folder, with variants made by exact text edits."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixture_project"
collect_ignore = ["fixture_project"]  # its own suite runs inside verify, not here


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: creates virtualenvs and installs packages")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """``make_project(edits={path: [(old, new), ...]}, files={path: text})`` → a copy of
    the fixture project with each ``old`` replaced once (it must be there)."""

    def make(
        edits: dict[str, list[tuple[str, str]]] | None = None,
        files: dict[str, str] | None = None,
    ) -> Path:
        root = tmp_path / "project"
        shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("__pycache__", ".*cache"))
        for name, pairs in (edits or {}).items():
            path = root / name
            text = path.read_text(encoding="utf-8")
            for old, new in pairs:
                assert old in text, f"{name} has no {old!r}"
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
        for name, text in (files or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def http_service() -> Iterator[Callable[[type[BaseHTTPRequestHandler]], str]]:
    """``http_service(Handler)`` serves ``Handler`` on a free loopback port in a thread and
    gives its base URL; every server started is stopped when the test ends."""
    servers: list[ThreadingHTTPServer] = []

    def start(handler: type[BaseHTTPRequestHandler]) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
