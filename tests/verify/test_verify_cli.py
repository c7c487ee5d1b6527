"""``infranest verify`` as a command: exit codes, the JSON report, the table, and stopping
everything when it is terminated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import typer
from typer.testing import CliRunner
from verify_support import PYTHON, MakeProject, alive, needs_tools, pids_in

from infranest.cli import verify_cmds
from infranest.verify.api import SERVER_LOG

runner = CliRunner()


def _app() -> typer.Typer:
    """The main app once ``verify`` is registered there; a one-command app until then."""
    from infranest.cli.app import app

    if any(c.name == "verify" for c in app.registered_commands):
        return app
    local = typer.Typer()
    verify_cmds.register(local)

    @local.callback()
    def _root() -> None:
        """The test's stand-in for the main app."""

    return local


def _wait_until_gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(alive(pid) for pid in pids)


@needs_tools
def test_a_passing_project_passes_every_step_and_reports_json(make_project: MakeProject) -> None:
    root = make_project()
    result = runner.invoke(
        _app(), ["verify", str(root), "--python", str(PYTHON), "--max-examples", "5", "--json"]
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 0, json.dumps(report, indent=1)
    assert report["format"] == "infranest-verify/1"
    assert (report["passed"], report["target"], report["project"]) == (True, "fastapi", str(root))
    steps = {step["name"]: step for step in report["steps"]}
    assert list(steps) == ["setup", "tests", "lint", "security", "deploy", "api"]
    deploy = steps.pop("deploy")  # the fixture has no Dockerfile and no deploy/ folder
    assert (deploy["status"], deploy["summary"]) == (
        "skipped",
        "no deploy/ folder and no Dockerfile",
    )
    assert {step["status"] for step in steps.values()} == {"passed"}
    for step in steps.values():
        assert set(step) == {
            "name",
            "status",
            "summary",
            "duration",
            "counts",
            "findings",
            "output",
        }
        assert isinstance(step["duration"], float)
    assert steps["tests"]["counts"]["passed"] == 14
    assert steps["tests"]["counts"]["coverage"] >= 90
    assert steps["security"]["counts"] == {"high": 0, "medium": 0, "low": 1}
    assert steps["security"]["findings"][0]["code"] == "B105"
    api = steps["api"]["counts"]
    assert (api["operations_tested"], api["failures"]) == (6, 0)  # oauth and /metrics excluded
    assert api["test_cases"] > 6
    assert "(bearer)" in steps["api"]["output"]
    assert (root / ".infranest" / "coverage.json").is_file()
    pids = pids_in(root / SERVER_LOG)
    assert pids
    assert _wait_until_gone(pids)


@needs_tools
def test_a_failing_step_exits_1_and_the_table_names_it(make_project: MakeProject) -> None:
    root = make_project(files={"tinyapp/sloppy.py": "import os\n"})
    args = ["verify", str(root), "--python", str(PYTHON)]
    result = runner.invoke(_app(), [*args, "--skip", "tests", "--skip", "api"])
    assert result.exit_code == 1
    assert "lint: 1 ruff finding(s)" in result.stdout
    assert "tinyapp/sloppy.py:1: F401" in result.stdout
    assert "skipped on request" in result.stdout


def test_a_folder_that_is_not_a_project_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["verify", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not a generated project" in result.stderr
    assert ".infranest/manifest.json" in result.stderr
    assert "pyproject.toml" in result.stderr


def test_an_unknown_step_is_a_usage_error(make_project: MakeProject) -> None:
    result = runner.invoke(_app(), ["verify", str(make_project()), "--skip", "docs"])
    assert result.exit_code == 2


_RUN_CLI = """
import sys, typer
from infranest.cli import verify_cmds
app = typer.Typer()
verify_cmds.register(app)
app.callback()(lambda: None)
sys.argv = ["infranest", *sys.argv[1:]]
app()
"""


@needs_tools
def test_terminating_verify_stops_the_service(make_project: MakeProject) -> None:
    root = make_project(
        edits={
            "tinyapp/server.py": [('self._send(200, {"status": "ok"})', "self._problem(503, 'no')")]
        }
    )
    argv = [sys.executable, "-c", _RUN_CLI, "verify", str(root), "--python", str(PYTHON)]
    argv += ["--skip", "tests", "--skip", "lint", "--skip", "security"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    log = root / SERVER_LOG
    deadline = time.monotonic() + 30
    while not (log.is_file() and pids_in(log)) and time.monotonic() < deadline:
        time.sleep(0.1)
    pids = pids_in(log)
    assert pids, "the service never started"
    assert alive(pids[0])
    os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"interrupted" in stderr
    assert _wait_until_gone(pids)
