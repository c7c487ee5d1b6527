"""CartItem routes.

- `/cart-items`
- `/cart-items/{id}`
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import CartItem
from app.schemas.cart_item import CartItemCreate, CartItemRead, CartItemUpdate

router = APIRouter(tags=["CartItem"])

META = crud.Meta(
    model=CartItem,
    read=CartItemRead,
    owner="customer_id",
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
    "/cart-items",
    operation_id="list_cart_items",
    status_code=200,
    response_model=None,
)
def list_cart_items(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
) -> Any:
    """List cart items."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "list_cart_items", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, None)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, None)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/cart-items",
    operation_id="create_cart_item",
    status_code=201,
    response_model=None,
)
def create_cart_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: CartItemCreate,
) -> Any:
    """Create cart item."""
    scope = authorize(db, caller, ("customer",), META.owner, META.tenant, creating=True)
    enforce(http, "create_cart_item", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = CartItem()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.customer_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/cart-items/{id}",
    operation_id="get_cart_item",
    status_code=200,
    response_model=None,
)
def get_cart_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read cart item."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "get_cart_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/cart-items/{id}",
    operation_id="update_cart_item",
    status_code=200,
    response_model=None,
)
def update_cart_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: CartItemUpdate,
) -> Any:
    """Update cart item."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "update_cart_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/cart-items/{id}",
    operation_id="delete_cart_item",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_cart_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete cart item."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "delete_cart_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
