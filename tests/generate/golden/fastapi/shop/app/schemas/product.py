"""Request and response bodies of Product."""

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field, JsonValue

from app.models.enums import Currency
from app.schemas.common import ReadBody, RequestBody, UriStr, UtcDateTime


class ProductRead(ReadBody):
    id: int
    name: str
    sku: str
    description: str | None
    price: Decimal
    currency: Currency
    stock: int
    weight_grams: int | None
    active: bool
    image: str | None
    details: JsonValue
    category_id: int
    tags_ids: list[int]
    created_at: UtcDateTime
    updated_at: UtcDateTime
    version: int


class ProductCreate(RequestBody):
    name: Annotated[str, Field(min_length=2, max_length=120)]
    sku: Annotated[str, Field(max_length=32, pattern="^[A-Z0-9-]{4,32}$")]
    description: Annotated[str, Field(max_length=10000)] | None = None
    price: Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=10, decimal_places=2)]
    currency: Currency = Currency.EUR
    stock: Annotated[int, Field(ge=0, le=2147483647)] = 0
    weight_grams: Annotated[int, Field(ge=1, le=2147483647)] | None = None
    active: bool = True
    image: Annotated[UriStr, Field(max_length=2048)] | None = None
    details: JsonValue = None
    category_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    tags_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] = Field(
        default_factory=list
    )


class ProductUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(
        [
            "active",
            "category_id",
            "currency",
            "name",
            "price",
            "sku",
            "stock",
            "tags_ids",
            "version",
        ]
    )

    name: Annotated[str, Field(min_length=2, max_length=120)] | None = None
    sku: Annotated[str, Field(max_length=32, pattern="^[A-Z0-9-]{4,32}$")] | None = None
    description: Annotated[str, Field(max_length=10000)] | None = None
    price: (
        Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=10, decimal_places=2)] | None
    ) = None
    currency: Currency | None = None
    stock: Annotated[int, Field(ge=0, le=2147483647)] | None = None
    weight_grams: Annotated[int, Field(ge=1, le=2147483647)] | None = None
    active: bool | None = None
    image: Annotated[UriStr, Field(max_length=2048)] | None = None
    details: JsonValue = None
    category_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    tags_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] | None = None
    version: Annotated[int, Field(ge=1, le=2147483647)] | None


class ProductPage(ReadBody):
    items: list[ProductRead]
    next_cursor: str | None
