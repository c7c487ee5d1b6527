"""The audit finds, in the published specs of two deliberately vulnerable APIs, the
weaknesses of their vulnerability lists that a spec can reveal (docs/audit-corpus.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.design import audit
from infranest.design.rules import get_rule
from infranest.spec.loader import load

CORPUS = Path("/work/shared/corpus/openapi")

# vulnerability → (rule, path, OWASP item the rule maps to) the audit must report
VAMPI: dict[str, list[tuple[str, str, str]]] = {
    "unauthorized password change": [
        ("SEC013", "entities[User].actions[password]", "API2"),
        ("SEC006", "entities[User]", "API5"),
    ],
    "BOLA on books": [("SEC026", "entities[Book].fields[owner]", "API1")],
    "mass assignment (admin flag)": [("SEC020", "entities[User].fields[admin]", "API3")],
    "excessive data exposure through the debug endpoint": [
        ("SEC014", "entities[User].actions[debug]", "API9"),
        ("SEC019", "entities[User].actions[debug]", "API2"),
    ],
    "user enumeration": [("SEC019", "entities[User]", "API2")],
    "lack of resources and rate limiting": [("SEC012", "entities[User].actions[password]", "API4")],
}
CRAPI: dict[str, list[tuple[str, str, str]]] = {
    "BOLA: vehicle location": [("SEC003", "entities[Vehicle].actions[location]", "API1")],
    "broken user authentication (token and OTP checks without limits)": [
        ("SEC012", "entities[User].actions[login_with_token]", "API2"),
        ("SEC012", "entities[User].actions[verify_email_token]", "API2"),
    ],
    "excessive data exposure: posts expose their author's data": [
        ("PRIV003", "entities[Author]", "API3")
    ],
    "excessive data exposure: video internal property": [
        ("SEC023", "entities[ProfileVideo].fields[conversion_params]", "API3")
    ],
    "rate limiting: contact mechanic": [
        ("SEC030", "entities[Mechanic].actions[contact_mechanic]", "API4")
    ],
    "BFLA: delete videos of other users": [("SEC004", "entities[ProfileVideo]", "API1")],
    "mass assignment: order quantity and return": [
        ("SEC022", "entities[Order].fields[quantity]", "API3"),
        ("SEC020", "entities[Order].fields[status]", "API3"),
    ],
    "mass assignment: video conversion params": [
        ("SEC023", "entities[ProfileVideo].fields[conversion_params]", "API3")
    ],
    "unauthenticated access": [
        ("SEC019", "entities[Mechanic].actions[receive_report]", "API2"),
        ("SEC004", "entities[Order]", "API1"),
    ],
    "coupon abuse (the injection targets)": [
        ("SEC041", "entities[Coupon].actions[apply_coupon]", "API6")
    ],
}


def _found(name: str) -> set[tuple[str, str]]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    report = audit(load(path).spec, file=str(path))
    return {(f.rule_id, f.path) for f in report.findings}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("vampi-openapi3.yml", VAMPI), ("crapi-openapi-spec.json", CRAPI)],
)
def test_published_vulnerabilities_are_found(
    name: str, expected: dict[str, list[tuple[str, str, str]]]
) -> None:
    found = _found(name)
    for vulnerability, hits in expected.items():
        for rule_id, path, owasp in hits:
            assert (rule_id, path) in found, f"{name}: {vulnerability}: {rule_id} at {path}"
            rule = get_rule(rule_id)
            assert rule is not None
            assert owasp in rule.owasp, f"{rule_id} should map to {owasp}"
