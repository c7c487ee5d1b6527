"""Properties over generated valid specs: text, JSON and YAML round trips, and comments."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from strategies import specs

from infranest.spec.formatter import format_spec
from infranest.spec.interchange import from_data, read_data, to_data, to_json, to_yaml
from infranest.spec.model import Spec
from infranest.spec.parser import parse
from infranest.spec.validate import validate

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(specs())
def test_text_round_trip_of_valid_specs(spec: Spec) -> None:
    """``parse(format_spec(s)) == s`` and formatting is idempotent, for specs the validator
    accepts (checked too: else the strategy would prove little)."""
    text = format_spec(spec)
    note(text)
    errors = [f"{d.code}: {d.message} ({d.path})" for d in validate(spec) if d.is_error]
    assert errors == [], "the strategy built a spec the validator rejects"
    parsed = parse(text, "generated.nest")
    assert parsed == spec
    assert format_spec(parsed) == text


@PROPERTY
@given(specs())
def test_json_round_trip(spec: Spec) -> None:
    assert from_data(to_data(spec)) == spec
    assert from_data(read_data(to_json(spec), "spec.json"), "spec.json") == spec


@settings(PROPERTY, max_examples=100)
@given(specs())
def test_yaml_round_trip(spec: Spec) -> None:
    text = to_yaml(spec)
    note(text)
    assert from_data(read_data(text, "spec.yaml"), "spec.yaml") == spec


# ---- comments: inserted anywhere into canonical text, kept through format -----------------

COMMENT_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
).map(str.strip)


@st.composite
def commented_texts(draw: Any) -> tuple[str, list[tuple[str, str, str]]]:
    """Canonical text with comments inserted on their own lines and at line ends, and the
    list of (kind, comment text, the line it was put before or after)."""
    lines = format_spec(draw(specs(max_entities=3, max_fields=3))).split("\n")[:-1]
    out: list[str] = []
    inserted: list[tuple[str, str, str]] = []
    for number, line in enumerate(lines):
        if draw(st.integers(0, 3)) == 0:
            text = f" lead{number} {draw(COMMENT_TEXT)}".rstrip()
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}#{text}")
            inserted.append(("leading", text, line))
        if line.strip() and draw(st.integers(0, 3)) == 0:
            text = f" trail{number} {draw(COMMENT_TEXT)}".rstrip()
            out.append(f"{line}  #{text}")
            inserted.append(("trailing", text, line))
        else:
            out.append(line)
    if draw(st.booleans()):
        out.append("# the end")
        inserted.append(("leading", " the end", ""))
    return "\n".join(out) + "\n", inserted


def _reshaped(line: str) -> bool:
    """Whether the formatter may print ``line`` differently once it has comments: one-line
    enums and empty blocks open up, a lone ``}`` takes the block's end comments."""
    stripped = line.strip()
    return stripped.startswith("enum ") or stripped.endswith("{}") or stripped in ("}", "")


@settings(PROPERTY, max_examples=100)
@given(commented_texts())
def test_comments_survive_and_stay_next_to_their_statement(
    case: tuple[str, list[tuple[str, str, str]]],
) -> None:
    text, inserted = case
    note(text)
    spec = parse(text)
    out = format_spec(spec)
    note(out)
    assert parse(out) == spec
    assert format_spec(parse(out)) == out
    lines = [line.strip() for line in out.split("\n")]
    for kind, comment, statement in inserted:
        assert f"#{comment}" in out
        if _reshaped(statement):
            continue
        if kind == "trailing":
            assert f"{statement.strip()}  #{comment}" in lines
        else:
            after = lines.index(f"#{comment}") + 1
            while lines[after].startswith("#"):
                after += 1
            assert lines[after].startswith(statement.strip())
