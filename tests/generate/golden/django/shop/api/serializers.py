"""Request and response bodies, exactly as the contract (``openapi.json``) defines them."""

from __future__ import annotations

import decimal

from rest_framework import serializers

from api import fields


class UserSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    email = serializers.CharField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CategorySerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    position = serializers.IntegerField()
    parent_id = serializers.IntegerField()


class CategoryCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=80, required=True)
    slug = fields.StringField(max_length=80, pattern="^[a-z0-9]+(-[a-z0-9]+)*$", required=True)
    position = fields.IntegerField(bits=32, min_value=0, required=False)
    parent_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)


class CategoryUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=80, required=False)
    slug = fields.StringField(max_length=80, pattern="^[a-z0-9]+(-[a-z0-9]+)*$", required=False)
    position = fields.IntegerField(bits=32, min_value=0, required=False)
    parent_id = fields.IntegerField(bits=64, min_value=1, required=False, allow_null=True)


class TagSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    products_ids = serializers.PrimaryKeyRelatedField(many=True, read_only=True, source="products")


class TagCreateSerializer(fields.ClosedSerializer):
    label = fields.StringField(max_length=40, required=True)
    products_ids = fields.IdListField(required=False)


class TagUpdateSerializer(fields.ClosedSerializer):
    label = fields.StringField(max_length=40, required=False)
    products_ids = fields.IdListField(required=False)


class ProductSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sku = serializers.CharField()
    description = serializers.CharField()
    price = fields.DecimalField(pattern="^\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)
    currency = serializers.CharField()
    stock = serializers.IntegerField()
    weight_grams = serializers.IntegerField()
    active = serializers.BooleanField()
    image = serializers.CharField()
    details = serializers.JSONField()
    category_id = serializers.IntegerField()
    tags_ids = serializers.PrimaryKeyRelatedField(many=True, read_only=True, source="tags")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class ProductCreateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, min_length=2, required=True)
    sku = fields.StringField(max_length=32, pattern="^[A-Z0-9-]{4,32}$", required=True)
    description = fields.StringField(max_length=10000, required=False, allow_null=True)
    price = fields.DecimalField(
        pattern="^\\d{1,8}(\\.\\d{1,2})?$",
        decimal_places=2,
        min_value=decimal.Decimal("0"),
        required=True,
    )
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=False)
    stock = fields.IntegerField(bits=32, min_value=0, required=False)
    weight_grams = fields.IntegerField(bits=32, min_value=1, required=False, allow_null=True)
    active = fields.BooleanField(required=False)
    image = fields.UrlField(max_length=2048, required=False, allow_null=True)
    details = serializers.JSONField(required=False, allow_null=True)
    category_id = fields.IntegerField(bits=64, min_value=1, required=True)
    tags_ids = fields.IdListField(required=False)


class ProductUpdateSerializer(fields.ClosedSerializer):
    name = fields.StringField(max_length=120, min_length=2, required=False)
    sku = fields.StringField(max_length=32, pattern="^[A-Z0-9-]{4,32}$", required=False)
    description = fields.StringField(max_length=10000, required=False, allow_null=True)
    price = fields.DecimalField(
        pattern="^\\d{1,8}(\\.\\d{1,2})?$",
        decimal_places=2,
        min_value=decimal.Decimal("0"),
        required=False,
    )
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=False)
    stock = fields.IntegerField(bits=32, min_value=0, required=False)
    weight_grams = fields.IntegerField(bits=32, min_value=1, required=False, allow_null=True)
    active = fields.BooleanField(required=False)
    image = fields.UrlField(max_length=2048, required=False, allow_null=True)
    details = serializers.JSONField(required=False, allow_null=True)
    category_id = fields.IntegerField(bits=64, min_value=1, required=False)
    tags_ids = fields.IdListField(required=False)
    version = fields.IntegerField(bits=32, min_value=1, required=True)


class CartSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CartCreateSerializer(fields.ClosedSerializer):
    pass


class CartUpdateSerializer(fields.ClosedSerializer):
    pass


class CartItemSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    cart_id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    quantity = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CartItemCreateSerializer(fields.ClosedSerializer):
    cart_id = fields.IntegerField(bits=64, min_value=1, required=True)
    product_id = fields.IntegerField(bits=64, min_value=1, required=True)
    quantity = fields.IntegerField(bits=32, min_value=1, max_value=99, required=False)


class CartItemUpdateSerializer(fields.ClosedSerializer):
    cart_id = fields.IntegerField(bits=64, min_value=1, required=False)
    product_id = fields.IntegerField(bits=64, min_value=1, required=False)
    quantity = fields.IntegerField(bits=32, min_value=1, max_value=99, required=False)


class OrderSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    customer_id = serializers.IntegerField()
    status = serializers.CharField()
    subtotal = fields.DecimalField(pattern="^\\d{1,10}(\\.\\d{1,2})?$", decimal_places=2)
    shipping_fee = fields.DecimalField(pattern="^\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)
    total = fields.DecimalField(pattern="^\\d{1,10}(\\.\\d{1,2})?$", decimal_places=2)
    currency = serializers.CharField()
    ship_to_name = serializers.CharField()
    ship_to_address = serializers.CharField()
    phone = serializers.CharField()
    note = serializers.CharField()
    placed_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class OrderCreateSerializer(fields.ClosedSerializer):
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=False)
    ship_to_name = fields.StringField(max_length=120, required=True)
    ship_to_address = fields.StringField(required=True)
    phone = fields.StringField(
        max_length=20, pattern="^\\+?[0-9 ]{6,20}$", required=False, allow_null=True
    )
    note = fields.StringField(max_length=500, required=False, allow_null=True)


class OrderUpdateSerializer(fields.ClosedSerializer):
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=False)
    ship_to_name = fields.StringField(max_length=120, required=False)
    ship_to_address = fields.StringField(required=False)
    phone = fields.StringField(
        max_length=20, pattern="^\\+?[0-9 ]{6,20}$", required=False, allow_null=True
    )
    note = fields.StringField(max_length=500, required=False, allow_null=True)
    version = fields.IntegerField(bits=32, min_value=1, required=True)


class OrderItemSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    parent_order_id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    quantity = serializers.IntegerField()
    unit_price = fields.DecimalField(pattern="^\\d{1,8}(\\.\\d{1,2})?$", decimal_places=2)


class OrderItemCreateSerializer(fields.ClosedSerializer):
    parent_order_id = fields.IntegerField(bits=64, min_value=1, required=True)
    product_id = fields.IntegerField(bits=64, min_value=1, required=True)
    quantity = fields.IntegerField(bits=32, min_value=1, max_value=999, required=True)


class OrderItemUpdateSerializer(fields.ClosedSerializer):
    parent_order_id = fields.IntegerField(bits=64, min_value=1, required=False)
    product_id = fields.IntegerField(bits=64, min_value=1, required=False)
    quantity = fields.IntegerField(bits=32, min_value=1, max_value=999, required=False)


class PaymentSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    paid_order_id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    provider_ref = serializers.CharField()
    amount = fields.DecimalField(pattern="^\\d{1,10}(\\.\\d{1,2})?$", decimal_places=2)
    currency = serializers.CharField()
    status = serializers.CharField()
    card_last4 = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PaymentCreateSerializer(fields.ClosedSerializer):
    paid_order_id = fields.IntegerField(bits=64, min_value=1, required=True)
    amount = fields.DecimalField(
        pattern="^\\d{1,10}(\\.\\d{1,2})?$",
        decimal_places=2,
        min_value=decimal.Decimal("0"),
        required=True,
    )
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=True)


class PaymentUpdateSerializer(fields.ClosedSerializer):
    paid_order_id = fields.IntegerField(bits=64, min_value=1, required=False)
    amount = fields.DecimalField(
        pattern="^\\d{1,10}(\\.\\d{1,2})?$",
        decimal_places=2,
        min_value=decimal.Decimal("0"),
        required=False,
    )
    currency = fields.ChoiceField(choices=["eur", "usd", "gbp"], required=False)


class ReviewSerializer(fields.ReadSerializer):
    id = serializers.IntegerField()
    product_id = serializers.IntegerField()
    author_id = serializers.IntegerField()
    rating = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    verified = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ReviewCreateSerializer(fields.ClosedSerializer):
    product_id = fields.IntegerField(bits=64, min_value=1, required=True)
    rating = fields.IntegerField(bits=32, min_value=1, max_value=5, required=True)
    title = fields.StringField(max_length=120, required=False, allow_null=True)
    body = fields.StringField(max_length=5000, required=False, allow_null=True)


class ReviewUpdateSerializer(fields.ClosedSerializer):
    product_id = fields.IntegerField(bits=64, min_value=1, required=False)
    rating = fields.IntegerField(bits=32, min_value=1, max_value=5, required=False)
    title = fields.StringField(max_length=120, required=False, allow_null=True)
    body = fields.StringField(max_length=5000, required=False, allow_null=True)


class RegisterRequestSerializer(fields.ClosedSerializer):
    email = fields.EmailField(max_length=254, required=True)
    name = fields.StringField(max_length=150, required=False, allow_null=True)
    password = fields.StringField(max_length=128, min_length=8, allow_nul=True, required=True)


class LoginRequestSerializer(fields.ClosedSerializer):
    email = fields.EmailField(max_length=254, required=True)
    password = fields.StringField(max_length=128, min_length=1, allow_nul=True, required=True)


class RefreshRequestSerializer(fields.ClosedSerializer):
    refresh_token = fields.StringField(max_length=4096, allow_nul=True, required=True)


class OAuthTokenRequestSerializer(fields.ClosedSerializer):
    grant_type = fields.ChoiceField(choices=["authorization_code"], required=True)
    code = fields.StringField(max_length=4096, allow_nul=True, required=True)
    redirect_uri = fields.UrlField(max_length=2048, required=False)
