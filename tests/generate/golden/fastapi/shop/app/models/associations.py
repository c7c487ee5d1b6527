"""Association tables of many-to-many relations."""

import sqlalchemy as sa

from app.db.base import ID_TYPE, Base

product_tags_table = sa.Table(
    "product_tags",
    Base.metadata,
    sa.Column(
        "product_id",
        ID_TYPE,
        sa.ForeignKey(
            "products.id", ondelete="CASCADE", name="fk_product_tags_product_id_products"
        ),
        primary_key=True,
    ),
    sa.Column(
        "tag_id",
        ID_TYPE,
        sa.ForeignKey("tags.id", ondelete="CASCADE", name="fk_product_tags_tag_id_tags"),
        primary_key=True,
    ),
)
