"""Benchmark ``infranest generate`` on specs of 5 to 100 entities, beside JHipster's generator.

    .venv/bin/python benchmarks/generate/run.py [--sizes 5,20,50,100] [--runs 7] [--quick]

For each size it builds a deterministic spec (``spec_gen.py``), writes it as ``.nest`` and as
JDL into ``generated/``, and measures for each target (``fastapi``, ``django``):

- in-process (``time.perf_counter``, median and minimum of ``--runs`` runs after a warm-up
  run that loads the templates): ``render()`` (every file, formatted), its phases (the API
  shape, the target's templates, the formatter), and ``generate()`` into an empty folder
  (render, plan, write); peak Python memory of one ``render()`` (tracemalloc);
- end to end: the CLI (``infranest generate SPEC --target T -o DIR``) in a fresh process,
  median of ``--cli-runs``, with the peak resident memory of that process (``wait4``).

Then, with the same JDL file given to both tools (two corpus files and the synthetic 20-, 50-
and 100-entity models), it times ``infranest generate FILE.jdl`` and JHipster's
``jhipster jdl FILE --skip-install --skip-git --skip-client --no-insight --force`` (from
``node/``: ``npm ci --ignore-scripts`` there first) as processes, in empty folders.

Results go to ``results.json`` and, as markdown, into ``README.md`` between the RESULTS
markers. ``--quick`` (5 entities, one run, no JHipster, README untouched) is the smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from report import markdown
from spec_gen import build_spec, to_jdl

from infranest.generate import generate, render
from infranest.generate.target import ProjectView, Target, load_target
from infranest.spec.formatter import format_spec
from infranest.spec.model import Spec

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GENERATED = HERE / "generated"
NODE = HERE / "node"
JHIPSTER = NODE / "node_modules" / "generator-jhipster"
README = HERE / "README.md"
RESULTS = HERE / "results.json"
CORPUS = ROOT.parent / "shared" / "corpus" / "jdl"
CORPUS_FILES = ("e-commerce-monolith.jdl", "northwind-jdl.jh")
BEGIN, END = "<!-- RESULTS:BEGIN -->", "<!-- RESULTS:END -->"
TARGETS = ("fastapi", "django")
GOAL_ENTITIES, GOAL_MS = 20, 300.0
ENTITY = re.compile(r"^\s*entity\s+\w+", re.MULTILINE)


def cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (the formatter)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(step: Callable[[], object], runs: int) -> dict[str, float]:
    """Median and minimum wall milliseconds of ``step`` over ``runs`` runs, and the median
    CPU milliseconds (this process and its children: less sensitive to a busy machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        step()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((cpu_seconds() - start_cpu) * 1000)
    return {
        "median_ms": statistics.median(wall),
        "min_ms": min(wall),
        "cpu_ms": statistics.median(cpu),
        "runs": runs,
    }


def peak_bytes(step: Callable[[], object]) -> int:
    """Peak bytes Python allocates while ``step`` runs (tracemalloc: Python objects only)."""
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_process(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run ``command``; its wall time, exit code and peak resident memory (``wait4``: the
    largest of the process and the children it waited for)."""
    start = time.perf_counter()
    with subprocess.Popen(
        list(command),
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = (time.perf_counter() - start) * 1000
    tail = errors.decode(errors="replace").strip().splitlines()[-3:]
    return {
        "ms": elapsed,
        "returncode": child.returncode,
        "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1000,
        "max_rss_bytes": usage.ru_maxrss * 1024,
        "stderr_tail": tail,
    }


def repeated(
    command: Callable[[Path], Sequence[str]],
    name: str,
    runs: int,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``command(out)`` run ``runs`` times, each into a new empty folder: median, minimum and
    peak memory, the number of files of the last run, or the failure."""
    times, cpu, rss, files = [], [], [], 0
    for _ in range(runs):
        out = GENERATED / "out" / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        done = run_process(command(out), out, env)
        if done["returncode"] != 0:
            return {"error": f"exit {done['returncode']}: {' / '.join(done['stderr_tail'])}"}
        times.append(done["ms"])
        cpu.append(done["cpu_ms"])
        rss.append(done["max_rss_bytes"])
        files = count_files(out)
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "cpu_ms": statistics.median(cpu),
        "runs": runs,
        "max_rss_bytes": max(rss),
        "files": files,
    }


def count_files(folder: Path) -> int:
    skipped = {".infranest", ".git", "node_modules", ".jhipster"}
    return sum(
        1
        for p in folder.rglob("*")
        if p.is_file() and not skipped & set(p.relative_to(folder).parts)
    )


def infranest_cli(spec: Path, target: str) -> Callable[[Path], list[str]]:
    exe = str(Path(sys.executable).with_name("infranest"))
    return lambda out: [exe, "generate", str(spec), "--target", target, "-o", str(out), "--force"]


def jhipster_cli(jdl: Path) -> Callable[[Path], list[str]]:
    cli = str(JHIPSTER / "dist" / "cli" / "jhipster.cjs")
    flags = ["--skip-install", "--skip-git", "--skip-client", "--no-insight", "--force"]
    return lambda out: ["node", cli, "jdl", str(jdl), *flags]


def measure_target(spec: Spec, target: Target, runs: int) -> dict[str, Any]:
    """In-process times and memory of ``render``/``generate`` of ``spec`` with ``target``."""
    files = render(spec, target)  # warm-up: imports, template compilation
    view = ProjectView.of(spec)
    raw = target.render(view)
    out = GENERATED / "out" / f"inproc-{target.name}"

    def generate_fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)
        generate(spec, target, out, force=True)

    return {
        "files": len(files),
        "bytes": sum(len(text.encode()) for text in files.values()),
        "render": timed(lambda: render(spec, target), runs),
        "phases": {
            "api_shape": timed(lambda: ProjectView.of(spec), runs),
            "templates": timed(lambda: target.render(view), runs),
            "format": timed(lambda: target.format(raw), runs),
        },
        "generate": timed(generate_fresh, runs),
        "render_peak_bytes": peak_bytes(lambda: render(spec, target)),
    }


