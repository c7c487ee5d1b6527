"""Every model, imported so that `Base.metadata` knows every table."""

from app.db.base import Base
from app.models.associations import post_tag_table
from app.models.blog import Blog
from app.models.post import Post
from app.models.tag import Tag
from app.models.user import User

__all__ = [
    "Base",
    "User",
    "Blog",
    "Post",
    "Tag",
    "post_tag_table",
]
