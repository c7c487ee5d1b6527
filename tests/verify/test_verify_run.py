"""verify against the real fixture service, run with InfraNest's own interpreter
(``--python``): each kind of defect fails the step that owns it, and no process is left."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from verify_support import PYTHON, MakeProject, alive, needs_tools, pids_in

from infranest.verify import Options, verify
from infranest.verify.api import SERVER_LOG

pytestmark = needs_tools

ONLY_API = frozenset({"tests", "lint", "security"})
SERVER = "tinyapp/server.py"


def _options(**kw: object) -> Options:
    """InfraNest's interpreter for the fixture, and few examples: the machine may be busy."""
    return replace(Options(python=PYTHON, max_examples=5), **kw)


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(alive(pid) for pid in pids)


def test_a_failing_test_fails_tests(make_project: MakeProject) -> None:
    root = make_project(
        edits={"tests/test_app.py": [("assert logic.user_of(token) == 1", "assert False")]}
    )
    report = verify(root, _options(skip=frozenset({"lint", "security", "deploy", "api"})))
    step = report.step("tests")
    assert step.status == "failed"
    assert (step.counts["passed"], step.counts["failed"]) == (13, 1)
    assert [f.location for f in step.findings] == ["tests.test_app::test_register_login"]
    assert not report.passed


def test_low_coverage_fails_tests_and_the_threshold_is_an_option(
    make_project: MakeProject,
) -> None:
    lines = "".join(f"def unused_{n}(x: int) -> int:\n    return x + {n}\n\n\n" for n in range(40))
    root = make_project(files={"tinyapp/unused.py": lines})
    options = _options(skip=frozenset({"lint", "security", "deploy", "api"}))
    step = verify(root, options).step("tests")
    assert step.status == "failed"
    assert step.counts["failed"] == 0
    assert 50 < float(step.counts["coverage"]) < 90
    assert "coverage" in step.summary
    lenient = replace(options, min_coverage=50.0)
    assert verify(root, lenient).step("tests").status == "passed"


def test_a_medium_bandit_finding_fails_security(make_project: MakeProject) -> None:
    danger = "def evaluate(text: str) -> object:\n    return eval(text)\n"
    root = make_project(files={"tinyapp/danger.py": danger})
    step = verify(root, _options(skip=frozenset({"tests", "lint", "api"}))).step("security")
    assert step.status == "failed"
    assert step.counts["medium"] == 1
    assert step.counts["low"] == 1  # the fixture's own low finding is counted, not failing
    first = step.findings[0]
    assert (first.location, first.code, first.severity) == ("tinyapp/danger.py:2", "B307", "MEDIUM")


def test_a_lint_finding_fails_lint(make_project: MakeProject) -> None:
    root = make_project(files={"tinyapp/sloppy.py": "import os\n"})
    step = verify(root, _options(skip=frozenset({"tests", "security", "deploy", "api"}))).step(
        "lint"
    )
    assert step.status == "failed"
    assert step.counts["findings"] == 1
    assert [(f.location, f.code) for f in step.findings] == [("tinyapp/sloppy.py:1", "F401")]


def test_a_server_error_is_caught_by_api(make_project: MakeProject) -> None:
    broken = '{"items": [dict(row) for row in rows], "broken": 1 // 0}'
    root = make_project(edits={SERVER: [('{"items": [dict(row) for row in rows]}', broken)]})
    report = verify(root, _options(skip=ONLY_API))
    step = report.step("api")
    assert step.status == "failed"
    assert step.counts["operations_tested"] == 6
    failing = [f for f in step.findings if f.location == "GET /items"]
    assert failing, step.findings
    assert "500" in failing[0].message
    assert failing[0].example is not None
    assert failing[0].example.startswith("curl -X GET")
    assert _gone(pids_in(root / SERVER_LOG))


def test_a_service_that_never_gets_healthy_is_reported_with_its_output(
    make_project: MakeProject,
) -> None:
    root = make_project(
        edits={
            SERVER: [
                ('self._send(200, {"status": "ok"})', 'self._problem(503, "database is down")'),
                (
                    "    server.serve_forever()",
                    '    print("cannot reach the database", flush=True)\n'
                    "    server.serve_forever()",
                ),
            ]
        }
    )
    step = verify(root, _options(skip=ONLY_API, health_timeout=2.0)).step("api")
    assert step.status == "failed"
    assert "GET /health did not answer 200 within 2 s (last: 503" in step.summary
    assert "cannot reach the database" in step.output
    pids = pids_in(root / SERVER_LOG)
    assert pids
    assert _gone(pids)


def test_a_service_that_exits_is_reported_with_its_output(make_project: MakeProject) -> None:
    crash = 'raise SystemExit("SECRET_KEY is the example default")'
    root = make_project(edits={SERVER: [("    port = parser.parse_args().port", f"    {crash}")]})
    step = verify(root, _options(skip=ONLY_API)).step("api")
    assert step.status == "failed"
    assert "exited with 1 before it was healthy" in step.summary
    assert "SECRET_KEY is the example default" in step.output


def test_a_failing_migration_fails_api(make_project: MakeProject) -> None:
    root = make_project(edits={"tinyapp/migrate.py": [("CREATE TABLE IF", "CREATE TABEL IF")]})
    step = verify(root, _options(skip=ONLY_API)).step("api")
    assert step.status == "failed"
    assert step.summary.startswith("migrate:")
    assert "syntax error" in step.output


def test_a_broken_setup_skips_the_other_steps(make_project: MakeProject) -> None:
    report = verify(make_project(), Options(python=Path("/nonexistent/python")))
    assert [s.status for s in report.steps] == ["failed"] + ["skipped"] * 5
    assert report.steps[1].summary == "setup failed"
