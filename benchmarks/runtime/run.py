"""Benchmark the five services generated from examples/shop.nest at run time.

    .venv/bin/python benchmarks/runtime/run.py [--targets fastapi,django,fiber,express,rails]
        [--seconds 10] [--connections 16] [--projects DIR] [--quick]

For each target the project in ``DIR/shop/<target>`` (default: the cross-target test's
cache, ``~/.cache/infranest/cross-target``; generated there with ``--generate``) is set up
with verify's own ``setup``, migrated and served with its ``[tool.infranest]`` commands in
production mode (``ENVIRONMENT=production``, a random ``SECRET_KEY``,
``RATE_LIMIT_ENABLED=false``) on its own PostgreSQL database (``pgstats.py``). It is seeded
over HTTP (2 categories, 110 tags, 110 products with two tags each), then measured:

- ``wrk`` (closed loop, ``--connections`` connections on 2 threads, ``--seconds`` each,
  after a 2 s warm-up): ``GET /products`` (a public list: cursor pagination, 24 items with
  their ``tags_ids``) and ``GET /products/{id}`` (a public detail);
- the same for the framework's one-route JSON app in ``hello/<target>/`` on the same server
  with the same flags: the ceiling of the framework on this machine;
- statements per list request, counted by PostgreSQL (``pg_stat_statements``), averaged
  over 5 requests, for ``GET /tags?size=10|100`` and ``GET /products?size=10|96`` (96 is
  Product's maximum): they must not grow with the page size.

Results go to ``results.json`` and, as markdown, into ``README.md`` between the RESULTS
markers. ``--quick`` (2 s per load, README untouched) is the smoke test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import loadgen
import pgstats
import services

from infranest.generate import generate
from infranest.spec.loader import load
from infranest.verify import auth
from infranest.verify.blackbox_http import request
from infranest.verify.server import NotHealthyError, Server

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGETS = ("fastapi", "django", "fiber", "express", "rails")
SEED_ROWS = 110
QUERY_PAGES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("/tags", (10, 100)),
    ("/products", (10, 96)),
)
MARK_START, MARK_END = "<!-- RESULTS:START -->", "<!-- RESULTS:END -->"


def _default_projects() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infranest" / "cross-target"


def _wait(server: Server, path: str, timeout: float = 120.0) -> None:
    """Until ``path`` answers 200 (the hello apps have no /health)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server.base_url + path, timeout=2) as answer:  # nosec B310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise services.ServiceError(f"{path} did not answer 200 in {timeout:g} s\n{server.output()}")


def seed(base: str, document: dict[str, Any]) -> int:
    """Rows to list, created as an admin; the id of the first product."""
    headers = auth.sign_in(base, document).headers

    def post(path: str, body: dict[str, Any]) -> int:
        answer = request("POST", base + path, headers, body)
        if answer.status != 201 or not isinstance(answer.body, dict):
            raise services.ServiceError(f"POST {path} answered {answer.status}: {answer.body}")
        return int(answer.body["id"])

    categories = [post("/categories", {"name": f"C{i}", "slug": f"c{i}"}) for i in range(2)]
    tags = [post("/tags", {"label": f"tag-{i}"}) for i in range(SEED_ROWS)]
    products = []
    for i in range(SEED_ROWS):
        body = {
            "name": f"Product {i}",
            "sku": f"SKU-{i:04d}",
            "price": f"{i + 1}.50",
            "stock": i,
            "category_id": categories[i % 2],
            "tags_ids": [tags[i], tags[(i + 1) % SEED_ROWS]],
        }
        products.append(post("/products", body))
    return products[0]


def statements_per_request(
    base: str, path: str, size: int, database: str
) -> tuple[float, list[str]]:
    url = f"{base}{path}?size={size}"
    answer = request("GET", url, {})
    items = answer.body.get("items") if isinstance(answer.body, dict) else None
    if answer.status != 200 or not isinstance(items, list) or len(items) != size:
        raise services.ServiceError(f"GET {path}?size={size} did not list {size} items")
    pgstats.reset()
    for _ in range(5):
        request("GET", url, {})
    return pgstats.statements(database) / 5, pgstats.statement_texts(database)


def _load(url: str, args: argparse.Namespace) -> dict[str, Any]:
    loadgen.run(url, seconds=2, connections=args.connections)  # warm-up
    return loadgen.run(url, seconds=args.seconds, connections=args.connections).to_json()


