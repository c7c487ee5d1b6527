"""OrderItem routes.

- `/order-items`
- `/order-items/{id}`
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import OrderItem
from app.schemas.order_item import OrderItemCreate, OrderItemRead, OrderItemUpdate

router = APIRouter(tags=["OrderItem"])

META = crud.Meta(
    model=OrderItem,
    read=OrderItemRead,
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
    "/order-items",
    operation_id="list_order_items",
    status_code=200,
    response_model=None,
)
def list_order_items(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
) -> Any:
    """List order items."""
    scope = authorize(db, caller, ("owner", "staff", "admin"), META.owner, META.tenant)
    enforce(http, "list_order_items", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, None)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, None)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/order-items",
    operation_id="create_order_item",
    status_code=201,
    response_model=None,
)
def create_order_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: OrderItemCreate,
) -> Any:
    """Create order item."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant, creating=True)
    enforce(http, "create_order_item", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = OrderItem()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.customer_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/order-items/{id}",
    operation_id="get_order_item",
    status_code=200,
    response_model=None,
)
def get_order_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read order item."""
    scope = authorize(db, caller, ("owner", "staff", "admin"), META.owner, META.tenant)
    enforce(http, "get_order_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/order-items/{id}",
    operation_id="update_order_item",
    status_code=200,
    response_model=None,
)
def update_order_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: OrderItemUpdate,
) -> Any:
    """Update order item."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "update_order_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/order-items/{id}",
    operation_id="delete_order_item",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_order_item(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete order item."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "delete_order_item", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
