"""The formatter: canonical text, idempotence, the enum layout rule and comment placement."""

from __future__ import annotations

from pathlib import Path

import pytest

from infranest.spec.formatter import field_line, format_spec
from infranest.spec.model import Comment, Default, FieldDef, Project, Spec
from infranest.spec.parser import parse

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.nest")) + sorted(
    (ROOT / "tests/golden").glob("*/input.nest")
)

MESSY = """entity Order "A customer's order" {
  allow read: owner, admin; create: customer
  sort total
  timestamps
  customer: User owner on_delete(cascade)
  action cancel: post on item by owner, admin limit 5/minute per user idempotent
  total: decimal(10,2)   min(0)
  status: OrderStatus = pending
  paginate cursor 50 max 200
  search note
  note: text optional max_length(2000)
  unique (customer, note)
}
enum OrderStatus { pending,
  paid, shipped }
project shop "Online store" {
  database postgresql
  roles admin, staff, customer
  auth jwt, oauth2(google)
}
"""

CANONICAL = """project shop "Online store" {
  auth jwt, oauth2(google)
  roles admin, staff, customer
  database postgresql
}

enum OrderStatus { pending, paid, shipped }

entity Order "A customer's order" {
  customer: User owner on_delete(cascade)
  total: decimal(10,2) min(0)
  status: OrderStatus = pending
  note: text optional max_length(2000)
  search note
  sort total
  paginate cursor 50 max 200
  unique (customer, note)
  timestamps
  allow read: owner, admin
  allow create: customer
  action cancel: post on item by owner, admin limit 5/minute per user idempotent
}
"""


def fmt(text: str) -> str:
    return format_spec(parse(text))


def test_canonical_text() -> None:
    assert fmt(MESSY) == CANONICAL
    assert fmt(CANONICAL) == CANONICAL


