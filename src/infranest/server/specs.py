"""Loading stored spec text, the one place the server turns text into a Spec."""

from __future__ import annotations

from functools import lru_cache

from infranest.server.problems import SpecProblem, diagnostic_error
from infranest.spec.diagnostics import SpecError
from infranest.spec.loader import Loaded, load_text

SPEC_FILE = "spec.nest"


@lru_cache(maxsize=64)
def _load(text: str) -> Loaded | SpecError:
    try:
        return load_text(text, SPEC_FILE)
    except SpecError as exc:
        return exc


def valid(text: str) -> Loaded:
    """The spec in ``text``; 422 with every diagnostic (file:line:col) when it has errors."""
    result = _load(text)
    if isinstance(result, SpecError):
        errors = [diagnostic_error(d) for d in result.diagnostics]
        raise SpecProblem(422, "the spec cannot be read", errors)
    if result.errors:
        errors = [diagnostic_error(d) for d in result.diagnostics]
        raise SpecProblem(422, "the spec is not valid", errors)
    return result
