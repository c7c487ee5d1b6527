"""SARIF 2.1.0 output: the structure the standard requires, and every part scanners read."""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from design_support import spec_of
from sarif_shape import SARIF_SHAPE

from infranest.design import audit
from infranest.design.rules import RULES
from infranest.design.sarif import SECURITY_SEVERITY, to_sarif

SCHEMA = SARIF_SHAPE
SPEC = """entity Key {
  holder: User owner on_delete(cascade)
  api_key: string(64)
  allow read: owner
}"""


def _log(file: str | None = "specs/case.nest") -> dict[str, Any]:
    return to_sarif(audit(spec_of(SPEC), file=file))


def _validate(log: dict[str, Any]) -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    jsonschema.Draft7Validator(SCHEMA).validate(json.loads(json.dumps(log)))


def test_valid_against_the_schema() -> None:
    _validate(_log())
    _validate(_log(None))


def test_valid_for_an_imported_spec_without_locations() -> None:
    report = audit(spec_of(SPEC).model_copy(update={}), file="openapi.json")
    findings = tuple(f.__class__(**{**f.__dict__, "loc": None}) for f in report.findings)
    log = to_sarif(report.__class__(findings, file="openapi.json"))
    _validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "openapi.json"}}
    assert location["logicalLocations"][0]["fullyQualifiedName"].startswith("entities[")


def test_driver_describes_every_rule() -> None:
    driver = _log()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "infranest-audit"
    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    sec011 = next(r for r in driver["rules"] if r["id"] == "SEC011")
    assert sec011["shortDescription"]["text"] == "Secret-looking field returned in responses"
    assert sec011["fullDescription"]["text"].startswith("A field named like a credential")
    assert "writeonly" in sec011["help"]["text"]
    assert sec011["defaultConfiguration"]["level"] == "error"
    props = sec011["properties"]
    assert props["security-severity"] == SECURITY_SEVERITY["high"]
    assert {"security", "owasp-api3:2023", "external/cwe/cwe-522"} <= set(props["tags"])


def test_results_point_at_the_rule_and_the_source() -> None:
    log = _log()
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    rules = run["tool"]["driver"]["rules"]
    result = next(r for r in run["results"] if r["ruleId"] == "SEC011")
    assert rules[result["ruleIndex"]]["id"] == "SEC011"
    assert result["level"] == "error"
    assert result["message"]["text"].startswith("Key.api_key looks like a credential")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "case.nest"
    assert physical["region"]["startLine"] == 10
    assert physical["region"]["startColumn"] == 3
    assert result["properties"]["fix"] == "make Key.api_key writeonly"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["SEC005"] == "note"


def test_every_result_has_a_known_level() -> None:
    for result in _log()["runs"][0]["results"]:
        assert result["level"] in ("error", "warning", "note")
