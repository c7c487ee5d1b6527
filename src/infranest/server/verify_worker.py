"""The child process of a server verification run.

``python -m infranest.server.verify_worker JOB.json`` generates the job's spec into its
folder (everything there but installed environments is replaced), then runs ``infranest
verify``'s steps on it, printing one JSON line per event, each after :data:`MARK`: ``start``
(a step begins), ``done`` (a step's result), ``finished`` (the verdict) or ``cancelled``.
SIGTERM stops the run like Ctrl-C: every process a step started is stopped first.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import Any

from infranest.generate import generate
from infranest.spec.diagnostics import SpecError
from infranest.spec.loader import load_text
from infranest.verify import NotAProjectError, Options, StepResult, verify

MARK = "@@infranest-verify "
# Installed environments survive between runs, so setup reuses them when nothing changed.
KEPT = frozenset({".venv", "node_modules"})


def emit(kind: str, **data: Any) -> None:
    print(MARK + json.dumps({"type": kind, **data}), flush=True)


def _clean(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name in KEPT:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _generate(job: dict[str, Any], folder: Path) -> StepResult:
    started = time.monotonic()
    try:
        spec = load_text(Path(job["spec"]).read_text(encoding="utf-8"), "spec.nest").spec
        _clean(folder)
        report = generate(spec, job["target"], folder, force=True)
    except SpecError as exc:
        lines = [str(d) for d in exc.diagnostics]
        summary = f"the spec cannot be generated: {lines[0] if lines else exc}"
        return StepResult("generate", "failed", summary, time.monotonic() - started)
    files = sum(1 for c in report.changes if c.action not in ("delete", "orphan"))
    summary = f"{files} files for {job['target']} in {folder.name}"
    counts: dict[str, int | float] = {"files": files}
    return StepResult("generate", "passed", summary, time.monotonic() - started, counts)


def _options(job: dict[str, Any]) -> Options:
    given = job.get("options", {})
    python = job.get("python")
    return Options(
        skip=frozenset(given.get("skip", ())),
        min_coverage=float(given.get("min_coverage", 90.0)),
        max_examples=int(given.get("max_examples", 25)),
        python=Path(python) if python else None,
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(job: dict[str, Any]) -> int:
    """Generate, then verify; the exit status is 0 when every step passed or was skipped."""
    folder = Path(job["dir"])
    emit("start", step="generate")
    generated = _generate(job, folder)
    emit("done", step=generated.to_json())
    if generated.status == "failed":
        emit("finished", passed=False)
        return 1
    try:
        report = verify(
            folder,
            _options(job),
            on_start=lambda name: emit("start", step=name),
            on_done=lambda result: emit("done", step=result.to_json()),
        )
    except NotAProjectError as exc:
        emit("error", message=f"not a generated project: {'; '.join(exc.missing)}")
        return 1
    emit("finished", passed=report.passed)
    return 0 if report.passed else 1


def main(argv: list[str]) -> int:
    with contextlib.suppress(OSError):
        os.nice(10)  # the server's requests come first
    signal.signal(signal.SIGTERM, _interrupt)
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        return run(job)
    except KeyboardInterrupt:
        emit("cancelled")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
