"""The typed result of ``infranest verify`` and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["passed", "failed", "skipped"]
STEP_NAMES = ("setup", "tests", "lint", "security", "deploy", "api")
OUTPUT_LINES = 40
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
