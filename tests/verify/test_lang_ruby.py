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


def test_security_is_skipped_without_brakeman(tmp_path: Path) -> None:
    project = Project(tmp_path, "rails", "app", ("bundle",), ("bundle", "{port}"), "ruby")
    chain = Toolchain(tmp_path, {"PATH": str(tmp_path)})
    result = LANGUAGE.security(project, chain, Options())
    assert result.status == "skipped"
    assert result.summary == NO_BRAKEMAN


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
