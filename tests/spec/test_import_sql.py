"""The SQL DDL importer: real corpus files, every mapping rule in each dialect, bad SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from infranest.spec.diagnostics import Diagnostic, SpecError
from infranest.spec.importers import ImportResult
from infranest.spec.importers.sql import import_sql
from infranest.spec.importers.sql_names import entity_name
from infranest.spec.importers.sql_source import detect_dialect, split_statements
from infranest.spec.inflect import singularize
from infranest.spec.model import Default, Entity, FieldDef, Index, Spec
from infranest.spec.names import to_pascal, to_snake

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "sql"
CORPUS_FILES = sorted(CORPUS.glob("*.sql")) if CORPUS.is_dir() else []


def run(sql: str, dialect: str | None = None, filename: str = "schema.sql") -> ImportResult:
    return import_sql(sql, filename, dialect)


def entity(spec: Spec, name: str) -> Entity:
    found = spec.entity(name)
    assert found is not None, f"no entity {name}; have {[e.name for e in spec.entities]}"
    return found


def fld(spec: Spec, entity_name_: str, name: str) -> FieldDef:
    found = entity(spec, entity_name_).field(name)
    assert found is not None, f"no field {entity_name_}.{name}"
    return found


def codes(result: ImportResult) -> list[str]:
    return [w.code for w in result.warnings]


def with_code(result: ImportResult, code: str) -> list[Diagnostic]:
    return [w for w in result.warnings if w.code == code]


# -- the corpus: an inventory derived from the files with sqlglot, not from the importer --


@dataclass
class TableFacts:
    name: str
    columns: dict[str, exp.ColumnDef] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    foreign_keys: dict[str, str] = field(default_factory=dict)
    unique_indexes: list[tuple[str, ...]] = field(default_factory=list)


def _dialect_from_name(path: Path) -> str:
    for word in ("postgres", "mysql", "sqlite"):
        if word in path.name:
            return word
    return "postgres"


def _blocks(text: str, head: str) -> list[str]:
    """Statements starting at a line start with ``head`` (no statement here holds a ';')."""
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return [m.group(0) for m in re.finditer(rf"^{head}\b[^;]*;", code, re.M | re.I)]


def _parse_one(sql: str, dialect: str) -> exp.Expr:
    # SQLite takes any words as a type name; sqlglot does not. By SQLite's affinity rules the
    # corpus's Firebird-style "BLOB SUB_TYPE TEXT" is a TEXT column.
    sql = sql.replace("BLOB SUB_TYPE TEXT", "TEXT")
    tree = sqlglot.parse_one(sql, read=dialect)
    assert tree is not None
    return tree


def _names(nodes: list[exp.Expr]) -> tuple[str, ...]:
    return tuple(n.name for n in nodes)


def _constraint(table: TableFacts, node: exp.Expr) -> None:
    if isinstance(node, exp.Constraint):
        for part in node.expressions:
            _constraint(table, part)
    elif isinstance(node, exp.PrimaryKey):
        table.primary_key = _names(node.expressions)
    elif isinstance(node, exp.ForeignKey):
        columns = _names(node.expressions)
        if len(columns) == 1:
            table.foreign_keys[columns[0]] = node.args["reference"].find(exp.Table).name


def corpus_inventory(path: Path) -> dict[str, TableFacts]:
    text = path.read_text()
    dialect = _dialect_from_name(path)
    tables: dict[str, TableFacts] = {}
    for block in _blocks(text, r"CREATE\s+TABLE"):
        tree = _parse_one(block, dialect)
        schema = tree.this
        facts = TableFacts(schema.this.name)
        inherits = tree.find(exp.InheritsProperty)
        for parent in inherits.expressions if inherits else []:
            facts.columns.update(tables[parent.name].columns)
        for item in schema.expressions:
            if isinstance(item, exp.ColumnDef):
                facts.columns[item.name] = item
                for constraint in item.constraints:
                    kind = constraint.args.get("kind")
                    if isinstance(kind, exp.PrimaryKeyColumnConstraint):
                        facts.primary_key = (item.name,)
                    elif isinstance(kind, exp.Reference):
                        target = kind.find(exp.Table)
                        assert target is not None
                        facts.foreign_keys[item.name] = target.name
            else:
                _constraint(facts, item)
        tables[facts.name] = facts
    for block in _blocks(text, r"ALTER\s+TABLE"):
        tree = _parse_one(block, dialect)
        if isinstance(tree, exp.Alter) and tree.this.name in tables:
            for action in tree.args.get("actions") or []:
                for node in action.expressions:
                    _constraint(tables[tree.this.name], node)
    for block in _blocks(text, r"CREATE\s+UNIQUE\s+INDEX"):
        index = _parse_one(block, dialect).this
        columns = tuple(c.this.name for c in index.args["params"].args["columns"])
        tables[index.args["table"].name].unique_indexes.append(columns)
    return tables


def _not_null(column: exp.ColumnDef, facts: TableFacts) -> bool:
    if column.name in facts.primary_key:
        return True
    return any(
        isinstance(c.args.get("kind"), exp.NotNullColumnConstraint)
        and not c.args["kind"].args.get("allow_null")
        for c in column.constraints
    )


def _default(column: exp.ColumnDef) -> exp.Expr | None:
    found = column.find(exp.DefaultColumnConstraint)
    return found.this if found is not None else None


def _is_sequence(node: exp.Expr | None) -> bool:
    return isinstance(node, exp.Anonymous) and node.name.lower() == "nextval"


def _relation_name(column: str) -> str:
    snake = to_snake(column)
    return snake[:-3] if snake.endswith("_id") else snake


needs_corpus = pytest.mark.skipif(not CORPUS_FILES, reason=f"corpus not found at {CORPUS}")
corpus_params = pytest.mark.parametrize(
    "path", CORPUS_FILES or [Path("absent.sql")], ids=lambda p: p.name
)


@needs_corpus
@corpus_params
def test_corpus_every_table_becomes_an_entity(path: Path) -> None:
    inventory = corpus_inventory(path)
    result = import_sql(path.read_text(), str(path))
    assert len(result.spec.entities) == len(inventory) > 0
    assert {e.name for e in result.spec.entities} == {to_pascal(t) for t in inventory}
    assert (
        result.spec.project.database
        == {
            "postgres": "postgresql",
            "mysql": "mysql",
            "sqlite": "sqlite",
        }[_dialect_from_name(path)]
    )
    assert not result.spec.project.auth.enabled
    assert all(not e.builtin for e in result.spec.entities)


@needs_corpus
@corpus_params
def test_corpus_every_column_is_a_field_relation_or_the_id(path: Path) -> None:
    inventory = corpus_inventory(path)
    spec = import_sql(path.read_text(), str(path)).spec
    for table in inventory.values():
        ent = entity(spec, to_pascal(table.name))
        no_key_ids = [c for c, d in table.columns.items() if _is_sequence(_default(d))]
        implicit = (
            set(table.primary_key)
            if len(table.primary_key) == 1
            else set(no_key_ids)
            if not table.primary_key
            else set()
        )
        expected = 0
        for name, column in table.columns.items():
            if name in implicit:
                assert ent.field(to_snake(name)) is None, f"{table.name}.{name} is the id"
                continue
            expected += 1
            target = table.foreign_keys.get(name)
            found = ent.field(_relation_name(name) if target else to_snake(name))
            assert found is not None, f"{table.name}.{name} has no field"
            if target is not None:
                assert found.type == "relation"
                assert found.target == to_pascal(target)
                assert found.cardinality in ("many_to_one", "one_to_one")
            assert found.optional == (not _not_null(column, table)), f"{table.name}.{name}"
        assert len(ent.fields) == expected, f"{table.name}: {[f.name for f in ent.fields]}"


@needs_corpus
@corpus_params
def test_corpus_keys_defaults_and_unique_indexes(path: Path) -> None:
    inventory = corpus_inventory(path)
    spec = import_sql(path.read_text(), str(path)).spec
    for table in inventory.values():
        ent = entity(spec, to_pascal(table.name))
        names = {
            c: (_relation_name(c) if c in table.foreign_keys else to_snake(c))
            for c in table.columns
        }
        if len(table.primary_key) > 1:
            key = tuple(names[c] for c in table.primary_key)
            assert Index(fields=key, unique=True) in ent.indexes
        for columns in table.unique_indexes:
            if len(columns) > 1:
                assert Index(fields=tuple(names[c] for c in columns), unique=True) in ent.indexes
            else:
                one = ent.field(names[columns[0]])
                assert one is not None
                assert one.cardinality == "one_to_one" or one.unique
        for name, column in table.columns.items():
            found = ent.field(names[name])
            default = _default(column)
            if found is None or found.type == "relation" or default is None:
                continue
            if isinstance(default, exp.Literal) and not default.is_string:
                assert found.default == Default(kind="number", value=float(default.name))
            elif isinstance(default, exp.CurrentTimestamp):
                assert found.default == Default(kind="now")
            elif isinstance(default, exp.Null):
                assert found.default is None


# Hand-written expectations for a few tables of each file.
EXPECTED: dict[str, dict[str, dict[str, dict[str, object]]]] = {
    "chinook-postgres-schema.sql": {
        "Track": {
            "name": {"type": "string", "length": 200, "optional": False},
            "composer": {"type": "string", "length": 220, "optional": True},
            "milliseconds": {"type": "int"},
            "unit_price": {"type": "decimal", "precision": 10, "scale": 2},
            "album": {"type": "relation", "target": "Album", "on_delete": "no_action"},
            "media_type": {"type": "relation", "target": "MediaType", "optional": False},
        },
        "Employee": {
            "reports_to": {"type": "relation", "target": "Employee", "optional": True},
            "birth_date": {"type": "datetime"},
        },
        "Customer": {"support_rep": {"type": "relation", "target": "Employee", "index": True}},
    },
    "sakila-postgres-schema.sql": {
        "Film": {
            "title": {"type": "string", "length": 255, "index": True},
            "description": {"type": "text", "optional": True},
            "release_year": {"type": "int", "min": 1901, "max": 2155},
            "rental_rate": {"type": "decimal", "precision": 4, "scale": 2},
            "rating": {
                "type": "enum",
                "enum": "MpaaRating",
                "default": Default(kind="enum", value="G"),
            },
            "special_features": {"type": "json"},
            "fulltext": {"type": "text", "optional": False},
            "language": {"type": "relation", "target": "Language", "on_delete": "restrict"},
            "original_language": {"type": "relation", "target": "Language", "optional": True},
        },
        "Customer": {
            "activebool": {"type": "bool", "default": Default(kind="bool", value=True)},
            "create_date": {"type": "date", "default": Default(kind="today")},
        },
        "Staff": {"picture": {"type": "file"}, "username": {"type": "string", "length": 16}},
        "Store": {"manager_staff": {"cardinality": "one_to_one", "target": "Staff"}},
        "Language": {"name": {"type": "string", "length": 20}},
        "Payment": {"rental": {"on_delete": "restrict", "optional": False}},
    },
    "sakila-sqlite-schema.sql": {
        "Film": {
            "description": {"type": "text", "optional": True},
            "release_year": {"type": "string", "length": 4},
            "rating": {
                "type": "enum",
                "enum": "FilmRating",
                "default": Default(kind="enum", value="G"),
            },
            "rental_duration": {"type": "int", "default": Default(kind="number", value=3)},
        },
        "Customer": {
            "active": {"type": "string", "length": 1, "default": Default(kind="string", value="Y")}
        },
        "Staff": {"picture": {"type": "file"}},
        "Payment": {"rental": {"type": "relation", "on_delete": "set_null", "optional": True}},
    },
}


@needs_corpus
@corpus_params
def test_corpus_hand_checked_fields(path: Path) -> None:
    spec = import_sql(path.read_text(), str(path)).spec
    for ent_name, fields in EXPECTED.get(path.name, {}).items():
        for name, props in fields.items():
            found = fld(spec, ent_name, name)
            for key, value in props.items():
                assert getattr(found, key) == value, f"{ent_name}.{name}.{key}"


@needs_corpus
@corpus_params
def test_corpus_one_warning_per_view_function_trigger(path: Path) -> None:
    text = path.read_text()
    code = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    heads = r"^CREATE\s+(OR\s+REPLACE\s+)?(VIEW|FUNCTION|AGGREGATE|TRIGGER|RULE)\b"
    lines = [code.count("\n", 0, m.start()) + 1 for m in re.finditer(heads, code, re.M | re.I)]
    result = import_sql(text, str(path))
    unsupported = [w for w in with_code(result, "sql-unsupported") if "SEQUENCE" not in w.message]
    assert sorted(w.loc.line for w in unsupported if w.loc) == lines
    assert len(unsupported) == len(lines)
    assert all(w.loc is not None and w.loc.line > 0 for w in result.warnings)
    assert with_code(result, "sql-syntax") == []


@needs_corpus
@corpus_params
def test_corpus_spec_validates(path: Path) -> None:
    validate_module = pytest.importorskip("infranest.spec.validate")
    spec = import_sql(path.read_text(), str(path)).spec
    problems = [d for d in validate_module.validate(spec) if d.level == "error"]
    assert problems == []


@needs_corpus
def test_corpus_import_is_deterministic() -> None:
    for path in CORPUS_FILES:
        first = import_sql(path.read_text(), str(path))
        second = import_sql(path.read_text(), str(path))
        assert first.spec.model_dump_json() == second.spec.model_dump_json()
        assert first.warnings == second.warnings


# -- types, per dialect ---------------------------------------------------------------

TYPE_CASES: list[tuple[str, str, dict[str, object]]] = [
    ("postgres", "varchar(40)", {"type": "string", "length": 40}),
    ("postgres", "character varying(12)", {"type": "string", "length": 12}),
    ("postgres", "char(3)", {"type": "string", "length": 3}),
    ("postgres", "varchar", {"type": "text"}),
    ("postgres", "text", {"type": "text"}),
    ("postgres", "integer", {"type": "int"}),
    ("postgres", "smallint", {"type": "int"}),
    ("postgres", "bigint", {"type": "bigint"}),
    ("postgres", "numeric(10,2)", {"type": "decimal", "precision": 10, "scale": 2}),
    ("postgres", "numeric", {"type": "decimal", "precision": None}),
    ("postgres", "money", {"type": "decimal", "precision": 19, "scale": 4}),
    ("postgres", "real", {"type": "float"}),
    ("postgres", "double precision", {"type": "float"}),
    ("postgres", "boolean", {"type": "bool"}),
    ("postgres", "date", {"type": "date"}),
    ("postgres", "timestamp without time zone", {"type": "datetime"}),
    ("postgres", "timestamptz", {"type": "datetime"}),
    ("postgres", "time", {"type": "time"}),
    ("postgres", "uuid", {"type": "uuid"}),
    ("postgres", "json", {"type": "json"}),
    ("postgres", "jsonb", {"type": "json"}),
    ("mysql", "varchar(190)", {"type": "string", "length": 190}),
    ("mysql", "tinyint(1)", {"type": "bool"}),
    ("mysql", "tinyint", {"type": "int"}),
    ("mysql", "mediumint", {"type": "int"}),
    ("mysql", "int(11)", {"type": "int"}),
    ("mysql", "int unsigned", {"type": "bigint", "min": 0}),
    ("mysql", "smallint unsigned", {"type": "int", "min": 0}),
    ("mysql", "mediumtext", {"type": "text"}),
    ("mysql", "longtext", {"type": "text"}),
    ("mysql", "decimal(8,3)", {"type": "decimal", "precision": 8, "scale": 3}),
    ("mysql", "double", {"type": "float"}),
    ("mysql", "datetime", {"type": "datetime"}),
    ("mysql", "timestamp", {"type": "datetime"}),
    ("mysql", "year", {"type": "int", "min": 1901, "max": 2155}),
    ("mysql", "json", {"type": "json"}),
    ("mysql", "bool", {"type": "bool"}),
    ("sqlite", "INTEGER", {"type": "int"}),
    ("sqlite", "TEXT", {"type": "text"}),
    ("sqlite", "REAL", {"type": "float"}),
    ("sqlite", "NUMERIC(6,2)", {"type": "decimal", "precision": 6, "scale": 2}),
    ("sqlite", "VARCHAR(45)", {"type": "string", "length": 45}),
    ("sqlite", "NVARCHAR(120)", {"type": "string", "length": 120}),
    ("sqlite", "BOOLEAN", {"type": "bool"}),
    ("sqlite", "DATETIME", {"type": "datetime"}),
    ("sqlite", "DATE", {"type": "date"}),
]


@pytest.mark.parametrize(("dialect", "sql_type", "expected"), TYPE_CASES)
def test_column_types(dialect: str, sql_type: str, expected: dict[str, object]) -> None:
    result = run(
        f"CREATE TABLE thing (id integer PRIMARY KEY, value {sql_type} NOT NULL);", dialect
    )
    value = fld(result.spec, "Thing", "value")
    for key, wanted in expected.items():
        assert getattr(value, key) == wanted, key
    assert not value.optional
    assert with_code(result, "sql-type") == []


APPROXIMATE_TYPES: list[tuple[str, str, str, str]] = [
    ("postgres", "text[]", "json", "array"),
    ("postgres", "tsvector", "text", "tsvector"),
    ("postgres", "bytea", "file", "binary"),
    ("postgres", "inet", "text", "INET"),
    ("mysql", "blob", "file", "binary"),
    ("mysql", "longblob", "file", "binary"),
    ("mysql", "set('a','b')", "json", "set of values"),
    ("mysql", "double(8,2)", "float", "precision"),
    ("mysql", "bigint unsigned", "bigint", "2^63"),
    ("sqlite", "BLOB", "file", "binary"),
    ("sqlite", "UNSIGNED BIG INT", "int", "INTEGER"),
    ("sqlite", "BLOB SUB_TYPE TEXT", "text", "TEXT"),
    ("sqlite", "WEIRDTYPE", "decimal", "NUMERIC"),
]


@pytest.mark.parametrize(("dialect", "sql_type", "field_type", "said"), APPROXIMATE_TYPES)
def test_approximate_types_warn_naming_the_column(
    dialect: str, sql_type: str, field_type: str, said: str
) -> None:
    result = run(f"CREATE TABLE thing (id integer PRIMARY KEY,\n  odd {sql_type});", dialect)
    assert fld(result.spec, "Thing", "odd").type == field_type
    (warned,) = with_code(result, "sql-type")
    assert said in warned.message
    assert warned.path == "table thing.column odd"
    assert warned.loc is not None
    assert warned.loc.line == 2


def test_mysql_enum_column_becomes_a_synthesised_enum() -> None:
    result = run(
        "CREATE TABLE `orders` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        " `state` enum('new','in-review','done') NOT NULL DEFAULT 'in-review') ENGINE=InnoDB;",
    )
    state = fld(result.spec, "Order", "state")
    assert (state.type, state.enum) == ("enum", "OrderState")
    enum = result.spec.enum_def("OrderState")
    assert enum is not None
    assert [(v.name, v.label) for v in enum.values] == [
        ("new", None),
        ("in_review", "in-review"),
        ("done", None),
    ]
    assert state.default == Default(kind="enum", value="in_review")
    assert result.spec.project.database == "mysql"


def test_postgres_enum_type_and_domain() -> None:
    result = run(
        """
        CREATE TYPE mood AS ENUM ('happy', 'so-so');
        CREATE DOMAIN year AS integer
          CONSTRAINT year_check CHECK ((VALUE >= 1901) AND (VALUE <= 2155));
        CREATE DOMAIN short_text AS varchar(20) NOT NULL DEFAULT 'x';
        COMMENT ON TYPE mood IS 'How someone feels';
        CREATE TABLE person (
            id serial PRIMARY KEY,
            feeling mood DEFAULT 'so-so'::mood,
            born year,
            nick short_text
        );
        """,
        "postgres",
    )
    spec = result.spec
    mood = spec.enum_def("Mood")
    assert mood is not None
    assert mood.description == "How someone feels"
    assert [v.name for v in mood.values] == ["happy", "so_so"]
    feeling = fld(spec, "Person", "feeling")
    assert (feeling.type, feeling.enum, feeling.optional) == ("enum", "Mood", True)
    assert feeling.default == Default(kind="enum", value="so_so")
    born = fld(spec, "Person", "born")
    assert (born.type, born.min, born.max) == ("int", 1901, 2155)
    nick = fld(spec, "Person", "nick")
    assert (nick.type, nick.length, nick.optional) == ("string", 20, False)
    assert nick.default == Default(kind="string", value="x")
    assert result.warnings == ()


# -- keys -------------------------------------------------------------------------------

ID_CASES: list[tuple[str, str]] = [
    ("postgres", "CREATE TABLE album (album_id serial PRIMARY KEY, title text);"),
    ("postgres", "CREATE TABLE album (album_id bigserial, title text, PRIMARY KEY (album_id));"),
    (
        "postgres",
        "CREATE TABLE album (album_id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text);",
    ),
    (
        "postgres",
        "CREATE TABLE album (album_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text);",
    ),
    (
        "postgres",
        "CREATE TABLE album (album_id integer DEFAULT nextval('album_seq'::regclass) NOT NULL,"
        " title text); ALTER TABLE ONLY album ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);",
    ),
    (
        "mysql",
        "CREATE TABLE `album` (`album_id` int NOT NULL AUTO_INCREMENT, `title` text,"
        " PRIMARY KEY (`album_id`));",
    ),
    ("mysql", "CREATE TABLE album (AlbumId bigint unsigned NOT NULL PRIMARY KEY, title text);"),
    ("sqlite", "CREATE TABLE album (album_id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);"),
    (
        "sqlite",
        'CREATE TABLE "Album" ("AlbumId" INTEGER NOT NULL, "Title" TEXT,'
        ' CONSTRAINT "PK" PRIMARY KEY ("AlbumId"));',
    ),
]


@pytest.mark.parametrize(("dialect", "sql"), ID_CASES)
def test_integer_or_uuid_primary_key_is_the_implicit_id(dialect: str, sql: str) -> None:
    result = run(sql, dialect)
    (album,) = result.spec.entities
    assert album.name == "Album"
    assert [f.name for f in album.fields] == ["title"]
    assert album.indexes == ()
    assert result.warnings == ()


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_string_primary_key_stays_a_unique_field(dialect: str) -> None:
    result = run("CREATE TABLE country (code varchar(2) PRIMARY KEY, name varchar(50));", dialect)
    code = fld(result.spec, "Country", "code")
    assert (code.type, code.length, code.unique, code.optional) == ("string", 2, True, False)
    (warned,) = with_code(result, "sql-primary-key")
    assert "surrogate id" in warned.message
    assert warned.path == "table country.column code"


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_composite_primary_key_becomes_a_unique_index_without_warning(dialect: str) -> None:
    result = run(
        """
        CREATE TABLE actor (actor_id integer PRIMARY KEY, name varchar(40));
        CREATE TABLE film (film_id integer PRIMARY KEY, title varchar(40));
        CREATE TABLE film_actor (
          actor_id integer NOT NULL REFERENCES actor (actor_id),
          film_id integer NOT NULL,
          PRIMARY KEY (actor_id, film_id),
          FOREIGN KEY (film_id) REFERENCES film (film_id) ON DELETE CASCADE
        );
        """,
        dialect,
    )
    junction = entity(result.spec, "FilmActor")
    assert [(f.name, f.type, f.target) for f in junction.fields] == [
        ("actor", "relation", "Actor"),
        ("film", "relation", "Film"),
    ]
    assert junction.indexes == (Index(fields=("actor", "film"), unique=True),)
    assert fld(result.spec, "FilmActor", "film").on_delete == "cascade"
    assert result.warnings == ()


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_table_without_primary_key_warns(dialect: str) -> None:
    result = run("CREATE TABLE log (message text NOT NULL, at date);", dialect)
    assert [f.name for f in entity(result.spec, "Log").fields] == ["message", "at"]
    (warned,) = with_code(result, "sql-primary-key")
    assert "no primary key" in warned.message
    assert warned.path == "table log"


def test_primary_key_that_is_also_a_foreign_key_becomes_one_to_one() -> None:
    result = run(
        "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);"
        "CREATE TABLE profile (user_id integer PRIMARY KEY REFERENCES users (id), bio text);",
        "postgres",
    )
    user = fld(result.spec, "Profile", "user")
    assert (user.type, user.target, user.cardinality, user.optional) == (
        "relation",
        "User",
        "one_to_one",
        False,
    )
    assert len(with_code(result, "sql-primary-key")) == 1


# -- relations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "action", "expected"),
    [
        ("postgres", "ON DELETE CASCADE", "cascade"),
        ("postgres", "ON DELETE SET NULL", "set_null"),
        ("mysql", "ON DELETE RESTRICT ON UPDATE CASCADE", "restrict"),
        ("mysql", "ON DELETE SET DEFAULT", "set_default"),
        ("sqlite", "ON DELETE NO ACTION", "no_action"),
        ("sqlite", "", None),
    ],
)
def test_foreign_key_becomes_many_to_one_with_on_delete(
    dialect: str, action: str, expected: str | None
) -> None:
    result = run(
        f"""
        CREATE TABLE customers (id integer PRIMARY KEY, name varchar(20));
        CREATE TABLE orders (
          id integer PRIMARY KEY,
          customer_id integer,
          FOREIGN KEY (customer_id) REFERENCES customers (id) {action}
        );
        """,
        dialect,
    )
    customer = fld(result.spec, "Order", "customer")
    assert (customer.type, customer.target, customer.cardinality) == (
        "relation",
        "Customer",
        "many_to_one",
    )
    assert customer.on_delete == expected
    assert customer.optional
    assert customer.via is None
    assert [f.name for f in entity(result.spec, "Customer").fields] == ["name"]
    assert result.warnings == ()


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_alter_table_adds_keys_and_unique_foreign_key_is_one_to_one(dialect: str) -> None:
    result = run(
        """
        CREATE TABLE staff (staff_id integer NOT NULL, name varchar(20) NOT NULL);
        CREATE TABLE store (store_id integer NOT NULL, manager_staff_id integer NOT NULL);
        ALTER TABLE staff ADD CONSTRAINT staff_pkey PRIMARY KEY (staff_id);
        ALTER TABLE store ADD CONSTRAINT store_pkey PRIMARY KEY (store_id);
        ALTER TABLE store ADD CONSTRAINT fk
          FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id);
        CREATE UNIQUE INDEX idx_unq_manager ON store (manager_staff_id);
        """,
        dialect,
    )
    manager = fld(result.spec, "Store", "manager_staff")
    assert (manager.cardinality, manager.target, manager.optional) == ("one_to_one", "Staff", False)
    assert [f.name for f in entity(result.spec, "Staff").fields] == ["name"]
    assert result.warnings == ()


def test_relation_names_strip_id_and_yield_to_columns() -> None:
    result = run(
        """
        CREATE TABLE "Artist" ("ArtistId" INTEGER PRIMARY KEY, "Name" NVARCHAR(120));
        CREATE TABLE "Album" (
          "AlbumId" INTEGER PRIMARY KEY,
          "ArtistId" INTEGER NOT NULL REFERENCES "Artist" ("ArtistId"),
          "Artist" NVARCHAR(20),
          "ParentId" INTEGER REFERENCES "Album" ("AlbumId")
        );
        """,
        "sqlite",
    )
    album = entity(result.spec, "Album")
    assert [(f.name, f.type) for f in album.fields] == [
        ("artist_id", "relation"),
        ("artist", "string"),
        ("parent", "relation"),
    ]
    assert fld(result.spec, "Album", "parent").target == "Album"


def test_foreign_key_to_undefined_table_stays_a_plain_column() -> None:
    result = run(
        "CREATE TABLE orders (id integer PRIMARY KEY,"
        " shop_id bigint NOT NULL REFERENCES shops (id));",
        "postgres",
    )
    shop = fld(result.spec, "Order", "shop_id")
    assert (shop.type, shop.optional) == ("bigint", False)
    (warned,) = with_code(result, "sql-foreign-key")
    assert "shops" in warned.message
    assert warned.path == "table orders.column shop_id"


def test_composite_foreign_key_warns_and_keeps_columns() -> None:
    result = run(
        """
        CREATE TABLE a (x int, y int, PRIMARY KEY (x, y));
        CREATE TABLE b (id int PRIMARY KEY, ax int, ay int,
          FOREIGN KEY (ax, ay) REFERENCES a (x, y));
        """,
        "postgres",
    )
    assert [f.type for f in entity(result.spec, "B").fields] == ["int", "int"]
    (warned,) = with_code(result, "sql-foreign-key")
    assert "composite foreign key" in warned.message


def test_set_null_on_required_column_becomes_restrict() -> None:
    result = run(
        "CREATE TABLE p (id int PRIMARY KEY);"
        "CREATE TABLE c (id int PRIMARY KEY,"
        " p_id int NOT NULL REFERENCES p (id) ON DELETE SET NULL);",
        "postgres",
    )
    assert fld(result.spec, "C", "p").on_delete == "restrict"
    assert len(with_code(result, "sql-foreign-key")) == 1


# -- constraints, indexes, defaults ------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_not_null_unique_and_indexes(dialect: str) -> None:
    result = run(
        """
        CREATE TABLE account (
          id integer PRIMARY KEY,
          email varchar(100) NOT NULL UNIQUE,
          handle varchar(30) NULL,
          first_name varchar(20),
          last_name varchar(20),
          CONSTRAINT uq_name UNIQUE (first_name, last_name)
        );
        CREATE INDEX idx_handle ON account (handle);
        CREATE UNIQUE INDEX idx_handle_email ON account (handle, email);
        CREATE INDEX idx_names ON account (last_name, first_name);
        """,
        dialect,
    )
    spec = result.spec
    email = fld(spec, "Account", "email")
    assert (email.optional, email.unique, email.index) == (False, True, False)
    handle = fld(spec, "Account", "handle")
    assert (handle.optional, handle.unique, handle.index) == (True, False, True)
    assert entity(spec, "Account").indexes == (
        Index(fields=("first_name", "last_name"), unique=True),
        Index(fields=("handle", "email"), unique=True),
        Index(fields=("last_name", "first_name"), unique=False),
    )
    assert result.warnings == ()


def test_expression_and_partial_indexes_warn() -> None:
    result = run(
        """
        CREATE TABLE t (id int PRIMARY KEY, name text, active boolean);
        CREATE INDEX t_lower ON t (lower(name));
        CREATE UNIQUE INDEX t_active ON t (name) WHERE active;
        CREATE INDEX t_hash ON t USING hash (name);
        """,
        "postgres",
    )
    name = fld(result.spec, "T", "name")
    assert (name.unique, name.index) == (False, True)
    messages = [w.message for w in with_code(result, "sql-index")]
    assert len(messages) == 3
    assert "expressions" in messages[0]
    assert "partial" in messages[1]
    assert "hash" in messages[2]
    assert [w.loc.line for w in with_code(result, "sql-index") if w.loc] == [3, 4, 5]


def test_mysql_keys_inside_create_table() -> None:
    result = run(
        """
        CREATE TABLE `post` (
          `id` int NOT NULL AUTO_INCREMENT,
          `slug` varchar(80) NOT NULL,
          `body` text,
          `author` varchar(40),
          PRIMARY KEY (`id`),
          UNIQUE KEY `post_slug` (`slug`),
          KEY `post_author` (`author`(10)),
          FULLTEXT KEY `post_body` (`body`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Blog posts';
        """
    )
    post = entity(result.spec, "Post")
    assert post.description == "Blog posts"
    assert fld(result.spec, "Post", "slug").unique
    assert fld(result.spec, "Post", "author").index
    assert post.search == ("body",)
    assert len(with_code(result, "sql-index")) == 2


DEFAULT_CASES: list[tuple[str, str, Default | None]] = [
    ("postgres", "varchar(5) DEFAULT 'abc'", Default(kind="string", value="abc")),
    ("postgres", "integer DEFAULT 42", Default(kind="number", value=42)),
    ("postgres", "smallint DEFAULT -1", Default(kind="number", value=-1)),
    ("postgres", "numeric(4,2) DEFAULT 4.99", Default(kind="number", value=4.99)),
    ("postgres", "boolean DEFAULT false", Default(kind="bool", value=False)),
    ("postgres", "timestamp DEFAULT now()", Default(kind="now")),
    ("postgres", "timestamptz DEFAULT CURRENT_TIMESTAMP", Default(kind="now")),
    ("postgres", "date DEFAULT CURRENT_DATE", Default(kind="today")),
    ("postgres", "date DEFAULT ('now'::text)::date", Default(kind="today")),
    ("postgres", "uuid DEFAULT gen_random_uuid()", Default(kind="uuid")),
    ("postgres", "text DEFAULT NULL", None),
    ("mysql", "tinyint(1) DEFAULT '1'", Default(kind="bool", value=True)),
    ("mysql", "int DEFAULT '7'", Default(kind="number", value=7)),
    ("mysql", "datetime DEFAULT CURRENT_TIMESTAMP", Default(kind="now")),
    ("mysql", "varchar(3) DEFAULT 'no'", Default(kind="string", value="no")),
    ("sqlite", "TEXT DEFAULT 'Y'", Default(kind="string", value="Y")),
    ("sqlite", "DATETIME DEFAULT (datetime('now'))", Default(kind="now")),
    ("sqlite", "DATETIME DEFAULT CURRENT_TIMESTAMP", Default(kind="now")),
    ("sqlite", "INTEGER DEFAULT 0", Default(kind="number", value=0)),
]


@pytest.mark.parametrize(("dialect", "column", "expected"), DEFAULT_CASES)
def test_defaults(dialect: str, column: str, expected: Default | None) -> None:
    result = run(f"CREATE TABLE d (id integer PRIMARY KEY, v {column});", dialect)
    assert fld(result.spec, "D", "v").default == expected
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("dialect", "column"),
    [
        ("postgres", "integer DEFAULT (1 + random())"),
        ("mysql", "varchar(10) DEFAULT (uuid_short())"),
        ("sqlite", "TEXT DEFAULT (lower(hex(randomblob(4))))"),
    ],
)
def test_expression_default_warns(dialect: str, column: str) -> None:
    result = run(f"CREATE TABLE d (id integer PRIMARY KEY, v {column});", dialect)
    assert fld(result.spec, "D", "v").default is None
    (warned,) = with_code(result, "sql-default")
    assert warned.path == "table d.column v"


@pytest.mark.parametrize("dialect", ["postgres", "mysql", "sqlite"])
def test_checks(dialect: str) -> None:
    result = run(
        """
        CREATE TABLE item (
          id integer PRIMARY KEY,
          qty integer CHECK (qty >= 0),
          stars integer CHECK (stars BETWEEN 1 AND 5),
          size varchar(4) DEFAULT 'M' CHECK (size IN ('S', 'M', 'L')),
          code varchar(10) CHECK (length(code) <= 8 AND code <> ''),
          sku varchar(12) CHECK (sku REGEXP '^[A-Z]+$'),
          price decimal(8,2),
          starts date,
          ends date,
          CHECK (price > 0),
          CHECK (ends > starts),
          CONSTRAINT odd CHECK (qty % 2 = 1)
        );
        """,
        dialect,
    )
    spec = result.spec
    assert fld(spec, "Item", "qty").min == 0
    stars = fld(spec, "Item", "stars")
    assert (stars.min, stars.max) == (1, 5)
    size = fld(spec, "Item", "size")
    assert (size.type, size.enum, size.default) == (
        "enum",
        "ItemSize",
        Default(kind="enum", value="M"),
    )
    code = fld(spec, "Item", "code")
    assert (code.min_length, code.max_length) == (1, 8)
    assert fld(spec, "Item", "price").min == 0
    assert fld(spec, "Item", "sku").pattern == "^[A-Z]+$"
    checks = {w.path: w.message for w in with_code(result, "sql-check")}
    assert len(checks) == 3
    assert "strict bound" in checks["table item.column price"]
    assert "2 columns" in checks["table item"]
    assert "cannot be represented" in checks["table item.column qty"]


# -- statements the spec has no place for -----------------------------------------------------


def test_views_functions_triggers_warn_once_each_with_their_line() -> None:
    result = run(
        """SET client_encoding = 'UTF8';
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE t (id serial PRIMARY KEY, n int);
COMMENT ON TABLE t IS 'Things';
COMMENT ON COLUMN t.n IS 'a number';
CREATE VIEW v AS SELECT n FROM t;
CREATE FUNCTION f() RETURNS trigger AS $$
BEGIN NEW.n := 1; RETURN NEW; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f();
CREATE SEQUENCE unused_seq;
ALTER TABLE public.t OWNER TO postgres;
GRANT ALL ON TABLE t TO PUBLIC;
INSERT INTO t (n) VALUES (1);
COPY t (id, n) FROM stdin;
1\tit's; here
3\t4 -- not a comment /*
\\.
CREATE MATERIALIZED VIEW mv AS SELECT 1;
""",
        "postgres",
    )
    assert entity(result.spec, "T").description == "Things"
    warned = [(w.code, w.path, w.loc.line if w.loc else 0) for w in result.warnings]
    assert warned == [
        ("sql-unsupported", "view v", 6),
        ("sql-unsupported", "function f", 7),
        ("sql-unsupported", "trigger tr", 10),
        ("sql-unsupported", "sequence unused_seq", 11),
        ("sql-data", "data", 14),
        ("sql-unsupported", "materialized view mv", 19),
    ]
    assert "2 data statement" in with_code(result, "sql-data")[0].message


def test_sqlite_trigger_body_and_mysql_delimiter() -> None:
    sqlite = run(
        """CREATE TABLE a (id INTEGER PRIMARY KEY, t TIMESTAMP);
CREATE TRIGGER a_ai AFTER INSERT ON a
BEGIN
  UPDATE a SET t = DATETIME('NOW') WHERE rowid = new.rowid;
  SELECT CASE WHEN 1 THEN 2 END;
END;
CREATE TABLE b (id INTEGER PRIMARY KEY);
""",
        "sqlite",
    )
    assert [e.name for e in sqlite.spec.entities] == ["A", "B"]
    assert [(w.code, w.loc.line if w.loc else 0) for w in sqlite.warnings] == [
        ("sql-unsupported", 2)
    ]
    mysql = run(
        """CREATE TABLE a (id int PRIMARY KEY, n int);
DELIMITER ;;
CREATE PROCEDURE p() BEGIN
  IF 1 THEN SELECT 1; END IF;
  SELECT 'x;y';
END ;;
DELIMITER ;
CREATE TABLE b (id int PRIMARY KEY) ENGINE=InnoDB;
""",
        "mysql",
    )
    assert [e.name for e in mysql.spec.entities] == ["A", "B"]
    assert [w.path for w in mysql.warnings] == ["procedure p"]


def test_users_table_is_an_ordinary_entity_without_auth() -> None:
    result = run("CREATE TABLE users (id serial PRIMARY KEY, email varchar(80) NOT NULL);")
    (user,) = result.spec.entities
    assert (user.name, user.builtin) == ("User", False)
    assert [f.name for f in user.fields] == ["email"]
    assert result.spec.project.auth.methods == ("none",)
    assert result.spec.project.name == "schema"


# -- bad SQL, dialects, names -----------------------------------------------------------------


def test_one_bad_statement_is_one_warning() -> None:
    result = run(
        """CREATE TABLE good (id int PRIMARY KEY, n int);
CREATE TABLE bad AS SELEC 1 FROM;
CREATE TABLE good2 (id int PRIMARY KEY, good_id int REFERENCES good (id));
ALTER TABLE good2 ADD CONSTRAINT;
""",
        "postgres",
    )
    assert [e.name for e in result.spec.entities] == ["Good", "Good2"]
    syntax = with_code(result, "sql-syntax")
    assert len(syntax) == 2
    assert [w.loc.line for w in syntax if w.loc] == [2, 4]


def test_a_bad_column_only_loses_that_column() -> None:
    result = run(
        "CREATE TABLE t (\n  id int PRIMARY KEY,\n  a int,\n  b int NOT NOT NULL,\n  c text\n);",
        "postgres",
    )
    assert [f.name for f in entity(result.spec, "T").fields] == ["a", "c"]
    (warned,) = with_code(result, "sql-syntax")
    assert warned.loc is not None
    assert warned.loc.line == 4


def test_nothing_importable_raises_with_every_error() -> None:
    with pytest.raises(SpecError) as caught:
        run("CREATE TABLE (;\nCREATE TABLE x y z (;\n", "postgres", "broken.sql")
    errors = caught.value.errors
    assert [e.code for e in errors] == ["sql-syntax", "sql-syntax"]
    assert [e.loc.line for e in errors if e.loc] == [1, 2]
    assert all(e.loc is not None and e.loc.file == "broken.sql" for e in errors)


def test_no_tables_raises() -> None:
    with pytest.raises(SpecError) as caught:
        run("-- nothing\nSET x = 1;\nCREATE VIEW v AS SELECT 1;", "postgres")
    assert [e.code for e in caught.value.errors] == ["sql-no-tables"]


def test_unknown_dialect_raises_with_a_hint() -> None:
    with pytest.raises(SpecError) as caught:
        run("CREATE TABLE t (id int);", "postgress")
    (problem,) = caught.value.errors
    assert problem.code == "sql-dialect"
    assert problem.hint
    assert "postgres" in problem.hint


@pytest.mark.parametrize(
    ("sql", "filename", "expected"),
    [
        ("CREATE TABLE t (id SERIAL PRIMARY KEY);", "x.sql", "postgres"),
        ("CREATE TABLE t (d date DEFAULT '2000-01-01'::date);", "x.sql", "postgres"),
        ("CREATE TYPE m AS ENUM ('a'); CREATE TABLE t (id int);", "x.sql", "postgres"),
        ("CREATE TABLE `t` (`id` int);", "x.sql", "mysql"),
        ("CREATE TABLE t (id int) ENGINE=InnoDB;", "x.sql", "mysql"),
        ("CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY);", "x.sql", "mysql"),
        ("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);", "x.sql", "sqlite"),
        ("PRAGMA foreign_keys = ON; CREATE TABLE t (id int);", "x.sql", "sqlite"),
        ("CREATE TABLE t (id int); -- AUTO_INCREMENT in a comment", "x.sql", "postgres"),
        ("CREATE TABLE t (note text DEFAULT 'ENGINE=x');", "x.sql", "postgres"),
        ("CREATE TABLE t (id int);", "shop-sqlite.sql", "sqlite"),
        ("CREATE TABLE t (id int);", "dump_mysql.sql", "mysql"),
        ("CREATE TABLE t (id int);", "x.sql", "postgres"),
    ],
)
def test_dialect_detection(sql: str, filename: str, expected: str) -> None:
    assert detect_dialect(sql, filename) == expected


def test_splitter_keeps_semicolons_inside_strings_comments_and_bodies() -> None:
    text = (
        "CREATE TABLE a (n text DEFAULT 'x;y'); -- trailing; comment\n"
        "/* block; /* nested; */ still; */\n"
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
        'CREATE TABLE "b;c" (n int);\n'
        "SELECT E'it\\'s; fine';\n"
    )
    chunks = split_statements(text, "postgres")
    assert [c.text.split()[1] for c in chunks] == ["TABLE", "FUNCTION", "TABLE", "E'it\\'s;"]
    assert all(text[c.start : c.start + len(c.text)] == c.text for c in chunks)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("film_actor", "FilmActor"),
        ("customers", "Customer"),
        ("categories", "Category"),
        ("addresses", "Address"),
        ("address", "Address"),
        ("status", "Status"),
        ("order_items", "OrderItem"),
        ("boxes", "Box"),
        ("people", "Person"),
        ("news", "News"),
        ("user", "User"),
        ("payment_p2007_01", "PaymentP200701"),
        ("tblInvoiceLines", "TblInvoiceLine"),
    ],
)
def test_entity_names(table: str, expected: str) -> None:
    assert entity_name(table) == expected


