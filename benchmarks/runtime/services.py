"""The processes under load: each generated service as ``infranest verify`` serves it, in
production mode, and each framework's one-route "hello" app on the same server with the
same flags (``hello/<framework>/``)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infranest.verify.lang import language
from infranest.verify.process import run
from infranest.verify.project import Options, Project, Toolchain, load_project
from infranest.verify.server import Server, free_port

HERE = Path(__file__).resolve().parent
HELLO = HERE / "hello"
OPTIONS = Options(timeout=1500, health_timeout=120)


class ServiceError(Exception):
    """A service could not be set up, migrated or started (the message says why)."""


@dataclass(frozen=True)
class Prepared:
    target: str
    project: Project
    chain: Toolchain


def prepare(target: str, root: Path) -> Prepared:
    """verify's ``setup`` for the project in ``root`` (reused when nothing changed)."""
    project = load_project(root)
    result, chain = language(project.language).setup(project, OPTIONS)
    if chain is None:
        raise ServiceError(f"{target} setup: {result.summary}\n{result.output}")
    return Prepared(target, project, chain)


def production_env(chain: Toolchain, database_url: str) -> dict[str, str]:
    """The variables of a production deployment (no debug, a real secret, rate limits off
    so that the load generator measures the handlers, the admin role for seeding)."""
    env = dict(chain.env)
    env.update(
        ENVIRONMENT="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=database_url,
        RATE_LIMIT_ENABLED="false",
        DEFAULT_ROLE="admin",
        NODE_ENV="production",
        RAILS_ENV="production",
        ALLOWED_HOSTS="127.0.0.1,localhost",  # Django refuses other Host headers in production
    )
    return env


def migrate(prepared: Prepared, env: Mapping[str, str]) -> None:
    project, chain = prepared.project, prepared.chain
    done = run(chain.command(project.migrate), cwd=project.root, env=env, timeout=600)
    if not done.ok:
        raise ServiceError(f"{prepared.target} migrate: {done.describe()}\n{done.output[-3000:]}")


def service(prepared: Prepared, env: Mapping[str, str], log: Path) -> Server:
    """The generated service, started with its own ``[tool.infranest].serve`` command."""
    project, chain = prepared.project, prepared.chain
    port = free_port()
    command = chain.command(project.serve, port)
    return Server(command, port=port, cwd=project.root, env=dict(env), log=log)


def hello(prepared: Prepared, env: Mapping[str, str], log: Path, build_dir: Path) -> Server:
    """The framework's hello app, on the service's server with the service's flags."""
    target, project, chain = prepared.target, prepared.project, prepared.chain
    folder = HELLO / target
    port = free_port()
    serve = chain.command(project.serve, port)
    env = dict(env)
    if target == "fastapi":  # uvicorn app.main:app ... → uvicorn hello:app ...
        command = [w if w != "app.main:app" else "hello:app" for w in serve]
    elif target == "django":  # gunicorn config.wsgi ... → gunicorn hello ...
        command = [w if w != "config.wsgi" else "hello" for w in serve]
    elif target == "fiber":
        binary = build_dir / "hello-fiber"
        build = run(["go", "build", "-o", str(binary), "."], cwd=folder, env=env, timeout=600)
        if not build.ok:
            raise ServiceError(f"building the Fiber hello app: {build.output[-2000:]}")
        command = [str(binary), "--port", str(port)]
    elif target == "express":
        env["NODE_PATH"] = str(project.root / "node_modules")
        command = ["node", "hello.cjs", "--port", str(port)]
    elif target == "rails":
        puma = shutil.which("puma") or "puma"
        command = [puma, "-C", "puma.rb", "-b", f"tcp://127.0.0.1:{port}", "config.ru"]
    else:
        raise ServiceError(f"no hello app for {target}")
    return Server(command, port=port, cwd=folder, env=env, log=log)


def versions(prepared: Prepared) -> str:
    """The framework's version as the project resolves it (for the results table)."""
    probes = {
        "fastapi": [str(prepared.chain.python), "-c", "import fastapi;print(fastapi.__version__)"],
        "django": [str(prepared.chain.python), "-c", "import django;print(django.get_version())"],
        "fiber": ["go", "list", "-m", "-f", "{{.Version}}", "github.com/gofiber/fiber/v3"],
        "express": ["node", "-p", "require('express/package.json').version"],
        "rails": ["ruby", "-e", 'require "rails"; print Rails.version'],
    }
    argv = probes.get(prepared.target)
    if argv is None or argv[0] == "None":
        return "?"
    env = dict(prepared.chain.env)
    env["NODE_PATH"] = str(prepared.project.root / "node_modules")
    done = subprocess.run(
        argv, cwd=prepared.project.root, env=env, capture_output=True, text=True, check=False
    )
    return done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout else "?"


def machine() -> dict[str, str | float | int]:
    """Cores, load averages and memory at the time of the run (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    meminfo = (
        Path("/proc/meminfo").read_text().splitlines() if Path("/proc/meminfo").is_file() else []
    )
    total = next((line.split()[1] for line in meminfo if line.startswith("MemTotal")), "0")
    return {
        "cores": os.cpu_count() or 0,
        "load_1m": round(one, 2),
        "load_5m": round(five, 2),
        "load_15m": round(fifteen, 2),
        "memory_gb": round(int(total) / 1024 / 1024, 1),
    }
