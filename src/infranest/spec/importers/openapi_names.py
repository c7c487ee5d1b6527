"""Names that would break generated code, renamed with an ``openapi-renamed`` warning.

As the JDL importer does: an entity named like a Ruby core class (``File``) becomes
``FileRecord``, an enum ``<Name>Kind``, a field named like a keyword or a framework attribute
(``type``, ``class``, ``hash``) ``<entity>_<name>`` (else ``<name>_value``), an action named
like a built-in operation (``list``) or a framework handler (``show``) ``<name>_<entity>``
(else ``<name>_action``). Every reference to a renamed name follows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from infranest.spec.diagnostics import Diagnostic, warning
from infranest.spec.model import OPERATIONS, Entity, FieldDef, Spec
from infranest.spec.names import to_snake
from infranest.spec.reserved import NameKind, clash

RENAMED = "openapi-renamed"


class Renamer:
    """Renames the names of a spec that break generated code."""

    def __init__(self, filename: str, places: Mapping[str, str]) -> None:
        self.filename = filename
        self.places = places  # "entity:X", "enum:X", "field:X.y", "action:X.y" → JSON pointer
        self.warnings: list[Diagnostic] = []

    def apply(self, spec: Spec) -> Spec:
        database = spec.project.database
        taken = {e.name for e in spec.entities} | {e.name for e in spec.enums}
        types: dict[str, str] = {}
        groups: tuple[tuple[NameKind, list[str], str], ...] = (
            ("entity", [e.name for e in spec.entities if not e.builtin], "Record"),
            ("enum", [e.name for e in spec.enums], "Kind"),
        )
        for kind, names, suffix in groups:
            for name in names:
                types[name] = self._pick(name, kind, database, (name + suffix,), taken)
        fields = {e.name: self._field_names(e, database) for e in spec.entities}
        enums = tuple(e.model_copy(update={"name": types[e.name]}) for e in spec.enums)
        entities = tuple(self._entity(e, types, fields, database) for e in spec.entities)
        return spec.model_copy(update={"enums": enums, "entities": entities})

    def _pick(
        self,
        name: str,
        kind: NameKind,
        database: str,
        options: tuple[str, ...],
        taken: set[str],
        owner: str = "",
        reason: str | None = None,
    ) -> str:
        """``name``, or the first of ``options`` that neither breaks code nor is taken."""
        found = clash(name, kind, database)
        if reason is None and (found is None or found.severity != "error"):
            return name
        fine = [o for o in options if o not in taken and not _breaks(o, kind, database)]
        chosen = fine[0] if fine else options[-1]
        taken.add(chosen)
        label = f"{owner}.{name}" if owner else name
        why = reason or (found.message if found else "")
        self.warnings.append(
            warning(
                RENAMED,
                f"{kind} {label} imported as '{chosen}': {why}, which breaks generated code",
                path=self.places.get(f"{kind}:{label}"),
                file=self.filename,
            )
        )
        return chosen

    def _field_names(self, entity: Entity, database: str) -> dict[str, str]:
        if entity.builtin:
            return {f.name: f.name for f in entity.fields}
        taken = {f.name for f in entity.fields}
        prefix = to_snake(entity.name)
        return {
            f.name: self._pick(
                f.name,
                "field",
                database,
                (f"{prefix}_{f.name}", f"{f.name}_value"),
                taken,
                entity.name,
            )
            for f in entity.fields
        }

    def _entity(
        self,
        entity: Entity,
        types: dict[str, str],
        fields: dict[str, dict[str, str]],
        database: str,
    ) -> Entity:
        own = fields[entity.name]
        taken = {a.name for a in entity.actions}
        actions: dict[str, str] = {}
        for action in entity.actions:
            builtin = (
                f"'{action.name}' is a built-in operation" if action.name in OPERATIONS else None
            )
            options = (f"{action.name}_{to_snake(entity.name)}", f"{action.name}_action")
            actions[action.name] = self._pick(
                action.name, "action", database, options, taken, entity.name, builtin
            )
        return entity.model_copy(
            update={
                "name": types.get(entity.name, entity.name),
                "fields": tuple(self._field(f, own, types, fields) for f in entity.fields),
                "search": tuple(own.get(n, n) for n in entity.search),
                "filter": tuple(own.get(n, n) for n in entity.filter),
                "sort": tuple(own.get(n, n) for n in entity.sort),
                "actions": tuple(
                    a.model_copy(update={"name": actions[a.name]}) for a in entity.actions
                ),
            }
        )

    @staticmethod
    def _field(
        field: FieldDef,
        own: dict[str, str],
        types: dict[str, str],
        fields: dict[str, dict[str, str]],
    ) -> FieldDef:
        update: dict[str, str | None] = {"name": own[field.name]}
        if field.target is not None:
            update["target"] = types.get(field.target, field.target)
            if field.via is not None:
                update["via"] = fields.get(field.target, {}).get(field.via, field.via)
        if field.enum is not None:
            update["enum"] = types.get(field.enum, field.enum)
        return field.model_copy(update=update)


def _breaks(name: str, kind: NameKind, database: str) -> bool:
    found = clash(name, kind, database)
    return found is not None and found.severity == "error"
