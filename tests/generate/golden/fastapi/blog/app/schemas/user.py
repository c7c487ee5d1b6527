"""Request and response bodies of User."""

from app.schemas.common import ReadBody, UtcDateTime


class UserRead(ReadBody):
    id: int
    email: str
    name: str | None
    created_at: UtcDateTime
    updated_at: UtcDateTime
