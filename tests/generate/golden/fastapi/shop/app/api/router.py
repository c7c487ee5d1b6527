"""Every route, in the contract's registration order."""

from fastapi import APIRouter

from app.api.routes import (
    auth,
    cart_items,
    carts,
    categories,
    order_items,
    orders,
    payments,
    products,
    reviews,
    system,
    tags,
)

api_router = APIRouter()
api_router.include_router(system.router)
api_router.include_router(auth.router)
api_router.include_router(categories.router)
api_router.include_router(tags.router)
api_router.include_router(products.router)
api_router.include_router(carts.router)
api_router.include_router(cart_items.router)
api_router.include_router(orders.router)
api_router.include_router(order_items.router)
api_router.include_router(payments.router)
api_router.include_router(reviews.router)
