"""The generation benchmark's results as markdown (the README's RESULTS section)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def table(rows: Sequence[Sequence[str]]) -> str:
    head, *body = rows
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])


def mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value / 2**10:.0f} KiB"


def ms(result: Mapping[str, Any]) -> str:
    """``median (min)`` milliseconds, or the error."""
    if "error" in result:
        return f"failed: {result['error']}"
    return f"{result['median_ms']:.0f} ({result['min_ms']:.0f})"


def ours_table(rows: Sequence[Mapping[str, Any]]) -> str:
    head = [
        "Entities",
        "Target",
        "Files",
        "Output",
        "`render()`",
        "`render()` CPU",
        "API shape",
        "Templates",
        "Format (ruff)",
        "`generate()`",
        "CLI",
        "Peak (tracemalloc)",
        "Peak RSS (CLI)",
    ]
    width = len(head) - 2
    body = [
        [str(r["entities"]), r["target"], f"failed: {r['error']}", *[""] * (width - 1)]
        if "error" in r
        else [
            str(r["entities"]),
            r["target"],
            str(r["files"]),
            mib(r["bytes"]),
            ms(r["render"]),
            f"{r['render']['cpu_ms']:.0f}",
            ms(r["phases"]["api_shape"]),
            ms(r["phases"]["templates"]),
            ms(r["phases"]["format"]),
            ms(r["generate"]),
            ms(r["cli"]),
            mib(r["render_peak_bytes"]),
            mib(r["cli"]["max_rss_bytes"]) if "max_rss_bytes" in r["cli"] else "n/a",
        ]
        for r in rows
    ]
    return table([head, *body])


def same_jdl_table(rows: Sequence[Mapping[str, Any]]) -> str:
    head = ["JDL file", "Entities", "Tool", "Wall time, ms", "CPU, ms", "Files", "Peak RSS"]
    body = [
        [
            f"`{r['jdl']}`",
            str(r["entities"]),
            r["tool"] + (f" (measured {r['measured_at']})" if "measured_at" in r else ""),
            ms(r),
            f"{r['cpu_ms']:.0f}" if "cpu_ms" in r else "n/a",
            str(r.get("files", "n/a")),
            mib(r["max_rss_bytes"]) if "max_rss_bytes" in r else "n/a",
        ]
        for r in rows
    ]
    return table([head, *body])


def markdown(results: Mapping[str, Any]) -> str:
    settings, goal = results["settings"], results["goal"]
    verdict = "met" if goal["met"] else "NOT met"
    cpu_verdict = "met" if goal["met_cpu"] else "NOT met"
    per_target = ", ".join(
        f"{t} {v:.0f} ms wall, {goal['render_cpu_ms'][t]:.0f} ms CPU"
        for t, v in goal["render_median_ms"].items()
    )
    jhipster_runs = max(
        (r.get("runs", 0) for r in results["same_jdl"] if r["tool"] == "jhipster"), default=0
    )
    parts = [
        f"Measured {results['measured_at']}. Times in milliseconds: median (minimum); "
        f"in-process over {settings['runs']} runs after a warm-up, CLI over "
        f"{settings['cli_runs']} runs, JHipster over {jhipster_runs} run(s) (it takes minutes).",
        "",
        f"**Goal** (`render()` of a {goal['entities']}-entity spec under "
        f"{goal['limit_ms']:.0f} ms): {verdict} by median wall time, {cpu_verdict} by CPU time "
        f"({per_target or 'not measured'}).",
        "",
        ours_table(results["ours"]),
    ]
    if results["same_jdl"]:
        parts += [
            "",
            "Same JDL file, both tools as processes:",
            "",
            same_jdl_table(results["same_jdl"]),
        ]
    rows = [["Machine", ""], *[[k, v] for k, v in results["machine"].items()]]
    parts += ["", table(rows)]
    return "\n".join(parts)
