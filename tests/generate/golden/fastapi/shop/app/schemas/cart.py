"""Request and response bodies of Cart."""

from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class CartRead(ReadBody):
    id: int
    customer_id: int
    created_at: UtcDateTime
    updated_at: UtcDateTime


class CartCreate(RequestBody):
    pass


class CartUpdate(RequestBody):
    pass


class CartPage(ReadBody):
    items: list[CartRead]
    total: int
    page: int
    size: int
