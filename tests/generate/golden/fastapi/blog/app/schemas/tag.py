"""Request and response bodies of Tag."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody


class TagRead(ReadBody):
    id: int
    name: str
    entry_ids: list[int]


class TagCreate(RequestBody):
    name: Annotated[str, Field(min_length=2, max_length=255)]
    entry_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] = Field(
        default_factory=list
    )


class TagUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["entry_ids", "name"])

    name: Annotated[str, Field(min_length=2, max_length=255)] | None = None
    entry_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] | None = None


class TagPage(ReadBody):
    items: list[TagRead]
    next_cursor: str | None
