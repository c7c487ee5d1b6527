"""Django settings, all from environment variables (see ``.env.example``)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
EXAMPLE_SECRET_KEY = "change-me-in-production-0123456789abcdef"  # noqa: S105  # nosec B105: documented placeholder


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


ENVIRONMENT = os.environ.get("ENVIRONMENT", "development")
if ENVIRONMENT not in ("development", "test", "production"):
    raise ImproperlyConfigured("ENVIRONMENT must be development, test or production.")
SECRET_KEY = os.environ.get("SECRET_KEY", EXAMPLE_SECRET_KEY)
if ENVIRONMENT == "production" and SECRET_KEY in ("", EXAMPLE_SECRET_KEY):
    raise ImproperlyConfigured("Set SECRET_KEY to a random secret in production.")
DEBUG = ENVIRONMENT == "development" and env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (["*"] if ENVIRONMENT != "production" else [])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "corsheaders",
    "rest_framework",
    "api",
]

MIDDLEWARE = [
    "api.system.MetricsMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
APPEND_SLASH = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite:///./app.db"), conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "api.User"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

CORS_ALLOWED_ORIGINS = env_list("CORS_ORIGINS") or [
    "https://shop.example.com",
    "https://admin.shop.example.com",
]

RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
ACCESS_TOKEN_MINUTES = int(os.environ.get("ACCESS_TOKEN_MINUTES", "30"))
REFRESH_TOKEN_DAYS = int(os.environ.get("REFRESH_TOKEN_DAYS", "7"))
ROLES = ["admin", "staff", "customer"]
DEFAULT_ROLE = os.environ.get("DEFAULT_ROLE", "customer")
if DEFAULT_ROLE and DEFAULT_ROLE not in ROLES:
    raise ImproperlyConfigured(f"DEFAULT_ROLE must be one of: {', '.join(ROLES)}.")
OAUTH_PROVIDERS = {
    name: {
        key: os.environ.get(f"OAUTH_{name.upper()}_{key.upper()}", "")
        for key in ("client_id", "client_secret", "authorize_url", "token_url", "userinfo_url")
    }
    for name in ["google", "apple"]
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.security.BearerAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "api.errors.handle_exception",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

if ENVIRONMENT == "production":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "api.jsonlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
}
