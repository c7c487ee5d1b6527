"""Who may call an operation, and which rows they may touch (owner and tenant scoping)."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from sqlalchemy import Select, false, or_
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Scope:
    """The rows a caller may touch: every row, or only their own / their tenant's."""

    user_id: int | None = None
    role: str | None = None
    owner_only: bool = False
    tenant_ids: frozenset[int] | None = None

    @property
    def restricted(self) -> bool:
        return self.owner_only or self.tenant_ids is not None

    def apply(
        self, stmt: Select[Any], model: Any, owner: str | None, tenant: str | None
    ) -> Select[Any]:
        """`stmt` narrowed to the rows this scope allows."""
        if not self.restricted:
            return stmt
        conditions = []
        if self.owner_only and owner is not None:
            conditions.append(getattr(model, owner) == self.user_id)
        if self.tenant_ids is not None and tenant is not None:
            conditions.append(getattr(model, tenant).in_(sorted(self.tenant_ids)))
        return stmt.where(or_(*conditions) if conditions else false())


def tenant_ids(db: Session, user_id: int) -> frozenset[int]:
    """The tenants the user belongs to."""
    del db, user_id
    return frozenset()


def tenant_for(db: Session, user: Any) -> int:
    """The tenant a new row of the caller belongs to (their first tenant); 403 without one."""
    found = tenant_ids(db, user.id) if user is not None else frozenset()
    if not found:
        raise HTTPException(status_code=403, detail="You belong to no tenant.")
    return min(found)


def authorize(
    db: Session,
    user: Any,
    principals: Collection[str],
    owner: str | None = None,
    tenant: str | None = None,
    *,
    creating: bool = False,
) -> Scope:
    """The caller's scope for an operation allowed to `principals`; 401 without a caller,
    403 when no principal matches."""
    if "anyone" in principals:
        if user is None:
            return Scope()
        return Scope(user_id=user.id, role=user.role)
    if user is None:
        raise HTTPException(
            status_code=401, detail="Not authenticated.", headers={"WWW-Authenticate": "Bearer"}
        )
    everyone = Scope(user_id=user.id, role=user.role)
    if "authenticated" in principals or (user.role is not None and user.role in principals):
        return everyone
    by_owner = "owner" in principals and owner is not None
    by_tenant = "tenant" in principals and tenant is not None
    if not (by_owner or by_tenant):
        raise HTTPException(status_code=403, detail="You may not do this.")
    if creating:
        return everyone
    tenants = tenant_ids(db, user.id) if by_tenant else None
    return Scope(user_id=user.id, role=user.role, owner_only=by_owner, tenant_ids=tenants)
