"""Go projects (fiber): ``go build``, ``go test`` with coverage, ``go vet`` + ``gofmt``,
and gosec.

Setup builds every command under ``cmd/`` into ``.infranest/verify/bin`` (where the
``migrate``/``serve`` commands of ``infranest.toml`` are looked up) and installs the pinned
gosec into a per-user cache folder when it is absent; both are skipped when nothing
changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infranest.generate.targets.fiber.toolchain import GOSEC_MODULE, GOSEC_VERSION
from infranest.verify.process import Completed, run
from infranest.verify.project import (
    OTHER_CONFIG,
    WORK_DIR,
    Options,
    Project,
    Toolchain,
    base_env,
)
from infranest.verify.report import MAX_FINDINGS, Finding, Status, StepResult, tail, tests_result

BIN_DIR = f"{WORK_DIR}/bin"
HASH_FILE = f"{WORK_DIR}/go-build.hash"
COVER_PROFILE = f"{WORK_DIR}/coverage.out"
GOSEC_REPORT = f"{WORK_DIR}/gosec.json"
_SEVERITIES = ("HIGH", "MEDIUM", "LOW")
_VET_LINE = re.compile(
    r"^(?:vet: )?\.?/?(?P<file>[^\s:]+\.go):(?P<line>\d+)(?::\d+)?: (?P<msg>.+)$"
)


def _failed(name: str, summary: str, done: Completed | None = None) -> StepResult:
    output = tail(done.output) if done is not None else ""
    duration = done.duration if done is not None else 0.0
    return StepResult(name, "failed", summary, duration, output=output)


def tools_dir() -> Path:
    """Where verify keeps the Go tools it installs (gosec), per version."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infranest" / "go-tools" / GOSEC_VERSION


