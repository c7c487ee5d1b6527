"""The service's routes: the API (``api.urls``) at the root, without trailing slashes."""

from django.urls import include, path

urlpatterns = [path("", include("api.urls"))]

handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
