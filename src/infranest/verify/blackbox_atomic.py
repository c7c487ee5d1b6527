"""The all-or-nothing checks of the black-box suite: a write that fails leaves nothing
half-written.

For every resource whose update body carries a many-to-many id list, PATCH its first row
with a changed list plus one thing that must fail: an invalid value of another field
(422), another row's value of a unique field (409), a stale ``version`` (409); and a
changed field plus a list naming a row that does not exist (409). After each, the row
read back must equal the row read before, the many-to-many set included. For every
resource whose create body carries such a list, a create naming a missing row (409) and
one with another row's unique value (409) must not leave a row: the ids listed before and
after are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from infranest.generate.samples import NoSampleError, invalid_value, sample_value
from infranest.spec.exporters.api_types import BodyField, Operation, Resource
from infranest.spec.model import Spec
from infranest.verify.blackbox_http import Answer, Recorder
from infranest.verify.blackbox_lists import comparable, items_of

MISSING_ID = 999_999_999  # a row id no service holds after a short suite


def _kind(resource: Resource, kind: str) -> Operation | None:
    return next((o for o in resource.operations if o.kind == kind), None)


def _many_field(fields: tuple[BodyField, ...]) -> BodyField | None:
    """The first many-to-many id list anyone may write."""
    return next((f for f in fields if f.many and f.type == "id" and not f.write_roles), None)


def _plain(fields: tuple[BodyField, ...]) -> list[BodyField]:
    """Fields a request may set besides the id lists: no ids, refs, version or write roles."""
    return [
        f
        for f in fields
        if f.name != "version" and f.type not in ("id", "ref") and not f.many and not f.write_roles
    ]


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, list) and isinstance(after, list):
        return sorted(map(str, before)) == sorted(map(str, after))
    if isinstance(before, dict) or isinstance(after, dict):
        return bool(before == after)
    return bool(comparable(before) == comparable(after))


class AtomicChecks:
    """Mixed into the suite, which provides ``spec``, ``http``, ``rows``, ``users``,
    ``skipped``, ``_send``, ``_actor``, ``_body`` and ``_has_flag``."""

    spec: Spec
    http: Recorder
    rows: dict[str, list[Any]]  # entity → its rows (``id``, ``creator``, ``body``)
    users: list[Any]
    skipped: list[str]

    _send: Callable[..., Answer]  # (check, op, user, *, row, body, query, expected)
    _actor: Callable[[Operation, Any], Any]
    _body: Callable[[Resource, int, int], dict[str, Any] | None]
    _has_flag: Callable[[Resource, str], bool]
    _user_entity: Callable[[], str]

    def _existing_ids(self, target: str | None) -> list[int]:
        """Ids of rows of ``target`` the suite made (users' ids for the user entity)."""
        if target in ("User", self._user_entity()):
            return sorted({u.id for u in self.users if isinstance(u.id, int)})
        return [row.id for row in self.rows.get(target or "", [])]

    # --- update ----------------------------------------------------------------------

    def _atomic_update(self, resource: Resource) -> None:
        update, read = _kind(resource, "update"), _kind(resource, "read")
        many = _many_field(resource.update.fields)
        rows = self.rows.get(resource.entity, [])
        if update is None or read is None or many is None or not rows:
            return
        if self._has_flag(resource, "tenant"):
            self.skipped.append(f"atomic update {resource.entity}: tenant-scoped")
            return
        row = rows[0]
        actor, reader = self._actor(update, row.creator), self._actor(read, row.creator)
        existing = self._existing_ids(many.target)
        if actor is None or reader is None or not existing:
            self.skipped.append(f"atomic update {resource.entity}: no {many.name} to set")
            return
        label = f"atomic update {resource.entity}"
        seen = self._send(f"{label} read before", read, reader, row=row.id, expected=(200,))
        before = seen.body if isinstance(seen.body, dict) else None
        if before is None:
            return
        for check, body, status in self._failing_updates(resource, many, before, existing, rows):
            self._send(f"{label} {check}", update, actor, row=row.id, body=body, expected=status)
            then = f"{label} {check} then read"
            after = self._send(then, read, reader, row=row.id, expected=(200,))
            before = self._unchanged(before, after, f"the failed update ({check})")

    def _failing_updates(
        self,
        resource: Resource,
        many: BodyField,
        before: dict[str, Any],
        existing: list[int],
        rows: list[Any],
    ) -> list[tuple[str, dict[str, Any], tuple[int, ...]]]:
        """(check, body, expected status) of each update that must change nothing."""
        current = before.get(many.name)
        held = set(current) if isinstance(current, list) else set()
        fresh = [i for i in existing if i not in held]
        changed = fresh[:1] if fresh else []
        locked = {"version": before.get("version")} if resource.optimistic_lock else {}
        fields = _plain(resource.update.fields)
        found: list[tuple[str, dict[str, Any], tuple[int, ...]]] = []
        if changed or held:
            sets = {many.name: changed}
            bad = next(((f, v) for f in fields for v in self._broken(f)), None)
            if bad is not None:
                body = {**sets, bad[0].name: bad[1], **locked}
                found.append((f"{many.name} and invalid {bad[0].name}", body, (422,)))
            other = rows[1].body if len(rows) > 1 else {}
            unique = next((f for f in fields if f.unique and other.get(f.name) is not None), None)
            if unique is not None:
                body = {**sets, unique.name: other[unique.name], **locked}
                found.append((f"{many.name} and duplicate {unique.name}", body, (409,)))
            version = before.get("version")
            if resource.optimistic_lock and isinstance(version, int):
                stale = version - 1 if version > 1 else version + 1
                found.append((f"{many.name} and stale version", {**sets, "version": stale}, (409,)))
        value = next(((f, v) for f in fields for v in self._changes(f, before)), None)
        if value is not None:
            body = {value[0].name: value[1], many.name: [*existing[:1], MISSING_ID], **locked}
            found.append((f"{value[0].name} and {many.name} naming a missing row", body, (409,)))
        return found

    def _broken(self, f: BodyField) -> list[Any]:
        """At most one value that breaks a constraint of ``f``."""
        bad = invalid_value(f)
        return [] if bad is None else [bad.value]

    def _changes(self, f: BodyField, before: dict[str, Any]) -> list[Any]:
        """At most one valid value of ``f`` other than the row's (none for unique fields)."""
        if f.unique or f.readonly:
            return []
        for n in (9, 10):
            try:
                value = sample_value(f, n)
            except NoSampleError:
                return []
            if not _same(before.get(f.name), value):
                return [value]
        return []

    def _unchanged(self, before: dict[str, Any], after: Answer, what: str) -> dict[str, Any]:
        """Flag the read ``after`` when it differs from ``before``; answers the row now."""
        if after.status != 200 or not isinstance(after.body, dict):
            return before  # the status is a deviation already
        changed = sorted(k for k in before if not _same(before[k], after.body.get(k)))
        if changed:
            shown = ", ".join(f"{k}: {before[k]!r} → {after.body.get(k)!r}" for k in changed)
            self.http.flag(f"{what} changed the row: {shown}")
        return after.body

    # --- create ----------------------------------------------------------------------

    def _atomic_create(self, resource: Resource) -> None:
        create, listing = _kind(resource, "create"), _kind(resource, "list")
        rows = self.rows.get(resource.entity, [])
        if create is None or listing is None or resource.create is None or not rows:
            return
        many = _many_field(resource.create.fields)
        if many is None or self._has_flag(resource, "tenant"):
            return
        actor = self._actor(create, rows[0].creator)
        lister = self._actor(listing, actor) if actor is not None else None
        existing = self._existing_ids(many.target)
        body = self._body(resource, 11, 0)
        if actor is None or lister is None or body is None or not existing:
            self.skipped.append(f"atomic create {resource.entity}: no valid body to send")
            return
        label = f"atomic create {resource.entity}"
        query = {"size": str(resource.pagination.max_size)}
        if resource.pagination.style == "none":
            query = {}
        seen = self._send(f"{label} list before", listing, lister, query=query, expected=(200,))
        missing = {**body, many.name: [*existing[:1], MISSING_ID]}
        self._send(
            f"{label} {many.name} naming a missing row",
            create,
            actor,
            body=missing,
            expected=(409,),
        )
        unique = next((f for f in _plain(resource.create.fields) if f.unique), None)
        if unique is not None and rows[0].body.get(unique.name) is not None:
            duplicate = {**body, many.name: existing[:1], unique.name: rows[0].body[unique.name]}
            check = f"{label} {many.name} and duplicate {unique.name}"
            self._send(check, create, actor, body=duplicate, expected=(409,))
        after = self._send(f"{label} list after", listing, lister, query=query, expected=(200,))
        left = sorted(
            {i.get("id") for i in items_of(after)} - {i.get("id") for i in items_of(seen)},
            key=str,
        )
        if seen.status == 200 and left:
            self.http.flag(f"failed creates left rows behind: {left}")
