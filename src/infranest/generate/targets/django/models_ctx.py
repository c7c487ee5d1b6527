"""The Django models and the initial migration of a spec, as code strings for templates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake

USER = "User"
ON_DELETE = {
    "cascade": "CASCADE",
    "restrict": "PROTECT",
    "set_null": "SET_NULL",
    "set_default": "SET_DEFAULT",
    "no_action": "PROTECT",
}
_SIMPLE = {
    "text": "TextField",
    "int": "IntegerField",
    "bigint": "BigIntegerField",
    "float": "FloatField",
    "bool": "BooleanField",
    "date": "DateField",
    "datetime": "DateTimeField",
    "time": "TimeField",
    "uuid": "UUIDField",
    "json": "JSONField",
}


@dataclass(frozen=True)
class Column:
    """One model field: its code in ``models.py`` and in the migration."""

    name: str
    model: str
    migration: str


@dataclass
class ModelCtx:
    name: str
    entity: Entity
    is_user: bool
    columns: list[Column] = field(default_factory=list)
    relations: list[Column] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EnumCtx:
    name: str
    members: tuple[tuple[str, str, str], ...]
    max_length: int

    @property
    def choices(self) -> str:
        return "[" + ", ".join(f"({v!r}, {label!r})" for _, v, label in self.members) + "]"


def enums_of(spec: Spec) -> list[EnumCtx]:
    found = []
    for enum in spec.enums:
        members = tuple(
            (to_snake(v.name).upper() or "EMPTY", v.name, v.label or v.name.replace("_", " "))
            for v in enum.values
        )
        found.append(EnumCtx(enum.name, members, max(len(v.name) for v in enum.values)))
    return found


def _kw(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{k}={v}" for k, v in pairs)


def _default(spec: Spec, f: FieldDef) -> str | None:
    d = f.default
    if d is None:
        return None
    if d.kind == "now":
        return "django.utils.timezone.now"
    if d.kind == "today":
        return "datetime.date.today"
    if d.kind == "uuid":
        return "uuid.uuid4"
    if d.kind == "null":
        return "None"
    if f.type == "decimal":
        return f"decimal.Decimal({str(d.value)!r})"
    if f.type == "float" and d.value is not None and not isinstance(d.value, bool):
        return repr(float(d.value))
    return repr(d.value)


def decimal_digits(f: FieldDef) -> tuple[int, int]:
    if f.precision is None:
        return 28, 10
    return f.precision, f.scale or 0


def _scalar(spec: Spec, f: FieldDef) -> tuple[str, list[tuple[str, str]], str | None]:
    """The field class, its kwargs, and the enum whose choices it takes."""
    if f.type == "string":
        return "CharField", [("max_length", str(f.length or DEFAULT_STRING_LENGTH))], None
    if f.type == "email":
        return "EmailField", [("max_length", str(f.max_length or EMAIL_MAX_LENGTH))], None
    if f.type in ("url", "file"):
        size = f.max_length if f.type == "url" and f.max_length else URL_MAX_LENGTH
        return "URLField", [("max_length", str(size))], None
    if f.type == "decimal":
        digits, places = decimal_digits(f)
        return "DecimalField", [("decimal_places", str(places)), ("max_digits", str(digits))], None
    if f.type == "enum" and f.enum is not None:
        enum = spec.enum_def(f.enum)
        size = max((len(v.name) for v in enum.values), default=1) if enum else 64
        return "CharField", [("max_length", str(size))], f.enum
    return _SIMPLE.get(f.type, "TextField"), [], None


def _column(spec: Spec, f: FieldDef, enums: dict[str, EnumCtx]) -> Column:
    cls, kwargs, enum = _scalar(spec, f)
    model_kw = list(kwargs)
    mig_kw = list(kwargs)
    if enum is not None and enum in enums:
        model_kw.append(("choices", f"{enum}.choices"))
        mig_kw.append(("choices", enums[enum].choices))
    extra: list[tuple[str, str]] = []
    default = _default(spec, f)
    if default is not None:
        extra.append(("default", default))
    if f.optional:
        extra.append(("null", "True"))
    if f.unique:
        extra.append(("unique", "True"))
    elif f.index:
        extra.append(("db_index", "True"))
    model = f"models.{cls}({_kw(model_kw + extra)})"
    migration = f"models.{cls}({_kw(mig_kw + extra)})"
    return Column(f.name, model, migration)


def _reverse_name(spec: Spec, entity: Entity, f: FieldDef) -> str:
    """The target's field that reads this relation backwards, or ``+`` for none."""
    target = spec.entity(f.target or "")
    if target is None:
        return "+"
    for other in target.fields:
        if (
            other.type == "relation"
            and other.target == entity.name
            and other.via == f.name
            and other is not f
        ):
            return other.name
    return "+"


def m2m_partner(spec: Spec, entity: Entity, f: FieldDef) -> FieldDef | None:
    """The many_to_many field on the target that is the other side of ``f``, if any."""
    target = spec.entity(f.target or "")
    if target is None:
        return None
    for other in target.fields:
        if other.cardinality != "many_to_many" or other.target != entity.name or other is f:
            continue
        if f.via == other.name or other.via == f.name:
            return other
    return None


