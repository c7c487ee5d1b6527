"""Request and response bodies of OrderItem."""

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody


class OrderItemRead(ReadBody):
    id: int
    parent_order_id: int
    customer_id: int
    product_id: int
    quantity: int
    unit_price: Decimal


class OrderItemCreate(RequestBody):
    parent_order_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    quantity: Annotated[int, Field(ge=1, le=999)]


class OrderItemUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["parent_order_id", "product_id", "quantity"])

    parent_order_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    quantity: Annotated[int, Field(ge=1, le=999)] | None = None


class OrderItemPage(ReadBody):
    items: list[OrderItemRead]
    total: int
    page: int
    size: int
