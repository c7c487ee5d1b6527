"""Request and response bodies of Payment."""

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import Field

from app.models.enums import Currency, PaymentStatus
from app.schemas.common import ReadBody, RequestBody, UtcDateTime


class PaymentRead(ReadBody):
    id: int
    paid_order_id: int
    customer_id: int
    provider_ref: str | None
    amount: Decimal
    currency: Currency
    status: PaymentStatus
    card_last4: str | None
    created_at: UtcDateTime
    updated_at: UtcDateTime


class PaymentCreate(RequestBody):
    paid_order_id: Annotated[int, Field(ge=1, le=9223372036854775807)]
    amount: Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=12, decimal_places=2)]
    currency: Currency


class PaymentUpdate(RequestBody):
    NOT_NULL: ClassVar[frozenset[str]] = frozenset(["amount", "currency", "paid_order_id"])

    paid_order_id: Annotated[int, Field(ge=1, le=9223372036854775807)] | None = None
    amount: (
        Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=12, decimal_places=2)] | None
    ) = None
    currency: Currency | None = None


class PaymentPage(ReadBody):
    items: list[PaymentRead]
    total: int
    page: int
    size: int
