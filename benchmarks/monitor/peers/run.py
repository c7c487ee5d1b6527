"""Drift side by side: InfraNest, Evidently, NannyML, whylogs and alibi-detect on the same data.

    .venv/bin/python benchmarks/monitor/peers/run.py --install      # one venv per peer (once)
    .venv/bin/python benchmarks/monitor/peers/run.py [--rows 100000 1000000] [--peers ...]
        [--timeout 300] [--json results.json] [--readme]

The reference and current tables (``datagen.make_tables``: 10 numeric + 5 categorical
columns, drifts injected in known columns) are written once per size to Parquet; then each
tool runs, one at a time, in its own subprocess and virtual environment
(``.venvs/<peer>``, pinned in ``requirements-<peer>.txt``) through ``adapters/<peer>_drift.py``
which reads both files, runs the tool's standard data-drift check with its defaults, times
only that check and prints ``{version, seconds, drifted_columns}``. The runner records the
subprocess's peak RSS (``os.wait4``; the runner stays small and writes the data from a
child, because a child's max RSS starts at its parent's RSS when forked), kills it after
``--timeout`` seconds, and scores the flagged columns against the injected drifts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS = ("ours", "evidently", "nannyml", "whylogs", "alibi-detect")
VENVS = HERE / ".venvs"
RESULTS = HERE / "results.json"
README = HERE / "README.md"
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"


@dataclass
class Outcome:
    peer: str
    rows: int
    status: str  # ok, timeout, error, not-installed
    version: str = ""
    seconds: float | None = None
    maxrss_mib: float | None = None
    wall_s: float | None = None
    load_before: float = 0.0
    drifted_columns: list[str] = field(default_factory=list)
    caught: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def python_of(peer: str) -> Path:
    """The interpreter a peer runs under (ours: the project's own)."""
    return Path(sys.executable) if peer == "ours" else VENVS / peer / "bin" / "python"


def adapter_of(peer: str) -> Path:
    return HERE / "adapters" / f"{peer.replace('-', '_')}_drift.py"


def install(peers: list[str], base_python: str) -> None:
    """Create each missing venv and install its pinned requirements (one at a time)."""
    for peer in peers:
        if peer == "ours" or python_of(peer).exists():
            continue
        venv = VENVS / peer
        print(f"installing {peer} into {venv} ...", flush=True)
        subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        done = subprocess.run([*pip, "-r", str(HERE / f"requirements-{peer}.txt")], check=False)
        if done.returncode != 0:
            print(f"{peer}: pip install failed (exit {done.returncode})", flush=True)


def _wait(pid: int, timeout: float) -> tuple[int | None, float]:
    """Wait for ``pid`` up to ``timeout`` s; (exit status or None on timeout, max RSS MiB)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return None, usage.ru_maxrss / 1024
        time.sleep(0.05)


def run_peer(
    peer: str, rows: int, ref: Path, cur: Path, timeout: float, should_flag: set[str]
) -> Outcome:
    """One tool on one size, in its own subprocess."""
    outcome = Outcome(peer, rows, "error", load_before=os.getloadavg()[0])
    python = python_of(peer)
    if not python.exists():
        outcome.status = "not-installed"
        outcome.error = f"{python} is missing; run with --install"
        return outcome
    env = {**os.environ, "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1"}
    env.pop("PYTHONPATH", None)
    cmd = [str(python), str(adapter_of(peer)), str(ref), str(cur)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        code, outcome.maxrss_mib = _wait(proc.pid, timeout)
        proc.returncode = code if code is not None else -9  # already reaped by wait4
        outcome.wall_s = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if code is None:
        outcome.status = "timeout"
        outcome.error = f"killed after {timeout:.0f} s"
        return outcome
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if code != 0 or not lines:
        outcome.error = f"exit {code}: " + (_last_error(stderr) or stdout[-300:])
        return outcome
    result: dict[str, Any] = json.loads(lines[-1])
    flagged = set(result.pop("drifted_columns"))
    outcome.status = "ok"
    outcome.version = str(result.pop("version"))
    outcome.seconds = float(result.pop("seconds"))
    outcome.drifted_columns = sorted(flagged)
    outcome.caught = sorted(should_flag & flagged)
    outcome.missed = sorted(should_flag - flagged)
    outcome.false_alarms = sorted(flagged - should_flag)
    outcome.extra = result
    return outcome


def _last_error(stderr: str) -> str:
    """The last meaningful line of a traceback (MemoryError, ImportError, ...)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def machine() -> dict[str, Any]:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def _cell(values: list[str]) -> str:
    return ", ".join(values) or "-"


def table(outcomes: list[Outcome]) -> str:
    """The markdown results table."""
    head = (
        "| rows (each side) | tool | version | drift time (s) | peak RSS (MiB) | load avg "
        "| caught | missed | false alarms |\n|---:|---|---|---:|---:|---:|---|---|---|\n"
    )
    lines = []
    for o in outcomes:
        rss = f"{o.maxrss_mib:.0f}" if o.maxrss_mib is not None else "-"
        if o.status == "ok" and o.seconds is not None:
            verdict = f"| {_cell(o.caught)} | {_cell(o.missed)} | {_cell(o.false_alarms)} |"
            seconds = f"{o.seconds:.3f}"
        else:
            verdict = f"| {o.status}: {o.error.replace('|', '/')} | | |"
            seconds = "-"
        lines.append(
            f"| {o.rows:,} | {o.peer} | {o.version or '-'} | {seconds} | {rss} "
            f"| {o.load_before:.1f} {verdict}"
        )
    return head + "\n".join(lines) + "\n"


def write_readme(markdown: str, meta: dict[str, Any]) -> None:
    """Replace the results section of README.md (between the markers)."""
    text = README.read_text(encoding="utf-8")
    m = meta["machine"]
    body = (
        f"{MARK_START}\nRun {meta['finished']}: {m['cpus']} vCPU {m['cpu']}, "
        f"{m['memory_gib']} GiB, shared (load average {meta['load_start']:.1f} at the start, "
        f"{meta['load_end']:.1f} at the end); timeout {meta['timeout']:.0f} s per run.\n\n"
        f"{markdown}{MARK_END}"
    )
    start, end = text.index(MARK_START), text.index(MARK_END) + len(MARK_END)
    README.write_text(text[:start] + body + text[end:], encoding="utf-8")


def write_data(rows: int, folder: Path) -> dict[str, Any]:
    """Write reference.parquet and current.parquet of ``rows`` rows each into ``folder``
    (in a child process); returns what was injected and what should be flagged."""
    cmd = [sys.executable, __file__, "--write-data", str(rows), str(folder)]
    answer: dict[str, Any] = json.loads(
        subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    )
    return answer


def _write_data_child(rows: int, folder: Path) -> None:
    sys.path.insert(0, str(HERE.parent))
    from datagen import INJECTED, SHOULD_FLAG, make_tables, write_parquet

    ref, cur = make_tables(rows)
    write_parquet(ref, folder / "reference.parquet")
    write_parquet(cur, folder / "current.parquet")
    print(json.dumps({"injected": INJECTED, "should_flag": sorted(SHOULD_FLAG)}))


def run_all(rows: list[int], peers: list[str], timeout: float) -> tuple[list[Outcome], Any]:
    outcomes: list[Outcome] = []
    truth: dict[str, Any] = {}
    for n in rows:
        with tempfile.TemporaryDirectory(prefix="drift-peers-") as tmp:
            folder = Path(tmp)
            truth = write_data(n, folder)
            ref_path, cur_path = folder / "reference.parquet", folder / "current.parquet"
            for peer in peers:
                o = run_peer(peer, n, ref_path, cur_path, timeout, set(truth["should_flag"]))
                outcomes.append(o)
                print(table([o]).splitlines()[-1], flush=True)
    return outcomes, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--peers", nargs="+", default=list(PEERS), choices=PEERS)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--readme", action="store_true", help="Write the table into README.md.")
    parser.add_argument("--install", action="store_true", help="Create missing venvs and exit.")
    parser.add_argument("--python", default="python3.11", help="Base Python for the venvs.")
    parser.add_argument("--write-data", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_data:
        _write_data_child(int(args.write_data[0]), Path(args.write_data[1]))
        return
    if args.install:
        install(args.peers, args.python)
        return
    load_start = os.getloadavg()[0]
    outcomes, truth = run_all(args.rows, args.peers, args.timeout)
    meta = {
        "machine": machine(),
        "load_start": load_start,
        "load_end": os.getloadavg()[0],
        "timeout": args.timeout,
        "finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        **truth,
    }
    payload = {**meta, "results": [asdict(o) for o in outcomes]}
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(table(outcomes))
    if args.readme:
        write_readme(table(outcomes), meta)


if __name__ == "__main__":
    main()
