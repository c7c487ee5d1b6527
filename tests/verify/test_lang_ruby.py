"""verify's Ruby steps: reading minitest, SimpleCov, RuboCop and Brakeman output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from infranest.verify.lang import language
from infranest.verify.lang.ruby import (
    LANGUAGE,
    NO_BRAKEMAN,
    brakeman_result,
    bundle_hash,
    coverage,
    minitest_result,
    rubocop_result,
    security_cops,
    security_cops_result,
)
from infranest.verify.process import Completed
from infranest.verify.project import Options, Project, Toolchain

MINITEST_FAILED = """Run options: --seed 1

# Running:

..F.E

Failure:
ProductsTest#test_creates_a_product [test/integration/products_test.rb:39]:
Expected response to be a <201: created>, but was a <422: Unprocessable Entity>

rails test test/integration/products_test.rb:35

Error:
CartsTest#test_pages_through_carts:
ActiveRecord::RecordNotUnique: SQLite3::ConstraintException: UNIQUE constraint failed

rails test test/integration/carts_test.rb:23

Finished in 1.0s, 5.0 runs/s, 9.0 assertions/s.
5 runs, 9 assertions, 1 failures, 1 errors, 0 skips
"""


def _done(output: str, code: int | None = 0) -> Completed:
    return Completed(("bundle", "exec", "rails"), code, output, 1.5)


def test_the_language_is_registered() -> None:
    assert language("ruby").name == "ruby"
    assert LANGUAGE.config_file == "infranest.toml"
    assert "Gemfile" in LANGUAGE.required


def test_tests_count_failures_and_name_them() -> None:
    result = minitest_result(_done(MINITEST_FAILED, 1), 95.0, 90.0)
    assert result.status == "failed"
    assert result.counts == {"passed": 3, "failed": 2, "skipped": 0, "coverage": 95.0}
    assert [f.location for f in result.findings] == [
        "test/integration/products_test.rb:35",
        "test/integration/carts_test.rb:23",
    ]
    assert [f.code for f in result.findings] == ["failure", "error"]
    assert "Expected response" in result.findings[0].message


def test_tests_pass_with_enough_coverage_and_fail_below_it() -> None:
    out = "139 runs, 466 assertions, 0 failures, 0 errors, 2 skips\n"
    passed = minitest_result(_done(out), 93.48, 90.0)
    assert passed.status == "passed"
    assert passed.summary == "137 passed, 0 failed, 2 skipped, coverage 93.5%"
    low = minitest_result(_done(out, 2), 80.0, 90.0)
    assert low.status == "failed"
    assert "coverage 80.0% < 90%" in low.summary
    missing = minitest_result(_done("boom", 1), None, 90.0)
    assert missing.status == "failed"
    assert "no test summary" in missing.summary
    assert "no coverage report" in missing.summary


def test_coverage_reads_simplecov_last_run(tmp_path: Path) -> None:
    path = tmp_path / ".last_run.json"
    path.write_text(json.dumps({"result": {"line": 93.48}}))
    assert coverage(path) == pytest.approx(93.48)
    path.write_text(json.dumps({"result": {"covered_percent": 91.2}}))
    assert coverage(path) == pytest.approx(91.2)
    path.write_text("not json")
    assert coverage(path) is None
    assert coverage(tmp_path / "absent.json") is None


def test_lint_gives_one_finding_per_offense() -> None:
    report = {
        "files": [
            {
                "path": "app/models/a.rb",
                "offenses": [
                    {
                        "severity": "convention",
                        "message": "Line is too long.",
                        "cop_name": "Layout/LineLength",
                        "location": {"line": 7},
                    }
                ],
            },
            {"path": "app/models/b.rb", "offenses": []},
        ]
    }
    failed = rubocop_result(_done(json.dumps(report), 1))
    assert failed.status == "failed"
    assert [(f.location, f.code) for f in failed.findings] == [
        ("app/models/a.rb:7", "Layout/LineLength")
    ]
    clean = rubocop_result(_done(json.dumps({"files": [{"path": "x.rb", "offenses": []}]})))
    assert clean.status == "passed"
    assert clean.counts == {"findings": 0, "files": 1}
    assert rubocop_result(_done("rubocop: command not found", 127)).status == "failed"


def test_security_fails_on_medium_and_high_confidence() -> None:
    warnings = [
        {
            "file": "app/a.rb",
            "line": 3,
            "warning_type": "SQL Injection",
            "message": "m",
            "confidence": "High",
        },
        {
            "file": "app/b.rb",
            "line": None,
            "warning_type": "Redirect",
            "message": "m",
            "confidence": "Weak",
        },
    ]
    result = brakeman_result(_done(json.dumps({"warnings": warnings})))
    assert result.status == "failed"
    assert result.counts == {"high": 1, "medium": 0, "low": 1}
    assert result.findings[1].location == "app/b.rb:0"
    weak = brakeman_result(_done(json.dumps({"warnings": warnings[1:]})))
    assert weak.status == "passed"
    assert brakeman_result(_done("crash", 1)).status == "failed"


SHOW_COPS = """# Available cops (7) + config for /srv/app:
# Department 'Security' (7):
Security/CompoundHash:
  Description: When overwriting Object#hash to combine values, prefer delegating to
    Array#hash over writing a custom implementation.
  Enabled: pending
  VersionAdded: '1.28'

Security/Eval:
  Description: The use of eval represents a serious security risk.
  Enabled: true

Style/Eval:
  Enabled: true

