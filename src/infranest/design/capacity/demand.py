"""Service demands: what one request of each endpoint costs each resource.

Each operation of the API shape becomes the queries a generated service runs for it (the
caller's lookup, the page, the ``COUNT(*)`` of offset pages, one query per to-many
relation of the page, reference checks and writes) with the rows each examines, plus
the bytes of its response; :func:`service_times` prices them on a :class:`Hardware`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from infranest.design.capacity.model import (
    DEFAULT_ROWS,
    DEFAULT_USERS,
    FILTER_SHARE,
    PER_ROW_RELATION_TARGETS,
    RELATED_PER_ROW,
    SEARCH_SHARE,
    SORT_SHARE,
    Hardware,
)
from infranest.spec.builtins import USER, finalize
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.api_types import ApiShape, BodyField, Operation
from infranest.spec.model import Entity, FieldDef, Pagination, Spec

QueryKind = Literal["point", "range", "scan", "count", "write"]
Resource = Literal["app", "db", "network"]
RESOURCES: tuple[Resource, ...] = ("app", "db", "network")

# Bytes of a JSON value of each type (typical, not maximal), plus per-key overhead.
VALUE_BYTES: dict[str, float] = {
    "string": 24,
    "text": 400,
    "int": 6,
    "bigint": 10,
    "decimal": 10,
    "float": 10,
    "bool": 5,
    "date": 12,
    "datetime": 27,
    "time": 10,
    "uuid": 38,
    "email": 26,
    "url": 60,
    "json": 200,
    "file": 60,
    "enum": 10,
    "id": 6,
    "ref": 0,
}
KEY_OVERHEAD = 4  # quotes, colon, comma
FIXED_RESPONSE: dict[str, float] = {"metrics": 20_000, "health": 20, "ready": 20}


@dataclass(frozen=True)
class Query:
    """One SQL statement a request runs, with the rows it examines and returns.

    ``share`` is how often a request runs it (1: once per request; 0.3: three requests
    in ten; 20: once for each of 20 rows).
    """

    what: str
    kind: QueryKind
    examined: float = 1.0
    returned: float = 1.0
    sorted_rows: float = 0.0
    share: float = 1.0


@dataclass(frozen=True)
class Demand:
    """The work of one request of one endpoint (averaged over the request mix)."""

    operation: str
    kind: str
    method: str
    path: str
    entity: str | None
    queries: tuple[Query, ...]
    response_bytes: float
    auth: bool = False
    password_hashes: int = 0
    read: bool = True
    notes: tuple[str, ...] = ()

    @property
    def query_count(self) -> float:
        return sum(q.share for q in self.queries)

    @property
    def rows_returned(self) -> float:
        """Rows the ORM turns into objects per request, related rows included."""
        return sum(q.share * q.returned for q in self.queries)


def _rows(entity: Entity | None) -> float:
    if entity is None:
        return float(DEFAULT_ROWS)
    return float(entity.rows if entity.rows is not None else DEFAULT_ROWS)


def indexed_columns(entity: Entity) -> frozenset[str]:
    """Fields a lookup can use an index for: id, unique and index flags, foreign keys
    (the generators index them) and the first column of each composite index."""
    names = {"id"}
    for f in entity.fields:
        if f.unique or f.index or (f.is_relation and f.has_column):
            names.add(f.name)
    for index in entity.indexes:
        if index.fields:
            names.add(index.fields[0])
    return frozenset(names)


def body_bytes(fields: tuple[BodyField, ...], shape: ApiShape, depth: int = 0) -> float:
    """Typical size of one JSON object with ``fields``."""
    total = 2.0
    for f in fields:
        if f.type == "ref" and f.ref is not None and depth < 2:
            inner = body_bytes(shape.body(f.ref).fields, shape, depth + 1)
            value = inner * (RELATED_PER_ROW if f.many else 1)
        else:
            value = VALUE_BYTES.get(f.type, 16) * (RELATED_PER_ROW if f.many else 1)
        total += len(f.name) + KEY_OVERHEAD + value
    return total


class DemandBuilder:
    """Derives a :class:`Demand` for every operation of a spec's API."""

    def __init__(
        self,
        spec: Spec,
        shape: ApiShape | None = None,
        *,
        target: str | None = None,
        signed_in: bool = False,
        request_mix: bool = True,
        largest_pages: bool = False,
    ) -> None:
        """``target``: the generator whose code runs (how it loads relations).
        ``signed_in``: every request carries credentials, so the service resolves the
        caller on public entity endpoints too. ``request_mix`` False: lists are plain
        pages, without the share of filtered, sorted and searched requests.
        ``largest_pages``: lists ask for the largest page (``size`` = the spec's maximum).
        (Calibration's clients send credentials and ask for plain, largest pages.)"""
        self.spec = finalize(spec)
        self.shape = shape if shape is not None else api_shape(self.spec)
        self.auth = self.spec.project.auth.enabled
        self.target = target
        self.signed_in = signed_in
        self.request_mix = request_mix
        self.largest_pages = largest_pages
        load = self.spec.project.load
        self.users = float((load.users if load and load.users else None) or DEFAULT_USERS)
        self.row_scale = 1.0

    def with_rows_scaled(self, factor: float) -> DemandBuilder:
        """The same builder with every table ``factor`` times as large (data growth)."""
        other = DemandBuilder(
            self.spec,
            self.shape,
            target=self.target,
            signed_in=self.signed_in,
            request_mix=self.request_mix,
            largest_pages=self.largest_pages,
        )
        other.row_scale = factor
        return other

    def page_size(self, pagination: Pagination) -> int:
        """Rows a list asks for: the default page, or the largest one."""
        return pagination.max_size if self.largest_pages else pagination.size

    def rows(self, entity: Entity | None) -> float:
        return _rows(entity) * self.row_scale

    def all(self) -> tuple[Demand, ...]:
        return tuple(self.demand(op) for op in self.shape.operations)

    def demand(self, op: Operation) -> Demand:
        entity = self.spec.entity(op.entity) if op.entity else None
        public = op.public and not (self.signed_in and op.entity is not None)
        caller = self.auth and not public and op.kind not in ("register", "login")
        queries: list[Query] = []
        if caller:
            queries.append(Query("load the caller (User by id)", "point"))
        queries += self._queries(op, entity)
        size = self._response_bytes(op)
        base = Demand(
            operation=op.operation_id,
            kind=op.kind,
            method=op.method.upper(),
            path=op.path,
            entity=op.entity,
            queries=tuple(queries),
            response_bytes=size,
            auth=caller,
            password_hashes=1 if op.kind in ("register", "login") else 0,
            read=op.method == "get",
        )
        if op.kind == "list" and entity is not None:
            return replace(base, notes=self._list_notes(entity))
        return base

    def _response_bytes(self, op: Operation) -> float:
        if op.kind in FIXED_RESPONSE:
            return FIXED_RESPONSE[op.kind]
        if op.response is None:
            return 0.0
        try:
            body = self.shape.body(op.response)
        except KeyError:
            return 200.0
        if op.kind == "list":
            resource = self.shape.resource(op.entity or "")
            page = self.page_size(resource.pagination) if resource is not None else 20
            rows = self.rows(self.spec.entity(op.entity or ""))
            items = (
                min(float(page), rows) if resource and resource.pagination.style != "none" else rows
            )
            row = body_bytes(resource.read.fields, self.shape) if resource else 200.0
            return 64.0 + items * row
        return body_bytes(body.fields, self.shape)

    def _queries(self, op: Operation, entity: Entity | None) -> list[Query]:
        kind = op.kind
        if kind == "ready":
            return [Query("SELECT 1", "point", 0, 0)]
        if kind in ("health", "metrics", "me", "logout", "oauth_authorize"):
            return []
        if kind in ("login", "refresh", "oauth_token"):
            return [Query("the User by email or id", "point")]
        if kind == "register":
            return [Query("email taken?", "point", 1, 0), Query("insert the User", "write")]
        if entity is None:
            return []
        if kind == "list":
            return self._list(entity)
        lookup = Query(f"the {entity.name} by id", "point")
        related = self._related(entity, 1.0)
        if kind == "read":
            return [lookup, *related]
        if kind == "create":
            refs = [
                Query(f"{entity.name}.{f.name} exists?", "point", 1, 0)
                for f in entity.fields
                if f.is_relation and f.has_column and not f.owner and not f.tenant
            ]
            m2m = [Query(f"link {entity.name}.{f.name}", "write") for f in _many(entity)]
            return [*refs, Query(f"insert the {entity.name}", "write"), *m2m, *related]
        if kind == "update":
            return [lookup, Query(f"update the {entity.name}", "write"), *related]
        if kind == "delete":
            verb = "soft-delete" if entity.soft_delete else "delete"
            return [lookup, Query(f"{verb} the {entity.name}", "write")]
        # actions
        if op.method == "get":
            return [lookup, *related]
        return [lookup, Query(f"{op.action} writes the {entity.name}", "write"), *related]

    def _related(self, entity: Entity, rows: float) -> list[Query]:
        """The to-many relations in the read body of ``rows`` rows: one query per relation
        for all rows at once, or one per row for :data:`PER_ROW_RELATION_TARGETS`."""
        per_row = self.target in PER_ROW_RELATION_TARGETS
        runs, each = (rows, 1.0) if per_row else (1.0, rows)
        how = "one query per row" if per_row else "one query per page"
        return [
            Query(
                f"{f.target} of {entity.name}.{f.name} ({how})",
                "range",
                each * RELATED_PER_ROW,
                each * RELATED_PER_ROW,
                share=runs,
            )
            for f in _many(entity)
        ]

    def _scope_rows(self, entity: Entity, rows: float) -> float:
        """Rows a list may see: the caller's own when the entity has an owner."""
        if entity.owner_field is not None and entity.name != USER:
            return max(1.0, rows / self.users)
        return rows

    def _list(self, entity: Entity) -> list[Query]:
        resource = self.shape.resource(entity.name)
        pagination = resource.pagination if resource is not None else None
        visible = self._scope_rows(entity, self.rows(entity))
        style = pagination.style if pagination is not None else "offset"
        page = (
            visible
            if style == "none" or pagination is None
            else min(self.page_size(pagination), visible)
        )
        indexed = indexed_columns(entity)
        queries = [Query(f"a page of {entity.name}", "range", page, page)]
        if style == "offset":
            queries.append(Query(f"COUNT(*) of {entity.name}", "count", visible, 0))
        if not self.request_mix:
            return queries + self._related(entity, page)
        filters = [n for n in entity.filter if entity.field(n) is not None or n in indexed]
        if filters:
            unindexed = [n for n in filters if n not in indexed]
            share = FILTER_SHARE * len(unindexed) / len(filters)
            if unindexed:
                queries.append(
                    Query(
                        f"filter on {', '.join(unindexed)} (no index)",
                        "scan",
                        visible,
                        0,
                        share=share,
                    )
                )
        unsorted = [n for n in entity.sort if n not in indexed]
        if entity.sort and unsorted:
            share = SORT_SHARE * len(unsorted) / len(entity.sort)
            work = visible * math.log2(max(visible, 2.0))
            queries.append(
                Query(f"sort by {', '.join(unsorted)} (no index)", "scan", 0, 0, work, share)
            )
        if entity.search:
            queries.append(
                Query(
                    f"search {', '.join(entity.search)} (substring: scan)",
                    "scan",
                    visible,
                    0,
                    0,
                    SEARCH_SHARE,
                )
            )
        return queries + self._related(entity, page)

    def _list_notes(self, entity: Entity) -> tuple[str, ...]:
        indexed = indexed_columns(entity)
        notes = [
            f"filter on {n} has no index: a filtered list scans {entity.name}"
            for n in entity.filter
            if n not in indexed
        ]
        notes += [
            f"sort by {n} has no index: a sorted list sorts all visible rows"
            for n in entity.sort
            if n not in indexed
        ]
        return tuple(notes)


