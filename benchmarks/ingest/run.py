"""Ingestion benchmark: events per second through ``infranest monitor serve``, and a kill -9
under load that must lose no acknowledged event.

    .venv/bin/python benchmarks/ingest/run.py [--duration 10] [--clients 1 4]
        [--batches 100 1000] [--postgres URL] [--json FILE] [--readme] [--quick]

For each store (DuckDB in a temp folder; PostgreSQL too with ``--postgres ADMIN_URL``, in a
fresh database created and dropped here) the server runs as a subprocess and is measured on:
single-event POSTs from C keep-alive clients, batched POSTs, one Parquet upload, and the SDK
(``MonitorClient``: log N events, flush). Then a fresh server takes batches from several
threads and is killed with SIGKILL (its whole process group) mid-flight; the store is
reopened and every acknowledged event id looked up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import (
    EVENTS_PATH,
    PARQUET,
    SCHEMA,
    Connection,
    Tally,
    event,
    for_seconds,
    parquet_body,
    percentiles,
    run_clients,
)

from infranest.monitor.sdk import MonitorClient
from infranest.monitor.store import open_store
from infranest.verify.server import Server, free_port

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"


@contextmanager
def serving(store: str, log: Path) -> Iterator[Server]:
    """``infranest monitor serve --store STORE`` on a free port, the benchmark model registered."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "infranest"), "monitor", "serve"]
    command += ["--store", store, "--port", str(port)]
    with Server(command, port=port, cwd=log.parent, env=dict(os.environ), log=log) as server:
        server.wait_healthy(120)
        conn = Connection(server.base_url)
        status, answer = conn.post("/v1/models", SCHEMA.model_dump_json().encode())
        conn.close()
        if status not in (200, 201):
            raise RuntimeError(f"registering the model: {status} {answer}")
        yield server


def stored_count(base_url: str) -> int:
    """The number of stored events, as the server reports it."""
    url = f"{base_url}/v1/models/{SCHEMA.model}/versions/{SCHEMA.version}"
    with urllib.request.urlopen(url, timeout=60) as response:  # nosec B310
        count: int = json.loads(response.read())["events"]
    return count


def http_phase(base: str, name: str, clients: int, batch: int, seconds: float) -> dict[str, Any]:
    tally, elapsed = run_clients(
        base, clients, batch, f"{name}-{uuid.uuid4().hex[:6]}-", for_seconds(seconds)
    )
    return {
        "phase": name,
        "clients": clients,
        "batch": batch,
        "seconds": elapsed,
        "requests": len(tally.latencies),
        "events": len(tally.acknowledged),
        "events_per_s": len(tally.acknowledged) / elapsed,
        "requests_per_s": len(tally.latencies) / elapsed,
        "failed_requests": tally.failures,
        **percentiles(tally.latencies),
    }


def parquet_phase(base: str, rows: int, repeat: int) -> dict[str, Any]:
    """Upload ``rows`` events as one Parquet file, ``repeat`` times (new ids each time, a new
    connection each time: building the next file can outlast the server's keep-alive)."""
    times, stored, size = [], 0, 0
    for r in range(repeat):
        body = parquet_body(f"pq{r}-{uuid.uuid4().hex[:6]}-", rows)
        size = len(body)
        conn = Connection(base, timeout=600)
        try:
            start = time.perf_counter()
            status, answer = conn.post(EVENTS_PATH, body, PARQUET)
            times.append(time.perf_counter() - start)
        finally:
            conn.close()
        if status != 200:
            raise RuntimeError(f"Parquet upload: {status} {str(answer)[:300]}")
        stored += int(answer["stored"])
    best = min(times)
    return {
        "phase": "parquet",
        "clients": 1,
        "batch": rows,
        "seconds": best,
        "requests": repeat,
        "events": stored,
        "events_per_s": rows / best,
        "body_mib": size / 2**20,
        **percentiles(times),
    }


def sdk_phase(base: str, events: int) -> dict[str, Any]:
    """``MonitorClient.log`` ``events`` times, then ``flush``: end to end rate and log() cost."""
    client = MonitorClient(base, "bench", "1", max_queue=max(100_000, events))
    tag = uuid.uuid4().hex[:6]
    rows = [event(f"sdk-{tag}-{n}", n) for n in range(events)]
    calls: list[float] = []
    start = time.perf_counter()
    for row in rows:
        t = time.perf_counter()
        client.log(row)
        calls.append(time.perf_counter() - t)
    logged = time.perf_counter() - start
    drained = client.flush(timeout=600)
    elapsed = time.perf_counter() - start
    stats = client.stats
    client.close()
    call = percentiles(calls)
    return {
        "phase": "sdk",
        "clients": 1,
        "batch": client.batch_size,
        "seconds": elapsed,
        "requests": stats.batches,
        "events": stats.sent,
        "events_per_s": stats.sent / elapsed,
        "log_seconds": logged,
        "log_p50_us": call["p50_ms"] * 1000,
        "log_p99_us": call["p99_ms"] * 1000,
        "log_max_us": call["max_ms"] * 1000,
        "drained": drained,
        "dropped": stats.dropped,
        "rejected": stats.rejected,
        "retries": stats.retries,
    }