def measure(target: str, root: Path, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    prepared = services.prepare(target, root)
    database = f"bench_{target}"
    env = services.production_env(prepared.chain, pgstats.fresh_database(database))
    services.migrate(prepared, env)
    document = json.loads((root / "openapi.json").read_text("utf-8"))
    result: dict[str, Any] = {"target": target, "framework": services.versions(prepared)}
    result["server"] = " ".join(prepared.project.serve)
    with services.service(prepared, env, work / f"{target}.log") as server:
        server.wait_healthy(120)
        first = seed(server.base_url, document)
        queries: dict[str, float] = {}
        texts: dict[str, list[str]] = {}
        for path, sizes in QUERY_PAGES:
            for size in sizes:
                key = f"{path}?size={size}"
                queries[key], texts[key] = statements_per_request(
                    server.base_url, path, size, database
                )
        result["queries"] = queries
        result["statements"] = texts  # what was counted, for 5 requests
        result["list"] = _load(f"{server.base_url}/products", args)
        result["detail"] = _load(f"{server.base_url}/products/{first}", args)
    with services.hello(prepared, env, work / f"{target}-hello.log", work) as hello:
        _wait(hello, "/hello")
        result["hello"] = _load(f"{hello.base_url}/hello", args)
    return result


def _cell(load: dict[str, Any]) -> str:
    errors = f", {load['errors']} errors" if load["errors"] else ""
    return f"{load['rps']:,.0f} / {load['p99_ms']:.1f}{errors}"


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"Run {report['date']} on {report['machine']['cores']} cores, load average "
        f"{report['machine']['load_1m']} / {report['machine']['load_5m']} / "
        f"{report['machine']['load_15m']} at the start and {report['load_after']} at the end "
        f"(a shared machine: other engineers' jobs ran at the same time).",
        f"Command: `.venv/bin/python {report['command']}`. Load: "
        f"`wrk -t2 -c{report['connections']} -d{report['seconds']}s --latency`, after a 2 s "
        "warm-up; each cell is requests per second / p99 latency in ms (errors: wrk's socket "
        "errors and 2 s timeouts plus non-2xx answers); statements per request as "
        "PostgreSQL counted them.",
        "",
        "| Target | Framework | Hello ceiling | `GET /products` | `GET /products/{id}` "
        "| Statements: tags 10 / 100 | Statements: products 10 / 96 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report["results"]:
        if "error" in row:
            lines.append(f"| {row['target']} | – | failed: {row['error']} | | | | |")
            continue
        q = row["queries"]
        lines.append(
            f"| {row['target']} | {row['framework']} | {_cell(row['hello'])} "
            f"| {_cell(row['list'])} | {_cell(row['detail'])} "
            f"| {q['/tags?size=10']:g} / {q['/tags?size=100']:g} "
            f"| {q['/products?size=10']:g} / {q['/products?size=96']:g} |"
        )
    return "\n".join(lines) + "\n"


def _write_readme(table: str) -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
    readme.write_text(text[:start] + "\n" + table + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--projects", type=Path, default=_default_projects())
    parser.add_argument("--generate", action="store_true", help="regenerate the projects")
    parser.add_argument("--quick", action="store_true", help="2 s loads, README untouched")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 2
    pgstats.start()
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["benchmarks/runtime/run.py", *(argv or sys.argv[1:])]),
        "machine": services.machine(),
        "seconds": args.seconds,
        "connections": args.connections,
        "load_generator": "wrk",
        "results": [],
    }
    try:
        _measure_all(report, args)
    finally:
        pgstats.stop()
    report["load_after"] = services.machine()["load_1m"]
    table = markdown(report)
    print(table)
    if not args.quick:
        (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
        _write_readme(table)
    return 0


def _measure_all(report: dict[str, Any], args: argparse.Namespace) -> None:
    spec = load(ROOT / "examples" / "shop.nest").spec
    with tempfile.TemporaryDirectory(prefix="bench-runtime-") as tmp:
        for target in args.targets.split(","):
            root = args.projects / "shop" / target
            print(f"{target}: measuring {root}", file=sys.stderr, flush=True)
            try:
                if args.generate:
                    generate(spec, target, root, force=True)
                row = measure(target, root, args, Path(tmp))
            except (
                services.ServiceError,
                loadgen.LoadError,
                pgstats.PostgresError,
                NotHealthyError,
                auth.SignInError,
            ) as exc:
                row = {"target": target, "error": str(exc).splitlines()[0][:200]}
                print(f"{target}: {exc}", file=sys.stderr, flush=True)
            report["results"].append(row)


if __name__ == "__main__":
    raise SystemExit(main())
