"""The API shape (the contract the generators serve) and its OpenAPI 3.1 document."""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from openapi_spec_validator import validate

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import SpecError
from infranest.spec.exporters.api_shape import api_shape, collection_path, pluralize
from infranest.spec.exporters.openapi import to_openapi
from infranest.spec.model import (
    AccessRule,
    Action,
    Auth,
    Cardinality,
    Default,
    Entity,
    EnumDef,
    EnumValue,
    FieldAccess,
    FieldDef,
    Flow,
    Index,
    Pagination,
    Project,
    RateLimit,
    Spec,
)

ADMIN_ONLY = FieldAccess(read=("admin",), write=("admin",))


def rel(name: str, target: str, card: Cardinality, **kw: Any) -> FieldDef:
    return FieldDef(name=name, type="relation", target=target, cardinality=card, **kw)


def shop(auth: Auth | None = None) -> Spec:
    order = Entity(
        name="Order",
        description="A customer's order",
        fields=(
            rel("customer", "User", "many_to_one", owner=True, on_delete="cascade"),
            FieldDef(
                name="status",
                type="enum",
                enum="OrderStatus",
                default=Default(kind="enum", value="pending"),
            ),
            FieldDef(name="total", type="decimal", precision=10, scale=2, min=0),
            FieldDef(name="note", type="text", optional=True, max_length=2000),
            FieldDef(name="placed_on", type="date", default=Default(kind="today")),
            FieldDef(name="secret", type="string", writeonly=True, min_length=4),
            FieldDef(name="score", type="float", readonly=True, optional=True),
            FieldDef(name="margin", type="int", access=ADMIN_ONLY, optional=True),
            FieldDef(name="extra", type="json", optional=True),
            rel("items", "OrderItem", "one_to_many", via="order"),
            rel("tags", "Tag", "many_to_many", via="orders"),
        ),
        search=("note",),
        filter=("status", "customer", "total", "placed_on", "extra"),
        sort=("total", "placed_on"),
        pagination=Pagination(style="cursor", size=50, max_size=200),
        timestamps=True,
        soft_delete=True,
        optimistic_lock=True,
        access=(
            AccessRule(operations=("read",), principals=("owner", "admin")),
            AccessRule(operations=("create",), principals=("customer",)),
            AccessRule(operations=("update", "delete"), principals=("admin",)),
        ),
        actions=(
            Action(
                name="cancel",
                allow=("owner", "admin"),
                limit=RateLimit(count=5, period="minute"),
                idempotent=True,
            ),
            Action(name="export_all", scope="collection", method="get"),
        ),
    )
    item = Entity(
        name="OrderItem",
        fields=(
            rel("order", "Order", "many_to_one"),
            FieldDef(name="quantity", type="int", min=1, max=100),
            FieldDef(name="sku", type="string", length=32, pattern="^[A-Z0-9-]+$"),
            FieldDef(name="code", type="string", max_length=20, min_length=2),
            FieldDef(name="ref", type="uuid", default=Default(kind="uuid")),
            FieldDef(name="site", type="url", optional=True),
            FieldDef(name="photo", type="file", optional=True),
            FieldDef(name="at", type="time", optional=True),
            FieldDef(name="seen", type="datetime", optional=True),
            FieldDef(name="big", type="bigint", min=-5),
            FieldDef(name="gift", type="bool", default=Default(kind="bool", value=False)),
            FieldDef(name="contact", type="email", optional=True),
        ),
        filter=("quantity", "gift", "order"),
        pagination=Pagination(style="none"),
        limits=(RateLimit(count=100, period="hour", scope="ip", operations=("write",)),),
    )
    tag = Entity(
        name="Tag",
        fields=(
            FieldDef(name="name", type="string", length=40, unique=True),
            rel("orders", "Order", "many_to_many", via="tags"),
        ),
        access=(AccessRule(operations=("read",), principals=("anyone",)),),
    )
    return finalize(
        Spec(
            project=Project(
                name="shop",
                description="Online store",
                version="1.2.0",
                auth=auth or Auth(methods=("jwt", "oauth2"), providers=("google",)),
                roles=("admin", "staff", "customer"),
            ),
            enums=(
                EnumDef(
                    name="OrderStatus",
                    values=(EnumValue(name="pending"), EnumValue(name="paid")),
                ),
            ),
            entities=(order, item, tag),
            flows=(
                Flow(
                    name="checkout",
                    steps=("Order.create",),
                    idempotent=True,
                    limits=(RateLimit(count=3, period="minute"),),
                ),
            ),
        )
    )


