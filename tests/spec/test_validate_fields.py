"""The semantic validator: type parameters, constraints, defaults, owner, tenant."""

from __future__ import annotations

import pytest
from validate_support import (
    NO_AUTH,
    OF,
    ORG,
    TF,
    Build,
    T,
    alert,
    assert_fires,
    codes,
    e,
    errors,
    f,
    flow,
    integration,
    make,
    rel,
    shop,
    tenanted,
    thing,
)

from infranest.spec.builtins import USER
from infranest.spec.model import (
    AccessRule,
    Action,
    Auth,
    Default,
    FieldDef,
    Index,
    Integration,
    Load,
    Pagination,
    Tenancy,
)
from infranest.spec.validate import validate

FIRES = [
    # type parameters
    pytest.param(
        lambda: thing(f("body", "text", length=500)), "length-not-string", "error",
        f"{TF}[body]", "max_length(500)", id="length-text",
    ),
    pytest.param(
        lambda: thing(f("code", length=0)), "invalid-length", "error", f"{TF}[code]", None,
        id="length-zero",
    ),
    pytest.param(
        lambda: thing(f("n", "int", precision=5)), "precision-not-decimal", "error",
        f"{TF}[n]", None, id="precision-int",
    ),
    pytest.param(
        lambda: thing(f("n", "decimal", precision=70, scale=2)), "invalid-precision", "error",
        f"{TF}[n]", None, id="precision-70",
    ),
    pytest.param(
        lambda: thing(f("n", "decimal", precision=4, scale=5)), "invalid-precision", "error",
        f"{TF}[n]", None, id="scale-over",
    ),
    pytest.param(
        lambda: thing(f("n", "decimal", scale=2)), "invalid-precision", "error", f"{TF}[n]",
        None, id="scale-only",
    ),
    pytest.param(
        lambda: thing(f("n", "decimal")), "decimal-without-precision", "warning", f"{TF}[n]",
        "decimal(10,2)", id="decimal-bare",
    ),
    # constraints
    pytest.param(
        lambda: thing(f("code", min=1)), "bounds-not-numeric", "error", f"{TF}[code]",
        "min_length", id="min-string",
    ),
    pytest.param(
        lambda: thing(f("n", "int", min=10, max=1)), "invalid-bounds", "error", f"{TF}[n]",
        "swap", id="min-gt-max",
    ),
    pytest.param(
        lambda: thing(f("n", "int", max=2**40)), "bound-out-of-range", "error", f"{TF}[n]",
        "bigint", id="int-range",
    ),
    pytest.param(
        lambda: thing(f("n", "int", min=0.5)), "bound-out-of-range", "error", f"{TF}[n]",
        "whole", id="int-fraction",
    ),
    pytest.param(
        lambda: thing(f("n", "decimal", precision=5, scale=2, max=10000)),
        "bound-out-of-range", "error", f"{TF}[n]", "precision", id="decimal-range",
    ),
    pytest.param(
        lambda: thing(f("n", "int", max_length=5)), "length-bounds-not-text", "error",
        f"{TF}[n]", "min/max", id="max-length-int",
    ),
    pytest.param(
        lambda: thing(f("code", min_length=-1)), "invalid-length-bounds", "error",
        f"{TF}[code]", None, id="negative-length",
    ),
    pytest.param(
        lambda: thing(f("code", min_length=9, max_length=3)), "invalid-length-bounds",
        "error", f"{TF}[code]", None, id="min-gt-max-length",
    ),
    pytest.param(
        lambda: thing(f("code", max_length=300)), "invalid-length-bounds", "error",
        f"{TF}[code]", "string(300)", id="over-255",
    ),
    pytest.param(
        lambda: thing(f("code", length=20, max_length=30)), "invalid-length-bounds", "error",
        f"{TF}[code]", "string(30)", id="over-length",
    ),
    pytest.param(
        lambda: thing(f("code", pattern="([a-z")), "invalid-pattern", "error", f"{TF}[code]",
        None, id="bad-regex",
    ),
    pytest.param(
        lambda: thing(f("n", "int", pattern="[0-9]+")), "pattern-not-text", "error",
        f"{TF}[n]", "text types", id="pattern-int",
    ),
    pytest.param(
        lambda: thing(f("code", unique=True, default=Default(kind="string", value="x"))),
        "unique-default", "warning", f"{TF}[code].default", None, id="unique-default",
    ),
    pytest.param(
        lambda: thing(f("data", "json", unique=True)), "unindexable-type", "warning",
        f"{TF}[data]", None, id="json-unique",
    ),
    pytest.param(
        lambda: thing(f("secret", readonly=True, writeonly=True)), "readonly-writeonly",
        "error", f"{TF}[secret]", None, id="ro-wo",
    ),
    pytest.param(
        lambda: thing(f("score", "int", readonly=True)), "readonly-required", "warning",
        f"{TF}[score]", "default", id="ro-required",
    ),
    pytest.param(
        lambda: thing(f("password", writeonly=True), filter=("password",)),
        "writeonly-exposed", "error", f"{T}.filter[password]", None, id="wo-filter",
    ),
    # owner and tenant
    pytest.param(
        lambda: shop(f("owner_name", owner=True)), "invalid-owner", "error",
        f"{OF}[owner_name]", USER, id="owner-string",
    ),
    pytest.param(
        lambda: shop(rel("agent", "Customer", owner=True)), "invalid-owner", "error",
        f"{OF}[agent]", USER, id="owner-customer",
    ),
    pytest.param(
        lambda: shop(rel("created_by", USER, owner=True), rel("edited_by", USER, owner=True)),
        "duplicate-owner", "error", f"{OF}[edited_by]", None, id="two-owners",
    ),
    pytest.param(
        lambda: make(e(USER, f("email", "email")), e("Note", rel("by", USER, owner=True)),
                     auth=NO_AUTH, roles=()),
        "owner-without-auth", "error", "entities[Note].fields[by]", "auth", id="owner-no-auth",
    ),
    pytest.param(
        lambda: thing(rel("org", "Thing", tenant=True)), "tenant-without-tenancy", "error",
        f"{TF}[org]", "tenancy", id="tenant-no-tenancy",
    ),
    pytest.param(
        lambda: tenanted(rel("org", USER, tenant=True)), "invalid-tenant", "error",
        "entities[Project].fields[org]", "Org tenant", id="tenant-wrong-target",
    ),
    pytest.param(
        lambda: tenanted(rel("org", "Org", tenant=True), rel("org2", "Org", tenant=True)),
        "duplicate-tenant", "error", "entities[Project].fields[org2]", None, id="two-tenants",
    ),
    pytest.param(
        lambda: tenanted(), "unscoped-entity", "warning", "entities[Project]", "org: Org tenant",
        id="unscoped",
    ),
]  # fmt: skip
# Default values that do not fit their field: (field, text the message must contain).
BAD_DEFAULTS = [
    pytest.param(f("code", default=Default(kind="number", value=1)), "number", id="num-string"),
    pytest.param(f("n", "int", default=Default(kind="bool", value=True)), "bool", id="bool-int"),
    pytest.param(f("n", "int", default=Default(kind="number", value=1.5)), "whole", id="int-1.5"),
    pytest.param(
        f("n", "int", min=0, max=10, default=Default(kind="number", value=11)), "max", id="above"
    ),
    pytest.param(
        f("n", "int", min=5, default=Default(kind="number", value=1)), "min", id="below-min"
    ),
    pytest.param(f("ok", "bool", default=Default(kind="now")), "now", id="now-bool"),
    pytest.param(f("at", "datetime", default=Default(kind="today")), "today", id="today-dt"),
    pytest.param(f("code", default=Default(kind="uuid")), "uuid", id="uuid-string"),
    pytest.param(
        f("day", "date", default=Default(kind="string", value="2024-13-01")), "ISO", id="date"
    ),
    pytest.param(
        f("key", "uuid", default=Default(kind="string", value="nope")), "UUID", id="uuid-literal"
    ),
    pytest.param(
        f("code", length=3, default=Default(kind="string", value="ABCD")), "longer", id="long"
    ),
    pytest.param(
        f("code", pattern="[A-Z]+", default=Default(kind="string", value="abc")),
        "pattern",
        id="pattern",
    ),
    pytest.param(
        f("mail", "email", default=Default(kind="string", value="nobody")), "email", id="email"
    ),
    pytest.param(f("doc", "file", default=Default(kind="string", value="x")), "file", id="file"),
    pytest.param(f("code", default=Default(kind="null")), "required", id="null-required"),
    pytest.param(
        f("price", "decimal", precision=6, scale=2, default=Default(kind="number", value=1.234)),
        "decimal places",
        id="decimal-places",
    ),
]

