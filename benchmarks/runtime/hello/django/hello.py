"""The Django ceiling: one JSON view in a one-file project, served by gunicorn like the
generated service (``gunicorn hello:application``)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, JsonResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "hello-benchmark-only"),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
)


def hello(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "hello"})


urlpatterns = [path("hello", hello)]
application = get_wsgi_application()
