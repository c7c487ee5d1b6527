"""sqlglot plumbing for the SQL importer: parsing, tokens, statement heads, repairs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect as SqlglotDialect
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.tokenizer_core import Token, TokenType

from infranest.spec.importers.sql_source import Dialect
from infranest.spec.importers.sql_types import affinity_keyword


class _Silence(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep sqlglot's 'falling back to Command' log lines out of the user's output."""
    logger = logging.getLogger("sqlglot")
    silence = _Silence()
    logger.addFilter(silence)
    try:
        yield
    finally:
        logger.removeFilter(silence)


def parse_sql(sql: str, dialect: Dialect) -> list[exp.Expr]:
    with _quiet():
        return [tree for tree in sqlglot.parse(sql, read=dialect) if tree is not None]


def tokenize(sql: str, dialect: Dialect) -> list[Token]:
    return list(SqlglotDialect.get_or_raise(dialect).tokenize(sql))


def error_line(err: SqlglotError) -> tuple[str, int]:
    """The first message of a sqlglot error and its 1-based line within the statement."""
    if isinstance(err, ParseError) and err.errors:
        first = err.errors[0]
        text = _TOKEN_REPR.sub(r"'\1'", str(first.get("description") or err).strip())
        return text, int(first.get("line") or 1)
    return str(err).splitlines()[0] if str(err) else type(err).__name__, 1


_TOKEN_REPR = re.compile(r"<Token token_type: [^,]*, text: (.*?), line: .*?>")


