"""Small specs for the design tests: a project header plus the text of a case."""

from __future__ import annotations

from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

HEADER = """project t {
  auth jwt
  roles admin, staff
  database postgresql
  version "1.0.0"
}
"""


def nest(body: str) -> str:
    """``body`` as a whole file: the default project header unless it declares one."""
    text = body.strip() + "\n"
    return text if text.startswith("project") else HEADER + "\n" + text


def spec_of(body: str) -> Spec:
    """The parsed spec of ``body``; fails the test if the spec has validation errors."""
    spec = parse(nest(body), "case.nest")
    errors = [d for d in validate(spec) if d.is_error]
    assert not errors, [d.render() for d in errors]
    return spec
