"""The black-box suite's all-or-nothing checks, against a small in-process service: a write
that sets a many-to-many list and then fails (422, a duplicate unique value, a stale
``version``, a missing row in the list) leaves the row, and the table, as they were."""

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
entity Tag {
  label: string(20) unique
}
entity Widget {
  name: string(20)
  code: string(20) unique
  tags: [Tag]
  optimistic_lock
}
"""

_TEXT = {"tags": ("label",), "widgets": ("name", "code")}
_UNIQUE = {"tags": "label", "widgets": "code"}


class _Store(BaseHTTPRequestHandler):
    """``/tags`` and ``/widgets`` kept in memory. ``atomic`` False is the bug under test:
    a write stores what it can (the row, its tag set) before the checks that fail it."""

    tables: dict[str, dict[int, dict[str, Any]]]
    atomic: bool

    def log_message(self, *args: Any) -> None:
        return

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _problem(self, status: int) -> None:
        self._answer(status, {"detail": "no", "errors": []})

    def _route(self) -> tuple[str, int | None]:
        parts = self.path.split("?")[0].strip("/").split("/")
        row = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        return parts[0], row

    def _body(self) -> Any:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}"
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _invalid(self, table: str, body: Any, creating: bool) -> bool:
        """Unknown keys, missing or overlong text, a malformed id list or version."""
        if not isinstance(body, dict):
            return True
        text = _TEXT[table]
        known = {*text, "tags_ids", "version"} if table == "widgets" else set(text)
        if set(body) - known or (creating and not set(text) <= set(body)):
            return True
        if "version" in body and (creating or not isinstance(body["version"], int)):
            return True
        if table == "widgets" and not creating and "version" not in body:
            return True
        ids = body.get("tags_ids", [])
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
            return True
        return any(not isinstance(body[k], str) or len(body[k]) > 20 for k in text if k in body)

    def _conflict(self, table: str, body: dict[str, Any], row_id: int | None) -> bool:
        """A unique value another row holds, or a tag that does not exist."""
        key = _UNIQUE[table]
        others = [r for i, r in self.tables[table].items() if i != row_id]
        taken = key in body and any(r[key] == body[key] for r in others)
        return taken or any(i not in self.tables["tags"] for i in body.get("tags_ids", []))

    def do_GET(self) -> None:
        table, row_id = self._route()
        rows = self.tables.get(table, {})
        if row_id is None and table in self.tables:
            items = [rows[i] for i in sorted(rows)]
            return self._answer(200, {"items": items, "total": len(items), "page": 1, "size": 50})
        return self._answer(200, rows[row_id]) if row_id in rows else self._problem(404)

    def do_POST(self) -> None:
        table, body = self._route()[0], self._body()
        if body is None:
            return self._problem(400)
        if table not in self.tables or self._invalid(table, body, True):
            return self._problem(422)
        rows = self.tables[table]
        row = {"id": max(rows, default=0) + 1, **{k: body[k] for k in _TEXT[table]}}
        if table == "widgets":
            row.update(tags_ids=sorted(body.get("tags_ids", [])), version=1)
        if not self.atomic:
            rows[row["id"]] = row
        if self._conflict(table, body, row["id"]):
            return self._problem(409)
        rows[row["id"]] = row
        return self._answer(201, row)

    def do_PATCH(self) -> None:
        (table, row_id), body = self._route(), self._body()
        row = self.tables.get(table, {}).get(row_id or 0)
        if body is None:
            return self._problem(400)
        if row is None:
            return self._problem(404)
        if not self.atomic and isinstance(body, dict) and isinstance(body.get("tags_ids"), list):
            row["tags_ids"] = sorted(body["tags_ids"])
        if self._invalid(table, body, False):
            return self._problem(422)
        if table == "widgets" and body["version"] != row["version"]:
            return self._problem(409)
        if self._conflict(table, body, row_id):
            return self._problem(409)
        row.update({k: v for k, v in body.items() if k != "version"})
        if table == "widgets":
            row.update(tags_ids=sorted(row["tags_ids"]), version=row["version"] + 1)
        return self._answer(200, row)

    def do_DELETE(self) -> None:
        table, row_id = self._route()
        if row_id not in self.tables.get(table, {}):
            return self._problem(404)
        del self.tables[table][row_id or 0]
        return self._answer(204)


class _Accounts:
    def __init__(self, url: str) -> None:
        self.url = url

    def sign_up(self, role: str | None) -> dict[str, str]:
        return {}

    def base_url(self) -> str:
        return self.url


@pytest.fixture
def serve(http_service: Callable[[type[BaseHTTPRequestHandler]], str]) -> Callable[[bool], str]:
    def start(atomic: bool) -> str:
        tables: dict[str, dict[int, dict[str, Any]]] = {"tags": {}, "widgets": {}}
        return http_service(type("Handler", (_Store,), {"tables": tables, "atomic": atomic}))

    return start


def _atomic_calls(atomic: bool, serve: Any) -> list[Call]:
    spec = load_text(SPEC, "t.nest").spec
    result = run_suite(spec, _Accounts(serve(atomic)))
    return [c for c in result.calls if c.check.startswith("atomic ")]


def test_failed_writes_that_leave_nothing_behind_pass(serve: Any) -> None:
    calls = _atomic_calls(True, serve)
    assert [(c.check, c.method, c.status) for c in calls] == [
        ("atomic update Widget read before", "GET", 200),
        ("atomic update Widget tags_ids and invalid name", "PATCH", 422),
        ("atomic update Widget tags_ids and invalid name then read", "GET", 200),
        ("atomic update Widget tags_ids and duplicate code", "PATCH", 409),
        ("atomic update Widget tags_ids and duplicate code then read", "GET", 200),
        ("atomic update Widget tags_ids and stale version", "PATCH", 409),
        ("atomic update Widget tags_ids and stale version then read", "GET", 200),
        ("atomic update Widget name and tags_ids naming a missing row", "PATCH", 409),
        ("atomic update Widget name and tags_ids naming a missing row then read", "GET", 200),
        ("atomic create Widget list before", "GET", 200),
        ("atomic create Widget tags_ids naming a missing row", "POST", 409),
        ("atomic create Widget tags_ids and duplicate code", "POST", 409),
        ("atomic create Widget list after", "GET", 200),
    ]
    assert all(c.ok for c in calls)


def test_a_failed_update_that_changed_the_set_is_a_deviation(serve: Any) -> None:
    calls = _atomic_calls(False, serve)
    wrong = [c for c in calls if not c.ok]
    assert [(c.check, c.status) for c in wrong] == [
        ("atomic update Widget tags_ids and invalid name then read", 200),
        ("atomic update Widget name and tags_ids naming a missing row then read", 200),
        ("atomic create Widget list after", 200),
    ]
    assert wrong[0].problem == (
        "the failed update (tags_ids and invalid name) changed the row: tags_ids: [] → [1]"
    )
    # Each check compares with the row as the previous one left it.
    assert wrong[1].problem.endswith("changed the row: tags_ids: [1] → [1, 999999999]")
    # Rows 1 and 2 are the suite's; 3 (a duplicate) and 4 (sent without a token) are
    # earlier creates this service kept.
    assert wrong[2].problem == "failed creates left rows behind: [5, 6]"