def throughput(store: str, tmp: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every throughput phase against one server; checks the stored count at the end."""
    phases: list[dict[str, Any]] = []
    with serving(store, tmp / "server.log") as server:
        try:
            phases += _phases(server.base_url, args)
            stored = stored_count(server.base_url)
        except Exception:
            print(f"the server's log:\n{server.output(40)}", file=sys.stderr)
            raise
    acknowledged = sum(int(p["events"]) for p in phases)
    phases.append({"phase": "check", "acknowledged": acknowledged, "stored": stored})
    return phases


def _phases(base: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The throughput phases, in order, each printed as it ends."""
    phases: list[dict[str, Any]] = []
    for clients in args.clients:
        phases.append(http_phase(base, "single", clients, 1, args.duration))
        print(_line(phases[-1]), flush=True)
    for batch in args.batches:
        phases.append(http_phase(base, "batch", args.batch_clients, batch, args.duration))
        print(_line(phases[-1]), flush=True)
    phases.append(parquet_phase(base, args.parquet_rows, args.parquet_repeat))
    print(_line(phases[-1]), flush=True)
    phases.append(sdk_phase(base, args.sdk_events))
    print(_line(phases[-1]), flush=True)
    return phases


def kill_run(store: str, tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Batches from ``--kill-clients`` threads; SIGKILL the server's process group once
    ``--kill-after`` events were acknowledged; then look every acknowledged id up in the
    reopened store."""
    stop = threading.Event()
    tally = Tally()
    with serving(store, tmp / "kill.log") as server:
        assert server.pid is not None
        loader = threading.Thread(
            target=run_clients,
            args=(server.base_url, args.kill_clients, args.kill_batch, "kill-"),
            kwargs={"keep_going": lambda: not stop.is_set(), "tally": tally},
        )
        loader.start()
        deadline = time.monotonic() + 300
        while len(tally.acknowledged) < args.kill_after and time.monotonic() < deadline:
            time.sleep(0.01)
        os.killpg(server.pid, signal.SIGKILL)
        with tally.lock:
            at_kill = len(tally.acknowledged)
        time.sleep(0.5)
        stop.set()
        loader.join(60)
    acknowledged = set(tally.acknowledged)
    reopened = open_store(store)
    try:
        stored = set(reopened.frame(reopened.require("bench", "1")).column("event_id").to_pylist())
    finally:
        reopened.close()
    return {
        "phase": "kill-9",
        "clients": args.kill_clients,
        "batch": args.kill_batch,
        "acknowledged_at_kill": at_kill,
        "acknowledged": len(acknowledged),
        "failed_requests": tally.failures,
        "stored": len(stored),
        "acknowledged_missing": len(acknowledged - stored),
        "stored_not_acknowledged": len(stored - acknowledged),
    }


def _line(phase: dict[str, Any]) -> str:
    """One markdown table row for a throughput phase."""
    name = str(phase["phase"])
    if name == "sdk":
        what = f"SDK log() + flush ({phase['events']:,} events)"
        extra = f"log() p99 {phase['log_p99_us']:.1f} µs, max {phase['log_max_us']:.0f} µs"
        extra += f"; dropped {phase['dropped']}"
    elif name == "parquet":
        what = f"Parquet upload ({phase['batch']:,} rows, {phase['body_mib']:.1f} MiB)"
        extra = f"best of {phase['requests']}"
    else:
        what = "single event" if name == "single" else f"batch of {phase['batch']:,}"
        extra = f"{phase['requests']:,} requests, {phase['failed_requests']} failed"
    cells = " | ".join(
        f"{phase[k]:.1f}" if k in phase else "-" for k in ("p50_ms", "p95_ms", "p99_ms")
    )
    return f"| {what} | {phase['clients']} | {phase['events_per_s']:,.0f} | {cells} | {extra} |"


HEAD = (
    "| load | clients | events/s | p50 (ms) | p95 (ms) | p99 (ms) | notes |\n"
    "|---|---:|---:|---:|---:|---:|---|"
)


def markdown(runs: list[dict[str, Any]]) -> str:
    """The results of every store as markdown."""
    parts = []
    for run in runs:
        rows = [_line(p) for p in run["phases"] if p["phase"] not in ("check", "kill-9")]
        check = next(p for p in run["phases"] if p["phase"] == "check")
        parts.append(f"**{run['store']}**\n\n{HEAD}\n" + "\n".join(rows) + "\n")
        parts.append(
            f"Stored at the end: {check['stored']:,} of {check['acknowledged']:,} acknowledged.\n"
        )
        kill = run.get("kill")
        if kill:
            parts.append(
                f"kill -9 under load ({kill['clients']} clients, batches of {kill['batch']}): "
                f"{kill['acknowledged']:,} events acknowledged ({kill['acknowledged_at_kill']:,} "
                f"when the kill was sent), {kill['stored']:,} stored after reopening, "
                f"**acknowledged but missing: {kill['acknowledged_missing']}** "
                f"(stored but never acknowledged: {kill['stored_not_acknowledged']}, "
                f"failed requests: {kill['failed_requests']}).\n"
            )
    return "\n".join(parts)


@contextmanager
def fresh_postgres(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``admin_url`` (dropped afterwards)."""
    import psycopg

    name = f"ingest_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{admin_url.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def bench_store(label: str, make_store: Any, args: argparse.Namespace) -> dict[str, Any]:
    """Throughput phases on one fresh store, then the kill run on another fresh one."""
    print(f"\n**{label}**\n\n{HEAD}", flush=True)
    run: dict[str, Any] = {"store": label}
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp_name:
        tmp = Path(tmp_name)
        with make_store(tmp / "throughput") as store:
            run["phases"] = throughput(store, tmp, args)
        if args.kill_after > 0:
            with make_store(tmp / "kill") as store:
                run["kill"] = kill_run(store, tmp, args)
            print(f"kill -9: {json.dumps(run['kill'])}", flush=True)
    return run


@contextmanager
def duck_store(folder: Path) -> Iterator[str]:
    folder.mkdir(parents=True, exist_ok=True)
    yield f"duckdb:{folder / 'monitor.duckdb'}"


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": os.getloadavg()[0],
    }


def write_readme(text: str, meta: dict[str, Any]) -> None:
    """Replace the results section of README.md (between the markers)."""
    readme = README.read_text(encoding="utf-8")
    body = (
        f"{MARK_START}\nRun {meta['finished']} ({meta['machine']['cpus']} vCPU, shared: load "
        f"average {meta['load_start']:.1f} at the start, {meta['load_end']:.1f} at the end; "
        f"{meta['duration']:g} s per HTTP phase).\n\n{text}{MARK_END}"
    )
    start, end = readme.index(MARK_START), readme.index(MARK_END) + len(MARK_END)
    README.write_text(readme[:start] + body + readme[end:], encoding="utf-8")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=10.0, help="Seconds per HTTP phase.")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--batches", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--batch-clients", type=int, default=2)
    parser.add_argument("--parquet-rows", type=int, default=100_000)
    parser.add_argument("--parquet-repeat", type=int, default=2)
    parser.add_argument("--sdk-events", type=int, default=50_000)
    parser.add_argument("--kill-clients", type=int, default=3)
    parser.add_argument("--kill-batch", type=int, default=100)
    parser.add_argument("--kill-after", type=int, default=20_000, help="0: no kill run.")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="Also bench PostgreSQL.")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--readme", action="store_true", help="Write the tables into README.md.")
    parser.add_argument("--quick", action="store_true", help="Tiny run (smoke test).")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.clients, args.batches = 2.0, [2], [20]
        args.parquet_rows, args.parquet_repeat, args.sdk_events = 500, 1, 300
        args.kill_clients, args.kill_batch, args.kill_after = 2, 20, min(args.kill_after, 200)
    return args


def main() -> None:
    args = parse_args()
    load_start = os.getloadavg()[0]
    runs = [bench_store("DuckDB (embedded)", duck_store, args)]
    if args.postgres:
        admin = args.postgres

        @contextmanager
        def pg_store(folder: Path) -> Iterator[str]:
            del folder
            with fresh_postgres(admin) as url:
                yield url

        runs.append(bench_store("PostgreSQL", pg_store, args))
    meta = {
        "machine": machine(),
        "load_start": load_start,
        "load_end": os.getloadavg()[0],
        "duration": args.duration,
        "quick": args.quick,
        "finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    args.json.write_text(json.dumps({**meta, "runs": runs}, indent=2) + "\n", encoding="utf-8")
    text = markdown(runs)
    print("\n" + text)
    if args.readme:
        write_readme(text, meta)


if __name__ == "__main__":
    main()
