"""Every rule fires on a spec written to trigger it, stays silent on a close clean one,
and its safe fix (when it has one) removes the finding without breaking the spec."""

from __future__ import annotations

import re

import pytest
from design_support import spec_of
from rule_cases import CASES

from infranest.design.model import OWASP_ITEMS, SEVERITIES
from infranest.design.rules import RULES, get_rule
from infranest.spec.builtins import finalize
from infranest.spec.validate import validate

IDS = sorted(CASES)
FIXABLE = sorted(r.id for r in RULES if r.fixable)


def test_every_rule_has_a_case() -> None:
    assert sorted(r.id for r in RULES) == IDS


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_fires(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule is not None
    findings = rule.check(spec_of(CASES[rule_id][0]))
    assert findings, f"{rule_id} did not fire"
    for finding in findings:
        assert finding.rule_id == rule_id
        assert finding.severity == rule.severity
        assert finding.message
        assert re.match(r"^(entities|integrations|flows|project)", finding.path)


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_stays_silent(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule is not None
    assert rule.check(spec_of(CASES[rule_id][1])) == []


@pytest.mark.parametrize("rule_id", FIXABLE)
def test_fix_removes_the_finding(rule_id: str) -> None:
    rule = get_rule(rule_id)
    assert rule is not None
    spec = spec_of(CASES[rule_id][0])
    findings = rule.check(spec)
    fixes = [f for f in findings if f.fix is not None]
    assert fixes, f"{rule_id} is marked fixable but offered no fix here"
    fixed = spec
    for finding in fixes:
        assert finding.fix is not None
        fixed = finalize(finding.fix.apply(fixed))
    assert not [d for d in validate(fixed) if d.is_error]
    remaining = {f.path for f in rule.check(fixed)}
    assert not remaining & {f.path for f in fixes}


def test_findings_carry_source_locations() -> None:
    rule = get_rule("SEC011")
    assert rule is not None
    (finding,) = rule.check(spec_of(CASES["SEC011"][0]))
    assert finding.loc is not None
    assert (finding.loc.file, finding.loc.line, finding.loc.column) == ("case.nest", 10, 3)
    assert finding.path == "entities[Key].fields[api_key]"


def test_catalogue_metadata() -> None:
    assert len(RULES) >= 40
    assert len({r.id for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"(SEC|PRIV|PERF|DES)\d{3}", rule.id)
        assert rule.severity in SEVERITIES
        assert rule.owasp or rule.cwe or rule.category == "design"
        assert set(rule.owasp) <= set(OWASP_ITEMS)
        assert rule.why
        assert rule.fix
        assert rule.story
        assert rule.ignore
        assert rule.cost


def test_every_owasp_item_is_covered() -> None:
    covered = {item for r in RULES for item in r.owasp}
    assert covered == set(OWASP_ITEMS)


def test_every_category_has_rules() -> None:
    assert {r.category for r in RULES} == {"security", "privacy", "performance", "design"}


def test_get_rule_is_case_insensitive() -> None:
    assert get_rule("sec001") is get_rule("SEC001")
    assert get_rule("NOPE1") is None
