"""The `payments` table: A card payment taken through the payment provider."""

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, enum_type, utcnow
from app.models.enums import Currency, PaymentStatus


class Payment(Base):
    """A card payment taken through the payment provider"""

    __tablename__ = "payments"
    __table_args__ = (
        sa.UniqueConstraint("paid_order_id", name="uq_payments_paid_order_id"),
        sa.UniqueConstraint("provider_ref", name="uq_payments_provider_ref"),
        sa.Index("ix_payments_customer_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    paid_order_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("orders.id", ondelete="RESTRICT", name="fk_payments_paid_order_id_orders"),
        nullable=False,
    )
    customer_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="RESTRICT", name="fk_payments_customer_id_users"),
        nullable=False,
    )
    provider_ref: Mapped[str | None] = mapped_column(
        sa.String(64),
        nullable=True,
    )
    amount: Mapped[Decimal] = mapped_column(
        sa.Numeric(12, 2),
        nullable=False,
    )
    currency: Mapped[Currency] = mapped_column(
        enum_type(Currency, "currency", 3),
        nullable=False,
    )
    status: Mapped[PaymentStatus] = mapped_column(
        enum_type(PaymentStatus, "payment_status", 10),
        nullable=False,
        default=PaymentStatus.AUTHORIZED,
    )
    card_last4: Mapped[str | None] = mapped_column(
        sa.String(4),
        nullable=True,
    )
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=False,
        default=utcnow,
    )
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=False,
        default=utcnow,
        onupdate=utcnow,
    )
