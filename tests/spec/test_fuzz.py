"""Fuzzing the parser: any text either parses or raises SpecError with located errors.

Inputs are arbitrary text and mutations (characters and lines deleted, duplicated, swapped
or inserted) of valid specs: the examples, the golden inputs and generated specs. A mutant
that still parses must round trip through the formatter like any valid file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from strategies import specs

from infranest.spec.diagnostics import SpecError
from infranest.spec.formatter import format_spec
from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

ROOT = Path(__file__).resolve().parents[2]
VALID = [*sorted(ROOT.glob("examples/*.nest")), *sorted(ROOT.glob("tests/golden/*/input.nest"))]
BROKEN = sorted(ROOT.glob("examples/errors/*.nest"))
SEEDS = [p.read_text(encoding="utf-8") for p in VALID + BROKEN]
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DUPLICATE_DEFINITIONS = {
    f"duplicate-{k}" for k in ("entity", "enum", "flow", "integration", "model")
}
# Characters that matter to the grammar, for insertions.
SYNTAX = [*'{}()[]:;,."#=%<>!/\\\n\t -_0123456789azAZ', "\r\n", "\u00e9", "\u2028"]


def check(text: str) -> Spec | None:
    """Parse ``text``: it parses, or raises SpecError whose errors are located in the file,
    sorted, rendered without failing. A spec that parses round trips through format."""
    try:
        spec = parse(text, "fuzz.nest")
    except SpecError as exc:
        errors = exc.errors
        assert errors, "a SpecError has at least one error"
        lines = max(1, len(text.split("\n")))
        for d in errors:
            assert d.loc is not None, d
            assert 1 <= d.loc.line <= lines, (d.loc, lines)
            assert d.loc.column >= 1, d.loc
            assert d.hint, d
        places = [(d.loc.line, d.loc.column) for d in exc.diagnostics if d.loc]
        assert places == sorted(places)
        exc.render()
        return None
    formatted = format_spec(spec)
    again = parse(formatted)
    if again != spec:
        # Comments of two definitions with one name (an error the validator reports) cannot
        # be told apart; every other spec that parses round trips.
        assert {d.code for d in validate(spec)} & DUPLICATE_DEFINITIONS
        return spec
    assert format_spec(again) == formatted
    return spec


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    check(text)


@FUZZ
@given(st.lists(st.sampled_from(SYNTAX), max_size=200).map("".join))
def test_arbitrary_syntax_characters(text: str) -> None:
    check(text)


def mutate(draw: Any, text: str) -> str:
    """``text`` after one to four random edits of characters or lines."""
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        if draw(st.booleans()) and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            edit = draw(st.sampled_from(("delete", "duplicate", "swap")))
            if edit == "delete":
                del lines[i]
            elif edit == "duplicate":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif text:
            i = draw(st.integers(0, len(text) - 1))
            edit = draw(st.sampled_from(("delete", "duplicate", "swap", "insert")))
            if edit == "delete":
                text = text[:i] + text[i + 1 :]
            elif edit == "duplicate":
                text = text[:i] + text[i] + text[i:]
            elif edit == "swap" and i + 1 < len(text):
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            else:
                text = text[:i] + draw(st.sampled_from(SYNTAX)) + text[i:]
    return text


@st.composite
def mutated_seeds(draw: Any) -> str:
    return mutate(draw, draw(st.sampled_from(SEEDS)))


@st.composite
def mutated_generated(draw: Any) -> str:
    return mutate(draw, format_spec(draw(specs(max_entities=3, max_fields=4))))


@settings(FUZZ, max_examples=120)
@given(mutated_seeds())
def test_mutated_examples(text: str) -> None:
    note(text)
    check(text)


@settings(FUZZ, max_examples=150)
@given(mutated_generated())
def test_mutated_generated_specs(text: str) -> None:
    note(text)
    check(text)


def test_valid_seeds_parse() -> None:
    assert len(VALID) >= 3
    assert all(check(p.read_text(encoding="utf-8")) is not None for p in VALID)