def measure_sizes(sizes: Sequence[int], runs: int, cli_runs: int) -> list[dict[str, Any]]:
    found = []
    for size in sizes:
        spec = build_spec(size)
        nest = GENERATED / f"bench-{size}.nest"
        nest.write_text(format_spec(spec), encoding="utf-8")
        (GENERATED / f"bench-{size}.jdl").write_text(to_jdl(spec), encoding="utf-8")
        entities = [e for e in spec.entities if not e.builtin]
        for name in TARGETS:
            print(f"  {size} entities, {name} ...", file=sys.stderr, flush=True)
            row = {"entities": size, "target": name, "fields": sum(len(e.fields) for e in entities)}
            try:
                row |= measure_target(spec, load_target(name), runs)
            except Exception as exc:  # a target being edited: record it, measure the rest
                row["error"] = f"{type(exc).__name__}: {exc}"
            row["cli"] = repeated(infranest_cli(nest, name), f"cli-{name}", cli_runs)
            found.append(row)
    return found


def same_jdl_inputs(sizes: Sequence[int]) -> list[Path]:
    corpus = [CORPUS / name for name in CORPUS_FILES if (CORPUS / name).is_file()]
    return corpus + [GENERATED / f"bench-{n}.jdl" for n in sizes if n >= GOAL_ENTITIES]


