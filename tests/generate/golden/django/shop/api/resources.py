"""Each entity's API: bodies, list parameters, access and limits (see ``api.crud``)."""

from __future__ import annotations

from api import actions, models, serializers
from api.crud import Action, Op, Resource
from api.querying import Filter
from api.throttling import Limit

CATEGORY = Resource(
    name="category",
    model=models.Category,
    read=serializers.CategorySerializer,
    create=serializers.CategoryCreateSerializer,
    update=serializers.CategoryUpdateSerializer,
    ops={
        "list": Op("list_categories", ("anyone",)),
        "create": Op("create_category", ("admin", "staff")),
        "read": Op("get_category", ("anyone",)),
        "update": Op("update_category", ("admin", "staff")),
        "delete": Op("delete_category", ("admin", "staff")),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=("name",),
    sort=("position", "name"),
    filters=(),
    owner=None,
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={
        "parent_id": models.Category,
    },
    many={},
    write_roles={},
    actions={},
)

TAG = Resource(
    name="tag",
    model=models.Tag,
    read=serializers.TagSerializer,
    create=serializers.TagCreateSerializer,
    update=serializers.TagUpdateSerializer,
    ops={
        "list": Op("list_tags", ("anyone",)),
        "create": Op("create_tag", ("admin", "staff")),
        "read": Op("get_tag", ("anyone",)),
        "update": Op("update_tag", ("admin", "staff")),
        "delete": Op("delete_tag", ("admin", "staff")),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=("label",),
    sort=(),
    filters=(),
    owner=None,
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={},
    many={
        "products_ids": ("products", models.Product),
    },
    write_roles={},
    actions={},
)

PRODUCT = Resource(
    name="product",
    model=models.Product,
    read=serializers.ProductSerializer,
    create=serializers.ProductCreateSerializer,
    update=serializers.ProductUpdateSerializer,
    ops={
        "list": Op("list_products", ("anyone",)),
        "create": Op("create_product", ("admin", "staff")),
        "read": Op("get_product", ("anyone",)),
        "update": Op("update_product", ("admin", "staff")),
        "delete": Op("delete_product", ("admin",)),
    },
    pagination="cursor",
    page_size=24,
    max_page_size=96,
    search=("name", "sku", "description"),
    sort=("price", "name", "stock"),
    filters=(
        Filter("category_id", "category_id", "id"),
        Filter("active", "active", "bool"),
        Filter("price", "price", "decimal", pattern="^-?\\d{1,8}(\\.\\d{1,2})?$"),
        Filter("price__gte", "price__gte", "decimal", pattern="^-?\\d{1,8}(\\.\\d{1,2})?$"),
        Filter("price__lte", "price__lte", "decimal", pattern="^-?\\d{1,8}(\\.\\d{1,2})?$"),
        Filter("currency", "currency", "enum", choices=("eur", "usd", "gbp")),
    ),
    owner=None,
    tenant=None,
    soft_delete=True,
    optimistic_lock=True,
    relations={
        "category_id": models.Category,
    },
    many={
        "tags_ids": ("tags", models.Tag),
    },
    write_roles={},
    actions={},
)

CART = Resource(
    name="cart",
    model=models.Cart,
    read=serializers.CartSerializer,
    create=serializers.CartCreateSerializer,
    update=serializers.CartUpdateSerializer,
    ops={
        "list": Op("list_carts", ("owner",)),
        "create": Op("create_cart", ("customer",)),
        "read": Op("get_cart", ("owner",)),
        "update": Op("update_cart", ("owner",)),
        "delete": Op("delete_cart", ("admin",)),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=(),
    sort=(),
    filters=(),
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={},
    many={},
    write_roles={},
    actions={
        "checkout": Action(
            "checkout",
            Op(
                "cart_checkout",
                ("owner",),
                limits=(
                    Limit(10, "minute", "user"),
                    Limit(100, "minute", "ip"),
                ),
                idempotent=True,
            ),
            "item",
            actions.cart_checkout,
        ),
    },
)

CART_ITEM = Resource(
    name="cart_item",
    model=models.CartItem,
    read=serializers.CartItemSerializer,
    create=serializers.CartItemCreateSerializer,
    update=serializers.CartItemUpdateSerializer,
    ops={
        "list": Op("list_cart_items", ("owner",)),
        "create": Op("create_cart_item", ("customer",)),
        "read": Op("get_cart_item", ("owner",)),
        "update": Op("update_cart_item", ("owner",)),
        "delete": Op("delete_cart_item", ("owner",)),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=(),
    sort=(),
    filters=(),
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={
        "cart_id": models.Cart,
        "product_id": models.Product,
    },
    many={},
    write_roles={},
    actions={},
)

ORDER = Resource(
    name="order",
    model=models.Order,
    read=serializers.OrderSerializer,
    create=serializers.OrderCreateSerializer,
    update=serializers.OrderUpdateSerializer,
    ops={
        "list": Op("list_orders", ("owner", "staff", "admin")),
        "create": Op(
            "create_order",
            ("customer",),
            limits=(
                Limit(20, "hour", "user"),
                Limit(10, "minute", "user"),
                Limit(100, "minute", "ip"),
            ),
            idempotent=True,
        ),
        "read": Op("get_order", ("owner", "staff", "admin")),
        "update": Op("update_order", ("staff", "admin")),
        "delete": Op("delete_order", ("admin",)),
    },
    pagination="cursor",
    page_size=20,
    max_page_size=100,
    search=("number",),
    sort=("placed_at", "total"),
    filters=(
        Filter(
            "status",
            "status",
            "enum",
            choices=("pending", "paid", "packed", "shipped", "delivered", "cancelled", "refunded"),
        ),
        Filter("customer_id", "customer_id", "id"),
        Filter("placed_at", "placed_at", "datetime"),
        Filter("placed_at__gte", "placed_at__gte", "datetime"),
        Filter("placed_at__lte", "placed_at__lte", "datetime"),
    ),
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    optimistic_lock=True,
    relations={},
    many={},
    write_roles={},
    actions={
        "cancel": Action(
            "cancel",
            Op(
                "order_cancel",
                ("owner", "staff"),
                limits=(Limit(5, "minute", "user"),),
                idempotent=True,
            ),
            "item",
            actions.order_cancel,
        ),
        "ship": Action("ship", Op("order_ship", ("staff",)), "item", actions.order_ship),
        "refund": Action(
            "refund", Op("order_refund", ("admin",), idempotent=True), "item", actions.order_refund
        ),
    },
)

ORDER_ITEM = Resource(
    name="order_item",
    model=models.OrderItem,
    read=serializers.OrderItemSerializer,
    create=serializers.OrderItemCreateSerializer,
    update=serializers.OrderItemUpdateSerializer,
    ops={
        "list": Op("list_order_items", ("owner", "staff", "admin")),
        "create": Op("create_order_item", ("admin",)),
        "read": Op("get_order_item", ("owner", "staff", "admin")),
        "update": Op("update_order_item", ("admin",)),
        "delete": Op("delete_order_item", ("admin",)),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=(),
    sort=(),
    filters=(),
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={
        "parent_order_id": models.Order,
        "product_id": models.Product,
    },
    many={},
    write_roles={},
    actions={},
)

PAYMENT = Resource(
    name="payment",
    model=models.Payment,
    read=serializers.PaymentSerializer,
    create=serializers.PaymentCreateSerializer,
    update=serializers.PaymentUpdateSerializer,
    ops={
        "list": Op("list_payments", ("admin",)),
        "create": Op(
            "create_payment",
            ("customer",),
            limits=(
                Limit(10, "minute", "user"),
                Limit(100, "minute", "ip"),
            ),
            idempotent=True,
        ),
        "read": Op("get_payment", ("owner", "admin")),
        "update": Op("update_payment", ("admin",)),
        "delete": Op("delete_payment", ("admin",)),
    },
    pagination="offset",
    page_size=20,
    max_page_size=100,
    search=(),
    sort=("amount",),
    filters=(
        Filter(
            "status", "status", "enum", choices=("authorized", "captured", "failed", "refunded")
        ),
        Filter("currency", "currency", "enum", choices=("eur", "usd", "gbp")),
    ),
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    optimistic_lock=False,
    relations={
        "paid_order_id": models.Order,
    },
    many={},
    write_roles={},
    actions={
        "capture": Action(
            "capture",
            Op("payment_capture", ("admin",), idempotent=True),
            "item",
            actions.payment_capture,
        ),
    },
)

REVIEW = Resource(
    name="review",
    model=models.Review,
    read=serializers.ReviewSerializer,
    create=serializers.ReviewCreateSerializer,
    update=serializers.ReviewUpdateSerializer,
    ops={
        "list": Op("list_reviews", ("anyone",)),
        "create": Op("create_review", ("customer",), limits=(Limit(5, "hour", "user"),)),
        "read": Op("get_review", ("anyone",)),
        "update": Op("update_review", ("owner", "admin")),
        "delete": Op("delete_review", ("owner", "admin")),
    },
    pagination="offset",
    page_size=10,
    max_page_size=50,
    search=("title", "body"),
    sort=("rating",),
    filters=(
        Filter("product_id", "product_id", "id"),
        Filter("rating", "rating", "int"),
        Filter("rating__gte", "rating__gte", "int"),
        Filter("rating__lte", "rating__lte", "int"),
        Filter("verified", "verified", "bool"),
    ),
    owner="author_id",
    tenant=None,
    soft_delete=True,
    optimistic_lock=False,
    relations={
        "product_id": models.Product,
    },
    many={},
    write_roles={},
    actions={},
)
