"""Initial schema, written from the spec by InfraNest.

Revision ID: 83fb73374621
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision: str = "83fb73374621"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(150), nullable=True),
        sa.Column("hashed_password", sa.String(255), nullable=False),
        sa.Column("role", sa.String(64), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "blogs",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("handle", sa.String(255), nullable=False),
        sa.Column("user_id", ID_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_blogs"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_blogs_user_id_users"),
    )
    op.create_index("ix_blogs_user_id", "blogs", ["user_id"], unique=False)
    op.create_table(
        "posts",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blog_id", ID_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_posts"),
        sa.ForeignKeyConstraint(["blog_id"], ["blogs.id"], name="fk_posts_blog_id_blogs"),
    )
    op.create_index("ix_posts_blog_id", "posts", ["blog_id"], unique=False)
    op.create_table(
        "tags",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tags"),
    )
    op.create_table(
        "post_tag",
        sa.Column("post_id", ID_TYPE, nullable=False),
        sa.Column("tag_id", ID_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name="fk_post_tag_post_id_posts", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name="fk_post_tag_tag_id_tags", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("post_id", "tag_id", name="pk_post_tag"),
    )


def downgrade() -> None:
    op.drop_table("post_tag")
    op.drop_table("tags")
    op.drop_index("ix_posts_blog_id", table_name="posts")
    op.drop_table("posts")
    op.drop_index("ix_blogs_user_id", table_name="blogs")
    op.drop_table("blogs")
    op.drop_table("users")