def tiny(*entities: Entity, auth: Auth | None = None) -> Spec:
    return finalize(
        Spec(project=Project(name="tiny", auth=auth or Auth(methods=("none",))), entities=entities)
    )


def schema_validator(doc: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return jsonschema.Draft202012Validator(schema)


# -- naming -------------------------------------------------------------------------------


PLURALS = (
    "order:orders category:categories day:days box:boxes church:churches dish:dishes "
    "status:statuses quiz:quizzes person:people child:children people:people series:series"
)
PATHS = "OrderItem:/order-items Person:/people URLLink:/url-links Category:/categories"


@pytest.mark.parametrize(("word", "plural"), [p.split(":") for p in PLURALS.split()])
def test_pluralize(word: str, plural: str) -> None:
    assert pluralize(word) == plural


@pytest.mark.parametrize(("entity", "path"), [p.split(":") for p in PATHS.split()])
def test_collection_path_is_kebab_plural(entity: str, path: str) -> None:
    assert collection_path(entity) == path


# -- the shape ----------------------------------------------------------------------------


def test_operations_paths_and_registration_order() -> None:
    shape = api_shape(shop())
    order = shape.resource("Order")
    assert order is not None
    routes = [(op.method, op.path, op.operation_id) for op in order.operations]
    assert routes == [
        ("get", "/orders", "list_orders"),
        ("post", "/orders", "create_order"),
        ("get", "/orders/export-all", "order_export_all"),
        ("get", "/orders/{id}", "get_order"),
        ("patch", "/orders/{id}", "update_order"),
        ("delete", "/orders/{id}", "delete_order"),
        ("post", "/orders/{id}/cancel", "order_cancel"),
    ]
    assert [op.status for op in order.operations] == [200, 201, 200, 200, 200, 204, 200]
    ids = [op.operation_id for op in shape.operations]
    assert len(ids) == len(set(ids))
    assert {
        "health",
        "ready",
        "metrics",
        "auth_register",
        "auth_login",
        "auth_refresh",
        "auth_me",
        "auth_oauth_authorize",
        "auth_oauth_token",
    } <= set(ids)
    assert "auth_logout" not in ids  # no session auth


def test_read_create_update_bodies() -> None:
    order = api_shape(shop()).resource("Order")
    assert order is not None
    read = [f.name for f in order.read.fields]
    assert read == [
        "id",
        "customer_id",
        "status",
        "total",
        "note",
        "placed_on",
        "score",
        "margin",
        "extra",
        "tags_ids",
        "created_at",
        "updated_at",
        "version",
    ]
    assert order.read.required == tuple(n for n in read if n != "margin")  # role-only field
    assert order.create is not None
    assert [f.name for f in order.create.fields] == [
        "status",
        "total",
        "note",
        "placed_on",
        "secret",
        "margin",
        "extra",
        "tags_ids",
    ]
    assert order.create.required == ("total", "secret")
    assert order.create.closed
    assert order.update.closed
    assert order.update.required == ("version",)
    assert [f.name for f in order.update.fields][-1] == "version"
    customer = order.read.field("customer_id")
    assert customer is not None
    assert customer.readonly
    assert customer.target == "User"
    tags = order.read.field("tags_ids")
    assert tags is not None
    assert tags.many
    assert not tags.nullable
    margin = order.create.field("margin")
    assert margin is not None
    assert margin.write_roles == ("admin",)
    assert [f.name for f in order.page.fields] == ["items", "next_cursor"]


def test_list_parameters_and_skipped_clauses() -> None:
    shape = api_shape(shop())
    order = shape.resource("Order")
    assert order is not None
    params = {p.name: p for p in order.list_params}
    assert list(params) == [
        "cursor",
        "size",
        "q",
        "sort",
        "status",
        "customer_id",
        "total",
        "total__gte",
        "total__lte",
        "placed_on",
        "placed_on__gte",
        "placed_on__lte",
    ]
    assert params["size"].value.maximum == 200
    assert params["size"].value.default == Default(kind="number", value=50)
    assert params["sort"].value.choices == ("total", "-total", "placed_on", "-placed_on")
    assert params["total__gte"].op == "gte"
    assert params["total__gte"].source == "total"
    assert params["customer_id"].value.type == "id"
    codes = [(w.code, w.path) for w in shape.warnings]
    assert codes == [("unservable-filter", "entities[Order].filter[extra]")]
    item = shape.resource("OrderItem")
    assert item is not None
    assert [p.name for p in item.list_params] == [
        "quantity",
        "quantity__gte",
        "quantity__lte",
        "gift",
        "order_id",
    ]
    assert [f.name for f in item.page.fields] == ["items"]


def test_access_security_limits_and_errors() -> None:
    shape = api_shape(shop())
    ops = {op.operation_id: op for op in shape.operations}
    assert ops["list_tags"].public
    assert ops["list_tags"].security == ()
    assert ops["create_tag"].principals == ("authenticated",)  # no rule names create
    assert ops["create_order"].principals == ("customer",)
    assert ops["order_export_all"].principals == ("owner", "admin")  # a get action reads
    assert ops["order_cancel"].security == ("bearerAuth", "oauth2_google")
    assert ops["order_cancel"].idempotent
    assert ops["create_order"].idempotent
    assert [lim.count for lim in ops["create_order"].limits] == [3]
    assert [lim.count for lim in ops["create_order_item"].limits] == [100]
    assert ops["list_order_items"].limits == ()
    assert ops["create_order"].errors == (400, 401, 403, 409, 422, 429)
    assert ops["get_tag"].errors == (401, 404)
    assert ops["delete_order"].errors == (401, 403, 404, 409)
    assert ops["health"].errors == ()
    assert ops["ready"].errors == (503,)
    header = [p for p in ops["order_cancel"].params if p.location == "header"]
    assert [p.name for p in header] == ["Idempotency-Key"]


def test_no_auth_means_public_and_no_auth_endpoints() -> None:
    spec = tiny(
        Entity(
            name="Note",
            fields=(FieldDef(name="body", type="text"),),
            access=(AccessRule(operations=("all",), principals=("admin",)),),
        )
    )
    shape = api_shape(spec)
    assert all(op.public and not op.security for op in shape.operations)
    assert not any(op.path.startswith("/auth") for op in shape.operations)
    doc = to_openapi(spec)
    validate(doc)
    assert "securitySchemes" not in doc["components"]
    assert "401" not in doc["paths"]["/notes"]["get"]["responses"]


def test_builtin_user_only_at_me_declared_user_gets_collection() -> None:
    shape = api_shape(shop())
    assert shape.resource("User") is None
    assert not any(op.path.startswith("/users") for op in shape.operations)
    assert shape.operation("auth_me").response == "User"
    declared = Entity(
        name="User",
        fields=(
            FieldDef(name="email", type="email", unique=True),
            FieldDef(name="nickname", type="string", length=30),
        ),
    )
    shape = api_shape(tiny(declared, auth=Auth(methods=("session", "apikey"))))
    users = shape.resource("User")
    assert users is not None
    assert users.create is None
    assert [op.operation_id for op in users.operations][:2] == ["list_users", "get_user"]
    register = shape.body("RegisterRequest")
    assert register.required == ("email", "nickname", "password")
    assert shape.operation("auth_login").response == "User"  # no tokens without jwt
    assert shape.operation("auth_logout").security == ("sessionCookie",)
    assert [s.name for s in shape.security_schemes] == ["sessionCookie", "apiKeyHeader"]


@pytest.mark.parametrize(
    ("entities", "code"),
    [
        ((Entity(name="Metric", fields=(FieldDef(name="v", type="float"),)),), "reserved-path"),
        (
            (
                Entity(name="Customer"),
                Entity(
                    name="Order",
                    fields=(
                        rel("customer", "Customer", "many_to_one"),
                        FieldDef(name="customer_id", type="int"),
                    ),
                ),
            ),
            "duplicate-body-key",
        ),
        ((Entity(name="Order"), Entity(name="OrderCreate")), "duplicate-schema-name"),
        (
            (Entity(name="Post", fields=(FieldDef(name="page", type="int"),), filter=("page",)),),
            "duplicate-parameter",
        ),
        (
            (Entity(name="Order"), Entity(name="List", actions=(Action(name="orders"),))),
            "duplicate-operation-id",
        ),
        ((Entity(name="Person"), Entity(name="People")), "duplicate-route"),
    ],
)
def test_unservable_specs_raise(entities: tuple[Entity, ...], code: str) -> None:
    with pytest.raises(SpecError) as caught:
        api_shape(tiny(*entities))
    assert code in [d.code for d in caught.value.errors]
    assert all(d.hint for d in caught.value.errors)


# -- the document -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "auth",
    [
        Auth(methods=("jwt", "oauth2"), providers=("google", "github")),
        Auth(methods=("session",)),
        Auth(methods=("apikey",)),
    ],
)
def test_document_validates(auth: Auth) -> None:
    doc = to_openapi(shop(auth))
    validate(doc)
    assert doc["openapi"] == "3.1.0"
    assert doc["info"] == {"title": "shop", "version": "1.2.0", "description": "Online store"}


