"""The fixture service's own suite: it starts the real server in a thread."""

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from tinyapp import logic, migrate, server


@pytest.fixture
def base(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/test.db")
    migrate.migrate()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), server.Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def call(
    url: str, method: str = "GET", body: object = None, token: str | None = None, raw: bytes = b""
) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else raw
    request = urllib.request.Request(url, data=data or None, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    try:
        return status, json.loads(text)
    except json.JSONDecodeError:
        return status, text


def signed_in(base: str) -> str:
    creds = {"email": "a@example.com", "password": "secret-pass"}
    assert call(f"{base}/auth/register", "POST", creds)[0] == 201
    status, tokens = call(f"{base}/auth/login", "POST", creds)
    assert status == 200
    return str(tokens["access_token"])


def test_health_metrics_document(base: str) -> None:
    assert call(f"{base}/health") == (200, {"status": "ok"})
    assert call(f"{base}/metrics")[1].startswith("requests_total")
    assert call(f"{base}/openapi.json")[1]["openapi"] == "3.1.0"
    assert call(f"{base}/auth/oauth/google/authorize")[0] == 503
    assert call(f"{base}/nowhere")[0] == 404
    assert call(f"{base}/nowhere", "POST", {})[0] == 404
    assert call(f"{base}/items", "DELETE")[0] == 405


def test_register_login(base: str) -> None:
    token = signed_in(base)
    assert logic.user_of(token) == 1
    again = {"email": "a@example.com", "password": "secret-pass"}
    assert call(f"{base}/auth/register", "POST", again)[0] == 409
    wrong = {"email": "a@example.com", "password": "wrong-pass"}
    assert call(f"{base}/auth/login", "POST", wrong)[0] == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "nope", "password": "secret-pass"}, "email"),
        ({"email": "a@example.com", "password": "short"}, "password"),
        ({"email": "a@example.com", "password": 5}, "password"),
        ({"email": "a@example.com", "password": "secret-pass", "x": 1}, "x"),
        ([], "body"),
    ],
)
def test_register_validation(base: str, body: object, field: str) -> None:
    status, problem = call(f"{base}/auth/register", "POST", body)
    assert status == 422
    assert problem["errors"][0]["field"] == field


def test_malformed_json(base: str) -> None:
    assert call(f"{base}/auth/login", "POST", raw=b"{")[0] == 400


def test_items(base: str) -> None:
    token = signed_in(base)
    status, item = call(f"{base}/items", "POST", {"name": "first"}, token)
    assert status == 201
    assert call(f"{base}/items/{item['id']}", token=token) == (200, item)
    assert call(f"{base}/items", token=token) == (200, {"items": [item]})
    assert call(f"{base}/items/999", token=token)[0] == 404
    assert call(f"{base}/items/abc", token=token)[0] == 404
    assert call(f"{base}/items", "POST", {"name": ""}, token)[0] == 422


@pytest.mark.parametrize("path", ["/items", "/items/1"])
def test_items_need_a_token(base: str, path: str) -> None:
    assert call(f"{base}{path}")[0] == 401
    assert call(f"{base}{path}", token="1.forged")[0] == 401


def test_create_needs_a_token(base: str) -> None:
    assert call(f"{base}/items", "POST", {"name": "x"})[0] == 401


def test_server_errors_are_problems(base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("down")

    monkeypatch.setattr(logic, "connect", broken)
    token = logic.token_for(1)
    assert call(f"{base}/items", token=token)[0] == 500


def test_only_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/app")
    with pytest.raises(SystemExit):
        migrate.migrate()