def test_singular_leaves_non_plurals() -> None:
    assert [singularize(w) for w in ("class", "analysis", "bus", "houses", "quizzes")] == [
        "class",
        "analysis",
        "bus",
        "house",
        "quiz",
    ]


def test_name_collisions_are_resolved_and_warned() -> None:
    result = run(
        'CREATE TABLE "user" (id int PRIMARY KEY);'
        'CREATE TABLE "users" (id int PRIMARY KEY, "AlbumId" int, album_id int, legacy int);'
        "CREATE TABLE codes (code text PRIMARY KEY, id int);",
        "postgres",
    )
    assert [e.name for e in result.spec.entities] == ["User", "User2", "Code"]
    assert [f.name for f in entity(result.spec, "User2").fields] == [
        "album_id",
        "album_id_2",
        "legacy",
    ]
    assert [f.name for f in entity(result.spec, "Code").fields] == ["code", "legacy_id"]
    named = [w.path for w in with_code(result, "sql-name")]
    assert named == ["table users", "table users.column album_id", "table codes.column id"]


def test_generated_column_is_read_only_and_enum_names_avoid_entities() -> None:
    result = run(
        """
        CREATE TYPE status AS ENUM ('on', 'off');
        CREATE TABLE status (id int PRIMARY KEY, state status NOT NULL);
        CREATE TABLE box (id int PRIMARY KEY, w int, area int GENERATED ALWAYS AS (w * w) STORED);
        """,
        "postgres",
    )
    assert [e.name for e in result.spec.enums] == ["Status2"]
    assert fld(result.spec, "Status", "state").enum == "Status2"
    area = fld(result.spec, "Box", "area")
    assert (area.type, area.readonly) == ("int", True)
    assert [w.code for w in result.warnings] == ["sql-name", "sql-column"]


def test_inherited_columns_are_copied_with_a_warning() -> None:
    result = run(
        """
        CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(5,2) NOT NULL);
        CREATE TABLE payment_2007 (note text) INHERITS (payment);
        """,
        "postgres",
    )
    child = entity(result.spec, "Payment2007")
    assert [f.name for f in child.fields] == ["amount", "note"]
    assert codes(result) == ["sql-inherits", "sql-primary-key"]