Security/YAMLLoad:
  Enabled: true
  SafeAutoCorrect: false
"""

COPS = ["Security/CompoundHash", "Security/Eval", "Security/YAMLLoad"]


def test_security_cops_are_read_from_show_cops() -> None:
    assert security_cops(SHOW_COPS) == COPS
    assert security_cops("rubocop: command not found") == []


def test_security_cops_fail_on_any_offense_and_name_the_tool() -> None:
    report = {
        "files": [
            {
                "path": "app/services/loader.rb",
                "offenses": [
                    {
                        "severity": "warning",
                        "message": "Prefer using `YAML.safe_load` over `YAML.load`.",
                        "cop_name": "Security/YAMLLoad",
                        "location": {"line": 12},
                    },
                    {
                        "severity": "convention",
                        "message": "The use of `eval` is a serious security risk.",
                        "cop_name": "Security/Eval",
                        "location": {"line": 30},
                    },
                ],
            },
            {"path": "lib/app_settings.rb", "offenses": []},
        ]
    }
    failed = security_cops_result(_done(json.dumps(report), 1), COPS, ["app", "lib"])
    assert failed.status == "failed"
    assert [(f.location, f.code) for f in failed.findings] == [
        ("app/services/loader.rb:12", "Security/YAMLLoad"),
        ("app/services/loader.rb:30", "Security/Eval"),
    ]
    assert failed.counts == {"findings": 2, "files": 2, "cops": 3}
    assert failed.summary.startswith(
        "rubocop Security cops (CompoundHash, Eval, YAMLLoad) over app, lib: 2 offense(s)"
    )
    assert failed.summary.endswith(NO_BRAKEMAN)
    clean = {"files": [{"path": "app/a.rb", "offenses": []}]}
    passed = security_cops_result(_done(json.dumps(clean)), COPS, ["app"])
    assert passed.status == "passed"
    assert "no offenses in 1 files" in passed.summary
    assert NO_BRAKEMAN in passed.summary
    crashed = security_cops_result(_done("uninitialized constant", 2), COPS, ["app"])
    assert crashed.status == "failed"
    assert "no report" in crashed.summary


@pytest.mark.skipif(
    shutil.which("bundle") is None or shutil.which("rubocop") is None,
    reason="bundler and rubocop are not installed",
)
@pytest.mark.skipif(shutil.which("brakeman") is not None, reason="brakeman is installed")
def test_security_runs_rubocop_security_cops_without_brakeman(tmp_path: Path) -> None:
    (tmp_path / "Gemfile").write_text('source "https://rubygems.org"\n\ngem "rubocop"\n')
    (tmp_path / ".rubocop.yml").write_text("AllCops:\n  NewCops: disable\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "loader.rb").write_text(
        "# frozen_string_literal: true\n\n"
        "# Reads what it is given.\n"
        "class Loader\n"
        "  def hash\n    @a.hash ^ @b.hash\n  end\n\n"
        "  def call(text)\n    eval(text)\n  end\nend\n"
    )
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "loader_test.rb").write_text("eval('1')\n")
    project = Project(tmp_path, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")
    chain = LANGUAGE.toolchain(project, Options())
    result = LANGUAGE.security(project, chain, Options(timeout=120))
    assert result.status == "failed", result.summary
    # The pending CompoundHash cop runs too; the tests folder is not scanned.
    assert sorted((f.location, f.code) for f in result.findings) == [
        ("app/loader.rb:10", "Security/Eval"),
        ("app/loader.rb:6", "Security/CompoundHash"),
    ]
    assert NO_BRAKEMAN in result.summary
    (tmp_path / "app" / "loader.rb").write_text(
        "# frozen_string_literal: true\n\n# Reads nothing.\nclass Loader; end\n"
    )
    assert LANGUAGE.security(project, chain, Options(timeout=120)).status == "passed"


def test_security_prefers_brakeman_when_it_is_on_path(tmp_path: Path) -> None:
    brakeman = tmp_path / "bin" / "brakeman"
    brakeman.parent.mkdir()
    brakeman.write_text("#!/bin/sh\necho '{\"warnings\": []}'\n")
    brakeman.chmod(0o755)
    project = Project(tmp_path, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")
    chain = Toolchain(brakeman.parent, {"PATH": str(brakeman.parent)})
    result = LANGUAGE.security(project, chain, Options(timeout=60))
    assert result.status == "passed"
    assert result.counts == {"high": 0, "medium": 0, "low": 0}


def test_bundle_hash_follows_the_gemfile(tmp_path: Path) -> None:
    (tmp_path / "Gemfile").write_text('gem "rails"\n')
    first = bundle_hash(tmp_path, "ruby 3.1")
    assert bundle_hash(tmp_path, "ruby 3.1") == first
    assert bundle_hash(tmp_path, "ruby 3.2") != first
    (tmp_path / "Gemfile").write_text('gem "rails", ">= 7"\n')
    assert bundle_hash(tmp_path, "ruby 3.1") != first


@pytest.mark.skipif(shutil.which("bundle") is None, reason="bundler is not installed")
def test_setup_fails_clearly_on_an_unresolvable_gemfile(tmp_path: Path) -> None:
    (tmp_path / "Gemfile").write_text('gem "no-such-gem-infranest", ">= 99"\n')
    project = Project(tmp_path, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")
    result, chain = LANGUAGE.setup(project, Options(timeout=120))
    assert chain is None
    assert result.status == "failed"
    assert "does not resolve" in result.summary
