"""Generic collection, item and action views, configured per resource in ``api.resources``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import Conflict
from api.querying import INT64_MAX, Filter, apply_filters, apply_search, apply_sort, paginate
from api.throttling import Limit, check_limits, idempotent

ALL, OWN, TENANT = "all", "own", "tenant"


@dataclass(frozen=True)
class Op:
    """One endpoint of a resource: who may call it, its limits, whether it is idempotent."""

    operation_id: str
    principals: tuple[str, ...]
    limits: tuple[Limit, ...] = ()
    idempotent: bool = False


@dataclass(frozen=True)
class Action:
    """A custom endpoint; ``handler`` does the work (see ``api.actions``)."""

    name: str
    op: Op
    scope: str
    handler: Callable[..., Any]


@dataclass(frozen=True)
class Resource:
    """An entity served over HTTP (see the contract: ``openapi.json``)."""

    name: str
    model: type[Model]
    read: type[serializers.Serializer]  # type: ignore[type-arg]
    create: type[serializers.Serializer] | None  # type: ignore[type-arg]
    update: type[serializers.Serializer]  # type: ignore[type-arg]
    ops: dict[str, Op]
    pagination: str = "offset"
    page_size: int = 20
    max_page_size: int = 100
    search: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    owner: str | None = None
    tenant: str | None = None
    soft_delete: bool = False
    optimistic_lock: bool = False
    relations: dict[str, type[Model]] = field(default_factory=dict)
    many: dict[str, tuple[str, type[Model]]] = field(default_factory=dict)
    write_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)


def user_tenants(user: Any) -> frozenset[int]:
    """The tenants of the caller: none, the spec declares no tenancy."""
    del user
    return frozenset()


def user_tenant(user: Any) -> int | None:
    del user
    return None


def same_tenant(target: type[Model], instance: Model, res: Resource) -> QuerySet[Any]:
    """The rows of ``target`` that ``instance`` may reference."""
    del instance, res
    return visible(target)


def holds(
    user: Any, principals: tuple[str, ...], row: Any, owner: str | None, tenant: str | None
) -> bool:
    """Whether the caller is one of ``principals`` for ``row`` (per-field read/write roles)."""
    if "anyone" in principals:
        return True
    if user is None or not user.is_authenticated:
        return False
    if "authenticated" in principals or getattr(user, "role", None) in principals:
        return True
    if "owner" in principals and owner and getattr(row, owner, None) == user.pk:
        return True
    return bool(
        "tenant" in principals and tenant and getattr(row, tenant, None) in user_tenants(user)
    )


def grant(request: Request, op: Op, resource: Resource) -> str:
    """Which rows ``op`` may touch for this caller: all, its own, its tenant's; else 401/403."""
    if "anyone" in op.principals:
        return ALL
    user = request.user
    if user is None or not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    if "authenticated" in op.principals or getattr(user, "role", None) in op.principals:
        return ALL
    if "owner" in op.principals and resource.owner:
        return OWN
    if "tenant" in op.principals and resource.tenant:
        return TENANT
    raise exceptions.PermissionDenied()


def visible(model: type[Model]) -> QuerySet[Any]:
    rows = model._default_manager.all()
    if any(f.name == "deleted_at" for f in model._meta.get_fields()):
        rows = rows.filter(deleted_at__isnull=True)
    return rows


