"""Ruby projects (rails): Bundler with locally installed gems, minitest with SimpleCov,
RuboCop, and Brakeman (else RuboCop's Security cops) for security."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infranest.verify.lang.ruby_root import root_bundle
from infranest.verify.process import Completed, run
from infranest.verify.project import OTHER_CONFIG, WORK_DIR, Options, Project, Toolchain, base_env
from infranest.verify.report import MAX_FINDINGS, Finding, Status, StepResult, tail, tests_result

GEMFILE = "Gemfile"
HASH_FILE = "bundle.sha256"
LOCK_ASIDE = f"{WORK_DIR}/Gemfile.lock.previous"  # a lock another Ruby wrote, set aside
# How setup resolves the Gemfile, in order; the last runs once the lock is set aside.
RESOLVE = (("install", "--local"), ("lock", "--local"), ("lock", "--local"))
LAST_RUN = "coverage/.last_run.json"
_RUNS = re.compile(r"(\d+) runs, (\d+) assertions, (\d+) failures, (\d+) errors, (\d+) skips")
_PROBLEM = re.compile(r"^(Failure|Error):\n(\S+?#\S+?)(?: \[([^\]]+)\])?:\n(.*)$", re.M)
_RERUN = re.compile(r"^rails test (\S+:\d+)$", re.M)
_BRAKEMAN_SEVERITY = {"High": "HIGH", "Medium": "MEDIUM", "Weak": "LOW"}
NO_BRAKEMAN = (
    "brakeman is not installed (Debian bookworm does not package it; "
    "`gem install brakeman` where rubygems.org is reachable)"
)
SECURITY_DEPARTMENT = "Security"
# The folders of a Rails app the security scan reads besides the package (tests excluded).
SECURITY_DIRS = ("config", "lib")
_COP = re.compile(rf"^({SECURITY_DEPARTMENT}/\w+):\s*$", re.M)


def _failed(name: str, summary: str, done: Completed | None = None, **kw: Any) -> StepResult:
    output = tail(done.output) if done is not None else ""
    duration = done.duration if done is not None else 0.0
    return StepResult(name, "failed", summary, duration, output=output, **kw)


def _bundle(project: Project) -> Path | str:
    """Bundler: the wrapper into ``INFRANEST_RUBY_ROOT`` when it is set (see
    :mod:`infranest.verify.lang.ruby_root`), else this machine's; or why there is none."""
    in_root = root_bundle(project.root)
    if in_root is not None:
        return in_root
    found = shutil.which("bundle")
    if found is None:
        return "bundler is not installed (apt-get install ruby-rails bundler ...)"
    return Path(found)


def set_lock_aside(root: Path) -> bool:
    """Move ``Gemfile.lock`` to ``LOCK_ASIDE`` so that Bundler resolves the Gemfile afresh;
    False when there is no lock."""
    lock = root / f"{GEMFILE}.lock"
    if not lock.is_file():
        return False
    aside = root / LOCK_ASIDE
    aside.parent.mkdir(parents=True, exist_ok=True)
    lock.replace(aside)
    return True


def bundle_hash(root: Path, ruby_version: str) -> str:
    """A hash of the Gemfile (and its lock file, when there is one) and the Ruby version."""
    digest = hashlib.sha256(ruby_version.encode())
    for name in (GEMFILE, f"{GEMFILE}.lock"):
        path = root / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _chain(bundle: Path, options: Options) -> Toolchain:
    return Toolchain(bundle.parent, base_env((bundle.parent,), options.extra_env))


