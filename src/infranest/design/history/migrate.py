"""A migration plan for each target: the schema operations a diff needs, in order.

``fastapi``: Alembic operations (``op.*``); ``django``: migration operations
(``migrations.*``); ``sql``: statements for the spec's database, written as PostgreSQL and
transpiled by sqlglot (the plan for rails, fiber and express). Data-migrating changes get a
backfill or a check before the constraint is applied; destructive ones are marked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlglot

from infranest.design.history.changes import Change
from infranest.design.history.diff import SpecDiff
from infranest.spec.exporters.api_fields import plural_snake
from infranest.spec.model import Entity, FieldDef, Index

TARGETS = ("fastapi", "django", "sql")
_DIALECTS = {"postgresql": "postgres", "mysql": "mysql", "sqlite": "sqlite"}


@dataclass(frozen=True)
class Step:
    """One operation of a plan; ``warning`` says what to check before running it."""

    code: str
    change: str  # the change kind it comes from
    warning: str | None = None


def column(f: FieldDef) -> str:
    """The column a field is stored in: ``customer`` → ``customer_id``."""
    return f"{f.name}_id" if f.is_relation else f.name


def _sa_type(f: FieldDef) -> str:
    t = f.type
    if t == "relation":
        return "ID_TYPE"
    if t == "string":
        return f"sa.String({f.length or 255})"
    if t == "decimal":
        return f"sa.Numeric({f.precision or 12}, {f.scale or 2})"
    return {
        "text": "sa.Text()",
        "int": "sa.Integer()",
        "bigint": "sa.BigInteger()",
        "float": "sa.Float()",
        "bool": "sa.Boolean()",
        "date": "sa.Date()",
        "datetime": "sa.DateTime(timezone=True)",
        "time": "sa.Time()",
        "uuid": "sa.Uuid()",
        "email": "sa.String(254)",
        "url": "sa.String(2048)",
        "file": "sa.String(2048)",
        "json": "sa.JSON()",
        "enum": "sa.String(64)",
    }[t]


def _dj_field(f: FieldDef) -> str:
    null = ", null=True" if f.optional else ""
    t = f.type
    if t == "relation":
        on = (f.on_delete or "cascade").upper()
        return f'models.ForeignKey("{f.target}", on_delete=models.{on}{null})'
    if t in ("string", "enum"):
        return f"models.CharField(max_length={f.length or (64 if t == 'enum' else 255)}{null})"
    if t == "decimal":
        return (
            f"models.DecimalField(max_digits={f.precision or 12}, "
            f"decimal_places={f.scale or 2}{null})"
        )
    name = {
        "text": "TextField",
        "int": "IntegerField",
        "bigint": "BigIntegerField",
        "float": "FloatField",
        "bool": "BooleanField",
        "date": "DateField",
        "datetime": "DateTimeField",
        "time": "TimeField",
        "uuid": "UUIDField",
        "email": "EmailField",
        "url": "URLField",
        "file": "URLField",
        "json": "JSONField",
    }[t]
    return f"models.{name}({null.lstrip(', ')})"


def _sql_type(f: FieldDef) -> str:
    t = f.type
    if t == "relation":
        return "BIGINT"
    if t in ("string", "enum"):
        return f"VARCHAR({f.length or (64 if t == 'enum' else 255)})"
    if t == "decimal":
        return f"NUMERIC({f.precision or 12}, {f.scale or 2})"
    return {
        "text": "TEXT",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "float": "DOUBLE PRECISION",
        "bool": "BOOLEAN",
        "date": "DATE",
        "datetime": "TIMESTAMPTZ",
        "time": "TIME",
        "uuid": "UUID",
        "email": "VARCHAR(254)",
        "url": "VARCHAR(2048)",
        "file": "VARCHAR(2048)",
        "json": "JSONB",
    }[t]


def _table(entity: str | None) -> str:
    return plural_snake(entity or "")


def _stored(change: Change) -> list[FieldDef]:
    """The fields of an added entity that are columns of its table."""
    entity = change.new
    return [f for f in entity.fields if f.has_column] if isinstance(entity, Entity) else []


def _field_of(change: Change) -> FieldDef | None:
    value = change.new if isinstance(change.new, FieldDef) else change.old
    return value if isinstance(value, FieldDef) else None


def _renamed_columns(change: Change) -> tuple[str, str]:
    suffix = "_id" if change.extra.get("relation") else ""
    return f"{change.old}{suffix}", f"{change.new}{suffix}"


def _backfill(change: Change) -> str:
    return (
        f"backfill {change.entity}.{change.field} for existing rows (or give the field "
        "a default) before the constraint"
    )


# --- Alembic -------------------------------------------------------------------------


def _alembic(change: Change) -> list[Step]:
    k, t = change.kind, _table(change.entity)
    f = _field_of(change)
    if k == "entity-added":
        cols = ", ".join(
            f'sa.Column("{column(c)}", {_sa_type(c)}, nullable={c.optional})'
            for c in _stored(change)
        )
        return [
            Step(f'op.create_table("{t}", sa.Column("id", ID_TYPE, primary_key=True), {cols})', k)
        ]
    if k == "entity-removed":
        return [Step(f'op.drop_table("{t}")', k, "drops every row of the table")]
    if k == "entity-renamed":
        return [Step(f'op.rename_table("{_table(change.old)}", "{_table(change.new)}")', k)]
    if k == "field-renamed":
        old, new = _renamed_columns(change)
        return [Step(f'op.alter_column("{t}", "{old}", new_column_name="{new}")', k)]
    if f is not None and k.startswith("field-added") and f.has_column:
        steps = [
            Step(f'op.add_column("{t}", sa.Column("{column(f)}", {_sa_type(f)}, nullable=True))', k)
        ]
        if not f.optional:
            steps.append(
                Step(
                    f'op.execute("UPDATE {t} SET {column(f)} = ... WHERE {column(f)} IS NULL")',
                    k,
                    _backfill(change),
                )
            )
            steps.append(Step(f'op.alter_column("{t}", "{column(f)}", nullable=False)', k))
        return steps
    if k == "field-removed" and f is not None and f.has_column:
        return [Step(f'op.drop_column("{t}", "{column(f)}")', k, "drops the column's data")]
    if f is not None and k in (
        "field-type-changed",
        "field-type-widened",
        "field-length-loosened",
        "field-length-tightened",
        "field-precision-loosened",
        "field-precision-tightened",
        "field-scale-loosened",
        "field-scale-tightened",
        "field-relation-changed",
    ):
        warn = None if change.db == "safe" else "existing values must convert; check them first"
        return [Step(f'op.alter_column("{t}", "{column(f)}", type_={_sa_type(f)})', k, warn)]
    if f is not None and k == "field-optional-tightened":
        return [
            Step(
                f'op.execute("UPDATE {t} SET {column(f)} = ... WHERE {column(f)} IS NULL")',
                k,
                _backfill(change),
            ),
            Step(f'op.alter_column("{t}", "{column(f)}", nullable=False)', k),
        ]
    if f is not None and k == "field-optional-loosened":
        return [Step(f'op.alter_column("{t}", "{column(f)}", nullable=True)', k)]
    if f is not None and k == "field-unique-tightened":
        return [
            Step(
                f'op.create_unique_constraint("uq_{t}_{column(f)}", "{t}", ["{column(f)}"])',
                k,
                "remove duplicate values first",
            )
        ]
    if f is not None and k == "field-unique-loosened":
        return [Step(f'op.drop_constraint("uq_{t}_{column(f)}", "{t}", type_="unique")', k)]
    if f is not None and k == "field-index-added":
        return [Step(f'op.create_index("ix_{t}_{column(f)}", "{t}", ["{column(f)}"])', k)]
    if f is not None and k == "field-index-removed":
        return [Step(f'op.drop_index("ix_{t}_{column(f)}", table_name="{t}")', k)]
    if k in ("index-added", "unique-index-added", "index-removed", "unique-index-removed"):
        index = change.new if isinstance(change.new, Index) else change.old
        assert isinstance(index, Index)
        cols = "_".join(index.fields)
        name = f"{'uq' if index.unique else 'ix'}_{t}_{cols}"
        if k.endswith("added"):
            return [
                Step(
                    f'op.create_index("{name}", "{t}", {list(index.fields)!r}, '
                    f"unique={index.unique})",
                    k,
                    "remove duplicate rows first" if index.unique else None,
                )
            ]
        return [Step(f'op.drop_index("{name}", table_name="{t}")', k)]
    if k == "timestamps-added":
        return [
            Step(
                f'op.add_column("{t}", sa.Column("{c}", sa.DateTime(timezone=True), '
                f"server_default=sa.func.now(), nullable=False))",
                k,
            )
            for c in ("created_at", "updated_at")
        ]
    if k == "timestamps-removed":
        return [
            Step(f'op.drop_column("{t}", "{c}")', k, "drops the column's data")
            for c in ("created_at", "updated_at")
        ]
    if k == "soft-delete-added":
        return [
            Step(
                f'op.add_column("{t}", sa.Column("deleted_at", sa.DateTime(timezone=True), '
                f"nullable=True))",
                k,
            )
        ]
    if k == "soft-delete-removed":
        return [
            Step(
                f'op.execute("DELETE FROM {t} WHERE deleted_at IS NOT NULL")',
                k,
                "purges the soft-deleted rows",
            ),
            Step(f'op.drop_column("{t}", "deleted_at")', k),
        ]
    if k == "optimistic-lock-added":
        return [
            Step(
                f'op.add_column("{t}", sa.Column("version", sa.Integer(), '
                f'server_default="1", nullable=False))',
                k,
            )
        ]
    if k == "optimistic-lock-removed":
        return [Step(f'op.drop_column("{t}", "version")', k)]
    return _generic(change, "op.execute", "python")


def _generic(change: Change, call: str, lang: str) -> list[Step]:
    """Data-migrating changes with no schema operation of their own: a data step."""
    del lang
    if change.db != "data-migrating":
        return []
    return [
        Step(
            f"{call}(...)  # {change.message}",
            change.kind,
            "rewrite or check the stored data for this change",
        )
    ]


# --- Django --------------------------------------------------------------------------


def _django(change: Change) -> list[Step]:
    k, model = change.kind, change.entity or ""
    f = _field_of(change)
    low = model.lower()
    if k == "entity-added":
        fields = ", ".join(f'("{c.name}", {_dj_field(c)})' for c in _stored(change))
        return [
            Step(
                f'migrations.CreateModel(name="{model}", fields=[("id", '
                f"models.BigAutoField(primary_key=True)), {fields}])",
                k,
            )
        ]
    if k == "entity-removed":
        return [Step(f'migrations.DeleteModel(name="{model}")', k, "drops every row")]
    if k == "entity-renamed":
        return [
            Step(f'migrations.RenameModel(old_name="{change.old}", new_name="{change.new}")', k)
        ]
    if k == "field-renamed":
        return [
            Step(
                f'migrations.RenameField(model_name="{low}", old_name="{change.old}", '
                f'new_name="{change.new}")',
                k,
            )
        ]
    if f is not None and k.startswith("field-added") and f.has_column:
        steps = [
            Step(
                f'migrations.AddField(model_name="{low}", name="{f.name}", '
                f"field={_dj_field(f.model_copy(update={'optional': True}))})",
                k,
            )
        ]
        if not f.optional:
            steps.append(
                Step(f"migrations.RunPython(backfill_{low}_{f.name})", k, _backfill(change))
            )
            steps.append(
                Step(
                    f'migrations.AlterField(model_name="{low}", name="{f.name}", '
                    f"field={_dj_field(f)})",
                    k,
                )
            )
        return steps
    if f is not None and k == "field-added-optional" and f.cardinality == "many_to_many":
        return [
            Step(
                f'migrations.AddField(model_name="{low}", name="{f.name}", '
                f'field=models.ManyToManyField("{f.target}"))',
                k,
            )
        ]
    if k == "field-removed" and f is not None and in_schema(f):
        return [
            Step(
                f'migrations.RemoveField(model_name="{low}", name="{f.name}")',
                k,
                "drops the column's data",
            )
        ]
    if f is not None and (
        k.startswith(
            (
                "field-type",
                "field-length",
                "field-precision",
                "field-scale",
                "field-optional",
                "field-unique",
                "field-index",
                "field-relation",
            )
        )
    ):
        warn = None if change.db in ("safe", "none") else "check or convert existing values first"
        steps = []
        if k == "field-optional-tightened":
            steps.append(
                Step(f"migrations.RunPython(backfill_{low}_{f.name})", k, _backfill(change))
            )
        steps.append(
            Step(
                f'migrations.AlterField(model_name="{low}", name="{f.name}", field={_dj_field(f)})',
                k,
                warn,
            )
        )
        return steps
    if k in ("index-added", "unique-index-added"):
        assert isinstance(change.new, Index)
        cls = "UniqueConstraint" if change.new.unique else "Index"
        op = "AddConstraint(constraint" if change.new.unique else "AddIndex(index"
        return [
            Step(
                f"migrations.{op}=models.{cls}(fields={list(change.new.fields)!r}), "
                f'model_name="{low}")',
                k,
                "remove duplicate rows first" if change.new.unique else None,
            )
        ]
    if k in ("index-removed", "unique-index-removed"):
        assert isinstance(change.old, Index)
        op = "RemoveConstraint" if change.old.unique else "RemoveIndex"
        return [
            Step(f'migrations.{op}(model_name="{low}", name="...{"_".join(change.old.fields)}")', k)
        ]
    columns = {
        "timestamps": ("created_at", "updated_at"),
        "soft-delete": ("deleted_at",),
        "optimistic-lock": ("version",),
    }
    for flag, names in columns.items():
        if k == f"{flag}-added":
            return [
                Step(f'migrations.AddField(model_name="{low}", name="{n}", field=...)', k)
                for n in names
            ]
        if k == f"{flag}-removed":
            pre = (
                [
                    Step(
                        f"migrations.RunPython(purge_deleted_{low})",
                        k,
                        "purges the soft-deleted rows",
                    )
                ]
                if flag == "soft-delete"
                else []
            )
            return pre + [
                Step(f'migrations.RemoveField(model_name="{low}", name="{n}")', k) for n in names
            ]
    return _generic(change, "migrations.RunPython", "python")


def in_schema(f: FieldDef) -> bool:
    return f.has_column or f.cardinality == "many_to_many"


# --- SQL -----------------------------------------------------------------------------


def _sql(change: Change) -> list[str]:
    k, t = change.kind, _table(change.entity)
    f = _field_of(change)
    if k == "entity-added":
        cols = "".join(
            f", {column(c)} {_sql_type(c)}{'' if c.optional else ' NOT NULL'}"
            for c in _stored(change)
        )
        return [f"CREATE TABLE {t} (id BIGINT PRIMARY KEY{cols})"]
    if k == "entity-removed":
        return [f"DROP TABLE {t}"]
    if k == "entity-renamed":
        return [f"ALTER TABLE {_table(change.old)} RENAME TO {_table(change.new)}"]
    if k == "field-renamed":
        old, new = _renamed_columns(change)
        return [f"ALTER TABLE {t} RENAME COLUMN {old} TO {new}"]
    if f is not None and k.startswith("field-added") and f.has_column:
        out = [f"ALTER TABLE {t} ADD COLUMN {column(f)} {_sql_type(f)}"]
        if not f.optional:
            out.append(f"UPDATE {t} SET {column(f)} = NULL WHERE {column(f)} IS NULL")
            out.append(f"ALTER TABLE {t} ALTER COLUMN {column(f)} SET NOT NULL")
        return out
    if k == "field-removed" and f is not None and f.has_column:
        return [f"ALTER TABLE {t} DROP COLUMN {column(f)}"]
    if (
        f is not None
        and k.startswith(
            ("field-type", "field-length", "field-precision", "field-scale", "field-relation")
        )
        and f.has_column
    ):
        return [f"ALTER TABLE {t} ALTER COLUMN {column(f)} TYPE {_sql_type(f)}"]
    if f is not None and k == "field-optional-tightened":
        return [f"ALTER TABLE {t} ALTER COLUMN {column(f)} SET NOT NULL"]
    if f is not None and k == "field-optional-loosened":
        return [f"ALTER TABLE {t} ALTER COLUMN {column(f)} DROP NOT NULL"]
    if f is not None and k in ("field-unique-tightened", "field-index-added"):
        unique = "UNIQUE " if k == "field-unique-tightened" else ""
        return [f"CREATE {unique}INDEX ix_{t}_{column(f)} ON {t} ({column(f)})"]
    if f is not None and k in ("field-unique-loosened", "field-index-removed"):
        return [f"DROP INDEX ix_{t}_{column(f)}"]
    if k in ("index-added", "unique-index-added") and isinstance(change.new, Index):
        cols = ", ".join(change.new.fields)
        unique = "UNIQUE " if change.new.unique else ""
        return [f"CREATE {unique}INDEX ix_{t}_{'_'.join(change.new.fields)} ON {t} ({cols})"]
    if k in ("index-removed", "unique-index-removed") and isinstance(change.old, Index):
        return [f"DROP INDEX ix_{t}_{'_'.join(change.old.fields)}"]
    if k == "timestamps-added":
        return [
            f"ALTER TABLE {t} ADD COLUMN {c} TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP"
            for c in ("created_at", "updated_at")
        ]
    if k == "timestamps-removed":
        return [f"ALTER TABLE {t} DROP COLUMN {c}" for c in ("created_at", "updated_at")]
    if k == "soft-delete-added":
        return [f"ALTER TABLE {t} ADD COLUMN deleted_at TIMESTAMPTZ"]
    if k == "soft-delete-removed":
        return [
            f"DELETE FROM {t} WHERE deleted_at IS NOT NULL",
            f"ALTER TABLE {t} DROP COLUMN deleted_at",
        ]
    if k == "optimistic-lock-added":
        return [f"ALTER TABLE {t} ADD COLUMN version INTEGER NOT NULL DEFAULT 1"]
    if k == "optimistic-lock-removed":
        return [f"ALTER TABLE {t} DROP COLUMN version"]
    return []


def _transpile(statement: str, dialect: str) -> str:
    """``statement`` (PostgreSQL) in ``dialect``; sqlglot's notes on statements it keeps
    verbatim are silenced (the text is then PostgreSQL's)."""
    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return sqlglot.transpile(statement, read="postgres", write=dialect)[0]
    finally:
        logger.setLevel(level)


def _sql_steps(change: Change, dialect: str) -> list[Step]:
    steps: list[Step] = []
    for statement in _sql(change):
        text = _transpile(statement, dialect)
        warn = None
        if change.db == "destructive":
            warn = "drops data"
        elif change.db == "data-migrating":
            warn = "check or backfill existing rows first"
        steps.append(Step(text + ";", change.kind, warn))
    if not steps and change.db == "data-migrating":
        steps.append(
            Step(
                f"-- {change.message}: rewrite the stored data",
                change.kind,
                "no schema statement covers this change",
            )
        )
    return steps


def plan(result: SpecDiff, target: str) -> list[Step]:
    """The steps ``target`` (``fastapi``, ``django`` or ``sql``) needs, in change order."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; valid: {', '.join(TARGETS)}")
    if target == "sql":
        dialect = _DIALECTS[result.new.project.database]
        return [s for c in result.changes for s in _sql_steps(c, dialect)]
    planner: Callable[[Change], list[Step]] = _alembic if target == "fastapi" else _django
    return [s for c in result.changes for s in planner(c)]


def diff_json(result: SpecDiff, targets: tuple[str, ...]) -> dict[str, Any]:
    """A diff and its migration plans as JSON (what ``diff --json`` and the server give)."""
    return {
        "summary": result.counts(),
        "changes": [c.to_json() for c in result.changes],
        "migrations": {
            t: [{"code": s.code, "change": s.change, "warning": s.warning} for s in plan(result, t)]
            for t in targets
        },
    }
