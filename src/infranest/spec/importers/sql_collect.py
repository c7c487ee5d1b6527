"""Reads each statement of a SQL script into the catalog, warning about what it skips."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.expressions.datatypes import DType

from infranest.spec.importers.sql_catalog import Catalog, EnumType, Table
from infranest.spec.importers.sql_parse import (
    StatementHead,
    domain_definition,
    error_line,
    parse_sql,
    repair_create_table,
    statement_head,
)
from infranest.spec.importers.sql_source import DATA_VERBS, Chunk
from infranest.spec.importers.sql_tables import TableReader

_QUIET_CREATES = frozenset({"LANGUAGE", "PROCEDURAL", "EXTENSION", "SCHEMA", "DATABASE"})
_QUIET_VERBS = frozenset(
    {
        "SET", "RESET", "GRANT", "REVOKE", "LOCK", "UNLOCK", "USE", "BEGIN", "COMMIT", "START",
        "END", "ROLLBACK", "PRAGMA", "ANALYZE", "VACUUM", "CHECKPOINT", "DISCARD", "SELECT",
        "SHOW", "FLUSH", "SAVEPOINT", "RELEASE", "REINDEX", "CLUSTER", "DROP",
    }
)  # fmt: skip
_IMPORTED_CREATES = frozenset({"TABLE", "INDEX", "TYPE", "DOMAIN", "SEQUENCE"})
_QUIET_TREES = (
    exp.Set,
    exp.Grant,
    exp.Revoke,
    exp.Pragma,
    exp.Use,
    exp.Transaction,
    exp.Commit,
    exp.Rollback,
    exp.Query,
    exp.Show,
    exp.Describe,
    exp.Analyze,
)
_DATA_TREES = (exp.Insert, exp.Update, exp.Delete, exp.Copy, exp.Merge)
_HINTS = {
    "VIEW": "recreate it as a query or a custom action in the generated service",
    "FUNCTION": "move its logic into an action or the service's code",
    "PROCEDURE": "move its logic into an action or the service's code",
    "AGGREGATE": "move its logic into the service's code",
    "TRIGGER": "move its logic into the service's code (`timestamps` covers last-update columns)",
    "RULE": "move its logic into the service's code",
}


class Collector(TableReader):
    """Walks the statements in order and fills a :class:`Catalog`."""

    def run(self, chunks: list[Chunk]) -> Catalog:
        for chunk in chunks:
            self.base, self.exact = chunk.start, True
            self.statement(chunk)
        return self.catalog

    # -- statements -----------------------------------------------------------------

    def statement(self, chunk: Chunk) -> None:
        if chunk.kind == "meta":
            return
        if chunk.kind == "data":
            self.data()
            return
        try:
            trees = parse_sql(chunk.text, self.dialect)
        except SqlglotError as err:
            head = statement_head(chunk.text, self.dialect)
            if not (head.label == "CREATE TABLE" and self.recover_table(chunk)):
                self.command(head, chunk, err)
            return
        if any(isinstance(tree, exp.Command) for tree in trees):
            # A body sqlglot does not know (a trigger's BEGIN ... END) splits into
            # several commands: the statement is classified once, as a whole.
            head = statement_head(chunk.text, self.dialect)
            if not (head.label == "CREATE TABLE" and self.recover_table(chunk)):
                self.command(head, chunk, None)
            return
        for tree in trees:
            self.tree(tree, chunk)

    def tree(self, tree: exp.Expr, chunk: Chunk) -> None:
        if isinstance(tree, exp.Create):
            self.create(tree, chunk)
        elif isinstance(tree, exp.Alter):
            self.alter(tree, chunk)
        elif isinstance(tree, exp.Comment):
            self.comment(tree)
        elif isinstance(tree, exp.Drop):
            self.drop(tree)
        elif isinstance(tree, _DATA_TREES):
            self.data()
        elif not isinstance(tree, _QUIET_TREES):
            self.unsupported(statement_head(chunk.text, self.dialect))

    def command(self, head: StatementHead, chunk: Chunk, err: SqlglotError | None) -> None:
        """A statement sqlglot keeps as an opaque command, or could not parse."""
        verb, kind = head.verb, head.kind
        if verb in DATA_VERBS:
            self.data()
        elif verb == "CREATE" and kind == "DOMAIN" and err is None:
            self.domain(chunk)
        elif (
            (verb == "CREATE" and kind in _QUIET_CREATES)
            or verb in _QUIET_VERBS
            or (verb == "ALTER" and ("OWNER" in head.words or "OWNED" in head.words))
        ):
            return
        elif verb == "CREATE" and kind not in _IMPORTED_CREATES:
            self.unsupported(head)
        elif err is not None or verb == "CREATE":
            # A CREATE TABLE/INDEX/TYPE sqlglot only keeps as a Command did not parse either.
            self.syntax(chunk, err, head)
        else:
            self.unsupported(head)

    def syntax(self, chunk: Chunk, err: SqlglotError | None, head: StatementHead) -> None:
        message, line = error_line(err) if err is not None else ("not valid DDL", 1)
        start = 0
        for _ in range(line - 1):
            newline = chunk.text.find("\n", start)
            if newline < 0:
                break
            start = newline + 1
        offset = chunk.start + start + len(chunk.text[start:]) - len(chunk.text[start:].lstrip())
        what = head.label or "statement"
        self.warn(
            "sql-syntax",
            f"cannot parse this {what} statement ({message}); it is skipped",
            at=offset,
        )
        self.catalog.syntax_errors.append((f"{what}: {message}", offset))

    def unsupported(self, head: StatementHead) -> None:
        kind = head.kind or head.verb
        label = f"{head.label} {head.name}".strip()
        path = f"{kind.lower()} {head.name}".strip() if head.name else None
        self.warn(
            "sql-unsupported",
            f"{label} is not imported: the spec has no equivalent",
            at=self.base,
            path=path,
            hint=_HINTS.get(kind.split()[-1] if kind else ""),
        )

    def data(self) -> None:
        if self.catalog.first_data_at is None:
            self.catalog.first_data_at = self.base
        self.catalog.data_statements += 1

    # -- CREATE ---------------------------------------------------------------------

    def create(self, tree: exp.Create, chunk: Chunk) -> None:
        kind = str(tree.args.get("kind") or "").upper()
        if kind == "TABLE" and isinstance(tree.this, exp.Schema) and tree.expression is None:
            self.create_table(tree)
        elif kind == "INDEX":
            self.create_index(tree)
        elif kind == "TYPE" and isinstance(tree.expression, exp.DataType):
            if tree.expression.this == DType.ENUM:
                values = tuple(v.name for v in tree.expression.expressions)
                enum = EnumType(tree.this.name, values, self.at(tree.this))
                self.catalog.enums[enum.name.lower()] = enum
            else:
                self.unsupported(statement_head(chunk.text, self.dialect))
        elif kind == "SEQUENCE":
            self.catalog.sequences[tree.this.name.lower()] = (tree.this.name, self.base)
        elif kind not in ("SCHEMA", "DATABASE"):
            self.unsupported(statement_head(chunk.text, self.dialect))

    def domain(self, chunk: Chunk) -> None:
        """``CREATE DOMAIN``: its base type and constraints, kept for the columns using it."""
        try:
            found = domain_definition(chunk.text, self.dialect)
        except SqlglotError as err:
            self.syntax(chunk, err, statement_head(chunk.text, self.dialect))
            return
        if found is None:
            self.unsupported(statement_head(chunk.text, self.dialect))
            return
        name, cdef = found
        self.exact = False
        column = self.column_def(None, cdef)
        column.name, column.at = name, self.base
        self.catalog.domains[name.lower()] = column

    def recover_table(self, chunk: Chunk) -> bool:
        """Import what can be read of a ``CREATE TABLE`` sqlglot rejects as a whole."""
        repair = repair_create_table(chunk.text, self.dialect)
        if repair is None:
            return False
        for note in repair.notes:
            path = f"table {statement_head(chunk.text, self.dialect).name}"
            if note.column:
                path += f".column {note.column}"
            self.warn(note.code, note.message, at=chunk.start + note.offset, path=path)
        tree = parse_sql(repair.text, self.dialect)[0]
        assert isinstance(tree, exp.Create)
        self.create_table(tree)
        return True

    # -- ALTER, COMMENT, DROP -------------------------------------------------------

    def alter(self, tree: exp.Alter, chunk: Chunk) -> None:
        if str(tree.args.get("kind") or "").upper() != "TABLE":
            self.unsupported(statement_head(chunk.text, self.dialect))
            return
        table = self.catalog.table(tree.this.name)
        if table is None:
            self.warn(
                "sql-unknown-table",
                f"ALTER TABLE {tree.this.name}: this file does not define the table",
                path=f"table {tree.this.name}",
            )
            return
        for action in tree.args.get("actions") or []:
            self.alter_action(table, action)

    def alter_action(self, table: Table, action: exp.Expression) -> None:
        path = f"table {table.name}"
        if isinstance(action, exp.AddConstraint):
            for item in action.expressions:
                self.table_item(table, item)
        elif isinstance(action, exp.ColumnDef):
            self.table_item(table, action)
        elif isinstance(action, exp.AlterColumn):
            self.alter_column(table, action)
        elif isinstance(action, exp.ModifyColumn):
            old = table.column(str(action.args.get("rename_from") or action.this.name))
            new = self.column_def(table, action.this)
            if old is None:
                table.columns.append(new)
            else:
                table.columns[table.columns.index(old)] = new
        elif isinstance(action, exp.RenameColumn):
            column = table.column(action.this.name)
            if column is not None:
                column.name = action.args["to"].name
        elif isinstance(action, exp.AlterRename):
            del self.catalog.tables[table.name.lower()]
            table.name = action.this.name
            self.catalog.tables[table.name.lower()] = table
        elif isinstance(action, exp.Drop) and str(action.args.get("kind")).upper() == "COLUMN":
            for node in action.args.get("tables") or []:
                column = table.column(node.name)
                if column is not None:
                    table.columns.remove(column)
        else:
            self.warn(
                "sql-unsupported",
                f"ALTER TABLE {table.name} {self.sql(action)} is not applied",
                node=action,
                path=path,
            )

    def alter_column(self, table: Table, action: exp.AlterColumn) -> None:
        column = table.column(action.name)
        if column is None:
            self.warn(
                "sql-unknown-column",
                f"ALTER COLUMN {action.name}: no such column",
                path=f"table {table.name}",
            )
            return
        if action.args.get("dtype") is not None:
            column.dtype = action.args["dtype"]
        if action.args.get("default") is not None:
            self.set_default(column, action.args["default"])
        if action.args.get("allow_null") is not None:
            column.not_null = not action.args["allow_null"]
        elif action.args.get("drop"):
            column.default, column.sequence, column.auto = None, None, False

    def comment(self, tree: exp.Comment) -> None:
        """``COMMENT ON TABLE`` becomes the entity's description; ``ON TYPE`` the enum's.

        Column comments have no place in the spec (fields carry no description).
        """
        kind = str(tree.args.get("kind") or "").upper()
        text = tree.expression.name if isinstance(tree.expression, exp.Literal) else None
        if kind == "TABLE" and (table := self.catalog.table(tree.this.name)) is not None:
            table.description = text
        elif kind == "TYPE" and (enum := self.catalog.enums.get(tree.this.name.lower())):
            enum.description = text

    def drop(self, tree: exp.Drop) -> None:
        kind = str(tree.args.get("kind") or "").upper()
        for node in tree.args.get("tables") or []:
            key = node.name.lower()
            if kind == "TABLE":
                self.catalog.tables.pop(key, None)
            elif kind == "TYPE":
                self.catalog.enums.pop(key, None)
            elif kind == "DOMAIN":
                self.catalog.domains.pop(key, None)
            elif kind == "SEQUENCE":
                self.catalog.sequences.pop(key, None)