@dataclass(frozen=True)
class Ruby:
    name: str = "ruby"
    config_file: str = OTHER_CONFIG
    required: tuple[str, ...] = (GEMFILE, "openapi.json")

    def toolchain(self, project: Project, options: Options) -> Toolchain:
        bundle = _bundle(project)
        return _chain(bundle if isinstance(bundle, Path) else Path("/usr/bin/bundle"), options)

    def setup(self, project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
        """Resolve the Gemfile against the gems installed on this machine (no download):
        ``bundle check``, else ``bundle install --local``, else ``bundle lock --local``, else
        (a lock naming gems this Ruby lacks, e.g. written in another root) a fresh lock."""
        bundle = _bundle(project)
        if isinstance(bundle, str):
            return _failed("setup", bundle), None
        chain = _chain(bundle, options)
        root = project.root
        version = run(["ruby", "--version"], cwd=root, env=chain.env, timeout=60)
        if not version.ok:
            return _failed("setup", f"ruby does not run: {version.describe()}", version), None
        marker = root / WORK_DIR / HASH_FILE
        wanted = bundle_hash(root, version.output.strip())
        check = run([str(bundle), "check"], cwd=root, env=chain.env, timeout=options.timeout)
        if check.ok and marker.is_file() and marker.read_text().strip() == wanted:
            return StepResult(
                "setup",
                "passed",
                "reused the bundle (Gemfile unchanged)",
                check.duration,
                {"reused": 1},
            ), chain
        total, done = check.duration, check
        if not check.ok:
            for attempt, argv in enumerate(RESOLVE):
                if attempt == len(RESOLVE) - 1 and not set_lock_aside(root):
                    continue
                done = run([str(bundle), *argv], cwd=root, env=chain.env, timeout=options.timeout)
                again = run(
                    [str(bundle), "check"], cwd=root, env=chain.env, timeout=options.timeout
                )
                total += done.duration + again.duration
                if again.ok:
                    break
            else:
                summary = (
                    f"the Gemfile does not resolve against the installed gems: {done.describe()}"
                )
                return _failed("setup", summary, done), None
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(wanted + "\n", encoding="utf-8")
        summary = "the Gemfile resolves against the installed gems"
        return StepResult(
            "setup", "passed", summary, total, {"reused": 0}, (), tail(done.output)
        ), chain

    def tests(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``bundle exec rails test``; SimpleCov's ``coverage/.last_run.json`` gives the
        line coverage of ``app`` and ``lib``."""
        last_run = project.root / LAST_RUN
        last_run.unlink(missing_ok=True)
        env = dict(chain.env)
        if options.database_url:  # the suite runs against that database too (as in CI)
            env["TEST_DATABASE_URL"] = options.database_url
        done = run(
            ["bundle", "exec", "rails", "test"],
            cwd=project.root,
            env=env,
            timeout=options.timeout,
        )
        return minitest_result(done, coverage(last_run), options.min_coverage)

    def lint(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``rubocop --format json`` with the project's ``.rubocop.yml``; any offense fails."""
        done = run(
            ["bundle", "exec", "rubocop", "--format", "json"],
            cwd=project.root,
            env=chain.env,
            timeout=options.timeout,
        )
        return rubocop_result(done)

    def security(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``brakeman --format json`` (High or Medium confidence warnings fail); without
        brakeman, every cop of RuboCop's Security department (any offense fails)."""
        brakeman = shutil.which("brakeman", path=chain.env.get("PATH"))
        if brakeman is None:
            return self._security_cops(project, chain, options)
        done = run(
            [brakeman, "--format", "json", "--quiet", "--no-pager", "--no-exit-on-warn", "."],
            cwd=project.root,
            env=chain.env,
            timeout=options.timeout,
        )
        return brakeman_result(done)

    def _security_cops(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``rubocop --only <every Security cop>`` over the package, config and lib. The
        cops are named one by one: ``--only Security`` would leave out the pending ones."""
        rubocop = ["bundle", "exec", "rubocop"]
        listed = run(
            [*rubocop, "--show-cops"], cwd=project.root, env=chain.env, timeout=options.timeout
        )
        cops = security_cops(listed.output)
        if not cops:
            summary = f"rubocop lists no {SECURITY_DEPARTMENT} cops: {listed.describe()}"
            return _failed("security", f"{summary}; {NO_BRAKEMAN}", listed)
        dirs = [d for d in (project.package, *SECURITY_DIRS) if (project.root / d).is_dir()]
        done = run(
            [*rubocop, "--format", "json", "--only", ",".join(cops), *dirs],
            cwd=project.root,
            env=chain.env,
            timeout=options.timeout,
        )
        return security_cops_result(done, cops, dirs)


def coverage(path: Path) -> float | None:
    """The line coverage SimpleCov recorded (0.22: ``result.line``; older: ``covered_percent``)."""
    try:
        result = json.loads(path.read_text(encoding="utf-8"))["result"]
        return float(result.get("line", result.get("covered_percent")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def minitest_result(done: Completed, percent: float | None, minimum: float) -> StepResult:
    """The tests step from minitest's summary line and failure blocks."""
    runs = _RUNS.findall(done.output)
    total = failures = errors = skips = 0
    if runs:
        total, _, failures, errors, skips = (int(n) for n in runs[-1])
    failed = failures + errors
    counts: dict[str, int | float] = {
        "passed": total - failed - skips,
        "failed": failed,
        "skipped": skips,
    }
    reruns = _RERUN.findall(done.output)
    findings = [
        Finding(reruns[i] if i < len(reruns) else name, kind.lower(), message.strip()[:300])
        for i, (kind, name, _where, message) in enumerate(_PROBLEM.findall(done.output))
    ]
    problems: list[str] = []
    if done.timed_out:
        problems.append(done.describe())
    if failed:
        problems.append(f"{failed} test(s) failed")
    elif not runs:
        problems.append(f"no test summary: {done.describe()}")
    return tests_result(
        counts,
        percent,
        problems,
        minimum=minimum,
        no_coverage=f"no coverage report at {LAST_RUN} (is SimpleCov set up?)",
        duration=done.duration,
        findings=findings,
        output=tail(done.output),
    )


def _rubocop_offenses(output: str) -> tuple[list[Finding], int] | None:
    """RuboCop's JSON report: one finding per offense (``path:line``, the cop's name) and
    the number of files inspected; None when the output holds no report."""
    start = output.find("{")
    try:
        data: dict[str, Any] = json.loads(output[start:]) if start >= 0 else {}
        files: list[dict[str, Any]] = data["files"]
    except (ValueError, KeyError):
        return None
    findings = [
        Finding(
            f"{item.get('path', '')}:{(offense.get('location') or {}).get('line', 0)}",
            str(offense.get("cop_name", "")),
            str(offense.get("message", "")),
            severity=str(offense.get("severity", "")) or None,
        )
        for item in files
        for offense in item.get("offenses", [])
    ]
    return findings, len(files)


def rubocop_result(done: Completed) -> StepResult:
    report = _rubocop_offenses(done.output)
    if report is None:
        return _failed("lint", f"rubocop did not report: {done.describe()}", done)
    findings, files = report
    counts: dict[str, int | float] = {"findings": len(findings), "files": files}
    if findings:
        lines = "\n".join(f"{f.location}: {f.code} {f.message}" for f in findings)
        return StepResult(
            "lint",
            "failed",
            f"{len(findings)} rubocop offense(s)",
            done.duration,
            counts,
            tuple(findings[:MAX_FINDINGS]),
            tail(lines),
        )
    if not done.ok:
        return _failed("lint", done.describe(), done, counts=counts)
    return StepResult(
        "lint", "passed", f"no rubocop offenses in {files} files", done.duration, counts
    )


def security_cops(show_cops: str) -> list[str]:
    """The Security department's cops in ``rubocop --show-cops`` output, sorted."""
    return sorted(set(_COP.findall(show_cops)))


def security_cops_result(done: Completed, cops: list[str], dirs: list[str]) -> StepResult:
    """The security step from ``rubocop --only <cops> --format json``: any offense fails.
    The summary names the tool, its cops and that brakeman was not available."""
    short = ", ".join(c.removeprefix(f"{SECURITY_DEPARTMENT}/") for c in cops)
    tool = f"rubocop {SECURITY_DEPARTMENT} cops ({short}) over {', '.join(dirs) or '.'}"
    report = _rubocop_offenses(done.output)
    if report is None:
        return _failed("security", f"{tool}: no report, {done.describe()}; {NO_BRAKEMAN}", done)
    findings, files = report
    counts: dict[str, int | float] = {"findings": len(findings), "files": files, "cops": len(cops)}
    if findings:
        lines = "\n".join(f"{f.location}: {f.code} {f.message}" for f in findings)
        summary = f"{tool}: {len(findings)} offense(s) in {files} files; {NO_BRAKEMAN}"
        return StepResult(
            "security",
            "failed",
            summary,
            done.duration,
            counts,
            tuple(findings[:MAX_FINDINGS]),
            tail(lines),
        )
    if not done.ok:
        return _failed("security", f"{tool}: {done.describe()}; {NO_BRAKEMAN}", done, counts=counts)
    summary = f"{tool}: no offenses in {files} files; {NO_BRAKEMAN}"
    return StepResult("security", "passed", summary, done.duration, counts)


def brakeman_result(done: Completed) -> StepResult:
    start = done.output.find("{")
    try:
        data: dict[str, Any] = json.loads(done.output[start:]) if start >= 0 else {}
        warnings: list[dict[str, Any]] = data["warnings"]
    except (ValueError, KeyError):
        return _failed("security", f"brakeman did not report: {done.describe()}", done)
    findings = [
        Finding(
            f"{w.get('file', '')}:{w.get('line') or 0}",
            str(w.get("warning_type", "")),
            str(w.get("message", "")),
            severity=_BRAKEMAN_SEVERITY.get(str(w.get("confidence")), "LOW"),
        )
        for w in warnings
    ]
    counts: dict[str, int | float] = {"high": 0, "medium": 0, "low": 0}
    for finding in findings:
        counts[(finding.severity or "LOW").lower()] += 1
    blocking = int(counts["high"] + counts["medium"])
    tally = f"{counts['high']} high, {counts['medium']} medium, {counts['low']} low"
    status: Status = "failed" if blocking else "passed"
    summary = f"{blocking} medium/high warning(s) ({tally})" if blocking else tally
    lines = "\n".join(f"{f.severity} {f.location}: {f.code} {f.message}" for f in findings)
    return StepResult(
        "security",
        status,
        summary,
        done.duration,
        counts,
        tuple(findings[:MAX_FINDINGS]),
        tail(lines),
    )


LANGUAGE = Ruby()