def measure_same_jdl(
    files: Sequence[Path],
    cli_runs: int,
    jhipster_runs: int,
    earlier: Mapping[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Both tools, as processes, on the same JDL files; JHipster's row is taken from
    ``earlier`` (by file name) when ``jhipster_runs`` is 0."""
    env = dict(os.environ, NO_UPDATE_NOTIFIER="1", JHIPSTER_TEST="", CI="true")
    rows = []
    for jdl in files:
        entities = len(ENTITY.findall(jdl.read_text(encoding="utf-8")))
        print(f"  same JDL {jdl.name} ...", file=sys.stderr, flush=True)
        for name in TARGETS:
            result = repeated(infranest_cli(jdl, name), f"jdl-{name}", cli_runs)
            rows.append(
                {"jdl": jdl.name, "entities": entities, "tool": f"infranest {name}"} | result
            )
        if jhipster_runs > 0:
            result = (
                repeated(jhipster_cli(jdl), "jdl-jhipster", jhipster_runs, env)
                if JHIPSTER.is_dir()
                else {"error": "not installed: run `npm ci --ignore-scripts` in node/"}
            )
            rows.append({"jdl": jdl.name, "entities": entities, "tool": "jhipster"} | result)
        elif jdl.name in earlier:
            rows.append(earlier[jdl.name])
    return rows


def earlier_jhipster(path: Path) -> dict[str, dict[str, Any]]:
    """JHipster's rows of an earlier results file, by JDL file name, marked with the time
    they were measured (JHipster takes minutes; ``--reuse-jhipster`` keeps them)."""
    if not path.is_file():
        return {}
    earlier = json.loads(path.read_text(encoding="utf-8"))
    return {
        row["jdl"]: row | {"measured_at": row.get("measured_at", earlier["measured_at"])}
        for row in earlier["same_jdl"]
        if row["tool"] == "jhipster"
    }


def _version(command: Sequence[str]) -> str:
    if shutil.which(command[0]) is None:
        return "none"
    done = subprocess.run(list(command), capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    jhipster = "not installed"
    if (JHIPSTER / "package.json").is_file():
        jhipster = json.loads((JHIPSTER / "package.json").read_text())["version"]
    return {
        "cpu": f"{cpu} ({os.cpu_count()} logical cores)",
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "jinja2": metadata.version("jinja2"),
        "ruff": metadata.version("ruff"),
        "pydantic": metadata.version("pydantic"),
        "node": _version(["node", "--version"]),
        "generator-jhipster": jhipster,
        "load_average": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def goal(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Whether ``render()`` of the 20-entity spec takes under 300 ms per target: by the
    median wall time (``met``) and by the median CPU time (``met_cpu``, what an idle machine
    would give, as the formatter's threads overlap)."""
    chosen = [
        r["render"] | {"target": r["target"]}
        for r in rows
        if r["entities"] == GOAL_ENTITIES and "render" in r
    ]
    return {
        "entities": GOAL_ENTITIES,
        "limit_ms": GOAL_MS,
        "render_median_ms": {r["target"]: r["median_ms"] for r in chosen},
        "render_cpu_ms": {r["target"]: r["cpu_ms"] for r in chosen},
        "met": bool(chosen) and all(r["median_ms"] < GOAL_MS for r in chosen),
        "met_cpu": bool(chosen) and all(r["cpu_ms"] < GOAL_MS for r in chosen),
    }


def options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="5,20,50,100", help="entity counts, comma-separated")
    parser.add_argument("--runs", type=int, default=7, help="in-process runs per measurement")
    parser.add_argument("--cli-runs", type=int, default=3, help="CLI runs per measurement")
    parser.add_argument("--jhipster-runs", type=int, default=1, help="0: skip JHipster")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    parser.add_argument(
        "--reuse-jhipster",
        action="store_true",
        help="do not run JHipster; keep its rows from the existing --json file",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 5 entities, 1 run, no JHipster"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.cli_runs, args.jhipster_runs = "5", 1, 1, 0
        args.no_readme = True
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = options(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    GENERATED.mkdir(exist_ok=True)
    ours = measure_sizes(sizes, args.runs, args.cli_runs)
    inputs = [] if args.quick else same_jdl_inputs(sizes)
    earlier = earlier_jhipster(args.json) if args.reuse_jhipster else {}
    if args.reuse_jhipster:
        args.jhipster_runs = 0
    results = {
        "measured_at": started,
        "settings": {
            "sizes": sizes,
            "runs": args.runs,
            "cli_runs": args.cli_runs,
            "jhipster_runs": args.jhipster_runs,
        },
        "machine": machine(),
        "goal": goal(ours),
        "ours": ours,
        "same_jdl": measure_same_jdl(inputs, args.cli_runs, args.jhipster_runs, earlier),
    }
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = markdown(results)
    if not args.no_readme:
        readme = README.read_text(encoding="utf-8")
        before, rest = readme.split(BEGIN, 1)
        README.write_text(
            f"{before}{BEGIN}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8"
        )
    print(text)


if __name__ == "__main__":
    main()
