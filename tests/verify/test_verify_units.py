"""The parts of verify that need no child process: loading, hashing, sign-in bodies,
parsing schemathesis reports, the report's JSON form."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from verify_support import MakeProject

from infranest.verify import NotAProjectError, Options, load_project
from infranest.verify.auth import sample
from infranest.verify.fuzz import _case_findings
from infranest.verify.project import fuzz_role, toolchain
from infranest.verify.report import Finding, StepResult, VerifyReport, tail
from infranest.verify.steps import HASH_FILE, requirements_hash, setup


def test_load_project_reads_tool_infranest(make_project: MakeProject) -> None:
    project = load_project(make_project())
    assert project.target == "fastapi"
    assert project.package == "tinyapp"
    assert project.migrate == ("python", "-m", "tinyapp.migrate")
    assert project.serve[-1] == "{port}"


def test_not_a_project_names_everything_missing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(NotAProjectError) as caught:
        load_project(tmp_path)
    missing = " | ".join(caught.value.missing)
    for expected in (".infranest/manifest.json", "[tool.infranest]", "requirements-dev.txt"):
        assert expected in missing
    assert "openapi.json" in missing


def test_serve_needs_a_port_placeholder(make_project: MakeProject) -> None:
    root = make_project(edits={"pyproject.toml": [('"--port", "{port}"', '"--port", "8000"')]})
    with pytest.raises(NotAProjectError) as caught:
        load_project(root)
    assert caught.value.missing == [
        "[tool.infranest].serve (a command list with a {port} placeholder)"
    ]


def test_requirements_hash_follows_included_files(make_project: MakeProject) -> None:
    root = make_project()
    before = requirements_hash(root, "3.11")
    assert requirements_hash(root, "3.11") == before
    assert requirements_hash(root, "3.12") != before
    (root / "requirements.txt").write_text("requests>=2\n")  # included with -r
    assert requirements_hash(root, "3.11") != before


def test_setup_reuses_a_venv_whose_requirements_are_unchanged(make_project: MakeProject) -> None:
    root = make_project()
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")  # never run: the hash says nothing changed
    (root / ".venv" / HASH_FILE).write_text(requirements_hash(root, sys.version) + "\n")
    result, chain = setup(load_project(root), Options())
    assert (result.status, result.counts) == ("passed", {"reused": 1})
    assert chain is not None
    assert chain.python == python


def test_toolchain_prefers_the_environments_scripts(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "uvicorn").write_text("#!/bin/sh\n")
    (bin_dir / "uvicorn").chmod(0o755)
    chain = toolchain(bin_dir / "python")
    assert chain.tool("uvicorn") == [str(bin_dir / "uvicorn")]
    assert chain.tool("bandit") == [str(bin_dir / "python"), "-m", "bandit"]
    assert chain.command(("uvicorn", "--port", "{port}"), 8123) == [
        str(bin_dir / "uvicorn"),
        "--port",
        "8123",
    ]
    assert chain.command(("gunicorn", "-b", "127.0.0.1:{port}"), 9) == [
        "gunicorn",
        "-b",
        "127.0.0.1:9",
    ]
    assert chain.env["PATH"].startswith(str(bin_dir))
    assert not any(key.startswith("PYTEST_") for key in chain.env)


def test_register_body_fills_required_keys_from_the_contract() -> None:
    document = {
        "components": {
            "schemas": {
                "Role": {"type": "string", "enum": ["staff", "customer"]},
                "RegisterRequest": {
                    "type": "object",
                    "properties": {
                        "email": {"type": "string", "format": "email"},
                        "name": {"type": "string", "minLength": 3},
                        "role": {"$ref": "#/components/schemas/Role"},
                        "age": {"type": ["integer", "null"], "minimum": 18},
                        "born": {"type": "string", "format": "date"},
                        "nickname": {"type": "string"},
                        "handle": {"type": "string", "pattern": "^[a-z0-9_]{3,30}$"},
                        "sku": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]+$"},
                    },
                    "required": ["email", "name", "role", "age", "born", "handle", "sku"],
                },
            }
        }
    }
    body = sample(document, {"$ref": "#/components/schemas/RegisterRequest"})
    assert body == {
        "email": "verify@example.com",
        "name": "xxx",
        "role": "staff",
        "age": 18,
        "born": "2024-01-01",
        "handle": body["handle"],
        "sku": body["sku"],
    }
    assert re.fullmatch("[a-z0-9_]{3,30}", body["handle"])
    assert re.fullmatch("[A-Z]{2}-[0-9]+", body["sku"])


_SCHEMATHESIS_FAILURES = """1. Test Case ID: 2tqtOn

- ST108 Response violates schema

    "1" is not of type "integer"

    Validated against the response schema for status code 201.

    Schema at /properties/id:

        {
            "type": "integer"
        }

[201] Created:

    `{"id": "1", "name": "x"}`

Reproduce with:

    curl -X POST -H 'Content-Type: application/json' -d '{"name": "x"}' http://127.0.0.1:5/items

2. Test Case ID: 3mOZoo

- ST101 Server error

[500] Internal Server Error:

    `{"detail": "internal error", "errors": []}`

