"""``audit``: order of findings, the text and JSON reports, the catalogue document."""

from __future__ import annotations

from pathlib import Path

import pytest
from design_support import nest, spec_of

from infranest.design import audit
from infranest.design import model as design_model
from infranest.design.audit import NO_SHAPE
from infranest.design.catalogue import DOC_PATH, explain, render_catalogue
from infranest.design.model import severity_rank
from infranest.design.rules import RULES, get_rule
from infranest.spec.diagnostics import SpecError
from infranest.spec.loader import load

ROOT = Path(__file__).resolve().parents[2]
SPEC = """entity Key {
  holder: User owner on_delete(cascade)
  api_key: string(64)
  note: text
  allow read: owner
}"""


def test_findings_sorted_by_severity_then_location() -> None:
    report = audit(spec_of(SPEC), file="case.nest", source=nest(SPEC))
    keys = [
        (-severity_rank(f.severity), f.loc.line if f.loc else 10**6, f.loc.column if f.loc else 0)
        for f in report.findings
    ]
    assert keys == sorted(keys)
    assert report.findings[0].severity == "high"
    assert {"SEC001", "SEC011", "SEC034"} <= {f.rule_id for f in report.findings}


def test_text_report_shows_the_line_and_a_caret() -> None:
    source = nest(SPEC)
    report = audit(spec_of(SPEC), file="case.nest", source=source)
    text = report.render_text()
    block = next(b for b in text.split("case.nest:") if "[SEC011]" in b)
    assert block.startswith("10:3: high: Key.api_key looks like a credential")
    lines = block.splitlines()
    assert lines[1] == "   10 |   api_key: string(64)"
    assert lines[2].startswith("      |   ^")
    assert "= fix: make Key.api_key writeonly" in block
    assert text.rstrip().splitlines()[-1].startswith(f"{len(report.findings)} finding(s): ")


def test_text_report_without_source_has_no_caret() -> None:
    text = audit(spec_of(SPEC), file="case.nest").render_text()
    assert "case.nest:10:3: high: Key.api_key" in text
    assert "   10 |" not in text


def test_json_report() -> None:
    report = audit(spec_of(SPEC), file="case.nest")
    data = report.to_json()
    assert data["summary"]["total"] == len(report.findings)
    assert sum(data["summary"][s] for s in ("low", "medium", "high", "critical")) == len(
        report.findings
    )
    first = next(f for f in data["findings"] if f["rule"] == "SEC011")
    assert first["owasp"] == ["API3", "API2"]
    assert first["cwe"] == ["CWE-200", "CWE-522"]
    assert (first["file"], first["line"], first["column"]) == ("case.nest", 10, 3)
    assert first["path"] == "entities[Key].fields[api_key]"
    assert first["fix"] == "make Key.api_key writeonly"
    rule = get_rule("SEC011")
    assert rule is not None
    assert (first["why"], first["remedy"]) == (rule.why, rule.fix)
    assert set(first) == {
        *("rule", "title", "severity", "category", "owasp", "cwe", "message", "path"),
        *("file", "line", "column", "fix", "why", "remedy"),
    }


def test_at_least() -> None:
    report = audit(spec_of(SPEC))
    assert all(f.severity in ("high", "critical") for f in report.at_least("high"))
    assert len(report.at_least("low")) == len(report.findings)


def test_imported_findings_have_paths_but_no_locations() -> None:
    corpus = Path("/work/shared/corpus/openapi/vampi-openapi3.yml")
    if not corpus.exists():
        return
    loaded = load(corpus)
    report = audit(loaded.spec, file=str(corpus))
    assert report.findings
    assert all(f.loc is None and f.path for f in report.findings)
    assert f"{corpus}: entities[" in report.render_text()


def test_docs_rules_md_is_current() -> None:
    assert (ROOT / DOC_PATH).read_text(encoding="utf-8") == render_catalogue()


def test_catalogue_lists_every_rule() -> None:
    text = render_catalogue()
    for rule in RULES:
        assert f"### {rule.id}\n" in text
        assert rule.why in text


def test_explain_tells_story_ignore_and_cost() -> None:
    rule = get_rule("SEC042")
    assert rule is not None
    text = explain(rule)
    assert text.startswith("SEC042: Money movement without idempotency\n")
    for heading in ("What can go wrong", "When it is acceptable to ignore", "what it costs"):
        assert heading in text
    assert "API6:2023 Unrestricted Access to Sensitive Business Flows" in text
    assert "CWE-837" in text


def test_unservable_spec_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(spec: object) -> None:
        raise SpecError([])

    monkeypatch.setattr(design_model, "api_shape", refuse)
    report = audit(spec_of(SPEC))
    assert report.notes == (NO_SHAPE,)
    assert not any(f.rule_id == "SEC001" for f in report.findings)
    assert any(f.rule_id == "SEC011" for f in report.findings)
    assert f"note: {NO_SHAPE}" in report.render_text()


def test_spec_never_imports_design() -> None:
    for path in (ROOT / "src" / "infranest" / "spec").rglob("*.py"):
        assert "infranest.design" not in path.read_text(encoding="utf-8"), path
