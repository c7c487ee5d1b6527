"""Builders for the validator tests: small specs around a Customer/Order/OrderItem shop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic
from infranest.spec.model import (
    Action,
    AlertRule,
    Auth,
    Default,
    Entity,
    EnumDef,
    EnumValue,
    FieldDef,
    Flow,
    Integration,
    MLModel,
    ModelField,
    MonitorPolicy,
    Project,
    Spec,
    Tenancy,
)
from infranest.spec.validate import validate

Build = Callable[[], Spec]


def f(name: str, type: str = "string", **kw: Any) -> FieldDef:
    return FieldDef(name=name, type=type, **kw)


def rel(name: str, target: str, card: str = "many_to_one", **kw: Any) -> FieldDef:
    return FieldDef(name=name, type="relation", target=target, cardinality=card, **kw)


def e(name: str, *fields: FieldDef, **kw: Any) -> Entity:
    return Entity(name=name, fields=fields, **kw)


def enum(name: str, *values: str) -> EnumDef:
    return EnumDef(name=name, values=tuple(EnumValue(name=v) for v in values))


STATUS = enum("OrderStatus", "pending", "paid", "shipped")
CUSTOMER = e("Customer", f("name", length=120), f("email", "email", unique=True))
ITEM = e("OrderItem", rel("order", "Order", on_delete="cascade"), f("quantity", "int", min=1))


def order(*extra: FieldDef, **kw: Any) -> Entity:
    return e(
        "Order",
        rel("customer", "Customer"),
        f("total", "decimal", precision=10, scale=2, min=0),
        f("status", "enum", enum="OrderStatus", default=Default(kind="enum", value="pending")),
        rel("items", "OrderItem", "one_to_many", via="order"),
        *extra,
        **kw,
    )


def make(
    *entities: Entity,
    enums: tuple[EnumDef, ...] = (STATUS,),
    flows: tuple[Flow, ...] = (),
    integrations: tuple[Integration, ...] = (),
    models: tuple[MLModel, ...] = (),
    **project: Any,
) -> Spec:
    project.setdefault("name", "shop")
    project.setdefault("roles", ("admin", "staff"))
    return finalize(
        Spec(
            project=Project(**project),
            enums=enums,
            entities=entities,
            flows=flows,
            integrations=integrations,
            models=models,
        )
    )


def shop(*extra: FieldDef, **kw: Any) -> Spec:
    """Customer, Order (with ``extra`` fields and entity options ``kw``) and OrderItem."""
    return make(CUSTOMER, order(*extra, **kw), ITEM)


def thing(*fields: FieldDef, **kw: Any) -> Spec:
    """One entity ``Thing`` with a title and ``fields``."""
    project = {k: kw.pop(k) for k in ("auth", "roles", "tenancy", "database") if k in kw}
    return make(e("Thing", f("title"), *fields, **kw), **project)


def flow(*steps: str, **kw: Any) -> Spec:
    cancel = Action(name="cancel", allow=("admin",))
    return make(
        CUSTOMER,
        order(actions=(cancel,)),
        ITEM,
        flows=(Flow(name="checkout", steps=steps, **kw),),
    )


def integration(**kw: Any) -> Spec:
    kw.setdefault("name", "stripe")
    return make(CUSTOMER, order(), ITEM, integrations=(Integration(**kw),))


def model(**kw: Any) -> Spec:
    kw.setdefault("name", "churn")
    kw.setdefault("features", (ModelField(name="age", type="int"),))
    return make(CUSTOMER, order(), ITEM, models=(MLModel(**kw),))


def alert(metric: str, value: float = 0.2, **kw: Any) -> Spec:
    rule = AlertRule(metric=metric, op=">", value=value)
    return model(monitor=MonitorPolicy(alerts=(rule,)), **kw)


NO_AUTH = Auth(methods=("none",))
ORG = e("Org", f("name"))


def tenanted(*fields: FieldDef, **kw: Any) -> Spec:
    return make(ORG, e("Project", f("title"), *fields), tenancy=Tenancy(entity="Org"), **kw)


def codes(spec: Spec) -> set[str]:
    return {d.code for d in validate(spec)}


def errors(spec: Spec) -> list[Diagnostic]:
    return [d for d in validate(spec) if d.is_error]


ORD = "entities[Order]"
OF = "entities[Order].fields"
T = "entities[Thing]"
TF = "entities[Thing].fields"


def assert_fires(build: Build, code: str, level: str, path: str, hint: str | None) -> None:
    """``code`` is reported at ``path`` with ``level``, and its hint contains ``hint``."""
    found = [d for d in validate(build()) if d.code == code]
    assert found, f"{code} not reported"
    at_path = [d for d in found if d.path == path]
    assert at_path, f"{code} reported at {[d.path for d in found]}, not {path}"
    d = at_path[0]
    assert d.level == level
    assert d.message
    if hint is not None:
        assert d.hint is not None
        assert hint in d.hint
