"""Initial schema, written from the spec by InfraNest.

Revision ID: e88fcd8ebf07
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision: str = "e88fcd8ebf07"
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
        "categories",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("parent_id", ID_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_categories"),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["categories.id"],
            name="fk_categories_parent_id_categories",
            ondelete="RESTRICT",
        ),
        sa.UniqueConstraint("slug", name="uq_categories_slug"),
    )
    op.create_index("ix_categories_parent_id", "categories", ["parent_id"], unique=False)
    op.create_table(
        "tags",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tags"),
        sa.UniqueConstraint("label", name="uq_tags_label"),
    )
    op.create_table(
        "products",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "eur",
                "usd",
                "gbp",
                name="currency",
                native_enum=False,
                create_constraint=False,
                length=3,
            ),
            nullable=False,
        ),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("weight_grams", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("image", sa.String(2048), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("category_id", ID_TYPE, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_products"),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name="fk_products_category_id_categories",
            ondelete="RESTRICT",
        ),
        sa.UniqueConstraint("sku", name="uq_products_sku"),
    )
    op.create_index("ix_products_active", "products", ["active"], unique=False)
    op.create_index("ix_products_category_id", "products", ["category_id"], unique=False)
    op.create_index(
        "ix_products_category_id_active", "products", ["category_id", "active"], unique=False
    )
    op.create_table(
        "carts",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_carts"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["users.id"], name="fk_carts_customer_id_users", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("customer_id", name="uq_carts_customer_id"),
    )
    op.create_table(
        "cart_items",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("cart_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("product_id", ID_TYPE, nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cart_items"),
        sa.ForeignKeyConstraint(
            ["cart_id"], ["carts.id"], name="fk_cart_items_cart_id_carts", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["users.id"],
            name="fk_cart_items_customer_id_users",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name="fk_cart_items_product_id_products",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("cart_id", "product_id", name="uq_cart_items_cart_id_product_id"),
    )
    op.create_index("ix_cart_items_cart_id", "cart_items", ["cart_id"], unique=False)
    op.create_index("ix_cart_items_customer_id", "cart_items", ["customer_id"], unique=False)
    op.create_index("ix_cart_items_product_id", "cart_items", ["product_id"], unique=False)
    op.create_table(
        "orders",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("number", sa.String(20), nullable=True),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "paid",
                "packed",
                "shipped",
                "delivered",
                "cancelled",
                "refunded",
                name="order_status",
                native_enum=False,
                create_constraint=False,
                length=9,
            ),
            nullable=False,
        ),
        sa.Column("subtotal", sa.Numeric(12, 2), nullable=False),
        sa.Column("shipping_fee", sa.Numeric(10, 2), nullable=False),
        sa.Column("total", sa.Numeric(12, 2), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "eur",
                "usd",
                "gbp",
                name="currency",
                native_enum=False,
                create_constraint=False,
                length=3,
            ),
            nullable=False,
        ),
        sa.Column("ship_to_name", sa.String(120), nullable=False),
        sa.Column("ship_to_address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["users.id"], name="fk_orders_customer_id_users", ondelete="RESTRICT"
        ),
        sa.UniqueConstraint("number", name="uq_orders_number"),
    )
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"], unique=False)
    op.create_index("ix_orders_status", "orders", ["status"], unique=False)
    op.create_index(
        "ix_orders_customer_id_placed_at", "orders", ["customer_id", "placed_at"], unique=False
    )
    op.create_table(
        "order_items",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("parent_order_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("product_id", ID_TYPE, nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Numeric(10, 2), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_order_items"),
        sa.ForeignKeyConstraint(
            ["parent_order_id"],
            ["orders.id"],
            name="fk_order_items_parent_order_id_orders",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["users.id"],
            name="fk_order_items_customer_id_users",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name="fk_order_items_product_id_products",
            ondelete="RESTRICT",
        ),
        sa.UniqueConstraint(
            "parent_order_id", "product_id", name="uq_order_items_parent_order_id_product_id"
        ),
    )
    op.create_index(
        "ix_order_items_parent_order_id", "order_items", ["parent_order_id"], unique=False
    )
    op.create_index("ix_order_items_customer_id", "order_items", ["customer_id"], unique=False)
    op.create_index("ix_order_items_product_id", "order_items", ["product_id"], unique=False)
    op.create_table(
        "payments",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("paid_order_id", ID_TYPE, nullable=False),
        sa.Column("customer_id", ID_TYPE, nullable=False),
        sa.Column("provider_ref", sa.String(64), nullable=True),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column(
            "currency",
            sa.Enum(
                "eur",
                "usd",
                "gbp",
                name="currency",
                native_enum=False,
                create_constraint=False,
                length=3,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "authorized",
                "captured",
                "failed",
                "refunded",
                name="payment_status",
                native_enum=False,
                create_constraint=False,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("card_last4", sa.String(4), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_payments"),
        sa.ForeignKeyConstraint(
            ["paid_order_id"],
            ["orders.id"],
            name="fk_payments_paid_order_id_orders",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["users.id"], name="fk_payments_customer_id_users", ondelete="RESTRICT"
        ),
        sa.UniqueConstraint("paid_order_id", name="uq_payments_paid_order_id"),
        sa.UniqueConstraint("provider_ref", name="uq_payments_provider_ref"),
    )
    op.create_index("ix_payments_customer_id", "payments", ["customer_id"], unique=False)
    op.create_table(
        "reviews",
        sa.Column("id", ID_TYPE, nullable=False),
        sa.Column("product_id", ID_TYPE, nullable=False),
        sa.Column("author_id", ID_TYPE, nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(120), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name="fk_reviews_product_id_products",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name="fk_reviews_author_id_users", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("product_id", "author_id", name="uq_reviews_product_id_author_id"),
    )
    op.create_index("ix_reviews_product_id", "reviews", ["product_id"], unique=False)
    op.create_index("ix_reviews_author_id", "reviews", ["author_id"], unique=False)
    op.create_table(
        "product_tags",
        sa.Column("product_id", ID_TYPE, nullable=False),
        sa.Column("tag_id", ID_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name="fk_product_tags_product_id_products",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name="fk_product_tags_tag_id_tags", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("product_id", "tag_id", name="pk_product_tags"),
    )


def downgrade() -> None:
    op.drop_table("product_tags")
    op.drop_index("ix_reviews_product_id", table_name="reviews")
    op.drop_index("ix_reviews_author_id", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ix_payments_customer_id", table_name="payments")
    op.drop_table("payments")
    op.drop_index("ix_order_items_parent_order_id", table_name="order_items")
    op.drop_index("ix_order_items_customer_id", table_name="order_items")
    op.drop_index("ix_order_items_product_id", table_name="order_items")
    op.drop_table("order_items")
    op.drop_index("ix_orders_customer_id", table_name="orders")
    op.drop_index("ix_orders_status", table_name="orders")
    op.drop_index("ix_orders_customer_id_placed_at", table_name="orders")
    op.drop_table("orders")
    op.drop_index("ix_cart_items_cart_id", table_name="cart_items")
    op.drop_index("ix_cart_items_customer_id", table_name="cart_items")
    op.drop_index("ix_cart_items_product_id", table_name="cart_items")
    op.drop_table("cart_items")
    op.drop_table("carts")
    op.drop_index("ix_products_active", table_name="products")
    op.drop_index("ix_products_category_id", table_name="products")
    op.drop_index("ix_products_category_id_active", table_name="products")
    op.drop_table("products")
    op.drop_table("tags")
    op.drop_index("ix_categories_parent_id", table_name="categories")
    op.drop_table("categories")
    op.drop_table("users")
