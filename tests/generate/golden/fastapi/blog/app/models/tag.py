"""The `tags` table."""

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID_TYPE, Base

if TYPE_CHECKING:
    from app.models.post import Post


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    name: Mapped[str] = mapped_column(
        sa.String(255),
        nullable=False,
    )
    entry: Mapped[list["Post"]] = relationship(
        secondary="post_tag",
        primaryjoin="Tag.id == post_tag.c.tag_id",
        secondaryjoin="Post.id == post_tag.c.post_id",
        back_populates="tag",
        lazy="selectin",
    )

    @property
    def entry_ids(self) -> list[int]:
        return sorted(row.id for row in self.entry)
