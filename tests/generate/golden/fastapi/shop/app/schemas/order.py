"""Request and response bodies of Order."""

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from app.models.enums import Currency, OrderStatus
from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class OrderRead(ReadBody):
    id: int
    number: str | None
    customer_id: int
    status: OrderStatus
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    currency: Currency
    ship_to_name: str
    ship_to_address: str
    phone: str | None
    note: str | None
    placed_at: UtcDateTime
    created_at: UtcDateTime
    updated_at: UtcDateTime
    version: int


class OrderCreate(RequestBody):
    currency: Currency = Currency.EUR
    ship_to_name: Annotated[str, Field(max_length=120)]
    ship_to_address: str
    phone: Annotated[str, Field(max_length=20, pattern="^\\+?[0-9 ]{6,20}$")] | None = None
    note: Annotated[str, Field(max_length=500)] | None = None


class OrderUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(
        ["currency", "ship_to_address", "ship_to_name", "version"]
    )

    currency: Currency | None = None
    ship_to_name: Annotated[str, Field(max_length=120)] | None = None
    ship_to_address: str | None = None
    phone: Annotated[str, Field(max_length=20, pattern="^\\+?[0-9 ]{6,20}$")] | None = None
    note: Annotated[str, Field(max_length=500)] | None = None
    version: Annotated[int, Field(ge=1, le=2147483647)] | None


class OrderPage(ReadBody):
    items: list[OrderRead]
    next_cursor: str | None