def m2m_holder(spec: Spec, entity: Entity, f: FieldDef) -> bool:
    """Whether ``f`` declares the table of its many_to_many pair (the smaller name does)."""
    partner = m2m_partner(spec, entity, f)
    if partner is None:
        return True
    return (entity.name, f.name) <= (f.target or "", partner.name)


def _target_ref(spec: Spec, f: FieldDef, *, migration: bool) -> str:
    if f.target == USER and spec.project.auth.enabled:
        return "settings.AUTH_USER_MODEL"
    return repr(f"api.{(f.target or '').lower()}") if migration else repr(f.target)


def _relation(spec: Spec, entity: Entity, f: FieldDef) -> Column | None:
    if f.cardinality == "many_to_many":
        if not m2m_holder(spec, entity, f):
            return None
        partner = m2m_partner(spec, entity, f)
        related = partner.name if partner is not None else "+"
        extra = [("related_name", repr(related))]
        if f.target == entity.name:
            extra.append(("symmetrical", "False"))
        model = f"models.ManyToManyField({_target_ref(spec, f, migration=False)}, {_kw(extra)})"
        mig = f"models.ManyToManyField({_kw(extra)}, to={_target_ref(spec, f, migration=True)})"
        return Column(f.name, model, mig)
    if not f.has_column:
        return None
    cls = "OneToOneField" if f.cardinality == "one_to_one" else "ForeignKey"
    action = ON_DELETE[f.on_delete] if f.on_delete else ("SET_NULL" if f.optional else "PROTECT")
    extra = [("on_delete", f"django.db.models.deletion.{action}")]
    if f.optional:
        extra.append(("null", "True"))
    extra.append(("related_name", repr(_reverse_name(spec, entity, f))))
    if f.index and cls == "ForeignKey":
        extra.append(("db_index", "True"))
    if f.unique and cls == "ForeignKey":
        extra.append(("unique", "True"))
    model = f"models.{cls}({_target_ref(spec, f, migration=False)}, {_kw(extra)})"
    mig = f"models.{cls}({_kw(extra)}, to={_target_ref(spec, f, migration=True)})"
    return Column(f.name, model, mig)


def _name(kind: str, entity: Entity, fields: tuple[str, ...]) -> str:
    digest = hashlib.sha1(f"{kind}:{entity.name}:{','.join(fields)}".encode()).hexdigest()[:8]
    stem = "_".join(fields)[:12].strip("_")
    return f"{kind}_{to_snake(entity.name)[:8]}_{stem}_{digest}"[:30]


def _user_columns(spec: Spec, entity: Entity) -> list[Column]:
    cols = [
        Column(
            "password",
            "",
            'models.CharField(max_length=128, verbose_name="password")',
        ),
        Column(
            "last_login",
            "",
            'models.DateTimeField(blank=True, null=True, verbose_name="last login")',
        ),
    ]
    if entity.field("email") is None:
        code = "models.EmailField(max_length=254, unique=True)"
        cols.append(Column("email", code, code))
    roles = spec.project.roles
    choices = "[" + ", ".join(f"({r!r}, {r!r})" for r in roles) + "]"
    role = 'models.CharField(blank=True, choices=Role.choices, default="", max_length=64)'
    role_mig = f'models.CharField(blank=True, choices={choices}, default="", max_length=64)'
    if not roles:
        role = role_mig = 'models.CharField(blank=True, default="", max_length=64)'
    cols.append(Column("role", role, role_mig))
    active = "models.BooleanField(default=True)"
    cols.append(Column("is_active", active, active))
    return cols


def models_of(spec: Spec) -> list[ModelCtx]:
    """Every model in migration order (the user model first)."""
    enums = {e.name: e for e in enums_of(spec)}
    ordered = sorted(spec.entities, key=lambda e: e.name != USER)
    found = []
    for entity in ordered:
        is_user = entity.name == USER and spec.project.auth.enabled
        ctx = ModelCtx(entity.name, entity, is_user)
        if is_user:
            ctx.columns.extend(_user_columns(spec, entity))
        for f in entity.fields:
            if f.type == "relation":
                rel = _relation(spec, entity, f)
                if rel is not None:
                    ctx.relations.append(rel)
            else:
                ctx.columns.append(_column(spec, f, enums))
        if entity.timestamps:
            ctx.columns.append(
                Column("created_at", *["models.DateTimeField(auto_now_add=True)"] * 2)
            )
            ctx.columns.append(Column("updated_at", *["models.DateTimeField(auto_now=True)"] * 2))
        if entity.soft_delete:
            code = "models.DateTimeField(db_index=True, null=True)"
            ctx.columns.append(Column("deleted_at", code, code))
        if entity.optimistic_lock:
            ctx.columns.append(Column("version", *["models.IntegerField(default=1)"] * 2))
        for index in entity.indexes:
            fields = ", ".join(repr(n) for n in index.fields)
            if index.unique:
                name = _name("uq", entity, index.fields)
                ctx.constraints.append(f"models.UniqueConstraint(fields=[{fields}], name={name!r})")
            else:
                name = _name("ix", entity, index.fields)
                ctx.indexes.append(f"models.Index(fields=[{fields}], name={name!r})")
        found.append(ctx)
    return found
