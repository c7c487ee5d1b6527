"""JDL relationships to relation fields on both entities.

Each relationship has a side that holds the foreign key (or owns the join table) and,
when it is bidirectional, a reverse side whose field points back with ``via``:

- ``ManyToOne A{b} to B{as}``: ``A.b`` many_to_one B; ``B.as`` one_to_many A via b.
- ``OneToMany A{bs} to B{a}``: ``B.a`` many_to_one A; ``A.bs`` one_to_many B via a.
- ``OneToOne A{b} to B{a}``: ``A.b`` one_to_one B (key on A); ``B.a`` one_to_one A via b.
- ``ManyToMany A{bs} to B{as}``: ``A.bs`` many_to_many B (owner); ``B.as`` many_to_many via bs.

Names follow JHipster: an unnamed source side is named after the target entity; an unnamed
target side of a OneToMany or ManyToMany is named after the source entity (JHipster makes
those bidirectional); an unnamed target side of a ManyToOne or OneToOne has no field.
"""

from __future__ import annotations

from dataclasses import dataclass

from infranest.spec.builtins import USER
from infranest.spec.diagnostics import valid_choices
from infranest.spec.importers.jdl_ast import JdlRelationship, RelationshipSide
from infranest.spec.importers.jdl_fields import EntityDraft, Namer
from infranest.spec.model import Cardinality, FieldDef, OnDelete

# JDL relationship type: (cardinality of the key side, cardinality of the reverse side).
_KINDS: dict[str, tuple[Cardinality, Cardinality]] = {
    "ManyToOne": ("many_to_one", "one_to_many"),
    "OneToMany": ("many_to_one", "one_to_many"),
    "OneToOne": ("one_to_one", "one_to_one"),
    "ManyToMany": ("many_to_many", "many_to_many"),
}
_ON_DELETE: dict[str, OnDelete] = {
    "CASCADE": "cascade",
    "RESTRICT": "restrict",
    "SET NULL": "set_null",
    "SET DEFAULT": "set_default",
    "NO ACTION": "no_action",
}
# JHipster's built-in entities besides User: nothing in the spec stands for them.
_OTHER_BUILTINS = ("Authority",)


@dataclass(frozen=True)
class _Side:
    """One end of a relationship: the JDL side, its entity and its field name."""

    jdl: RelationshipSide
    entity: str
    field: str | None
    builtin_user: bool


