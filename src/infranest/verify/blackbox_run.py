"""Run the black-box suite (:mod:`infranest.verify.blackbox`) against a generated project:
migrate and serve it the way the ``api`` step does, restarting the service whenever the
suite needs a user of another role (``DEFAULT_ROLE`` is the role self-registered users
get), and turn the recorded calls into a :class:`StepResult`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from infranest.spec.diagnostics import SpecError
from infranest.spec.loader import load
from infranest.verify import auth
from infranest.verify.api import service_env
from infranest.verify.blackbox import SuiteResult, run_suite
from infranest.verify.process import run
from infranest.verify.project import SPEC_COPY, WORK_DIR, Options, Project, Toolchain
from infranest.verify.report import Finding, Status, StepResult, tail
from infranest.verify.server import NotHealthyError, Server, free_port

BLACKBOX_DB = ".infranest/blackbox.db"
SERVER_LOG = f"{WORK_DIR}/blackbox-server.log"


class ServiceError(Exception):
    """Migrating, starting or signing in to the service failed (the message says how)."""


@dataclass
class Service:
    """The project's service, restartable with another ``DEFAULT_ROLE`` on the same
    database and ``SECRET_KEY`` (so earlier users and their tokens stay valid)."""

    project: Project
    chain: Toolchain
    env: dict[str, str]
    health_timeout: float = 60.0
    timeout: float = 900.0
    port: int = field(default_factory=free_port)
    role: str | None = None
    server: Server | None = None
    document: dict[str, Any] = field(default_factory=dict)

    def migrate(self) -> None:
        done = run(
            self.chain.command(self.project.migrate),
            cwd=self.project.root,
            env=self.env,
            timeout=self.timeout,
        )
        if not done.ok:
            raise ServiceError(f"migrate: {done.describe()}\n{tail(done.output)}")
        self.document = json.loads((self.project.root / "openapi.json").read_text("utf-8"))

    def start(self, role: str | None) -> None:
        self.stop()
        env = dict(self.env)
        env.pop("DEFAULT_ROLE", None)
        if role:
            env["DEFAULT_ROLE"] = role
        command = self.chain.command(self.project.serve, self.port)
        log = self.project.root / SERVER_LOG
        self.server = Server(command, port=self.port, cwd=self.project.root, env=env, log=log)
        self.server.start()
        self.role = role
        try:
            self.server.wait_healthy(self.health_timeout)
        except NotHealthyError as exc:
            raise ServiceError(f"the service is not healthy: {exc}\n{self.output()}") from exc

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def output(self) -> str:
        return self.server.output() if self.server is not None else ""

    # Accounts (the suite's view of the service)

    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sign_up(self, role: str | None) -> dict[str, str]:
        if self.server is None or role != self.role:
            self.start(role)
        if not auth.has_auth(self.document):
            return {}
        try:
            return auth.sign_in(self.base_url(), self.document).headers
        except (auth.SignInError, OSError) as exc:
            raise ServiceError(f"sign-in as {role or 'the default role'} failed: {exc}") from exc


def project_service(
    project: Project, chain: Toolchain, options: Options, overrides: Mapping[str, str] = {}
) -> Service:
    """A :class:`Service` with verify's environment (``ENVIRONMENT=test``, a random
    ``SECRET_KEY``, rate limits off) on a fresh SQLite file, or ``options.database_url``,
    then ``overrides``."""
    env = service_env(chain, options, None)
    if options.database_url is None:
        (project.root / BLACKBOX_DB).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///./{BLACKBOX_DB}"
    env.update(overrides)
    return Service(project, chain, env, options.health_timeout, options.timeout)


def run_blackbox(
    project: Project, chain: Toolchain, options: Options, overrides: Mapping[str, str] = {}
) -> SuiteResult:
    """Migrate, serve and run the suite; the service is stopped however this ends.
    Raises :class:`ServiceError` or :class:`SpecError`."""
    spec = load(project.root / SPEC_COPY).spec
    service = project_service(project, chain, options, overrides)
    service.migrate()
    try:
        return run_suite(spec, service)
    finally:
        service.stop()


def blackbox(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """The suite as a verify step: passed when every call answered what the contract
    allows."""
    started = time.monotonic()
    try:
        result = run_blackbox(project, chain, options)
    except (ServiceError, SpecError, OSError) as exc:
        return StepResult("blackbox", "failed", str(exc).splitlines()[0], output=str(exc))
    duration = time.monotonic() - started
    deviations = result.deviations
    counts: dict[str, int | float] = {
        "calls": len(result.calls),
        "deviations": len(deviations),
        "skipped": len(result.skipped),
    }
    findings = tuple(
        Finding(f"{c.method} {c.template}", "contract", c.describe()) for c in deviations
    )
    lines = [c.describe() for c in result.calls] + [f"skipped: {s}" for s in result.skipped]
    tally = f"{len(result.calls)} call(s), {len(deviations)} deviation(s)"
    status: Status = "failed" if deviations else "passed"
    return StepResult("blackbox", status, tally, duration, counts, findings, tail("\n".join(lines)))


def with_blackbox(
    fuzzed: StepResult, project: Project, chain: Toolchain, options: Options
) -> StepResult:
    """The ``api`` step's result with the black-box suite's added: its calls and
    deviations counted, its deviations as findings (the step fails on any). The suite
    needs an empty database, so it runs on SQLite only (not on ``--database-url``, which
    the fuzzing run has filled), and only after fuzzing passed."""
    if fuzzed.status != "passed":
        return fuzzed
    note = None
    if options.database_url is not None:
        note = "it needs an empty database, not --database-url"
    elif not (project.root / SPEC_COPY).is_file():
        note = f"no {SPEC_COPY} to derive the contract from"
    if note is not None:
        return replace(fuzzed, output=f"{fuzzed.output}\nblack-box suite skipped: {note}")
    suite = blackbox(project, chain, options)
    counts = dict(fuzzed.counts)
    counts.update({f"blackbox_{k}": v for k, v in suite.counts.items()})
    summary = f"{fuzzed.summary}; black-box: {suite.summary}"
    output = f"{fuzzed.output}\n\nblack-box suite:\n{suite.output}"
    findings = fuzzed.findings + suite.findings
    return replace(
        fuzzed,
        status=suite.status,
        summary=summary,
        counts=counts,
        findings=findings,
        output=output,
    )
