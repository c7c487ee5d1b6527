"""The semantic validator: access, API lists, actions, flows, integrations, models."""

from __future__ import annotations

import pytest
from validate_support import (
    NO_AUTH,
    OF,
    ORD,
    ORG,
    Build,
    T,
    alert,
    assert_fires,
    e,
    f,
    flow,
    integration,
    make,
    model,
    rel,
    shop,
    thing,
)

from infranest.spec.builtins import USER
from infranest.spec.model import (
    AccessRule,
    Action,
    AlertRule,
    Auth,
    Default,
    Duration,
    FieldAccess,
    Flow,
    Index,
    Integration,
    Load,
    MLModel,
    ModelField,
    MonitorPolicy,
    Notification,
    Pagination,
    RateLimit,
    Spec,
    Tenancy,
)
from infranest.spec.validate import validate

FIRES = [
    # access rules
    pytest.param(
        lambda: shop(access=(AccessRule(operations=("read",), principals=("admn",)),)),
        "unknown-principal", "error", f"{ORD}.access[0].principals[0]", "did you mean 'admin'",
        id="admn",
    ),
    pytest.param(
        lambda: shop(access=(AccessRule(operations=("reed",), principals=("admin",)),)),
        "unknown-operation", "error", f"{ORD}.access[0].operations[0]", "did you mean 'read'",
        id="reed",
    ),
    pytest.param(
        lambda: shop(access=(AccessRule(operations=("read",), principals=("owner",)),)),
        "owner-without-field", "error", f"{ORD}.access[0].principals[0]", "owner",
        id="owner-no-field",
    ),
    pytest.param(
        lambda: shop(access=(AccessRule(operations=("read",), principals=("tenant",)),)),
        "tenant-without-field", "error", f"{ORD}.access[0].principals[0]", "tenant",
        id="tenant-no-field",
    ),
    pytest.param(
        lambda: thing(
            access=(AccessRule(operations=("read",), principals=("authenticated",)),),
            auth=NO_AUTH,
            roles=(),
        ),
        "access-without-auth", "error", f"{T}.access[0].principals", "auth", id="no-auth",
    ),
    pytest.param(
        lambda: shop(access=(AccessRule(operations=(), principals=("admin",)),)),
        "empty-access-rule", "error", f"{ORD}.access[0]", None, id="empty-rule",
    ),
    pytest.param(
        lambda: shop(f("memo", access=FieldAccess(read=("staf",)))),
        "unknown-principal", "error", f"{OF}[memo].access.read[0]", "did you mean 'staff'",
        id="field-access",
    ),
    pytest.param(
        lambda: shop(actions=(Action(name="cancel", allow=("amdin",)),)),
        "unknown-principal", "error", f"{ORD}.actions[cancel].allow[0]", "did you mean 'admin'",
        id="action-allow",
    ),
    # API lists, indexes, pagination
    pytest.param(
        lambda: shop(search=("totl",)), "unknown-field", "error", f"{ORD}.search[totl]",
        "did you mean 'total'", id="search-unknown",
    ),
    pytest.param(
        lambda: shop(search=("total",)), "invalid-search-field", "error", f"{ORD}.search[total]",
        None, id="search-decimal",
    ),
    pytest.param(
        lambda: shop(filter=("items",)), "invalid-filter-field", "error", f"{ORD}.filter[items]",
        "customer", id="filter-o2m",
    ),
    pytest.param(
        lambda: shop(sort=("items",)), "invalid-sort-field", "error", f"{ORD}.sort[items]", None,
        id="sort-o2m",
    ),
    pytest.param(
        lambda: shop(sort=("created_at",)), "unknown-field", "error", f"{ORD}.sort[created_at]",
        None, id="sort-no-timestamps",
    ),
    pytest.param(
        lambda: shop(filter=("status", "status")), "duplicate-list-entry", "warning",
        f"{ORD}.filter[status]", None, id="filter-twice",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=("status", "totl")),)), "unknown-field", "error",
        f"{ORD}.indexes[0].fields[totl]", "did you mean 'total'", id="index-unknown",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=("items",)),)), "invalid-index-field", "error",
        f"{ORD}.indexes[0].fields[items]", None, id="index-o2m",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=()),)), "empty-index", "error", f"{ORD}.indexes[0]",
        None, id="index-empty",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=("status", "status")),)), "repeated-index-field",
        "error", f"{ORD}.indexes[0]", None, id="index-repeat",
    ),
    pytest.param(
        lambda: shop(indexes=(Index(fields=("status", "total")), Index(fields=("status",
                                                                                 "total")))),
        "duplicate-index", "error", f"{ORD}.indexes[1]", None, id="index-twice",
    ),
    pytest.param(
        lambda: make(e("Tag", f("slug", unique=True), indexes=(Index(fields=("slug",)),))),
        "redundant-index", "warning", "entities[Tag].indexes[0]", None, id="index-redundant",
    ),
    pytest.param(
        lambda: thing(f("data", "json"), indexes=(Index(fields=("data",)),)),
        "unindexable-type", "warning", f"{T}.indexes[0].fields[data]", None, id="index-json",
    ),
    pytest.param(
        lambda: shop(pagination=Pagination(size=500, max_size=100)), "invalid-pagination",
        "error", f"{ORD}.pagination", None, id="page-size",
    ),
    # actions and rate limits
    pytest.param(
        lambda: shop(actions=(Action(name="cancel"), Action(name="cancel"))),
        "duplicate-action", "error", f"{ORD}.actions[cancel]", None, id="dup-action",
    ),
    pytest.param(
        lambda: shop(actions=(Action(name="delete"),)), "action-name-clash", "error",
        f"{ORD}.actions[delete]", None, id="action-delete",
    ),
    pytest.param(
        lambda: shop(actions=(Action(name="show"),)), "reserved-word", "error",
        f"{ORD}.actions[show]", "Rails", id="action-show",
    ),
    pytest.param(
        lambda: shop(actions=(Action(name="import"),)), "reserved-word", "error",
        f"{ORD}.actions[import]", "Python", id="action-import",
    ),
    pytest.param(
        lambda: shop(
            rel("by", USER, owner=True),
            actions=(Action(name="export", scope="collection", allow=("owner",)),),
        ),
        "owner-collection-action", "warning", f"{ORD}.actions[export].allow", None,
        id="collection-owner",
    ),
    pytest.param(
        lambda: shop(
            actions=(Action(name="cancel", limit=RateLimit(count=5, period="minute",
                                                           operations=("cancl",))),)
        ),
        "unknown-operation", "error", f"{ORD}.actions[cancel].limit[0].operations[0]",
        "did you mean 'cancel'", id="action-limit",
    ),
    pytest.param(
        lambda: shop(limits=(RateLimit(count=5, period="minute", operations=("crate",)),)),
        "unknown-operation", "error", f"{ORD}.limits[0].operations[0]", "did you mean 'create'",
        id="limit-op",
    ),
    pytest.param(
        lambda: shop(limits=(RateLimit(count=5, period="minute", scope="tenant"),)),
        "invalid-limit-scope", "error", f"{ORD}.limits[0].scope", None, id="limit-tenant",
    ),
    pytest.param(
        lambda: thing(limits=(RateLimit(count=5, period="minute"),), auth=NO_AUTH, roles=()),
        "user-limit-without-auth", "warning", f"{T}.limits[0].scope", "per ip",
        id="limit-user",
    ),
    pytest.param(
        lambda: thing(retention=Duration(amount=30, unit="d")),
        "retention-without-timestamps", "warning", f"{T}.retention", "timestamps",
        id="retention",
    ),
    pytest.param(
        lambda: make(e(USER, f("email", "email"), f("password", writeonly=True))),
        "user-credential-field", "warning", f"entities[{USER}].fields[password]", None,
        id="user-password",
    ),
    # flows
    pytest.param(
        lambda: make(flows=(Flow(name="a", steps=("Customer.create",)),) * 2),
        "duplicate-flow", "error", "flows[a]", None, id="dup-flow",
    ),
    pytest.param(
        lambda: flow("Order"), "invalid-step", "error", "flows[checkout].steps[0]",
        "Order.create", id="step-format",
    ),
    pytest.param(
        lambda: flow("Ordr.create"), "unknown-entity", "error", "flows[checkout].steps[0]",
        "did you mean 'Order'", id="step-entity",
    ),
    pytest.param(
        lambda: flow("Order.cancl"), "unknown-operation", "error", "flows[checkout].steps[0]",
        "did you mean 'cancel'", id="step-op",
    ),
    pytest.param(
        lambda: flow(), "empty-flow", "warning", "flows[checkout]", None, id="empty-flow",
    ),
    pytest.param(
        lambda: flow(
            "Order.create",
            limits=(RateLimit(count=3, period="hour", operations=("Order.creat",)),),
        ),
        "unknown-operation", "error", "flows[checkout].limits[0].operations[0]",
        "did you mean 'Order.create'", id="flow-limit",
    ),
    # integrations
    pytest.param(
        lambda: make(integrations=(Integration(name="s"),) * 2), "duplicate-integration",
        "error", "integrations[s]", None, id="dup-integration",
    ),
    pytest.param(
        lambda: integration(url="ftp://files.example.com"), "invalid-url", "error",
        "integrations[stripe].url", "https://", id="ftp",
    ),
    pytest.param(
        lambda: integration(timeout=Duration(amount=0, unit="s")), "invalid-timeout", "error",
        "integrations[stripe].timeout", None, id="timeout-0",
    ),
    pytest.param(
        lambda: integration(retries=3), "retries-without-backoff", "warning",
        "integrations[stripe].retries", "exponential", id="retries",
    ),
    pytest.param(
        lambda: integration(backoff="exponential"), "backoff-without-retries", "warning",
        "integrations[stripe].backoff", None, id="backoff",
    ),
    pytest.param(
        lambda: integration(secret="sk_live_abc123"), "invalid-secret", "error",
        "integrations[stripe].secret", "STRIPE_API_KEY", id="secret",
    ),
    pytest.param(
        lambda: integration(used_by=("Ordr.create",)), "unknown-entity", "error",
        "integrations[stripe].used_by[0]", "did you mean 'Order'", id="used-by",
    ),
    # ML models
    pytest.param(
        lambda: make(models=(MLModel(name="m"),) * 2), "duplicate-model", "error", "models[m]",
        None, id="dup-model",
    ),
    pytest.param(
        lambda: model(entity="Custmer"), "unknown-entity", "error", "models[churn].entity",
        "did you mean 'Customer'", id="model-entity",
    ),
    pytest.param(
        lambda: model(features=()), "empty-model", "warning", "models[churn]", None,
        id="model-empty",
    ),
    pytest.param(
        lambda: model(features=(ModelField(name="age", type="int"),) * 2),
        "duplicate-model-feature", "error", "models[churn].features[age]", None,
        id="dup-feature",
    ),
    pytest.param(
        lambda: model(prediction=ModelField(name="age", type="float")),
        "duplicate-model-feature", "error", "models[churn].prediction", None,
        id="prediction-clash",
    ),
    pytest.param(
        lambda: model(features=(ModelField(name="spend", type="flot"),)),
        "unknown-model-type", "error", "models[churn].features[spend]", "did you mean 'float'",
        id="flot",
    ),
    pytest.param(
        lambda: model(features=(ModelField(name="state", type="OrderStatuss"),)),
        "unknown-model-type", "error", "models[churn].features[state]",
        "did you mean 'OrderStatus'", id="model-enum",
    ),
    pytest.param(
        lambda: model(features=(ModelField(name="monthly spend", type="float"),)),
        "invalid-name", "error", "models[churn].features[monthly spend]", "monthly_spend",
        id="feature-name",
    ),
    pytest.param(
        lambda: model(segments=("region",)), "unknown-segment", "error",
        "models[churn].segments[region]", None, id="segment",
    ),
    pytest.param(
        lambda: alert("acuracy"), "unknown-metric", "error", "models[churn].monitor.alerts[0]",
        "did you mean 'accuracy'", id="acuracy",
    ),
    pytest.param(
        lambda: alert("accuracy", task="regression", labels=True), "metric-task-mismatch",
        "warning", "models[churn].monitor.alerts[0]", "mae", id="accuracy-regression",
    ),
    pytest.param(
        lambda: alert("rmse", task="classification", labels=True), "metric-task-mismatch",
        "warning", "models[churn].monitor.alerts[0]", None, id="rmse-classification",
    ),
    pytest.param(
        lambda: alert("accuracy", value=0.8), "metric-without-labels", "warning",
        "models[churn].monitor.alerts[0]", "labels", id="no-labels",
    ),
    pytest.param(
        lambda: alert("drift_share", value=30), "alert-out-of-range", "warning",
        "models[churn].monitor.alerts[0]", "0.3", id="share-30",
    ),
    pytest.param(
        lambda: model(monitor=MonitorPolicy(window=Duration(amount=0, unit="d"))),
        "invalid-window", "error", "models[churn].monitor.window", None, id="window-0",
    ),
    pytest.param(
        lambda: model(
            monitor=MonitorPolicy(notify=(Notification(kind="webhook", target="ops"),))
        ),
        "invalid-notification", "error", "models[churn].monitor.notify[0]", None, id="webhook",
    ),
    pytest.param(
        lambda: model(task="regression", prediction=ModelField(name="band", type="string")),
        "prediction-type-mismatch", "warning", "models[churn].prediction", "float",
        id="regression-string",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("build", "code", "level", "path", "hint"), FIRES)
