"""The web editor's highlighting vocabulary (web/src/lib/nest/vocabulary.ts) names the same
words as the language itself, so a keyword added to the DSL cannot go uncoloured unnoticed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from infranest.spec import modifiers
from infranest.spec.model import ScalarType

VOCABULARY = Path(__file__).resolve().parents[2] / "web" / "src" / "lib" / "nest" / "vocabulary.ts"


def _words(name: str) -> set[str]:
    text = VOCABULARY.read_text()
    found = re.search(rf"export const {name} = \[(.*?)\];", text, re.S)
    assert found, f"{VOCABULARY} has no array {name}"
    return set(re.findall(r'"([a-z_]+)"', found.group(1)))


def test_definitions_and_types_match_the_language() -> None:
    assert _words("DEFINITIONS") == set(modifiers.TOP_KEYWORDS)
    assert _words("TYPES") == set(get_args(ScalarType))


def test_every_statement_keyword_is_highlighted() -> None:
    statements = _words("STATEMENTS")
    for group in (
        modifiers.ENTITY_KEYWORDS,
        modifiers.PROJECT_KEYWORDS,
        modifiers.FLOW_KEYWORDS,
        modifiers.INTEGRATION_KEYWORDS,
        modifiers.MODEL_KEYWORDS,
        modifiers.MONITOR_KEYWORDS,
    ):
        assert set(group) <= statements, sorted(set(group) - statements)
