"""The ``/auth`` endpoints: register, login, refresh, me, OAuth2 sign-in."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from rest_framework import exceptions
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers
from api.crud import visible
from api.errors import Conflict, Unavailable
from api.models import User
from api.security import issue_tokens, user_from_token
from api.throttling import Limit, check_limits

AUTH_LIMITS = (Limit(10, "minute", "ip"),)
USER_RELATIONS: dict[str, Any] = {}


def _me(request: Request, user: User, code: int = 200) -> Response:
    return Response(
        serializers.UserSerializer(user, context={"request": request}).data, status=code
    )


class RegisterView(APIView):
    authentication_classes: list[Any] = []

    def post(self, request: Request) -> Response:
        check_limits(request, "auth_register", AUTH_LIMITS)
        body = serializers.RegisterRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        email = User.objects.normalize_email(data.pop("email")).lower()
        password = data.pop("password")
        for key, model in USER_RELATIONS.items():
            value = data.get(key)
            if value is not None and not visible(model).filter(pk=value).exists():
                raise exceptions.ValidationError({key: ["No such row."]})
        many = {k: data.pop(k) for k in list(data) if k.endswith("_ids")}
        if User.objects.filter(email__iexact=email).exists():
            raise Conflict("An account with this email exists.")
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, role=settings.DEFAULT_ROLE, **data
            )
            for key, ids in many.items():
                getattr(user, key.removesuffix("_ids")).set(ids)
        return _me(request, user, 201)


class LoginView(APIView):
    authentication_classes: list[Any] = []

    def post(self, request: Request) -> Response:
        check_limits(request, "auth_login", AUTH_LIMITS)
        body = serializers.LoginRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        email = str(body.validated_data["email"]).lower()
        user = visible(User).filter(email__iexact=email, is_active=True).first()
        if user is None or not user.check_password(body.validated_data["password"]):
            raise exceptions.AuthenticationFailed("Wrong email or password.")
        return Response(issue_tokens(user))


class RefreshView(APIView):
    authentication_classes: list[Any] = []

    def post(self, request: Request) -> Response:
        check_limits(request, "auth_refresh", AUTH_LIMITS)
        body = serializers.RefreshRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = user_from_token(body.validated_data["refresh_token"], "refresh")
        return Response(issue_tokens(user))


class MeView(APIView):
    def get(self, request: Request) -> Response:
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        return _me(request, request.user)


def provider_settings(provider: str) -> dict[str, str]:
    """The provider's OAuth2 settings; 503 when it is not configured."""
    found = settings.OAUTH_PROVIDERS.get(provider)
    if found is None:
        raise exceptions.NotFound()
    if not all(found.values()):
        raise Unavailable(f"Sign-in with {provider} is not configured.")
    return found


def _call(url: str, data: dict[str, str] | None = None, token: str | None = None) -> dict[str, Any]:
    if not url.startswith("https://"):
        raise Unavailable("OAuth provider URLs must use https.")
    encoded = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=encoded, headers={"Accept": "application/json"})  # noqa: S310
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # nosec B310  # noqa: S310
            found: dict[str, Any] = json.loads(answer.read().decode())
    except (OSError, ValueError) as exc:
        raise exceptions.AuthenticationFailed("The provider refused the sign-in.") from exc
    return found


class OAuthAuthorizeView(APIView):
    authentication_classes: list[Any] = []

    def get(self, request: Request, provider: str) -> HttpResponseRedirect:
        config = provider_settings(provider)
        query = {
            "response_type": "code",
            "client_id": config["client_id"],
            "scope": "openid email profile",
        }
        for key in ("redirect_uri", "state"):
            if request.query_params.get(key):
                query[key] = request.query_params[key]
        return HttpResponseRedirect(f"{config['authorize_url']}?{urllib.parse.urlencode(query)}")


class OAuthTokenView(APIView):
    authentication_classes: list[Any] = []
    parser_classes = [FormParser]

    def post(self, request: Request, provider: str) -> Response:
        check_limits(request, "auth_oauth_token", AUTH_LIMITS)
        config = provider_settings(provider)
        body = serializers.OAuthTokenRequestSerializer(data=request.data.dict())
        body.is_valid(raise_exception=True)
        form = {
            "grant_type": "authorization_code",
            "code": body.validated_data["code"],
            "client_id": config["client_id"],
            "client_secret": config["client_secret"],
        }
        if body.validated_data.get("redirect_uri"):
            form["redirect_uri"] = body.validated_data["redirect_uri"]
        tokens = _call(config["token_url"], form)
        info = _call(config["userinfo_url"], token=str(tokens.get("access_token", "")))
        email = str(info.get("email") or "").lower()
        if not email:
            raise exceptions.AuthenticationFailed("The provider gave no email address.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, role=settings.DEFAULT_ROLE)
        if not user.is_active:
            raise exceptions.AuthenticationFailed("The account is disabled.")
        return Response(issue_tokens(user))
