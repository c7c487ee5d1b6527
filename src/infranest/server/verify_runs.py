"""Verification runs: a queue in the database, one run at a time per server.

A run is generated and verified in a child process (:mod:`infranest.server.verify_worker`)
whose progress lines update the run's row as they arrive; ``revision(run_id)`` changes
with every update, so event streams know when to read the row again. Cancelling a queued
run marks it; cancelling the running one stops its child (and everything the child
started). At start, runs an earlier server left unfinished are marked failed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from infranest.server.db import Database
from infranest.server.models import SpecVersion, VerifyRun, utcnow
from infranest.server.verify_worker import MARK
from infranest.verify.project import LANGUAGE_OF
from infranest.verify.report import STEP_NAMES

STEPS = ("generate", *STEP_NAMES)
FINISHED = frozenset({"passed", "failed", "cancelled"})
UNFINISHED = ("queued", "running")
LOG_LINES = 500
CANCEL_GRACE = 10.0
INTERRUPTED = "interrupted: the server stopped before the run finished"
log = logging.getLogger("infranest.server.verify")


def initial_steps() -> str:
    steps = [{"name": n, "status": "pending", "summary": "", "duration": 0.0} for n in STEPS]
    return json.dumps(steps)


def mark_interrupted(db: Session) -> int:
    """Fail every run an earlier server left queued or running; how many there were."""
    runs = db.scalars(select(VerifyRun).where(VerifyRun.status.in_(UNFINISHED))).all()
    for run in runs:
        steps = json.loads(run.steps)
        for step in steps:
            if step["status"] == "running":
                step.update(status="failed", summary="interrupted")
        run.steps = json.dumps(steps)
        run.status = "failed"
        run.error = INTERRUPTED
        run.finished_at = utcnow()
    db.commit()
    return len(runs)


def _stamp() -> str:
    return utcnow().strftime("%H:%M:%S")


class _Progress:
    """The running run's steps and log, written back to its row on every change."""

    def __init__(self, run: VerifyRun) -> None:
        self.steps: list[dict[str, Any]] = json.loads(run.steps)
        self.log: deque[str] = deque(run.log.splitlines(), maxlen=LOG_LINES)
        self.finished: bool | None = None
        self.error: str | None = None

    def _step(self, name: str) -> dict[str, Any]:
        for step in self.steps:
            if step["name"] == name:
                return step
        step = {"name": name, "status": "pending", "summary": "", "duration": 0.0}
        self.steps.append(step)
        return step

    def say(self, line: str) -> None:
        self.log.append(f"{_stamp()} {line}")

    def event(self, data: dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "start":
            step = self._step(str(data["step"]))
            step.update(status="running", started=utcnow().isoformat())
            self.say(f"{step['name']}: running")
        elif kind == "done":
            result: dict[str, Any] = data["step"]
            finished = self._step(str(result["name"]))
            finished.update(result)
            finished.pop("started", None)
            self.say(f"{result['name']}: {result['status']}: {result['summary']}")
            if result["status"] == "failed" and result.get("output"):
                self.log.extend(f"  {line}" for line in str(result["output"]).splitlines())
        elif kind == "finished":
            self.finished = bool(data["passed"])
        elif kind == "error":
            self.error = str(data["message"])
            self.say(f"error: {self.error}")
        elif kind == "cancelled":
            self.say("cancelled")

    def save(self, db: Session, run: VerifyRun) -> None:
        run.steps = json.dumps(self.steps)
        run.log = "\n".join(self.log)
        db.commit()


class VerifyRunner:
    """The background worker: claims the oldest queued run, runs it, and repeats."""

    def __init__(self, database: Database, data_dir: Path, python: Path | None = None) -> None:
        self.database = database
        self.work = data_dir / "verify"
        self.python = python
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._revisions: dict[int, int] = {}
        self._current: int | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._cancelled = False
        self._thread: threading.Thread | None = None

    # --- the API's side --------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="infranest-verify", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker; a run in progress is stopped and recorded as interrupted."""
        self._stop.set()
        self._wake.set()
        self._terminate()
        if self._thread is not None:
            self._thread.join(CANCEL_GRACE + 5)

    def submit(self) -> None:
        self._wake.set()

    def revision(self, run_id: int) -> int:
        with self._lock:
            return self._revisions.get(run_id, 0)

    def bump(self, run_id: int) -> None:
        with self._lock:
            self._revisions[run_id] = self._revisions.get(run_id, 0) + 1

    def cancel(self, db: Session, run: VerifyRun) -> bool:
        """Cancel ``run``; False when it has already finished."""
        done = db.execute(
            update(VerifyRun)
            .where(VerifyRun.id == run.id, VerifyRun.status == "queued")
            .values(status="cancelled", finished_at=utcnow(), error="cancelled before it started")
        )
        db.commit()
        if getattr(done, "rowcount", 0):
            self.bump(run.id)
            return True
        with self._lock:
            if self._current != run.id:
                return False
            self._cancelled = True
        self._terminate()
        return True

    # --- the worker's side -----------------------------------------------------------

    def _terminate(self) -> None:
        with self._lock:
            child = self._child
        if child is None or child.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signal.SIGTERM)

        def kill_later() -> None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(CANCEL_GRACE)
                return
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(child.pid, signal.SIGKILL)

        threading.Thread(target=kill_later, daemon=True).start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            run_id = self._claim()
            if run_id is None:
                self._wake.wait(5.0)
                self._wake.clear()
                continue
            try:
                self._execute(run_id)
            # One broken run (its project deleted meanwhile, ...) must not stop the queue.
            except Exception as exc:
                log.exception("verify run %s failed", run_id)
                self._terminate()
                self._finish(run_id, "failed", f"the server could not run it: {exc}")

    def _claim(self) -> int | None:
        with self.database.sessions() as db:
            queued = db.scalars(
                select(VerifyRun.id).where(VerifyRun.status == "queued").order_by(VerifyRun.id)
            ).all()
            for run_id in queued:
                claimed = db.execute(
                    update(VerifyRun)
                    .where(VerifyRun.id == run_id, VerifyRun.status == "queued")
                    .values(status="running", started_at=utcnow())
                )
                db.commit()
                if getattr(claimed, "rowcount", 0):
                    with self._lock:
                        self._current, self._cancelled = run_id, False
                    self.bump(run_id)
                    return run_id
        return None

    def _job(self, db: Session, run: VerifyRun) -> Path:
        text = db.scalar(
            select(SpecVersion.text).where(
                SpecVersion.project_id == run.project_id, SpecVersion.number == run.version
            )
        )
        if text is None:
            raise LookupError(f"version {run.version} of project {run.project_id} is gone")
        self.work.mkdir(parents=True, exist_ok=True)
        spec = self.work / f"run-{run.id}.nest"
        spec.write_text(text, encoding="utf-8")
        python = self.python if LANGUAGE_OF.get(run.target) == "python" else None
        job = {
            "spec": str(spec.resolve()),
            "target": run.target,
            "dir": str((self.work / f"project-{run.project_id}-{run.target}").resolve()),
            "options": json.loads(run.options),
            "python": str(python) if python else None,
        }
        path = self.work / f"run-{run.id}.json"
        path.write_text(json.dumps(job), encoding="utf-8")
        return path

    def _execute(self, run_id: int) -> None:
        with self.database.sessions() as db:
            run = db.get(VerifyRun, run_id)
            if run is None:
                return
            job = self._job(db, run)
            progress = _Progress(run)
            progress.say(f"verify {run.target}, version {run.version}: started")
            progress.save(db, run)
            self.bump(run_id)
            child = subprocess.Popen(
                [sys.executable, "-m", "infranest.server.verify_worker", str(job)],
                cwd=self.work,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            with self._lock:
                self._child = child
            if self._stop.is_set():
                self._terminate()
            assert child.stdout is not None
            for raw in child.stdout:
                self._line(progress, raw.decode("utf-8", errors="replace").rstrip("\n"))
                progress.save(db, run)
                self.bump(run_id)
            code = child.wait()
            with self._lock:
                self._child = None
                cancelled = self._cancelled
            status, error = self._verdict(progress, code, cancelled)
            if status != "passed":
                for step in progress.steps:
                    if step["status"] == "running":
                        step.update(status="failed", summary=error or "stopped")
            progress.say(f"run {status}" + (f": {error}" if error else ""))
            progress.save(db, run)
        for leftover in (job, job.with_suffix(".nest")):
            leftover.unlink(missing_ok=True)
        self._finish(run_id, status, error)

    def _verdict(self, progress: _Progress, code: int, cancelled: bool) -> tuple[str, str | None]:
        if cancelled:
            return "cancelled", "cancelled while running"
        if self._stop.is_set():
            return "failed", INTERRUPTED
        if progress.error is not None:
            return "failed", progress.error
        if progress.finished is None:
            return "failed", f"the verify process exited with {code} before it finished"
        return ("passed", None) if progress.finished else ("failed", None)

    def _line(self, progress: _Progress, line: str) -> None:
        if line.startswith(MARK):
            try:
                progress.event(json.loads(line.removeprefix(MARK)))
                return
            except (ValueError, KeyError, TypeError):
                pass
        if line.strip():
            progress.say(line)

    def _finish(self, run_id: int, status: str, error: str | None) -> None:
        with self.database.sessions() as db:
            run = db.get(VerifyRun, run_id)
            if run is not None:
                run.status = status
                run.error = error
                run.finished_at = utcnow()
                db.commit()
        with self._lock:
            if self._current == run_id:
                self._current = None
        self.bump(run_id)


def elapsed(run: VerifyRun, now: datetime | None = None) -> float | None:
    """Seconds the run has taken (so far, while it runs); None before it starts."""
    if run.started_at is None:
        return None
    end = run.finished_at or now or utcnow()
    return max(0.0, (end - run.started_at).total_seconds())
