"""Definitions the language provides without being written: the ``User`` entity."""

from __future__ import annotations

from infranest.spec.model import Entity, FieldDef, Spec

USER = "User"


def builtin_user() -> Entity:
    """The account entity that exists whenever the project has authentication.

    A spec may declare ``entity User`` itself to add fields; the generators add the
    credentials (password hash, last login) either way.
    """
    return Entity(
        name=USER,
        builtin=True,
        fields=(
            FieldDef(name="email", type="email", unique=True, pii="contact"),
            FieldDef(name="name", type="string", length=150, optional=True, pii="identity"),
        ),
        timestamps=True,
    )


def finalize(spec: Spec) -> Spec:
    """Add or drop the built-in ``User`` so the spec holds it exactly when it should.

    Idempotent: ``finalize(finalize(s)) == finalize(s)``. The built-in is placed first.
    """
    declared = [e for e in spec.entities if not e.builtin]
    wants_builtin = spec.project.auth.enabled and all(e.name != USER for e in declared)
    entities = ((builtin_user(),) if wants_builtin else ()) + tuple(declared)
    if entities == spec.entities:
        return spec
    return spec.model_copy(update={"entities": entities})