def test_relation_to_missing_user_is_an_error_once() -> None:
    with pytest.raises(SpecError) as caught:
        api_shape(shop(Auth(methods=("none",))))
    assert [(d.code, d.path) for d in caught.value.errors] == [
        ("unknown-entity", "entities[Order].fields[customer]")
    ]


def test_every_entity_has_paths_and_tags() -> None:
    doc = to_openapi(shop())
    for path in (
        "/orders",
        "/orders/{id}",
        "/order-items",
        "/order-items/{id}",
        "/tags",
        "/tags/{id}",
        "/health",
        "/ready",
        "/metrics",
        "/auth/me",
    ):
        assert path in doc["paths"], path
    assert [t["name"] for t in doc["tags"]] == ["system", "auth", "Order", "OrderItem", "Tag"]
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for item in doc["paths"].values():
        for op in item.values():
            assert op["tags"]
            assert op["responses"]


def test_constraints_are_mirrored() -> None:
    schemas = to_openapi(shop())["components"]["schemas"]
    props = schemas["OrderItemCreate"]["properties"]
    assert props["quantity"] == {"type": "integer", "format": "int32", "minimum": 1, "maximum": 100}
    assert props["sku"] == {"type": "string", "maxLength": 32, "pattern": "^[A-Z0-9-]+$"}
    assert props["code"] == {"type": "string", "minLength": 2, "maxLength": 20}
    assert props["big"] == {"type": "integer", "format": "int64", "minimum": -5}
    assert props["site"]["type"] == ["string", "null"]
    assert props["site"]["format"] == "uri"
    assert props["site"]["maxLength"] == 2048
    assert props["photo"]["format"] == "uri"
    assert props["contact"] == {"type": ["string", "null"], "format": "email", "maxLength": 254}
    assert props["at"]["format"] == "time"
    assert props["seen"]["format"] == "date-time"
    assert props["gift"] == {"type": "boolean", "default": False}
    assert props["ref"]["format"] == "uuid"
    assert "default" not in props["ref"]
    assert props["order_id"]["minimum"] == 1
    assert schemas["OrderItemCreate"]["required"] == ["order_id", "quantity", "sku", "code", "big"]
    order = schemas["Order"]["properties"]
    assert order["total"]["type"] == "string"
    assert order["total"]["pattern"] == r"^\d{1,8}(\.\d{1,2})?$"  # min 0: no sign
    assert order["status"] == {"$ref": "#/components/schemas/OrderStatus", "default": "pending"}
    assert order["extra"] == {"description": "Any JSON value."}
    assert order["score"]["readOnly"]
    assert order["customer_id"]["readOnly"]
    assert "secret" not in order
    assert schemas["OrderCreate"]["properties"]["secret"]["writeOnly"] is True
    assert schemas["OrderStatus"] == {"type": "string", "enum": ["pending", "paid"]}
    assert schemas["OrderUpdate"]["required"] == ["version"]
    assert "required" not in schemas["TagUpdate"]


