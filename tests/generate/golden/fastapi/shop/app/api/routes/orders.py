"""Order routes.

- `/orders`
- `/orders/{id}`
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.idempotency import store
from app.core.ratelimit import Limit, enforce
from app.models import Order
from app.models.enums import OrderStatus
from app.schemas.common import UtcDateTime
from app.schemas.order import OrderCreate, OrderRead, OrderUpdate

router = APIRouter(tags=["Order"])

META = crud.Meta(
    model=Order,
    read=OrderRead,
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    versioned=True,
    read_roles={},
    write_roles={},
    many={},
    search=("number",),
)
FILTERS = {
    "status": ("status", "eq"),
    "customer_id": ("customer_id", "eq"),
    "placed_at": ("placed_at", "eq"),
    "placed_at__gte": ("placed_at", "gte"),
    "placed_at__lte": ("placed_at", "lte"),
}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/orders",
    operation_id="list_orders",
    status_code=200,
    response_model=None,
)
def list_orders(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_cursor: Annotated[Annotated[str, Field(max_length=512)] | None, Query(alias="cursor")] = None,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
    f_q: Annotated[Annotated[str, Field(max_length=255)] | None, Query(alias="q")] = None,
    f_sort: Annotated[
        Literal["placed_at", "-placed_at", "total", "-total"] | None, Query(alias="sort")
    ] = None,
    f_status: Annotated[OrderStatus | None, Query(alias="status")] = None,
    f_customer_id: Annotated[
        Annotated[int, Field(ge=1, le=9223372036854775807)] | None, Query(alias="customer_id")
    ] = None,
    f_placed_at: Annotated[UtcDateTime | None, Query(alias="placed_at")] = None,
    f_placed_at__gte: Annotated[UtcDateTime | None, Query(alias="placed_at__gte")] = None,
    f_placed_at__lte: Annotated[UtcDateTime | None, Query(alias="placed_at__lte")] = None,
) -> Any:
    """List orders."""
    scope = authorize(db, caller, ("owner", "staff", "admin"), META.owner, META.tenant)
    enforce(http, "list_orders", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, f_q)
    stmt = crud.filters(
        stmt,
        META,
        {
            "status": f_status,
            "customer_id": f_customer_id,
            "placed_at": f_placed_at,
            "placed_at__gte": f_placed_at__gte,
            "placed_at__lte": f_placed_at__lte,
        },
        FILTERS,
    )
    stmt = crud.ordered(stmt, META, f_sort)
    return crud.cursor_page(db, META, stmt, f_cursor, f_size, scope.role)


@router.post(
    "/orders",
    operation_id="create_order",
    status_code=201,
    response_model=None,
)
def create_order(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: OrderCreate,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Create order."""
    scope = authorize(db, caller, ("customer",), META.owner, META.tenant, creating=True)
    enforce(
        http,
        "create_order",
        (
            Limit(count=20, period="hour", scope="user"),
            Limit(count=10, period="minute", scope="user"),
            Limit(count=100, period="minute", scope="ip"),
        ),
        scope.user_id,
    )
    replay = store.get("create_order", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=201)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Order()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.customer_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return store.put("create_order", str(scope.user_id), idempotency_key, answer)


@router.get(
    "/orders/{id}",
    operation_id="get_order",
    status_code=200,
    response_model=None,
)
def get_order(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read order."""
    scope = authorize(db, caller, ("owner", "staff", "admin"), META.owner, META.tenant)
    enforce(http, "get_order", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/orders/{id}",
    operation_id="update_order",
    status_code=200,
    response_model=None,
)
def update_order(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: OrderUpdate,
) -> Any:
    """Update order."""
    scope = authorize(db, caller, ("staff", "admin"), META.owner, META.tenant)
    enforce(http, "update_order", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.check_version(META, row, payload.version)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/orders/{id}",
    operation_id="delete_order",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_order(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete order."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "delete_order", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)


@router.post(
    "/orders/{id}/cancel",
    operation_id="order_cancel",
    status_code=200,
    response_model=None,
)
def order_cancel(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Cancel order."""
    scope = authorize(db, caller, ("owner", "staff"), META.owner, META.tenant)
    enforce(http, "order_cancel", (Limit(count=5, period="minute", scope="user"),), scope.user_id)
    replay = store.get("order_cancel", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=200)
    row = crud.get_row(db, META, scope, id)
    # TODO: implement the `cancel` action (change `row`, then `crud.save(db, row)`).
    answer = crud.serialize(META, row, scope.role)
    return store.put("order_cancel", str(scope.user_id), idempotency_key, answer)


@router.post(
    "/orders/{id}/ship",
    operation_id="order_ship",
    status_code=200,
    response_model=None,
)
def order_ship(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Ship order."""
    scope = authorize(db, caller, ("staff",), META.owner, META.tenant)
    enforce(http, "order_ship", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    # TODO: implement the `ship` action (change `row`, then `crud.save(db, row)`).
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.post(
    "/orders/{id}/refund",
    operation_id="order_refund",
    status_code=200,
    response_model=None,
)
def order_refund(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Refund order."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "order_refund", (), scope.user_id)
    replay = store.get("order_refund", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=200)
    row = crud.get_row(db, META, scope, id)
    # TODO: implement the `refund` action (change `row`, then `crud.save(db, row)`).
    answer = crud.serialize(META, row, scope.role)
    return store.put("order_refund", str(scope.user_id), idempotency_key, answer)
