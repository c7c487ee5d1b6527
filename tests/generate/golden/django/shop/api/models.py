"""The models of Online store: one table per entity of the spec."""

from __future__ import annotations

import decimal

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models


class OrderStatus(models.TextChoices):
    PENDING = "pending", "pending"
    PAID = "paid", "paid"
    PACKED = "packed", "packed"
    SHIPPED = "shipped", "shipped"
    DELIVERED = "delivered", "delivered"
    CANCELLED = "cancelled", "cancelled"
    REFUNDED = "refunded", "refunded"


class PaymentStatus(models.TextChoices):
    AUTHORIZED = "authorized", "authorized"
    CAPTURED = "captured", "captured"
    FAILED = "failed", "failed"
    REFUNDED = "refunded", "refunded"


class Currency(models.TextChoices):
    EUR = "eur", "Euro"
    USD = "usd", "US dollar"
    GBP = "gbp", "Pound sterling"


class Role(models.TextChoices):
    ADMIN = "admin", "admin"
    STAFF = "staff", "staff"
    CUSTOMER = "customer", "customer"


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    role = models.CharField(blank=True, choices=Role.choices, default="", max_length=64)
    is_active = models.BooleanField(default=True)
    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=150, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    objects = UserManager()

    def __str__(self) -> str:
        return f"User {self.pk}"


class Category(models.Model):
    """A node of the catalogue tree"""

    name = models.CharField(max_length=80)
    slug = models.CharField(max_length=80, unique=True)
    position = models.IntegerField(default=0)
    parent = models.ForeignKey(
        "Category", on_delete=django.db.models.deletion.PROTECT, null=True, related_name="children"
    )

    def __str__(self) -> str:
        return f"Category {self.pk}"


class Tag(models.Model):
    """A free label shown as a product facet"""

    label = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return f"Tag {self.pk}"


class Product(models.Model):
    """Something we sell"""

    name = models.CharField(max_length=120)
    sku = models.CharField(max_length=32, unique=True)
    description = models.TextField(null=True)
    price = models.DecimalField(decimal_places=2, max_digits=10)
    currency = models.CharField(max_length=3, choices=Currency.choices, default="eur")
    stock = models.IntegerField(default=0)
    weight_grams = models.IntegerField(null=True)
    active = models.BooleanField(default=True, db_index=True)
    image = models.URLField(max_length=2048, null=True)
    details = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(db_index=True, null=True)
    version = models.IntegerField(default=1)
    category = models.ForeignKey(
        "Category", on_delete=django.db.models.deletion.PROTECT, related_name="products"
    )
    tags = models.ManyToManyField("Tag", related_name="products")

    class Meta:
        indexes = [
            models.Index(fields=["category", "active"], name="ix_product_category_act_b45650"),
        ]

    def __str__(self) -> str:
        return f"Product {self.pk}"


class Cart(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    customer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.CASCADE, related_name="+"
    )

    def __str__(self) -> str:
        return f"Cart {self.pk}"


class CartItem(models.Model):
    quantity = models.IntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cart = models.ForeignKey(
        "Cart", on_delete=django.db.models.deletion.CASCADE, related_name="items"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.CASCADE, related_name="+"
    )
    product = models.ForeignKey(
        "Product", on_delete=django.db.models.deletion.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "product"], name="uq_cart_ite_cart_product_69acc"
            ),
        ]

    def __str__(self) -> str:
        return f"CartItem {self.pk}"


class Order(models.Model):
    """A customer's order"""

    number = models.CharField(max_length=20, null=True, unique=True)
    status = models.CharField(
        max_length=9, choices=OrderStatus.choices, default="pending", db_index=True
    )
    subtotal = models.DecimalField(decimal_places=2, max_digits=12, default=decimal.Decimal("0"))
    shipping_fee = models.DecimalField(
        decimal_places=2, max_digits=10, default=decimal.Decimal("0")
    )
    total = models.DecimalField(decimal_places=2, max_digits=12, default=decimal.Decimal("0"))
    currency = models.CharField(max_length=3, choices=Currency.choices, default="eur")
    ship_to_name = models.CharField(max_length=120)
    ship_to_address = models.TextField()
    phone = models.CharField(max_length=20, null=True)
    note = models.TextField(null=True)
    placed_at = models.DateTimeField(default=django.utils.timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.IntegerField(default=1)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["customer", "placed_at"], name="ix_order_customer_pla_17d25c0f"),
        ]

    def __str__(self) -> str:
        return f"Order {self.pk}"


class OrderItem(models.Model):
    """A line of an order, priced when it was ordered"""

    quantity = models.IntegerField()
    unit_price = models.DecimalField(decimal_places=2, max_digits=10, default=decimal.Decimal("0"))
    parent_order = models.ForeignKey(
        "Order", on_delete=django.db.models.deletion.CASCADE, related_name="items"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "Product", on_delete=django.db.models.deletion.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["parent_order", "product"], name="uq_order_it_parent_order_5ab13"
            ),
        ]

    def __str__(self) -> str:
        return f"OrderItem {self.pk}"


class Payment(models.Model):
    """A card payment taken through the payment provider"""

    provider_ref = models.CharField(max_length=64, null=True, unique=True)
    amount = models.DecimalField(decimal_places=2, max_digits=12)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default="authorized")
    card_last4 = models.CharField(max_length=4, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_order = models.OneToOneField(
        "Order", on_delete=django.db.models.deletion.PROTECT, related_name="payment"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Payment {self.pk}"


class Review(models.Model):
    """A verified buyer's rating of a product"""

    rating = models.IntegerField()
    title = models.CharField(max_length=120, null=True)
    body = models.TextField(null=True)
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(db_index=True, null=True)
    product = models.ForeignKey(
        "Product", on_delete=django.db.models.deletion.CASCADE, related_name="reviews"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=django.db.models.deletion.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "author"], name="uq_review_product_auth_915d02c"
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.pk}"
