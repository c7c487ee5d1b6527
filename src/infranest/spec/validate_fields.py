"""Checks of one field: its type, relation, parameters, constraints, default and flags."""

from __future__ import annotations

import re

from infranest.spec.builtins import USER
from infranest.spec.diagnostics import valid_choices
from infranest.spec.model import NUMERIC_TYPES, SCALAR_TYPES, TEXT_TYPES, Entity, FieldDef, Loc
from infranest.spec.validate_context import Checker, at, generated_columns, holds_fk
from infranest.spec.validate_values import DEFAULT_STRING_LENGTH, check_bounds, default_problem

CARDINALITIES = ("many_to_one", "one_to_one", "one_to_many", "many_to_many")
UNINDEXABLE = frozenset({"json", "file", "text"})
# The inverse a ``via`` must name, per cardinality of the field that has the ``via``.
INVERSE = {"one_to_many": "many_to_one", "one_to_one": "one_to_one", "many_to_many": "many_to_many"}
_FEATURE_OF = {
    "id": "every entity has an 'id' primary key",
    "created_at": "'timestamps' adds created_at and updated_at",
    "updated_at": "'timestamps' adds created_at and updated_at",
    "deleted_at": "'soft_delete' adds deleted_at",
    "version": "'optimistic_lock' adds version",
}


def check_field(c: Checker, ent: Entity, f: FieldDef, path: str) -> None:
    """Every check that concerns ``f`` alone (and the entities it names)."""
    loc = f.loc or ent.loc
    _check_name(c, ent, f, loc, path)
    if f.is_relation:
        if _check_target(c, f, loc, path) is None:
            return  # nothing else can be judged about a relation to nothing
        _check_relation(c, ent, f, loc, path)
    else:
        _check_not_relation(c, f, loc, path)
    _check_enum(c, f, loc, path)
    _check_length(c, f, loc, path)
    _check_precision(c, f, loc, path)
    check_bounds(c, f, loc, path)
    _check_length_bounds(c, f, loc, path)
    _check_pattern(c, f, loc, path)
    _check_default(c, ent, f, loc, path)
    _check_flags(c, f, loc, path)
    _check_owner_tenant(c, f, loc, path)
    if f.access is not None:
        access_loc = at(f.access, f, ent)
        c.check_principals(f.access.read, ent, access_loc, f"{path}.access.read")
        c.check_principals(f.access.write, ent, access_loc, f"{path}.access.write")


def _check_name(c: Checker, ent: Entity, f: FieldDef, loc: Loc | None, path: str) -> None:
    if not c.check_identifier(f.name, "field", "snake", loc, path):
        return
    if f.name.startswith("_") or f.name.endswith("_") or "__" in f.name:
        c.error(
            "unsafe-name",
            f"field name '{f.name}' starts or ends with '_' or contains '__'",
            loc,
            path,
            f"rename it '{re.sub('_+', '_', f.name).strip('_') or 'value'}': pydantic treats "
            "'_x' as private, Django refuses 'x_' and 'a__b'",
        )
    if f.name in generated_columns(ent):
        c.error(
            "generated-column-clash",
            f"field '{f.name}' clashes with a generated column of {ent.name}",
            loc,
            path,
            f"remove the field: {_FEATURE_OF[f.name]}",
        )
    elif not ent.builtin:
        c.check_reserved(f.name, "field", loc, path, column=not f.is_relation)


