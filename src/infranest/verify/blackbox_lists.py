"""The list-parameter checks of the black-box suite: every filter (the row it matches is
listed; an unreadable value is 422), search (case-insensitive substring), every sort key
in both directions (items come in that order), the next page (offset or cursor), and
invalid paging parameters (422)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from infranest.spec.exporters.api_types import Operation, QueryParam, Resource
from infranest.spec.model import Spec
from infranest.verify.blackbox_http import Answer, Recorder

# Types whose query value can be unreadable (strings accept anything).
_TYPED = frozenset({"id", "int", "bigint", "decimal", "float", "bool", "date", "datetime", "time"})


def query_value(value: Any) -> str:
    """A body value as a query parameter (``true``/``false`` for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def comparable(value: Any) -> Any:
    """A value that orders like the service must: decimals and numbers as numbers,
    date-times as instants, UTC times of day without their zone, anything else as it is
    (None when it cannot be compared)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
        iso = value.replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(iso).timestamp()
        except ValueError:
            pass
        try:  # a time of day: 01:00:00 and 01:00:00Z are the same UTC time
            clock = time.fromisoformat(iso)
        except ValueError:
            return value
        if clock.utcoffset() in (None, timedelta(0)):
            return clock.replace(tzinfo=None).isoformat()
        return value
    return None


def items_of(answer: Answer) -> list[dict[str, Any]]:
    items = answer.body.get("items") if isinstance(answer.body, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


class ListChecks:
    """Mixed into the suite, which provides ``spec``, ``http`` and ``_send``."""

    spec: Spec
    http: Recorder

    _send: Callable[..., Answer]  # (check, op, user, *, row, body, query, expected)

    def _list_params(
        self, resource: Resource, op: Operation, actor: Any, row: dict[str, Any]
    ) -> None:
        label = f"list {resource.entity}"
        for param in resource.list_params:
            if param.role == "filter":
                self._filter(label, op, actor, param, row)
        self._search(label, resource, op, actor, row)
        for param in resource.list_params:
            if param.role == "sort":
                self._sorts(label, resource, op, actor)
        self._next_page(label, resource, op, actor)

    def _listed(self, answer: Answer, row_id: Any, what: str) -> None:
        if answer.status == 200 and all(i.get("id") != row_id for i in items_of(answer)):
            self.http.flag(f"{what} did not list row {row_id}")

    def _filter(
        self, label: str, op: Operation, actor: Any, param: QueryParam, row: dict[str, Any]
    ) -> None:
        key = param.name.removesuffix("__gte").removesuffix("__lte")
        value = row.get(key)
        if value is not None and not isinstance(value, list | dict):
            query = {param.name: query_value(value)}
            answer = self._send(f"{label} {param.name}", op, actor, query=query, expected=(200,))
            self._listed(answer, row.get("id"), f"{param.name}={query[param.name]}")
        if param.value.type in _TYPED or param.value.type == "enum" or param.value.choices:
            bad = {param.name: "not-a-value"}
            check = f"{label} {param.name} unreadable"
            self._send(check, op, actor, query=bad, expected=(422,))

    def _search(
        self, label: str, resource: Resource, op: Operation, actor: Any, row: dict[str, Any]
    ) -> None:
        entity = self.spec.entity(resource.entity)
        fields = entity.search if entity is not None else ()
        if not any(p.role == "search" for p in resource.list_params):
            return
        text = next((row[f] for f in fields if isinstance(row.get(f), str) and row[f]), None)
        if text is None:
            return
        term = text[len(text) // 4 : len(text) // 4 + max(2, len(text) // 2)].swapcase()
        answer = self._send(f"{label} q", op, actor, query={"q": term}, expected=(200,))
        self._listed(answer, row.get("id"), f"q={term}")

    def _sorts(self, label: str, resource: Resource, op: Operation, actor: Any) -> None:
        entity = self.spec.entity(resource.entity)
        keys = (
            [resource.read.field(k) or resource.read.field(f"{k}_id") for k in entity.sort]
            if (entity is not None)
            else []
        )
        for f in keys:
            if f is None:
                continue
            for direction in ("", "-"):
                query = {"sort": f"{direction}{f.name}"}
                check = f"{label} sort={query['sort']}"
                answer = self._send(check, op, actor, query=query, expected=(200,))
                values = [comparable(i.get(f.name)) for i in items_of(answer)]
                known = [v for v in values if v is not None]
                try:
                    ordered = known == sorted(known, reverse=direction == "-")
                except TypeError:
                    ordered = True  # mixed kinds: the contract says nothing
                if answer.status == 200 and not ordered:
                    self.http.flag(f"sort={query['sort']} gave {values}")
        self._send(f"{label} sort unknown", op, actor, query={"sort": "-nope"}, expected=(422,))

    def _next_page(self, label: str, resource: Resource, op: Operation, actor: Any) -> None:
        style = resource.pagination.style
        if style == "offset":
            query = {"page": "2", "size": "1"}
            answer = self._send(f"{label} page 2", op, actor, query=query, expected=(200,))
            if answer.status == 200 and (
                not isinstance(answer.body, dict) or answer.body.get("page") != 2
            ):
                self.http.flag("page 2 did not answer page: 2")
            self._send(f"{label} page=0", op, actor, query={"page": "0"}, expected=(422,))
        elif style == "cursor":
            query = {"size": "1"}
            first = self._send(f"{label} first page", op, actor, query=query, expected=(200,))
            cursor = first.body.get("next_cursor") if isinstance(first.body, dict) else None
            if isinstance(cursor, str):
                query = {"size": "1", "cursor": cursor}
                answer = self._send(f"{label} next page", op, actor, query=query, expected=(200,))
                seen = {i.get("id") for i in items_of(first)}
                if any(i.get("id") in seen for i in items_of(answer)):
                    self.http.flag("the next page repeated an item of the first")
            bad = {"cursor": "not a cursor!"}
            self._send(f"{label} cursor unreadable", op, actor, query=bad, expected=(422,))
