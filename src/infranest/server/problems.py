"""Errors as Problem JSON: ``{"detail": str, "errors": [...]?}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from infranest.spec.diagnostics import Diagnostic


class ProblemError(BaseModel):
    """One error: a message and, where known, where it is (spec file:line:col or request
    field), with a code and a hint."""

    message: str
    code: str | None = None
    level: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    hint: str | None = None


class Problem(BaseModel):
    detail: str
    errors: list[ProblemError] | None = None


RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": text}
    for code, text in (
        (400, "Malformed request body"),
        (401, "Not signed in"),
        (403, "Your role does not allow this"),
        (404, "No such resource (or not yours to see)"),
        (422, "Invalid request or spec"),
    )
}


class SpecProblem(Exception):  # noqa: N818 - raised to answer with a Problem
    """An error response with diagnostics."""

    def __init__(self, status: int, detail: str, errors: list[ProblemError] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors


def diagnostic_error(d: Diagnostic) -> ProblemError:
    loc = d.loc
    return ProblemError(
        message=d.message,
        code=d.code,
        level=d.level,
        file=loc.file if loc is not None else d.file,
        line=loc.line if loc is not None else None,
        column=loc.column if loc is not None else None,
        path=d.path,
        hint=d.hint,
    )


def _response(
    status: int, problem: Problem, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = problem.model_dump(exclude_none=True)
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Render every error the app raises as Problem JSON."""

    async def http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return _response(exc.status_code, Problem(detail=str(exc.detail)), exc.headers)

    async def validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            ProblemError(
                message=str(e.get("msg", "invalid")),
                code=str(e.get("type", "invalid")),
                path=".".join(str(part) for part in e.get("loc", ())),
            )
            for e in exc.errors()
        ]
        return _response(422, Problem(detail="invalid request", errors=errors))

    async def problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, SpecProblem)
        return _response(exc.status, Problem(detail=exc.detail, errors=exc.errors))

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(SpecProblem, problem)
