"""Custom endpoints of the spec (``action ...``): their business rules are yours to write.

Each item action receives the row (already checked for access, scope and limits) and
answers the row to return; each collection action answers a short ``detail`` message.
"""

from __future__ import annotations

from rest_framework.request import Request

from api import models


def cart_checkout(request: Request, instance: models.Cart) -> models.Cart:
    """``checkout`` on one Cart."""
    # TODO: implement Cart.checkout; it answers the row unchanged until then.
    del request
    return instance


def order_cancel(request: Request, instance: models.Order) -> models.Order:
    """``cancel`` on one Order."""
    # TODO: implement Order.cancel; it answers the row unchanged until then.
    del request
    return instance


def order_ship(request: Request, instance: models.Order) -> models.Order:
    """``ship`` on one Order."""
    # TODO: implement Order.ship; it answers the row unchanged until then.
    del request
    return instance


def order_refund(request: Request, instance: models.Order) -> models.Order:
    """``refund`` on one Order."""
    # TODO: implement Order.refund; it answers the row unchanged until then.
    del request
    return instance


def payment_capture(request: Request, instance: models.Payment) -> models.Payment:
    """``capture`` on one Payment."""
    # TODO: implement Payment.capture; it answers the row unchanged until then.
    del request
    return instance
