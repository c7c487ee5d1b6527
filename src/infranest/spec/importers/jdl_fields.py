"""JDL entities, fields and enums to spec nodes; the findings collected on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Token

from infranest.spec.diagnostics import Diagnostic, error, valid_choices, warning
from infranest.spec.importers.jdl_ast import JdlEntity, JdlEnum, JdlField, Named, Validation
from infranest.spec.model import (
    NUMERIC_TYPES,
    Comment,
    Entity,
    EnumDef,
    EnumValue,
    FieldDef,
    FieldType,
    Loc,
    Pagination,
    PaginationStyle,
)
from infranest.spec.names import IDENTIFIER, is_pascal, to_pascal, to_snake
from infranest.spec.reserved import NameKind, clash

UNSUPPORTED = "jdl-unsupported"
RENAMED = "jdl-renamed"
# JHipster's Liquibase column for BigDecimal is decimal(21,2).
DECIMAL_PRECISION, DECIMAL_SCALE = 21, 2
# The longest varchar PostgreSQL takes; a longer maxlength becomes text.
MAX_VARCHAR = 10_485_760
# JDL field types and the spec type each one becomes.
SCALAR_TYPES: dict[str, FieldType] = {
    "String": "string",
    "Integer": "int",
    "Long": "bigint",
    "BigDecimal": "decimal",
    "Float": "float",
    "Double": "float",
    "Boolean": "bool",
    "LocalDate": "date",
    "ZonedDateTime": "datetime",
    "Instant": "datetime",
    "Duration": "bigint",
    "LocalTime": "time",
    "UUID": "uuid",
    "TextBlob": "text",
    "Blob": "file",
    "AnyBlob": "file",
    "ImageBlob": "file",
}
_LENGTH_TYPES = frozenset({"string", "text"})


@dataclass
class Report:
    """Errors (the JDL is wrong) and warnings (the spec cannot say it), in source order."""

    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def unsupported(self, message: str, loc: Loc | None, hint: str | None = None) -> None:
        self.warnings.append(warning(UNSUPPORTED, message, loc=loc, hint=hint))

    def fail(self, code: str, message: str, loc: Loc | None, hint: str | None = None) -> None:
        self.errors.append(error(code, message, loc=loc, hint=hint))


def doc_comments(anchor: str, doc: str) -> list[Comment]:
    """A javadoc as the spec keeps ``#`` comments: one per line, text after the ``#``."""
    return [Comment(anchor=anchor, text=f" {line}" if line else "") for line in doc.split("\n")]


@dataclass
class EntityDraft:
    """An entity being assembled: fields first, then relations, then options."""

    name: str
    source: JdlEntity
    fields: list[FieldDef] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    pagination: PaginationStyle | None = None
    search: bool = False
    filter: bool = False

    def add(self, definition: FieldDef, report: Report, doc: str | None = None) -> bool:
        """Add a field unless one of that name exists (an error naming both)."""
        clash = next((f for f in self.fields if f.name == definition.name), None)
        if clash is not None:
            where = f" (first at {clash.loc})" if clash.loc else ""
            report.fail(
                "duplicate-field",
                f"entity {self.name} already has a field '{definition.name}'{where}",
                definition.loc,
                hint="give the relationship side another name: Source{name} to Target{name}",
            )
            return False
        self.fields.append(definition)
        if doc:
            self.comments.extend(doc_comments(f"field:{definition.name}", doc))
        return True

    def build(self) -> Entity:
        text_fields = tuple(f.name for f in self.fields if f.type in _LENGTH_TYPES)
        filterable = tuple(
            f.name for f in self.fields if f.has_column and f.type not in ("file", "text")
        )
        return Entity(
            name=self.name,
            description=self.source.doc,
            fields=tuple(self.fields),
            search=text_fields if self.search else (),
            filter=filterable if self.filter else (),
            pagination=Pagination(style=self.pagination) if self.pagination else None,
            comments=tuple(self.comments),
            loc=self.source.name.loc,
        )


