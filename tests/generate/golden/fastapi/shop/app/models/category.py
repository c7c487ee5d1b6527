"""The `categories` table: A node of the catalogue tree."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base


class Category(Base):
    """A node of the catalogue tree"""

    __tablename__ = "categories"
    __table_args__ = (
        sa.UniqueConstraint("slug", name="uq_categories_slug"),
        sa.Index("ix_categories_parent_id", "parent_id"),
    )

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    name: Mapped[str] = mapped_column(
        sa.String(80),
        nullable=False,
    )
    slug: Mapped[str] = mapped_column(
        sa.String(80),
        nullable=False,
    )
    position: Mapped[int] = mapped_column(
        sa.Integer(),
        nullable=False,
        default=0,
    )
    parent_id: Mapped[int | None] = mapped_column(
        ID_TYPE,
        sa.ForeignKey(
            "categories.id", ondelete="RESTRICT", name="fk_categories_parent_id_categories"
        ),
        nullable=True,
    )
