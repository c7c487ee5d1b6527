"""Reads ``CREATE TABLE`` and ``CREATE INDEX`` trees (and the keys ``ALTER TABLE`` adds)."""

from __future__ import annotations

import dataclasses

from sqlglot import exp
from sqlglot.expressions.datatypes import DType

from infranest.spec.importers.sql_catalog import Catalog, Column, ForeignKey, IndexDef, Table
from infranest.spec.importers.sql_parse import column_name, key_columns, reference_target
from infranest.spec.importers.sql_source import Dialect, Reporter
from infranest.spec.importers.sql_types import check_columns, sequence_of, user_type_name

_STORAGE_PROPERTIES = (
    exp.EngineProperty,
    exp.CharacterSetProperty,
    exp.CollateProperty,
    exp.AutoIncrementProperty,
    exp.RowFormatProperty,
    exp.ChecksumProperty,
)
_QUIET_CONSTRAINTS = (
    exp.CommentColumnConstraint,
    exp.CollateColumnConstraint,
    exp.CharacterSetColumnConstraint,
    exp.ZeroFillColumnConstraint,
)
_SERIAL_TYPES = frozenset({DType.SERIAL, DType.SMALLSERIAL, DType.BIGSERIAL})


def _is_tsvector(table: Table, name: str) -> bool:
    column = table.column(name)
    return column is not None and (user_type_name(column.dtype) or "").lower() == "tsvector"


