"""The semantic validator: project, names, reserved words, entities, relations."""

from __future__ import annotations

import pytest
from validate_support import (
    CUSTOMER,
    ITEM,
    NO_AUTH,
    OF,
    ORG,
    STATUS,
    TF,
    Build,
    assert_fires,
    codes,
    e,
    enum,
    f,
    make,
    rel,
    shop,
    thing,
)

from infranest.spec.builtins import USER
from infranest.spec.model import (
    Auth,
    Default,
    Entity,
    FieldDef,
    Load,
    Loc,
    Project,
    Spec,
    Tenancy,
)
from infranest.spec.reserved import (
    MYSQL_RESERVED,
    POSTGRESQL_RESERVED,
    SQL_COMMON_RESERVED,
    clash,
)
from infranest.spec.validate import validate

# (build, code, level, path, text the hint must contain or None)
FIRES = [
    # project and auth
    pytest.param(
        lambda: make(auth=Auth(methods=("none", "jwt"))),
        "auth-none-combined", "error", "project.auth.methods", "auth none", id="none+jwt",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=())), "auth-no-methods", "error", "project.auth.methods",
        "auth none", id="no-methods",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=("oauth2",))),
        "oauth2-without-provider", "error", "project.auth.providers", "google", id="oauth2",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=("jwt",), providers=("google",))),
        "provider-without-oauth2", "error", "project.auth.providers", "oauth2", id="provider",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=("jwt", "jwt"))),
        "duplicate-auth-method", "warning", "project.auth", None, id="dup-method",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=("oauth2",), providers=("gogle",))),
        "unknown-oauth-provider", "warning", "project.auth.providers[0]",
        "did you mean 'google'", id="gogle",
    ),
    pytest.param(
        lambda: make(roles=("admin", "admin")),
        "duplicate-role", "error", "project.roles[admin]", None, id="dup-role",
    ),
    pytest.param(
        lambda: make(roles=("owner",)), "reserved-role", "error", "project.roles[owner]",
        "owner_role", id="role-owner",
    ),
    pytest.param(
        lambda: make(auth=NO_AUTH), "roles-without-auth", "warning", "project.roles", None,
        id="roles-no-auth",
    ),
    pytest.param(
        lambda: make(ORG, tenancy=Tenancy(entity="Orgg")),
        "unknown-tenancy-entity", "error", "project.tenancy.entity", "did you mean 'Org'",
        id="tenancy-entity",
    ),
    pytest.param(
        lambda: make(ORG, tenancy=Tenancy(entity="Org"), auth=NO_AUTH, roles=()),
        "tenancy-without-auth", "error", "project.tenancy", None, id="tenancy-no-auth",
    ),
    pytest.param(
        lambda: make(ORG, tenancy=Tenancy(entity="Org", mode="schema"), database="mysql"),
        "schema-tenancy-database", "warning", "project.tenancy.mode", None, id="schema-mysql",
    ),
    pytest.param(
        lambda: make(load=Load(rps=100, peak_rps=50)),
        "load-inconsistent", "warning", "project.load", None, id="load",
    ),
    pytest.param(
        lambda: make(cors=("app.example.com",)),
        "invalid-cors-origin", "error", "project.cors[0]", "https://", id="cors-host",
    ),
    pytest.param(
        lambda: make(cors=("https://app.example.com/",)),
        "invalid-cors-origin", "error", "project.cors[0]", "trailing slash", id="cors-slash",
    ),
    pytest.param(
        lambda: make(cors=("*",), auth=Auth(methods=("session",))),
        "cors-wildcard-credentials", "warning", "project.cors[0]", None, id="cors-star",
    ),
    pytest.param(
        lambda: make(name="my shop"), "invalid-name", "error", "project", "my_shop",
        id="project-name",
    ),
    pytest.param(
        lambda: make(name="MyShop"), "naming-convention", "warning", "project", "my_shop",
        id="project-case",
    ),
    # top-level names
    pytest.param(
        lambda: make(CUSTOMER, CUSTOMER), "duplicate-entity", "error", "entities[Customer]",
        None, id="dup-entity",
    ),
    pytest.param(
        lambda: make(enums=(STATUS, STATUS)), "duplicate-enum", "error",
        "enums[OrderStatus]", None, id="dup-enum",
    ),
    pytest.param(
        lambda: make(e("OrderStatus", f("x"))), "enum-entity-clash", "error",
        "enums[OrderStatus]", None, id="enum-entity",
    ),
    pytest.param(
        lambda: make(e("json", f("x"))), "type-name-clash", "error", "entities[json]", None,
        id="entity-json",
    ),
    pytest.param(
        lambda: make(enums=(enum("Status"),)), "empty-enum", "error", "enums[Status]", None,
        id="empty-enum",
    ),
    pytest.param(
        lambda: make(enums=(enum("Status", "a", "a"),)), "duplicate-enum-value", "error",
        "enums[Status].values[a]", None, id="dup-value",
    ),
    pytest.param(
        lambda: make(enums=(enum("Status", "in-progress"),)), "invalid-name", "error",
        "enums[Status].values[in-progress]", "in_progress", id="value-name",
    ),
    pytest.param(
        lambda: make(e("Order Item", f("x"))), "invalid-name", "error",
        "entities[Order Item]", "OrderItem", id="entity-name",
    ),
    pytest.param(
        lambda: make(e("order_item", f("x"))), "naming-convention", "warning",
        "entities[order_item]", "OrderItem", id="entity-case",
    ),
    pytest.param(
        lambda: make(enums=(enum("order_status", "a"),)), "naming-convention", "warning",
        "enums[order_status]", "OrderStatus", id="enum-case",
    ),
    pytest.param(
        lambda: thing(f("totalPrice")), "naming-convention", "warning",
        f"{TF}[totalPrice]", "total_price", id="field-case",
    ),
    pytest.param(
        lambda: thing(f("unit price")), "invalid-name", "error", f"{TF}[unit price]",
        "unit_price", id="field-name",
    ),
    # reserved words and generated columns
    pytest.param(
        lambda: make(e("File", f("path"))), "reserved-word", "error", "entities[File]",
        "superclass mismatch", id="entity-File",
    ),
    pytest.param(
        lambda: thing(f("class")), "reserved-word", "error", f"{TF}[class]", "category",
        id="field-class",
    ),
    pytest.param(
        lambda: thing(f("type")), "reserved-word", "error", f"{TF}[type]", "kind",
        id="field-type",
    ),
    pytest.param(
        lambda: thing(f("metadata", "json")), "reserved-word", "error", f"{TF}[metadata]",
        "SQLAlchemy", id="field-metadata",
    ),
    pytest.param(
        lambda: thing(f("objects")), "reserved-word", "error", f"{TF}[objects]", "Django",
        id="field-objects",
    ),
    pytest.param(
        lambda: thing(f("errors")), "reserved-word", "error", f"{TF}[errors]",
        "DangerousAttributeError", id="field-errors",
    ),
    pytest.param(
        lambda: thing(f("order")), "risky-name", "warning", f"{TF}[order]", "SQL",
        id="field-order",
    ),
    pytest.param(
        lambda: thing(f("key"), database="mysql"), "risky-name", "warning", f"{TF}[key]",
        None, id="field-key-mysql",
    ),
    pytest.param(
        lambda: thing(f("default", "bool")), "risky-name", "warning", f"{TF}[default]",
        "JavaScript", id="field-default",
    ),
    pytest.param(
        lambda: make(enums=(enum("Answer", "None", "yes"),)), "risky-name", "warning",
        "enums[Answer].values[None]", "'none'", id="value-None",
    ),
    pytest.param(
        lambda: thing(f("id", "int")), "generated-column-clash", "error", f"{TF}[id]",
        "'id' primary key", id="field-id",
    ),
    pytest.param(
        lambda: thing(f("created_at", "datetime"), timestamps=True),
        "generated-column-clash", "error", f"{TF}[created_at]", "timestamps", id="created_at",
    ),
    pytest.param(
        lambda: thing(f("deleted_at", "datetime"), soft_delete=True),
        "generated-column-clash", "error", f"{TF}[deleted_at]", "soft_delete", id="deleted_at",
    ),
    pytest.param(
        lambda: thing(f("version", "int"), optimistic_lock=True),
        "generated-column-clash", "error", f"{TF}[version]", "optimistic_lock", id="version",
    ),
    pytest.param(
        lambda: thing(f("_secret")), "unsafe-name", "error", f"{TF}[_secret]", "secret",
        id="leading-underscore",
    ),
    pytest.param(
        lambda: thing(f("first__name")), "unsafe-name", "error", f"{TF}[first__name]",
        "first_name", id="double-underscore",
    ),
    # entities
    pytest.param(
        lambda: Spec(
            project=Project(name="shop"),
            entities=(Entity(name="Account", builtin=True, fields=(f("x"),)),),
        ),
        "invalid-builtin", "error", "entities[Account]", None, id="builtin",
    ),
    pytest.param(
        lambda: make(e("Empty")), "empty-entity", "warning", "entities[Empty]", None,
        id="empty-entity",
    ),
    pytest.param(
        lambda: thing(f("title")), "duplicate-field", "error", f"{TF}[title]", None,
        id="dup-field",
    ),
    pytest.param(
        lambda: make(e("OrderItem", f("x")), e("Order_Item", f("y"))), "name-collision",
        "error", "entities[Order_Item]", None, id="table-collision",
    ),
    pytest.param(
        lambda: thing(f("userName"), f("user_name")), "name-collision", "error",
        f"{TF}[user_name]", None, id="collision",
    ),
    # relations
    pytest.param(
        lambda: shop(rel("note", "strng")), "unknown-type", "error", f"{OF}[note]",
        "did you mean 'string'", id="strng",
    ),
    pytest.param(
        lambda: shop(rel("state", "OrderStatuss")), "unknown-type", "error", f"{OF}[state]",
        "did you mean 'OrderStatus'", id="OrderStatuss",
    ),
    pytest.param(
        lambda: shop(rel("buyer", "Custmer")), "unknown-type", "error", f"{OF}[buyer]",
        "did you mean 'Customer'", id="Custmer",
    ),
    pytest.param(
        lambda: shop(rel("note", "string")), "unknown-type", "error", f"{OF}[note]",
        "type string", id="relation-to-scalar",
    ),
    pytest.param(
        lambda: shop(rel("state", "OrderStatus")), "unknown-type", "error", f"{OF}[state]",
        "type enum", id="relation-to-enum",
    ),
    pytest.param(
        lambda: thing(rel("author", USER), auth=NO_AUTH, roles=()),
        "unknown-type", "error", f"{TF}[author]", "enable auth", id="user-no-auth",
    ),
    pytest.param(
        lambda: thing(FieldDef(name="x", type="relation", cardinality="many_to_one")),
        "missing-target", "error", f"{TF}[x]", "Thing", id="missing-target",
    ),
    pytest.param(
        lambda: thing(FieldDef(name="x", type="relation", target="Thing")),
        "missing-cardinality", "error", f"{TF}[x]", "many_to_one", id="missing-card",
    ),
    pytest.param(
        lambda: make(
            CUSTOMER, e("Order", rel("customer", "Customer"), rel("items", "OrderItem",
                                                                   "one_to_many")), ITEM
        ),
        "missing-via", "error", f"{OF}[items]", "via order", id="missing-via",
    ),
    pytest.param(
        lambda: shop(rel("buyer", "Customer", via="orders")), "unexpected-via", "error",
        f"{OF}[buyer]", None, id="m2o-via",
    ),
    pytest.param(
        lambda: make(CUSTOMER, e("Order", rel("items", "OrderItem", "one_to_many", via="ordr")),
                     ITEM),
        "unknown-via", "error", f"{OF}[items]", "did you mean 'order'", id="unknown-via",
    ),
    pytest.param(
        lambda: shop(rel("lines", "OrderItem", "one_to_many", via="quantity")),
        "via-mismatch", "error", f"{OF}[lines]", "many_to_one relation to Order",
        id="via-scalar",
    ),
    pytest.param(
        lambda: make(
            e("Profile", rel("person", "Person", "one_to_one", via="profile")),
            e("Person", rel("profile", "Profile", "one_to_one", via="person")),
        ),
        "via-mismatch", "error", "entities[Profile].fields[person]", "without 'via'",
        id="o2o-both-via",
    ),
    pytest.param(
        lambda: make(e("Node", rel("peers", "Node", "many_to_many", via="peers"))),
        "via-mismatch", "error", "entities[Node].fields[peers]", None, id="own-inverse",
    ),
    pytest.param(
        lambda: make(
            e("Post", rel("tags", "Tag", "many_to_many", via="posts")),
            e("Tag", rel("posts", "Post", "many_to_many", via="other")),
        ),
        "via-mismatch", "error", "entities[Post].fields[tags]", "'via' is 'tags'",
        id="m2m-crossed",
    ),
    pytest.param(
        lambda: shop(rel("lines", "OrderItem", "one_to_many", via="order")),
        "duplicate-inverse", "error", f"{OF}[lines]", None, id="dup-inverse",
    ),
    pytest.param(
        lambda: make(
            CUSTOMER,
            e("Order", rel("items", "OrderItem", "one_to_many", via="order", on_delete="cascade")),
            ITEM,
        ),
        "on-delete-without-fk", "error", f"{OF}[items]", "OrderItem.order", id="on-delete-o2m",
    ),
    pytest.param(
        lambda: shop(rel("agent", "Customer", on_delete="set_null")),
        "set-null-required", "error", f"{OF}[agent]", "optional", id="set-null",
    ),
    pytest.param(
        lambda: shop(rel("agent", "Customer", on_delete="set_default")),
        "set-default-without-default", "error", f"{OF}[agent]", "set_null", id="set-default",
    ),
    pytest.param(
        lambda: thing(f("code", target="Thing", on_delete="cascade")),
        "not-a-relation", "error", f"{TF}[code]", None, id="not-relation",
    ),
    pytest.param(
        lambda: shop(rel("agent", "Customer", writeonly=True)),
        "writeonly-relation", "error", f"{OF}[agent]", None, id="writeonly-rel",
    ),
    pytest.param(
        lambda: shop(rel("agent", "Customer", default=Default(kind="number", value=1))),
        "relation-constraint", "error", f"{OF}[agent].default", "null", id="rel-default",
    ),
    pytest.param(
        lambda: shop(rel("lines", "OrderItem", "one_to_many", via="order", unique=True)),
        "relation-constraint", "error", f"{OF}[lines]", None, id="rel-unique",
    ),
    pytest.param(
        lambda: make(e("Node", f("name"), rel("parent", "Node"))),
        "required-cycle", "warning", "entities[Node].fields[parent]", "optional",
        id="self-cycle",
    ),
    pytest.param(
        lambda: make(e("A", rel("b", "B")), e("B", rel("a", "A"))),
        "required-cycle", "warning", "entities[A].fields[b]", None, id="two-cycle",
    ),
    pytest.param(
        lambda: shop(f("customer_id", "int")), "column-clash", "error", f"{OF}[customer_id]",
        None, id="fk-column",
    ),
    pytest.param(
        lambda: shop(rel("agent_id", "Customer", optional=True)),
        "relation-named-like-column", "warning", f"{OF}[agent_id]", "'agent'", id="rel-id",
    ),
    # enum fields
    pytest.param(
        lambda: shop(f("state", "enum")), "missing-enum", "error", f"{OF}[state]",
        "OrderStatus", id="missing-enum",
    ),
    pytest.param(
        lambda: shop(f("state", "enum", enum="OrderStatuss")), "unknown-enum", "error",
        f"{OF}[state]", "did you mean 'OrderStatus'", id="unknown-enum",
    ),
    pytest.param(
        lambda: shop(f("state", "enum", enum="Customer")), "unknown-enum", "error",
        f"{OF}[state]", "relation", id="enum-is-entity",
    ),
    pytest.param(
        lambda: shop(f("label", enum="OrderStatus")), "unexpected-enum", "error",
        f"{OF}[label]", None, id="unexpected-enum",
    ),
    pytest.param(
        lambda: shop(
            f("state", "enum", enum="OrderStatus", default=Default(kind="enum", value="shiped"))
        ),
        "invalid-default", "error", f"{OF}[state].default", "did you mean 'shipped'",
        id="enum-default",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("build", "code", "level", "path", "hint"), FIRES)