def test_nullable_refs_and_enum_choices() -> None:
    entity = Entity(
        name="Ticket",
        fields=(FieldDef(name="level", type="enum", enum="Level", optional=True),),
    )
    spec = finalize(
        Spec(
            project=Project(name="t", auth=Auth(methods=("none",))),
            enums=(EnumDef(name="Level", values=(EnumValue(name="low"),)),),
            entities=(entity,),
        )
    )
    doc = to_openapi(spec)
    validate(doc)
    level = doc["components"]["schemas"]["Ticket"]["properties"]["level"]
    assert level == {"anyOf": [{"$ref": "#/components/schemas/Level"}, {"type": "null"}]}


def test_bodies_accept_and_reject_examples() -> None:
    doc = to_openapi(shop())
    create = schema_validator(doc, "OrderCreate")
    good = {"total": "12.50", "secret": "abcd", "note": None, "tags_ids": [1, 2]}
    assert not list(create.iter_errors(good))
    for bad in (
        {"secret": "abcd"},  # total missing
        {"total": "12.505", "secret": "abcd"},  # three decimals
        {"total": "-1", "secret": "abcd"},  # min 0
        {"total": "1", "secret": "abcd", "id": 3},  # unknown (server-set) key
        {"total": "1", "secret": "ab"},  # min_length 4
        {"total": "1", "secret": "abcd", "tags_ids": [1, 1]},
    ):
        assert list(create.iter_errors(bad)), bad
    page = schema_validator(doc, "OrderPage")
    row = {
        "id": 1,
        "customer_id": 2,
        "status": "paid",
        "total": "3",
        "note": None,
        "placed_on": "2024-01-31",
        "score": None,
        "extra": {"a": [1]},
        "tags_ids": [],
        "created_at": "2024-01-31T10:00:00Z",
        "updated_at": "2024-01-31T10:00:00Z",
        "version": 1,
    }
    assert not list(page.iter_errors({"items": [row], "next_cursor": None}))
    assert list(page.iter_errors({"items": [{**row, "status": "lost"}], "next_cursor": None}))
    problem = schema_validator(doc, "Problem")
    assert not list(
        problem.iter_errors({"detail": "bad", "errors": [{"field": "total", "message": "too big"}]})
    )


