"""The spec's enums, shared by the models and the schemas."""

import enum


class OrderStatus(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class PaymentStatus(enum.StrEnum):
    AUTHORIZED = "authorized"
    CAPTURED = "captured"
    FAILED = "failed"
    REFUNDED = "refunded"


class Currency(enum.StrEnum):
    EUR = "eur"
    USD = "usd"
    GBP = "gbp"