def test_check_fires(build: Build, code: str, level: str, path: str, hint: str | None) -> None:
    assert_fires(build, code, level, path, hint)


# -- reserved words ---------------------------------------------------------------------------


def test_reserved_message_names_every_language() -> None:
    found = [d for d in validate(thing(f("class"))) if d.code == "reserved-word"]
    assert found[0].message.startswith("'class' is a reserved word in Python, Ruby and JavaScript")


def test_sql_words_follow_the_database() -> None:
    assert "risky-name" not in codes(thing(f("rank")))
    assert "risky-name" in codes(thing(f("rank"), database="mysql"))
    assert "risky-name" in codes(thing(f("order"), database="sqlite"))
    assert "risky-name" not in codes(thing(f("key"), database="sqlite"))


def test_word_lists_are_consistent() -> None:
    for words in (POSTGRESQL_RESERVED, MYSQL_RESERVED):
        assert all(w == w.lower() for w in words)
    assert {"order", "group", "select", "table", "user"} <= POSTGRESQL_RESERVED
    assert {"order", "group", "select"} <= SQL_COMMON_RESERVED
    assert "user" not in MYSQL_RESERVED
    ruby_only = clash("end", "field")
    assert ruby_only is not None
    assert ruby_only.severity == "warning"
    assert clash("status", "field") is None
    # soft keywords are ordinary names in Python
    assert clash("match", "field") is None


