"""The `carts` table."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, utcnow


class Cart(Base):
    __tablename__ = "carts"
    __table_args__ = (sa.UniqueConstraint("customer_id", name="uq_carts_customer_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_carts_customer_id_users"),
        nullable=False,
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
