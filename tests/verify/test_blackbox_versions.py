"""The black-box suite's optimistic-lock checks, against a small in-process service: every
update answers the next ``version``, also one that changes nothing; a stale one → 409."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from infranest.spec.loader import load_text
from infranest.verify.blackbox import run_suite
from infranest.verify.blackbox_http import Call

SPEC = """project t "T" {
}
entity Widget {
  name: string
  optimistic_lock
}
"""


class _Widgets(BaseHTTPRequestHandler):
    """``/widgets`` kept in memory; ``bump_unchanged`` False is the bug under test (an
    update that changes nothing keeps its version)."""

    rows: dict[int, dict[str, Any]]
    bump_unchanged: bool

    def log_message(self, *args: Any) -> None:
        return

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any] | None:
        """The JSON object sent; None (after answering 400 or 422) for anything else."""
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}"
        try:
            body = json.loads(raw)
        except ValueError:
            self._answer(400, {"detail": "malformed JSON", "errors": []})
            return None
        if not isinstance(body, dict):
            self._answer(422, {"detail": "not an object", "errors": []})
            return None
        return body

    def _row(self) -> dict[str, Any] | None:
        tail = self.path.split("?")[0].removeprefix("/widgets/")
        return self.rows.get(int(tail)) if tail.isdigit() else None

    def do_GET(self) -> None:
        if self.path == "/auth/me":
            return self._answer(200, {"id": 1})
        if self.path.split("?")[0] == "/widgets":
            items = sorted(self.rows.values(), key=lambda r: r["id"])
            return self._answer(200, {"items": items, "total": len(items), "page": 1, "size": 50})
        row = self._row()
        return self._answer(200, row) if row else self._answer(404, {"detail": "", "errors": []})

    def do_POST(self) -> None:
        body = self._body()
        if body is None:
            return None
        if self.path != "/widgets" or not isinstance(body.get("name"), str):
            return self._answer(422, {"detail": "", "errors": []})
        row = {"id": len(self.rows) + 1, "name": body["name"], "version": 1}
        self.rows[row["id"]] = row
        return self._answer(201, row)

    def do_PATCH(self) -> None:
        row, body = self._row(), self._body()
        if body is None:
            return None
        if row is None:
            return self._answer(404, {"detail": "", "errors": []})
        if not isinstance(body.get("version"), int) or set(body) - {"name", "version"}:
            return self._answer(422, {"detail": "", "errors": []})
        if body["version"] != row["version"]:
            return self._answer(409, {"detail": "stale", "errors": []})
        changed = "name" in body and body["name"] != row["name"]
        row["name"] = body.get("name", row["name"])
        row["version"] += 1 if changed or self.bump_unchanged else 0
        return self._answer(200, row)

    def do_DELETE(self) -> None:
        row = self._row()
        if row is None:
            return self._answer(404, {"detail": "", "errors": []})
        del self.rows[row["id"]]
        return self._answer(204)


class _Accounts:
    def __init__(self, url: str) -> None:
        self.url = url

    def sign_up(self, role: str | None) -> dict[str, str]:
        return {"Authorization": "Bearer t"}

    def base_url(self) -> str:
        return self.url


@pytest.fixture
def serve(http_service: Callable[[type[BaseHTTPRequestHandler]], str]) -> Callable[[bool], str]:
    def start(bump_unchanged: bool) -> str:
        attributes = {"rows": {}, "bump_unchanged": bump_unchanged}
        return http_service(type("Handler", (_Widgets,), attributes))

    return start


def _updates(bump_unchanged: bool, serve: Any) -> list[Call]:
    spec = load_text(SPEC, "t.nest").spec
    result = run_suite(spec, _Accounts(serve(bump_unchanged)))
    return [c for c in result.calls if c.check.startswith("update Widget")]


def test_updates_that_bump_the_version_pass(serve: Any) -> None:
    calls = _updates(True, serve)
    assert [(c.check, c.status, c.ok) for c in calls] == [
        ("update Widget", 200, True),
        ("update Widget unchanged", 200, True),
        ("update Widget stale version", 409, True),
    ]


def test_an_unchanged_update_that_keeps_its_version_is_a_deviation(serve: Any) -> None:
    calls = _updates(False, serve)
    unchanged = next(c for c in calls if c.check == "update Widget unchanged")
    assert unchanged.status == 200
    assert not unchanged.ok
    assert unchanged.problem == "version: sent 2, answered 2, not 3"
