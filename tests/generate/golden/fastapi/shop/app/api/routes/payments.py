"""Payment routes.

- `/payments`
- `/payments/{id}`
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
from app.models import Payment
from app.models.enums import Currency, PaymentStatus
from app.schemas.payment import PaymentCreate, PaymentRead, PaymentUpdate

router = APIRouter(tags=["Payment"])

META = crud.Meta(
    model=Payment,
    read=PaymentRead,
    owner="customer_id",
    tenant=None,
    soft_delete=False,
    versioned=False,
    read_roles={},
    write_roles={},
    many={},
    search=(),
)
FILTERS = {"status": ("status", "eq"), "currency": ("currency", "eq")}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/payments",
    operation_id="list_payments",
    status_code=200,
    response_model=None,
)
def list_payments(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=100)], Query(alias="size")] = 20,
    f_sort: Annotated[Literal["amount", "-amount"] | None, Query(alias="sort")] = None,
    f_status: Annotated[PaymentStatus | None, Query(alias="status")] = None,
    f_currency: Annotated[Currency | None, Query(alias="currency")] = None,
) -> Any:
    """List payments."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "list_payments", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, None)
    stmt = crud.filters(
        stmt,
        META,
        {
            "status": f_status,
            "currency": f_currency,
        },
        FILTERS,
    )
    stmt = crud.ordered(stmt, META, f_sort)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/payments",
    operation_id="create_payment",
    status_code=201,
    response_model=None,
)
def create_payment(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: PaymentCreate,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Create payment."""
    scope = authorize(db, caller, ("customer",), META.owner, META.tenant, creating=True)
    enforce(
        http,
        "create_payment",
        (
            Limit(count=10, period="minute", scope="user"),
            Limit(count=100, period="minute", scope="ip"),
        ),
        scope.user_id,
    )
    replay = store.get("create_payment", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=201)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Payment()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.customer_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return store.put("create_payment", str(scope.user_id), idempotency_key, answer)


@router.get(
    "/payments/{id}",
    operation_id="get_payment",
    status_code=200,
    response_model=None,
)
def get_payment(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read payment."""
    scope = authorize(db, caller, ("owner", "admin"), META.owner, META.tenant)
    enforce(http, "get_payment", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/payments/{id}",
    operation_id="update_payment",
    status_code=200,
    response_model=None,
)
def update_payment(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: PaymentUpdate,
) -> Any:
    """Update payment."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "update_payment", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/payments/{id}",
    operation_id="delete_payment",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_payment(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete payment."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "delete_payment", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)


@router.post(
    "/payments/{id}/capture",
    operation_id="payment_capture",
    status_code=200,
    response_model=None,
)
def payment_capture(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Capture payment."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "payment_capture", (), scope.user_id)
    replay = store.get("payment_capture", str(scope.user_id), idempotency_key)
    if replay is not None:
        return JSONResponse(replay, status_code=200)
    row = crud.get_row(db, META, scope, id)
    # TODO: implement the `capture` action (change `row`, then `crud.save(db, row)`).
    answer = crud.serialize(META, row, scope.role)
    return store.put("payment_capture", str(scope.user_id), idempotency_key, answer)
