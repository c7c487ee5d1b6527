"""Request and response bodies of Category."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody


class CategoryRead(ReadBody):
    id: int
    name: str
    slug: str
    position: int
    parent_id: int | None


class CategoryCreate(RequestBody):
    name: Annotated[str, Field(max_length=80)]
    slug: Annotated[str, Field(max_length=80, pattern="^[a-z0-9]+(-[a-z0-9]+)*$")]
    position: Annotated[int, Field(ge=0, le=2147483647)] = 0
    parent_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None


class CategoryUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["name", "position", "slug"])

    name: Annotated[str, Field(max_length=80)] | None = None
    slug: Annotated[str, Field(max_length=80, pattern="^[a-z0-9]+(-[a-z0-9]+)*$")] | None = None
    position: Annotated[int, Field(ge=0, le=2147483647)] | None = None
    parent_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None


class CategoryPage(ReadBody):
    items: list[CategoryRead]
    total: int
    page: int
    size: int
