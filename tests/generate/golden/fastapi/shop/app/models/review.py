"""The `reviews` table: A verified buyer's rating of a product."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, utcnow


class Review(Base):
    """A verified buyer's rating of a product"""

    __tablename__ = "reviews"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "author_id", name="uq_reviews_product_id_author_id"),
        sa.Index("ix_reviews_product_id", "product_id"),
        sa.Index("ix_reviews_author_id", "author_id"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("products.id", ondelete="CASCADE", name="fk_reviews_product_id_products"),
        nullable=False,
    )
    author_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_reviews_author_id_users"),
        nullable=False,
    )
    rating: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
    )
    title: Mapped[str | None] = mapped_column(
        sa.String(120),
        nullable=True,
    )
    body: Mapped[str | None] = mapped_column(
        sa.Text(),
        nullable=True,
    )
    verified: Mapped[bool] = mapped_column(
        sa.Boolean(),
        nullable=False,
        default=False,
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
    deleted_at: Mapped[datetime | None] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=True,
    )
