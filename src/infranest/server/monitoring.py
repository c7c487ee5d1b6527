"""The monitor inside the server: one monitor store per workspace, and its alert rules.

Each workspace's models, events, labels and alert history live in a store of their own
(:mod:`infranest.monitor.store`): a DuckDB file ``<data dir>/monitor/workspace-<id>.duckdb``
by default, or, with a PostgreSQL URL configured, the schema ``infranest_ws_<id>`` of that
database. A model's *reference dataset* is stored as the model ``<name>.ref`` beside it
(user model names have no dot). Alert rules and channels are kept per workspace in the
server's database (:class:`~infranest.server.models.MonitorConfig`) in the monitor's
rules-file format, and evaluated by :class:`~infranest.monitor.alerts.engine.AlertEngine`
every ``interval`` seconds and soon after an ingest stored something.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from infranest.monitor.alerts.config import AlertConfig
from infranest.monitor.alerts.engine import AlertEngine, Evaluation
from infranest.monitor.schema import ModelSchema
from infranest.monitor.store import Store, open_store
from infranest.server.db import Database
from infranest.server.models import MonitorConfig, utcnow

REFERENCE_SUFFIX = ".ref"
MODEL_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,50}$"
log = logging.getLogger("infranest.server.monitor")


def reference_schema(schema: ModelSchema) -> ModelSchema:
    return schema.model_copy(update={"model": schema.model + REFERENCE_SUFFIX})


def is_reference(schema: ModelSchema) -> bool:
    return schema.model.endswith(REFERENCE_SUFFIX)


def _postgres_schema_url(url: str, workspace_id: int) -> str:
    """``url`` with the workspace's schema first on the search path (created if absent)."""
    import psycopg

    name = f"infranest_ws_{workspace_id}"
    plain = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as con:
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')
    parts = urlsplit(plain)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={name}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


class Stores:
    """Each workspace's monitor store, opened on first use and kept open."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self._stores: dict[int, Store] = {}
        self._lock = threading.Lock()

    def url_for(self, workspace_id: int) -> str:
        if self.url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            return _postgres_schema_url(self.url, workspace_id)
        if self.url.startswith("duckdb:") and self.url != "duckdb::memory:":
            folder = Path(self.url.removeprefix("duckdb:"))
            return f"duckdb:{folder / f'workspace-{workspace_id}.duckdb'}"
        return self.url

    def get(self, workspace_id: int) -> Store:
        with self._lock:
            if workspace_id not in self._stores:
                self._stores[workspace_id] = open_store(self.url_for(workspace_id))
            return self._stores[workspace_id]

    def close(self) -> None:
        with self._lock:
            for store in self._stores.values():
                store.close()
            self._stores.clear()


# --- alert configuration -------------------------------------------------------------


def load_alerts(db: Session, workspace_id: int) -> AlertConfig:
    row = db.get(MonitorConfig, workspace_id)
    if row is None:
        return AlertConfig()
    return AlertConfig.model_validate_json(row.alerts)


def save_alerts(db: Session, workspace_id: int, config: AlertConfig) -> None:
    row = db.get(MonitorConfig, workspace_id)
    text = config.model_dump_json()
    if row is None:
        db.add(MonitorConfig(workspace_id=workspace_id, alerts=text, updated_at=utcnow()))
    else:
        row.alerts = text
        row.updated_at = utcnow()
    db.commit()


class Alerts:
    """Evaluates every workspace's rules on a schedule and after ingests (``poke``)."""

    def __init__(self, database: Database, stores: Stores, interval: float = 60.0) -> None:
        self.database = database
        self.stores = stores
        self.interval = interval
        self._engines: dict[int, AlertEngine] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def engine(self, workspace_id: int, config: AlertConfig) -> AlertEngine:
        """The workspace's engine with ``config`` (one engine, hence one lock, per workspace)."""
        with self._lock:
            found = self._engines.get(workspace_id)
            if found is None:
                found = AlertEngine(config, self.stores.get(workspace_id))
                self._engines[workspace_id] = found
            found.config = config
            return found

    def evaluate(self, workspace_id: int) -> list[Evaluation]:
        with self.database.sessions() as db:
            config = load_alerts(db, workspace_id)
        if not config.rules:
            return []
        return self.engine(workspace_id, config).evaluate()

    def evaluate_all(self) -> None:
        with self.database.sessions() as db:
            workspaces = list(db.scalars(select(MonitorConfig.workspace_id)))
        for workspace_id in workspaces:
            try:
                for result in self.evaluate(workspace_id):
                    if result.transition:
                        log.warning(
                            "workspace %s alert %s: %s",
                            workspace_id,
                            result.rule,
                            result.transition,
                        )
            except Exception:  # one workspace's failure must not stop the others
                log.exception("alert evaluation failed for workspace %s", workspace_id)

    def poke(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="infranest-alerts", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._wake.wait(self.interval):
                self._stop.wait(1.0)  # let a burst of ingests land first
            self._wake.clear()
            if self._stop.is_set():
                return
            self.evaluate_all()


def channel_summary(config: AlertConfig) -> list[dict[str, Any]]:
    """Channels by name and type only: their URLs, keys and headers are secrets."""
    return [{"name": n, "type": c.type} for n, c in sorted(config.channels.items())]