def test_services_canonical_text() -> None:
    text = """project p {
  auth none
  load users 10, rps 2.5, reads 95%
  growth 4% per month
  cors "https://a.example"
  version "1"
  tenancy Org schema
  target fastapi
}
model churn {
  monitor {
    notify email "ml@x.example"
    alert psi >= 1 severity critical
    window 1d
  }
  segments age
  feature age: int
  on Org
}
integration maps {
  used_by Org.read
  secret MAPS_KEY
  retries 2
  timeout 800ms
  url "https://maps.example"
}
flow signup {
  idempotent
  limit 3/hour per ip
  steps Org.create
}
"""
    assert (
        fmt(text)
        == """project p {
  auth none
  database postgresql
  target fastapi
  tenancy Org schema
  load rps 2.5, users 10, reads 95%
  growth 4% per month
  version "1"
  cors "https://a.example"
}

flow signup {
  steps Org.create
  limit 3/hour per ip
  idempotent
}

integration maps {
  url "https://maps.example"
  timeout 800ms
  retries 2
  secret MAPS_KEY
  used_by Org.read
}

model churn {
  task classification
  on Org
  feature age: int
  segments age
  monitor {
    window 1d
    alert psi >= 1.0 severity critical
    notify email "ml@x.example"
  }
}
"""
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_examples_are_canonical_and_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = fmt(text)
    assert fmt(once) == once
    assert parse(once) == parse(text)


@pytest.mark.parametrize(
    ("field", "line"),
    [
        (FieldDef(name="x", type="float", min=5.0, max=1e20), "x: float min(5.0) max(1e+20)"),
        (FieldDef(name="x", type="int", min=-3, max=7), "x: int min(-3) max(7)"),
        (
            FieldDef(name="x", type="string", default=Default(kind="string", value='a"\\\n')),
            'x: string = "a\\"\\\\\\n"',
        ),
        (
            FieldDef(name="x", type="text", optional=True, default=Default(kind="null")),
            "x: text optional = null",
        ),
        (FieldDef(name="x", type="string", pii="personal"), "x: string pii"),
        (FieldDef(name="x", type="relation", target="T", cardinality="many_to_many"), "x: [T]"),
        (
            FieldDef(name="x", type="relation", target="T", cardinality="one_to_one", via="y"),
            "x: one T via y",
        ),
    ],
)
def test_field_line(field: FieldDef, line: str) -> None:
    assert field_line(field) == line


def test_empty_descriptions_are_kept() -> None:
    text = 'project p "" {}\n\nenum E "" { a "" }\n\nentity T "" {}\n'
    spec = parse(text)
    assert (spec.project.description, spec.enums[0].description) == ("", "")
    assert spec.enums[0].values[0].label == ""
    assert fmt(text) == 'project p "" {\n  auth jwt\n  database postgresql\n}\n\n' + text[17:]


# ---- enums: one line when it fits in 100 characters and has no comment ------------------


def _enum_text(width: int) -> str:
    """An enum definition of exactly ``width`` (at least 97) characters on one line."""
    head = "enum E { " + ", ".join(f"v{i:02d}" for i in range(17)) + ", "
    return head + "w" * (width - len(head) - 2) + " }"


@pytest.mark.parametrize(("width", "one_line"), [(99, True), (100, True), (101, False)])
def test_enum_layout(width: int, one_line: bool) -> None:
    line = _enum_text(width)
    assert len(line) == width
    out = fmt("project p {}\n" + line + "\n")
    enum_part = out[out.index("enum E") :]
    if one_line:
        assert enum_part == line + "\n"
    else:
        values = line[len("enum E { ") : -2].split(", ")
        assert enum_part == "enum E {\n" + "".join(f"  {v}\n" for v in values) + "}\n"


def test_enum_with_a_comment_is_multi_line() -> None:
    out = fmt("project p {}\nenum E { a, b  # the b\n}\n")
    assert out.endswith("enum E {\n  a\n  b  # the b\n}\n")


# ---- comments -----------------------------------------------------------------------------

COMMENTED = """# top of file

# before project
project p "d" {  # project header
  # before auth
  auth jwt  # after auth
  roles admin
  # end of project
}  # after project
# before enum
enum E {  # enum header
  # before a
  a,  # after a
  b
  # end of enum
}
entity X {
  # before field
  name: string  # after field
  allow read: anyone; create: admin  # after first rule
  # before third rule
  allow update: admin
  # end of entity
}
model M {
  # before monitor
  monitor {  # monitor header
    # before window
    window 7d  # after window
    # end of monitor
  }  # after monitor
}
# end of file
"""

COMMENTED_CANONICAL = """# top of file
# before project
project p "d" {  # project header
  # before auth
  auth jwt  # after auth
  roles admin
  database postgresql
  # end of project
}  # after project

# before enum
enum E {  # enum header
  # before a
  a  # after a
  b
  # end of enum
}

entity X {
  # before field
  name: string  # after field
  allow read: anyone  # after first rule
  allow create: admin
  # before third rule
  allow update: admin
  # end of entity
}

model M {
  task classification
  # before monitor
  monitor {  # monitor header
    # before window
    window 7d  # after window
    # end of monitor
  }  # after monitor
}

# end of file
"""


def test_comments_in_every_position() -> None:
    assert fmt(COMMENTED) == COMMENTED_CANONICAL
    assert fmt(COMMENTED_CANONICAL) == COMMENTED_CANONICAL
    assert parse(COMMENTED_CANONICAL) == parse(COMMENTED)


@pytest.mark.parametrize(
    ("path", "anchor", "text", "trailing"),
    [
        ((), "project", " top of file", False),
        ((), "end", " end of file", False),
        (("project",), "header", " project header", True),
        (("project",), "auth", " after auth", True),
        (("project",), "end", " after project", True),
        (("enum",), "value:a", " before a", False),
        (("enum",), "end", " end of enum", False),
        (("entity",), "allow:0", " after first rule", True),
        (("entity",), "allow:2", " before third rule", False),
        (("model",), "monitor", " before monitor", False),
        (("monitor",), "window", " before window", False),
        (("monitor",), "end", " after monitor", True),
    ],
)
def test_comment_anchors(path: tuple[str, ...], anchor: str, text: str, trailing: bool) -> None:
    spec = parse(COMMENTED)
    monitor = spec.models[0].monitor
    owners = {
        (): spec,
        ("project",): spec.project,
        ("enum",): spec.enums[0],
        ("entity",): spec.entities[1],
        ("model",): spec.models[0],
        ("monitor",): monitor,
    }
    assert Comment(anchor=anchor, text=text, trailing=trailing) in owners[path].comments  # type: ignore[union-attr]


def test_comments_move_with_their_statement() -> None:
    text = "project p {}\nentity T {\n  # about sorting\n  sort a\n  # about a\n  a: int\n}\n"
    assert fmt(text).endswith("entity T {\n  # about a\n  a: int\n  # about sorting\n  sort a\n}\n")


def test_comments_with_a_lost_anchor_go_to_the_end() -> None:
    spec = Spec(
        project=Project(name="p", comments=(Comment(anchor="gone", text=" orphan"),)),
        comments=(Comment(anchor="entity:Gone", text=" lost", trailing=True),),
    )
    assert format_spec(spec) == (
        "project p {\n  auth jwt\n  database postgresql\n  # orphan\n}\n\n# lost\n"
    )


def test_hash_inside_strings_is_not_a_comment() -> None:
    text = 'project p "# not a comment {" {\n  cors "http://x.test/#a"  # real\n}\n'
    spec = parse(text)
    assert spec.project.description == "# not a comment {"
    assert spec.project.comments == (Comment(anchor="cors", text=" real", trailing=True),)


def test_comment_order_is_the_print_order() -> None:
    """Statements out of canonical order: the comments are kept in the order they will be
    printed in, so that reading the formatted text gives the same spec."""
    text = "project p {}\nentity T {\n  sort a  # on sort\n  # on a\n  a: int  # after a\n}\n"
    spec = parse(text)
    assert [c.text for c in spec.entities[1].comments] == [" on a", " after a", " on sort"]
    assert parse(format_spec(spec)) == spec


def test_trailing_comments_of_a_repeated_statement_are_merged() -> None:
    text = "project p {}\nentity T {\n  a: int\n  search a  # one\n  search a  # two\n}\n"
    spec = parse(text)
    assert spec.entities[1].comments == (
        Comment(anchor="search", text=" one  # two", trailing=True),
    )
    out = format_spec(spec)
    assert "  search a, a  # one  # two\n" in out
    assert parse(out) == spec


def test_a_trailing_comment_follows_the_last_statement_of_its_line() -> None:
    spec = parse("project p {}\nenum E { a, b }  # about b\n")
    assert spec.enums[0].comments == (Comment(anchor="value:b", text=" about b", trailing=True),)
