"""The OpenAPI importer's mapping rules, each on a small document."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_support import (
    entity_of,
    field_of,
    messages,
    shape,
    validation_errors,
    warned,
)

from infranest.spec.importers import ImportResult
from infranest.spec.importers.openapi import import_openapi, import_openapi_text
from infranest.spec.model import AccessRule, Action, Default, EnumValue


def _doc(
    schemas: dict[str, Any] | None = None,
    paths: dict[str, Any] | None = None,
    version: str = "3.0.3",
    **extra: Any,
) -> dict[str, Any]:
    components: dict[str, Any] = {"schemas": schemas or {}}
    components.update(extra.pop("components", {}))
    return {
        "openapi": version,
        "info": {"title": "Pet Store", "version": "1.0", **extra.pop("info", {})},
        "paths": paths or {},
        "components": components,
        **extra,
    }


def _one(
    props: dict[str, Any], required: list[str] | None = None, version: str = "3.0.3"
) -> ImportResult:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required is not None:
        schema["required"] = required
    return import_openapi(_doc({"Thing": schema}, version=version), "t.yaml")


def _thing(props: dict[str, Any], **kwargs: Any) -> dict[str, dict[str, Any]]:
    spec = _one(props, **kwargs).spec
    return {f.name: shape(f) for f in entity_of(spec, "Thing").fields}


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, {"type": "string"}),
        ({"type": "string", "maxLength": 80}, {"type": "string", "length": 80}),
        ({"type": "string", "maxLength": 255}, {"type": "string", "length": 255}),
        ({"type": "string", "maxLength": 4000}, {"type": "text", "max_length": 4000}),
        (
            {"type": "string", "format": "email", "maxLength": 90},
            {"type": "email", "max_length": 90},
        ),
        ({"type": "string", "format": "uri"}, {"type": "url"}),
        ({"type": "string", "format": "url"}, {"type": "url"}),
        ({"type": "string", "format": "uuid"}, {"type": "uuid"}),
        ({"type": "string", "format": "date"}, {"type": "date"}),
        ({"type": "string", "format": "date-time"}, {"type": "datetime"}),
        ({"type": "string", "format": "time"}, {"type": "time"}),
        ({"type": "string", "format": "binary"}, {"type": "file"}),
        ({"type": "string", "format": "byte"}, {"type": "file"}),
        ({"type": "string", "format": "password"}, {"type": "string", "writeonly": True}),
        ({"type": "string", "format": "decimal"}, {"type": "decimal", "precision": 18, "scale": 2}),
        ({"type": "integer"}, {"type": "int"}),
        ({"type": "integer", "format": "int32"}, {"type": "int"}),
        ({"type": "integer", "format": "int64"}, {"type": "bigint"}),
        ({"type": "number"}, {"type": "float"}),
        ({"type": "number", "format": "double"}, {"type": "float"}),
        ({"type": "number", "multipleOf": 0.01}, {"type": "decimal", "precision": 18, "scale": 2}),
        ({"type": "number", "format": "decimal"}, {"type": "decimal", "precision": 18, "scale": 2}),
        ({"type": "boolean"}, {"type": "bool"}),
        ({"type": "object"}, {"type": "json"}),
        ({"type": "object", "additionalProperties": {"type": "string"}}, {"type": "json"}),
        (
            {"type": "string", "minLength": 3, "pattern": "^[a-z]+$"},
            {"type": "string", "min_length": 3, "pattern": "^[a-z]+$"},
        ),
        ({"type": "integer", "minimum": 1, "maximum": 9}, {"type": "int", "min": 1, "max": 9}),
        ({"type": "string", "readOnly": True}, {"type": "string", "readonly": True}),
        ({"type": "string", "writeOnly": True}, {"type": "string", "writeonly": True}),
        (
            {"type": "integer", "default": 3},
            {"type": "int", "default": {"kind": "number", "value": 3}},
        ),
        (
            {"type": "boolean", "default": False},
            {"type": "bool", "default": {"kind": "bool", "value": False}},
        ),
    ],
)
def test_scalar_types_and_constraints(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    result = _one({"value": schema}, required=["value"])
    assert shape(field_of(result.spec, "Thing", "value")) == expected
    assert result.warnings == ()


def test_required_list_decides_optional() -> None:
    fields = _thing({"a": {"type": "string"}, "b": {"type": "string"}}, required=["a"])
    assert fields == {"a": {"type": "string"}, "b": {"type": "string", "optional": True}}


def test_nullable_in_30() -> None:
    fields = _thing({"a": {"type": "string", "nullable": True}}, required=["a"])
    assert fields == {"a": {"type": "string", "optional": True}}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": ["string", "null"]},
        {"anyOf": [{"type": "string"}, {"type": "null"}]},
        {"oneOf": [{"type": "null"}, {"type": "string"}]},
    ],
)
def test_null_in_31_makes_optional(schema: dict[str, Any]) -> None:
    result = _one({"a": schema}, required=["a"], version="3.1.0")
    assert {f.name: shape(f) for f in result.spec.entities[-1].fields} == {
        "a": {"type": "string", "optional": True}
    }
    assert result.warnings == ()


def test_31_several_types_become_json_with_a_warning() -> None:
    result = _one({"a": {"type": ["string", "integer"]}}, required=["a"], version="3.1.0")
    assert field_of(result.spec, "Thing", "a").type == "json"
    assert [w.path for w in result.warnings] == ["#/components/schemas/Thing/properties/a"]


@pytest.mark.parametrize(
    ("schema", "bounds"),
    [
        ({"type": "integer", "minimum": 0, "exclusiveMinimum": True}, (1, None)),
        ({"type": "integer", "maximum": 10, "exclusiveMaximum": True}, (None, 9)),
        ({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}, (1, 9)),
    ],
)
def test_exclusive_bounds_on_integers_are_adjusted(
    schema: dict[str, Any], bounds: tuple[int | None, int | None]
) -> None:
    result = _one({"n": schema})
    field = field_of(result.spec, "Thing", "n")
    assert (field.min, field.max) == bounds
    assert result.warnings == ()


def test_exclusive_bound_on_a_float_warns() -> None:
    result = _one({"n": {"type": "number", "minimum": 0, "exclusiveMinimum": True}})
    assert field_of(result.spec, "Thing", "n").min == 0
    assert messages(result) == ["Thing.n: exclusiveMinimum not representable; bound kept inclusive"]


def test_unrepresentable_keywords_are_named() -> None:
    result = _one(
        {"n": {"type": "integer", "multipleOf": 5}, "s": {"type": "string", "format": "hostname"}}
    )
    assert messages(result) == [
        "Thing.n: schema keywords not representable: multipleOf",
        "Thing.s: string format 'hostname' not representable; string used",
    ]


def test_inline_enum_becomes_an_enum_named_schema_and_property() -> None:
    result = _one(
        {
            "state": {
                "type": "string",
                "enum": ["on hold", "Active", "9lives"],
                "default": "on hold",
            },
            "other": {"type": "string", "enum": ["on hold", "Active", "9lives"]},
        }
    )
    spec = result.spec
    assert [e.name for e in spec.enums] == ["ThingState", "ThingOther"]
    assert spec.enums[0].values == (
        EnumValue(name="on_hold", label="on hold"),
        EnumValue(name="Active"),
        EnumValue(name="_9lives", label="9lives"),
    )
    assert field_of(spec, "Thing", "state").default == Default(kind="enum", value="on_hold")


def test_component_enum_is_reused_by_every_reference() -> None:
    schemas = {
        "Color": {"type": "string", "enum": ["red", "dark blue"]},
        "Car": {"type": "object", "properties": {"color": {"$ref": "#/components/schemas/Color"}}},
        "Bike": {"type": "object", "properties": {"paint": {"$ref": "#/components/schemas/Color"}}},
    }
    spec = import_openapi(_doc(schemas)).spec
    assert [e.name for e in spec.enums] == ["Color"]
    assert field_of(spec, "Car", "color").enum == "Color"
    assert field_of(spec, "Bike", "paint").enum == "Color"


def test_integer_enum_warns_and_keeps_bounds() -> None:
    result = _one({"level": {"type": "integer", "enum": [1, 2, 3]}})
    assert shape(field_of(result.spec, "Thing", "level")) == {
        "type": "int",
        "optional": True,
        "min": 1,
        "max": 3,
    }
    assert warned(result, "integer enum")


def test_id_is_the_implicit_primary_key() -> None:
    result = _one({"id": {"type": "integer", "readOnly": True}, "name": {"type": "string"}})
    assert [f.name for f in entity_of(result.spec, "Thing").fields] == ["name"]
    assert result.warnings == ()


def test_odd_id_type_warns() -> None:
    result = _one({"id": {"type": "boolean"}, "name": {"type": "string"}})
    assert messages(result) == ["Thing.id is declared boolean; the implicit primary key is used"]


def test_arrays_of_values_and_oneof_become_json_with_warnings() -> None:
    result = _one(
        {
            "tags": {"type": "array", "items": {"type": "string"}},
            "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "blob": {},
        }
    )
    fields = {f.name: f.type for f in entity_of(result.spec, "Thing").fields}
    assert fields == {"tags": "json", "either": "json", "blob": "json"}
    assert [w.path for w in result.warnings] == [
        "#/components/schemas/Thing/properties/tags",
        "#/components/schemas/Thing/properties/either",
        "#/components/schemas/Thing/properties/blob",
    ]


PETSTORE = """
openapi: 3.0.3
info: {title: Pet Store, version: '1.0'}
security: [{bearer: []}]
paths:
  /pets:
    get:
      security: []
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: limit, in: query, schema: {type: integer, default: 25, maximum: 200}}
        - {name: q, in: query, schema: {type: string}}
        - {name: sort, in: query, schema: {type: string, enum: [name, -name]}}
        - {name: owner_id, in: query, schema: {type: integer}}
        - {name: color, in: query, schema: {type: string}}
      responses:
        '200':
          description: pets
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewPet'}
      responses: {'201': {description: created}}
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        '200':
          description: a pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PetResponse'}
    delete:
      responses: {'204': {description: gone}}
  /pets/{petId}/adopt:
    post: {responses: {'200': {description: adopted}}}
  /auth/login:
    post: {security: [], responses: {'200': {description: token}}}
  /health:
    get: {security: [], responses: {'200': {description: ok}}}
  /reports/export:
    get: {responses: {'200': {description: csv}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Owner: {type: object, properties: {name: {type: string}}}
    Tag: {type: object, properties: {label: {type: string}}}
    NewPet:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 50}
        owner: {$ref: '#/components/schemas/Owner'}
        tags: {type: array, items: {$ref: '#/components/schemas/Tag'}}
    Pet:
      allOf:
        - $ref: '#/components/schemas/NewPet'
        - {type: object, properties: {id: {type: integer, format: int64}}}
    PetResponse: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}
    Error: {type: object, properties: {code: {type: integer}}}
    Ack: {type: object, properties: {status: {type: string}, message: {}}}
