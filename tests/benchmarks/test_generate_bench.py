"""The generation benchmark runs in its smoke mode and writes a well-formed results file.

No timing assertions: the numbers depend on the machine.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from infranest.spec.formatter import format_spec
from infranest.spec.loader import load_text
from infranest.spec.model import SCALAR_TYPES
from infranest.spec.validate import validate

BENCH = Path(__file__).parents[2] / "benchmarks" / "generate"


def run_quick(tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "| Entities | Target |" in done.stdout
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return results


def test_quick_run_measures_both_targets_on_five_entities(tmp_path: Path) -> None:
    results = run_quick(tmp_path)
    assert results["settings"]["sizes"] == [5]
    assert results["same_jdl"] == []  # no JHipster in the smoke mode
    rows = results["ours"]
    assert [(r["entities"], r["target"]) for r in rows] == [(5, "fastapi"), (5, "django")]
    for row in rows:
        assert "error" not in row, row.get("error")
        assert row["files"] > 10
        assert row["bytes"] > 0
        timings = [row["render"], row["generate"], *row["phases"].values()]
        for timing in timings:
            assert timing["runs"] == 1
            assert 0 < timing["min_ms"] <= timing["median_ms"]
            assert timing["cpu_ms"] >= 0
        assert row["render_peak_bytes"] > 0
        assert row["cli"]["files"] >= row["files"]
        assert row["cli"]["max_rss_bytes"] > 0
    goal = results["goal"]
    assert goal["entities"] == 20
    assert goal["render_median_ms"] == {}
    assert goal["met"] is False  # 20 entities are not measured in the smoke mode
    assert {"cpu", "python", "ruff", "node", "generator-jhipster"} <= results["machine"].keys()


def load_spec_gen() -> ModuleType:
    found = importlib.util.spec_from_file_location("generate_bench_spec_gen", BENCH / "spec_gen.py")
    assert found is not None
    assert found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


def test_synthetic_specs_are_deterministic_valid_and_cover_every_type() -> None:
    spec_gen = load_spec_gen()
    spec = spec_gen.build_spec(20)
    assert spec == spec_gen.build_spec(20)
    assert len([e for e in spec.entities if not e.builtin]) == 20
    assert not [d for d in validate(spec) if d.is_error]
    kinds = {f.type for e in spec.entities for f in e.fields}
    assert set(SCALAR_TYPES) | {"enum", "relation"} <= kinds
    assert load_text(format_spec(spec), "bench.nest").spec == spec
    imported = load_text(spec_gen.to_jdl(spec), "bench.jdl")
    assert not imported.errors
    assert {e.name for e in imported.spec.entities} == {e.name for e in spec.entities}
