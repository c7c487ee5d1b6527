"""The `order_items` table: A line of an order, priced when it was ordered."""

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base


class OrderItem(Base):
    """A line of an order, priced when it was ordered"""

    __tablename__ = "order_items"
    __table_args__ = (
        sa.UniqueConstraint(
            "parent_order_id", "product_id", name="uq_order_items_parent_order_id_product_id"
        ),
        sa.Index("ix_order_items_parent_order_id", "parent_order_id"),
        sa.Index("ix_order_items_customer_id", "customer_id"),
        sa.Index("ix_order_items_product_id", "product_id"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    parent_order_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey(
            "orders.id", ondelete="CASCADE", name="fk_order_items_parent_order_id_orders"
        ),
        nullable=False,
    )
    customer_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="RESTRICT", name="fk_order_items_customer_id_users"),
        nullable=False,
    )
    product_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey(
            "products.id", ondelete="RESTRICT", name="fk_order_items_product_id_products"
        ),
        nullable=False,
    )
    quantity: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
    )
    unit_price: Mapped[Decimal] = mapped_column(
        sa.Numeric(10, 2),
        nullable=False,
        default=Decimal("0"),
    )
