"""The JDL importer: every corpus file, then each mapping rule on a small JDL text."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from infranest.spec.builtins import finalize
from infranest.spec.importers import ImportResult
from infranest.spec.importers.jdl import import_jdl
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "jdl"
CORPUS_FILES = sorted([*CORPUS.glob("*.jdl"), *CORPUS.glob("*.jh")]) if CORPUS.is_dir() else []
_NO_CORPUS = pytest.param(None, marks=pytest.mark.skip(reason=f"no JDL corpus at {CORPUS}"))
CORPUS_PARAMS = [pytest.param(p, id=p.name) for p in CORPUS_FILES] or [_NO_CORPUS]

# The mapping the importer promises, written out again so the corpus checks do not
# borrow the importer's own table.
SPEC_TYPES = {
    "String": "string",
    "Integer": "int",
    "Long": "bigint",
    "BigDecimal": "decimal",
    "Float": "float",
    "Double": "float",
    "Boolean": "bool",
    "LocalDate": "date",
    "ZonedDateTime": "datetime",
    "Instant": "datetime",
    "Duration": "bigint",
    "LocalTime": "time",
    "UUID": "uuid",
    "TextBlob": "text",
    "Blob": "file",
    "AnyBlob": "file",
    "ImageBlob": "file",
}
KEY_SIDE = {
    "ManyToOne": "many_to_one",
    "OneToMany": "one_to_many",
    "OneToOne": "one_to_one",
    "ManyToMany": "many_to_many",
}
REVERSE_SIDE = {
    "ManyToOne": "one_to_many",
    "OneToMany": "many_to_one",
    "OneToOne": "one_to_one",
    "ManyToMany": "many_to_many",
}
# Warnings per corpus file, counted by hand from each file and the documented mapping.
EXPECTED_WARNINGS: dict[str, dict[str, int]] = {
    "21-points.jh": {"jdl-unsupported": 2},  # config keys; search on entities without text
    "Oracle-Human-Resources-sample.jdl": {"jdl-unsupported": 1},  # service
    "blog.jh": {"jdl-unsupported": 1},  # config keys
    "bootiful-music.jh": {"jdl-unsupported": 3},  # databaseType, prodDatabaseType, config
    "bug-tracker.jdl": {"jdl-renamed": 1},  # Ticket.type
    "e-commerce-monolith.jdl": {"jdl-unsupported": 2},  # config keys, service
    "library.jh": {"jdl-unsupported": 2},  # config keys, service
    "northwind-jdl.jh": {"jdl-unsupported": 17},  # 17 fields named id
    "online-shop.jh": {"jdl-unsupported": 1},  # service
    "space.jdl": {"jdl-unsupported": 1, "jdl-renamed": 1},  # config keys; SpaceEvent.type
}


# ---- reading the corpus independently ---------------------------------------------------


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces, so offsets and line numbers stay."""
    return re.sub(r"/\*[\s\S]*?\*/|//[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _source_entities(text: str) -> dict[str, list[tuple[str, str, list[str], int]]]:
    """Entity name to its fields: (name, type, validations, line)."""
    clean = _blank_comments(text)
    constants = {m[1]: m[2] for m in re.finditer(r"^\s*(\w+)\s*=\s*(-?\d+)\s*$", clean, re.M)}
    entities: dict[str, list[tuple[str, str, list[str], int]]] = {}
    for match in re.finditer(r"\bentity\s+(\w+)\s*(?:\(\s*\w+\s*\))?\s*(?:\{([^}]*)\})?", clean):
        fields = []
        body_start = match.start(2)
        for piece in re.finditer(r"[^,\n]+", match.group(2) or ""):
            words = re.findall(r"\w+(?:\([^)]*\))?", piece.group())
            if len(words) < 2:
                continue
            rules = [
                re.sub(r"\((\w+)\)", lambda m: f"({constants.get(m[1], m[1])})", w)
                for w in words[2:]
            ]
            fields.append((words[0], words[1], rules, _line(clean, body_start + piece.start())))
        entities[match.group(1)] = fields
    return entities


def _source_enums(text: str) -> dict[str, list[tuple[str, str | None]]]:
    clean = _blank_comments(text)
    enums = {}
    for match in re.finditer(r"\benum\s+(\w+)\s*\{([^}]*)\}", clean):
        values = re.findall(r"(\w+)\s*(?:\(\s*\"?([^)\"]*)\"?\s*\))?", match.group(2))
        enums[match.group(1)] = [(name, label or None) for name, label in values]
    return enums


_SIDE = (
    r"(?P<{0}>\w+)\s*"
    r"(?:\{{\s*(?P<{0}_field>\w+)\s*(?:\(\s*\w+\s*\))?\s*(?P<{0}_req>required)?\s*\}})?"
)
_BODY = re.compile(_SIDE.format("src") + r"\s+to\s+" + _SIDE.format("dst"))


def _source_relationships(text: str) -> list[dict[str, Any]]:
    clean = _blank_comments(text)
    found = []
    for match in re.finditer(r"\brelationship\s+(\w+)\s*\{", clean):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(clean[end], 0)
            end += 1
        for body in _BODY.finditer(clean[match.end() : end - 1]):
            found.append({"kind": match.group(1), **body.groupdict()})
    return found


def _field(spec: Spec, entity: str, name: str) -> FieldDef:
    found = spec.entity(entity)
    assert found is not None, f"entity {entity} missing"
    field = found.field(name)
    assert field is not None, f"{entity}.{name} missing; has {[f.name for f in found.fields]}"
    return field


def _renamed_at(result: ImportResult, line: int) -> str | None:
    for w in result.warnings:
        if w.code == "jdl-renamed" and w.loc is not None and w.loc.line == line:
            return re.search(r"imported as '(\w+)'", w.message)[1]  # type: ignore[index]
    return None


def _import_corpus(path: Path) -> ImportResult:
    return import_jdl(path.read_text(encoding="utf-8"), str(path))


# ---- the corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_entities_and_fields(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = _import_corpus(path)
    spec = result.spec
    source = _source_entities(text)
    assert source, "the source should declare entities"
    assert {e.name for e in spec.entities if not e.builtin} == set(source)
    enums = _source_enums(text)
    for entity, fields in source.items():
        for name, jdl_type, rules, line in fields:
            if to_snake(name) == "id":
                assert any(
                    w.loc and w.loc.line == line and "'id'" in w.message for w in result.warnings
                )
                assert spec.entity(entity).field("id") is None  # type: ignore[union-attr]
                continue
            field = _field(spec, entity, _renamed_at(result, line) or to_snake(name))
            _check_field(field, jdl_type, rules, enums)


def _check_field(field: FieldDef, jdl_type: str, rules: list[str], enums: dict[str, Any]) -> None:
    bounds = {m[1]: m[2] for r in rules if (m := re.fullmatch(r"(\w+)\((-?[\d.]+)\)", r))}
    if jdl_type in enums:
        assert (field.type, field.enum) == ("enum", jdl_type)
    else:
        assert field.type == SPEC_TYPES[jdl_type], field
    assert field.optional is ("required" not in rules)
    assert field.unique is ("unique" in rules)
    assert field.length == (int(bounds["maxlength"]) if "maxlength" in bounds else None)
    assert field.min_length == (int(bounds["minlength"]) if "minlength" in bounds else None)
    assert field.min == (float(bounds["min"]) if "min" in bounds else None)
    assert field.max == (float(bounds["max"]) if "max" in bounds else None)
    if jdl_type == "BigDecimal":
        assert (field.precision, field.scale) == (21, 2)


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_enums(path: Path) -> None:
    spec = _import_corpus(path).spec
    source = _source_enums(path.read_text(encoding="utf-8"))
    assert {e.name for e in spec.enums} == set(source)
    for name, values in source.items():
        enum = spec.enum_def(name)
        assert enum is not None
        assert [(v.name, v.label) for v in enum.values] == values


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_relationships_on_both_sides(path: Path) -> None:
    spec = _import_corpus(path).spec
    relationships = _source_relationships(path.read_text(encoding="utf-8"))
    for rel in relationships:
        kind, src, dst = rel["kind"], rel["src"], rel["dst"]
        forward = _field(spec, src, to_snake(rel["src_field"] or dst))
        assert (forward.target, forward.cardinality) == (dst, KEY_SIDE[kind])
        assert forward.optional is (rel["src_req"] is None)
        if dst == "User" or not (rel["dst_field"] or kind in ("OneToMany", "ManyToMany")):
            continue
        reverse = _field(spec, dst, to_snake(rel["dst_field"] or src))
        assert (reverse.target, reverse.cardinality) == (src, REVERSE_SIDE[kind])
        assert reverse.optional is (rel["dst_req"] is None)
        back = reverse if kind != "OneToMany" else forward
        assert back.via == (forward.name if back is reverse else reverse.name)


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_warnings(path: Path) -> None:
    result = _import_corpus(path)
    assert Counter(w.code for w in result.warnings) == EXPECTED_WARNINGS[path.name]
    for w in result.warnings:
        assert w.level == "warning"
        assert w.loc is not None
        assert w.loc.file == str(path)
        assert w.loc.line >= 1


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_spec_is_final_and_valid(path: Path) -> None:
    validate = pytest.importorskip("infranest.spec.validate").validate
    spec = _import_corpus(path).spec
    assert finalize(spec) == spec
    assert spec.entity("User") is not None
    errors = [d.render() for d in validate(spec) if d.level == "error"]
    assert errors == []


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_spec_round_trips_through_the_dsl(path: Path) -> None:
    format_spec = pytest.importorskip("infranest.spec.formatter").format_spec
    parse = pytest.importorskip("infranest.spec.parser").parse
    spec = _import_corpus(path).spec
    assert parse(format_spec(spec), "roundtrip.nest") == spec


def _corpus(name: str) -> ImportResult:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} not found")
    return _import_corpus(path)


