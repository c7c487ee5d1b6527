"""End to end, as a user runs it: `infranest generate` then `infranest verify` for real
specs, per target: the generated tests pass with coverage, the linters and security scanners
are clean, the deployment files pass checkov (first spec of each target), and schemathesis
finds nothing against the running service; the Python targets once on a real PostgreSQL.

Slow (pip installs, servers): marked ``slow``. CI runs them with PostgreSQL started by
``scripts/postgres.sh`` (its URL in ``INFRANEST_TEST_DATABASE_URL``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infranest.cli.app import app

ROOT = Path(__file__).parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SPECS = (
    ROOT / "examples" / "shop.nest",
    CORPUS / "sql" / "chinook-postgres-schema.sql",
    CORPUS / "jdl" / "blog.jh",
)
SHOP = SPECS[:1]
# Three specs for the Python targets (the last on PostgreSQL); one for the others.
VERIFIED: dict[str, tuple[Path, ...]] = {
    "fastapi": SPECS,
    "django": SPECS,
    "fiber": SHOP,
    "rails": SHOP,
    "express": SHOP,
}
PYTHON_TARGETS = frozenset({"fastapi", "django"})
POSTGRES = os.environ.get("INFRANEST_TEST_DATABASE_URL")


def _fresh_database(url: str) -> str:
    """A new empty database on the server at ``url``; its URL."""
    name = f"verify_{uuid.uuid4().hex[:10]}"
    psql = shutil.which("psql")
    assert psql, "psql is needed to create the test database"
    subprocess.run([psql, url, "-qc", f"create database {name}"], check=True)
    return url.rsplit("/", 1)[0] + f"/{name}"


def _verify(project: Path, *extra: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["verify", str(project), "--json", *extra])
    report: dict[str, object] = json.loads(result.stdout)
    failed = [s for s in report["steps"] if s["status"] == "failed"]  # type: ignore[attr-defined]
    assert result.exit_code == 0, json.dumps(failed, indent=2)[:6000]
    return report


@pytest.mark.slow
@pytest.mark.parametrize("target", list(VERIFIED))
def test_generate_then_verify(target: str, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    if os.environ.get("CI") and not POSTGRES:
        pytest.fail("CI must start PostgreSQL (scripts/postgres.sh) for this test")
    python: str | None = None
    specs = VERIFIED[target]
    for index, spec in enumerate(specs):
        project = tmp_path / spec.stem
        generated = CliRunner().invoke(
            app, ["generate", str(spec), "--target", target, "-o", str(project)]
        )
        assert generated.exit_code == 0, generated.output
        extra = ["--python", python] if python else []
        if index > 0:
            extra += ["--skip", "deploy"]  # the same deploy/ as the first, but for names
        if POSTGRES and target in PYTHON_TARGETS and index == len(specs) - 1:
            extra += ["--database-url", _fresh_database(POSTGRES)]
        report = _verify(project, *extra)
        assert report["passed"] is True
        if python is None and target in PYTHON_TARGETS:
            # The first project was set up by verify itself; the others reuse its interpreter.
            python = str(project / ".venv" / "bin" / "python")