"""


BEARER = {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}


def _petstore() -> ImportResult:
    return import_openapi_text(PETSTORE, "pets.yaml")


def test_wrappers_and_request_only_schemas_are_no_entities() -> None:
    result = _petstore()
    assert [e.name for e in result.spec.entities] == ["User", "Owner", "Tag", "Pet"]
    assert result.spec.entities[0].builtin
    reasons = {w.path: w.message for w in warned(result, "is not an entity")}
    assert reasons == {
        "#/components/schemas/NewPet": (
            "schema NewPet is not an entity: it is only used as a request body"
        ),
        "#/components/schemas/PetResponse": (
            "schema PetResponse is not an entity: its name marks a request/response wrapper"
        ),
        "#/components/schemas/Error": (
            "schema Error is not an entity: its name marks a request/response wrapper"
        ),
        "#/components/schemas/Ack": (
            "schema Ack is not an entity: it only holds envelope properties (message, status)"
        ),
    }


def test_allof_merges_properties_and_refs_become_relations() -> None:
    spec = _petstore().spec
    assert {f.name: shape(f) for f in entity_of(spec, "Pet").fields} == {
        "name": {"type": "string", "length": 50},
        "owner": {
            "type": "relation",
            "target": "Owner",
            "cardinality": "many_to_one",
            "optional": True,
        },
        "tags": {
            "type": "relation",
            "target": "Tag",
            "cardinality": "many_to_many",
            "optional": True,
        },
    }


def test_list_query_parameters_give_the_apishape() -> None:
    result = _petstore()
    pet = entity_of(result.spec, "Pet")
    assert pet.pagination is not None
    assert (pet.pagination.style, pet.pagination.size, pet.pagination.max_size) == (
        "offset",
        25,
        200,
    )
    assert pet.search == ("name",)
    assert pet.sort == ("name",)
    assert pet.filter == ("owner",)
    assert messages(result).count("Pet: list query parameter 'color' not represented") == 1


def test_operations_give_access_and_actions() -> None:
    result = _petstore()
    pet = entity_of(result.spec, "Pet")
    assert pet.access == (
        AccessRule(operations=("list",), principals=("anyone",)),
        AccessRule(operations=("read", "create", "delete"), principals=("authenticated",)),
    )
    assert pet.actions == (
        Action(name="adopt", method="post", scope="item", allow=("authenticated",)),
    )


def test_unbound_endpoints_warn_but_generated_ones_do_not() -> None:
    result = _petstore()
    untied = warned(result, "tied to no entity")
    assert [w.path for w in untied] == ["#/paths/~1reports~1export/get"]
    assert untied[0].message == "GET /reports/export is tied to no entity; not represented"


def test_to_many_with_a_back_reference_is_one_to_many() -> None:
    schemas = {
        "Author": {
            "type": "object",
            "properties": {
                "books": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}}
            },
        },
        "Book": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "author": {"$ref": "#/components/schemas/Author"},
            },
        },
    }
    spec = import_openapi(_doc(schemas)).spec
    books = field_of(spec, "Author", "books")
    assert (books.cardinality, books.via) == ("one_to_many", "author")


def test_nested_objects_with_an_id_become_entities_others_json() -> None:
    result = _one(
        {
            "maker": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            "thingPart": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "size": {"type": "object", "properties": {"w": {"type": "number"}}},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "qty": {"type": "integer"}},
                },
            },
        }
    )
    spec = result.spec
    assert [e.name for e in spec.entities] == ["Thing", "ThingMaker", "ThingPart", "ThingLine"]
    assert field_of(spec, "Thing", "maker").target == "ThingMaker"
    assert field_of(spec, "Thing", "size").type == "json"
    lines = field_of(spec, "Thing", "lines")
    assert (lines.cardinality, lines.target, lines.via) == ("one_to_many", "ThingLine", "thing")
    assert field_of(spec, "ThingLine", "thing").cardinality == "many_to_one"
    assert messages(result) == ["Thing.size: nested object without an id stored as json"]


def test_scalar_foreign_key_named_after_an_entity_is_a_relation() -> None:
    schemas = {
        "Customer": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Invoice": {
            "type": "object",
            "required": ["customer_id"],
            "properties": {"customer_id": {"type": "integer"}, "ref_id": {"type": "integer"}},
        },
    }
    spec = import_openapi(_doc(schemas)).spec
    assert {f.name: shape(f) for f in entity_of(spec, "Invoice").fields} == {
        "customer": {"type": "relation", "target": "Customer", "cardinality": "many_to_one"},
        "ref_id": {"type": "int", "optional": True},
    }


def test_resources_from_paths_alone() -> None:
    item = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
    }
    paths = {
        "/api/v2/notes": {
            "get": {
                "responses": {
                    "200": {
                        "description": "notes",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"notes": {"type": "array", "items": item}},
                                }
                            }
                        },
                    }
                }
            }
        },
        "/api/v2/notes/{note_id}/pin": {"post": {"responses": {"204": {"description": "pinned"}}}},
    }
    spec = import_openapi(_doc(paths=paths)).spec
    note = entity_of(spec, "Note")
    assert [f.name for f in note.fields] == ["title"]
    assert note.access == (AccessRule(operations=("list",), principals=("anyone",)),)
    assert [a.name for a in note.actions] == ["pin"]


@pytest.mark.parametrize(
    ("schemes", "methods", "providers"),
    [
        ({}, ("none",), ()),
        ({"b": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}, ("jwt",), ()),
        ({"k": {"type": "apiKey", "in": "header", "name": "X-Key"}}, ("apikey",), ()),
        ({"c": {"type": "apiKey", "in": "cookie", "name": "sid"}}, ("session",), ()),
        (
            {
                "o": {
                    "type": "oauth2",
                    "flows": {
                        "authorizationCode": {
                            "authorizationUrl": "https://accounts.google.com/o/oauth2/auth",
                            "tokenUrl": "https://oauth2.googleapis.com/token",
                            "scopes": {},
                        }
                    },
                }
            },
            ("oauth2",),
            ("google",),
        ),
        (
            {"GitHubLogin": {"type": "openIdConnect", "openIdConnectUrl": "/.well-known"}},
            ("oauth2",),
            ("git_hub_login",),
        ),
    ],
)
def test_auth_from_security_schemes(
    schemes: dict[str, Any], methods: tuple[str, ...], providers: tuple[str, ...]
) -> None:
    result = import_openapi(_doc(components={"securitySchemes": schemes}))
    assert result.spec.project.auth.methods == methods
    assert result.spec.project.auth.providers == providers
    assert result.warnings == ()


def test_basic_auth_warns() -> None:
    result = import_openapi(
        _doc(components={"securitySchemes": {"basic": {"type": "http", "scheme": "basic"}}})
    )
    assert result.spec.project.auth.methods == ("none",)
    assert messages(result) == ["security scheme 'basic' (http basic) not representable"]


def test_project_from_info() -> None:
    doc = _doc(
        info={"title": "My Shop API", "description": "Sells things.\nMore text.", "version": 2}
    )
    project = import_openapi(doc).spec.project
    assert (project.name, project.description, project.version) == (
        "my_shop_api",
        "Sells things.",
        "2",
    )


def test_names_that_break_generated_code_are_renamed() -> None:
    schemas = {
        "File": {
            "type": "object",
            "properties": {
                "type": {"type": "string"},
                "class": {"$ref": "#/components/schemas/Folder"},
            },
        },
        "Folder": {
            "type": "object",
            "properties": {
                "files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}}
            },
        },
    }
    ok = {"200": {"description": "ok"}}
    paths = {
        "/files": {"get": {"responses": ok}},
        "/files/{id}/show": {"post": {"responses": ok}},
        "/files/list": {"get": {"responses": ok}},
    }
    result = import_openapi(_doc(schemas, paths), "r.yaml")
    spec = result.spec
    assert [e.name for e in spec.entities] == ["FileRecord", "Folder"]
    assert [f.name for f in entity_of(spec, "FileRecord").fields] == ["file_type", "file_class"]
    files = field_of(spec, "Folder", "files")
    assert (files.target, files.cardinality, files.via) == (
        "FileRecord",
        "one_to_many",
        "file_class",
    )
    assert [a.name for a in entity_of(spec, "FileRecord").actions] == ["show_file", "list_file"]
    assert entity_of(spec, "FileRecord").access == (
        AccessRule(operations=("list",), principals=("anyone",)),
    )
    renamed = [w for w in result.warnings if w.code == "openapi-renamed"]
    assert [w.path for w in renamed] == [
        "#/components/schemas/File",
        "#/components/schemas/File/properties/type",
        "#/components/schemas/File/properties/class",
        "#/paths/~1files~1{id}~1show/post",
        "#/paths/~1files~1list/get",
    ]
    assert validation_errors(spec) == []


def test_focused_documents_have_no_validation_errors() -> None:
    assert validation_errors(_petstore().spec) == []


def test_register_and_me_describe_the_user() -> None:
    body = {
        "type": "object",
        "required": ["email"],
        "properties": {
            "email": {"type": "string", "format": "email"},
            "password": {"type": "string", "format": "password"},
            "2fa": {"type": "boolean"},
        },
    }
    me = {
        "type": "object",
        "properties": {"data": {"type": "object", "properties": body["properties"]}},
    }
    paths = {
        "/auth/register": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": body}}},
                "responses": {"201": {"description": "registered"}},
            }
        },
        "/auth/login": {"post": {"responses": {"200": {"description": "token"}}}},
        "/me": {
            "get": {
                "responses": {
                    "200": {"description": "me", "content": {"application/json": {"schema": me}}}
                }
            }
        },
    }
    result = import_openapi(_doc(paths=paths, components=BEARER), "u.yaml")
    user = entity_of(result.spec, "User")
    assert not user.builtin
    assert {f.name: shape(f) for f in user.fields} == {
        "email": {"type": "email"},
        "n2fa": {"type": "bool", "optional": True},
    }
    assert user.access == ()
    assert messages(result) == [
        "User.password: credentials are generated with authentication; not kept as a field"
    ]
