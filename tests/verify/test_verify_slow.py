"""verify as users run it: a fresh ``.venv`` with the project's dev requirements installed
by pip (network), then reused while the requirements do not change."""

from __future__ import annotations

import pytest
from verify_support import MakeProject

from infranest.verify import Options, verify
from infranest.verify.steps import HASH_FILE

pytestmark = pytest.mark.slow


def test_fresh_venv_then_reuse_until_requirements_change(make_project: MakeProject) -> None:
    root = make_project()
    report = verify(root, Options(max_examples=5))
    assert [(s.name, s.status) for s in report.steps] == [
        ("setup", "passed"),
        ("tests", "passed"),
        ("lint", "passed"),
        ("security", "passed"),
        ("deploy", "skipped"),  # the fixture has no Dockerfile and no deploy/
        ("api", "passed"),
    ], report.to_json()
    assert report.step("setup").counts == {"reused": 0}
    assert report.python == str(root / ".venv" / "bin" / "python")
    assert (root / ".venv" / HASH_FILE).is_file()

    only_setup = Options(skip=frozenset({"tests", "lint", "security", "deploy", "api"}))
    again = verify(root, only_setup).step("setup")
    assert (again.status, again.counts) == ("passed", {"reused": 1})

    (root / "requirements.txt").write_text("# still nothing at runtime\n")
    changed = verify(root, only_setup).step("setup")
    assert (changed.status, changed.counts) == ("passed", {"reused": 0})
