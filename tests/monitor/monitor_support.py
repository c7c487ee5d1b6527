"""Shared pieces of the monitor ingestion tests: a schema, stores to run against (DuckDB
always; PostgreSQL when INFRANEST_TEST_DATABASE_URL names a server), a served API."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from infranest.monitor.schema import ColumnSpec, ModelSchema
from infranest.verify.server import Server, free_port

POSTGRES = os.environ.get("INFRANEST_TEST_DATABASE_URL")

SCHEMA = ModelSchema(
    model="churn",
    version="1",
    columns=(
        ColumnSpec(name="age", minimum=0, maximum=120),
        ColumnSpec(name="plan", kind="categorical", categories=("free", "pro")),
        ColumnSpec(name="active", kind="boolean"),
        ColumnSpec(name="region", kind="categorical", role="segment"),
        ColumnSpec(name="score", role="score", nullable=False),
        ColumnSpec(name="churned", kind="boolean", role="label"),
    ),
)


def event(n: int, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": f"e{n}",
        "timestamp": f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}Z",
        "age": 20 + n % 50,
        "plan": "pro" if n % 3 else "free",
        "active": n % 2 == 0,
        "region": "eu" if n % 2 else "us",
        "score": (n % 100) / 100,
    }
    base.update(extra)
    return base


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A new, empty database on the test server (dropped afterwards)."""
    assert POSTGRES is not None
    name = f"monitor_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = POSTGRES.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def post(url: str, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    sent = {"Content-Type": "application/json", **(headers or {})}
    request = urllib.request.Request(url, data=data, headers=sent, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def serve(store: str, log: Path, *extra: str, port: int | None = None) -> Server:
    """``infranest monitor serve`` as a child process (start it with ``with``)."""
    chosen = port or free_port()
    command = [
        str(Path(sys.executable).parent / "infranest"),
        "monitor",
        "serve",
        "--store",
        store,
        "--port",
        str(chosen),
        *extra,
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_", "PYTEST_"))}
    return Server(command, port=chosen, cwd=log.parent, env=env, log=log)
