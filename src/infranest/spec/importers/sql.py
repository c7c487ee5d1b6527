"""Import SQL DDL (PostgreSQL, MySQL, SQLite) as a spec.

The pipeline: ``sql_source`` cuts the script into statements (and detects the dialect),
``sql_collect``/``sql_tables`` read each statement's sqlglot tree into a ``Catalog`` in
script order, ``sql_build`` turns the catalog into entities (``sql_types`` maps types,
defaults and CHECKs; ``sql_names`` makes names). Mapping decisions, in short:

- ``CREATE TABLE`` → an entity named by the PascalCase of the table name with its last
  word singularised (``film_actor`` → ``FilmActor``, ``order_items`` → ``OrderItem``,
  ``categories`` → ``Category``); columns → snake_case fields.
- A single-column integer, bigint or uuid primary key is the entity's implicit id and is
  not a field. Any other single-column key stays a unique required field (warned: the
  entity gets a surrogate id). A composite key becomes a unique index over its fields
  (lossless, so not warned). A table without a key takes its integer ``id`` column or its
  one auto-numbered integer column as the id, else gets a surrogate id (warned).
- A single-column foreign key → a ``many_to_one`` relation (``one_to_one`` when the column
  is unique) named after the column minus ``_id``, unless another column has that name;
  no inverse fields are made. ``ON UPDATE`` is dropped without a warning: ids never
  change, so it never fires.
- Enum types, MySQL ``ENUM(...)`` and ``CHECK (col IN ('a', ...))`` on text → enums;
  domains resolve to their base type, constraints and default.
- Views, functions, procedures, aggregates, triggers, rules and sequences no id draws
  from → one ``sql-unsupported`` warning each. ``SET``, grants, ownership,
  ``CREATE EXTENSION``/``LANGUAGE``/``SCHEMA``/``DATABASE``, transactions and psql
  meta-commands carry no schema and are skipped silently (``DROP`` removes what it names);
  data statements are counted in one ``sql-data`` warning. Table comments become entity
  descriptions; column comments are dropped silently (fields have no description).
- A statement sqlglot cannot parse is one ``sql-syntax`` warning; in a ``CREATE TABLE``
  only the unreadable column or option is dropped. When no table at all can be read, the
  import raises SpecError with every syntax error.
"""

from __future__ import annotations

from pathlib import Path

from infranest.spec.builtins import finalize
from infranest.spec.diagnostics import Diagnostic, SpecError, error, valid_choices
from infranest.spec.importers import ImportResult
from infranest.spec.importers.sql_build import Builder
from infranest.spec.importers.sql_catalog import Catalog
from infranest.spec.importers.sql_collect import Collector
from infranest.spec.importers.sql_source import (
    DIALECTS,
    Dialect,
    LineIndex,
    Reporter,
    detect_dialect,
    split_statements,
)
from infranest.spec.names import to_snake

__all__ = ["import_sql"]


def import_sql(text: str, filename: str = "<string>", dialect: str | None = None) -> ImportResult:
    """Read SQL DDL into a spec; warnings name every construct that could not be kept.

    ``dialect`` is postgres, mysql or sqlite (detected from the text, then the file
    name, when not given). Raises SpecError when nothing can be imported.
    """
    chosen = _dialect(dialect, filename) if dialect is not None else detect_dialect(text, filename)
    reporter = Reporter(filename, LineIndex(text))
    catalog = Collector(chosen, reporter).run(split_statements(text, chosen))
    if not catalog.tables:
        raise SpecError(_nothing_imported(catalog, reporter), source=text)
    spec = Builder(catalog, reporter).spec(_project_name(filename), chosen)
    warnings = sorted(
        reporter.diagnostics, key=lambda d: (d.loc.line, d.loc.column) if d.loc else (0, 0)
    )
    return ImportResult(spec=finalize(spec), warnings=tuple(warnings))


def _dialect(name: str, filename: str) -> Dialect:
    found = DIALECTS.get(name.lower())
    if found is None:
        problem = error(
            "sql-dialect",
            f"unknown SQL dialect {name!r}",
            hint=valid_choices(name, ["postgres", "mysql", "sqlite"]),
            file=filename,
        )
        raise SpecError([problem])
    return found


def _nothing_imported(catalog: Catalog, reporter: Reporter) -> list[Diagnostic]:
    """Errors for a script that yields no table: its syntax errors, or the lack of tables."""
    if catalog.syntax_errors:
        return [
            error("sql-syntax", message, loc=reporter.loc(offset), file=reporter.filename)
            for message, offset in catalog.syntax_errors
        ]
    return [
        error(
            "sql-no-tables",
            "the SQL declares no table, so there is nothing to import",
            file=reporter.filename,
            hint="an import needs at least one CREATE TABLE statement",
        )
    ]


def _project_name(filename: str) -> str:
    stem = Path(filename).stem
    return "schema" if filename == "<string>" or not stem.strip("<>") else to_snake(stem)
