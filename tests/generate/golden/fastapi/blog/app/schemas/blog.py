"""Request and response bodies of Blog."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody


class BlogRead(ReadBody):
    id: int
    name: str
    handle: str
    user_id: int | None


class BlogCreate(RequestBody):
    name: Annotated[str, Field(min_length=3, max_length=255)]
    handle: Annotated[str, Field(min_length=2, max_length=255)]
    user_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None


class BlogUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["handle", "name"])

    name: Annotated[str, Field(min_length=3, max_length=255)] | None = None
    handle: Annotated[str, Field(min_length=2, max_length=255)] | None = None
    user_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None


class BlogPage(ReadBody):
    items: list[BlogRead]
    total: int
    page: int
    size: int
