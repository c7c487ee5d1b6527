"""Review routes.

- `/reviews`
- `/reviews/{id}`
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import Field

from app.api import crud
from app.api.access import authorize
from app.api.deps import DbSession, OptionalUser
from app.core.ratelimit import Limit, enforce
from app.models import Review
from app.schemas.review import ReviewCreate, ReviewRead, ReviewUpdate

router = APIRouter(tags=["Review"])

META = crud.Meta(
    model=Review,
    read=ReviewRead,
    owner="author_id",
    tenant=None,
    soft_delete=True,
    versioned=False,
    read_roles={},
    write_roles={},
    many={},
    search=("title", "body"),
)
FILTERS = {
    "product_id": ("product_id", "eq"),
    "rating": ("rating", "eq"),
    "rating__gte": ("rating", "gte"),
    "rating__lte": ("rating", "lte"),
    "verified": ("verified", "eq"),
}
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)
]


@router.get(
    "/reviews",
    operation_id="list_reviews",
    status_code=200,
    response_model=None,
)
def list_reviews(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    f_page: Annotated[Annotated[int, Field(ge=1, le=2147483647)], Query(alias="page")] = 1,
    f_size: Annotated[Annotated[int, Field(ge=1, le=50)], Query(alias="size")] = 10,
    f_q: Annotated[Annotated[str, Field(max_length=255)] | None, Query(alias="q")] = None,
    f_sort: Annotated[Literal["rating", "-rating"] | None, Query(alias="sort")] = None,
    f_product_id: Annotated[
        Annotated[int, Field(ge=1, le=9223372036854775807)] | None, Query(alias="product_id")
    ] = None,
    f_rating: Annotated[
        Annotated[int, Field(ge=-2147483648, le=2147483647)] | None, Query(alias="rating")
    ] = None,
    f_rating__gte: Annotated[
        Annotated[int, Field(ge=-2147483648, le=2147483647)] | None, Query(alias="rating__gte")
    ] = None,
    f_rating__lte: Annotated[
        Annotated[int, Field(ge=-2147483648, le=2147483647)] | None, Query(alias="rating__lte")
    ] = None,
    f_verified: Annotated[bool | None, Query(alias="verified")] = None,
) -> Any:
    """List reviews."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "list_reviews", (), scope.user_id)
    stmt = crud.visible(META, scope)
    stmt = crud.search(stmt, META, f_q)
    stmt = crud.filters(
        stmt,
        META,
        {
            "product_id": f_product_id,
            "rating": f_rating,
            "rating__gte": f_rating__gte,
            "rating__lte": f_rating__lte,
            "verified": f_verified,
        },
        FILTERS,
    )
    stmt = crud.ordered(stmt, META, f_sort)
    return crud.offset_page(db, META, stmt, f_page, f_size, scope.role)


@router.post(
    "/reviews",
    operation_id="create_review",
    status_code=201,
    response_model=None,
)
def create_review(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    payload: ReviewCreate,
) -> Any:
    """Create review."""
    scope = authorize(db, caller, ("customer",), META.owner, META.tenant, creating=True)
    enforce(http, "create_review", (Limit(count=5, period="hour", scope="user"),), scope.user_id)
    values = {name: getattr(payload, name) for name in type(payload).model_fields}
    crud.check_writes(META, payload.model_fields_set, scope.role)
    row = Review()
    crud.assign(db, META, row, values)
    if caller is None:
        raise crud.HTTPException(status_code=401, detail="Not authenticated.")
    row.author_id = caller.id
    crud.save(db, row)
    answer = crud.serialize(META, row, scope.role)
    return answer


@router.get(
    "/reviews/{id}",
    operation_id="get_review",
    status_code=200,
    response_model=None,
)
def get_review(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Read review."""
    scope = authorize(db, caller, ("anyone",), META.owner, META.tenant)
    enforce(http, "get_review", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    return crud.serialize(META, row, scope.role)


@router.patch(
    "/reviews/{id}",
    operation_id="update_review",
    status_code=200,
    response_model=None,
)
def update_review(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
    payload: ReviewUpdate,
) -> Any:
    """Update review."""
    scope = authorize(db, caller, ("owner", "admin"), META.owner, META.tenant)
    enforce(http, "update_review", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    changes = payload.changes()
    crud.check_writes(META, changes, scope.role)
    crud.assign(db, META, row, changes)
    crud.save(db, row)
    return crud.serialize(META, row, scope.role)


@router.delete(
    "/reviews/{id}",
    operation_id="delete_review",
    status_code=204,
    response_model=None,
    response_class=Response,
)
def delete_review(
    http: Request,
    db: DbSession,
    caller: OptionalUser,
    id: str,
) -> Any:
    """Delete review."""
    scope = authorize(db, caller, ("owner", "admin"), META.owner, META.tenant)
    enforce(http, "delete_review", (), scope.user_id)
    row = crud.get_row(db, META, scope, id)
    crud.remove(db, META, row)
    return Response(status_code=204)
