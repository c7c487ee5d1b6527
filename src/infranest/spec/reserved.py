"""Names that break generated code, per language and framework, kept as data.

A spec is target-independent, so a name is checked against every target the generators
support (Django, FastAPI with SQLAlchemy and pydantic, Rails, Go Fiber, Express with
TypeScript) and against the SQL dialect the project uses. Each list says which kinds of
names it applies to and how serious a clash is:

* **error** — the name cannot be used as written in at least one target: it is a syntax
  error where the generated code must put it (a Python keyword as a model attribute, a Ruby
  keyword as a class name), or a framework refuses or silently changes its meaning
  (Django's ``pk`` and ``objects``, SQLAlchemy's ``metadata``, ActiveRecord's dangerous
  attribute methods, ``type`` which turns on Rails single-table inheritance,
  ``lock_version`` which turns on Rails optimistic locking, a Rails model named like a
  Ruby core class which fails with "superclass mismatch").
* **warning** — the name works when the generator is careful but is a trap for hand-written
  code: Ruby and JavaScript keywords are legal as attribute and property names (``obj.end``,
  ``obj.default``) but not as local variables; SQL reserved words work because every ORM the
  generators use quotes identifiers, yet break hand-written SQL and BI tools; pydantic
  only warns when a field shadows a ``BaseModel`` attribute.

Decisions worth knowing:

* Python soft keywords (``match``, ``case``, ``type``, ``_``) are ordinary identifiers and
  are not reserved here; ``type`` is caught by the Rails list instead, and names starting or
  ending with ``_`` are rejected separately (pydantic private attributes, Django's E001).
* Go keywords are not checked: every Go identifier generated from a spec name is exported
  (``Type``, ``Func``, ``Order``), and Go keywords are all lower case.
* JavaScript globals (``Date``, ``Map``, ``File``) are not checked for entity names: a
  module-scoped class may shadow a global in TypeScript.
* SQL words are only checked for field names, against the project's database. Tables are
  named after the pluralised entity (``orders``, ``users``) and quoted by the ORMs. SQLite
  falls back to treating most keywords as identifiers, so for SQLite projects only the words
  reserved in both PostgreSQL and MySQL are reported.
* Enum values are checked against Python keywords as a warning only: generators may emit
  members in upper case (``NONE``), which is always legal.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
NameKind = Literal["entity", "enum", "field", "enum_value", "action"]


@dataclass(frozen=True)
class WordList:
    """Words one language or framework reserves, and what a clash means per kind of name.

    ``phrase`` completes "'x' is ...": ``None`` for a language's keywords (the message then
    says "a reserved word in <source>"), otherwise a noun phrase such as "a Django Model
    attribute". ``effect`` says what goes wrong, for the hint.
    """

    source: str
    words: frozenset[str]
    kinds: Mapping[NameKind, Severity]
    phrase: str | None
    effect: str
    case_insensitive: bool = False

    def matches(self, name: str) -> bool:
        return (name.lower() if self.case_insensitive else name) in self.words


def _lowered(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


PYTHON_KEYWORDS: frozenset[str] = frozenset(keyword.kwlist)

RUBY_KEYWORDS: frozenset[str] = frozenset(
    {
        "BEGIN", "END", "__ENCODING__", "__FILE__", "__LINE__", "alias", "and", "begin",
        "break", "case", "class", "def", "do", "else", "elsif", "end", "ensure", "false",
        "for", "if", "in", "module", "next", "nil", "not", "or", "redo", "rescue", "retry",
        "return", "self", "super", "then", "true", "undef", "unless", "until", "when",
        "while", "yield",
    }
)  # fmt: skip

# ECMAScript reserved words, the strict-mode future reserved words and the literals.
JAVASCRIPT_RESERVED: frozenset[str] = frozenset(
    {
        "await", "break", "case", "catch", "class", "const", "continue", "debugger",
        "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally",
        "for", "function", "if", "implements", "import", "in", "instanceof", "interface",
        "let", "new", "null", "package", "private", "protected", "public", "return",
        "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
        "while", "with", "yield",
    }
)  # fmt: skip

# Django: ``pk`` is refused (fields.E003), a field named ``objects`` leaves the model
# without its manager (ValueError), ``check`` overrides Model.check (models.E020); the
# others are Model methods a field would replace.
DJANGO_MODEL_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "pk", "objects", "check", "save", "delete", "clean", "clean_fields", "full_clean",
        "validate_unique", "validate_constraints", "refresh_from_db", "from_db", "asave",
        "adelete", "arefresh_from_db", "serializable_value", "get_deferred_fields",
        "prepare_database_save", "save_base", "unique_error_message", "date_error_message",
    }
)  # fmt: skip

# SQLAlchemy declarative raises "Attribute name 'metadata' is reserved".
SQLALCHEMY_RESERVED: frozenset[str] = frozenset({"metadata"})
# ``registry`` shadows DeclarativeBase.registry; ``query`` is Flask-SQLAlchemy's
# Model.query and scoped_session.query_property: both work but surprise.
SQLALCHEMY_SHADOWED: frozenset[str] = frozenset({"registry", "query"})

# pydantic 2 refuses fields named like these (protected ``model_dump``/``model_validate``
# namespace; ``model_config`` is the configuration itself).
PYDANTIC_RESERVED: frozenset[str] = frozenset(
    {
        "model_config", "model_dump", "model_dump_json", "model_validate",
        "model_validate_json", "model_validate_strings",
    }
)  # fmt: skip
# pydantic 2 warns "shadows an attribute in parent BaseModel" for these.
PYDANTIC_SHADOWED: frozenset[str] = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj",
        "parse_raw", "schema", "schema_json", "update_forward_refs", "validate",
        "model_computed_fields", "model_construct", "model_copy", "model_extra",
        "model_fields", "model_fields_set", "model_json_schema", "model_parametrized_name",
        "model_post_init", "model_rebuild",
    }
)  # fmt: skip

# ActiveRecord raises DangerousAttributeError for attributes named like instance methods
# of ActiveRecord::Base (and, since Rails 7.1, ``class``, ``hash``, ``dup``, ``clone``,
# ``freeze``).
ACTIVERECORD_DANGEROUS: frozenset[str] = frozenset(
    {
        "assign_attributes", "association", "attribute_names", "attributes", "becomes",
        "cache_key", "changed", "changed_attributes", "changes", "class", "clone",
        "decrement", "delete", "destroy", "dup", "errors", "freeze", "hash", "increment",
        "previous_changes", "read_attribute", "reload", "run_callbacks", "save",
        "serializable_hash", "to_key", "to_param", "toggle", "touch", "transaction",
        "update", "update_attribute", "update_column", "update_columns", "validate",
        "write_attribute",
    }
)  # fmt: skip
# Columns ActiveRecord gives a meaning of its own: ``type`` turns on single-table
# inheritance, ``lock_version`` turns on optimistic locking.
RAILS_STI_COLUMN: frozenset[str] = frozenset({"type"})
RAILS_LOCK_COLUMN: frozenset[str] = frozenset({"lock_version"})
# Ruby Object methods ActiveRecord does not refuse but that gems and Rails call on models.
RUBY_OBJECT_METHODS: frozenset[str] = frozenset(
    {"send", "public_send", "method", "methods", "object_id", "instance_variables"}
)
# Rails models are top-level classes: one named like an existing class fails with
# "superclass mismatch", like a module with "is not a class".
RUBY_TOP_LEVEL_CONSTANTS: frozenset[str] = frozenset(
    {
        "Array", "BasicObject", "Binding", "Class", "Comparable", "Complex", "Data", "Date",
        "DateTime", "Dir", "Encoding", "Enumerable", "Enumerator", "Exception",
        "FalseClass", "Fiber", "File", "Float", "GC", "Hash", "IO", "Integer", "Kernel",
        "Marshal", "Math", "Method", "Module", "Mutex", "NilClass", "Numeric", "Object",
        "ObjectSpace", "Proc", "Process", "Queue", "Random", "Range", "Rational", "Regexp",
        "Set", "Signal", "String", "Struct", "Symbol", "Thread", "Time", "TracePoint",
        "TrueClass", "Warning", "Rails", "ActiveRecord", "ActiveModel", "ActiveSupport",
        "ActionController", "ActionDispatch", "ActionView", "ApplicationRecord",
        "ApplicationController",
    }
)  # fmt: skip

# Handler methods a custom action would override: Django REST framework viewsets and
# Rails API controllers.
DRF_VIEWSET_METHODS: frozenset[str] = frozenset(
    {
        "list", "create", "retrieve", "update", "partial_update", "destroy", "dispatch",
        "initial", "options", "get_queryset", "get_object", "get_serializer",
        "perform_create", "perform_update", "perform_destroy",
    }
)  # fmt: skip
RAILS_CONTROLLER_METHODS: frozenset[str] = frozenset(
    {
        "index", "show", "create", "update", "destroy", "params", "render", "process",
        "request", "response", "head", "session", "redirect_to",
    }
)  # fmt: skip

# PostgreSQL keywords that cannot be column names: the "reserved" and the "reserved (can
# be function or type)" categories of src/include/parser/kwlist.h.
POSTGRESQL_RESERVED: frozenset[str] = frozenset(
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
        "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
        "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct",
        "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from",
        "full", "grant", "group", "having", "ilike", "in", "initially", "inner",
        "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
        "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
        "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary",
        "references", "returning", "right", "select", "session_user", "similar", "some",
        "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing",
        "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
        "window", "with",
    }
)  # fmt: skip

# MySQL 8.0 reserved words (marked (R) in the manual's keyword list).
MYSQL_RESERVED: frozenset[str] = _lowered(
    {
        "ACCESSIBLE", "ADD", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "ASENSITIVE",
        "BEFORE", "BETWEEN", "BIGINT", "BINARY", "BLOB", "BOTH", "BY", "CALL", "CASCADE",
        "CASE", "CHANGE", "CHAR", "CHARACTER", "CHECK", "COLLATE", "COLUMN", "CONDITION",
        "CONSTRAINT", "CONTINUE", "CONVERT", "CREATE", "CROSS", "CUBE", "CUME_DIST",
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR",
        "DATABASE", "DATABASES", "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND",
        "DEC", "DECIMAL", "DECLARE", "DEFAULT", "DELAYED", "DELETE", "DENSE_RANK", "DESC",
        "DESCRIBE", "DETERMINISTIC", "DISTINCT", "DISTINCTROW", "DIV", "DOUBLE", "DROP",
        "DUAL", "EACH", "ELSE", "ELSEIF", "EMPTY", "ENCLOSED", "ESCAPED", "EXCEPT",
        "EXISTS", "EXIT", "EXPLAIN", "FALSE", "FETCH", "FIRST_VALUE", "FLOAT", "FLOAT4",
        "FLOAT8", "FOR", "FORCE", "FOREIGN", "FROM", "FULLTEXT", "FUNCTION", "GENERATED",
        "GET", "GRANT", "GROUP", "GROUPING", "GROUPS", "HAVING", "HIGH_PRIORITY",
        "HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX",
        "INFILE", "INNER", "INOUT", "INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3",
        "INT4", "INT8", "INTEGER", "INTERVAL", "INTO", "IO_AFTER_GTIDS", "IO_BEFORE_GTIDS",
        "IS", "ITERATE", "JOIN", "JSON_TABLE", "KEY", "KEYS", "KILL", "LAG", "LAST_VALUE",
        "LEAD", "LEADING", "LEAVE", "LEFT", "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD",
        "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG", "LONGBLOB", "LONGTEXT", "LOOP",
        "LOW_PRIORITY", "MASTER_BIND", "MASTER_SSL_VERIFY_SERVER_CERT", "MATCH",
        "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT", "MIDDLEINT",
        "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NATURAL", "NOT",
        "NO_WRITE_TO_BINLOG", "NTH_VALUE", "NTILE", "NULL", "NUMERIC", "OF", "ON",
        "OPTIMIZE", "OPTIMIZER_COSTS", "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT",
        "OUTER", "OUTFILE", "OVER", "PARTITION", "PERCENT_RANK", "PRECISION", "PRIMARY",
        "PROCEDURE", "PURGE", "RANGE", "RANK", "READ", "READS", "READ_WRITE", "REAL",
        "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE",
        "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN", "REVOKE", "RIGHT", "RLIKE", "ROW",
        "ROWS", "ROW_NUMBER", "SCHEMA", "SCHEMAS", "SECOND_MICROSECOND", "SELECT",
        "SENSITIVE", "SEPARATOR", "SET", "SHOW", "SIGNAL", "SMALLINT", "SPATIAL",
        "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT",
        "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT", "SSL", "STARTING", "STORED",
        "STRAIGHT_JOIN", "SYSTEM", "TABLE", "TERMINATED", "THEN", "TINYBLOB", "TINYINT",
        "TINYTEXT", "TO", "TRAILING", "TRIGGER", "TRUE", "UNDO", "UNION", "UNIQUE",
        "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USING", "UTC_DATE", "UTC_TIME",
        "UTC_TIMESTAMP", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARYING",
        "VIRTUAL", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WRITE", "XOR",
        "YEAR_MONTH", "ZEROFILL",
    }
)  # fmt: skip

# Reserved in both: the portable core, used for SQLite (see the module docstring).
SQL_COMMON_RESERVED: frozenset[str] = POSTGRESQL_RESERVED & MYSQL_RESERVED

_FIELD_ERROR: Mapping[NameKind, Severity] = {"field": "error"}
_FIELD_WARNING: Mapping[NameKind, Severity] = {"field": "warning"}
_SQL_EFFECT = "the generated code quotes it, but hand-written SQL and BI tools must too"

LANGUAGE_LISTS: tuple[WordList, ...] = (
    WordList(
        "Python",
        PYTHON_KEYWORDS,
        {
            "entity": "error",
            "enum": "error",
            "field": "error",
            "action": "error",
            "enum_value": "warning",
        },
        None,
        "Python code (Django, FastAPI) cannot declare a class, attribute or method so named",
    ),
    WordList(
        "Ruby",
        RUBY_KEYWORDS,
        {"entity": "error", "enum": "error", "field": "warning", "action": "warning"},
        None,
        "Ruby code can call it only with a receiver and never use it as a variable",
    ),
    WordList(
        "JavaScript",
        JAVASCRIPT_RESERVED,
        {"field": "warning", "action": "warning"},
        None,
        "JavaScript code can use it as a property but not as a variable or parameter",
    ),
)

FRAMEWORK_LISTS: tuple[WordList, ...] = (
    WordList(
        "Django",
        DJANGO_MODEL_ATTRIBUTES,
        _FIELD_ERROR,
        "a Django Model attribute",
        "Django refuses the field or the model loses the attribute",
    ),
    WordList(
        "SQLAlchemy",
        SQLALCHEMY_RESERVED,
        _FIELD_ERROR,
        "reserved by SQLAlchemy",
        "SQLAlchemy's declarative models refuse it",
    ),
    WordList(
        "SQLAlchemy",
        SQLALCHEMY_SHADOWED,
        _FIELD_WARNING,
        "a SQLAlchemy model attribute",
        "it hides an attribute SQLAlchemy code expects on models",
    ),
    WordList(
        "pydantic",
        PYDANTIC_RESERVED,
        _FIELD_ERROR,
        "reserved by pydantic",
        "pydantic refuses it as a field name",
    ),
    WordList(
        "pydantic",
        PYDANTIC_SHADOWED,
        _FIELD_WARNING,
        "a pydantic BaseModel attribute",
        "pydantic warns that the field shadows a BaseModel attribute",
    ),
    WordList(
        "ActiveRecord",
        ACTIVERECORD_DANGEROUS,
        _FIELD_ERROR,
        "an ActiveRecord method",
        "ActiveRecord raises DangerousAttributeError",
    ),
    WordList(
        "Rails",
        RAILS_STI_COLUMN,
        _FIELD_ERROR,
        "the Rails single-table-inheritance column",
        "ActiveRecord reads the column as a subclass name and fails to load rows",
    ),
    WordList(
        "Rails",
        RAILS_LOCK_COLUMN,
        _FIELD_ERROR,
        "the Rails optimistic-locking column",
        "ActiveRecord silently turns on optimistic locking",
    ),
    WordList(
        "Ruby",
        RUBY_OBJECT_METHODS,
        _FIELD_WARNING,
        "a Ruby Object method",
        "it hides an Object method that Rails and gems call on models",
    ),
    WordList(
        "Ruby",
        RUBY_TOP_LEVEL_CONSTANTS,
        {"entity": "error"},
        "a Ruby or Rails top-level class",
        "a Rails model so named fails with 'superclass mismatch' or 'is not a class'",
    ),
    WordList(
        "Django REST framework",
        DRF_VIEWSET_METHODS,
        {"action": "error"},
        "a Django REST framework viewset method",
        "the action would override the Django REST framework viewset method",
    ),
    WordList(
        "Rails",
        RAILS_CONTROLLER_METHODS,
        {"action": "error"},
        "a Rails controller method",
        "the action would override the Rails controller method",
    ),
)

SQL_LISTS: Mapping[str, WordList] = {
    "postgresql": WordList(
        "PostgreSQL", POSTGRESQL_RESERVED, _FIELD_WARNING, None, _SQL_EFFECT, True
    ),
    "mysql": WordList("MySQL", MYSQL_RESERVED, _FIELD_WARNING, None, _SQL_EFFECT, True),
    "sqlite": WordList(
        "SQL (PostgreSQL and MySQL)", SQL_COMMON_RESERVED, _FIELD_WARNING, None, _SQL_EFFECT, True
    ),
}


@dataclass(frozen=True)
class Clash:
    """How a name collides: overall severity, a sentence saying so, and what goes wrong."""

    severity: Severity
    message: str
    effects: tuple[str, ...]


def clash(
    name: str, kind: NameKind, database: str = "postgresql", *, column: bool = True
) -> Clash | None:
    """How ``name``, used as a ``kind`` of name, collides with reserved words, if it does.

    ``column`` says whether the name is also an SQL column name (not so for relations:
    relation ``order`` is stored as ``order_id``, or not at all). The severity is the worst
    among the matching lists; the effects are those of the lists with that severity.
    """
    candidates = LANGUAGE_LISTS + FRAMEWORK_LISTS
    sql = SQL_LISTS.get(database)
    if sql is not None and column:
        candidates += (sql,)
    hits = tuple(wl for wl in candidates if kind in wl.kinds and wl.matches(name))
    if not hits:
        return None
    severity: Severity = "error" if any(wl.kinds[kind] == "error" for wl in hits) else "warning"
    effects = tuple(dict.fromkeys(wl.effect for wl in hits if wl.kinds[kind] == severity))
    return Clash(severity, _sentence(name, hits), effects)


def _sentence(name: str, hits: tuple[WordList, ...]) -> str:
    languages = list(dict.fromkeys(wl.source for wl in hits if wl.phrase is None))
    phrases = list(dict.fromkeys(wl.phrase for wl in hits if wl.phrase is not None))
    parts = [f"a reserved word in {_join(languages)}"] if languages else []
    parts += phrases
    return f"'{name}' is {_join(parts)}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