class RelationshipMapper:
    """Adds the relation fields of each relationship to the entity drafts."""

    def __init__(self, drafts: dict[str, EntityDraft], namer: Namer) -> None:
        self.drafts = drafts
        self.namer = namer
        self.report = namer.report

    def add(self, rel: JdlRelationship) -> None:
        kind = rel.kind.value
        if kind not in _KINDS:
            self.report.fail(
                "unknown-relationship-type",
                f"unknown relationship type '{kind}'",
                rel.kind.loc,
                hint=valid_choices(kind, _KINDS),
            )
            return
        source, target = self._entity(rel.source, rel), self._entity(rel.target, rel)
        if source is None or target is None:
            return
        named_source = rel.source.field or rel.target.entity
        source_field = self.namer.field(source, named_source.value, named_source.loc)
        target_field: str | None = None
        if rel.target.field is not None:
            target_field = self.namer.field(target, rel.target.field.value, rel.target.field.loc)
        elif kind in ("OneToMany", "ManyToMany"):
            target_field = self.namer.field(target, rel.source.entity.value, rel.source.entity.loc)
        src = _Side(rel.source, source, source_field, self._is_builtin_user(rel.source))
        dst = _Side(rel.target, target, target_field, self._is_builtin_user(rel.target))
        key, reverse = (dst, src) if kind == "OneToMany" else (src, dst)
        self._methods(rel)
        self._place(rel, key, reverse)

    def _place(self, rel: JdlRelationship, key: _Side, reverse: _Side) -> None:
        kind = rel.kind.value
        key_card, reverse_card = _KINDS[kind]
        label = f"{kind} {rel.source.entity.value} to {rel.target.entity.value}"
        if key.builtin_user:
            self.report.unsupported(
                f"relationship {label} is not imported: its foreign key would be a field of "
                "the built-in User, which the spec cannot extend",
                key.jdl.entity.loc,
                hint="declare the relationship from the other entity to User",
            )
            return
        assert key.field is not None
        on_delete = self._annotations(rel, many_to_many=key_card == "many_to_many")
        key_def = FieldDef(
            name=key.field,
            type="relation",
            target=reverse.entity,
            cardinality=key_card,
            optional=not key.jdl.required,
            on_delete=on_delete,
            loc=(key.jdl.field or key.jdl.entity).loc,
        )
        if not self.drafts[key.jdl.entity.value].add(key_def, self.report, key.jdl.doc):
            return
        if reverse.field is None:
            return
        if reverse.builtin_user:
            if reverse.jdl.field is not None:
                self.report.unsupported(
                    f"relationship {label}: the field '{reverse.field}' on the built-in User "
                    "is not added (the spec cannot extend it); only "
                    f"{key.entity}.{key.field} is imported",
                    reverse.jdl.field.loc,
                )
            return
        reverse_def = FieldDef(
            name=reverse.field,
            type="relation",
            target=key.entity,
            cardinality=reverse_card,
            via=key.field,
            optional=not reverse.jdl.required,
            loc=(reverse.jdl.field or reverse.jdl.entity).loc,
        )
        self.drafts[reverse.jdl.entity.value].add(reverse_def, self.report, reverse.jdl.doc)

    def _entity(self, side: RelationshipSide, rel: JdlRelationship) -> str | None:
        name = side.entity.value
        if name in self.drafts:
            return self.drafts[name].name
        if name == USER:
            return USER
        label = f"{rel.kind.value} {rel.source.entity.value} to {rel.target.entity.value}"
        if name in _OTHER_BUILTINS:
            self.report.unsupported(
                f"relationship {label} is not imported: the built-in entity {name} has no "
                "counterpart in the spec",
                side.entity.loc,
                hint="roles are declared in the project (roles admin, staff)",
            )
            return None
        self.report.fail(
            "unknown-entity",
            f"relationship {label} names entity '{name}', which is not declared",
            side.entity.loc,
            hint=valid_choices(name, [*self.drafts, USER]),
        )
        return None

    def _is_builtin_user(self, side: RelationshipSide) -> bool:
        return side.entity.value == USER and USER not in self.drafts

    def _annotations(self, rel: JdlRelationship, *, many_to_many: bool) -> OnDelete | None:
        on_delete: OnDelete | None = None
        for annotation in (*rel.source.annotations, *rel.target.annotations):
            name = annotation.name[:1].lower() + annotation.name[1:]
            value = str(annotation.value or "").upper()
            if name == "onDelete" and value in _ON_DELETE and not many_to_many:
                on_delete = _ON_DELETE[value]
            elif name == "onDelete" and value not in _ON_DELETE:
                self.report.unsupported(
                    f"@OnDelete({annotation.value}) is not a known action; ignored",
                    annotation.loc,
                    hint=valid_choices(value, _ON_DELETE),
                )
            else:
                reason = {
                    "onDelete": "the rows of a many-to-many join table have no on-delete rule",
                    "onUpdate": "the spec has no on-update rule",
                    "id": "the spec has no derived (shared) primary keys",
                }.get(name, "unknown relationship annotation")
                self.report.unsupported(
                    f"relationship annotation @{annotation.name} is not represented: {reason}",
                    annotation.loc,
                )
        return on_delete

    def _methods(self, rel: JdlRelationship) -> None:
        for method in rel.methods:
            if method.value == "builtInEntity":
                continue
            reason = {
                "jpaDerivedIdentifier": "the spec has no derived (shared) primary keys",
            }.get(method.value, "unknown relationship method")
            self.report.unsupported(
                f"relationship method '{method.value}' is not represented: {reason}",
                method.loc,
            )
