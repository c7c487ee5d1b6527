"""The Rails target on the newest Rails Debian packages (trixie: Rails 7.2, Ruby 3.3).

Runs in the root ``scripts/rails-current.sh DIR`` builds, named by
``INFRANEST_RAILS_CURRENT_ROOT=DIR``: generate shop, resolve the Gemfile against the root's
gems, run the generated suite (coverage), RuboCop, then migrate and serve it in the root and
run the shared black-box suite against it from here. Skipped when the root is not there,
unless ``INFRANEST_REQUIRE_RAILS_CURRENT=1`` (then that is a failure).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from infranest.generate import generate
from infranest.spec.loader import load
from infranest.verify.blackbox_run import blackbox
from infranest.verify.lang.ruby import LANGUAGE
from infranest.verify.lang.ruby_root import ROOT_VARIABLE, root_problem
from infranest.verify.project import Options, load_project

ROOT = Path(__file__).resolve().parents[2]
CURRENT_ROOT = "INFRANEST_RAILS_CURRENT_ROOT"
REQUIRE = "INFRANEST_REQUIRE_RAILS_CURRENT"
GEM_SPECS = "usr/share/rubygems-integration/all/specifications"

pytestmark = pytest.mark.slow


def _current_root() -> Path:
    """The root, or skip (fail when it is required) saying how to build it."""
    value = os.environ.get(CURRENT_ROOT, "").strip()
    if not value:
        reason = (
            f"{CURRENT_ROOT} is not set: build the root with "
            f"`scripts/rails-current.sh DIR` and set {CURRENT_ROOT}=DIR"
        )
    else:
        reason = root_problem(Path(value)) or ""
    if reason:
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{REQUIRE}=1 but {reason}")
        pytest.skip(reason)
    return Path(value).resolve()


def _root_rails(root: Path) -> str:
    """The version of the rails gem Debian installed in ``root``."""
    found = sorted((root / GEM_SPECS).glob("rails-[0-9]*.gemspec"))
    assert found, f"no rails gemspec under {root / GEM_SPECS}"
    return found[-1].name.removeprefix("rails-").removesuffix(".gemspec")


@pytest.mark.parametrize("example", ["shop"])
def test_generated_project_passes_on_current_debian_rails(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _current_root()
    monkeypatch.setenv(ROOT_VARIABLE, str(root))
    out = tmp_path / example
    generate(load(ROOT / "examples" / f"{example}.nest").spec, "rails", out)
    project = load_project(out)
    options = Options(timeout=900)

    setup, chain = LANGUAGE.setup(project, options)
    assert chain is not None, setup.summary + "\n" + setup.output
    locked = re.search(r"^    rails \(([^)]+)\)$", (out / "Gemfile.lock").read_text(), re.M)
    assert locked is not None, "Gemfile.lock locks no rails"
    assert locked.group(1) == _root_rails(root)

    tests = LANGUAGE.tests(project, chain, options)
    assert tests.status == "passed", tests.summary + "\n" + tests.output
    assert tests.counts["failed"] == 0
    assert float(tests.counts["coverage"]) >= 90

    lint = LANGUAGE.lint(project, chain, options)
    assert lint.status == "passed", lint.summary + "\n" + lint.output

    suite = blackbox(project, chain, options)
    assert suite.status == "passed", suite.summary + "\n" + suite.output
    assert suite.counts["calls"] > 0
    assert suite.counts["deviations"] == 0
