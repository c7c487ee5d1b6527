"""The `tags` table: A free label shown as a product facet."""

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID_TYPE, Base

if TYPE_CHECKING:
    from app.models.product import Product


class Tag(Base):
    """A free label shown as a product facet"""

    __tablename__ = "tags"
    __table_args__ = (sa.UniqueConstraint("label", name="uq_tags_label"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    label: Mapped[str] = mapped_column(
        sa.String(40),
        nullable=False,
    )
    products: Mapped[list["Product"]] = relationship(
        secondary="product_tags",
        primaryjoin="Tag.id == product_tags.c.tag_id",
        secondaryjoin="Product.id == product_tags.c.product_id",
        back_populates="tags",
        lazy="selectin",
    )

    @property
    def products_ids(self) -> list[int]:
        return sorted(row.id for row in self.products)