def test_check_fires(build: Build, code: str, level: str, path: str, hint: str | None) -> None:
    assert_fires(build, code, level, path, hint)


def rich_spec() -> Spec:
    """A realistic spec touching every construct; it must be free of findings."""
    role = ("admin", "staff", "customer")
    cancel = Action(
        name="cancel",
        allow=("owner", "admin"),
        limit=RateLimit(count=5, period="minute"),
        idempotent=True,
    )
    return make(
        ORG,
        e(
            USER,
            f("email", "email", unique=True, pii="contact"),
            f("display_name", length=80, optional=True),
            rel("org", "Org", tenant=True),
            access=(AccessRule(operations=("read", "update"), principals=("owner", "admin")),),
        ),
        e(
            "Category",
            f("name", length=80, unique=True),
            rel("parent", "Category", optional=True, on_delete="set_null"),
            rel("children", "Category", "one_to_many", via="parent"),
            rel("org", "Org", tenant=True),
            search=("name",),
        ),
        e(
            "Product",
            f("name", length=120),
            f("sku", length=32, unique=True, pattern="^[A-Z0-9-]+$"),
            f("price", "decimal", precision=10, scale=2, min=0),
            f("stock", "int", min=0, default=Default(kind="number", value=0)),
            f("published", "bool", default=Default(kind="bool", value=False)),
            rel("category", "Category", on_delete="restrict"),
            rel("tags", "Tag", "many_to_many", via="products"),
            rel("org", "Org", tenant=True),
            search=("name", "sku"),
            filter=("category", "price", "published"),
            sort=("price", "created_at"),
            timestamps=True,
            access=(
                AccessRule(operations=("read", "list"), principals=("anyone",)),
                AccessRule(operations=("write",), principals=("admin", "staff")),
            ),
        ),
        e(
            "Tag",
            f("label", length=40),
            rel("products", "Product", "many_to_many", via="tags"),
            rel("org", "Org", tenant=True),
        ),
        e(
            "Order",
            rel("customer", USER, owner=True, on_delete="cascade", readonly=True),
            f("status", "enum", enum="OrderStatus", default=Default(kind="enum", value="pending")),
            f("total", "decimal", precision=10, scale=2, min=0),
            f("note", "text", optional=True, max_length=2000),
            f("placed_on", "date", default=Default(kind="today")),
            f("reference", "uuid", default=Default(kind="uuid"), unique=True, readonly=True),
            rel("items", "OrderItem", "one_to_many", via="order"),
            rel("invoice", "Invoice", "one_to_one", via="order"),
            rel("org", "Org", tenant=True),
            filter=("status", "customer"),
            sort=("total", "created_at"),
            search=("note",),
            pagination=Pagination(style="cursor", size=50, max_size=200),
            indexes=(Index(fields=("status", "total")), Index(fields=("customer", "placed_on"))),
            timestamps=True,
            soft_delete=True,
            optimistic_lock=True,
            access=(
                AccessRule(operations=("read", "cancel"), principals=("owner", "admin")),
                AccessRule(operations=("create",), principals=("customer",)),
                AccessRule(operations=("update", "delete"), principals=("admin",)),
            ),
            actions=(cancel,),
            limits=(RateLimit(count=100, period="minute", operations=("create",)),),
            retention=Duration(amount=7, unit="y"),
        ),
        e(
            "OrderItem",
            rel("order", "Order", on_delete="cascade"),
            rel("product", "Product", on_delete="restrict"),
            f("quantity", "int", min=1, max=1000),
            rel("org", "Org", tenant=True),
        ),
        e(
            "Invoice",
            rel("order", "Order", "one_to_one", on_delete="cascade"),
            f("number", length=20, unique=True),
            f("secret_note", writeonly=True, optional=True),
            rel("org", "Org", tenant=True),
        ),
        roles=role,
        auth=Auth(methods=("jwt", "oauth2"), providers=("google", "github")),
        tenancy=Tenancy(entity="Org"),
        load=Load(rps=50, peak_rps=400, users=10000, read_ratio=0.9),
        cors=("https://shop.example.com",),
        flows=(
            Flow(
                name="checkout",
                steps=("Order.create", "Order.cancel", "OrderItem.create"),
                limits=(RateLimit(count=3, period="minute", operations=("Order.create",)),),
                idempotent=True,
            ),
        ),
        integrations=(
            Integration(
                name="payments",
                url="https://api.payments.example.com/v1",
                timeout=Duration(amount=5, unit="s"),
                retries=3,
                backoff="exponential",
                circuit_breaker=True,
                secret="PAYMENTS_API_KEY",
                used_by=("Order.create",),
            ),
        ),
        models=(
            MLModel(
                name="churn",
                task="classification",
                entity=USER,
                features=(
                    ModelField(name="orders_90d", type="int"),
                    ModelField(name="spend_90d", type="decimal"),
                    ModelField(name="last_status", type="OrderStatus"),
                ),
                prediction=ModelField(name="churned", type="bool"),
                score=ModelField(name="probability", type="float"),
                labels=True,
                segments=("last_status",),
                monitor=MonitorPolicy(
                    window=Duration(amount=1, unit="d"),
                    alerts=(
                        AlertRule(metric="drift_share", op=">", value=0.3, severity="high"),
                        AlertRule(metric="roc_auc", op="<", value=0.7),
                    ),
                    notify=(
                        Notification(kind="slack", target="#ml-alerts"),
                        Notification(kind="email", target="ml@example.com"),
                    ),
                ),
            ),
        ),
    )


def test_rich_spec_is_clean() -> None:
    found = validate(rich_spec())
    assert [d.render() for d in found] == []