def source_hash(root: Path) -> str:
    """A hash of go.mod, go.sum and every ``.go`` file (verify's own folder excluded)."""
    digest = hashlib.sha256()
    files = [root / "go.mod", root / "go.sum"]
    files += sorted(p for p in root.rglob("*.go") if ".infranest" not in p.parts)
    for path in files:
        if path.is_file():
            digest.update(f"{path.relative_to(root)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def commands(root: Path) -> list[str]:
    """The main packages under ``cmd/`` (each is built into the bin folder)."""
    found = root / "cmd"
    if not found.is_dir():
        return []
    return sorted(p.name for p in found.iterdir() if p.is_dir() and any(p.glob("*.go")))


@dataclass(frozen=True)
class Go:
    name: str = "go"
    config_file: str = OTHER_CONFIG
    required: tuple[str, ...] = ("go.mod", "go.sum", "openapi.json")

    def toolchain(self, project: Project, options: Options) -> Toolchain:
        bin_dir = project.root / BIN_DIR
        return Toolchain(bin_dir, base_env((bin_dir, tools_dir()), options.extra_env))

    def setup(self, project: Project, options: Options) -> tuple[StepResult, Toolchain | None]:
        """``go mod download``, ``go build`` of each command, gosec when absent."""
        if shutil.which("go") is None:
            return _failed("setup", "`go` is not on PATH (install Go, https://go.dev/dl/)"), None
        chain = self.toolchain(project, options)
        root = project.root
        marker = root / HASH_FILE
        wanted = source_hash(root)
        built = all((chain.bin_dir / c).is_file() for c in commands(root))
        gosec = tools_dir() / "gosec"
        if marker.is_file() and marker.read_text().strip() == wanted and built and gosec.is_file():
            return StepResult(
                "setup", "passed", "reused the build (sources unchanged)", 0.0, {"reused": 1}
            ), chain
        steps: list[list[str]] = [["go", "mod", "download"]]
        steps += [
            ["go", "build", "-o", str(chain.bin_dir / c), f"./cmd/{c}"] for c in commands(root)
        ]
        total = 0.0
        outputs: list[str] = []
        chain.bin_dir.mkdir(parents=True, exist_ok=True)
        for argv in steps:
            done = run(argv, cwd=root, env=chain.env, timeout=options.timeout)
            total += done.duration
            outputs.append(done.output)
            if not done.ok:
                return _failed("setup", f"{' '.join(argv[:3])}: {done.describe()}", done), None
        if not gosec.is_file():
            env = {**chain.env, "GOBIN": str(tools_dir())}
            done = run(
                ["go", "install", f"{GOSEC_MODULE}@{GOSEC_VERSION}"],
                cwd=root,
                env=env,
                timeout=options.timeout,
            )
            total += done.duration
            if not done.ok:
                return _failed("setup", f"installing gosec: {done.describe()}", done), None
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(wanted + "\n", encoding="utf-8")
        summary = f"downloaded modules, built {', '.join(commands(root)) or 'nothing'}"
        output = tail("\n".join(outputs))
        return StepResult("setup", "passed", summary, total, {"reused": 0}, (), output), chain

    def tests(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``go test ./...`` with coverage of the app package's statements."""
        profile = project.root / COVER_PROFILE
        profile.parent.mkdir(parents=True, exist_ok=True)
        profile.unlink(missing_ok=True)
        env = dict(chain.env)
        if options.database_url:
            env["TEST_DATABASE_URL"] = options.database_url
        done = run(
            [
                "go",
                "test",
                "-json",
                "-count=1",
                f"-coverpkg=./{project.package}/...",
                f"-coverprofile={COVER_PROFILE}",
                "./...",
            ],
            cwd=project.root,
            env=env,
            timeout=options.timeout,
        )
        counts, findings, text = test_events(done.output.splitlines())
        problems: list[str] = []
        if done.timed_out:
            problems.append(done.describe())
        if counts["failed"]:
            problems.append(f"{counts['failed']} test(s) failed")
        elif not done.ok and not done.timed_out:
            problems.append(done.describe())
        return tests_result(
            dict(counts),
            coverage_percent(profile),
            problems,
            minimum=options.min_coverage,
            no_coverage=f"no coverage profile at {COVER_PROFILE}",
            duration=done.duration,
            findings=findings,
            output=tail(text),
        )

    def lint(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """``go vet ./...`` and ``gofmt -l .``: each problem and each unformatted file is a
        finding."""
        vet = run(["go", "vet", "./..."], cwd=project.root, env=chain.env, timeout=options.timeout)
        fmt = run(["gofmt", "-l", "."], cwd=project.root, env=chain.env, timeout=options.timeout)
        findings = vet_findings(vet.output) + gofmt_findings(fmt.output)
        counts: dict[str, int | float] = {"findings": len(findings)}
        duration = vet.duration + fmt.duration
        if findings:
            lines = "\n".join(f"{f.location}: {f.code} {f.message}" for f in findings)
            return StepResult(
                "lint",
                "failed",
                f"{len(findings)} go vet/gofmt finding(s)",
                duration,
                counts,
                tuple(findings[:MAX_FINDINGS]),
                tail(lines),
            )
        for done in (vet, fmt):
            if not done.ok:
                return _failed("lint", done.describe(), done)
        return StepResult("lint", "passed", "go vet and gofmt clean", duration, counts)

    def security(self, project: Project, chain: Toolchain, options: Options) -> StepResult:
        """gosec on the project (tests excluded): any MEDIUM or HIGH finding fails."""
        report = project.root / GOSEC_REPORT
        report.parent.mkdir(parents=True, exist_ok=True)
        report.unlink(missing_ok=True)
        gosec = tools_dir() / "gosec"
        done = run(
            [
                str(gosec) if gosec.is_file() else "gosec",
                "-no-fail",
                "-fmt=json",
                f"-out={GOSEC_REPORT}",
                "-exclude-dir=.infranest",
                "./...",
            ],
            cwd=project.root,
            env=chain.env,
            timeout=options.timeout,
        )
        try:
            data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return _failed("security", f"gosec did not report: {done.describe()}", done)
        findings = gosec_findings(project.root, data.get("Issues") or [])
        counts: dict[str, int | float] = {s.lower(): 0 for s in _SEVERITIES}
        for finding in findings:
            counts[(finding.severity or "LOW").lower()] += 1
        errors = data.get("Golang errors") or {}
        blocking = counts["high"] + counts["medium"]
        tally = f"{counts['high']} high, {counts['medium']} medium, {counts['low']} low"
        lines = [f"{f.severity} {f.location}: {f.code} {f.message}" for f in findings]
        status: Status = "failed" if blocking or errors else "passed"
        summary = tally if status == "passed" else f"{blocking} medium/high finding(s) ({tally})"
        if errors:
            summary = f"gosec could not type-check {len(errors)} file(s); {summary}"
            lines += [f"{name}: {problems}" for name, problems in sorted(errors.items())]
        return StepResult(
            "security",
            status,
            summary,
            done.duration,
            counts,
            tuple(findings[:MAX_FINDINGS]),
            tail("\n".join(lines)),
        )


def test_events(lines: Iterable[str]) -> tuple[dict[str, int], list[Finding], str]:
    """Counts of passed/failed/skipped tests in ``go test -json`` output, a finding per
    failed test, and the plain text output."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    findings: list[Finding] = []
    text: list[str] = []
    outputs: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            text.append(line)
            continue
        if not isinstance(event, dict):
            continue
        action, test = event.get("Action"), event.get("Test")
        package = str(event.get("Package", ""))
        if action == "output":
            out = str(event.get("Output", ""))
            text.append(out.rstrip("\n"))
            if test:
                outputs.setdefault((package, str(test)), []).append(out)
            continue
        if not test:
            if action == "fail" and not any(f.location == package for f in findings):
                findings.append(Finding(package, "build", "the package failed to build or run"))
            continue
        if action == "pass":
            counts["passed"] += 1
        elif action == "skip":
            counts["skipped"] += 1
        elif action == "fail":
            counts["failed"] += 1
            message = "".join(outputs.get((package, str(test)), []))[-2000:]
            findings.append(Finding(f"{package}.{test}", "test", message.strip()))
    return counts, findings, "\n".join(text)


def coverage_percent(profile: Path) -> float | None:
    """Percent of statements covered in a ``-coverprofile`` (blocks merged across the
    test binaries that wrote them)."""
    if not profile.is_file():
        return None
    blocks: dict[str, tuple[int, bool]] = {}
    for line in profile.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.rsplit(" ", 2)
        if len(parts) != 3:
            continue
        where, statements, count = parts
        try:
            size, hit = int(statements), int(count) > 0
        except ValueError:
            continue
        before = blocks.get(where, (size, False))
        blocks[where] = (size, before[1] or hit)
    total = sum(size for size, _ in blocks.values())
    if total == 0:
        return None
    return 100.0 * sum(size for size, hit in blocks.values() if hit) / total


def vet_findings(output: str) -> list[Finding]:
    """One finding per ``file:line: message`` line of ``go vet``."""
    found: list[Finding] = []
    for line in output.splitlines():
        match = _VET_LINE.match(line.strip())
        if match:
            where = f"{match['file']}:{match['line']}"
            found.append(Finding(where, "vet", match["msg"]))
    return found


def gofmt_findings(output: str) -> list[Finding]:
    """One finding per file ``gofmt -l`` lists."""
    return [
        Finding(f"{name.strip()}:1", "gofmt", "not formatted (run gofmt -w)")
        for name in output.splitlines()
        if name.strip().endswith(".go")
    ]


def gosec_findings(root: Path, issues: list[dict[str, Any]]) -> list[Finding]:
    found: list[Finding] = []
    for issue in issues:
        path = Path(str(issue.get("file", "")))
        try:
            name = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            name = str(path)
        severity = str(issue.get("severity", "LOW")).upper()
        found.append(
            Finding(
                f"{name}:{issue.get('line', 0)}",
                str(issue.get("rule_id", "")),
                str(issue.get("details", "")),
                severity=severity if severity in _SEVERITIES else "LOW",
            )
        )
    return sorted(found, key=lambda f: (_SEVERITIES.index(f.severity or "LOW"), f.location))


LANGUAGE = Go()
