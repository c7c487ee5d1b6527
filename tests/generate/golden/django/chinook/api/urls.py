"""Routes, in the contract's registration order; no trailing slashes."""

from django.urls import path

from api import crud, resources, system

urlpatterns = [
    path("health", system.health, name="health"),
    path("ready", system.ready, name="ready"),
    path("metrics", system.metrics, name="metrics"),
    path("openapi.json", system.openapi, name="openapi"),
    path(
        "albums",
        crud.CollectionView.as_view(
            resource=resources.ALBUM, http_method_names=["get", "post", "options"]
        ),
        name="album-list",
    ),
    path(
        "albums/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.ALBUM, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="album-item",
    ),
    path(
        "artists",
        crud.CollectionView.as_view(
            resource=resources.ARTIST, http_method_names=["get", "post", "options"]
        ),
        name="artist-list",
    ),
    path(
        "artists/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.ARTIST, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="artist-item",
    ),
    path(
        "customers",
        crud.CollectionView.as_view(
            resource=resources.CUSTOMER, http_method_names=["get", "post", "options"]
        ),
        name="customer-list",
    ),
    path(
        "customers/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.CUSTOMER, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="customer-item",
    ),
    path(
        "employees",
        crud.CollectionView.as_view(
            resource=resources.EMPLOYEE, http_method_names=["get", "post", "options"]
        ),
        name="employee-list",
    ),
    path(
        "employees/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.EMPLOYEE, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="employee-item",
    ),
    path(
        "genres",
        crud.CollectionView.as_view(
            resource=resources.GENRE, http_method_names=["get", "post", "options"]
        ),
        name="genre-list",
    ),
    path(
        "genres/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.GENRE, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="genre-item",
    ),
    path(
        "invoices",
        crud.CollectionView.as_view(
            resource=resources.INVOICE, http_method_names=["get", "post", "options"]
        ),
        name="invoice-list",
    ),
    path(
        "invoices/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.INVOICE, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="invoice-item",
    ),
    path(
        "invoice-lines",
        crud.CollectionView.as_view(
            resource=resources.INVOICE_LINE, http_method_names=["get", "post", "options"]
        ),
        name="invoice_line-list",
    ),
    path(
        "invoice-lines/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.INVOICE_LINE, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="invoice_line-item",
    ),
    path(
        "media-types",
        crud.CollectionView.as_view(
            resource=resources.MEDIA_TYPE, http_method_names=["get", "post", "options"]
        ),
        name="media_type-list",
    ),
    path(
        "media-types/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.MEDIA_TYPE, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="media_type-item",
    ),
    path(
        "playlists",
        crud.CollectionView.as_view(
            resource=resources.PLAYLIST, http_method_names=["get", "post", "options"]
        ),
        name="playlist-list",
    ),
    path(
        "playlists/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.PLAYLIST, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="playlist-item",
    ),
    path(
        "playlist-tracks",
        crud.CollectionView.as_view(
            resource=resources.PLAYLIST_TRACK, http_method_names=["get", "post", "options"]
        ),
        name="playlist_track-list",
    ),
    path(
        "playlist-tracks/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.PLAYLIST_TRACK,
            http_method_names=["delete", "get", "patch", "options"],
        ),
        name="playlist_track-item",
    ),
    path(
        "tracks",
        crud.CollectionView.as_view(
            resource=resources.TRACK, http_method_names=["get", "post", "options"]
        ),
        name="track-list",
    ),
    path(
        "tracks/<int:pk>",
        crud.ItemView.as_view(
            resource=resources.TRACK, http_method_names=["delete", "get", "patch", "options"]
        ),
        name="track-item",
    ),
]