class Namer:
    """Spec names for JDL names: PascalCase types, snake_case fields, no reserved words.

    A name that would break generated code (``type`` is Rails' inheritance column) is
    renamed, with a ``jdl-renamed`` warning: fields to ``<entity>_<name>``, entities to
    ``<Name>Record``, enums to ``<Name>Kind``.
    """

    def __init__(self, database: str, report: Report) -> None:
        self.database = database
        self.report = report

    def type(self, name: Named, kind: NameKind) -> str:
        value = name.value
        result = value if is_pascal(value) else value[:1].upper() + value[1:]
        if not is_pascal(result):
            result = to_pascal(value)
            self.report.unsupported(
                f"{kind} name '{value}' is not PascalCase; imported as '{result}'", name.loc
            )
        suffix = "Record" if kind == "entity" else "Kind"
        return self._unreserved(result, kind, f"{kind} {result}", (result + suffix,), name.loc)

    def field(self, entity: str, raw: str, loc: Loc) -> str:
        """The snake_case name of field ``raw`` of ``entity`` (a spec entity name)."""
        name = to_snake(raw)
        options = (f"{to_snake(entity)}_{name}", f"{name}_value")
        return self._unreserved(name, "field", f"field {entity}.{name}", options, loc)

    def _unreserved(
        self, name: str, kind: NameKind, label: str, options: tuple[str, ...], loc: Loc
    ) -> str:
        found = clash(name, kind, self.database)
        if found is None or found.severity != "error":
            return name
        chosen = next((o for o in options if not self._breaks(o, kind)), options[-1])
        self.report.warnings.append(
            warning(
                RENAMED,
                f"{label} imported as '{chosen}': {found.message}, which breaks generated code",
                loc=loc,
            )
        )
        return chosen

    def _breaks(self, name: str, kind: NameKind) -> bool:
        found = clash(name, kind, self.database)
        return found is not None and found.severity == "error"


def map_enum(source: JdlEnum, namer: Namer) -> EnumDef:
    report = namer.report
    name = namer.type(source.name, "enum")
    values: list[EnumValue] = []
    comments: list[Comment] = []
    for value in source.values:
        if any(v.name == value.name.value for v in values):
            report.fail(
                "duplicate-enum-value",
                f"enum {name} lists '{value.name.value}' twice",
                value.name.loc,
            )
            continue
        if IDENTIFIER.match(value.name.value) is None:
            report.fail(
                "invalid-name",
                f"enum value '{value.name.value}' of {name} is not an identifier",
                value.name.loc,
                hint="use letters, digits and underscores",
            )
            continue
        values.append(EnumValue(name=value.name.value, label=value.label, loc=value.name.loc))
        if value.doc:
            comments.extend(doc_comments(f"value:{value.name.value}", value.doc))
    if not source.values:
        report.fail(
            "empty-enum",
            f"enum {name} has no values",
            source.name.loc,
            hint="list its values: enum Size { S, M, L }",
        )
    return EnumDef(
        name=name,
        description=source.doc,
        values=tuple(values),
        comments=tuple(comments),
        loc=source.name.loc,
    )


@dataclass
class _Draft:
    """The mutable state of one field while its validations are read."""

    type: FieldType
    optional: bool = True
    unique: bool = False
    length: int | None = None
    min: int | float | None = None
    max: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


