"""Parser and builder errors: code, place, message and hint of each, and recovery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.parser import parse

SRC = Path(__file__).resolve().parents[2] / "src" / "infranest" / "spec"
P = "project p {}\n"


def errors_of(text: str) -> list[Diagnostic]:
    with pytest.raises(SpecError) as caught:
        parse(text, "bad.nest")
    assert caught.value.errors, "a SpecError carries at least one error"
    return list(caught.value.errors)


def place(text: str, line: int, token: str | None) -> tuple[int, int]:
    """``line`` and the column of ``token`` on it (its end when ``token`` is None)."""
    content = text.split("\n")[line - 1]
    return line, (len(content) + 1 if token is None else content.index(token) + 1)


# (source, line, token at the error's column (None: end of line), code, message, hint part)
CASES = [
    # ---- syntax: the grammar ----
    ('project p "abc {\n}\n', 1, '"abc', "unterminated-string",
     "this string is not closed on its line", 'close it with "'),
    ("project p {\n  auth jwt $\n}\n", 2, "$", "unexpected-character",
     "unexpected character '$'", "expected one of '(', ',', '}' or the end of the line"),
    ("project p {}\nentity E {\n  x: int\n", 3, None, "unexpected-end",
     "the file ends inside a block (the block opened at line 2)", "add the missing '}'"),
    ("project p {}\nentity E", 2, None, "unexpected-end",
     "the file ends in the middle of a definition", "expected one of '{' or a \"string\""),
    ("project p {}\nentity A {\n  x: int\nentity B {\n  y: int\n}\n", 4, "entity",
     "unclosed-block", "'entity' cannot stand inside an entity block",
     "close the entity block above with '}' before this entity"),
    (P + "entity E {\n  serch x\n}\n", 3, "serch", "unknown-statement",
     "unknown statement 'serch' in an entity block", "did you mean 'search'? valid here: search"),
    ("project p {\n  rols admin\n}\n", 2, "rols", "unknown-statement",
     "unknown statement 'rols' in a project block", "did you mean 'roles'?"),
    (P + "entiti E {\n}\n", 2, "entiti", "unknown-statement",
     "unknown statement 'entiti' in the file's top level", "did you mean 'entity'?"),
    (P + "flow F {\n  step E.create\n}\n", 3, "step", "unknown-statement",
     "unknown statement 'step' in a flow block", "did you mean 'steps'?"),
    (P + "integration I {\n  timout 5s\n}\n", 3, "timout", "unknown-statement",
     "unknown statement 'timout' in an integration block", "did you mean 'timeout'?"),
    (P + "model M {\n  tsk regression\n}\n", 3, "tsk", "unknown-statement",
     "unknown statement 'tsk' in a model block", "did you mean 'task'?"),
    (P + "model M {\n  monitor {\n    windw 7d\n  }\n}\n", 4, "windw", "unknown-statement",
     "unknown statement 'windw' in a monitor block", "did you mean 'window'?"),
    (P + "entity E {\n  x string\n}\n", 3, "string", "missing-colon",
     "expected ':' before the type, found 'string'", "a field is written name: type"),
    (P + "entity E {\n  x: int =\n}\n", 3, None, "unexpected-token",
     "unexpected end of the line", 'expected one of a "string", a name or a number'),
    (P + "entity E {\n  allow read anyone\n}\n", 3, "anyone", "unexpected-token",
     "unexpected 'anyone'", "expected one of ',' or ':'"),
    (P + "enum E {\n  a\n  b c\n}\n", 4, "c", "unexpected-token",
     "unexpected 'c'", "expected one of ',', '}', a \"string\" or the end of the line"),
    (P + "}\n", 2, "}", "unexpected-token", "unexpected '}'", "expected one of 'entity'"),
    # ---- words checked by the builder ----
    ("project p {\n  auth jwtt\n}\n", 2, "jwtt", "unknown-auth-method",
     "unknown auth method 'jwtt'", "did you mean 'jwt'? valid: none, jwt, session"),
    ("project p {\n  database postgres\n}\n", 2, "postgres", "unknown-database",
     "unknown database 'postgres'", "did you mean 'postgresql'?"),
    ("project p {\n  target djano\n}\n", 2, "djano", "unknown-target",
     "unknown target 'djano'", "did you mean 'django'?"),
    ("project p {\n  tenancy Org table\n}\n", 2, "table", "unknown-tenancy-mode",
     "unknown tenancy mode 'table'", "valid: row, schema"),
    ("project p {\n  load rsp 5\n}\n", 2, "rsp", "unknown-load-figure",
     "unknown load figure 'rsp'", "valid: rps, peak, users, reads"),
    ("project p {\n  growth 5% per decade\n}\n", 2, "decade", "unknown-growth-period",
     "unknown growth period 'decade'", "valid: day, week, month, year"),
    (P + "entity E {\n  limit 5/minit\n}\n", 3, "minit", "unknown-rate-period",
     "unknown rate period 'minit'", "did you mean 'minute'?"),
    (P + "entity E {\n  limit 5/minute per usr\n}\n", 3, "usr", "unknown-limit-scope",
     "unknown limit scope 'usr'", "did you mean 'user'?"),
    (P + "entity E {\n  paginate cursr\n}\n", 3, "cursr", "unknown-pagination-style",
     "unknown pagination style 'cursr'", "did you mean 'cursor'?"),
    (P + "entity E {\n  action a: pots\n}\n", 3, "pots", "unknown-http-method",
     "unknown HTTP method 'pots'", "did you mean 'post'?"),
    (P + "entity E {\n  action a: post on itm\n}\n", 3, "itm", "unknown-action-scope",
     "unknown action scope 'itm'", "did you mean 'item'?"),
    (P + "entity E {\n  x: E on_delete(cascad)\n}\n", 3, "cascad",
     "unknown-on-delete-behaviour", "unknown on_delete behaviour 'cascad'",
     "did you mean 'cascade'?"),
    (P + "entity E {\n  x: string pii(helth)\n}\n", 3, "helth", "unknown-pii-category",
     "unknown PII category 'helth'", "did you mean 'health'?"),
    (P + "integration I {\n  retries 3 backoff expo\n}\n", 3, "expo", "unknown-backoff",
     "unknown backoff 'expo'", "valid: none, fixed, exponential"),
    (P + "model M {\n  task clasification\n}\n", 3, "clasification", "unknown-model-task",
     "unknown model task 'clasification'", "did you mean 'classification'?"),
    (P + "model M {\n  monitor {\n    alert psi > 0.2 severity hgh\n  }\n}\n", 4, "hgh",
     "unknown-severity", "unknown severity 'hgh'", "did you mean 'high'?"),
    (P + 'model M {\n  monitor {\n    notify slak "#x"\n  }\n}\n', 4, "slak",
     "unknown-notifier", "unknown notifier 'slak'", "did you mean 'slack'?"),
    # ---- types, modifiers, numbers, strings ----
    (P + "entity E {\n  x: strng(20)\n}\n", 3, "strng", "unknown-type",
     "unknown type 'strng'", "did you mean 'string'? valid: string, text"),
    (P + "entity E {\n  x: int(5)\n}\n", 3, "int", "bad-type-parameters",
     "type 'int' takes no parameters", "write int"),
    (P + "entity E {\n  x: decimal(1,2,3)\n}\n", 3, "decimal", "bad-type-parameters",
     "type 'decimal' takes fewer parameters", "write decimal(10,2)"),
    (P + "entity E {\n  x: string optinal\n}\n", 3, "optinal", "unknown-modifier",
     "unknown field modifier 'optinal'", "did you mean 'optional'? valid: optional, unique"),
    (P + 'entity E {\n  x: int min("a")\n}\n', 3, "min", "bad-modifier-argument",
     "'min' takes one number, e.g. min(0)", "write min(...) with one number"),
    (P + "entity E {\n  x: int readonly(5)\n}\n", 3, "readonly", "bad-modifier-argument",
     "'readonly' takes no arguments", "write readonly with no arguments"),
    (P + "entity E {\n  x: string max_length(2.5)\n}\n", 3, "max_length",
     "bad-modifier-argument", "'max_length' takes one whole number, e.g. max_length(200)",
     "write max_length(...) with one whole number"),
    (P + "entity E {\n  x: string(1.5)\n}\n", 3, "1.5", "bad-number",
     "a string's length must be a whole number of at least 1", "write a whole number"),
    (P + "entity E {\n  rows -5\n}\n", 3, "-5", "bad-number",
     "rows must be a whole number of at least 0", "write a whole number"),
    (P + "entity E {\n  limit 0/minute\n}\n", 3, "0", "bad-number",
     "a rate limit's count must be a whole number of at least 1", "write a whole number"),
    (P + "entity E {\n  x: float min(1e999)\n}\n", 3, "1e999", "bad-number",
     "this number is too large", "write a smaller number"),
    (P + "entity E {\n  rows " + "9" * 5000 + "\n}\n", 3, "9", "bad-number",
     "this number is too large", "write a smaller number"),
    ("project p {\n  load reads 150%\n}\n", 2, "load", "bad-load",
     "load figures must be positive and reads at most 100%", "example: load rps 200"),
    ('project p "a\\u12" {}\n', 1, '"a', "bad-string",
     "\\u must be followed by four hexadecimal digits", "write a backslash as \\\\"),
    ('project p "\\ud83d alone" {}\n', 1, '"', "bad-string",
     "\\u names half of a surrogate pair without the other half", "write a backslash"),
    ("project p {\n  load rps 5%\n}\n", 2, "%", "bad-load",
     "'%' goes with reads only, not with rps", "write rps as a number, e.g. rps 200"),
    ("project p {\n  database mysql\n  database sqlite\n}\n", 3, "database",
     "repeated-statement", "'database' is already given at line 2; a project takes it once",
     "keep one 'database' statement"),
    (P + "entity E {\n  n: int\n  paginate offset 10\n  paginate cursor 30\n}\n", 5,
     "paginate", "repeated-statement",
     "'paginate' is already given at line 4; an entity takes it once", "keep one 'paginate'"),
    ("project p {}\nproject q {}\n", 2, "project", "duplicate-project",
     "a spec has one project block", "merge the two project blocks into one"),
    ("entity E {}\n", 1, "entity", "missing-project",
     "the spec has no project block", 'start the file with: project name "Description"'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "token", "code", "message", "hint"),
    CASES,
    ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_error(text: str, line: int, token: str | None, code: str, message: str, hint: str) -> None:
    found = errors_of(text)
    assert len(found) == 1, [d.render() for d in found]
    d = found[0]
    assert d.loc is not None
    assert (d.code, d.loc.file, (d.loc.line, d.loc.column)) == (
        code,
        "bad.nest",
        place(text, line, token),
    )
    assert d.message == message
    assert d.hint is not None
    assert hint in d.hint


def _codes_in_source() -> set[str]:
    """Every error code the parser and builders can produce, read from their source."""
    codes: set[str] = set()
    for name in ("parser.py", "builder.py", "entity_builder.py"):
        text = (SRC / name).read_text()
        codes |= set(re.findall(r'(?:error\(|fail\(\s*[\w.]+,)\s*"([a-z]+(?:-[a-z]+)+)"', text))
        codes |= set(re.findall(r'^\s*"([a-z]+(?:-[a-z]+)+)",$', text, re.MULTILINE))
        words = re.findall(
            r'\.word\(\s*(?:cast\([^)]*\)|[\w\[\]]+)\s*,\s*[\w.]+\s*,\s*"([^"]+)"', text
        )
        codes |= {"unknown-" + re.sub(r"[^a-z0-9]+", "-", w.lower()) for w in words}
    return codes


def test_every_error_code_has_a_case() -> None:
    in_source = _codes_in_source()
    assert len(in_source) > 30
    assert in_source <= {case[3] for case in CASES}


def test_codes_are_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case[3]) for case in CASES)


# ---- many errors, recovery, rendering -----------------------------------------------------

MANY = """project shop {
  auth jwtt
  rols admin
}
entity Order {
  x string
  y: int optinal
  serch x
  z: strng(3)
  w: int = = 3
  action a: pots
}
enum Colour { red green }
model M {
  tsk regression
}
"""


def test_all_errors_reported_in_line_order_one_per_line() -> None:
    found = errors_of(MANY)
    assert [(d.loc.line if d.loc else 0, d.code) for d in found] == [
        (2, "unknown-auth-method"),
        (3, "unknown-statement"),
        (6, "missing-colon"),
        (7, "unknown-modifier"),
        (8, "unknown-statement"),
        (9, "unknown-type"),
        (10, "unexpected-token"),
        (11, "unknown-http-method"),
        (13, "unexpected-token"),
        (15, "unknown-statement"),
    ]


def test_nested_definition_is_recovered_and_checked() -> None:
    text = "project p {}\nentity A {\n  x: int\nentity B {\n  y: strng(2)\n}\n"
    text += "entity C {\n  z: int optinal\n}\n"
    assert [(d.loc.line if d.loc else 0, d.code) for d in errors_of(text)] == [
        (4, "unclosed-block"),
        (5, "unknown-type"),
        (8, "unknown-modifier"),
    ]


def test_unclosed_block_at_end_after_other_errors() -> None:
    text = "project p {}\nentity E {\n  x: int optinal\n  y: int\n"
    found = errors_of(text)
    assert [(d.code, d.loc.line if d.loc else 0) for d in found] == [
        ("unknown-modifier", 3),
        ("unexpected-end", 4),
    ]


def test_stray_closing_braces_give_one_error() -> None:
    found = errors_of("project p {}\nentity E {\n  x: int }}\n  \n")
    assert [(d.code, d.loc.line if d.loc else 0) for d in found] == [("unexpected-token", 3)]


def test_blocks_are_closed_before_the_comment_of_the_line_above() -> None:
    text = 'project p {}\nentity A {\n  x: string = "a # }"  # a } in a comment\n'
    text += "entity B {\n  y: int\n}\n"
    assert [(d.code, d.loc.line if d.loc else 0) for d in errors_of(text)] == [
        ("unclosed-block", 4)
    ]


def test_misspelt_type_without_parameters_is_left_to_the_validator() -> None:
    from infranest.spec.validate import validate

    spec = parse(P + "entity E {\n  x: strng\n}\n")
    field = spec.entities[1].fields[0]
    assert (field.type, field.target) == ("relation", "strng")
    found = [d for d in validate(spec) if d.code == "unknown-type"]
    assert len(found) == 1
    assert found[0].hint is not None
    assert found[0].hint.startswith("did you mean 'string'?")


def test_error_in_a_block_header_skips_the_block() -> None:
    text = "project p {}\nentity E x {\n  y: strng(2)\n}\nentity F {\n  z: int optinal\n}\n"
    assert [d.loc.line if d.loc else 0 for d in errors_of(text)] == [2, 6]


def test_lines_are_counted_like_lark_counts_them() -> None:
    text = 'project p "form\ffeed \u2028 separator" {}\nentity E {\n  x: int optinal\n}\n'
    (d,) = errors_of(text)
    assert d.loc is not None
    assert (d.loc.line, d.loc.column) == (3, 10)


def test_rendered_error_has_place_source_line_caret_and_help() -> None:
    text = P + "entity E {\n  name: string optinal\n}\n"
    with pytest.raises(SpecError) as caught:
        parse(text, "shop.nest")
    assert caught.value.render().split("\n") == [
        "shop.nest:3:16: error: unknown field modifier 'optinal' [unknown-modifier]",
        "    3 |   name: string optinal",
        "      |                ^^^^^^^",
        "      = help: did you mean 'optional'? valid: optional, unique, index, min, max, "
        "min_length, max_length, pattern, readonly, writeonly, owner, tenant, ...",
    ]
    assert str(caught.value) == caught.value.render()


def test_caret_spans_the_whole_token_for_syntax_errors() -> None:
    with pytest.raises(SpecError) as caught:
        parse(P + "entity E {\n  x string(20)\n}\n", "e.nest")
    rendered = caught.value.render().split("\n")
    assert rendered[0].startswith("e.nest:3:5: error: expected ':' before the type")
    assert rendered[1:3] == ["    3 |   x string(20)", "      |     ^^^^^^"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_files_miss_the_project(text: str) -> None:
    (d,) = errors_of(text)
    assert (d.code, d.loc.line if d.loc else 0, d.loc.column if d.loc else 0) == (
        "missing-project",
        1,
        1,
    )
