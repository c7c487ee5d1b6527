"""Import a JHipster Domain Language (JDL) file as a spec.

The whole language is read (applications, entities, enums, relationships, options,
deployments, constants, annotations, javadoc). What the spec can say is mapped; what it
cannot is named in a ``jdl-unsupported`` warning with its location. Syntax errors, and
JDL that JHipster itself would reject (unknown types, undeclared entities or constants,
duplicates), raise SpecError with every error found.

Mapping decisions:

- Project: name from ``baseName`` (else the file name), description from a javadoc before
  the application, auth from ``authenticationType`` (jwt, session, oauth2 with provider
  ``oidc``; jwt without an application, JHipster's default, so ``User`` exists), database
  from ``prodDatabaseType`` (postgresql, mysql; mariadb becomes mysql with a warning).
- Entities keep their JDL names; fields become snake_case. A name that breaks generated
  code (``type``, ``class``) is renamed with a ``jdl-renamed`` warning (``Ticket.type``
  becomes ``ticket_type``). Entity and enum javadoc become descriptions; field,
  relationship-side and enum-value javadoc become comments anchored ``field:<name>`` /
  ``value:<NAME>``, one per line as the DSL keeps ``#`` comments. ``//`` and ``/* */``
  comments are not kept.
- Types: String string (``maxlength`` sets its length; beyond 10485760 it becomes text with
  ``max_length``), Integer int, Long bigint, BigDecimal decimal(21,2) as JHipster's
  Liquibase column, Float/Double float, Boolean bool, LocalDate date, ZonedDateTime/Instant
  datetime, LocalTime time, UUID uuid, TextBlob text, Blob/AnyBlob/ImageBlob file,
  Duration bigint (JHipster's BIGINT column) with a warning.
- A JDL field named ``id`` is dropped with a warning: the spec's primary key is implicit.
- Relationships: see ``jdl_relations``; the display field ``(name)`` only picks the label
  of a select box in JHipster's UI and is dropped without a warning.
- Options: see ``jdl_options``.
"""

from __future__ import annotations

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.importers import ImportResult
from infranest.spec.importers.jdl_ast import JdlDocument, build_document
from infranest.spec.importers.jdl_fields import EntityDraft, FieldMapper, Namer, Report, map_enum
from infranest.spec.importers.jdl_options import OptionMapper
from infranest.spec.importers.jdl_project import build_project, scopes
from infranest.spec.importers.jdl_relations import RelationshipMapper
from infranest.spec.importers.jdl_syntax import parse_jdl
from infranest.spec.model import EnumDef, Spec

__all__ = ["import_jdl"]


def import_jdl(text: str, filename: str = "<string>") -> ImportResult:
    """Parse JDL text and map it to a spec; warnings name what the spec cannot represent."""
    document = build_document(parse_jdl(text, filename), filename)
    report = Report()
    project = build_project(document, filename, report)
    namer = Namer(project.database, report)
    constants = _constants(document, report)
    enums = _enums(document, namer)
    drafts = _entities(document, {k: e.name for k, e in enums.items()}, constants, namer)
    relations = RelationshipMapper(drafts, namer)
    for relationship in document.relationships:
        relations.add(relationship)
    options = OptionMapper(drafts, report)
    options.apply_all(document, scopes(document, tuple(drafts), report))
    options.finish()
    errors, warnings = _in_source_order(report.errors), _in_source_order(report.warnings)
    if errors:
        raise SpecError([*errors, *warnings], source=text)
    spec = Spec(
        project=project,
        enums=tuple(enums.values()),
        entities=tuple(d.build() for d in drafts.values()),
    )
    return ImportResult(spec=finalize(spec), warnings=warnings)


def _in_source_order(found: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(found, key=lambda d: (d.loc.line, d.loc.column) if d.loc else (0, 0)))


def _constants(document: JdlDocument, report: Report) -> dict[str, int | float]:
    constants: dict[str, int | float] = {}
    for constant in document.constants:
        if constant.name.value in constants:
            report.fail(
                "duplicate-constant",
                f"constant {constant.name.value} is declared twice",
                constant.name.loc,
            )
        constants[constant.name.value] = constant.value
    return constants


def _enums(document: JdlDocument, namer: Namer) -> dict[str, EnumDef]:
    enums: dict[str, EnumDef] = {}
    for source in document.enums:
        if source.name.value in enums:
            namer.report.fail(
                "duplicate-enum", f"enum {source.name.value} is declared twice", source.name.loc
            )
            continue
        enums[source.name.value] = map_enum(source, namer)
    return enums


def _entities(
    document: JdlDocument,
    enums: dict[str, str],
    constants: dict[str, int | float],
    namer: Namer,
) -> dict[str, EntityDraft]:
    report = namer.report
    mapper = FieldMapper(enums, constants, namer)
    drafts: dict[str, EntityDraft] = {}
    for source in document.entities:
        jdl_name = source.name.value
        if jdl_name in drafts or jdl_name in enums:
            kind = "an entity" if jdl_name in drafts else "an enum"
            report.fail(
                "duplicate-entity",
                f"{jdl_name} is already declared as {kind}",
                source.name.loc,
            )
            continue
        draft = EntityDraft(name=namer.type(source.name, "entity"), source=source)
        if source.table is not None:
            report.unsupported(
                f"table name '{source.table.value}' of entity {jdl_name} is not represented: "
                "generators derive table names from entity names",
                source.table.loc,
            )
        for field in source.fields:
            definition = mapper.map(draft.name, field)
            if definition is not None:
                draft.add(definition, report, field.doc)
        drafts[jdl_name] = draft
    return drafts
