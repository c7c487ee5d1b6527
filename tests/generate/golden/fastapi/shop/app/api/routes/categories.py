"""Category routes.

- `/categories`
- `/categories/{id}`
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import Category
from app.schemas.category import CategoryCreate, CategoryRead, CategoryUpdate

router = APIRouter(tags=["Category"])

META = crud.Meta(
    model=Category,
    read=CategoryRead,
    owner=None,
    tenant=None,
    soft_delete=False,
    versioned=False,
    read_roles={},
    write_roles={},
    many={},
    search=("name",),
)
FILTERS = {}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/categories",
    operation_id="list_categories",
    status_code=200,
    response_model=None,
)
def list_categories(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
    f_q: Annotated[Annotated[str, Field(max_length=255)] | None, Query(alias="q")] = None,
    f_sort: Annotated[
        Literal["position", "-position", "name", "-name"] | None, Query(alias="sort")
    ] = None,
) -> Any:
    """List categories."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "list_categories", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, f_q)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, f_sort)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/categories",
    operation_id="create_category",
    status_code=201,
    response_model=None,
)
def create_category(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: CategoryCreate,
) -> Any:
    """Create category."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant, creating=True)
    enforce(http, "create_category", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Category()
    crud.assign(db, META, row, values)
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/categories/{id}",
    operation_id="get_category",
    status_code=200,
    response_model=None,
)
def get_category(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read category."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "get_category", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/categories/{id}",
    operation_id="update_category",
    status_code=200,
    response_model=None,
)
def update_category(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: CategoryUpdate,
) -> Any:
    """Update category."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant)
    enforce(http, "update_category", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/categories/{id}",
    operation_id="delete_category",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_category(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete category."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant)
    enforce(http, "delete_category", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
