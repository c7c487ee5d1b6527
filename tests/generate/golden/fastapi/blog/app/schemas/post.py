"""Request and response bodies of Post."""

from typing import Annotated, ClassVar

from pydantic import Field

from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class PostRead(ReadBody):
    id: int
    title: str
    content: str
    date: UtcDateTime
    blog_id: int | None
    tag_ids: list[int]


class PostCreate(RequestBody):
    title: Annotated[str, Field(max_length=255)]
    content: str
    date: UtcDateTime
    blog_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    tag_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] = Field(default_factory=list)


class PostUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["content", "date", "tag_ids", "title"])

    title: Annotated[str, Field(max_length=255)] | None = None
    content: str | None = None
    date: UtcDateTime | None = None
    blog_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    tag_ids: list[Annotated[int, Field(ge=1, le=9223372036854775807)]] | None = None


class PostPage(ReadBody):
    items: list[PostRead]
    next_cursor: str | None
