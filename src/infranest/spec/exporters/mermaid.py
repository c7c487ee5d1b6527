"""A Mermaid ``erDiagram`` of a spec's entities, their columns and relations.

Each entity lists ``id`` (PK), its columns in field order (a relation holding the foreign
key is ``<name>_id`` marked FK), then ``created_at``/``updated_at``, ``version`` and
``deleted_at`` as the entity asks. Each relation is drawn once, from the side that holds
the foreign key (or the first side of a many_to_many pair), labelled with that field's
name. Crow's feet: the left marker says how many rows of the left entity one right row
has; the right marker how many right rows one left row has (``||`` exactly one, ``o|``
zero or one, ``o{`` zero or more).
"""

from __future__ import annotations

from infranest.spec.builtins import finalize
from infranest.spec.model import Entity, FieldDef, Spec

_INDENT = "    "


def to_mermaid(spec: Spec) -> str:
    """The diagram text, ending with a newline; the same spec gives the same text."""
    spec = finalize(spec)
    lines = ["erDiagram"]
    for entity in spec.entities:
        lines.append(f"{_INDENT}{entity.name} {{")
        lines.extend(f"{_INDENT * 2}{row}" for row in _attributes(entity))
        lines.append(f"{_INDENT}}}")
    lines.extend(_INDENT + line for line in _relationships(spec))
    return "\n".join(lines) + "\n"


def _type(f: FieldDef) -> str:
    if f.type == "enum" and f.enum:
        return f.enum
    if f.type == "string" and f.length is not None:
        return f"string({f.length})"
    return str(f.type)


def _comment(f: FieldDef) -> str:
    notes: list[str] = []
    if f.optional:
        notes.append("optional")
    if f.type == "decimal" and f.precision is not None:
        notes.append(f"precision {f.precision} scale {f.scale or 0}")
    if f.owner:
        notes.append("owner")
    if f.tenant:
        notes.append("tenant")
    if f.pii is not None:
        notes.append(f"pii {f.pii}")
    return "; ".join(notes)


def _row(type_: str, name: str, keys: list[str], comment: str = "") -> str:
    row = f"{type_} {name}"
    if keys:
        row += " " + ", ".join(keys)
    if comment:
        row += f' "{comment}"'
    return row


def _attributes(entity: Entity) -> list[str]:
    rows = [_row("int", "id", ["PK"])]
    unique_columns = {i.fields[0] for i in entity.indexes if i.unique and len(i.fields) == 1}
    for f in entity.fields:
        if not f.has_column:
            continue
        unique = f.unique or f.name in unique_columns
        if f.type == "relation":
            keys = ["FK", "UK"] if unique or f.cardinality == "one_to_one" else ["FK"]
            rows.append(_row("int", f"{f.name}_id", keys, _comment(f)))
        else:
            rows.append(_row(_type(f), f.name, ["UK"] if unique else [], _comment(f)))
    if entity.timestamps:
        rows += [_row("datetime", "created_at", []), _row("datetime", "updated_at", [])]
    if entity.optimistic_lock:
        rows.append(_row("int", "version", []))
    if entity.soft_delete:
        rows.append(_row("datetime", "deleted_at", [], "soft delete"))
    return rows


def _points_back(spec: Spec, f: FieldDef, source: str, kinds: tuple[str, ...]) -> bool:
    """Whether ``f.via`` names a field of the target that holds the key back to ``source``."""
    target = spec.entity(f.target or "")
    other = target.field(f.via) if target is not None and f.via else None
    return (
        other is not None
        and other.type == "relation"
        and other.target == source
        and other.cardinality in kinds
        and other.via is None
    )


def _partner(spec: Spec, entity: Entity, f: FieldDef) -> tuple[str, str] | None:
    """The inverse side of a many_to_many: named by ``via`` or naming ``f`` in its ``via``."""
    target = spec.entity(f.target or "")
    if target is None:
        return None
    for other in target.fields:
        if other.cardinality != "many_to_many" or other.target != entity.name:
            continue
        if (other.name == f.via and (target.name, other.name) != (entity.name, f.name)) or (
            other.via == f.name
        ):
            return target.name, other.name
    return None


def _relationship(spec: Spec, entity: Entity, f: FieldDef, drawn: set[tuple[str, str]]) -> str:
    """The markers of ``f``'s line, or "" when another field draws it."""
    card = f.cardinality
    if card == "many_to_one":
        return "}o--o|" if f.optional else "}o--||"
    if card == "one_to_one" and f.via is None:
        return "|o--o|" if f.optional else "|o--||"
    if card == "one_to_one":
        return "" if _points_back(spec, f, entity.name, ("one_to_one",)) else "|o--o|"
    if card == "one_to_many":
        kinds = ("many_to_one", "one_to_one")
        return "" if _points_back(spec, f, entity.name, kinds) else "||--o{"
    if card == "many_to_many":
        partner = _partner(spec, entity, f)
        if partner is not None and partner in drawn:
            return ""
        drawn.add((entity.name, f.name))
        return "}o--o{"
    return ""


def _relationships(spec: Spec) -> list[str]:
    lines: list[str] = []
    drawn: set[tuple[str, str]] = set()
    for entity in spec.entities:
        for f in entity.fields:
            if f.type != "relation" or f.target is None or spec.entity(f.target) is None:
                continue
            markers = _relationship(spec, entity, f, drawn)
            if markers:
                lines.append(f'{entity.name} {markers} {f.target} : "{f.name}"')
    return lines
