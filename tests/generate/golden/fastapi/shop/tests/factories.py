"""Rows for tests, stored directly; every call gets fresh unique values."""

import itertools
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.security import hash_password
from app.models import (
    Cart,
    CartItem,
    Category,
    Order,
    OrderItem,
    Payment,
    Product,
    Review,
    Tag,
    User,
)
from app.models.enums import Currency

COUNTER = itertools.count(1)
PASSWORD = "correct-horse-battery"
PASSWORD_HASH = hash_password(PASSWORD)


def _store(db: Session, row: Any) -> Any:
    db.add(row)
    db.commit()
    db.refresh(row)
    return row


def make_user(
    db: Session, owner_id: int | None = None, role: str | None = None, **values: Any
) -> User:
    del owner_id
    n = next(COUNTER)
    values.setdefault("role", role)
    defaults: dict[str, Any] = {
        "email": f"email{n}@example.com",
        "hashed_password": PASSWORD_HASH,
        "is_active": True,
    }
    del n
    return _store(db, User(**{**defaults, **values}))


def make_category(db: Session, owner_id: int | None = None, **values: Any) -> Category:
    n = next(COUNTER)
    defaults: dict[str, Any] = {
        "name": f"name-{n}",
        "slug": f"slug-{n}",
    }
    del n
    return _store(db, Category(**{**defaults, **values}))


def make_tag(db: Session, owner_id: int | None = None, **values: Any) -> Tag:
    n = next(COUNTER)
    defaults: dict[str, Any] = {
        "label": f"label-{n}",
    }
    del n
    return _store(db, Tag(**{**defaults, **values}))


def make_product(db: Session, owner_id: int | None = None, **values: Any) -> Product:
    n = next(COUNTER)
    if "category_id" not in values:
        values["category_id"] = make_category(db, owner_id).id
    defaults: dict[str, Any] = {
        "name": f"name-{n}",
        "sku": f"SAMPLE-{n:04d}",
        "price": Decimal(str(0 + n % 100000000)),
    }
    del n
    return _store(db, Product(**{**defaults, **values}))


def make_cart(db: Session, owner_id: int | None = None, **values: Any) -> Cart:
    if owner_id is not None and not values:
        found = db.scalars(select(Cart).where(Cart.customer_id == owner_id)).first()
        if found is not None:
            return found
    n = next(COUNTER)
    if "customer_id" not in values:
        values["customer_id"] = owner_id if owner_id is not None else make_user(db).id
    defaults: dict[str, Any] = {}
    del n
    return _store(db, Cart(**{**defaults, **values}))


def make_cart_item(db: Session, owner_id: int | None = None, **values: Any) -> CartItem:
    n = next(COUNTER)
    if "cart_id" not in values:
        values["cart_id"] = make_cart(db, owner_id).id
    if "customer_id" not in values:
        values["customer_id"] = owner_id if owner_id is not None else make_user(db).id
    if "product_id" not in values:
        values["product_id"] = make_product(db, owner_id).id
    defaults: dict[str, Any] = {}
    del n
    return _store(db, CartItem(**{**defaults, **values}))


def make_order(db: Session, owner_id: int | None = None, **values: Any) -> Order:
    n = next(COUNTER)
    if "customer_id" not in values:
        values["customer_id"] = owner_id if owner_id is not None else make_user(db).id
    defaults: dict[str, Any] = {
        "ship_to_name": f"shiptona-{n}",
        "ship_to_address": f"shiptoad-{n}",
    }
    del n
    return _store(db, Order(**{**defaults, **values}))


def make_order_item(db: Session, owner_id: int | None = None, **values: Any) -> OrderItem:
    n = next(COUNTER)
    if "parent_order_id" not in values:
        values["parent_order_id"] = make_order(db, owner_id).id
    if "customer_id" not in values:
        values["customer_id"] = owner_id if owner_id is not None else make_user(db).id
    if "product_id" not in values:
        values["product_id"] = make_product(db, owner_id).id
    defaults: dict[str, Any] = {
        "quantity": (1 + n % 999),
    }
    del n
    return _store(db, OrderItem(**{**defaults, **values}))


def make_payment(db: Session, owner_id: int | None = None, **values: Any) -> Payment:
    n = next(COUNTER)
    if "paid_order_id" not in values:
        values["paid_order_id"] = make_order(db, owner_id).id
    if "customer_id" not in values:
        values["customer_id"] = owner_id if owner_id is not None else make_user(db).id
    defaults: dict[str, Any] = {
        "amount": Decimal(str(0 + n % 10000000000)),
        "currency": Currency(["eur", "usd", "gbp"][n % 3]),
    }
    del n
    return _store(db, Payment(**{**defaults, **values}))


def make_review(db: Session, owner_id: int | None = None, **values: Any) -> Review:
    n = next(COUNTER)
    if "product_id" not in values:
        values["product_id"] = make_product(db, owner_id).id
    if "author_id" not in values:
        values["author_id"] = owner_id if owner_id is not None else make_user(db).id
    defaults: dict[str, Any] = {
        "rating": (1 + n % 5),
    }
    del n
    return _store(db, Review(**{**defaults, **values}))
