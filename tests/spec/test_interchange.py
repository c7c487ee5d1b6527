"""The JSON/YAML forms: the JSON Schema, syntax errors with places, value errors with paths,
and the built-in User through finalize."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import specs

from infranest.spec.builtins import USER, builtin_user, finalize
from infranest.spec.diagnostics import SpecError
from infranest.spec.interchange import (
    from_data,
    json_schema,
    read_data,
    to_data,
    to_json,
    to_yaml,
)
from infranest.spec.model import Auth, Entity, EnumDef, EnumValue, FieldDef, Project, Spec

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "loc" not in schema["$defs"]["FieldDef"]["properties"]
    assert "Loc" not in schema["$defs"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_schema_accepts_the_json_form_of_generated_specs(spec: Spec) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(json.loads(to_json(spec)))]
    assert errors == []


BAD_DOCUMENTS = [
    ({"project": {"name": "p"}, "entities": [], "extra": 1}, "'extra' was unexpected"),
    ({"entities": []}, "'project' is a required property"),
    ({"project": {"name": "p", "auth": {"methods": ["jwtt"]}}, "entities": []}, "'jwtt'"),
    (
        {"project": {"name": "p"}, "entities": [{"name": "A", "fields": [{"name": "a"}]}]},
        "'type' is a required property",
    ),
    (
        {"project": {"name": "p"}, "entities": [{"name": "A", "rows": -1}]},
        "-1 is not valid under any of the given schemas",
    ),
]


@pytest.mark.parametrize(("document", "message"), BAD_DOCUMENTS)
def test_schema_rejects_bad_documents(document: dict[str, Any], message: str) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(document)]
    assert any(message in m for m in errors), errors
    with pytest.raises(SpecError):
        from_data(document)


def test_json_form_contract() -> None:
    spec = finalize(
        Spec(
            project=Project(name="shop"),
            enums=(EnumDef(name="S", values=(EnumValue(name="a"),)),),
            entities=(
                Entity(
                    name="Order",
                    fields=(
                        FieldDef(name="total", type="decimal", precision=10, scale=2),
                        FieldDef(
                            name="buyer", type="relation", target=USER, cardinality="many_to_one"
                        ),
                    ),
                ),
            ),
        )
    )
    data = to_data(spec)
    assert list(data)[:2] == ["project", "entities"]
    assert [e["name"] for e in data["entities"]] == [USER, "Order"]
    order = data["entities"][1]
    assert order["fields"] == [
        {"name": "total", "type": "decimal", "precision": 10, "scale": 2},
        {"name": "buyer", "type": "relation", "target": "User", "cardinality": "many_to_one"},
    ]
    assert "loc" not in json.dumps(data)
    assert json.loads(to_json(spec)) == data


def test_minimal_spec_keeps_project_and_entities() -> None:
    spec = Spec(project=Project(name="p", auth=Auth(methods=("none",))))
    assert to_data(spec) == {
        "project": {"name": "p", "auth": {"methods": ["none"]}},
        "entities": [],
    }


# ---- syntax errors in the text name line and column ---------------------------------------


@pytest.mark.parametrize(
    ("text", "filename", "code", "line", "column", "message"),
    [
        ('{"a": }', "x.json", "bad-json", 1, 7, "Expecting value"),
        ('{\n  "project": 1,,\n}', "x.json", "bad-json", 2, 16, "Expecting property name"),
        ("a: [1, 2\nb: 3\n", "x.yaml", "bad-yaml", 2, 2, "expected ',' or ']'"),
        ("project:\n  name: p\n\tentities: []\n", "x.yml", "bad-yaml", 3, 1, "found character"),
    ],
)
def test_syntax_errors_name_line_and_column(
    text: str, filename: str, code: str, line: int, column: int, message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        read_data(text, filename)
    (d,) = caught.value.diagnostics
    assert d.loc is not None
    assert (d.code, d.loc.file, d.loc.line, d.loc.column) == (code, filename, line, column)
    assert message in d.message
    assert d.hint == f"check the {code[4:].upper()} syntax near this place"
    assert caught.value.render().split("\n")[0].startswith(f"{filename}:{line}:{column}: error:")


# ---- wrong values name their path ---------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "code", "path", "hint"),
    [
        (
            {"project": {"name": "p", "auth": {"methods": ["jwtt"]}}},
            "schema-literal-error",
            "project.auth.methods[0]",
            "valid: 'none', 'jwt'",
        ),
        (
            {
                "project": {"name": "p"},
                "entities": [{"name": "Order", "fields": [{"name": "t", "type": "strin"}]}],
            },
            "schema-literal-error",
            "entities[Order].fields[t].type",
            "valid: 'string', 'text'",
        ),
        (
            {
                "project": {"name": "p"},
                "entities": [{"name": "Order", "fields": [{"type": "int"}]}],
            },
            "schema-missing",
            "entities[Order].fields[0].name",
            "add the key",
        ),
        (
            {
                "project": {"name": "p"},
                "entities": [{"name": "A", "fields": [{"name": "x", "type": "int", "min": "low"}]}],
            },
            "schema-int-parsing",
            "entities[A].fields[x].min",
            "JSON Schema",
        ),
        (
            {"project": {"name": "p"}, "colour": "red"},
            "schema-extra-forbidden",
            "colour",
            "remove the key",
        ),
        ([], "schema-model-type", "(top)", "JSON Schema"),
    ],
)
def test_value_errors_name_their_path(document: object, code: str, path: str, hint: str) -> None:
    with pytest.raises(SpecError) as caught:
        from_data(document, "spec.json")
    (d,) = caught.value.diagnostics
    assert (d.code, d.path, d.file, d.loc) == (code, path, "spec.json", None)
    assert d.hint is not None
    assert hint in d.hint
    assert caught.value.render().startswith(f"spec.json: {path}: error: ")


def test_one_error_per_value_that_fits_no_union_member() -> None:
    document = {
        "project": {"name": "p"},
        "entities": [{"name": "A", "fields": [{"name": "x", "type": "int", "max": []}]}],
    }
    with pytest.raises(SpecError) as caught:
        from_data(document)
    (d,) = caught.value.diagnostics
    assert d.path == "entities[A].fields[x].max"
    assert d.message == "Input should be a valid integer; or input should be a valid number"


def test_every_wrong_value_is_reported() -> None:
    document = {
        "project": {"name": "p", "database": "oracle"},
        "entities": [{"name": "A", "rows": -1, "fields": [{"name": "x", "type": "blob"}]}],
    }
    with pytest.raises(SpecError) as caught:
        from_data(document)
    assert sorted(d.path or "" for d in caught.value.diagnostics) == [
        "entities[A].fields[x].type",
        "entities[A].rows",
        "project.database",
    ]


# ---- the built-in User --------------------------------------------------------------------


def test_builtin_user_is_in_the_json_form_and_round_trips() -> None:
    spec = finalize(Spec(project=Project(name="p")))
    data = to_data(spec)
    assert data["entities"][0]["name"] == USER
    assert data["entities"][0]["builtin"] is True
    assert from_data(data) == spec
    assert from_data(json.loads(to_json(spec))) == spec
    assert from_data(read_data(to_yaml(spec), "s.yaml")) == spec


def test_builtin_user_is_added_when_the_data_leaves_it_out() -> None:
    spec = from_data({"project": {"name": "p"}, "entities": []})
    assert spec.entities == (builtin_user(),)


def test_builtin_user_is_dropped_without_auth() -> None:
    data = {
        "project": {"name": "p", "auth": {"methods": ["none"]}},
        "entities": [to_data(finalize(Spec(project=Project(name="p"))))["entities"][0]],
    }
    assert from_data(data).entities == ()


def test_declared_user_replaces_the_builtin() -> None:
    declared = Entity(name=USER, fields=(FieldDef(name="nickname", type="string"),))
    data = to_data(finalize(Spec(project=Project(name="p")))) | {
        "entities": [
            to_data(Spec(project=Project(name="p"), entities=(builtin_user(), declared)))[
                "entities"
            ][0],
            declared.model_dump(mode="json", exclude_defaults=True),
        ]
    }
    spec = from_data(data)
    assert spec.entities == (declared,)
    assert from_data(to_data(spec)) == spec


def test_edited_builtin_is_restored() -> None:
    data = to_data(finalize(Spec(project=Project(name="p"))))
    data["entities"][0]["fields"] = []
    assert from_data(data).entities == (builtin_user(),)


def test_yaml_keeps_unicode_line_separators() -> None:
    spec = finalize(Spec(project=Project(name="p", description="a\x85b\u2028c\u2029d é")))
    text = to_yaml(spec)
    assert "é" in text
    assert from_data(read_data(text, "s.yaml")) == spec
