"""A black-box HTTP suite: the same requests against any running generated service.

Given the spec (its :func:`api_shape` is the contract) and a way to sign a user up with a
role, :func:`run_suite` registers two users of the default role and two of the privileged
one, then for every resource (in foreign-key order) creates two rows with valid sample
bodies, reads, lists (the envelope, every filter, search, sort and the next page:
:mod:`~infranest.verify.blackbox_lists`), updates (each answering the next ``version``,
also one that changes nothing; a stale ``version`` → 409), fails writes that set a
many-to-many list and checks they left nothing half-written
(:mod:`~infranest.verify.blackbox_atomic`), breaks every constraint of
every field, sends an unknown key (422) and malformed JSON (400), a
request without a token (401), one by a role without access (403), another user's owned
row (404), a duplicate unique value (409), runs each item action, and finally deletes the
second rows in reverse order. Every request is recorded as (method, path template,
status) with the statuses the contract allows, so two targets' runs can be compared call
by call. See docs/runtime.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

from infranest.generate.samples import Invalid, NoSampleError, invalid_value, sample_value
from infranest.spec.exporters.api_shape import api_shape
from infranest.spec.exporters.api_types import ApiShape, BodyField, Operation, Resource
from infranest.spec.model import Spec
from infranest.verify.blackbox_atomic import MISSING_ID, AtomicChecks
from infranest.verify.blackbox_http import Answer, Call, Recorder
from infranest.verify.blackbox_lists import ListChecks, comparable, items_of

ROWS = 2  # rows created per resource; the last is deleted at the end
# Users come in pairs of the same role: A and B (the default role), P and Q (privileged).
_PARTNERS = {"A": "B", "B": "A", "P": "Q", "Q": "P"}


class Accounts(Protocol):
    """How the suite gets users: ``sign_up(role)`` registers and logs in a fresh user who
    has ``role`` (None: the service's default) and returns the headers that authenticate
    it (none when the service has no ``/auth``); ``base_url()`` is where the service
    answers now."""

    def sign_up(self, role: str | None) -> dict[str, str]: ...

    def base_url(self) -> str: ...


@dataclass(frozen=True)
class User:
    name: str  # "A", "B" (the default role), "P", "Q" (the privileged role)
    role: str | None
    headers: dict[str, str]
    id: int | None


@dataclass(frozen=True)
class Row:
    id: int
    creator: User
    body: dict[str, Any]


@dataclass(frozen=True)
class SuiteResult:
    calls: tuple[Call, ...]
    skipped: tuple[str, ...]  # checks the suite could not make, and why

    @property
    def deviations(self) -> tuple[Call, ...]:
        return tuple(c for c in self.calls if not c.ok)


def run_suite(spec: Spec, accounts: Accounts) -> SuiteResult:
    """Drive the service ``accounts`` reaches through the whole suite for ``spec``."""
    suite = _Suite(spec, api_shape(spec), accounts)
    suite.run()
    return SuiteResult(tuple(suite.http.calls), tuple(suite.skipped))


def creation_order(shape: ApiShape) -> list[Resource]:
    """Resources that can be created, each after the ones its create body points to."""
    creatable = {r.entity: r for r in shape.resources if r.create is not None}
    done: list[Resource] = []
    pending = [r for r in shape.resources if r.entity in creatable]
    while pending:
        placed = {r.entity for r in done}
        ready = [r for r in pending if _depends_on(r) - {r.entity} <= placed]
        if not ready:  # a cycle of required references: create the rest as they come
            ready = pending[:1]
        done.append(ready[0])
        pending.remove(ready[0])
    return done


# The constraints an invalid value can break that may be lifted to find the next one.
_LIFTABLE = ("max_length", "min_length", "pattern", "minimum", "maximum")


def invalid_values(f: BodyField) -> list[Invalid]:
    """One value per constraint of ``f`` that breaks it (max_length, then min_length,
    pattern, minimum, maximum, and finally choice, format or type)."""
    found: list[Invalid] = []
    current: BodyField | None = f
    while current is not None:
        bad = invalid_value(current)
        if bad is None:
            break
        found.append(bad)
        lifted: dict[str, Any] = {bad.constraint: None}
        current = replace(current, **lifted) if bad.constraint in _LIFTABLE else None
    return found


def _depends_on(resource: Resource) -> set[str]:
    assert resource.create is not None
    return {f.target for f in resource.create.fields if f.type == "id" and not f.many and f.target}


def _op(resource: Resource, kind: str) -> Operation | None:
    return next((o for o in resource.operations if o.kind == kind), None)


class _Suite(ListChecks, AtomicChecks):
    def __init__(self, spec: Spec, shape: ApiShape, accounts: Accounts) -> None:
        self.spec, self.shape, self.accounts = spec, shape, accounts
        self.http = Recorder(accounts.base_url)
        self.skipped: list[str] = []
        self.rows: dict[str, list[Row]] = {}
        self.users: list[User] = []

    # --- users -----------------------------------------------------------------------

    def run(self) -> None:
        self._sign_up()
        order = creation_order(self.shape)
        for resource in order:
            self._create_rows(resource)
        for resource in order:
            if self.rows.get(resource.entity):
                self._exercise(resource)
        for resource in reversed(order):
            if len(self.rows.get(resource.entity, ())) == ROWS:
                self._delete_last(resource)

    def _sign_up(self) -> None:
        if not any(o.kind == "register" for o in self.shape.operations):
            headers = self.accounts.sign_up(None)  # starts the service; no credentials
            self.users = [User(n, None, headers, None) for n in ("A", "B")]
            return
        roles = self.spec.project.roles
        privileged = "admin" if "admin" in roles else (roles[0] if roles else None)
        default = roles[-1] if roles else None
        # The privileged user first: a service restarted for each role keeps its rows.
        pairs = (("P", privileged), ("Q", privileged), ("A", default), ("B", default))
        for name, role in pairs:
            headers = self.accounts.sign_up(role)
            me = self.http.send("who am I", "GET", "/auth/me", headers=headers, expected=(200,))
            user_id = me.body.get("id") if isinstance(me.body, dict) else None
            self.users.append(User(name, role, headers, user_id))

    def _user(self, name: str) -> User:
        return next(u for u in self.users if u.name == name)

    def _partner(self, user: User) -> User | None:
        """Another user with the same role (a second row of a one-per-user entity)."""
        name = _PARTNERS.get(user.name)
        return next((u for u in self.users if u.name == name), None)

    def _may(self, op: Operation, user: User) -> bool:
        """``user`` may call ``op`` (on rows it owns, when only ``owner`` is named)."""
        names = set(op.principals)
        return bool(names & {"anyone", "authenticated", "owner", "tenant"}) or (user.role in names)

    def _sees_all(self, op: Operation, user: User) -> bool:
        return op.public or "authenticated" in op.principals or user.role in op.principals

    def _actor(self, op: Operation, owner: User | None) -> User | None:
        """Who calls ``op`` on a row ``owner`` made: the owner when allowed, else anyone
        whose role is named (the privileged user first)."""
        if owner is not None and (self._sees_all(op, owner) or "owner" in op.principals):
            return owner
        for user in sorted(self.users, key=lambda u: u.name != "P"):
            if self._sees_all(op, user):
                return user
        return None

    # --- bodies ----------------------------------------------------------------------

    def _body(self, resource: Resource, n: int, index: int) -> dict[str, Any] | None:
        """A valid create body for the ``n``-th sample; references point at row ``index``
        of their target (its first row when it has fewer)."""
        assert resource.create is not None
        body: dict[str, Any] = {}
        for f in resource.create.fields:
            value = self._value(f, n, index)
            if value is _Omit:
                if f.required:
                    self.skipped.append(f"create {resource.entity}: no value for {f.name}")
                    return None
                continue
            body[f.name] = value
        return body

    def _value(self, f: BodyField, n: int, index: int) -> Any:
        if f.type == "id" and not f.many:
            if f.target in ("User", self._user_entity()):
                user = self.users[min(index, len(self.users) - 1)]
                return user.id if user.id is not None else _Omit
            rows = self.rows.get(f.target or "", [])
            return rows[min(index, len(rows) - 1)].id if rows else _Omit
        if f.many or f.type == "ref" or (f.write_roles and not f.required):
            return _Omit
        try:
            return sample_value(f, n)
        except NoSampleError:
            return _Omit

    def _user_entity(self) -> str:
        return next((e.name for e in self.spec.entities if e.builtin), "User")

    # --- create ----------------------------------------------------------------------

    def _create_rows(self, resource: Resource) -> None:
        op = _op(resource, "create")
        if op is None:
            return
        label = f"create {resource.entity}"
        # Which tenant a row may join is the service's business: recorded, not judged.
        expected = () if self._has_flag(resource, "tenant") else (op.status,)
        if not expected:
            self.skipped.append(f"{label}: tenant-scoped, its statuses are only recorded")
        for index in range(ROWS):
            first = self._actor(op, self._user("A"))
            if first is None:
                self.skipped.append(f"{label}: no user may create it")
                return
            creator = (self._partner(first) or first) if index else first
            body = self._body(resource, index + 1, index)
            if body is None:
                return
            answer = self._send(label, op, creator, body=body, expected=expected)
            if answer.status != op.status or not isinstance(answer.body, dict):
                return
            self._check_read_body(resource, answer)
            self._check_echo(body, answer.body)
            self.rows.setdefault(resource.entity, []).append(
                Row(int(answer.body["id"]), creator, answer.body)
            )

    def _check_read_body(self, resource: Resource, answer: Answer) -> None:
        keys = {f.name for f in resource.read.fields if not f.read_roles}
        got = set(answer.body) if isinstance(answer.body, dict) else set()
        if not keys <= got or got - {f.name for f in resource.read.fields}:
            missing, extra = (
                sorted(keys - got),
                sorted(got - {f.name for f in resource.read.fields}),
            )
            self.http.flag(f"read body keys: missing {missing}, unexpected {extra}")

    def _check_echo(self, sent: dict[str, Any], got: dict[str, Any]) -> None:
        """The row answered holds the values sent (decimals and instants compared as such)."""
        wrong = sorted(
            k for k, v in sent.items() if k in got and comparable(v) != comparable(got[k])
        )
        if wrong:
            shown = ", ".join(f"{k}: sent {sent[k]!r}, got {got[k]!r}" for k in wrong)
            self.http.flag(f"values changed: {shown}")

    def _send(
        self,
        check: str,
        op: Operation,
        user: User | None,
        *,
        row: int | str | None = None,
        body: Any = None,
        query: dict[str, str] | None = None,
        expected: tuple[int, ...] = (),
        raw: bytes | None = None,
    ) -> Answer:
        path = op.path.replace("{id}", str(row)) if row is not None else op.path
        headers = user.headers if user is not None else {}
        return self.http.send(
            check,
            op.method.upper(),
            op.path,
            path=path,
            headers=headers,
            body=body,
            query=query,
            expected=expected,
            raw=raw,
        )

    # --- read, list, update, errors ----------------------------------------------------

    def _exercise(self, resource: Resource) -> None:
        first = self.rows[resource.entity][0]
        read, listing = _op(resource, "read"), _op(resource, "list")
        if read is not None:
            self._reads(resource, read, first)
        if listing is not None:
            self._lists(resource, listing, first)
        self._invalid_bodies(resource)
        self._unauthenticated(resource)
        self._forbidden(resource)
        self._unique(resource)
        update = _op(resource, "update")
        if update is not None:
            self._update(resource, update, first)
        self._atomic_update(resource)
        self._atomic_create(resource)
        for op in resource.operations:
            if op.kind == "action" and "{id}" in op.path:
                actor = self._actor(op, first.creator)
                if actor is not None:
                    self._send(
                        f"action {op.operation_id}", op, actor, row=first.id, expected=(op.status,)
                    )

    def _reads(self, resource: Resource, op: Operation, row: Row) -> None:
        actor = self._actor(op, row.creator)
        if actor is None:
            return
        label = f"read {resource.entity}"
        answer = self._send(label, op, actor, row=row.id, expected=(200,))
        if answer.status == 200:
            self._check_read_body(resource, answer)
        self._send(f"{label} unknown id", op, actor, row=MISSING_ID, expected=(404,))
        self._send(f"{label} non-integer id", op, actor, row="abc", expected=(404,))
        other = self._partner(row.creator)
        if other is not None and self._has_owner(resource):
            if self._sees_all(op, other):
                wanted: tuple[int, ...] = (200,)
            elif "owner" in op.principals:
                wanted = (404,)
            else:
                wanted = (403, 404)
            self._send(f"{label} of another user", op, other, row=row.id, expected=wanted)

    def _has_owner(self, resource: Resource) -> bool:
        return self._has_flag(resource, "owner")

    def _has_flag(self, resource: Resource, flag: str) -> bool:
        """A field of the entity is its ``owner`` (or ``tenant``)."""
        entity = self.spec.entity(resource.entity)
        return entity is not None and any(getattr(f, flag) for f in entity.fields)

    def _lists(self, resource: Resource, op: Operation, row: Row) -> None:
        actor = self._actor(op, row.creator)
        if actor is None:
            return
        label = f"list {resource.entity}"
        envelope = {f.name for f in resource.page.fields}
        answer = self._send(label, op, actor, expected=(200,))
        if answer.status == 200 and (
            not isinstance(answer.body, dict) or set(answer.body) != envelope
        ):
            self.http.flag(f"envelope keys are not {sorted(envelope)}")
        other = self._partner(row.creator)
        owned_only = (
            "owner" in op.principals and other is not None and not self._sees_all(op, other)
        )
        if other is not None and owned_only and self._has_owner(resource):
            seen = self._send(f"{label} by another user", op, other, expected=(200,))
            items = seen.body.get("items") if isinstance(seen.body, dict) else None
            if isinstance(items, list) and any(i.get("id") == row.id for i in items):
                self.http.flag("another user's row is listed")
        if resource.pagination.style == "none":
            return
        page = self._send(f"{label} size=1", op, actor, query={"size": "1"}, expected=(200,))
        items = page.body.get("items") if isinstance(page.body, dict) else None
        if page.status == 200 and (not isinstance(items, list) or len(items) > 1):
            self.http.flag("size=1 did not give at most one item")
        self._send(f"{label} size=0", op, actor, query={"size": "0"}, expected=(422,))
        self._list_params(resource, op, actor, row.body)

    def _invalid_bodies(self, resource: Resource) -> None:
        op = _op(resource, "create")
        actor = self._actor(op, self._user("A")) if op is not None else None
        body = self._body(resource, 3, 0) if actor is not None else None
        if op is None or resource.create is None or actor is None or body is None:
            return
        label = f"create {resource.entity}"
        for f in resource.create.fields:
            for bad in invalid_values(f):
                check = f"{label} {f.name} breaking {bad.constraint}"
                self._send(check, op, actor, body={**body, f.name: bad.value}, expected=(422,))
            if f.required and f.name in body:
                rest = {k: v for k, v in body.items() if k != f.name}
                self._send(f"{label} without {f.name}", op, actor, body=rest, expected=(422,))
                if not f.nullable:
                    nulled = {**body, f.name: None}
                    self._send(f"{label} {f.name} null", op, actor, body=nulled, expected=(422,))
        broken = b'{"not": "finished"'
        self._send(f"{label} malformed JSON", op, actor, raw=broken, expected=(400,))
        unknown = {**body, "not_a_field": 1}
        self._send(f"{label} unknown key", op, actor, body=unknown, expected=(422,))

    def _unauthenticated(self, resource: Resource) -> None:
        for op in resource.operations:
            if op.kind in ("list", "create") and not op.public and op.security:
                body = self._body(resource, 4, 0) if op.kind == "create" else None
                if op.kind == "create" and body is None:
                    continue
                self._send(
                    f"{op.kind} {resource.entity} without a token",
                    op,
                    None,
                    body=body,
                    expected=(401,),
                )

    def _forbidden(self, resource: Resource) -> None:
        op = _op(resource, "create")
        if op is None or op.public:
            return
        for user in self.users:
            if not self._may(op, user):
                body = self._body(resource, 5, 0)
                if body is not None:
                    check = f"create {resource.entity} as {user.role}"
                    self._send(check, op, user, body=body, expected=(403,))
                return

    def _unique(self, resource: Resource) -> None:
        op = _op(resource, "create")
        rows = self.rows[resource.entity]
        if op is None or resource.create is None:
            return
        actor = self._actor(op, rows[0].creator)
        for f in resource.create.fields:
            if f.unique and f.type != "id" and actor is not None and f.name in rows[0].body:
                body = self._body(resource, 6, 0)
                if body is not None:
                    body[f.name] = rows[0].body[f.name]
                    check = f"create {resource.entity} duplicate {f.name}"
                    self._send(check, op, actor, body=body, expected=(409,))
                return

    def _update(self, resource: Resource, op: Operation, row: Row) -> None:
        actor = self._actor(op, row.creator)
        if actor is None:
            return
        label = f"update {resource.entity}"
        body: dict[str, Any] = {}
        for f in resource.update.fields:
            if f.name == "version" or f.type in ("id", "ref") or f.many or f.write_roles:
                continue
            # A value that differs from the row's, so that the update changes the row.
            values = [self._value(f, n, 0) for n in (7, 8)]
            value = next((v for v in values if v != row.body.get(f.name)), _Omit)
            if value is not _Omit and not f.unique:
                body[f.name] = value
                break
        version = row.body.get("version")
        if resource.optimistic_lock:
            body["version"] = version
        answer = self._send(label, op, actor, row=row.id, body=body, expected=(200,))
        if answer.status == 200:
            self._check_read_body(resource, answer)
        if resource.optimistic_lock and isinstance(version, int):
            self._next_version(answer, version)
            # The same values again change nothing, yet answer the next version too.
            again = {**body, "version": version + 1}
            unchanged = self._send(
                f"{label} unchanged", op, actor, row=row.id, body=again, expected=(200,)
            )
            self._next_version(unchanged, version + 1)
        if resource.optimistic_lock:
            self._send(f"{label} stale version", op, actor, row=row.id, body=body, expected=(409,))

    def _next_version(self, answer: Answer, sent: int) -> None:
        """An update of a versioned row answers the version it was sent plus one."""
        got = answer.body.get("version") if isinstance(answer.body, dict) else None
        if answer.status == 200 and got != sent + 1:
            self.http.flag(f"version: sent {sent}, answered {got!r}, not {sent + 1}")

    # --- delete ----------------------------------------------------------------------

    def _delete_last(self, resource: Resource) -> None:
        op, read = _op(resource, "delete"), _op(resource, "read")
        row = self.rows[resource.entity][-1]
        actor = self._actor(op, row.creator) if op is not None else None
        if op is None or actor is None:
            return
        label = f"delete {resource.entity}"
        wanted = (409,) if self._held_by_soft_deleted(resource) else (op.status,)
        answer = self._send(label, op, actor, row=row.id, expected=wanted)
        if read is not None and answer.status == op.status:
            reader = self._actor(read, row.creator) or actor
            self._send(f"{label} then read", read, reader, row=row.id, expected=(404,))
            listing = _op(resource, "list")
            lister = self._actor(listing, row.creator) if listing is not None else None
            if listing is not None and lister is not None:
                seen = self._send(f"{label} then list", listing, lister, expected=(200,))
                if any(i.get("id") == row.id for i in items_of(seen)):
                    self.http.flag("a deleted row is still listed")

    def _held_by_soft_deleted(self, resource: Resource) -> bool:
        """A soft-deleted row of another entity still points at the last row through a
        ``restrict`` foreign key: the database refuses the delete (409)."""
        for entity in self.spec.entities:
            if not entity.soft_delete or len(self.rows.get(entity.name, ())) < ROWS:
                continue
            for f in entity.fields:
                if f.target == resource.entity and f.has_column and f.on_delete == "restrict":
                    last = self.rows[entity.name][-1].body.get(f"{f.name}_id")
                    if last == self.rows[resource.entity][-1].id:
                        return True
        return False


class _OmitType:
    """No value can be sent for this key."""


_Omit: Any = _OmitType()