def test_security_and_error_responses() -> None:
    doc = to_openapi(
        shop(Auth(methods=("jwt", "session", "apikey", "oauth2"), providers=("google",)))
    )
    validate(doc)
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    assert schemes["sessionCookie"] == {"type": "apiKey", "in": "cookie", "name": "session"}
    assert schemes["apiKeyHeader"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    flow = schemes["oauth2_google"]["flows"]["authorizationCode"]
    assert flow["tokenUrl"] == "/auth/oauth/google/token"
    paths = doc["paths"]
    create = paths["/orders"]["post"]
    assert create["security"] == [
        {"bearerAuth": []},
        {"sessionCookie": []},
        {"apiKeyHeader": []},
        {"oauth2_google": []},
    ]
    assert {"401", "403", "422", "409", "429"} <= set(create["responses"])
    assert paths["/tags"]["get"]["security"] == []
    assert "403" not in paths["/tags"]["get"]["responses"]
    assert paths["/health"]["get"]["responses"] == {
        "200": {
            "description": "OK",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/HealthStatus"}}
            },
        }
    }
    assert "text/plain" in paths["/metrics"]["get"]["responses"]["200"]["content"]
    assert "Set-Cookie" in paths["/auth/login"]["post"]["responses"]["200"]["headers"]
    limited = doc["components"]["responses"]["TooManyRequests"]
    assert limited["headers"]["Retry-After"]["required"] is True
    for name in ("NotFound", "Conflict", "ValidationError", "BadRequest"):
        schema = doc["components"]["responses"][name]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Problem"}
    token = paths["/auth/oauth/{provider}/token"]["post"]["requestBody"]["content"]
    assert list(token) == ["application/x-www-form-urlencoded"]


def test_deterministic() -> None:
    first = json.dumps(to_openapi(shop()))
    assert json.dumps(to_openapi(shop())) == first
    assert json.dumps(to_openapi(shop().model_copy())) == first


def test_tiny_entity_golden() -> None:
    spec = tiny(
        Entity(
            name="Note",
            fields=(FieldDef(name="body", type="string", length=80),),
            pagination=Pagination(size=10, max_size=30),
        )
    )
    doc = to_openapi(spec)
    assert doc["components"]["schemas"]["Note"] == {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "format": "int64", "minimum": 1, "readOnly": True},
            "body": {"type": "string", "maxLength": 80},
        },
        "required": ["id", "body"],
    }
    assert doc["paths"]["/notes"]["get"]["parameters"] == [
        {
            "name": "page",
            "in": "query",
            "description": "Page number, from 1.",
            "required": False,
            "schema": {"type": "integer", "format": "int32", "minimum": 1, "default": 1},
        },
        {
            "name": "size",
            "in": "query",
            "description": "Items per page.",
            "required": False,
            "schema": {
                "type": "integer",
                "format": "int32",
                "minimum": 1,
                "maximum": 30,
                "default": 10,
            },
        },
    ]
    assert doc["components"]["schemas"]["NotePage"]["required"] == [
        "items",
        "total",
        "page",
        "size",
    ]
    assert doc["paths"]["/notes/{id}"]["delete"]["responses"] == {
        "204": {"description": "No content"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "409": {"$ref": "#/components/responses/Conflict"},
    }


def test_unique_index_still_validates() -> None:
    spec = tiny(
        Entity(
            name="Slot",
            fields=(FieldDef(name="day", type="date"), FieldDef(name="room", type="int")),
            indexes=(Index(fields=("day", "room"), unique=True),),
        )
    )
    validate(to_openapi(spec))
