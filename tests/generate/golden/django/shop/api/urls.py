"""Routes, in the contract's registration order; no trailing slashes."""

from django.urls import path

from api import auth_views, crud, resources, system

urlpatterns = [
    path("health", system.health, name="health"),
    path("ready", system.ready, name="ready"),
    path("metrics", system.metrics, name="metrics"),
    path("openapi.json", system.openapi, name="openapi"),
    path("auth/register", auth_views.RegisterView.as_view(), name="auth_register"),
    path("auth/login", auth_views.LoginView.as_view(), name="auth_login"),
    path("auth/refresh", auth_views.RefreshView.as_view(), name="auth_refresh"),
    path("auth/me", auth_views.MeView.as_view(), name="auth_me"),
    path(
        "auth/oauth/<str:provider>/authorize",
        auth_views.OAuthAuthorizeView.as_view(),
        name="auth_oauth_authorize",
    ),
    path(
        "auth/oauth/<str:provider>/token",
        auth_views.OAuthTokenView.as_view(),
        name="auth_oauth_token",
    ),
    path(
        "categories",
        crud.CollectionView.as_view(
            resource=resources.CATEGORY, http_method_names=["get", "post", "options"]
        ),
        name="category-list",
    ),
    path(
        "categories/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.CATEGORY, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="category-item",
    ),
    path(
        "tags",
        crud.CollectionView.as_view(
            resource=resources.TAG, http_method_names=["get", "post", "options"]
        ),
        name="tag-list",
    ),
    path(
        "tags/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.TAG, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="tag-item",
    ),
    path(
        "products",
        crud.CollectionView.as_view(
            resource=resources.PRODUCT, http_method_names=["get", "post", "options"]
        ),
        name="product-list",
    ),
    path(
        "products/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.PRODUCT, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="product-item",
    ),
    path(
        "carts",
        crud.CollectionView.as_view(
            resource=resources.CART, http_method_names=["get", "post", "options"]
        ),
        name="cart-list",
    ),
    path(
        "carts/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.CART, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="cart-item",
    ),
    path(
        "carts/<int:pk>/checkout",
        crud.ActionView.as_view(
            resource=resources.CART, action_name="checkout", http_method_names=["post", "options"]
        ),
        name="cart_checkout",
    ),
    path(
        "cart-items",
        crud.CollectionView.as_view(
            resource=resources.CART_ITEM, http_method_names=["get", "post", "options"]
        ),
        name="cart_item-list",
    ),
    path(
        "cart-items/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.CART_ITEM, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="cart_item-item",
    ),
    path(
        "orders",
        crud.CollectionView.as_view(
            resource=resources.ORDER, http_method_names=["get", "post", "options"]
        ),
        name="order-list",
    ),
    path(
        "orders/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.ORDER, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="order-item",
    ),
    path(
        "orders/<int:pk>/cancel",
        crud.ActionView.as_view(
            resource=resources.ORDER, action_name="cancel", http_method_names=["post", "options"]
        ),
        name="order_cancel",
    ),
    path(
        "orders/<int:pk>/ship",
        crud.ActionView.as_view(
            resource=resources.ORDER, action_name="ship", http_method_names=["post", "options"]
        ),
        name="order_ship",
    ),
    path(
        "orders/<int:pk>/refund",
        crud.ActionView.as_view(
            resource=resources.ORDER, action_name="refund", http_method_names=["post", "options"]
        ),
        name="order_refund",
    ),
    path(
        "order-items",
        crud.CollectionView.as_view(
            resource=resources.ORDER_ITEM, http_method_names=["get", "post", "options"]
        ),
        name="order_item-list",
    ),
    path(
        "order-items/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.ORDER_ITEM, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="order_item-item",
    ),
    path(
        "payments",
        crud.CollectionView.as_view(
            resource=resources.PAYMENT, http_method_names=["get", "post", "options"]
        ),
        name="payment-list",
    ),
    path(
        "payments/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.PAYMENT, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="payment-item",
    ),
    path(
        "payments/<int:pk>/capture",
        crud.ActionView.as_view(
            resource=resources.PAYMENT, action_name="capture", http_method_names=["post", "options"]
        ),
        name="payment_capture",
    ),
    path(
        "reviews",
        crud.CollectionView.as_view(
            resource=resources.REVIEW, http_method_names=["get", "post", "options"]
        ),
        name="review-list",
    ),
    path(
        "reviews/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.REVIEW, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="review-item",
    ),
]
