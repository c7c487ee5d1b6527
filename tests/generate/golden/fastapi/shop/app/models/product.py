"""The `products` table: Something we sell."""

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID_TYPE, Base, enum_type, utcnow
from app.models.enums import Currency

if TYPE_CHECKING:
    from app.models.tag import Tag


class Product(Base):
    """Something we sell"""

    __tablename__ = "products"
    __table_args__ = (
        sa.UniqueConstraint("sku", name="uq_products_sku"),
        sa.Index("ix_products_active", "active"),
        sa.Index("ix_products_category_id", "category_id"),
        sa.Index("ix_products_category_id_active", "category_id", "active"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    name: Mapped[str] = mapped_column(
        sa.String(120),
        nullable=False,
    )
    sku: Mapped[str] = mapped_column(
        sa.String(32),
        nullable=False,
    )
    description: Mapped[str | None] = mapped_column(
        sa.Text(),
        nullable=True,
    )
    price: Mapped[Decimal] = mapped_column(
        sa.Numeric(10, 2),
        nullable=False,
    )
    currency: Mapped[Currency] = mapped_column(
        enum_type(Currency, "currency", 3),
        nullable=False,
        default=Currency.EUR,
    )
    stock: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
        default=0,
    )
    weight_grams: Mapped[int | None] = mapped_column(
        sa.Integer(),
        nullable=True,
    )
    active: Mapped[bool] = mapped_column(
        sa.Boolean(),
        nullable=False,
        default=True,
    )
    image: Mapped[str | None] = mapped_column(
        sa.String(2048),
        nullable=True,
    )
    details: Mapped[Any | None] = mapped_column(
        sa.JSON(),
        nullable=True,
    )
    category_id: Mapped[int] = mapped_column(
        ID_TYPE,
        sa.ForeignKey(
            "categories.id", ondelete="RESTRICT", name="fk_products_category_id_categories"
        ),
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
    deleted_at: Mapped[datetime | None] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=True,
    )
    version: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
        default=1,
    )
    tags: Mapped[list["Tag"]] = relationship(
        secondary="product_tags",
        primaryjoin="Product.id == product_tags.c.product_id",
        secondaryjoin="Tag.id == product_tags.c.tag_id",
        back_populates="products",
        lazy="selectin",
    )

    @property
    def tags_ids(self) -> list[int]:
        return sorted(row.id for row in self.tags)
