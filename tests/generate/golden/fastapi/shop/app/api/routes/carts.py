"""Cart routes.

- `/carts`
- `/carts/{id}`
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.idempotency import store
from app.core.ratelimit import Limit, enforce
from app.models import Cart
from app.schemas.cart import CartCreate, CartRead, CartUpdate

router = APIRouter(tags=["Cart"])

META = crud.Meta(
    model=Cart,
    read=CartRead,
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
    "/carts",
    operation_id="list_carts",
    status_code=200,
    response_model=None,
)
def list_carts(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
) -> Any:
    """List carts."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "list_carts", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, None)
    stmt = crud.filters(stmt, META, {}, FILTERS)
    stmt = crud.ordered(stmt, META, None)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/carts",
    operation_id="create_cart",
    status_code=201,
    response_model=None,
)
def create_cart(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: CartCreate,
) -> Any:
    """Create cart."""
    scope = authorize(db, caller, ("customer",), META.owner, META.tenant, creating=True)
    enforce(http, "create_cart", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Cart()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.customer_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/carts/{id}",
    operation_id="get_cart",
    status_code=200,
    response_model=None,
)
def get_cart(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read cart."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "get_cart", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/carts/{id}",
    operation_id="update_cart",
    status_code=200,
    response_model=None,
)
def update_cart(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: CartUpdate,
) -> Any:
    """Update cart."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(http, "update_cart", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/carts/{id}",
    operation_id="delete_cart",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_cart(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete cart."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "delete_cart", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)


@router.post(
    "/carts/{id}/checkout",
    operation_id="cart_checkout",
    status_code=200,
    response_model=None,
)
def cart_checkout(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Checkout cart."""
    scope = authorize(db, caller, ("owner",), META.owner, META.tenant)
    enforce(
        http,
        "cart_checkout",
        (
            Limit(count=10, period="minute", scope="user"),
            Limit(count=100, period="minute", scope="ip"),
        ),
        scope.user_id,
    )
    replay = store.get("cart_checkout", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=200)
    row = crud.get_row(db, META, scope, id)
    # TODO: implement the `checkout` action (change `row`, then `crud.save(db, row)`).
    answer = crud.serialize(META, row, scope.role)
    return store.put("cart_checkout", str(scope.user_id), idempotency_key, answer)
