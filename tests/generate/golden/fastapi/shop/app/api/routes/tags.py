"""Tag routes.

- `/tags`
- `/tags/{id}`
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import Product, Tag
from app.schemas.tag import TagCreate, TagRead, TagUpdate

router = APIRouter(tags=["Tag"])

META = crud.Meta(
    model=Tag,
    read=TagRead,
    owner=None,
    tenant=None,
    soft_delete=False,
    versioned=False,
    read_roles={},
    write_roles={},
    many={
        "products_ids": ("products", Product),
    },
    search=("label",),
)
FILTERS = {}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/tags",
    operation_id="list_tags",
    status_code=200,
    response_model=None,
)
def list_tags(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
    f_q: Annotated[Annotated[str, Field(max_length=255)] | None, Query(alias="q")] = None,
) -> Any:
    """List tags."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "list_tags", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, f_q)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, None)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/tags",
    operation_id="create_tag",
    status_code=201,
    response_model=None,
)
def create_tag(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: TagCreate,
) -> Any:
    """Create tag."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant, creating=True)
    enforce(http, "create_tag", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Tag()
    crud.assign(db, META, row, values)
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/tags/{id}",
    operation_id="get_tag",
    status_code=200,
    response_model=None,
)
def get_tag(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read tag."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "get_tag", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/tags/{id}",
    operation_id="update_tag",
    status_code=200,
    response_model=None,
)
def update_tag(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: TagUpdate,
) -> Any:
    """Update tag."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant)
    enforce(http, "update_tag", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/tags/{id}",
    operation_id="delete_tag",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_tag(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete tag."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant)
    enforce(http, "delete_tag", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
