"""Rows with valid values, for tests (each call makes a distinct row)."""

from __future__ import annotations

import decimal
import itertools
from typing import Any

from api import models

_counter = itertools.count(1)
CATEGORY_SLUG = [
    "a-a",
    "b-a",
    "c-a",
    "d-a",
    "e-a",
    "f-a",
    "g-a",
    "h-a",
    "i-a",
    "j-a",
    "k-a",
    "l-a",
    "m-a",
    "n-a",
    "o-a",
    "p-a",
    "q-a",
    "r-a",
    "s-a",
    "t-a",
    "u-a",
    "v-a",
    "w-a",
    "x-a",
    "y-a",
    "z-a",
    "0-a",
    "1-a",
    "2-a",
    "3-a",
    "4-a",
    "5-a",
    "6-a",
    "7-a",
    "8-a",
    "9-a",
    "a-b",
    "b-b",
    "c-b",
    "d-b",
]
PRODUCT_SKU = [
    "AAAA",
    "BAAA",
    "CAAA",
    "DAAA",
    "EAAA",
    "FAAA",
    "GAAA",
    "HAAA",
    "IAAA",
    "JAAA",
    "KAAA",
    "LAAA",
    "MAAA",
    "NAAA",
    "OAAA",
    "PAAA",
    "QAAA",
    "RAAA",
    "SAAA",
    "TAAA",
    "UAAA",
    "VAAA",
    "WAAA",
    "XAAA",
    "YAAA",
    "ZAAA",
    "0AAA",
    "1AAA",
    "2AAA",
    "3AAA",
    "4AAA",
    "5AAA",
    "6AAA",
    "7AAA",
    "8AAA",
    "9AAA",
    "-AAA",
    "ABAA",
    "BBAA",
    "CBAA",
]


def text(name: str, n: int, low: int, high: int) -> str:
    value = f"{name.replace('_', ' ')} {n}"
    if len(value) < low:
        value = value.ljust(low, "x")
    return value[-high:] if len(value) > high else value


def number(n: int, low: Any, high: Any) -> Any:
    value = n
    if low is not None and value < low:
        value = low + n
    if high is not None and value > high:
        value = high
    return value


def unused(model: Any, name: str, choices: list[str]) -> str:
    """The first of ``choices`` no row of ``model`` holds yet (for unique columns)."""
    taken = set(model.objects.values_list(name, flat=True))
    return next((c for c in choices if c not in taken), choices[0])


def reserved_id(model: Any) -> int:
    """An id no row of ``model`` has, far above those the database gives."""
    from django.db.models import Max

    return max(model.objects.aggregate(top=Max("id"))["top"] or 0, 1_000_000) + 1


def make_user(role: str = "customer", **values: Any) -> Any:
    n = next(_counter)
    values.setdefault("email", f"user{n}@example.com")
    values.setdefault("password", "correct horse battery")
    return models.User.objects.create_user(role=role, **values)


def make_category(**values: Any) -> models.Category:
    n = next(_counter)
    values.setdefault("name", text("name", n, 0, 80))
    values.setdefault("slug", CATEGORY_SLUG[n % 40])
    return models.Category.objects.create(**values)


def make_tag(**values: Any) -> models.Tag:
    n = next(_counter)
    values.setdefault("label", text("label", n, 0, 40))
    return models.Tag.objects.create(**values)


def make_product(**values: Any) -> models.Product:
    n = next(_counter)
    values.setdefault("name", text("name", n, 2, 120))
    values.setdefault("sku", PRODUCT_SKU[n % 40])
    values.setdefault("price", decimal.Decimal("1.00"))
    if "category" not in values and "category_id" not in values:
        values["category"] = make_category()
    return models.Product.objects.create(**values)


def make_cart(owner: Any = None, **values: Any) -> models.Cart:
    values.setdefault("customer", owner if owner is not None else make_user())
    return models.Cart.objects.create(**values)


def make_cart_item(owner: Any = None, **values: Any) -> models.CartItem:
    if "cart" not in values and "cart_id" not in values:
        values["cart"] = make_cart()
    if "product" not in values and "product_id" not in values:
        values["product"] = make_product()
    values.setdefault("customer", owner if owner is not None else make_user())
    return models.CartItem.objects.create(**values)


def make_order(owner: Any = None, **values: Any) -> models.Order:
    n = next(_counter)
    values.setdefault("ship_to_name", text("ship_to_name", n, 0, 120))
    values.setdefault("ship_to_address", text("ship_to_address", n, 0, 255))
    values.setdefault("customer", owner if owner is not None else make_user())
    return models.Order.objects.create(**values)


def make_order_item(owner: Any = None, **values: Any) -> models.OrderItem:
    n = next(_counter)
    values.setdefault("quantity", number(n, 1, 999))
    if "parent_order" not in values and "parent_order_id" not in values:
        values["parent_order"] = make_order()
    if "product" not in values and "product_id" not in values:
        values["product"] = make_product()
    values.setdefault("customer", owner if owner is not None else make_user())
    return models.OrderItem.objects.create(**values)


def make_payment(owner: Any = None, **values: Any) -> models.Payment:
    values.setdefault("amount", decimal.Decimal("1.00"))
    values.setdefault("currency", "eur")
    if "paid_order" not in values and "paid_order_id" not in values:
        values["paid_order"] = make_order()
    values.setdefault("customer", owner if owner is not None else make_user())
    return models.Payment.objects.create(**values)


def make_review(owner: Any = None, **values: Any) -> models.Review:
    n = next(_counter)
    values.setdefault("rating", number(n, 1, 5))
    if "product" not in values and "product_id" not in values:
        values["product"] = make_product()
    values.setdefault("author", owner if owner is not None else make_user())
    return models.Review.objects.create(**values)