def _check_not_relation(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    attrs = {
        "target": f.target,
        "cardinality": f.cardinality,
        "via": f.via,
        "on_delete": f.on_delete,
    }
    present = [k for k, v in attrs.items() if v is not None]
    if present:
        c.error(
            "not-a-relation",
            f"{', '.join(present)} set on '{f.name}', which is a {f.type}, not a relation",
            loc,
            path,
            "remove them, or declare the field with type relation and a target entity",
        )


def _check_relation(c: Checker, ent: Entity, f: FieldDef, loc: Loc | None, path: str) -> None:
    target = c.entities.get(f.target or "")
    card = f.cardinality
    if card is None:
        c.error(
            "missing-cardinality",
            f"relation '{f.name}' has no cardinality",
            loc,
            path,
            f"valid: {', '.join(CARDINALITIES)}",
        )
        return
    if card == "one_to_many" and f.via is None:
        c.error(
            "missing-via",
            f"one_to_many relation '{f.name}' needs 'via' naming the field on "
            f"{f.target} that points back to {ent.name}",
            loc,
            path,
            _inverse_hint(ent, f, target, "many_to_one"),
        )
    if card == "many_to_one" and f.via is not None:
        c.error(
            "unexpected-via",
            f"many_to_one relation '{f.name}' cannot have 'via'",
            loc,
            path,
            "many_to_one holds the foreign key itself: remove 'via', or make it one_to_many "
            "for the reverse side",
        )
    if f.via is not None and target is not None and card in INVERSE:
        _check_via(c, ent, f, target, card, loc, path)
    _check_on_delete(c, f, loc, path)
    if f.writeonly:
        c.error(
            "writeonly-relation",
            f"relation '{f.name}' cannot be writeonly",
            loc,
            path,
            "writeonly is for secrets such as passwords; remove it or use field access rules",
        )


def _check_target(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> Entity | None:
    if f.target is None:
        c.error(
            "missing-target",
            f"relation '{f.name}' names no target entity",
            loc,
            path,
            f"valid: {', '.join(c.entities) or 'declare an entity first'}",
        )
        return None
    target = c.entities.get(f.target)
    if target is not None:
        return target
    if f.target in SCALAR_TYPES:
        c.error(
            "unknown-type",
            f"'{f.target}' is a scalar type, not an entity: '{f.name}' cannot be a relation to it",
            loc,
            path,
            f"declare '{f.name}' with type {f.target}",
        )
        return None
    if f.target in c.enums:
        c.error(
            "unknown-type",
            f"'{f.target}' is an enum, not an entity: '{f.name}' cannot be a relation to it",
            loc,
            path,
            f"declare '{f.name}' with type enum and enum '{f.target}'",
        )
        return None
    hint = valid_choices(f.target, c.type_names())
    if f.target == USER and not c.auth:
        hint = f"enable auth in the project to get the built-in {USER} entity, or declare it"
    c.error("unknown-type", f"unknown type '{f.target}'", loc, path, hint)
    return None


def _inverse_hint(ent: Entity, f: FieldDef, target: Entity | None, expected: str) -> str:
    if target is None:
        return f"name a {expected} field of the target that points back to {ent.name}"
    candidates = [
        g.name
        for g in target.fields
        if g is not f and g.is_relation and g.target == ent.name and g.cardinality == expected
    ]
    if candidates:
        return f"e.g. 'via {candidates[0]}'; candidates: {', '.join(candidates)}"
    return (
        f"add a {expected} field to {target.name} pointing to {ent.name} "
        f"(e.g. '{ent.name[:1].lower() + ent.name[1:]}: {ent.name}') and name it in 'via'"
    )


def _check_via(
    c: Checker, ent: Entity, f: FieldDef, target: Entity, card: str, loc: Loc | None, path: str
) -> None:
    expected = INVERSE[card]
    inverse = target.field(f.via or "")
    if inverse is None:
        candidates = [
            g.name
            for g in target.fields
            if g.is_relation and g.target == ent.name and g.cardinality == expected
        ] or [g.name for g in target.fields]
        c.error(
            "unknown-via",
            f"{target.name} has no field '{f.via}' (named by 'via' of '{f.name}')",
            loc,
            path,
            valid_choices(f.via or "", candidates)
            if candidates
            else _inverse_hint(ent, f, target, expected),
        )
        return
    if inverse is f:
        c.error(
            "via-mismatch",
            f"relation '{f.name}' cannot be its own inverse",
            loc,
            path,
            _inverse_hint(ent, f, target, expected),
        )
        return
    shape_ok = (
        inverse.is_relation and inverse.target == ent.name and inverse.cardinality == expected
    )
    if card == "many_to_many":
        shape_ok = shape_ok and inverse.via in (None, f.name)
    else:
        shape_ok = shape_ok and inverse.via is None
    if not shape_ok:
        need = f"a {expected} relation to {ent.name}"
        if card != "many_to_many":
            need += " without 'via'"
        elif inverse.via is not None:
            need += f" whose 'via' is '{f.name}'"
        c.error(
            "via-mismatch",
            f"'{target.name}.{inverse.name}' is not the inverse of '{ent.name}.{f.name}'",
            loc,
            path,
            f"'{inverse.name}' must be {need}",
        )


def _check_on_delete(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.on_delete is None:
        return
    if not holds_fk(f):
        where = (
            f"put it on '{f.target}.{f.via}', which holds the foreign key"
            if f.via is not None and f.target is not None
            else "only many_to_one and one_to_one fields without 'via' hold a foreign key"
        )
        c.error(
            "on-delete-without-fk",
            f"on_delete on '{f.name}', which holds no foreign key",
            loc,
            path,
            where,
        )
    elif f.on_delete == "set_null" and not f.optional:
        c.error(
            "set-null-required",
            f"on_delete(set_null) on required relation '{f.name}'",
            loc,
            path,
            "make the field optional, or use cascade or restrict",
        )
    elif f.on_delete == "set_default":
        c.error(
            "set-default-without-default",
            f"on_delete(set_default) on '{f.name}' needs a default, and a relation cannot "
            "declare one",
            loc,
            path,
            "use cascade, restrict, set_null or no_action",
        )


def _check_enum(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.type != "enum":
        if f.enum is not None:
            c.error(
                "unexpected-enum",
                f"'enum' set on '{f.name}', which is a {f.type}",
                loc,
                path,
                "remove it, or declare the field with type enum",
            )
        return
    if f.enum is None:
        c.error(
            "missing-enum",
            f"enum field '{f.name}' names no enum",
            loc,
            path,
            f"valid: {', '.join(c.enums) or 'declare an enum first'}",
        )
    elif f.enum not in c.enums:
        hint = valid_choices(f.enum, c.enums)
        if f.enum in c.entities:
            hint = f"'{f.enum}' is an entity: declare '{f.name}' as a relation to it"
        c.error("unknown-enum", f"unknown enum '{f.enum}'", loc, path, hint)


def _check_length(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.length is None:
        return
    if f.type != "string":
        hint = (
            f"use max_length({f.length}) to limit a {f.type}"
            if f.type in TEXT_TYPES
            else "remove it"
        )
        c.error(
            "length-not-string",
            f"length applies only to string; '{f.name}' is a {f.type}",
            loc,
            path,
            hint,
        )
    elif f.length <= 0:
        c.error(
            "invalid-length",
            f"string length of '{f.name}' must be positive, not {f.length}",
            loc,
            path,
            "e.g. string(120)",
        )


def _check_precision(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    p, s = f.precision, f.scale
    if f.type != "decimal":
        if p is not None or s is not None:
            c.error(
                "precision-not-decimal",
                f"precision and scale apply only to decimal; '{f.name}' is a {f.type}",
                loc,
                path,
                "remove them, or declare the field decimal(p,s)",
            )
        return
    if p is None:
        if s is not None:
            c.error(
                "invalid-precision",
                f"decimal '{f.name}' has a scale but no precision",
                loc,
                path,
                f"write decimal(p,{s}) with p between {max(s, 1)} and 65",
            )
        else:
            c.warn(
                "decimal-without-precision",
                f"decimal '{f.name}' has no precision: databases disagree on the default",
                loc,
                path,
                "write decimal(p,s), e.g. decimal(10,2) for amounts",
            )
        return
    if not 1 <= p <= 65:
        c.error(
            "invalid-precision",
            f"decimal precision of '{f.name}' must be between 1 and 65, not {p}",
            loc,
            path,
            "e.g. decimal(10,2)",
        )
    if s is not None and not 0 <= s <= max(p, 0):
        c.error(
            "invalid-precision",
            f"decimal scale of '{f.name}' must be between 0 and the precision {p}, not {s}",
            loc,
            path,
            f"e.g. decimal({max(p, 1)},{min(2, max(p, 1))})",
        )


def _check_length_bounds(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    lo, hi = f.min_length, f.max_length
    if lo is None and hi is None:
        return
    if f.type not in TEXT_TYPES:
        c.error(
            "length-bounds-not-text",
            f"min_length and max_length apply only to text types; '{f.name}' is a {f.type}",
            loc,
            path,
            "use min/max for numbers" if f.type in NUMERIC_TYPES else "remove them",
        )
        return
    for label, value in (("min_length", lo), ("max_length", hi)):
        if value is not None and value < 0:
            c.error(
                "invalid-length-bounds",
                f"{label} of '{f.name}' must not be negative, not {value}",
                loc,
                path,
                "use 0 or a positive number",
            )
    if lo is not None and hi is not None and lo > hi:
        c.error(
            "invalid-length-bounds",
            f"min_length ({lo}) of '{f.name}' exceeds its max_length ({hi})",
            loc,
            path,
            "swap them or lower min_length",
        )
    limit = _string_limit(f)
    biggest = max((v for v in (lo, hi) if v is not None), default=0)
    if limit is not None and biggest > limit:
        declared = f"string({f.length})" if f.length is not None else "string (255 by default)"
        c.error(
            "invalid-length-bounds",
            f"length bound {biggest} of '{f.name}' exceeds its column size {declared}",
            loc,
            path,
            f"declare string({biggest}) or lower the bound",
        )


def _string_limit(f: FieldDef) -> int | None:
    if f.type != "string":
        return None
    if f.length is None:
        return DEFAULT_STRING_LENGTH
    return f.length if f.length > 0 else None


def _check_pattern(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.pattern is None:
        return
    if f.type not in TEXT_TYPES:
        c.error(
            "pattern-not-text",
            f"pattern applies only to text types; '{f.name}' is a {f.type}",
            loc,
            path,
            f"text types: {', '.join(sorted(TEXT_TYPES))}",
        )
    try:
        re.compile(f.pattern)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        c.error(
            "invalid-pattern",
            f"pattern of '{f.name}' is not a valid regular expression: {exc}",
            loc,
            path,
            "write a Python/PCRE-compatible regular expression, e.g. ^[A-Z]{3}[0-9]+$",
        )


def _check_default(c: Checker, ent: Entity, f: FieldDef, loc: Loc | None, path: str) -> None:
    d = f.default
    if d is None:
        return
    dloc = at(d, f, ent)
    if d.kind == "null":
        if not f.optional:
            c.error(
                "invalid-default",
                f"default null on required field '{f.name}'",
                dloc,
                f"{path}.default",
                "make the field optional, or choose another default",
            )
        return
    if f.is_relation:
        c.error(
            "relation-constraint",
            f"relation '{f.name}' cannot have a default",
            dloc,
            f"{path}.default",
            "remove it (only 'null' is allowed, on an optional relation)",
        )
        return
    enum_def = c.enums.get(f.enum) if f.enum is not None else None
    problem = default_problem(f, d, enum_def)
    if problem is not None:
        c.error("invalid-default", problem[0], dloc, f"{path}.default", problem[1])
    elif f.unique and d.kind not in ("uuid", "now"):
        c.warn(
            "unique-default",
            f"unique field '{f.name}' has a constant default: the second row using it fails",
            dloc,
            f"{path}.default",
            "remove the default or the unique flag",
        )


def _check_flags(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.is_relation and not f.has_column and (f.unique or f.index):
        c.error(
            "relation-constraint",
            f"relation '{f.name}' has no column to make unique or index",
            loc,
            path,
            "put unique/index on the field that holds the foreign key",
        )
    elif f.type in UNINDEXABLE and (f.unique or f.index):
        flag = "unique" if f.unique else "index"
        c.warn(
            "unindexable-type",
            f"'{flag}' on {f.type} field '{f.name}' makes a poor or impossible index",
            loc,
            path,
            "index a string(n) or a hash of the value instead",
        )
    if f.readonly and f.writeonly:
        c.error(
            "readonly-writeonly",
            f"field '{f.name}' is both readonly and writeonly: nobody could set or see it",
            loc,
            path,
            "keep one: readonly (set by the server) or writeonly (secrets such as passwords)",
        )
    elif (
        f.readonly
        and not f.optional
        and f.default is None
        and not (f.owner or f.tenant)
        and f.has_column
    ):
        c.warn(
            "readonly-required",
            f"readonly field '{f.name}' is required and has no default: clients cannot set it",
            loc,
            path,
            "give it a default or make it optional, unless custom code sets it",
        )


def _check_owner_tenant(c: Checker, f: FieldDef, loc: Loc | None, path: str) -> None:
    if f.owner:
        if not holds_fk(f) or f.target != USER:
            c.error(
                "invalid-owner",
                f"'owner' on '{f.name}', which is not a many_to_one relation to {USER}",
                loc,
                path,
                f"mark a field like 'created_by: {USER} owner' instead",
            )
        if not c.auth:
            c.error(
                "owner-without-auth",
                f"ownership without auth: '{f.name}' is an owner field but the project has "
                "no authentication",
                loc,
                path,
                "enable auth in the project (e.g. 'auth jwt') or remove 'owner'",
            )
    if f.tenant:
        tenancy = c.tenancy_entity
        if tenancy is None:
            c.error(
                "tenant-without-tenancy",
                f"'tenant' on '{f.name}' but the project declares no tenancy",
                loc,
                path,
                "add 'tenancy <Entity>' to the project, or remove 'tenant'",
            )
        elif tenancy in c.entities and (not holds_fk(f) or f.target != tenancy):
            c.error(
                "invalid-tenant",
                f"'tenant' on '{f.name}', which is not a many_to_one relation to {tenancy}",
                loc,
                path,
                f"mark a field like '{tenancy[:1].lower() + tenancy[1:]}: {tenancy} tenant'",
            )
