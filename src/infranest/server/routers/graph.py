"""``POST /api/specs/graph``: a spec's entities, fields and relations with source lines.

The web UI's ER editor draws this graph and turns its edits into text edits at these lines,
so the server stays the one parser of the language.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from infranest.server.deps import CurrentUser
from infranest.server.problems import ProblemError, diagnostic_error
from infranest.server.routers.versions import SpecText
from infranest.server.specs import SPEC_FILE
from infranest.spec.diagnostics import SpecError
from infranest.spec.formatter import field_type
from infranest.spec.loader import load_text
from infranest.spec.model import Entity, EnumDef, FieldDef, Loc, Spec

router = APIRouter(tags=["specs"])


class GraphField(BaseModel):
    name: str
    type: str = Field(description="The model type: a scalar, 'enum' or 'relation'.")
    written: str = Field(description="The type as the DSL writes it, e.g. string(200), [Tag].")
    enum: str | None
    target: str | None
    cardinality: str | None
    via: str | None
    optional: bool
    unique: bool
    line: int | None


class GraphEntity(BaseModel):
    name: str
    doc: str | None
    line: int | None
    end_line: int | None
    builtin: bool
    fields: list[GraphField]


class GraphEnum(BaseModel):
    name: str
    members: list[str]
    line: int | None


class GraphOut(BaseModel):
    readable: bool = Field(description="False when the text cannot be parsed (empty graph).")
    valid: bool = Field(description="False when the text has errors.")
    entities: list[GraphEntity]
    enums: list[GraphEnum]
    diagnostics: list[ProblemError]


def _line(loc: Loc | None) -> int | None:
    return loc.line if loc is not None else None


def _field(f: FieldDef) -> GraphField:
    return GraphField(
        name=f.name,
        type=f.type,
        written=field_type(f),
        enum=f.enum,
        target=f.target,
        cardinality=f.cardinality,
        via=f.via,
        optional=f.optional,
        unique=f.unique,
        line=_line(f.loc),
    )


def _entity(e: Entity) -> GraphEntity:
    return GraphEntity(
        name=e.name,
        doc=e.description,
        line=_line(e.loc),
        end_line=e.loc.end_line if e.loc is not None else None,
        builtin=e.builtin,
        fields=[_field(f) for f in e.fields],
    )


def _enum(e: EnumDef) -> GraphEnum:
    return GraphEnum(name=e.name, members=[v.name for v in e.values], line=_line(e.loc))


def graph_of(spec: Spec) -> tuple[list[GraphEntity], list[GraphEnum]]:
    """The entities (declared ones first, in source order) and enums of ``spec``."""
    entities = sorted(spec.entities, key=lambda e: (e.builtin, _line(e.loc) or 0))
    return [_entity(e) for e in entities], [_enum(e) for e in spec.enums]


@router.post("/api/specs/graph")
def spec_graph(body: SpecText, user: CurrentUser) -> GraphOut:
    """The entity-relation graph of spec text, with the source line of every entity and
    field, and the diagnostics ``check`` reports; text that cannot be read at all gives an
    empty graph and its syntax errors."""
    try:
        loaded = load_text(body.text, SPEC_FILE)
    except SpecError as exc:
        errors = [diagnostic_error(d) for d in exc.diagnostics]
        return GraphOut(readable=False, valid=False, entities=[], enums=[], diagnostics=errors)
    entities, enums = graph_of(loaded.spec)
    return GraphOut(
        readable=True,
        valid=not loaded.errors,
        entities=entities,
        enums=enums,
        diagnostics=[diagnostic_error(d) for d in loaded.diagnostics],
    )
