"""Association tables of many-to-many relations."""

import sqlalchemy as sa

from app.db.base import ID_TYPE, Base

post_tag_table = sa.Table(
    "post_tag",
    Base.metadata,
    sa.Column(
        "post_id",
        ID_TYPE,
        sa.ForeignKey("posts.id", ondelete="CASCADE", name="fk_post_tag_post_id_posts"),
        primary_key=True,
    ),
    sa.Column(
        "tag_id",
        ID_TYPE,
        sa.ForeignKey("tags.id", ondelete="CASCADE", name="fk_post_tag_tag_id_tags"),
        primary_key=True,
    ),
)
