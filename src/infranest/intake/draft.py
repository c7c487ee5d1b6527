"""The draft: what intake believes so far, and how it becomes a valid spec."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from infranest.intake.features import integrations, ml_model
from infranest.spec.builtins import USER, finalize
from infranest.spec.diagnostics import Diagnostic, warning
from infranest.spec.model import (
    AccessRule,
    Action,
    Auth,
    AuthMethod,
    Database,
    Entity,
    EnumDef,
    FieldDef,
    Project,
    Spec,
    Target,
    Tenancy,
)
from infranest.spec.names import to_snake
from infranest.spec.validate import validate

_FIELD_PATH = re.compile(r"^entities\[(\w+)\]\.fields\[(\w+)\]")
_SEARCHABLE = frozenset({"string", "text", "email"})


@dataclass
class DraftEntity:
    """An entity intake means to write; ``origin`` says why (kb, implied, text, unknown)."""

    name: str
    fields: list[FieldDef]
    enums: list[EnumDef] = field(default_factory=list)
    description: str | None = None
    origin: str = "kb"
    search: list[str] = field(default_factory=list)
    filter: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    tenancy: bool = False


@dataclass
class Draft:
    """The whole draft: project settings, features and entities, in the order found."""

    text: str
    name: str
    description: str | None = None
    domain: str | None = None
    entities: dict[str, DraftEntity] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    auth: tuple[AuthMethod, ...] = ("jwt",)
    providers: tuple[str, ...] = ()
    database: Database = "postgresql"
    target: Target | None = None
    tenancy: str | None = None
    features: set[str] = field(default_factory=set)
    payment_provider: str | None = "stripe"
    ml_task: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def auth_enabled(self) -> bool:
        return any(m != "none" for m in self.auth)


def to_spec(draft: Draft) -> tuple[Spec, tuple[Diagnostic, ...]]:
    """The spec the draft describes, with the warnings found while making it valid.

    Relations to entities the draft does not hold are left out; a part the validator still
    rejects is dropped with a warning, so the result always validates without errors.
    """
    names = set(draft.entities)
    entities = _with_upload([_entity(draft, e, names) for e in draft.entities.values()], draft)
    enums = _enums(draft, entities)
    auth = Auth(methods=draft.auth, providers=draft.providers)
    tenancy = Tenancy(entity=draft.tenancy) if draft.tenancy in names else None
    project = Project(
        name=to_snake(draft.name) or "app",
        description=draft.description,
        auth=auth,
        roles=tuple(draft.roles) if draft.auth_enabled else (),
        database=draft.database,
        target=draft.target,
        tenancy=tenancy if draft.auth_enabled else None,
    )
    spec = Spec(project=project, enums=enums, entities=tuple(entities))
    spec = spec.model_copy(
        update={"integrations": integrations(draft, spec), "models": ml_model(draft, spec)}
    )
    spec, found = _repaired(finalize(spec))
    return spec, _unsupported(draft) + found


def _unsupported(draft: Draft) -> tuple[Diagnostic, ...]:
    if "realtime" not in draft.features:
        return ()
    return (
        warning(
            "intake-unsupported",
            "real-time updates (websockets, live feeds) cannot be expressed in the spec yet; "
            "this draft leaves them out",
        ),
    )


def _entity(draft: Draft, ent: DraftEntity, names: set[str]) -> Entity:
    fields: list[FieldDef] = []
    has_owner = False
    tenancy = draft.tenancy if draft.auth_enabled and draft.tenancy in names else None
    for f in ent.fields:
        kept = _kept_field(draft, f, names, has_owner)
        if kept is None or any(k.name == kept.name for k in fields):
            continue
        if tenancy is not None and kept.target == tenancy and kept.cardinality == "many_to_one":
            kept = kept.model_copy(update={"tenant": True, "optional": False})
        has_owner = has_owner or kept.owner
        fields.append(kept)
    if tenancy is not None and ent.name != tenancy and not any(f.tenant for f in fields):
        tenant_field = FieldDef(
            name=to_snake(tenancy),
            type="relation",
            target=tenancy,
            cardinality="many_to_one",
            on_delete="cascade",
            tenant=True,
        )
        if all(f.name != tenant_field.name for f in fields):
            fields.insert(0, tenant_field)
    if not fields:
        fields.append(FieldDef(name="name", type="string", length=120))
    by_name = {f.name: f for f in fields}
    return Entity(
        name=ent.name,
        description=ent.description,
        fields=tuple(fields),
        search=tuple(n for n in ent.search if n in by_name and by_name[n].type in _SEARCHABLE),
        filter=tuple(
            n for n in ent.filter if n in by_name and by_name[n].cardinality != "many_to_many"
        ),
        timestamps=True,
        access=_access(draft, has_owner),
        actions=_actions(draft, ent, has_owner),
    )


def _with_upload(entities: list[Entity], draft: Draft) -> list[Entity]:
    """Uploads asked for and no file field anywhere: the first entity gets an attachment."""
    if "uploads" not in draft.features or not entities:
        return entities
    if any(f.type == "file" for e in entities for f in e.fields):
        return entities
    first = entities[0]
    if first.field("attachment") is not None:
        return entities
    attachment = FieldDef(name="attachment", type="file", optional=True)
    return [first.model_copy(update={"fields": (*first.fields, attachment)}), *entities[1:]]


def _kept_field(draft: Draft, f: FieldDef, names: set[str], has_owner: bool) -> FieldDef | None:
    if f.type != "relation":
        return f
    if f.target == USER:
        if not draft.auth_enabled:
            return None
        return f.model_copy(update={"owner": False}) if has_owner and f.owner else f
    return f if f.target in names else None


def _access(draft: Draft, has_owner: bool) -> tuple[AccessRule, ...]:
    if not draft.auth_enabled:
        return ()
    staff = tuple(r for r in ("admin", "staff") if r in draft.roles) or ("authenticated",)
    if has_owner:
        return (
            AccessRule(operations=("read", "list"), principals=("authenticated",)),
            AccessRule(operations=("create",), principals=("authenticated",)),
            AccessRule(operations=("update", "delete"), principals=("owner", *staff)),
        )
    return (
        AccessRule(operations=("read", "list"), principals=("anyone",)),
        AccessRule(operations=("write",), principals=staff),
    )


def _actions(draft: Draft, ent: DraftEntity, has_owner: bool) -> tuple[Action, ...]:
    if not draft.auth_enabled:
        return tuple(Action(name=a) for a in ent.actions)
    who = ("owner", "admin") if has_owner and "admin" in draft.roles else ("authenticated",)
    return tuple(Action(name=a, allow=who) for a in ent.actions)


def _enums(draft: Draft, entities: list[Entity]) -> tuple[EnumDef, ...]:
    used = {f.enum for e in entities for f in e.fields if f.enum}
    found: dict[str, EnumDef] = {}
    for ent in draft.entities.values():
        for en in ent.enums:
            if en.name in used:
                found.setdefault(en.name, en)
    return tuple(found.values())


def _repaired(spec: Spec) -> tuple[Spec, tuple[Diagnostic, ...]]:
    """Drop fields the validator rejects (at most a few rounds); keep its warnings."""
    dropped: list[Diagnostic] = []
    found = validate(spec)
    for _ in range(5):
        errors = [d for d in found if d.is_error]
        if not errors:
            break
        spec = _drop_fields(spec, errors, dropped)
        found = validate(spec)
    return spec, tuple(dropped) + tuple(d for d in found if not d.is_error)


def _drop_fields(spec: Spec, errors: list[Diagnostic], dropped: list[Diagnostic]) -> Spec:
    doomed: dict[str, set[str]] = {}
    for d in errors:
        match = _FIELD_PATH.match(d.path or "")
        if match:
            doomed.setdefault(match.group(1), set()).add(match.group(2))
            dropped.append(
                warning(
                    "intake-dropped-field",
                    f"left out {match.group(1)}.{match.group(2)}: {d.message}",
                    path=d.path,
                )
            )
    if not doomed:
        raise ValueError("intake produced an invalid spec: " + "; ".join(e.message for e in errors))
    entities = tuple(
        e.model_copy(
            update={
                "fields": tuple(f for f in e.fields if f.name not in doomed.get(e.name, set())),
                "search": tuple(n for n in e.search if n not in doomed.get(e.name, set())),
                "filter": tuple(n for n in e.filter if n not in doomed.get(e.name, set())),
            }
        )
        for e in spec.entities
    )
    return spec.model_copy(update={"entities": entities})
