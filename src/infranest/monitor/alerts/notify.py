"""Delivering an alert to its channels: a generic webhook (the alert as JSON), Slack
(incoming webhook), PagerDuty (Events API v2: trigger and resolve by dedup key) and email
(SMTP). A channel that fails does not stop the others; each delivery is reported."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from infranest.monitor.alerts.config import Channel, Email, PagerDuty, Slack, Webhook

TIMEOUT = 10.0
_PD_SEVERITY = {"info": "info", "warning": "warning", "critical": "critical"}


@dataclass(frozen=True)
class Alert:
    rule: str
    model: str
    version: str
    metric: str
    value: float | None
    op: str
    threshold: float
    severity: str
    status: str  # firing, repeat or resolved
    at: datetime
    description: str | None = None

    @property
    def summary(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.4g}"
        word = "RESOLVED" if self.status == "resolved" else self.severity.upper()
        return (
            f"[{word}] {self.rule}: {self.metric} of {self.model}@{self.version} is {shown} "
            f"(alert when {self.op} {self.threshold:g})"
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["summary"] = self.summary
        return data


@dataclass(frozen=True)
class Delivery:
    channel: str
    ok: bool
    detail: str


def _post(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"URL must be http:// or https://, got {url!r}")
    data = json.dumps(body).encode()
    sent = {"Content-Type": "application/json", **(headers or {})}
    request = urllib.request.Request(url, data=data, headers=sent, method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # nosec B310 - checked
        return f"HTTP {response.status}"


def _pagerduty(channel: PagerDuty, alert: Alert) -> str:
    key = os.environ.get(channel.routing_key_env)
    if not key:
        raise ValueError(f"environment variable {channel.routing_key_env} (routing key) is empty")
    body: dict[str, Any] = {
        "routing_key": key,
        "event_action": "resolve" if alert.status == "resolved" else "trigger",
        "dedup_key": f"infranest:{alert.rule}",
    }
    if alert.status != "resolved":
        body["payload"] = {
            "summary": alert.summary,
            "source": f"infranest-monitor/{alert.model}@{alert.version}",
            "severity": _PD_SEVERITY[alert.severity],
            "timestamp": alert.at.isoformat(),
            "custom_details": alert.to_json(),
        }
    return _post(channel.url, body)


def _email(channel: Email, alert: Alert) -> str:
    message = EmailMessage()
    message["Subject"] = alert.summary
    message["From"] = channel.sender
    message["To"] = ", ".join(channel.to)
    message.set_content(json.dumps(alert.to_json(), indent=2))
    with smtplib.SMTP(channel.host, channel.port, timeout=TIMEOUT) as smtp:
        if channel.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if channel.username_env:
            user = os.environ.get(channel.username_env, "")
            password = os.environ.get(channel.password_env or "", "")
            smtp.login(user, password)
        refused = smtp.send_message(message)
    return f"sent to {len(channel.to) - len(refused)} recipient(s)"


def deliver(name: str, channel: Channel, alert: Alert) -> Delivery:
    """Send ``alert`` to one channel; failures are reported, never raised."""
    try:
        if isinstance(channel, Webhook):
            detail = _post(channel.url, alert.to_json(), channel.headers)
        elif isinstance(channel, Slack):
            detail = _post(channel.url, {"text": alert.summary})
        elif isinstance(channel, PagerDuty):
            detail = _pagerduty(channel, alert)
        else:
            detail = _email(channel, alert)
    except urllib.error.HTTPError as exc:
        return Delivery(name, False, f"HTTP {exc.code} {exc.reason}")
    except (OSError, ValueError, smtplib.SMTPException) as exc:
        return Delivery(name, False, f"{type(exc).__name__}: {exc}")
    return Delivery(name, True, detail)
