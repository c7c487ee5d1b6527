"""Helpers for the server tests: an app on a fresh SQLite file, signed-in clients.

``seed`` builds a workspace owned by alice, with bob as editor and carol as viewer, a
project with one valid spec version, and dave, who is in none of it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from infranest.server.app import create_app
from infranest.server.settings import Settings

SPEC = """project notes "Notes" {
  auth jwt
  database postgresql
}
entity Note "A note" {
  title: string
  body: text optional
}
"""
SPEC_V2 = SPEC.replace("  body: text optional\n", "  body: text optional\n  pinned: bool = false\n")
PASSWORD = "correct horse battery"


def settings(tmp_path: Path, **changes: Any) -> Settings:
    """Settings for a server whose database and data live in ``tmp_path``; no UI build."""
    base = Settings(
        database_url=f"sqlite:///{tmp_path / 'server.db'}",
        secret_key="t",
        data_dir=tmp_path / "data",
        web_dist=tmp_path / "no-web-build",
    )
    return replace(base, **changes)


def make_app(tmp_path: Path, **changes: Any) -> FastAPI:
    return create_app(settings(tmp_path, **changes))


def sign_up(app: FastAPI, email: str) -> TestClient:
    """A client signed in (by bearer token, no cookie) as a new user ``email``."""
    client = TestClient(app)
    response = client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    client.cookies.clear()
    return client


@dataclass
class World:
    owner: TestClient
    editor: TestClient
    viewer: TestClient
    outsider: TestClient
    anonymous: TestClient
    workspace: int
    project: int

    @property
    def versions(self) -> str:
        return f"/api/projects/{self.project}/versions"


def seed(app: FastAPI) -> World:
    owner = sign_up(app, "alice@example.com")
    editor = sign_up(app, "bob@example.com")
    viewer = sign_up(app, "carol@example.com")
    outsider = sign_up(app, "dave@example.com")
    workspace = owner.post("/api/workspaces", json={"name": "Team"}).json()["id"]
    for email, role in (("bob@example.com", "editor"), ("carol@example.com", "viewer")):
        added = owner.post(
            f"/api/workspaces/{workspace}/members", json={"email": email, "role": role}
        )
        assert added.status_code == 201, added.text
    project = owner.post(
        f"/api/workspaces/{workspace}/projects", json={"name": "Notes", "description": "n"}
    ).json()["id"]
    saved = owner.post(f"/api/projects/{project}/versions", json={"text": SPEC, "message": "v1"})
    assert saved.status_code == 201, saved.text
    return World(owner, editor, viewer, outsider, TestClient(app), workspace, project)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 (lifespan included); yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        assert thread.is_alive(), "server thread died"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def token_of(client: TestClient) -> str:
    return str(client.headers["Authorization"]).removeprefix("Bearer ")