_MODIFIERS = frozenset(
    {"OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "TRUSTED", "UNLOGGED", "GLOBAL", "LOCAL"}
)


_NAME_TOKENS = frozenset({TokenType.IDENTIFIER, TokenType.STRING, TokenType.VAR})


@dataclass
class StatementHead:
    """The leading words of a statement: what it is (``CREATE VIEW``) and what it names."""

    verb: str
    kind: str
    name: str
    words: list[str]

    @property
    def label(self) -> str:
        return f"{self.verb} {self.kind}".strip()


def statement_head(sql: str, dialect: Dialect) -> StatementHead:
    """What a statement is and names, read from its first tokens."""
    words: list[str] = []
    try:
        for token in tokenize(sql, dialect):
            keep = token.token_type in _NAME_TOKENS
            words.extend([token.text] if keep else token.text.split())
    except SqlglotError:
        words = sql.split()
    upper = [w.upper() for w in words]
    verb = upper[0] if upper else ""
    rest = [i for i in range(1, len(upper)) if upper[i] not in _MODIFIERS]
    if verb not in ("CREATE", "ALTER", "DROP", "COMMENT") or not rest:
        return StatementHead(verb, "", "", upper)
    kind_at = rest[0]
    kind = upper[kind_at]
    if kind == "MATERIALIZED" and kind_at + 1 < len(upper):
        kind_at += 1
        kind = f"MATERIALIZED {upper[kind_at]}"
    names = [
        w for w in words[kind_at + 1 : kind_at + 6] if w.upper() not in ("IF", "NOT", "EXISTS")
    ]
    name = names[0] if names else ""
    if len(names) >= 3 and names[1] == ".":
        name = names[2]
    return StatementHead(verb, kind, name, upper)


def reference_target(ref: exp.Reference) -> tuple[str, tuple[str, ...], str | None]:
    """The table, columns and ``ON DELETE`` action of a ``REFERENCES`` clause."""
    target = ref.this
    table = target.this if isinstance(target, exp.Schema) else target
    columns = (
        tuple(column_name(c) or "" for c in target.expressions)
        if isinstance(target, exp.Schema)
        else ()
    )
    on_delete = None
    for option in ref.args.get("options") or []:
        text = " ".join(str(option).upper().split())
        if text.startswith("ON DELETE "):
            on_delete = text.removeprefix("ON DELETE ")
    return table.name, columns, on_delete


def column_name(node: exp.Expression) -> str | None:
    """The column an index or key item names (None for an expression)."""
    while isinstance(node, (exp.Ordered, exp.ColumnPrefix)):
        node = node.this
    if isinstance(node, (exp.Identifier, exp.Column)):
        return str(node.name)
    return None


def key_columns(node: exp.Expression) -> tuple[str, ...] | None:
    """The columns of ``PRIMARY KEY (...)``, ``UNIQUE (...)``, ``KEY k (...)``."""
    items = node.expressions
    if isinstance(node, exp.UniqueColumnConstraint):
        schema = node.this
        items = schema.expressions if isinstance(schema, exp.Schema) else []
    names = [column_name(item) for item in items]
    if not names or any(n is None for n in names):
        return None
    return tuple(n for n in names if n is not None)


@dataclass(frozen=True)
class ItemSpan:
    """One item between the parentheses of ``CREATE TABLE``: a column or a constraint.

    ``start``/``end`` bound its text; ``comma`` is the offset of the comma after it.
    """

    start: int
    end: int
    comma: int | None
    tokens: tuple[Token, ...]


def split_table_items(sql: str, dialect: Dialect) -> tuple[list[ItemSpan], int] | None:
    """The items of ``CREATE TABLE name (items) tail`` and the offset where ``tail``
    starts; None when the statement does not have that shape."""
    tokens = tokenize(sql, dialect)
    start = next((i for i, t in enumerate(tokens) if t.token_type == TokenType.TABLE), None)
    opening = next(
        (i for i in range(start or 0, len(tokens)) if tokens[i].token_type == TokenType.L_PAREN),
        None,
    )
    if start is None or opening is None:
        return None
    items: list[ItemSpan] = []
    current: list[Token] = []
    depth = 0
    for token in tokens[opening + 1 :]:
        kind = token.token_type
        if depth == 0 and kind in (TokenType.COMMA, TokenType.R_PAREN):
            if current:
                comma = token.start if kind == TokenType.COMMA else None
                items.append(ItemSpan(current[0].start, current[-1].end + 1, comma, tuple(current)))
            current = []
            if kind == TokenType.R_PAREN:
                return items, token.end + 1
            continue
        depth += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(kind, 0)
        current.append(token)
    return None


_COLUMN_STOP_WORDS = frozenset(
    {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
     "REFERENCES", "GENERATED", "AS", "AUTOINCREMENT"}
)  # fmt: skip


@dataclass(frozen=True)
class RepairNote:
    """Something a repair dropped or changed: ``offset`` is within the statement."""

    code: str
    message: str
    offset: int
    column: str | None = None


@dataclass
class Repair:
    """A ``CREATE TABLE`` with its unreadable parts blanked out, and what was done."""

    text: str
    notes: list[RepairNote] = field(default_factory=list)


def _blank(text: str) -> str:
    """Spaces in place of ``text``, keeping its line breaks so offsets stay valid."""
    return "".join(ch if ch == "\n" else " " for ch in text)


def parses_as_table(sql: str, dialect: Dialect) -> bool:
    try:
        trees = parse_sql(sql, dialect)
    except SqlglotError:
        return False
    return (
        len(trees) == 1
        and isinstance(trees[0], exp.Create)
        and isinstance(trees[0].this, exp.Schema)
    )


def repair_create_table(sql: str, dialect: Dialect) -> Repair | None:
    """The statement minus the items sqlglot cannot read, or None if that does not help.

    Each column or constraint is tried alone; one that fails is blanked out (in SQLite
    an unknown multi-word type name is first replaced by the affinity it implies), and
    so are table options that fail. Blanking keeps every other offset in place.
    """
    try:
        shape = split_table_items(sql, dialect)
    except SqlglotError:
        return None
    if shape is None:
        return None
    items, tail_at = shape
    table = statement_head(sql, dialect).name or "?"
    repair = Repair(sql)
    for number, item in enumerate(items):
        if parses_as_table(f"CREATE TABLE t ({sql[item.start : item.end]})", dialect):
            continue
        if dialect == "sqlite" and _sqlite_retype(repair, item, table):
            continue
        start = item.start
        end = item.comma + 1 if item.comma is not None else item.end
        if item.comma is None and number > 0:
            start = repair.text.rfind(",", 0, item.start)
        repair.text = repair.text[:start] + _blank(repair.text[start:end]) + repair.text[end:]
        first = item.tokens[0].text
        repair.notes.append(
            RepairNote(
                "sql-syntax", f"cannot parse {first!r} in table {table}; skipped", item.start
            )
        )
    tail = repair.text[tail_at:]
    if tail.strip() and not parses_as_table(f"CREATE TABLE t (x INT) {tail}", dialect):
        repair.text = repair.text[:tail_at] + _blank(tail)
        words = " ".join(tail.split())
        message = f"table options {words!r} of table {table} are not understood; ignored"
        repair.notes.append(RepairNote("sql-table-option", message, tail_at))
    return repair if parses_as_table(repair.text, dialect) else None


def _sqlite_retype(repair: Repair, item: ItemSpan, table: str) -> bool:
    """SQLite takes any words as a type name; put the affinity they imply in their place."""
    tokens = item.tokens
    end = 1
    while end < len(tokens) and tokens[end].text.upper() not in _COLUMN_STOP_WORDS:
        end += 1
    if end == 1:
        return False
    type_start, type_end = tokens[1].start, tokens[end - 1].end + 1
    type_name = " ".join(repair.text[type_start:type_end].split())
    keyword = affinity_keyword(type_name)
    width = max(len(keyword), type_end - type_start)
    patched = repair.text[:type_start] + keyword.ljust(width) + repair.text[type_end:]
    grown = width - (type_end - type_start)
    if not parses_as_table(f"CREATE TABLE t ({patched[item.start : item.end + grown]})", "sqlite"):
        return False
    repair.text = patched
    message = (
        f"type {type_name!r} is not a SQLite type name; SQLite's affinity rules make it {keyword}"
    )
    repair.notes.append(RepairNote("sql-type", message, type_start, tokens[0].text))
    return True


def domain_definition(sql: str, dialect: Dialect) -> tuple[str, exp.ColumnDef] | None:
    """``CREATE DOMAIN name [AS] type constraints`` read as a column named VALUE.

    Raises SqlglotError when the type and constraints do not parse.
    """
    tokens = tokenize(sql, dialect)
    at = next((i for i, t in enumerate(tokens) if t.text.upper() == "DOMAIN"), len(tokens)) + 1
    if at >= len(tokens):
        return None
    name = tokens[at].text
    while at + 2 < len(tokens) and tokens[at + 1].token_type == TokenType.DOT:
        at += 2
        name = tokens[at].text
    at += 1
    if at < len(tokens) and tokens[at].text.upper() == "AS":
        at += 1
    if at >= len(tokens):
        return None
    trees = parse_sql(f"CREATE TABLE domain_ (VALUE {sql[tokens[at].start :]})", dialect)
    found = next((t.find(exp.ColumnDef) for t in trees if t.find(exp.ColumnDef)), None)
    return None if found is None else (name, found)