Reproduce with:

    curl -X GET -H 'Authorization: [Filtered]' http://127.0.0.1:5/items/9223372036854775808

    st replay 3mOZoo
"""


def test_schemathesis_failure_text_becomes_findings() -> None:
    schema, server = _case_findings("POST /items", "failure", _SCHEMATHESIS_FAILURES)
    assert schema == Finding(
        "POST /items",
        "ST108 Response violates schema",
        '[201] Created "1" is not of type "integer" (Schema at /properties/id) '
        'body: {"id": "1", "name": "x"}',
        example="curl -X POST -H 'Content-Type: application/json' -d '{\"name\": \"x\"}' "
        "http://127.0.0.1:5/items",
    )
    assert (server.code, server.message) == (
        "ST101 Server error",
        '[500] Internal Server Error body: {"detail": "internal error", "errors": []}',
    )
    assert server.example == (
        "curl -X GET -H 'Authorization: [Filtered]' http://127.0.0.1:5/items/9223372036854775808"
    )


def test_report_json_shape_and_verdict() -> None:
    steps = (
        StepResult("setup", "passed", "reused", 0.5, {"reused": 1}),
        StepResult("lint", "skipped", "skipped on request"),
        StepResult(
            "security",
            "failed",
            "1 medium/high finding(s)",
            1.25,
            {"high": 0, "medium": 1, "low": 0},
            (Finding("app/x.py:3", "B307", "eval", severity="MEDIUM"),),
            "MEDIUM app/x.py:3: B307 eval",
        ),
    )
    report = VerifyReport("/p", "fastapi", "/p/.venv/bin/python", steps, 2.0)
    data = json.loads(json.dumps(report.to_json()))
    assert data["passed"] is False
    assert data["steps"][2]["findings"] == [
        {"location": "app/x.py:3", "code": "B307", "message": "eval", "severity": "MEDIUM"}
    ]
    assert set(data["steps"][0]) == {
        "name",
        "status",
        "summary",
        "duration",
        "counts",
        "findings",
        "output",
    }
    assert VerifyReport("/p", "t", "", steps[:2], 1.0).passed  # skipped is not failed


def test_tail_keeps_the_last_lines() -> None:
    assert tail("\n".join(str(n) for n in range(100)) + "\n", 3) == "97\n98\n99"


@pytest.mark.parametrize(
    ("roles", "asked", "expected"),
    [
        ("support, admin, member", None, "admin"),
        ("moderator, member", None, "moderator"),
        ("moderator, member", "member", "member"),
        ("moderator, member", "", None),  # keep the service's own DEFAULT_ROLE
    ],
)
def test_the_fuzzing_user_role(
    make_project: MakeProject, roles: str, asked: str | None, expected: str | None
) -> None:
    spec = f"project p {{\n  auth jwt\n  roles {roles}\n}}\n"
    root = make_project(files={".infranest/spec.nest": spec})
    assert fuzz_role(root, Options(role=asked)) == expected


def test_no_spec_copy_no_role(make_project: MakeProject) -> None:
    assert fuzz_role(make_project(), Options()) is None


def test_two_sign_ins_do_not_collide_on_a_unique_register_field() -> None:
    """A service whose register body has a unique ``handle`` (max 12 characters) accepts two
    users signed in one after the other: the text values differ per call."""
    import http.server
    import json
    import threading

    from infranest.verify.auth import sign_in

    handles: list[str] = []

    class Service(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            status, answer = 200, {"access_token": "t", "refresh_token": "r"}
            if self.path == "/auth/register":
                taken = body["handle"] in handles or len(body["handle"]) > 12
                handles.append(body["handle"])
                status, answer = (409, {"detail": "taken"}) if taken else (201, {"id": 1})
            raw = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            return

    document = {
        "paths": {
            "/auth/login": {"post": {}},
            "/auth/register": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["email", "password", "handle", "plan"],
                                    "properties": {
                                        "email": {"type": "string", "format": "email"},
                                        "password": {"type": "string", "minLength": 12},
                                        "handle": {"type": "string", "maxLength": 12},
                                        "plan": {"type": "string", "enum": ["free", "pro"]},
                                    },
                                }
                            }
                        }
                    }
                }
            },
        }
    }
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        first, second = sign_in(url, document), sign_in(url, document)
    finally:
        server.shutdown()
    assert first.kind == second.kind == "bearer"
    assert len(handles) == 2
    assert handles[0] != handles[1]


def test_patterned_register_text_varies_when_a_token_matches() -> None:
    """A unique ``handle`` with a pattern (social.nest) differs per sign-in and still
    matches; a pattern no random token matches keeps the matching sample."""
    from infranest.verify.auth import _vary_text

    props = {
        "handle": {"type": "string", "maxLength": 30, "pattern": "^[a-z0-9_]{3,30}$"},
        "sku": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]+$"},
    }
    bodies = [{"handle": "000", "sku": "AA-0"} for _ in range(2)]
    for body in bodies:
        _vary_text({}, props, body)
    assert bodies[0]["handle"] != bodies[1]["handle"]
    assert all(re.fullmatch("[a-z0-9_]{3,30}", b["handle"]) for b in bodies)
    assert [b["sku"] for b in bodies] == ["AA-0", "AA-0"]