GOOD_DEFAULTS = [
    pytest.param(f("day", "date", default=Default(kind="today")), id="today"),
    pytest.param(f("day", "date", default=Default(kind="string", value="2024-01-31")), id="iso"),
    pytest.param(f("at", "datetime", default=Default(kind="now")), id="now"),
    pytest.param(f("key", "uuid", default=Default(kind="uuid")), id="uuid"),
    pytest.param(
        f("price", "decimal", precision=6, scale=2, default=Default(kind="number", value=9.5)),
        id="decimal",
    ),
    pytest.param(f("n", "int", min=0, default=Default(kind="number", value=0)), id="zero"),
    pytest.param(f("ok", "bool", default=Default(kind="bool", value=False)), id="bool"),
    pytest.param(f("note", optional=True, default=Default(kind="null")), id="null"),
    pytest.param(f("data", "json", default=Default(kind="string", value="{}")), id="json"),
    pytest.param(
        f("code", length=4, pattern="[A-Z]+", default=Default(kind="string", value="ABCD")),
        id="pattern",
    ),
]


# (build, code that must not appear)
QUIET = [
    pytest.param(lambda: make(auth=NO_AUTH, roles=()), "auth-none-combined", id="none"),
    pytest.param(
        lambda: make(auth=Auth(methods=("jwt", "oauth2"), providers=("google",))),
        "oauth2-without-provider", id="oauth2",
    ),
    pytest.param(
        lambda: make(auth=Auth(methods=("oauth2",), providers=("acme_sso",))),
        "unknown-oauth-provider", id="custom-provider",
    ),
    pytest.param(lambda: make(roles=("admin", "owners")), "reserved-role", id="roles"),
    pytest.param(lambda: make(), "roles-without-auth", id="roles-auth"),
    pytest.param(
        lambda: make(ORG, tenancy=Tenancy(entity="Org", mode="schema")),
        "schema-tenancy-database", id="schema-pg",
    ),
    pytest.param(lambda: make(load=Load(rps=100, peak_rps=400)), "load-inconsistent", id="load"),
    pytest.param(
        lambda: make(cors=("https://app.example.com", "http://localhost:3000")),
        "invalid-cors-origin", id="cors",
    ),
    pytest.param(lambda: make(cors=("*",)), "cors-wildcard-credentials", id="cors-jwt"),
    pytest.param(lambda: thing(f("order_no")), "risky-name", id="order_no"),
    pytest.param(lambda: thing(f("key")), "risky-name", id="key-postgres"),
    pytest.param(lambda: thing(f("kind")), "reserved-word", id="kind"),
    pytest.param(
        lambda: thing(f("created_at", "datetime")), "generated-column-clash", id="no-timestamps"
    ),
    pytest.param(lambda: make(e("Folder", f("path"))), "reserved-word", id="Folder"),
    pytest.param(
        lambda: make(
            e(USER, f("email", "email"), f("display_name")),
            e("Post", rel("author", USER, owner=True), f("title")),
        ),
        "user-credential-field", id="user",
    ),
    pytest.param(lambda: shop(), "missing-via", id="shop"),
    pytest.param(
        lambda: make(
            e("Profile", rel("person", "Person", "one_to_one")),
            e("Person", rel("profile", "Profile", "one_to_one", via="person")),
        ),
        "via-mismatch", id="o2o",
    ),
    pytest.param(
        lambda: make(
            e("Post", f("title"), rel("tags", "Tag", "many_to_many", via="posts")),
            e("Tag", f("name"), rel("posts", "Post", "many_to_many", via="tags")),
        ),
        "via-mismatch", id="m2m",
    ),
    pytest.param(
        lambda: make(
            e("Node", f("name"), rel("parent", "Node", optional=True, on_delete="set_null"),
              rel("children", "Node", "one_to_many", via="parent"))
        ),
        "required-cycle", id="tree",
    ),
    pytest.param(lambda: shop(rel("agent", "Customer", optional=True,
                                  default=Default(kind="null"))),
                 "relation-constraint", id="null-rel-default"),
    pytest.param(lambda: thing(f("n", "decimal", precision=65, scale=0)), "invalid-precision",
                 id="precision-65"),
    pytest.param(lambda: thing(f("n", "bigint", max=2**40)), "bound-out-of-range", id="bigint"),
    pytest.param(
        lambda: thing(f("code", length=300, max_length=300, min_length=1, pattern="^[a-z]+$")),
        "invalid-length-bounds", id="lengths",
    ),
    pytest.param(lambda: thing(f("score", "int", readonly=True, optional=True)),
                 "readonly-required", id="ro-optional"),
    pytest.param(lambda: thing(f("body", "text")), "unindexable-type", id="text-plain"),
    pytest.param(
        lambda: shop(rel("by", USER, owner=True),
                     access=(AccessRule(operations=("read", "update"), principals=("owner",)),)),
        "owner-without-field", id="owner",
    ),
    pytest.param(
        lambda: make(e(USER, f("email", "email"),
                       access=(AccessRule(operations=("update",), principals=("owner",)),))),
        "owner-without-field", id="user-owns-self",
    ),
    pytest.param(
        lambda: shop(actions=(Action(name="cancel"),),
                     access=(AccessRule(operations=("cancel",), principals=("staff",)),)),
        "unknown-operation", id="action-op",
    ),
    pytest.param(
        lambda: tenanted(rel("org", "Org", tenant=True)),
        "unscoped-entity", id="scoped",
    ),
    pytest.param(
        lambda: shop(timestamps=True, filter=("customer", "status", "created_at"),
                     sort=("created_at", "id", "total", "customer"), search=("status",)),
        "unknown-field", id="lists",
    ),
    pytest.param(
        lambda: shop(timestamps=True, filter=("customer", "status", "created_at"),
                     sort=("created_at", "id", "total", "customer")),
        "invalid-filter-field", id="filter-ok",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=("status", "total")),
                              Index(fields=("total", "status"), unique=True))),
        "duplicate-index", id="two-orders",
    ),
    pytest.param(lambda: shop(pagination=Pagination(size=50, max_size=200)),
                 "invalid-pagination", id="pages"),
    pytest.param(lambda: make(integrations=(Integration(name="s", retries=3,
                                                        backoff="exponential"),)),
                 "retries-without-backoff", id="retries"),
    pytest.param(lambda: integration(secret="STRIPE_API_KEY", url="https://api.stripe.com"),
                 "invalid-secret", id="secret"),
    pytest.param(lambda: flow("Order.create", "Order.cancel", "Customer.update"),
                 "unknown-operation", id="steps"),
    pytest.param(lambda: alert("accuracy", labels=True), "metric-without-labels", id="labels"),
    pytest.param(lambda: alert("mae", task="regression", labels=True), "metric-task-mismatch",
                 id="mae-regression"),
    pytest.param(lambda: alert("psi", value=0.25), "unknown-metric", id="psi"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "code", "level", "path", "hint"), FIRES)
def test_check_fires(build: Build, code: str, level: str, path: str, hint: str | None) -> None:
    assert_fires(build, code, level, path, hint)


@pytest.mark.parametrize(("field", "text"), BAD_DEFAULTS)
def test_bad_default(field: FieldDef, text: str) -> None:
    found = [d for d in validate(thing(field)) if d.code == "invalid-default"]
    assert [d.path for d in found] == [f"{TF}[{field.name}].default"]
    assert found[0].level == "error"
    assert text in found[0].message


@pytest.mark.parametrize("field", GOOD_DEFAULTS)
def test_good_default(field: FieldDef) -> None:
    assert errors(thing(field)) == []


@pytest.mark.parametrize(("build", "code"), QUIET)
def test_check_stays_quiet(build: Build, code: str) -> None:
    assert code not in codes(build())
