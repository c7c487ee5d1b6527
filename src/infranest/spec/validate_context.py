"""What every semantic check shares: the spec's indexes and the list findings go to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from infranest.spec import names
from infranest.spec.builtins import USER
from infranest.spec.diagnostics import Diagnostic, Level, valid_choices
from infranest.spec.model import (
    OPERATIONS,
    PRINCIPALS,
    SCALAR_TYPES,
    Entity,
    EnumDef,
    FieldDef,
    Loc,
    Node,
    RateLimit,
    Spec,
)
from infranest.spec.reserved import NameKind, clash

# Operations a flow step or an integration's ``used_by`` may name besides actions.
STEP_OPERATIONS: tuple[str, ...] = ("create", "read", "list", "update", "delete")
SECRET_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def at(*nodes: Node | None) -> Loc | None:
    """The location of the innermost node that has one (nodes given innermost first)."""
    return next((n.loc for n in nodes if n is not None and n.loc is not None), None)


def quoted(items: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in items)


@dataclass
class Checker:
    """The spec under validation, lookups built once, and the findings so far."""

    spec: Spec
    out: list[Diagnostic] = field(default_factory=list)
    entities: dict[str, Entity] = field(init=False)
    enums: dict[str, EnumDef] = field(init=False)

    def __post_init__(self) -> None:
        self.entities = {}
        for e in self.spec.entities:
            self.entities.setdefault(e.name, e)
        self.enums = {}
        for en in self.spec.enums:
            self.enums.setdefault(en.name, en)

    # -- reporting -------------------------------------------------------------------------

    def report(
        self,
        level: Level,
        code: str,
        message: str,
        loc: Loc | None,
        path: str,
        hint: str | None = None,
    ) -> None:
        self.out.append(
            Diagnostic(level=level, code=code, message=message, loc=loc, path=path, hint=hint)
        )

    def error(
        self, code: str, message: str, loc: Loc | None, path: str, hint: str | None = None
    ) -> None:
        self.report("error", code, message, loc, path, hint)

    def warn(
        self, code: str, message: str, loc: Loc | None, path: str, hint: str | None = None
    ) -> None:
        self.report("warning", code, message, loc, path, hint)

    # -- facts about the spec -------------------------------------------------------------

    @property
    def auth(self) -> bool:
        return self.spec.project.auth.enabled

    @property
    def roles(self) -> tuple[str, ...]:
        return self.spec.project.roles

    @property
    def tenancy_entity(self) -> str | None:
        tenancy = self.spec.project.tenancy
        return tenancy.entity if tenancy is not None else None

    def principals(self) -> list[str]:
        return [*PRINCIPALS, *self.roles]

    def operations(self, entity: Entity) -> list[str]:
        return [*OPERATIONS, *(a.name for a in entity.actions)]

    def type_names(self) -> list[str]:
        """Every name a field's type may be: scalar types, enums, entities."""
        return [*SCALAR_TYPES, *self.enums, *self.entities]

    def model_type_names(self) -> list[str]:
        return [*SCALAR_TYPES, *self.enums]

    # -- shared checks --------------------------------------------------------------------

    def check_identifier(
        self, name: str, what: str, style: str, loc: Loc | None, path: str
    ) -> bool:
        """``invalid-name`` unless ``name`` is an identifier; else a naming-convention
        warning when it is not in ``style`` (``pascal`` or ``snake``). Returns validity."""
        if not names.IDENTIFIER.match(name):
            suggestion = names.to_pascal(name) if style == "pascal" else names.to_snake(name)
            self.error(
                "invalid-name",
                f"{what} name '{name}' is not an identifier",
                loc,
                path,
                f"use letters, digits and '_', not starting with a digit, e.g. '{suggestion}'",
            )
            return False
        if style == "pascal" and not names.is_pascal(name):
            self.warn(
                "naming-convention",
                f"{what} name '{name}' is not PascalCase",
                loc,
                path,
                f"rename it '{names.to_pascal(name)}'",
            )
        elif style == "snake" and not names.is_snake(name):
            self.warn(
                "naming-convention",
                f"{what} name '{name}' is not snake_case",
                loc,
                path,
                f"rename it '{names.to_snake(name)}'",
            )
        return True

    def check_reserved(
        self, name: str, kind: NameKind, loc: Loc | None, path: str, *, column: bool = True
    ) -> None:
        found = clash(name, kind, self.spec.project.database, column=column)
        if found is None:
            return
        effects = "; ".join(found.effects)
        if found.severity == "error":
            hint = f"rename it (e.g. '{_alternative(name, kind)}'): {effects}"
            self.error("reserved-word", found.message, loc, path, hint)
        else:
            hint = f"consider renaming it (e.g. '{_alternative(name, kind)}'): {effects}"
            self.warn("risky-name", found.message, loc, path, hint)

    def check_duplicates(
        self, nodes: Iterable[tuple[str, Node]], code: str, what: str, path_of: PathOf
    ) -> None:
        """``code`` for every name already used by an earlier node."""
        seen: dict[str, Node] = {}
        for name, node in nodes:
            first = seen.get(name)
            if first is None:
                seen[name] = node
                continue
            where = f" (first at {first.loc})" if first.loc is not None else ""
            self.error(
                code,
                f"{what} '{name}' is defined more than once{where}",
                node.loc,
                path_of(name),
                "rename or remove one of them",
            )

    def check_principals(
        self,
        principals: Iterable[str],
        entity: Entity | None,
        loc: Loc | None,
        path: str,
    ) -> None:
        """Principals name anyone/authenticated/owner/tenant or a role, and fit the entity."""
        choices = self.principals()
        needs_auth: list[str] = []
        for i, p in enumerate(principals):
            here = f"{path}[{i}]"
            if p not in choices:
                self.error(
                    "unknown-principal",
                    f"unknown principal '{p}'",
                    loc,
                    here,
                    valid_choices(p, choices),
                )
                continue
            if p != "anyone":
                needs_auth.append(p)
            if entity is None:
                continue
            if p == "owner" and entity.owner_field is None and entity.name != USER:
                self.error(
                    "owner-without-field",
                    f"'owner' is used but {entity.name} has no owner field",
                    loc,
                    here,
                    f"mark a many_to_one field to {USER} as 'owner' (e.g. "
                    f"'created_by: {USER} owner') or use another principal",
                )
            if p == "tenant" and entity.tenant_field is None and entity.name != self.tenancy_entity:
                self.error(
                    "tenant-without-field",
                    f"'tenant' is used but {entity.name} has no tenant field",
                    loc,
                    here,
                    "mark a many_to_one field to the tenancy entity as 'tenant'",
                )
        if needs_auth and not self.auth:
            self.error(
                "access-without-auth",
                f"{quoted(dict.fromkeys(needs_auth))} needs authentication, "
                "but the project has no auth",
                loc,
                path,
                "enable auth in the project (e.g. 'auth jwt') or allow 'anyone'",
            )

    def check_operations(
        self, operations: Iterable[str], entity: Entity, loc: Loc | None, path: str
    ) -> None:
        choices = self.operations(entity)
        for i, op in enumerate(operations):
            if op not in choices:
                self.error(
                    "unknown-operation",
                    f"unknown operation '{op}' on {entity.name}",
                    loc,
                    f"{path}[{i}]",
                    valid_choices(op, choices),
                )

    def check_limit_scope(self, lim: RateLimit, loc: Loc | None, path: str) -> None:
        if lim.scope == "tenant" and self.spec.project.tenancy is None:
            self.error(
                "invalid-limit-scope",
                "rate limit per tenant, but the project declares no tenancy",
                loc,
                f"{path}.scope",
                "use 'per user', 'per ip' or 'per global', or add tenancy to the project",
            )
        elif lim.scope == "user" and not self.auth:
            self.warn(
                "user-limit-without-auth",
                "rate limit per user, but the project has no auth: every client is anonymous",
                loc,
                f"{path}.scope",
                "use 'per ip' or 'global', or enable auth",
            )

    def field_or_unknown(
        self, entity: Entity, name: str, allowed_extra: Iterable[str], loc: Loc | None, path: str
    ) -> FieldDef | None:
        """The named field; ``unknown-field`` (with did-you-mean) when there is none.

        ``None`` also for a relation whose target is unknown: that is reported already.
        """
        found = entity.field(name)
        if found is not None and found.is_relation and found.target not in self.entities:
            return None  # a relation to nothing is reported once, on the field itself
        extra = list(allowed_extra)
        if found is None and name not in extra:
            choices = [f.name for f in entity.fields] + extra
            self.error(
                "unknown-field",
                f"{entity.name} has no field '{name}'",
                loc,
                path,
                valid_choices(name, choices),
            )
        return found