class ResourceView(APIView):
    """Shared by the views below: access, row scope, limits, writes."""

    resource: Resource | None = None
    action_name: str | None = None

    @property
    def res(self) -> Resource:
        assert self.resource is not None
        return self.resource

    def rows(self, request: Request, op: Op) -> QuerySet[Any]:
        scope = grant(request, op, self.res)
        check_limits(request, op.operation_id, op.limits)
        rows = visible(self.res.model)
        user = request.user
        if scope == OWN:
            rows = rows.filter(**{self.res.owner: user.pk})
        elif scope == TENANT:
            rows = rows.filter(**{f"{self.res.tenant}__in": sorted(user_tenants(user))})
        return rows

    def row(self, request: Request, op: Op, pk: int, *, lock: bool = False) -> Model:
        rows = self.rows(request, op)
        if pk > INT64_MAX:
            raise Http404()
        if lock:
            rows = rows.select_for_update()
        found = rows.filter(pk=pk).first()
        if found is None:
            raise Http404()
        return found

    def show(self, request: Request, instance: Model, code: int = 200) -> Response:
        data = self.res.read(instance, context={"request": request}).data
        return Response(data, status=code)

    def validated(self, request: Request, body: type[serializers.Serializer]) -> dict[str, Any]:  # type: ignore[type-arg]
        if request.stream is None:
            raise serializers.ValidationError({"": ["A JSON object body is required."]})
        serializer = body(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def write(self, request: Request, instance: Model, data: dict[str, Any]) -> Model:
        res = self.res
        for key, roles in res.write_roles.items():
            if key in data and not holds(request.user, roles, instance, res.owner, res.tenant):
                raise exceptions.PermissionDenied(f"You may not set {key}.")
        many: dict[str, list[int]] = {}
        for key, value in data.items():
            if key in res.relations:
                target = res.relations[key]
                if (
                    value is not None
                    and not same_tenant(target, instance, res).filter(pk=value).exists()
                ):
                    raise Conflict(f"{key}: no such {target.__name__} row.")
                setattr(instance, key, value)
            elif key in res.many:
                name, target = res.many[key]
                if same_tenant(target, instance, res).filter(pk__in=value).count() != len(value):
                    raise Conflict(f"{key}: no such {target.__name__} row.")
                many[name] = value
            elif key != "version":
                setattr(instance, key, value)
        with transaction.atomic():
            instance.save()
            for name, ids in many.items():
                getattr(instance, name).set(ids)
        return instance


class CollectionView(ResourceView):
    def get(self, request: Request) -> Response:
        res = self.res
        rows = self.rows(request, res.ops["list"])
        params = request.query_params
        rows = apply_filters(rows, params, res.filters)
        rows = apply_search(rows, params, res.search)
        rows = apply_sort(rows, params, res.sort)
        # Many-to-many id sets: one query per set for the whole page, not one per row.
        rows = rows.prefetch_related(*(name for name, _ in res.many.values()))
        items, envelope = paginate(rows, params, res.pagination, res.page_size, res.max_page_size)
        data = res.read(items, many=True, context={"request": request}).data
        return Response({"items": data, **envelope})

    def post(self, request: Request) -> Response:
        res = self.res
        op = res.ops["create"]
        grant(request, op, res)
        check_limits(request, op.operation_id, op.limits)

        def run() -> Response:
            assert res.create is not None
            instance = res.model()
            if res.owner and res.owner != "id":
                setattr(instance, res.owner, request.user.pk)
            data = self.validated(request, res.create)
            return self.show(request, self.write(request, instance, data), 201)

        return idempotent(request, op, run) if op.idempotent else run()


class ItemView(ResourceView):
    def get(self, request: Request, pk: int) -> Response:
        return self.show(request, self.row(request, self.res.ops["read"], pk))

    def patch(self, request: Request, pk: int) -> Response:
        res = self.res
        with transaction.atomic():
            instance = self.row(request, res.ops["update"], pk, lock=True)
            data = self.validated(request, res.update)
            if res.optimistic_lock:
                locked: Any = instance
                if data["version"] != locked.version:
                    raise Conflict("The row was changed since you read it (stale version).")
                locked.version = data["version"] + 1
            return self.show(request, self.write(request, instance, data))

    def delete(self, request: Request, pk: int) -> Response:
        instance = self.row(request, self.res.ops["delete"], pk)
        with transaction.atomic():
            if self.res.soft_delete:
                hidden: Any = instance
                hidden.deleted_at = timezone.now()
                hidden.save(update_fields=["deleted_at"])
            else:
                instance.delete()
        return Response(status=204)


class ActionView(ResourceView):
    """An action: item actions answer the row, collection actions an ``ActionResult``."""

    def run(self, request: Request, pk: int | None = None) -> Response:
        assert self.action_name is not None
        action = self.res.actions[self.action_name]
        if pk is None:
            grant(request, action.op, self.res)
            check_limits(request, action.op.operation_id, action.op.limits)
            work = lambda: Response({"detail": action.handler(request)})  # noqa: E731
        else:
            instance = self.row(request, action.op, pk)
            work = lambda: self.show(request, action.handler(request, instance))  # noqa: E731
        return idempotent(request, action.op, work) if action.op.idempotent else work()

    def get(self, request: Request, pk: int | None = None) -> Response:
        return self.run(request, pk)

    def post(self, request: Request, pk: int | None = None) -> Response:
        return self.run(request, pk)

    def put(self, request: Request, pk: int | None = None) -> Response:
        return self.run(request, pk)

    def patch(self, request: Request, pk: int | None = None) -> Response:
        return self.run(request, pk)

    def delete(self, request: Request, pk: int | None = None) -> Response:
        return self.run(request, pk)
