"""A throwaway PostgreSQL with ``pg_stat_statements``: one database per service, and the
number of statements the server executed for it between two points in time.

Counting on the database server is the one method that is the same for all five targets
(SQLAlchemy, the Django ORM, GORM, node-postgres and ActiveRecord): every statement a
service sends, including transaction control and pool checks, is one ``calls`` in
``pg_stat_statements`` (``track = all``, ``track_utility = on``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

PORT = int(os.environ.get("BENCH_PG_PORT", "54381"))
DATA = Path(os.environ.get("BENCH_PG_DATA", f"/tmp/infranest-bench-pg-{PORT}"))
ADMIN_URL = f"postgresql://postgres:postgres@127.0.0.1:{PORT}/postgres"
_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off "
    "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all "
    "-c pg_stat_statements.track_utility=on -c max_connections=200"
)


class PostgresError(Exception):
    """PostgreSQL is not installed or did not start (the message says why)."""


def _bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    if not found:
        raise PostgresError("PostgreSQL is not installed (apt-get install postgresql)")
    return found[-1]


def _as_postgres(argv: list[str]) -> list[str]:
    """Run as the postgres user when we are root (initdb refuses root)."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def start() -> None:
    """Start the cluster (created on first use) unless it already answers."""
    pg = _bin()
    ready = subprocess.run(
        [str(pg / "pg_isready"), "-h", "127.0.0.1", "-p", str(PORT), "-q"], check=False
    )
    if ready.returncode == 0:
        return
    if not (DATA / "PG_VERSION").is_file():
        shutil.rmtree(DATA, ignore_errors=True)
        DATA.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(DATA, "postgres")
        initdb = [str(pg / "initdb"), "-D", str(DATA), "-U", "postgres", "--auth=trust"]
        subprocess.run(_as_postgres([*initdb, "-E", "UTF8"]), check=True, capture_output=True)
    ctl = [str(pg / "pg_ctl"), "-D", str(DATA), "-l", str(DATA / "server.log"), "-w"]
    done = subprocess.run(
        _as_postgres([*ctl, "-o", f"-p {PORT} {_SETTINGS}", "start"]),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PostgresError(f"pg_ctl start failed: {done.stdout}{done.stderr}")


def stop() -> None:
    ctl = [str(_bin() / "pg_ctl"), "-D", str(DATA), "-m", "fast", "stop"]
    subprocess.run(_as_postgres(ctl), capture_output=True, check=False)


def psql(sql: str, database: str = "postgres") -> str:
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
    done = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PostgresError(f"psql {sql!r}: {done.stderr.strip()}")
    return done.stdout.strip()


def fresh_database(name: str) -> str:
    """An empty database ``name`` (dropped first if it exists); its URL."""
    psql(f"drop database if exists {name} with (force)")
    psql(f"create database {name}")
    psql("create extension if not exists pg_stat_statements")
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def reset() -> None:
    psql("select pg_stat_statements_reset()")


def statements(database: str, settle: float = 0.3) -> int:
    """Statements executed in ``database`` since :func:`reset` (after ``settle`` seconds,
    so that a transaction closed after the response is counted)."""
    time.sleep(settle)
    sql = (
        "select coalesce(sum(s.calls), 0) from pg_stat_statements s "
        "join pg_database d on d.oid = s.dbid "
        f"where d.datname = '{database}' and s.query not ilike '%pg_stat_statements%'"
    )
    return int(psql(sql))


def statement_texts(database: str) -> list[str]:
    """What :func:`statements` counted: ``calls × query`` (normalised by PostgreSQL)."""
    sql = (
        "select s.calls || ' × ' || regexp_replace(left(s.query, 160), '\\s+', ' ', 'g') "
        "from pg_stat_statements s join pg_database d on d.oid = s.dbid "
        f"where d.datname = '{database}' and s.query not ilike '%pg_stat_statements%' "
        "order by s.calls desc, s.query"
    )
    return [line for line in psql(sql).splitlines() if line]