# -- whole specs ------------------------------------------------------------------------------


def test_every_finding_names_its_place() -> None:
    spec = shop(rel("note", "strng"), search=("totl",), filter=("items",))
    found = validate(spec)
    assert found
    assert all(d.path for d in found)
    assert all(d.hint for d in found)


def at_line(line: int) -> Loc:
    return Loc(file="shop.nest", line=line, column=3)


def test_locations_point_at_the_field_and_order_the_findings() -> None:
    entity = Entity(
        name="Order",
        loc=at_line(1),
        fields=(
            FieldDef(
                name="b", type="relation", target="Nope", cardinality="many_to_one", loc=at_line(4)
            ),
            FieldDef(name="a", type="int", min=3, max=1, loc=at_line(2)),
        ),
    )
    found = validate(make(entity))
    located = [d for d in found if d.code in ("unknown-type", "invalid-bounds")]
    assert [(d.code, d.loc) for d in located] == [
        ("invalid-bounds", at_line(2)),
        ("unknown-type", at_line(4)),
    ]
    lines = [d.loc.line for d in found if d.loc is not None]
    assert lines == sorted(lines)


def test_without_locations_definition_order_is_kept() -> None:
    spec = make(e("B", rel("x", "Nope")), e("A", rel("y", "Nope")))
    paths = [d.path for d in validate(spec) if d.code == "unknown-type"]
    assert paths == ["entities[B].fields[x]", "entities[A].fields[y]"]


def test_a_misspelt_type_is_reported_once() -> None:
    note = rel("note", "strng", length=20, default=Default(kind="string", value="x"), unique=True)
    spec = shop(note, search=("note",), filter=("note",), sort=("note",))
    about_note = [d for d in validate(spec) if "note" in (d.path or "")]
    assert [(d.code, d.path) for d in about_note] == [("unknown-type", f"{OF}[note]")]