def _shape(entity: Entity | None) -> list[tuple[Any, ...]]:
    assert entity is not None
    return [
        (f.name, f.type, f.target or f.enum, f.cardinality, f.via, f.optional)
        for f in entity.fields
    ]


def test_corpus_21_points_spot_checks() -> None:
    spec = _corpus("21-points.jh").spec
    assert spec.project.name == "health_points"
    assert (spec.project.auth.methods, spec.project.auth.providers) == (("oauth2",), ("oidc",))
    assert _shape(spec.entity("Preferences")) == [
        ("weekly_goal", "int", None, None, None, False),
        ("weight_units", "enum", "Units", None, None, False),
        ("user", "relation", "User", "one_to_one", None, True),
    ]
    style = {e.name: e.pagination.style if e.pagination else None for e in spec.entities}
    assert style == {
        "User": None,
        "BloodPressure": "cursor",
        "Weight": "cursor",
        "Points": "offset",
        "Preferences": None,
    }
    assert {e.name: e.search for e in spec.entities if e.search} == {"Points": ("notes",)}


def test_corpus_oracle_hr_spot_checks() -> None:
    spec = _corpus("Oracle-Human-Resources-sample.jdl").spec
    employee = spec.entity("Employee")
    assert employee is not None
    assert employee.description == "The Employee entity."
    assert [(c.anchor, c.text) for c in employee.comments] == [
        ("field:first_name", " The firstname attribute."),
        ("field:department", " Another side of the same relationship"),
    ]
    assert _shape(spec.entity("Department")) == [
        ("department_name", "string", None, None, None, False),
        ("location", "relation", "Location", "one_to_one", None, True),
        ("employee", "relation", "Employee", "one_to_many", "department", True),
    ]
    assert spec.project.auth.methods == ("jwt",)
    assert spec.entity("Location").description == "not an ignored comment"  # type: ignore[union-attr]


