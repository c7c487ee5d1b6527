"""Behaviour of every resource: CRUD, validation, access, ownership, lists and actions."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories

MISSING = object()
ROLES: tuple[str, ...] = []
DEFAULT_ROLE = ""
AUTH = False
OWNED_FACTORIES = {}
TENANT_FACTORY = None


def tenant_values(field: str, user: Any) -> dict[str, Any]:
    """``{field: the user's tenant}`` for a tenant-scoped factory (``field`` not empty)."""
    del field, user
    return {}


def parent_id(parent: str, tenant: str, user: Any) -> int:
    """The id of a new ``parent`` row (owned by ``user``, in its tenant)."""
    make = getattr(factories, f"make_{parent}")
    extra = tenant_values(tenant, user)
    return int((make(owner=user, **extra) if parent in OWNED_FACTORIES else make(**extra)).pk)


def _payload(name: str, user: Any) -> dict[str, Any]:
    """A valid create body for resource ``name``; parent rows are made for it."""
    res = RESOURCES[name]
    body = dict(res["payload"])
    for key, parent, tenant in res["parents"]:
        body[key] = parent_id(parent, tenant, user)
    return body


RESOURCES: dict[str, dict[str, Any]] = {
    "album": {
        "path": "/albums",
        "make": factories.make_album,
        "owned": False,
        "single": False,
        "model": factories.models.Album,
        "owner_field": None,
        "payload": {
            "title": "title 100003",
        },
        "parents": [("artist_id", "artist", "")],
        "update": {
            "title": "title 7",
        },
        "invalid": [
            ("required", "title", MISSING),
            (
                "max_length",
                "title",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
            ("id_type", "artist_id", "one"),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "artist": {
        "path": "/artists",
        "make": factories.make_artist,
        "owned": False,
        "single": False,
        "model": factories.models.Artist,
        "owner_field": None,
        "payload": {
            "name": "name 100003",
        },
        "parents": [],
        "update": {
            "name": "name 7",
        },
        "invalid": [
            (
                "max_length",
                "name",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "customer": {
        "path": "/customers",
        "make": factories.make_customer,
        "owned": False,
        "single": False,
        "model": factories.models.Customer,
        "owner_field": None,
        "payload": {
            "first_name": "first name 100003",
            "last_name": "last name 100003",
            "company": "company 100003",
            "address": "address 100003",
            "city": "city 100003",
            "state": "state 100003",
            "country": "country 100003",
            "postal_code": "100003xxxx",
            "phone": "phone 100003",
            "fax": "fax 100003",
            "email": "email 100003",
        },
        "parents": [],
        "update": {
            "first_name": "first name 7",
        },
        "invalid": [
            ("required", "first_name", MISSING),
            ("max_length", "first_name", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            ("id_type", "support_rep_id", "one"),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "employee": {
        "path": "/employees",
        "make": factories.make_employee,
        "owned": False,
        "single": False,
        "model": factories.models.Employee,
        "owner_field": None,
        "payload": {
            "last_name": "last name 100003",
            "first_name": "first name 100003",
            "title": "title 100003",
            "birth_date": "2024-01-16T12:00:00Z",
            "hire_date": "2024-01-16T12:00:00Z",
            "address": "address 100003",
            "city": "city 100003",
            "state": "state 100003",
            "country": "country 100003",
            "postal_code": "100003xxxx",
            "phone": "phone 100003",
            "fax": "fax 100003",
            "email": "email 100003",
        },
        "parents": [],
        "update": {
            "last_name": "last name 7",
        },
        "invalid": [
            ("required", "last_name", MISSING),
            ("max_length", "last_name", "xxxxxxxxxxxxxxxxxxxxx"),
            ("id_type", "reports_to_id", "one"),
            ("date", "birth_date", "not-a-date"),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "genre": {
        "path": "/genres",
        "make": factories.make_genre,
        "owned": False,
        "single": False,
        "model": factories.models.Genre,
        "owner_field": None,
        "payload": {
            "name": "name 100003",
        },
        "parents": [],
        "update": {
            "name": "name 7",
        },
        "invalid": [
            (
                "max_length",
                "name",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "invoice": {
        "path": "/invoices",
        "make": factories.make_invoice,
        "owned": False,
        "single": False,
        "model": factories.models.Invoice,
        "owner_field": None,
        "payload": {
            "invoice_date": "2024-01-16T12:00:00Z",
            "billing_address": "billing address 100003",
            "billing_city": "billing city 100003",
            "billing_state": "billing state 100003",
            "billing_country": "billing country 100003",
            "billing_postal_code": "100003xxxx",
            "total": "1.00",
        },
        "parents": [("customer_id", "customer", "")],
        "update": {
            "invoice_date": "2024-01-08T12:00:00Z",
        },
        "invalid": [
            ("id_type", "customer_id", "one"),
            ("required", "invoice_date", MISSING),
            ("date", "invoice_date", "not-a-date"),
            (
                "max_length",
                "billing_address",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
            ("decimal_type", "total", 1.5),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "invoice_line": {
        "path": "/invoice-lines",
        "make": factories.make_invoice_line,
        "owned": False,
        "single": False,
        "model": factories.models.InvoiceLine,
        "owner_field": None,
        "payload": {
            "unit_price": "1.00",
            "quantity": 100004,
        },
        "parents": [("invoice_id", "invoice", ""), ("track_id", "track", "")],
        "update": {
            "unit_price": "1.00",
        },
        "invalid": [
            ("id_type", "invoice_id", "one"),
            ("required", "unit_price", MISSING),
            ("decimal_type", "unit_price", 1.5),
            ("int_type", "quantity", "12"),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "media_type": {
        "path": "/media-types",
        "make": factories.make_media_type,
        "owned": False,
        "single": False,
        "model": factories.models.MediaType,
        "owner_field": None,
        "payload": {
            "name": "name 100003",
        },
        "parents": [],
        "update": {
            "name": "name 7",
        },
        "invalid": [
            (
                "max_length",
                "name",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "playlist": {
        "path": "/playlists",
        "make": factories.make_playlist,
        "owned": False,
        "single": False,
        "model": factories.models.Playlist,
        "owner_field": None,
        "payload": {
            "name": "name 100003",
        },
        "parents": [],
        "update": {
            "name": "name 7",
        },
        "invalid": [
            (
                "max_length",
                "name",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "playlist_track": {
        "path": "/playlist-tracks",
        "make": factories.make_playlist_track,
        "owned": False,
        "single": False,
        "model": factories.models.PlaylistTrack,
        "owner_field": None,
        "payload": {},
        "parents": [("playlist_id", "playlist", ""), ("track_id", "track", "")],
        "update": {},
        "invalid": [
            ("id_type", "playlist_id", "one"),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
    "track": {
        "path": "/tracks",
        "make": factories.make_track,
        "owned": False,
        "single": False,
        "model": factories.models.Track,
        "owner_field": None,
        "payload": {
            "name": "name 100003",
            "composer": "composer 100003",
            "milliseconds": 100004,
            "bytes": 100004,
            "unit_price": "1.00",
        },
        "parents": [("media_type_id", "media_type", "")],
        "update": {
            "name": "name 7",
        },
        "invalid": [
            ("required", "name", MISSING),
            (
                "max_length",
                "name",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ),
            ("id_type", "album_id", "one"),
            ("int_type", "milliseconds", "12"),
            ("decimal_type", "unit_price", 1.5),
        ],
        "unique": None,
        "ops": {
            "list": ("anyone",),
            "create": ("anyone",),
            "read": ("anyone",),
            "update": ("anyone",),
            "delete": ("anyone",),
        },
        "actions": [],
        "pagination": "offset",
        "max_size": 100,
        "filters": [],
        "search": [],
        "sort": (),
        "soft_delete": False,
        "lock": False,
        "tenant": "",
        "is_user": False,
        "unread": (),
        "cyclic": False,
    },
}
NAMES = sorted(RESOURCES)


def role_for(principals: tuple[str, ...]) -> str:
    """A role the operation admits (the default role when it admits any caller)."""
    return next((p for p in principals if p in ROLES), DEFAULT_ROLE)


def role_without(principals: tuple[str, ...]) -> str | None:
    return next((r for r in ROLES if r not in principals), None)


def may(role: str, principals: tuple[str, ...], owns: bool) -> bool:
    return bool(
        {"anyone", "authenticated"} & set(principals)
        or role in principals
        or (owns and "owner" in principals)
    )


def make_row(name: str, user: Any) -> Any:
    """A row owned by ``user`` and in its tenant (a fresh owner when each user may own only
    one; the user itself for the user resource)."""
    res = RESOURCES[name]
    if res["is_user"]:
        return user
    extra = tenant_values(res["tenant"], user)
    if not res["owned"]:
        return res["make"](**extra)
    if res["single"] and res["model"].objects.filter(**{res["owner_field"]: user.pk}).exists():
        return res["make"](**extra)
    return res["make"](owner=user, **extra)


def signed_in(name: str, kind: str, user_with: Any, client_for: Any) -> tuple[Any, Any]:
    user = user_with(role_for(RESOURCES[name]["ops"][kind]))
    return user, client_for(user)


def item_path(name: str, pk: int) -> str:
    return f"{RESOURCES[name]['path']}/{pk}"


def _query_value(row: Any, source: str, kind: str) -> str | None:
    value = getattr(row, f"{source}_id" if kind == "id" else source)
    if value is None:
        return None
    if kind == "bool":
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


CREATABLE = [n for n in NAMES if "create" in RESOURCES[n]["ops"]]
INVALID = [
    (n, label, key, value) for n in CREATABLE for label, key, value in RESOURCES[n]["invalid"]
]
FILTERS = [(n, p, kind, source) for n in NAMES for p, kind, source in RESOURCES[n]["filters"]]
SEARCHES = [(n, field) for n in NAMES for field, _ in RESOURCES[n]["search"]]
SORTS = [(n, key) for n in NAMES for key in RESOURCES[n]["sort"]]
ACTIONS = [(n, *a) for n in NAMES for a in RESOURCES[n]["actions"]]
PROTECTED = [
    (n, kind)
    for n in NAMES
    for kind, principals in RESOURCES[n]["ops"].items()
    if "anyone" not in principals
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_list_answers_the_envelope(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "list", user_with, client_for)
    make_row(name, user)
    make_row(name, user)
    answer = client.get(RESOURCES[name]["path"])
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    expected = {"offset": {"items", "total", "page", "size"}, "cursor": {"items", "next_cursor"}}
    assert set(body) == expected.get(RESOURCES[name]["pagination"], {"items"})
    assert len(body["items"]) >= (1 if RESOURCES[name]["single"] else 2)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATABLE)
def test_create_answers_the_new_row(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    payload = _payload(name, user)
    answer = client.post(RESOURCES[name]["path"], payload, format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["id"] >= 1
    for key, value in payload.items():
        if key not in RESOURCES[name]["unread"]:
            assert body[key] == value


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATABLE)
def test_create_rejects_unknown_keys(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    payload = {**_payload(name, user), "no_such_key": 1}
    answer = client.post(RESOURCES[name]["path"], payload, format="json")
    assert answer.status_code == 422
    assert {"field": "no_such_key", "message": "Unknown field."} in answer.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "label", "key", "value"), INVALID)
def test_create_rejects_invalid_values(
    name: str, label: str, key: str, value: Any, user_with: Any, client_for: Any
) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    payload = _payload(name, user)
    if value is MISSING:
        payload.pop(key, None)
    else:
        payload[key] = value
    answer = client.post(RESOURCES[name]["path"], payload, format="json")
    assert answer.status_code == 422, (label, answer.json())
    assert any(e["field"].split(".")[0] == key for e in answer.json()["errors"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in CREATABLE if RESOURCES[n]["unique"]])
def test_create_duplicate_unique_value_conflicts(
    name: str, user_with: Any, client_for: Any
) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    payload = _payload(name, user)
    assert client.post(RESOURCES[name]["path"], payload, format="json").status_code == 201
    again = client.post(RESOURCES[name]["path"], payload, format="json")
    assert again.status_code == 409
    assert again.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in CREATABLE if RESOURCES[n]["parents"]])
def test_create_with_a_missing_parent_conflicts(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    payload = _payload(name, user)
    payload[RESOURCES[name]["parents"][0][0]] = 2**40
    answer = client.post(RESOURCES[name]["path"], payload, format="json")
    assert answer.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATABLE)
def test_create_needs_a_json_object(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "create", user_with, client_for)
    assert client.post(RESOURCES[name]["path"]).status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_read_answers_the_row_or_404(name: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "read", user_with, client_for)
    row = make_row(name, user)
    answer = client.get(item_path(name, row.pk))
    assert answer.status_code == 200
    assert answer.json()["id"] == row.pk
    assert str(row)
    assert client.get(item_path(name, 2**40)).status_code == 404
    assert client.get(item_path(name, 2**64)).status_code == 404
    assert client.get(f"{RESOURCES[name]['path']}/not-a-number").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_update_changes_the_row(name: str, user_with: Any, client_for: Any) -> None:
    res = RESOURCES[name]
    user, client = signed_in(name, "update", user_with, client_for)
    row = make_row(name, user)
    payload = dict(res["update"])
    if res["lock"]:
        payload["version"] = row.version
    answer = client.patch(item_path(name, row.pk), payload, format="json")
    assert answer.status_code == 200, answer.json()
    for key, value in res["update"].items():
        assert answer.json()[key] == value
    if res["lock"]:
        assert answer.json()["version"] == row.version + 1
        stale = client.patch(item_path(name, row.pk), payload, format="json")
        assert stale.status_code == 409
    bad = client.patch(item_path(name, row.pk), {"no_such_key": 1}, format="json")
    assert bad.status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_delete_removes_the_row(name: str, user_with: Any, client_for: Any) -> None:
    res = RESOURCES[name]
    user, client = signed_in(name, "delete", user_with, client_for)
    row = make_row(name, user)
    answer = client.delete(item_path(name, row.pk))
    if res["cyclic"] and answer.status_code == 409:  # its partner in a cycle still needs it
        assert type(row).objects.filter(pk=row.pk).exists()
        return
    assert answer.status_code == 204
    if res["is_user"]:  # a deleted account's credentials are refused
        assert client.get(item_path(name, row.pk)).status_code == 401
        return
    model = type(row)
    if res["soft_delete"]:
        assert model.objects.get(pk=row.pk).deleted_at is not None
    else:
        assert not model.objects.filter(pk=row.pk).exists()
    if may(user.role if AUTH else "", res["ops"]["read"], res["owned"]):
        assert client.get(item_path(name, row.pk)).status_code == 404
    assert client.delete(item_path(name, row.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), PROTECTED)
def test_anonymous_callers_must_sign_in(name: str, kind: str, user_with: Any, api: Any) -> None:
    owner = user_with(DEFAULT_ROLE)
    row = make_row(name, owner)
    path = RESOURCES[name]["path"] if kind in ("list", "create") else item_path(name, row.pk)
    method = {"list": "get", "create": "post", "read": "get", "update": "patch", "delete": "delete"}
    answer = getattr(api, method[kind])(path, {}, format="json")
    assert answer.status_code == 401
    assert answer.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind"), PROTECTED)
def test_roles_without_access_are_forbidden(
    name: str, kind: str, user_with: Any, client_for: Any
) -> None:
    principals = RESOURCES[name]["ops"][kind]
    role = role_without(principals)
    if role is None or {"authenticated", "owner", "tenant"} & set(principals):
        pytest.skip("every signed-in caller may try this operation")
    user = user_with(role)
    row = make_row(name, user_with(DEFAULT_ROLE))
    path = RESOURCES[name]["path"] if kind in ("list", "create") else item_path(name, row.pk)
    method = {"list": "get", "create": "post", "read": "get", "update": "patch", "delete": "delete"}
    answer = getattr(client_for(user), method[kind])(path, {}, format="json")
    assert answer.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in NAMES if RESOURCES[n]["owned"]])
def test_other_users_rows_are_hidden(name: str, user_with: Any, client_for: Any) -> None:
    principals = RESOURCES[name]["ops"]["read"]
    role = role_without(principals)
    if role is None or "owner" not in principals or {"anyone", "authenticated"} & set(principals):
        pytest.skip("rows of this resource are not private to their owner")
    alice, bob = user_with(role), user_with(role)
    row = make_row(name, alice)
    assert client_for(alice).get(item_path(name, row.pk)).status_code == 200
    assert client_for(bob).get(item_path(name, row.pk)).status_code == 404
    delete = RESOURCES[name]["ops"].get("delete", ())
    if not ({"anyone", "authenticated", role} & set(delete)):
        assert client_for(bob).delete(item_path(name, row.pk)).status_code in (403, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_pages_are_bounded(name: str, user_with: Any, client_for: Any) -> None:
    res = RESOURCES[name]
    user, client = signed_in(name, "list", user_with, client_for)
    for _ in range(3):
        make_row(name, user)
    path = res["path"]
    if res["pagination"] == "none":
        assert len(client.get(path).json()["items"]) >= 3
        return
    assert client.get(path, {"size": res["max_size"] + 1}).status_code == 422
    assert client.get(path, {"size": "x"}).status_code == 422
    if res["single"]:
        return
    first = client.get(path, {"size": 1}).json()
    assert len(first["items"]) == 1
    if res["pagination"] == "offset":
        assert first["total"] >= 3 and first["page"] == 1 and first["size"] == 1
        second = client.get(path, {"size": 1, "page": 2}).json()
        assert second["items"][0]["id"] > first["items"][0]["id"]
        assert client.get(path, {"page": 0}).status_code == 422
        assert client.get(path, {"page": 10**6}).json()["items"] == []
    else:
        assert first["next_cursor"]
        second = client.get(path, {"size": 1, "cursor": first["next_cursor"]}).json()
        assert second["items"][0]["id"] > first["items"][0]["id"]
        assert client.get(path, {"cursor": "!!"}).status_code == 422  # not one we gave
        assert client.get(path, {"cursor": "x" * 513}).status_code == 422
        everything = client.get(path, {"size": res["max_size"]}).json()
        assert everything["next_cursor"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "param", "kind", "source"), FILTERS)
def test_filters_select_matching_rows(
    name: str, param: str, kind: str, source: str, user_with: Any, client_for: Any
) -> None:
    user, client = signed_in(name, "list", user_with, client_for)
    row = make_row(name, user)
    value = _query_value(row, source, kind)
    if value is not None:
        answer = client.get(RESOURCES[name]["path"], {param: value})
        assert answer.status_code == 200, answer.json()
        assert row.pk in [item["id"] for item in answer.json()["items"]]
    if kind not in ("string", "text", "email", "url", "uuid"):
        assert client.get(RESOURCES[name]["path"], {param: "\x01bad"}).status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "field"), SEARCHES)
def test_search_finds_substrings(name: str, field: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "list", user_with, client_for)
    row = make_row(name, user)
    text = getattr(row, field)
    if not text:
        text = "Needle in the haystack"
        type(row).objects.filter(pk=row.pk).update(**{field: text})
    answer = client.get(RESOURCES[name]["path"], {"q": text[1:4].upper()})
    assert answer.status_code == 200
    assert row.pk in [item["id"] for item in answer.json()["items"]]
    assert client.get(RESOURCES[name]["path"], {"q": "x" * 300}).status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "key"), SORTS)
def test_sort_orders_rows(name: str, key: str, user_with: Any, client_for: Any) -> None:
    user, client = signed_in(name, "list", user_with, client_for)
    make_row(name, user)
    make_row(name, user)
    path = RESOURCES[name]["path"]
    up = client.get(path, {"sort": key})
    down = client.get(path, {"sort": f"-{key}"})
    assert up.status_code == 200 and down.status_code == 200
    assert client.get(path, {"sort": "no_such_key"}).status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "action", "path", "method"), ACTIONS)
def test_actions_answer(
    name: str, action: str, path: str, method: str, user_with: Any, client_for: Any
) -> None:
    from api import resources

    op = getattr(resources, name.upper()).actions[action].op
    user = user_with(role_for(op.principals))
    client = client_for(user)
    row = make_row(name, user)
    url = path.format(pk=row.pk)
    headers = {"HTTP_IDEMPOTENCY_KEY": "key-1"} if op.idempotent else {}
    answer = getattr(client, method)(url, **headers)
    assert answer.status_code == 200, answer.json()
    if "{pk}" in path:
        assert answer.json()["id"] == row.pk
    else:
        assert answer.json()["detail"]
    if op.idempotent:
        assert getattr(client, method)(url, **headers).json() == answer.json()
        too_long = {"HTTP_IDEMPOTENCY_KEY": "k" * 300}
        assert getattr(client, method)(url, **too_long).status_code == 422
