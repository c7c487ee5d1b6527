"""Tables, columns, indexes, associations and validations of the ActiveRecord models."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from infranest.generate.targets.rails.ruby import ruby_literal, ruby_regexp, symbol
from infranest.spec.builtins import USER
from infranest.spec.exporters.api_types import (
    DEFAULT_STRING_LENGTH,
    EMAIL_MAX_LENGTH,
    URL_MAX_LENGTH,
)
from infranest.spec.inflect import pluralize
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.names import to_snake, words

_COLUMN_TYPES = {
    "string": "string",
    "text": "text",
    "int": "integer",
    "bigint": "bigint",
    "decimal": "decimal",
    "float": "float",
    "bool": "boolean",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
    "uuid": "string",
    "email": "string",
    "url": "string",
    "json": "json",
    "file": "string",
    "enum": "string",
}
_ON_DELETE = {"cascade": ":cascade", "set_null": ":nullify", "restrict": ":restrict"}
_INTEGER_TYPES = frozenset({"int", "bigint"})
_MAX_INDEX_NAME = 60


def table_name(entity: str) -> str:
    parts = words(entity) or ["item"]
    return "_".join([*parts[:-1], pluralize(parts[-1])])


@dataclass
class Table:
    entity: str
    file: str
    table: str
    description: str | None
    columns: list[str] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    associations: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    validations: list[str] = field(default_factory=list)
    body_keys: dict[str, str] = field(default_factory=dict)
    builtin_user: bool = False
    is_user: bool = False

    @property
    def body_keys_literal(self) -> str:
        """``BODY_KEYS`` on one line when it fits in 120 columns, else one key per line."""
        flat = ruby_literal(self.body_keys)
        if len(f"  BODY_KEYS = {flat}.freeze") <= 120:
            return flat
        inner = ",\n".join(f"  {k}: {ruby_literal(v)}" for k, v in self.body_keys.items())
        return "{\n" + inner + "\n}"


@dataclass(frozen=True)
class JoinTable:
    table: str
    left: str
    right: str
    left_table: str
    right_table: str

    @property
    def index(self) -> str:
        return _index(self.table, [self.left, self.right], unique=True)


def _index_name(table: str, columns: list[str]) -> str | None:
    name = f"index_{table}_on_{'_and_'.join(columns)}"
    if len(name) <= _MAX_INDEX_NAME:
        return None
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{name[: _MAX_INDEX_NAME - 11]}_{digest}"


def _index(table: str, columns: list[str], *, unique: bool) -> str:
    cols = symbol(columns[0]) if len(columns) == 1 else "%i[" + " ".join(columns) + "]"
    opts = ", unique: true" if unique else ""
    name = _index_name(table, columns)
    if name is not None:
        opts += f", name: {ruby_literal(name)}"
    return f"t.index {cols}{opts}"


def _length(f: FieldDef) -> int | None:
    if f.type == "string":
        return f.length or DEFAULT_STRING_LENGTH
    if f.type == "email":
        return EMAIL_MAX_LENGTH
    if f.type in ("url", "file"):
        return URL_MAX_LENGTH
    if f.type == "uuid":
        return 36
    return None


def _db_default(f: FieldDef) -> str | None:
    d = f.default
    if d is None or d.kind in ("now", "today", "uuid", "null"):
        return None
    if f.type == "decimal" and d.kind == "number":
        return f'"{d.value}"'
    return ruby_literal(d.value)


def _model_default(f: FieldDef) -> str | None:
    d = f.default
    if d is None:
        return None
    kinds = {"now": "Time.current", "today": "Date.current", "uuid": "SecureRandom.uuid"}
    if d.kind not in kinds:
        return None
    return f"attribute :{f.name}, default: -> {{ {kinds[d.kind]} }}"


def _column(f: FieldDef) -> str:
    kind = _COLUMN_TYPES[f.type]
    opts: list[str] = []
    length = _length(f)
    if length is not None and kind == "string":
        opts.append(f"limit: {length}")
    if f.type == "decimal":
        opts.append(f"precision: {f.precision or 12}, scale: {f.scale or 2}")
    if not f.optional:
        opts.append("null: false")
    default = _db_default(f)
    if default is not None:
        opts.append(f"default: {default}")
    return f"t.{kind} :{f.name}" + "".join(f", {o}" for o in opts)


def _wrap(head: str, options: list[str], indent: int = 2, width: int = 118) -> str:
    """``head, opt, opt`` on one line when it fits, else each option on its own line,
    aligned under the first one (the line is indented by ``indent`` in the file)."""
    flat = ", ".join([head, *options])
    if indent + len(flat) <= width or not options:
        return flat
    pad = " " * (indent + len(head) + 2)
    wrapped = f"{head}, {options[0]}" + "".join(f",\n{pad}{o}" for o in options[1:])
    if all(indent + len(line) <= width for line in wrapped.splitlines()):
        return wrapped
    macro = head.split(" ", 1)[0]
    pad = " " * (indent + len(macro) + 1)
    return f"{head},\n" + ",\n".join(pad + o for o in options)


class TableBuilder:
    """Builds every table of the spec, with the join tables of many-to-many relations."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.joins: dict[tuple[str, str], JoinTable] = {}

    def build(self) -> list[Table]:
        return [self.table(e) for e in self.spec.entities]

    def table(self, entity: Entity) -> Table:
        name = table_name(entity.name)
        t = Table(
            entity=entity.name,
            file=to_snake(entity.name),
            table=name,
            description=entity.description,
            builtin_user=entity.builtin,
            is_user=entity.name == USER and self.spec.project.auth.enabled,
        )
        if t.is_user:
            self._user_columns(entity, t)
        for f in entity.fields:
            if f.type == "relation":
                self._relation(entity, f, t)
            else:
                t.columns.append(_column(f))
                t.validations.extend(self._validations(f, f.name))
                attr = _model_default(f)
                if attr is not None:
                    t.attributes.append(attr)
                if f.unique:
                    t.indexes.append(_index(name, [f.name], unique=True))
                elif f.index:
                    t.indexes.append(_index(name, [f.name], unique=False))
        for index in entity.indexes:
            cols = [self._column_name(entity, n) for n in index.fields]
            t.indexes.append(_index(name, cols, unique=index.unique))
        if entity.soft_delete:
            t.columns.append("t.datetime :deleted_at")
            t.indexes.append(_index(name, ["deleted_at"], unique=False))
        if entity.optimistic_lock:
            t.columns.append("t.integer :lock_version, null: false, default: 1")
            t.body_keys["lock_version"] = "version"
        if entity.timestamps or t.is_user:
            t.columns.append("t.timestamps")
        return t

    def _user_columns(self, entity: Entity, t: Table) -> None:
        if entity.field("email") is None:
            t.columns.append(f"t.string :email, limit: {EMAIL_MAX_LENGTH}, null: false")
            t.indexes.append(_index(t.table, ["email"], unique=True))
        t.columns.append("t.string :password_digest, null: false")
        t.columns.append("t.string :role")

    def _column_name(self, entity: Entity, name: str) -> str:
        f = entity.field(name)
        return f"{name}_id" if f is not None and f.type == "relation" else name

    def _validations(self, f: FieldDef, name: str) -> list[str]:
        rules: list[str] = []
        required = not f.optional and (f.default is None or f.default.kind == "null")
        if required:
            rules.append("not_null: true")
        lengths = []
        if f.min_length is not None:
            lengths.append(f"minimum: {ruby_literal(f.min_length)}")
        maximum = f.max_length if f.max_length is not None else _length(f)
        if maximum is not None and f.type != "uuid":
            lengths.append(f"maximum: {ruby_literal(maximum)}")
        if lengths:
            rules.append("length: { " + ", ".join(lengths) + " }")
        if f.pattern is not None:
            rules.append(f"format: {{ with: {ruby_regexp(f.pattern)} }}")
        if f.type == "email":
            rules.append("format: { with: ValueChecker::EMAIL }")
        if f.type == "uuid":
            rules.append("format: { with: ValueChecker::UUID }")
        numeric = []
        if f.min is not None:
            numeric.append(f"greater_than_or_equal_to: {ruby_literal(f.min)}")
        if f.max is not None:
            numeric.append(f"less_than_or_equal_to: {ruby_literal(f.max)}")
        if numeric:
            if f.type in _INTEGER_TYPES:
                numeric.insert(0, "only_integer: true")
            rules.append("numericality: { " + ", ".join(numeric) + " }")
        if f.type == "enum" and f.enum:
            rules.append(f"inclusion: {{ in: {f.enum}::VALUES }}")
        if not rules:
            return []
        if f.optional and rules[0] != "not_null: true":
            rules.append("allow_nil: true")
        return [_wrap(f"validates :{name}", rules)]

    def _relation(self, entity: Entity, f: FieldDef, t: Table) -> None:
        target = f.target or ""
        target_table = table_name(target)
        named = [f'class_name: "{target}"']
        if f.cardinality == "many_to_many":
            join = self._join(entity, f)
            created = self.joins.get((entity.name, f.name)) is join
            mine, theirs = (join.left, join.right) if created else (join.right, join.left)
            t.associations.append(
                _wrap(
                    f"has_and_belongs_to_many :{f.name}",
                    [
                        *named,
                        f"join_table: {ruby_literal(join.table)}",
                        f"foreign_key: {ruby_literal(mine)}",
                        f"association_foreign_key: {ruby_literal(theirs)}",
                    ],
                )
            )
            t.body_keys[f.name] = f"{f.name}_ids"
            return
        if not f.has_column:
            back = f"{f.via}_id"
            macro = "has_many" if f.cardinality == "one_to_many" else "has_one"
            t.associations.append(
                _wrap(
                    f"{macro} :{f.name}",
                    [*named, f"foreign_key: {ruby_literal(back)}", f"inverse_of: :{f.via}"],
                )
            )
            return
        column = f"{f.name}_id"
        t.body_keys[f.name] = column
        optional = ["optional: true"] if f.optional else []
        t.associations.append(_wrap(f"belongs_to :{f.name}", [*named, *optional]))
        null = "" if f.optional else ", null: false"
        unique = f.unique or f.cardinality == "one_to_one"
        index = ", index: { unique: true }" if unique else ""
        t.columns.append(f"t.references :{f.name}{null}{index}")
        on_delete = _ON_DELETE.get(f.on_delete or "")
        extra = f", on_delete: {on_delete}" if on_delete else ""
        t.foreign_keys.append(
            f"add_foreign_key :{t.table}, :{target_table}, column: :{column}{extra}"
        )

    def _join(self, entity: Entity, f: FieldDef) -> JoinTable:
        target = f.target or ""
        key = (entity.name, f.name)
        partner = (target, f.via) if f.via else None
        if partner is not None and partner in self.joins:
            return self.joins[partner]
        left, right = to_snake(entity.name), to_snake(target)
        left_col, right_col = f"{left}_id", f"{right}_id"
        if left_col == right_col:
            right_col = f"{to_snake(f.via or f.name)}_{right}_id"
        join = JoinTable(
            table=f"{table_name(entity.name)}_{f.name}",
            left=left_col,
            right=right_col,
            left_table=table_name(entity.name),
            right_table=table_name(target),
        )
        self.joins[key] = join
        return join

    def join_tables(self) -> list[JoinTable]:
        return [self.joins[k] for k in sorted(self.joins)]
