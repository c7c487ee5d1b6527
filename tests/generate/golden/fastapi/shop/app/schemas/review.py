"""Request and response bodies of Review."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class ReviewRead(ReadBody):
    id: int
    product_id: int
    author_id: int
    rating: int
    title: str | None
    body: str | None
    verified: bool
    created_at: UtcDateTime
    updated_at: UtcDateTime


class ReviewCreate(RequestBody):
    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    rating: Annotated[int, Field(ge=1, le=5)]
    title: Annotated[str, Field(max_length=120)] | None = None
    body: Annotated[str, Field(max_length=5000)] | None = None


class ReviewUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["product_id", "rating"])

    product_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    title: Annotated[str, Field(max_length=120)] | None = None
    body: Annotated[str, Field(max_length=5000)] | None = None


class ReviewPage(ReadBody):
    items: list[ReviewRead]
    total: int
    page: int
    size: int