def test_corpus_library_spot_checks() -> None:
    spec = _corpus("library.jh").spec
    book = spec.entity("Book")
    assert book is not None
    assert _shape(book) == [
        ("isbn", "string", None, None, None, False),
        ("name", "string", None, None, None, False),
        ("publish_year", "string", None, None, None, False),
        ("copies", "int", None, None, None, False),
        ("cover", "file", None, None, None, True),
        ("publisher", "relation", "Publisher", "one_to_one", None, True),
        ("author", "relation", "Author", "many_to_many", None, True),
    ]
    assert [(f.length, f.min_length) for f in book.fields[:3]] == [(13, 5), (100, None), (50, 4)]
    assert book.filter == ("isbn", "name", "publish_year", "copies", "publisher")
    assert _field(spec, "Author", "book").via == "author"


def test_corpus_bug_tracker_and_northwind_spot_checks() -> None:
    bugs = _corpus("bug-tracker.jdl").spec
    ticket = bugs.entity("Ticket")
    assert ticket is not None
    assert [f.name for f in ticket.fields] == [
        "title", "description", "due_date", "date", "status", "ticket_type", "priority",
        "label", "project", "assigned_to", "reported_by", "attachment",
    ]  # fmt: skip
    assert _field(bugs, "Attachment", "ticket").cardinality == "many_to_one"
    assert _field(bugs, "Comment", "child").target == "Comment"
    northwind = _corpus("northwind-jdl.jh").spec
    customer = northwind.entity("Customer")
    assert customer is not None
    assert [(f.name, f.type) for f in customer.fields][9:] == [
        ("address", "text"), ("city", "string"), ("state_province", "string"),
        ("zip_postal_code", "string"), ("country_region", "string"), ("web_page", "text"),
        ("notes", "text"), ("attachments", "file"),
    ]  # fmt: skip
