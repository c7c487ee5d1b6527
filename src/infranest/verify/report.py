"""The typed result of ``infranest verify`` and its JSON form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["passed", "failed", "skipped"]
STEP_NAMES = ("setup", "tests", "lint", "security", "deploy", "api")
OUTPUT_LINES = 40
MAX_FINDINGS = 100  # findings a step keeps (the counts say how many there were)
REPORT_FORMAT = "infranest-verify/1"


@dataclass(frozen=True)
class Finding:
    """One problem a step found: where (``file:line`` or ``METHOD /path``), what (a rule,
    test id or check), the text, and optionally its severity and an example (a request)."""

    location: str
    code: str
    message: str
    severity: str | None = None
    example: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"location": self.location, "code": self.code}
        data["message"] = self.message
        if self.severity is not None:
            data["severity"] = self.severity
        if self.example is not None:
            data["example"] = self.example
        return data


@dataclass(frozen=True)
class StepResult:
    name: str
    status: Status
    summary: str
    duration: float = 0.0
    counts: dict[str, int | float] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    output: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "summary": self.summary,
            "duration": round(self.duration, 3),
            "counts": dict(self.counts),
            "findings": [f.to_json() for f in self.findings],
            "output": self.output,
        }


@dataclass(frozen=True)
class VerifyReport:
    project: str
    target: str
    python: str
    steps: tuple[StepResult, ...]
    duration: float

    @property
    def passed(self) -> bool:
        """No step failed (steps skipped on request do not count against the project)."""
        return all(step.status != "failed" for step in self.steps)

    def step(self, name: str) -> StepResult:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "project": self.project,
            "target": self.target,
            "python": self.python,
            "passed": self.passed,
            "duration": round(self.duration, 3),
            "steps": [step.to_json() for step in self.steps],
        }


def tail(text: str, lines: int = OUTPUT_LINES) -> str:
    """The last ``lines`` lines of ``text`` (what a report keeps of a command's output)."""
    kept = text.rstrip("\n").splitlines()[-lines:]
    return "\n".join(kept)


def tests_result(
    counts: dict[str, int | float],
    percent: float | None,
    problems: list[str],
    *,
    minimum: float,
    no_coverage: str,
    duration: float,
    findings: Sequence[Finding],
    output: str,
) -> StepResult:
    """The ``tests`` step of any language from its counts (passed, failed, skipped) and
    coverage: missing coverage (``no_coverage`` says where it was expected) or coverage
    below ``minimum`` is a problem after the run's own ``problems``."""
    counts = dict(counts)
    problems = list(problems)
    if percent is not None:
        counts["coverage"] = round(percent, 2)
    if percent is None:
        problems.append(no_coverage)
    elif percent < minimum:
        problems.append(f"coverage {percent:.1f}% < {minimum:g}%")
    tally = f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
    cov = f", coverage {percent:.1f}%" if percent is not None else ""
    status: Status = "failed" if problems else "passed"
    summary = f"{'; '.join(problems)} ({tally}{cov})" if problems else f"{tally}{cov}"
    return StepResult(
        "tests", status, summary, duration, counts, tuple(findings[:MAX_FINDINGS]), output
    )