class FieldMapper:
    """Maps the fields of one file: knows its enums (JDL name to spec name) and constants."""

    def __init__(
        self, enums: dict[str, str], constants: dict[str, int | float], namer: Namer
    ) -> None:
        self.enums = enums
        self.constants = constants
        self.namer = namer
        self.report = namer.report

    def map(self, entity: str, source: JdlField) -> FieldDef | None:
        """The spec field for a JDL field of ``entity`` (its spec name), None when dropped."""
        where = f"{entity}.{source.name.value}"
        for annotation in source.annotations:
            self.report.unsupported(
                f"field annotation @{annotation.name} on {where} is not represented",
                annotation.loc,
            )
        jdl_type = source.type.value
        if to_snake(source.name.value) == "id":
            self.report.unsupported(
                f"field 'id' of {entity} ({jdl_type}) is not imported: the spec's primary key "
                "'id' is implicit and generated",
                source.name.loc,
                hint="JHipster would use this field as the primary key",
            )
            return None
        draft = self._draft(jdl_type, source.type, where)
        if draft is None:
            return None
        for validation in source.validations:
            self._validate(draft, validation, jdl_type, where)
        name = self.namer.field(entity, source.name.value, source.name.loc)
        enum = self.enums.get(jdl_type) if draft.type == "enum" else None
        decimal = draft.type == "decimal"
        return FieldDef(
            name=name,
            type=draft.type,
            enum=enum,
            length=draft.length,
            precision=DECIMAL_PRECISION if decimal else None,
            scale=DECIMAL_SCALE if decimal else None,
            optional=draft.optional,
            unique=draft.unique,
            min=draft.min,
            max=draft.max,
            min_length=draft.min_length,
            max_length=draft.max_length,
            pattern=draft.pattern,
            loc=source.name.loc,
        )

    def _draft(self, jdl_type: str, at: Named, where: str) -> _Draft | None:
        if jdl_type in self.enums:
            return _Draft(type="enum")
        if jdl_type in SCALAR_TYPES:
            if jdl_type == "Duration":
                self.report.unsupported(
                    f"{where}: Duration has no spec type; imported as bigint, the column "
                    "JHipster stores it in (a count of nanoseconds)",
                    at.loc,
                )
            return _Draft(type=SCALAR_TYPES[jdl_type])
        self.report.fail(
            "unknown-type",
            f"{where} has unknown type '{jdl_type}'",
            at.loc,
            hint=valid_choices(jdl_type, [*SCALAR_TYPES, *self.enums]),
        )
        return None

    def _validate(self, draft: _Draft, rule: Validation, jdl_type: str, where: str) -> None:
        kind = rule.kind
        if kind == "required":
            draft.optional = False
        elif kind == "unique":
            draft.unique = True
        elif kind in ("min", "max"):
            self._bound(draft, rule, jdl_type, where)
        elif kind in ("minlength", "maxlength"):
            self._length(draft, rule, jdl_type, where)
        elif kind == "pattern" and draft.type in _LENGTH_TYPES and rule.argument is not None:
            value = str(rule.argument)
            draft.pattern = value[1:-1] if value[:1] in "/'\"" else value
        elif kind in ("minbytes", "maxbytes") and draft.type == "file":
            self.report.unsupported(
                f"{where}: {kind}() is not represented (the spec has no file size bounds)",
                rule.loc,
            )
        else:
            self._not_applicable(rule, jdl_type, where)

    def _bound(self, draft: _Draft, rule: Validation, jdl_type: str, where: str) -> None:
        if draft.type not in NUMERIC_TYPES:
            self._not_applicable(rule, jdl_type, where)
            return
        value = self._number(rule)
        if value is not None:
            setattr(draft, rule.kind, value)

    def _length(self, draft: _Draft, rule: Validation, jdl_type: str, where: str) -> None:
        if draft.type not in _LENGTH_TYPES:
            self._not_applicable(rule, jdl_type, where)
            return
        value = self._number(rule)
        if value is None:
            return
        if not isinstance(value, int) or value < 0:
            self.report.fail(
                "invalid-value",
                f"{where}: {rule.kind}() takes a whole number, not {value}",
                rule.loc,
            )
            return
        if rule.kind == "minlength":
            draft.min_length = value
        elif draft.type == "string" and value <= MAX_VARCHAR:
            draft.length = value
        else:
            draft.type, draft.length, draft.max_length = "text", None, value

    def _number(self, rule: Validation) -> int | float | None:
        token = rule.argument
        assert isinstance(token, Token)
        if token.type == "INT":
            return int(token)
        if token.type == "DECIMAL":
            return float(token)
        if str(token) in self.constants:
            return self.constants[str(token)]
        self.report.fail(
            "unknown-constant",
            f"constant '{token}' is not declared",
            rule.loc,
            hint=valid_choices(str(token), self.constants)
            if self.constants
            else (f"declare it first: {token} = 10"),
        )
        return None

    def _not_applicable(self, rule: Validation, jdl_type: str, where: str) -> None:
        self.report.unsupported(
            f"{where}: {rule.kind}() does not apply to {jdl_type} fields; ignored",
            rule.loc,
        )