class PathOf:
    """Builds ``prefix[name]`` paths."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, name: str) -> str:
        return f"{self.prefix}[{name}]"


def generated_columns(entity: Entity) -> list[str]:
    """Columns the generators add to ``entity``'s table besides its fields."""
    cols = ["id"]
    if entity.timestamps:
        cols += ["created_at", "updated_at"]
    if entity.soft_delete:
        cols.append("deleted_at")
    if entity.optimistic_lock:
        cols.append("version")
    return cols


def holds_fk(f: FieldDef) -> bool:
    return f.is_relation and f.cardinality in ("many_to_one", "one_to_one") and f.via is None


_RENAMES: dict[str, str] = {
    "type": "kind",
    "class": "category",
    "order": "sort_order",
    "default": "is_default",
    "public": "is_public",
    "private": "is_private",
    "metadata": "meta",
    "hash": "digest",
    "end": "ends_at",
    "begin": "starts_at",
    "user": "user_name",
    "group": "group_name",
}


def _alternative(name: str, kind: NameKind) -> str:
    """A replacement to suggest for a reserved ``name``."""
    if kind in ("entity", "enum"):
        return f"{name}Record" if kind == "entity" else f"{name}Kind"
    if name in _RENAMES:
        return _RENAMES[name]
    if kind == "enum_value" and name.lower() != name:
        return name.lower()
    return f"{name}_action" if kind == "action" else f"{name}_value"
