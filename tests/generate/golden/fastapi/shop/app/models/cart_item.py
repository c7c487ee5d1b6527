"""The `cart_items` table."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, utcnow


class CartItem(Base):
    __tablename__ = "cart_items"
    __table_args__ = (
        sa.UniqueConstraint("cart_id", "product_id", name="uq_cart_items_cart_id_product_id"),
        sa.Index("ix_cart_items_cart_id", "cart_id"),
        sa.Index("ix_cart_items_customer_id", "customer_id"),
        sa.Index("ix_cart_items_product_id", "product_id"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    cart_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("carts.id", ondelete="CASCADE", name="fk_cart_items_cart_id_carts"),
        nullable=False,
    )
    customer_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_cart_items_customer_id_users"),
        nullable=False,
    )
    product_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("products.id", ondelete="CASCADE", name="fk_cart_items_product_id_products"),
        nullable=False,
    )
    quantity: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
        default=1,
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
