"""The optional LLM path, against a real local server speaking the chat-completions protocol."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from infranest.cli import intake_cmds
from infranest.intake.llm import LLMConfig, propose
from infranest.intake.session import start


class ChatServer:
    """An OpenAI-compatible endpoint whose reply content the test sets."""

    def __init__(self) -> None:
        self.reply: str = "{}"
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                server.requests.append(json.loads(self.rfile.read(length)))
                server.headers.append(dict(self.headers))
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                body = json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": server.reply},
                                "finish_reason": "stop",
                            }
                        ],
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ChatServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with ChatServer() as s:
        yield s


LIBRARY: dict[str, Any] = {
    "project": {"name": "library", "description": "A lending library"},
    "enums": [{"name": "LoanState", "values": [{"name": "open"}, {"name": "returned"}]}],
    "entities": [
        {
            "name": "Book",
            "fields": [
                {"name": "title", "type": "string", "length": 200},
                {"name": "isbn", "type": "string", "length": 13, "unique": True},
            ],
            "timestamps": True,
        },
        {
            "name": "Loan",
            "fields": [
                {
                    "name": "book",
                    "type": "relation",
                    "target": "Book",
                    "cardinality": "many_to_one",
                },
                {"name": "state", "type": "enum", "enum": "LoanState"},
                {"name": "due", "type": "date"},
            ],
        },
    ],
}


def _config(server: ChatServer) -> LLMConfig:
    return LLMConfig(url=server.url, model="test-model", api_key="secret-key", timeout=5)


def test_a_valid_proposal_is_accepted(server: ChatServer) -> None:
    server.reply = json.dumps(LIBRARY)
    proposal = propose("a lending library", _config(server))
    assert proposal.diagnostics == []
    assert proposal.draft is not None
    assert list(proposal.draft.entities) == ["Book", "Loan"]
    sent = server.requests[0]
    assert sent["model"] == "test-model"
    assert sent["messages"][-1]["content"] == "a lending library"
    assert server.headers[0]["Authorization"] == "Bearer secret-key"
    session = start("a lending library", base_draft=proposal.draft)
    spec = session.spec()
    loan = spec.entity("Loan")
    assert loan is not None
    assert loan.field("state") is not None
    assert spec.enum_def("LoanState") is not None


def test_invalid_parts_are_dropped_with_warnings(server: ChatServer) -> None:
    broken = json.loads(json.dumps(LIBRARY))
    broken["entities"][0]["fields"].append({"name": "price", "type": "money"})
    broken["entities"][1]["fields"].append(
        {"name": "member", "type": "relation", "target": "Member", "cardinality": "many_to_one"}
    )
    broken["entities"].append({"name": "Shelf", "fields": "not a list"})
    server.reply = "```json\n" + json.dumps(broken) + "\n```"
    proposal = propose("a lending library", _config(server))
    assert proposal.spec is not None
    book, loan = proposal.spec.entity("Book"), proposal.spec.entity("Loan")
    assert book is not None
    assert book.field("price") is None
    assert book.field("title") is not None
    assert loan is not None
    assert loan.field("member") is None
    assert proposal.spec.entity("Shelf") is None
    messages = " ".join(d.message for d in proposal.diagnostics)
    assert "Book.price" in messages
    assert "Loan.member" in messages
    assert "Shelf" in messages
    assert all(d.code == "llm-dropped" for d in proposal.diagnostics)


@pytest.mark.parametrize(
    "reply",
    ["I think you want a library.", json.dumps({"entities": [{"name": "x", "fields": 3}]}), "[]"],
)
def test_a_proposal_with_nothing_valid_is_rejected(server: ChatServer, reply: str) -> None:
    server.reply = reply
    proposal = propose("a lending library", _config(server))
    assert proposal.draft is None
    assert proposal.diagnostics[-1].code == "llm-rejected"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_down_falls_back_to_offline_extraction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFRANEST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("INFRANEST_LLM_URL", f"http://127.0.0.1:{_free_port()}/v1")
    app = typer.Typer()
    intake_cmds.register(app)
    out = tmp_path / "shop.nest"
    result = CliRunner().invoke(
        app, ["new", "an online shop with products and orders", "-o", str(out), "--no-input"]
    )
    assert result.exit_code == 0, result.output
    assert "llm-unavailable" in result.output
    assert "entity Product" in out.read_text()


def test_cli_uses_the_configured_endpoint(
    server: ChatServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.reply = json.dumps(LIBRARY)
    monkeypatch.setenv("INFRANEST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("INFRANEST_LLM_URL", server.url)
    monkeypatch.setenv("INFRANEST_LLM_MODEL", "local")
    app = typer.Typer()
    intake_cmds.register(app)
    out = tmp_path / "library.nest"
    result = CliRunner().invoke(app, ["new", "a lending library", "-o", str(out), "--no-input"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "entity Book" in text
    assert "entity Loan" in text
    assert server.requests[0]["model"] == "local"
