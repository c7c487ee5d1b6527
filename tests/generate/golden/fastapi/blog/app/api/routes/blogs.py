"""Blog routes.

- `/blogs`
- `/blogs/{id}`
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import Blog
from app.schemas.blog import BlogCreate, BlogRead, BlogUpdate

router = APIRouter(tags=["Blog"])

META = crud.Meta(
    model=Blog,
    read=BlogRead,
    owner=None,
    tenant=None,
    soft_delete=False,
    versioned=False,
    read_roles={},
    write_roles={},
    many={},
    search=(),
)
FILTERS = {}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/blogs",
    operation_id="list_blogs",
    status_code=200,
    response_model=None,
)
def list_blogs(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
) -> Any:
    """List blogs."""
    scope = authorize(db, caller, ("authenticated",), META.owner, META.tenant)
    enforce(http, "list_blogs", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, None)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, None)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/blogs",
    operation_id="create_blog",
    status_code=201,
    response_model=None,
)
def create_blog(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: BlogCreate,
) -> Any:
    """Create blog."""
    scope = authorize(db, caller, ("authenticated",), META.owner, META.tenant, creating=True)
    enforce(http, "create_blog", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Blog()
    crud.assign(db, META, row, values)
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/blogs/{id}",
    operation_id="get_blog",
    status_code=200,
    response_model=None,
)
def get_blog(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read blog."""
    scope = authorize(db, caller, ("authenticated",), META.owner, META.tenant)
    enforce(http, "get_blog", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/blogs/{id}",
    operation_id="update_blog",
    status_code=200,
    response_model=None,
)
def update_blog(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: BlogUpdate,
) -> Any:
    """Update blog."""
    scope = authorize(db, caller, ("authenticated",), META.owner, META.tenant)
    enforce(http, "update_blog", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/blogs/{id}",
    operation_id="delete_blog",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_blog(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete blog."""
    scope = authorize(db, caller, ("authenticated",), META.owner, META.tenant)
    enforce(http, "delete_blog", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
