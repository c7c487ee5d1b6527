"""Helpers for the server tests: an app on a fresh SQLite file, signed-in clients.

``seed`` builds a workspace owned by alice, with bob as editor and carol as viewer, a
project with one valid spec version, and dave, who is in none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


def make_app(tmp_path: Path) -> FastAPI:
    return create_app(Settings(database_url=f"sqlite:///{tmp_path / 'server.db'}", secret_key="t"))


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
