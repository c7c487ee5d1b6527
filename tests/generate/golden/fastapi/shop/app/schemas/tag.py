"""Request and response bodies of Tag."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody


class TagRead(ReadBody):
    id: int
    label: str
    products_ids: list[int]


class TagCreate(RequestBody):
    label: Annotated[str, Field(max_length=40)]
    products_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] = Field(
        default_factory=list
    )


class TagUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["label", "products_ids"])

    label: Annotated[str, Field(max_length=40)] | None = None
    products_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] | None = None


class TagPage(ReadBody):
    items: list[TagRead]
    total: int
    page: int
    size: int