class TableReader:
    """Fills a :class:`Catalog` with tables; keeps the offsets that warnings point at."""

    def __init__(self, dialect: Dialect, reporter: Reporter) -> None:
        self.catalog = Catalog(dialect)
        self.dialect: Dialect = dialect
        self.reporter = reporter
        self.base = 0
        self.exact = True

    # -- plumbing -------------------------------------------------------------------

    def at(self, node: exp.Expression | None) -> int:
        """The file offset of ``node`` (the statement's start when sqlglot kept none)."""
        if node is None or not self.exact:
            return self.base
        for found in node.walk():
            meta = found.meta if isinstance(found, exp.Identifier) else {}
            if "start" in meta:
                return self.base + int(meta["start"])
        return self.base

    def warn(
        self,
        code: str,
        message: str,
        *,
        node: exp.Expression | None = None,
        at: int | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.reporter.warn(
            code, message, at=self.at(node) if at is None else at, path=path, hint=hint
        )

    def sql(self, node: exp.Expression) -> str:
        return node.sql(dialect=self.dialect)

    # -- tables ---------------------------------------------------------------------

    def create_table(self, tree: exp.Create) -> None:
        schema = tree.this
        name = schema.this.name
        table = Table(name, self.at(schema.this))
        path = f"table {name}"
        properties = tree.args.get("properties")
        for prop in properties.expressions if properties else []:
            if isinstance(prop, exp.TemporaryProperty):
                self.warn("sql-unsupported", f"temporary table {name} is not imported", path=path)
                return
            if isinstance(prop, exp.InheritsProperty):
                for parent in prop.expressions:
                    self.inherit(table, parent.name)
            elif isinstance(prop, exp.SchemaCommentProperty):
                table.description = prop.this.name
            elif not isinstance(prop, _STORAGE_PROPERTIES):
                self.warn(
                    "sql-table-option",
                    f"table option {self.sql(prop)} is not represented in the spec",
                    node=schema.this,
                    path=path,
                )
        if self.catalog.table(name) is not None:
            if tree.args.get("exists"):
                return
            self.warn(
                "sql-duplicate", f"table {name} is created twice; the later one wins", path=path
            )
            del self.catalog.tables[name.lower()]
        self.catalog.tables[name.lower()] = table
        for item in schema.expressions:
            self.table_item(table, item)

    def inherit(self, table: Table, parent_name: str) -> None:
        parent = self.catalog.table(parent_name)
        path = f"table {table.name}"
        if parent is None:
            self.warn(
                "sql-inherits",
                f"table {table.name} inherits from {parent_name}, which this file does not define",
                path=path,
            )
            return
        for column in parent.columns:
            copy = dataclasses.replace(
                column, primary=False, unique=False, checks=list(column.checks), at=table.at
            )
            table.columns.append(copy)
        self.warn(
            "sql-inherits",
            f"table {table.name} inherits from {parent.name}: the spec has no table "
            f"inheritance, so {parent.name}'s columns are copied into it",
            path=path,
        )

    def table_item(self, table: Table, item: exp.Expression) -> None:
        """A column or a table constraint, from ``CREATE TABLE`` or ``ALTER TABLE ADD``."""
        path = f"table {table.name}"
        if isinstance(item, exp.ColumnDef):
            column = self.column_def(table, item)
            existing = table.column(column.name)
            if existing is not None:
                self.warn(
                    "sql-duplicate", f"column {column.name} is declared twice", node=item, path=path
                )
                table.columns.remove(existing)
            table.columns.append(column)
        elif isinstance(item, exp.Constraint):
            for part in item.expressions:
                self.table_item(table, part)
        elif isinstance(item, exp.PrimaryKey):
            self.primary_key(table, item)
        elif isinstance(item, exp.ForeignKey):
            columns = tuple(column_name(c) or "" for c in item.expressions)
            self.foreign_key(table, columns, item.args["reference"], item)
        elif isinstance(item, exp.UniqueColumnConstraint):
            self.key_index(table, item, unique=True)
        elif isinstance(item, exp.IndexColumnConstraint):
            self.key_index(table, item, unique=False)
        elif isinstance(item, exp.CheckColumnConstraint):
            self.table_check(table, item.this)
        elif isinstance(item, exp.LikeProperty):
            source = self.catalog.table(item.this.name)
            if source is None:
                self.warn("sql-unknown-table", f"LIKE {item.this.name}: no such table", path=path)
            else:
                table.columns.extend(
                    dataclasses.replace(c, checks=list(c.checks)) for c in source.columns
                )
        else:
            self.warn(
                "sql-unsupported",
                f"table constraint {self.sql(item)} is not represented in the spec",
                node=item,
                path=path,
            )

    def primary_key(self, table: Table, item: exp.Expression) -> None:
        columns = key_columns(item)
        if columns is None:
            self.warn(
                "sql-primary-key", f"primary key {self.sql(item)} is not a column list", node=item
            )
            return
        table.primary_key = columns
        for name in columns:
            column = table.column(name)
            if column is None:
                self.warn(
                    "sql-unknown-column",
                    f"primary key column {name} does not exist",
                    node=item,
                    path=f"table {table.name}",
                )
            else:
                column.not_null = True

    def foreign_key(
        self, table: Table, columns: tuple[str, ...], ref: exp.Reference, node: exp.Expression
    ) -> None:
        target, ref_columns, on_delete = reference_target(ref)
        table.foreign_keys.append(
            ForeignKey(columns, target, ref_columns, on_delete, self.at(node))
        )

    def key_index(self, table: Table, item: exp.Expression, *, unique: bool) -> None:
        path = f"table {table.name}"
        columns = key_columns(item)
        if columns is None:
            self.warn(
                "sql-index",
                f"key {self.sql(item)} indexes expressions; not imported",
                node=item,
                path=path,
            )
            return
        kind = str(item.args.get("kind") or "").upper()
        listed = ", ".join(columns)
        if kind == "FULLTEXT":
            self.warn(
                "sql-index",
                f"FULLTEXT key on {listed}: the fields become the entity's search fields",
                node=item,
                path=path,
            )
        elif kind:
            self.warn(
                "sql-index",
                f"{kind} key on {listed} is imported as a plain index",
                node=item,
                path=path,
            )
        if item.find(exp.ColumnPrefix) is not None:
            self.warn(
                "sql-index",
                f"key on {listed} indexes a column prefix; the whole column is indexed",
                node=item,
                path=path,
            )
        table.indexes.append(IndexDef(columns, unique, self.at(item), search=kind == "FULLTEXT"))

    def table_check(self, table: Table, check: exp.Expression) -> None:
        names = check_columns(check)
        column = table.column(next(iter(names))) if len(names) == 1 else None
        if column is not None:
            column.checks.append(check)
            return
        self.warn(
            "sql-check",
            f"CHECK ({self.sql(check)}) reads {len(names)} columns; the spec cannot hold it",
            node=check,
            path=f"table {table.name}",
        )

    def column_def(self, table: Table | None, cdef: exp.ColumnDef) -> Column:
        kind = cdef.args.get("kind")
        column = Column(cdef.name, kind if isinstance(kind, exp.DataType) else None, self.at(cdef))
        column.auto = column.dtype is not None and column.dtype.this in _SERIAL_TYPES
        for constraint in cdef.constraints:
            self.column_constraint(table, column, constraint.args.get("kind"))
        return column

    def column_constraint(self, table: Table | None, column: Column, kind: object) -> None:
        where = (
            f"table {table.name}.column {column.name}" if table else f"domain.column {column.name}"
        )
        if isinstance(kind, exp.NotNullColumnConstraint):
            column.not_null = not kind.args.get("allow_null")
        elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
            column.primary = column.not_null = True
        elif isinstance(kind, exp.UniqueColumnConstraint):
            column.unique = True
        elif isinstance(kind, exp.DefaultColumnConstraint):
            self.set_default(column, kind.this)
        elif isinstance(
            kind, (exp.AutoIncrementColumnConstraint, exp.GeneratedAsIdentityColumnConstraint)
        ):
            column.auto = True
        elif isinstance(kind, exp.Reference) and table is not None:
            self.foreign_key(table, (column.name,), kind, kind)
        elif isinstance(kind, exp.CheckColumnConstraint):
            column.checks.append(kind.this)
        elif isinstance(kind, exp.ComputedColumnConstraint):
            column.computed = True
            self.warn(
                "sql-column",
                f"generated column ({self.sql(kind.this)}): imported as a read-only field; "
                "the expression is not kept",
                at=column.at,
                path=where,
            )
        elif isinstance(kind, exp.OnUpdateColumnConstraint):
            self.warn(
                "sql-column",
                f"ON UPDATE {self.sql(kind.this)} is not represented in the spec",
                at=column.at,
                path=where,
                hint="an updated-at column is what `timestamps` generates",
            )
        elif isinstance(kind, exp.Expression) and not isinstance(kind, _QUIET_CONSTRAINTS):
            self.warn(
                "sql-column",
                f"column constraint {self.sql(kind)} is not represented in the spec",
                at=column.at,
                path=where,
            )

    def set_default(self, column: Column, value: exp.Expression | None) -> None:
        sequence = sequence_of(value)
        if sequence is not None:
            column.auto, column.sequence, column.default = True, sequence, None
        else:
            column.default = value

    def create_index(self, tree: exp.Create) -> None:
        index = tree.this
        params = index.args.get("params")
        table_node = index.args.get("table")
        name = index.name
        path = f"index {name}"
        table = self.catalog.table(table_node.name) if table_node is not None else None
        if table is None or params is None:
            self.warn(
                "sql-unknown-table",
                f"index {name} is on a table this file does not define",
                path=path,
            )
            return
        items = params.args.get("columns") or []
        columns = [column_name(item) for item in items]
        if not columns or any(c is None for c in columns):
            self.warn(
                "sql-index",
                f"index {name} is on expressions; the spec indexes columns only",
                path=path,
            )
            return
        if params.args.get("where") is not None:
            self.warn(
                "sql-index",
                f"partial index {name} ({self.sql(params.args['where'])}) is not imported",
                path=path,
            )
            return
        names = tuple(c for c in columns if c)
        using = params.args.get("using")
        method = using.name.lower() if isinstance(using, exp.Expression) else "btree"
        search = method in ("gin", "gist") and all(_is_tsvector(table, c) for c in names)
        if search:
            message = f"index {name} ({method} on a tsvector): the fields become search fields"
            self.warn("sql-index", message, path=path)
        elif method != "btree":
            message = f"index {name} uses {method}; imported as a plain index"
            self.warn("sql-index", message, path=path)
        unique = bool(tree.args.get("unique"))
        table.indexes.append(IndexDef(names, unique, self.base, name, search=search))
