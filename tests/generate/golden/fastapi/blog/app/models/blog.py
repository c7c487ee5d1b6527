"""The `blogs` table."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base


class Blog(Base):
    __tablename__ = "blogs"
    __table_args__ = (sa.Index("ix_blogs_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    name: Mapped[str] = mapped_column(
        sa.String(255),
        nullable=False,
    )
    handle: Mapped[str] = mapped_column(
        sa.String(255),
        nullable=False,
    )
    user_id: Mapped[int | None] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("users.id", name="fk_blogs_user_id_users"),
        nullable=True,
    )
