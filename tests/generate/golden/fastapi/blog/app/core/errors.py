"""Every error answers a Problem body: `{"detail": str, "errors": [{"field", "message"}]}`."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("app.errors")


def problem(
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"detail": detail, "errors": errors or []}
    return JSONResponse(status_code=status, content=body, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    """The body key or parameter name an error is about (`body.price` → `price`)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)


def _is_malformed(error: dict[str, Any]) -> bool:
    return error.get("type") == "json_invalid"


async def validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(_is_malformed(e) for e in errors):
        return problem(400, "The request body is not valid JSON.")
    fields = [{"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in errors]
    return problem(422, "The request is invalid.", fields)


async def http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    headers = dict(exc.headers) if exc.headers else None
    detail = exc.detail if isinstance(exc.detail, str) else "Error."
    errors = getattr(exc, "errors", None)
    return problem(exc.status_code, detail, errors, headers)


async def integrity_handler(request: Request, exc: IntegrityError) -> JSONResponse:
    logger.info("integrity conflict", extra={"path": request.url.path})
    return problem(409, "The request conflicts with existing data.")


async def data_handler(request: Request, exc: DataError) -> JSONResponse:
    """A value the database cannot hold (PostgreSQL: a NUL character in text, a number out
    of the column's range) is the request's fault, not the service's."""
    logger.info("value refused by the database", extra={"path": request.url.path})
    return problem(422, "The request holds a value the database cannot store.")


async def unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error", extra={"path": request.url.path})
    return problem(500, "Internal server error.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, http_handler)  # type: ignore[arg-type]
    app.add_exception_handler(IntegrityError, integrity_handler)  # type: ignore[arg-type]
    app.add_exception_handler(DataError, data_handler)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, unexpected_handler)
