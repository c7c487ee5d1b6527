"""Lookups shared by the OpenAPI importer tests."""

from __future__ import annotations

from typing import Any

from infranest.spec.diagnostics import Diagnostic
from infranest.spec.importers import ImportResult
from infranest.spec.model import Entity, FieldDef, Spec
from infranest.spec.validate import validate


def entity_of(spec: Spec, name: str) -> Entity:
    entity = spec.entity(name)
    assert entity is not None, f"no entity {name}: {[e.name for e in spec.entities]}"
    return entity


def field_of(spec: Spec, entity: str, name: str) -> FieldDef:
    found = entity_of(spec, entity).field(name)
    assert found is not None, f"no field {entity}.{name}"
    return found


def shape(field: FieldDef) -> dict[str, Any]:
    """A field's non-default attributes, name left out."""
    data = field.model_dump(exclude_defaults=True)
    data.pop("name")
    return data


def messages(result: ImportResult) -> list[str]:
    return [w.message for w in result.warnings]


def warned(result: ImportResult, *parts: str) -> list[Diagnostic]:
    """The warnings whose message contains every one of ``parts``."""
    return [w for w in result.warnings if all(p in w.message for p in parts)]


def validation_errors(spec: Spec) -> list[Diagnostic]:
    return [d for d in validate(spec) if d.is_error]
