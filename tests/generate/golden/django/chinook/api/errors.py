"""Every error answers a Problem body: ``{"detail": str, "errors": [{"field", "message"}]}``."""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class Unavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The service is not available."
    default_code = "unavailable"


class InvalidParams(exceptions.ValidationError):
    """A query, path or header parameter is invalid (422)."""


def problem(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def field_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error details into ``{"field", "message"}`` pairs."""
    found: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else str(key)
            found.extend(
                field_errors(value, f"{prefix}.{name}" if prefix and name else name or prefix)
            )
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                found.extend(field_errors(value, f"{prefix}[{index}]"))
            else:
                found.append({"field": prefix, "message": str(value)})
    else:
        found.append({"field": prefix, "message": str(detail)})
    return found


def handle_exception(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: contract status codes and Problem bodies."""
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(problem("The request conflicts with existing data."), status=409)
    if isinstance(exc, exceptions.ValidationError):
        set_rollback()
        errors = field_errors(exc.detail)
        return Response(problem("The request is invalid.", errors), status=422)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response.status_code = 401
    detail = getattr(exc, "detail", "Error.")
    message = str(detail) if not isinstance(detail, (dict, list)) else "Error."
    response.data = problem(message)
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    del request, exception
    return JsonResponse(problem("Not found."), status=404)


def server_error(request: HttpRequest) -> JsonResponse:
    del request
    return JsonResponse(problem("Internal server error."), status=500)


__all__ = ["Conflict", "Http404", "InvalidParams", "Unavailable", "handle_exception", "problem"]
