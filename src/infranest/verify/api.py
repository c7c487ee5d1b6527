"""The ``api`` step: migrate, serve, sign in, fuzz the contract, stop the service."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import replace
from typing import Any

from infranest.verify import auth, fuzz
from infranest.verify.process import run
from infranest.verify.project import (
    DEFAULT_DATABASE_URL,
    VERIFY_DB,
    WORK_DIR,
    Options,
    Project,
    Toolchain,
    fuzz_role,
    own_python,
    toolchain,
)
from infranest.verify.report import Finding, StepResult, tail
from infranest.verify.server import NotHealthyError, Server, free_port

SERVER_LOG = f"{WORK_DIR}/server.log"


def service_env(chain: Toolchain, options: Options, role: str | None) -> dict[str, str]:
    """The variables the shared conventions give a service under verification; self-
    registered users get ``role`` so that fuzzing reaches the operations it may use."""
    env = dict(chain.env)
    env.update(
        ENVIRONMENT="test",
        DATABASE_URL=options.database_url or DEFAULT_DATABASE_URL,
        SECRET_KEY=secrets.token_urlsafe(48),
        RATE_LIMIT_ENABLED="false",
    )
    if role:
        env["DEFAULT_ROLE"] = role
    return env


def api(project: Project, chain: Toolchain, options: Options) -> StepResult:
    """Migrate, serve, sign in and fuzz, then run the black-box suite on a fresh service
    (:mod:`infranest.verify.blackbox_run`); every service is stopped however this ends."""
    from infranest.verify.blackbox_run import with_blackbox  # it imports this module

    started = time.monotonic()
    result = with_blackbox(_api(project, chain, options), project, chain, options)
    return replace(result, duration=time.monotonic() - started)


def _api(project: Project, chain: Toolchain, options: Options) -> StepResult:
    if not fuzz.available():
        return StepResult(
            "api",
            "failed",
            f"schemathesis is not installed in InfraNest's environment ({own_python()}): "
            f"pip install '{fuzz.REQUIREMENT}'",
        )
    try:
        document: dict[str, Any] = json.loads((project.root / "openapi.json").read_text("utf-8"))
    except ValueError as exc:
        return StepResult("api", "failed", f"openapi.json is not JSON: {exc}")
    role = fuzz_role(project.root, options)
    env = service_env(chain, options, role)
    if options.database_url is None:
        (project.root / VERIFY_DB).unlink(missing_ok=True)
    migrated = run(
        chain.command(project.migrate), cwd=project.root, env=env, timeout=options.timeout
    )
    if not migrated.ok:
        return StepResult(
            "api", "failed", f"migrate: {migrated.describe()}", output=tail(migrated.output)
        )
    port = free_port()
    server = Server(
        chain.command(project.serve, port),
        port=port,
        cwd=project.root,
        env=env,
        log=project.root / SERVER_LOG,
    )
    with server:
        try:
            server.wait_healthy(options.health_timeout)
        except NotHealthyError as exc:
            return StepResult(
                "api", "failed", f"the service is not healthy: {exc}", output=server.output()
            )
        return _fuzz_running(server, document, options, role)


def _fuzz_running(
    server: Server, document: dict[str, Any], options: Options, role: str | None
) -> StepResult:
    headers: dict[str, str] = {}
    signed_in = "no /auth endpoints: unauthenticated"
    if auth.has_auth(document):
        try:
            credentials = auth.sign_in(server.base_url, document)
        except (auth.SignInError, OSError) as exc:
            return StepResult("api", "failed", f"sign-in failed: {exc}", output=server.output())
        headers = credentials.headers
        as_role = f", role {role}" if role else ""
        signed_in = f"signed in as {credentials.email} ({credentials.kind}{as_role})"
    own_env = toolchain(own_python()).env
    result = fuzz.fuzz(
        server.base_url,
        headers,
        env=own_env,
        max_examples=options.max_examples,
        seed=options.seed,
        timeout=options.timeout,
    )
    counts: dict[str, int | float] = {
        "operations_selected": result.operations_selected,
        "operations_tested": result.operations_tested,
        "test_cases": result.test_cases,
        "failures": len(result.failures),
        "errors": len(result.errors),
    }
    tally = (
        f"{result.operations_tested} operation(s), {result.test_cases} test case(s), "
        f"{len(result.failures)} failure(s)"
    )
    notes = [f"{signed_in}; {tally}"]
    notes += [f"warning: {w}" for w in result.warnings]
    notes += [f"error: {e}" for e in result.errors]
    output = "\n".join([*notes, "", tail(result.completed.output, 60)])
    findings = result.failures + tuple(Finding("schemathesis", "error", e) for e in result.errors)
    if result.ok:
        return StepResult("api", "passed", tally, 0.0, counts, (), output)
    if result.completed.timed_out:
        problem = f"schemathesis {result.completed.describe()}"
    elif result.failures:
        problem = f"{len(result.failures)} contract failure(s)"
    elif result.errors:
        problem = f"{len(result.errors)} schemathesis error(s)"
    elif result.operations_tested == 0:
        problem = "no operation was tested"
    else:
        problem = f"schemathesis {result.completed.describe()}"
    if not result.failures:
        output = f"{output}\n\nservice output:\n{server.output()}"
    return StepResult("api", "failed", f"{problem} ({tally})", 0.0, counts, findings, output)
