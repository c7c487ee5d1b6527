"""Product routes.

- `/products`
- `/products/{id}`
"""

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import enforce
from app.models import Product, Tag
from app.models.enums import Currency
from app.schemas.product import ProductCreate, ProductRead, ProductUpdate

router = APIRouter(tags=["Product"])

META = crud.Meta(
    model=Product,
    read=ProductRead,
    owner=None,
    tenant=None,
    soft_delete=True,
    versioned=True,
    read_roles={},
    write_roles={},
    many={
        "tags_ids": ("tags", Tag),
    },
    search=("name", "sku", "description"),
)
FILTERS = {
    "category_id": ("category_id", "eq"),
    "active": ("active", "eq"),
    "price": ("price", "eq"),
    "price__gte": ("price", "gte"),
    "price__lte": ("price", "lte"),
    "currency": ("currency", "eq"),
}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/products",
    operation_id="list_products",
    status_code=200,
    response_model=None,
)
def list_products(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_cursor: Annotated[Annotated[str, Field(max_length=512)] | None, Query(alias="cursor")] = None,
    f_size: Annotated[Annotated[int, Field(ge=1, le=96)], Query(alias="size")] = 24,
    f_q: Annotated[Annotated[str, Field(max_length=255)] | None, Query(alias="q")] = None,
    f_sort: Annotated[
        Literal["price", "-price", "name", "-name", "stock", "-stock"] | None, Query(alias="sort")
    ] = None,
    f_category_id: Annotated[
        Annotated[int, Field(ge=1, le=9223372036854775807)] | None, Query(alias="category_id")
    ] = None,
    f_active: Annotated[bool | None, Query(alias="active")] = None,
    f_price: Annotated[
        Annotated[Decimal, Field(allow_inf_nan=False, max_digits=10, decimal_places=2)] | None,
        Query(alias="price"),
    ] = None,
    f_price__gte: Annotated[
        Annotated[Decimal, Field(allow_inf_nan=False, max_digits=10, decimal_places=2)] | None,
        Query(alias="price__gte"),
    ] = None,
    f_price__lte: Annotated[
        Annotated[Decimal, Field(allow_inf_nan=False, max_digits=10, decimal_places=2)] | None,
        Query(alias="price__lte"),
    ] = None,
    f_currency: Annotated[Currency | None, Query(alias="currency")] = None,
) -> Any:
    """List products."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "list_products", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, f_q)
    stmt = crud.filters(
        stmt,
        META,
        {
            "category_id": f_category_id,
            "active": f_active,
            "price": f_price,
            "price__gte": f_price__gte,
            "price__lte": f_price__lte,
            "currency": f_currency,
        },
        FILTERS,
    )
    stmt = crud.ordered(stmt, META, f_sort)
    return crud.cursor_page(db, META, stmt, f_cursor, f_size, scope.role)


@router.post(
    "/products",
    operation_id="create_product",
    status_code=201,
    response_model=None,
)
def create_product(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: ProductCreate,
) -> Any:
    """Create product."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant, creating=True)
    enforce(http, "create_product", (), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Product()
    crud.assign(db, META, row, values)
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/products/{id}",
    operation_id="get_product",
    status_code=200,
    response_model=None,
)
def get_product(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read product."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "get_product", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/products/{id}",
    operation_id="update_product",
    status_code=200,
    response_model=None,
)
def update_product(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: ProductUpdate,
) -> Any:
    """Update product."""
    scope = authorize(db, caller, ("admin", "staff"), META.owner, META.tenant)
    enforce(http, "update_product", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.check_version(META, row, payload.version)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/products/{id}",
    operation_id="delete_product",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_product(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete product."""
    scope = authorize(db, caller, ("admin",), META.owner, META.tenant)
    enforce(http, "delete_product", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
