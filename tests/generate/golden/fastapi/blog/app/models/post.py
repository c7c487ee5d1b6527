"""The `posts` table."""

import datetime as dt
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import ID_TYPE, Base

if TYPE_CHECKING:
    from app.models.tag import Tag


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (sa.Index("ix_posts_blog_id", "blog_id"),)

    id: Mapped[int] = mapped_column(ID_TYPE, primary_key=True)
    title: Mapped[str] = mapped_column(
        sa.String(255),
        nullable=False,
    )
    content: Mapped[str] = mapped_column(
        sa.Text(),
        nullable=False,
    )
    date: Mapped[dt.datetime] = mapped_column(
        sa.DateTime(timezone=True),
        nullable=False,
    )
    blog_id: Mapped[int | None] = mapped_column(
        ID_TYPE,
        sa.ForeignKey("blogs.id", name="fk_posts_blog_id_blogs"),
        nullable=True,
    )
    tag: Mapped[list["Tag"]] = relationship(
        secondary="post_tag",
        primaryjoin="Post.id == post_tag.c.post_id",
        secondaryjoin="Tag.id == post_tag.c.tag_id",
        lazy="selectin",
    )

    @property
    def tag_ids(self) -> list[int]:
        return sorted(row.id for row in self.tag)
