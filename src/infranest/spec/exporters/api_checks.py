"""Checks that an API shape can be served: every route, id, schema name and key is unique."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from infranest.spec.diagnostics import Diagnostic, error
from infranest.spec.exporters.api_types import (
    SYSTEM_SEGMENTS,
    ApiEnum,
    Body,
    Operation,
    Resource,
)


def _twice(names: Iterable[str]) -> list[str]:
    counts = Counter(names)
    return [name for name, count in counts.items() if count > 1]


_TEMPLATE = re.compile(r"\{[^}]*\}")


def _route(op: Operation) -> str:
    """``GET /orders/{}``: routes that differ only in a parameter's name are one route."""
    return f"{op.method.upper()} {_TEMPLATE.sub('{}', op.path)}"


def check_shape(
    enums: Sequence[ApiEnum],
    bodies: Sequence[Body],
    resources: Sequence[Resource],
    operations: Sequence[Operation],
) -> list[Diagnostic]:
    """Errors for every name the API would take twice."""
    found: list[Diagnostic] = []
    for resource in resources:
        segment = resource.path.strip("/")
        if segment in SYSTEM_SEGMENTS:
            found.append(
                error(
                    "reserved-path",
                    f"entity {resource.entity} would be served at {resource.path}, "
                    "which the service keeps for itself",
                    path=f"entities[{resource.entity}]",
                    hint=f"rename the entity; reserved: {', '.join(SYSTEM_SEGMENTS)}",
                )
            )
    by_route: dict[str, list[str]] = {}
    for op in operations:
        by_route.setdefault(_route(op), []).append(op.operation_id)
    for route, ids in by_route.items():
        if len(ids) > 1:
            found.append(
                error(
                    "duplicate-route",
                    f"{route} would serve {' and '.join(ids)}",
                    path=f"paths[{route}]",
                    hint="rename one of the entities or actions",
                )
            )
    for op_id in _twice(op.operation_id for op in operations):
        found.append(
            error(
                "duplicate-operation-id",
                f"operation id {op_id!r} would be used twice",
                path=f"operations[{op_id}]",
                hint="rename the entity or action (ids are <entity>_<action>, list_<plural>, ...)",
            )
        )
    for name in _twice([e.name for e in enums] + [b.name for b in bodies]):
        found.append(
            error(
                "duplicate-schema-name",
                f"schema name {name!r} would be used twice",
                path=f"schemas[{name}]",
                hint="entities get <Entity>, <Entity>Create, <Entity>Update and <Entity>Page; "
                "rename the entity or enum",
            )
        )
    for body in bodies:
        for key in _twice(f.name for f in body.fields):
            found.append(
                error(
                    "duplicate-body-key",
                    f"body {body.name} would have the key {key!r} twice",
                    path=f"schemas[{body.name}].{key}",
                    hint="relations appear as <name>_id / <name>_ids; id, created_at, "
                    "updated_at, version and password are the service's own",
                )
            )
    for op in operations:
        for param in _twice(f"{p.location} {p.name}" for p in op.params):
            found.append(
                error(
                    "duplicate-parameter",
                    f"{op.operation_id} would take the {param} parameter twice",
                    path=f"operations[{op.operation_id}]",
                    hint="page, size, cursor, q and sort are list parameters; rename the field "
                    "or drop it from filter",
                )
            )
    return found
