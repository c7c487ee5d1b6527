"""Evaluating alert rules against the store.

For each rule: compute its metric over the window ``[now - window, now)`` (drift metrics
against the window before it), then move its state. Not firing and breached → ``firing``
(notify). Firing and still breached → nothing (deduplicated) until ``cooldown`` has passed
since the last notification → ``repeat`` (notify). Firing and no longer breached →
``resolved`` (notify). Too few events in the window (``min_events``) or a metric that cannot
be computed yet → no change. Every transition is recorded in the store's alert history with
its deliveries, so the state survives restarts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from infranest.monitor.alerts.config import AlertConfig, Rule
from infranest.monitor.alerts.notify import Alert, Delivery, deliver
from infranest.monitor.metrics import compute
from infranest.monitor.store import Store


@dataclass(frozen=True)
class Evaluation:
    rule: str
    value: float | None
    events: int
    breached: bool | None  # None: not evaluated (too few events, or no value)
    transition: str | None  # firing, repeat, resolved, or None
    deliveries: tuple[Delivery, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "value": self.value,
            "events": self.events,
            "breached": self.breached,
            "transition": self.transition,
            "deliveries": [d.__dict__ for d in self.deliveries],
        }


class AlertEngine:
    def __init__(
        self,
        config: AlertConfig,
        store: Store,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self._lock = threading.Lock()

    def _deliver(self, rule: Rule, alert: Alert) -> tuple[Delivery, ...]:
        return tuple(deliver(name, self.config.channels[name], alert) for name in rule.channels)

    def _state(self, rule: Rule) -> tuple[bool, datetime | None]:
        """Whether ``rule`` is firing, and when it last notified."""
        history = self.store.alert_history(rule.id, limit=1)
        if not history or history[0]["status"] == "resolved":
            return False, None
        last: datetime = history[0]["at"]
        return True, last if last.tzinfo else last.replace(tzinfo=UTC)

    def evaluate_rule(self, rule: Rule, now: datetime | None = None) -> Evaluation:
        moment = now or self.clock()
        schema = self.store.schema(rule.model, rule.version)
        if schema is None:
            return Evaluation(rule.id, None, 0, None, None)
        window = rule.window_delta
        frame = self.store.frame(schema, moment - window, moment)
        reference = None
        if rule.reference == "previous":
            reference = self.store.frame(schema, moment - 2 * window, moment - window)
        value = compute(rule.metric, schema, frame, reference)
        if frame.num_rows < rule.min_events or value is None:
            return Evaluation(rule.id, value, frame.num_rows, None, None)
        breached = rule.breached(value)
        firing, notified = self._state(rule)
        if breached and not firing:
            transition: str | None = "firing"
        elif breached and notified is not None and moment - notified >= rule.cooldown_delta:
            transition = "repeat"
        elif not breached and firing:
            transition = "resolved"
        else:
            transition = None
        if transition is None:
            return Evaluation(rule.id, value, frame.num_rows, breached, None)
        alert = Alert(
            rule.id,
            rule.model,
            rule.version,
            rule.metric,
            value,
            rule.op,
            rule.threshold,
            rule.severity,
            transition,
            moment,
            rule.description,
        )
        deliveries = self._deliver(rule, alert)
        detail = {**alert.to_json(), "deliveries": [d.__dict__ for d in deliveries]}
        self.store.record_alert(rule.id, moment, transition, rule.severity, value, detail)
        return Evaluation(rule.id, value, frame.num_rows, breached, transition, deliveries)

    def evaluate(self, now: datetime | None = None, model: str | None = None) -> list[Evaluation]:
        """Evaluate every rule (of ``model`` only, when given), one evaluation at a time."""
        with self._lock:
            return [
                self.evaluate_rule(rule, now)
                for rule in self.config.rules
                if model is None or rule.model == model
            ]


class Scheduler:
    """Runs :meth:`AlertEngine.evaluate` every ``interval`` seconds and soon after ingest
    (``poke``), in one background thread; errors are logged, never raised."""

    def __init__(self, engine: AlertEngine, interval: float = 60.0, settle: float = 1.0) -> None:
        self.engine = engine
        self.interval = interval
        self.settle = settle
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="infranest-alerts", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(10)

    def _run(self) -> None:
        import logging

        log = logging.getLogger("infranest.monitor.alerts")
        while not self._stop.is_set():
            if self._wake.wait(self.interval):
                self._stop.wait(self.settle)  # let a burst of ingests land first
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                for result in self.engine.evaluate():
                    if result.transition:
                        log.warning(
                            "alert %s: %s (value %s)", result.rule, result.transition, result.value
                        )
            except Exception:  # a scheduler must outlive one bad evaluation
                log.exception("alert evaluation failed")
