"""The ingestion benchmark runs in its quick mode and writes a well-formed results file; the
drift peers runner scores our own adapter on a small table. No timing assertions: the
numbers depend on the machine. Peers are never installed here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).parents[2] / "benchmarks"
HTTP_PHASES = {"single", "batch", "parquet", "sdk"}


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, timeout=600
    )


def test_quick_ingest_run_writes_every_phase_and_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "ingest.json"
    done = run([str(BENCH / "ingest" / "run.py"), "--quick", "--json", str(out)])
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert results["quick"] is True
    [duck] = results["runs"]
    assert duck["store"].startswith("DuckDB")
    phases = {p["phase"]: p for p in duck["phases"]}
    assert HTTP_PHASES | {"check"} <= set(phases)
    for name in HTTP_PHASES:
        assert phases[name]["events"] > 0, name
        assert phases[name]["events_per_s"] > 0, name
    assert phases["single"]["p99_ms"] >= phases["single"]["p50_ms"] > 0
    assert phases["sdk"]["drained"] is True
    assert phases["sdk"]["log_p99_us"] > 0
    assert phases["check"]["stored"] == phases["check"]["acknowledged"]
    kill = duck["kill"]
    assert kill["acknowledged"] >= 200
    assert kill["acknowledged_missing"] == 0
    assert "| single event |" in done.stdout


def test_peers_runner_scores_our_adapter(tmp_path: Path) -> None:
    out = tmp_path / "peers.json"
    args = ["--rows", "20000", "--peers", "ours", "--json", str(out)]
    done = run([str(BENCH / "monitor" / "peers" / "run.py"), *args])
    assert done.returncode == 0, done.stderr[-3000:]
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    [ours] = results["results"]
    assert ours["status"] == "ok", ours["error"]
    assert ours["rows"] == 20000
    assert ours["maxrss_mib"] > 0
    flagged = set(ours["drifted_columns"])
    assert set(ours["caught"]) == flagged & set(results["should_flag"])
    assert set(ours["caught"]) | set(ours["missed"]) == set(results["should_flag"])
    assert set(results["injected"]) >= set(results["should_flag"])
