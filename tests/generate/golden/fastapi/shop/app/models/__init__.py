"""Every model, imported so that `Base.metadata` knows every table."""

from app.db.base import Base
from app.models.associations import product_tags_table
from app.models.cart import Cart
from app.models.cart_item import CartItem
from app.models.category import Category
from app.models.order import Order
from app.models.order_item import OrderItem
from app.models.payment import Payment
from app.models.product import Product
from app.models.review import Review
from app.models.tag import Tag
from app.models.user import User

__all__ = [
    "Base",
    "User",
    "Category",
    "Tag",
    "Product",
    "Cart",
    "CartItem",
    "Order",
    "OrderItem",
    "Payment",
    "Review",
    "product_tags_table",
]
