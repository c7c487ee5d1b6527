"""The alert rules file (YAML): rules on metrics and the channels they notify.

```yaml
channels:
  ops: {type: webhook, url: "https://ops.example.com/hooks/ml"}
  team: {type: slack, url: "https://hooks.slack.com/services/..."}
  oncall: {type: pagerduty, routing_key_env: PAGERDUTY_KEY}
  mail: {type: email, host: smtp.example.com, port: 587, sender: ml@example.com,
         to: [team@example.com], starttls: true, username_env: SMTP_USER, password_env: SMTP_PASS}
rules:
  - id: churn-drift
    model: churn
    metric: drift_share
    op: ">="
    threshold: 0.3
    window: 1h
    severity: critical
    cooldown: 30m
    channels: [ops, oncall]
```
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from infranest.monitor.metrics import MetricError, check_metric

Severity = Literal["info", "warning", "critical"]
Op = Literal[">", ">=", "<", "<=", "==", "!="]
_DURATION = re.compile(r"^(\d+)(s|m|h|d)$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue"


class ConfigError(Exception):
    """The rules file is wrong; ``problems`` are ``where: what`` lines."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a duration; use a number and s, m, h or d (e.g. 30m)")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Webhook(_Strict):
    type: Literal["webhook"]
    url: str
    headers: dict[str, str] = Field(default_factory=dict)


class Slack(_Strict):
    type: Literal["slack"]
    url: str


class PagerDuty(_Strict):
    type: Literal["pagerduty"]
    routing_key_env: str
    url: str = PAGERDUTY_URL


class Email(_Strict):
    type: Literal["email"]
    host: str
    port: int = 25
    sender: str
    to: tuple[str, ...] = Field(min_length=1)
    starttls: bool = False
    username_env: str | None = None
    password_env: str | None = None


Channel = Annotated[Webhook | Slack | PagerDuty | Email, Field(discriminator="type")]


class Rule(_Strict):
    id: str
    model: str
    version: str = "1"
    metric: str
    op: Op = ">"
    threshold: float
    window: str = "1h"
    reference: Literal["previous", "none"] = "previous"
    min_events: int = Field(default=1, ge=0)
    severity: Severity = "warning"
    cooldown: str = "1h"
    channels: tuple[str, ...] = ()
    description: str | None = None

    @field_validator("window", "cooldown")
    @classmethod
    def _duration(cls, value: str) -> str:
        parse_duration(value)
        return value

    @field_validator("metric")
    @classmethod
    def _metric(cls, value: str) -> str:
        try:
            check_metric(value)
        except MetricError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @property
    def window_delta(self) -> timedelta:
        return parse_duration(self.window)

    @property
    def cooldown_delta(self) -> timedelta:
        return parse_duration(self.cooldown)

    def breached(self, value: float) -> bool:
        return {
            ">": value > self.threshold,
            ">=": value >= self.threshold,
            "<": value < self.threshold,
            "<=": value <= self.threshold,
            "==": value == self.threshold,
            "!=": value != self.threshold,
        }[self.op]


class AlertConfig(_Strict):
    channels: dict[str, Channel] = Field(default_factory=dict)
    rules: tuple[Rule, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> AlertConfig:
        ids = [r.id for r in self.rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"rule ids must be unique; repeated: {', '.join(twice)}")
        for rule in self.rules:
            unknown = [c for c in rule.channels if c not in self.channels]
            if unknown:
                raise ValueError(
                    f"rule {rule.id!r} names unknown channel(s) {', '.join(unknown)}; "
                    f"channels are {', '.join(sorted(self.channels)) or '(none declared)'}"
                )
        return self


def load_config(path: Path) -> AlertConfig:
    """Read and check a rules file; :class:`ConfigError` names every problem's place."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(str(path), [exc.strerror or str(exc)]) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), [f"not YAML: {exc}"]) from exc
    try:
        return AlertConfig.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "(top level)"
            problems.append(f"{where}: {error['msg']}")
        raise ConfigError(str(path), problems) from exc