def _many(entity: Entity) -> list[FieldDef]:
    return [f for f in entity.fields if f.is_relation and f.cardinality == "many_to_many"]


def demands(spec: Spec, shape: ApiShape | None = None) -> tuple[Demand, ...]:
    """The demand of every operation of ``spec``'s API, in route order."""
    return DemandBuilder(spec, shape).all()


def service_times(demand: Demand, hardware: Hardware) -> dict[Resource, float]:
    """Seconds of each resource one request of ``demand`` uses."""
    c = hardware.costs
    app_ms = c.request_ms + (c.auth_ms if demand.auth else 0.0)
    app_ms += demand.password_hashes * c.password_hash_ms
    db_ms = 0.0
    for q in demand.queries:
        app_ms += q.share * (c.query_app_ms + q.returned * c.row_app_us / 1000)
        per_row = c.count_row_us if q.kind == "count" else c.row_db_us
        cost = c.query_db_ms + q.examined * per_row / 1000 + q.sorted_rows * c.sort_row_us / 1000
        if q.kind == "write":
            cost += c.write_db_ms
        db_ms += q.share * cost
    app_ms += demand.response_bytes * c.byte_app_ns / 1e6
    if hardware.db_in_process:
        app_ms, db_ms = app_ms + db_ms, 0.0
    network = demand.response_bytes * 8 / (hardware.network_mbps * 1e6)
    return {"app": app_ms / 1000, "db": db_ms / 1000, "network": network}


def servers(hardware: Hardware) -> dict[Resource, int]:
    """How many requests each resource serves at once (M/M/c's ``c``)."""
    return {"app": hardware.app_servers, "db": max(1, hardware.db_cores), "network": 1}
