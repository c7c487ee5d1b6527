"""Request and response bodies of CartItem."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class CartItemRead(ReadBody):
    id: int
    cart_id: int
    customer_id: int
    product_id: int
    quantity: int
    created_at: UtcDateTime
    updated_at: UtcDateTime


class CartItemCreate(RequestBody):
    cart_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    quantity: Annotated[int, Field(ge=1, le=99)] = 1


class CartItemUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["cart_id", "product_id", "quantity"])

    cart_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    quantity: Annotated[int, Field(ge=1, le=99)] | None = None


class CartItemPage(ReadBody):
    items: list[CartItemRead]
    total: int
    page: int
    size: int
