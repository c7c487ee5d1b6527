"""The HTTP service: health, metrics, the contract document, auth and items."""

import argparse
import json
import os
import re
import sqlite3
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tinyapp import logic

DOCUMENT = Path(__file__).resolve().parents[1] / "openapi.json"
ITEM = re.compile(r"^/items/([^/]+)$")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"{self.command} {self.path}\n")

    def _send(self, status: int, body: object, media: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _problem(self, status: int, detail: str, field: str | None = None) -> None:
        errors = [{"field": field, "message": detail}] if field else []
        self._send(status, {"detail": detail, "errors": errors})

    def _json(self) -> object:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null")

    def _user(self) -> int | None:
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        return logic.user_of(token) if scheme.lower() == "bearer" else None

    def do_GET(self) -> None:
        self._dispatch(self._get)

    def do_POST(self) -> None:
        self._dispatch(self._post)

    def _not_allowed(self) -> None:
        self._problem(405, "method not allowed")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # any other method
            return self._not_allowed
        raise AttributeError(name)

    def _dispatch(self, route: Any) -> None:
        try:
            route(self.path.partition("?")[0])
        except (json.JSONDecodeError, UnicodeDecodeError):
            self._problem(400, "malformed JSON")
        except logic.Invalid as exc:
            self._problem(422, exc.message, exc.field)
        except Exception as exc:  # every other failure is the server's fault
            self._problem(500, f"internal error: {type(exc).__name__}")

    def _get(self, path: str) -> None:
        if path == "/health":
            self._send(200, {"status": "ok"})
        elif path == "/openapi.json":
            self._send(200, DOCUMENT.read_text(encoding="utf-8"))
        elif path == "/metrics":
            self._send(200, "requests_total 1\n", "text/plain; version=0.0.4")
        elif path.startswith("/auth/oauth/"):
            self._problem(503, "OAuth provider not configured")
        elif path == "/items":
            self._list_items()
        elif match := ITEM.match(path):
            self._read_item(match.group(1))
        else:
            self._problem(404, "not found")

    def _post(self, path: str) -> None:
        if path == "/auth/register":
            self._register()
        elif path == "/auth/login":
            self._login()
        elif path == "/items":
            self._create_item()
        else:
            self._problem(404, "not found")

    def _register(self) -> None:
        email, password = logic.credentials(self._json())
        with logic.connect() as db:
            try:
                cur = db.execute(
                    "INSERT INTO users (email, password) VALUES (?, ?)",
                    (email, logic.password_hash(password)),
                )
            except sqlite3.IntegrityError:
                self._problem(409, "email already registered", "email")
                return
        self._send(201, {"id": cur.lastrowid, "email": email})

    def _login(self) -> None:
        email, password = logic.credentials(self._json())
        with logic.connect() as db:
            row = db.execute("SELECT id, password FROM users WHERE email = ?", (email,)).fetchone()
        if row is None or row["password"] != logic.password_hash(password):
            self._problem(401, "invalid credentials")
            return
        token = logic.token_for(row["id"])
        self._send(200, {"access_token": token, "token_type": "bearer"})

    def _list_items(self) -> None:
        user = self._user()
        if user is None:
            self._problem(401, "not authenticated")
            return
        with logic.connect() as db:
            rows = db.execute(
                "SELECT id, name FROM items WHERE owner_id = ? ORDER BY id", (user,)
            ).fetchall()
        self._send(200, {"items": [dict(row) for row in rows]})

    def _create_item(self) -> None:
        user = self._user()
        if user is None:
            self._problem(401, "not authenticated")
            return
        name = logic.item_name(self._json())
        with logic.connect() as db:
            cur = db.execute("INSERT INTO items (name, owner_id) VALUES (?, ?)", (name, user))
        self._send(201, {"id": cur.lastrowid, "name": name})

    def _read_item(self, raw_id: str) -> None:
        user = self._user()
        if user is None:
            self._problem(401, "not authenticated")
            return
        row = None
        if raw_id.isdigit() and int(raw_id) < 2**63:
            with logic.connect() as db:
                row = db.execute(
                    "SELECT id, name FROM items WHERE id = ? AND owner_id = ?", (int(raw_id), user)
                ).fetchone()
        if row is None:
            self._problem(404, "not found")
            return
        self._send(200, dict(row))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"tinyapp pid {os.getpid()} listening on 127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
