"""The `orders` table: A customer's order."""

import datetime as dt
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, enum_type, utcnow
from app.models.enums import Currency, OrderStatus


class Order(Base):
    """A customer's order"""

    __tablename__ = "orders"
    __table_args__ = (
        sa.UniqueConstraint("number", name="uq_orders_number"),
        sa.Index("ix_orders_customer_id", "customer_id"),
        sa.Index("ix_orders_status", "status"),
        sa.Index("ix_orders_customer_id_placed_at", "customer_id", "placed_at"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    number: Mapped[str | None] = mapped_column(
        sa.String(20),
        nullable=True,
    )
    customer_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="RESTRICT", name="fk_orders_customer_id_users"),
        nullable=False,
    )
    status: Mapped[OrderStatus] = mapped_column(
        enum_type(OrderStatus, "order_status", 9),
        nullable=False,
        default=OrderStatus.PENDING,
    )
    subtotal: Mapped[Decimal] = mapped_column(
        sa.Numeric(12, 2),
        nullable=False,
        default=Decimal("0"),
    )
    shipping_fee: Mapped[Decimal] = mapped_column(
        sa.Numeric(10, 2),
        nullable=False,
        default=Decimal("0"),
    )
    total: Mapped[Decimal] = mapped_column(
        sa.Numeric(12, 2),
        nullable=False,
        default=Decimal("0"),
    )
    currency: Mapped[Currency] = mapped_column(
        enum_type(Currency, "currency", 3),
        nullable=False,
        default=Currency.EUR,
    )
    ship_to_name: Mapped[str] = mapped_column(
        sa.String(120),
        nullable=False,
    )
    ship_to_address: Mapped[str] = mapped_column(
        sa.Text(),
        nullable=False,
    )
    phone: Mapped[str | None] = mapped_column(
        sa.String(20),
        nullable=True,
    )
    note: Mapped[str | None] = mapped_column(
        sa.Text(),
        nullable=True,
    )
    placed_at: Mapped[dt.datetime] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=False,
        default=utcnow,
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
    version: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
        default=1,
    )
