"""The HTTP side of the black-box suite: JSON requests to a running service, each one
recorded as a :class:`Call` (method, path template, status, and what the contract expects).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

_TIMEOUT = 30.0


@dataclass(frozen=True)
class Call:
    """One request of the suite: ``check`` says what it was for (``create Product``),
    ``template`` is the contract's path (``/products/{id}``), ``expected`` the statuses
    the contract allows (empty: recorded only, the contract does not decide)."""

    check: str
    method: str
    template: str
    status: int
    expected: tuple[int, ...] = ()
    problem: str = ""  # what else was wrong with the answer (its body), if anything

    @property
    def ok(self) -> bool:
        return (not self.expected or self.status in self.expected) and not self.problem

    def key(self) -> tuple[str, str, int]:
        return (self.method, self.template, self.status)

    def describe(self) -> str:
        wanted = "/".join(map(str, self.expected)) or "any"
        text = f"{self.check}: {self.method} {self.template} → {self.status} (expected {wanted})"
        return f"{text}; {self.problem}" if self.problem else text


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any  # the decoded JSON, or the text when it is not JSON, or None when empty


@dataclass
class Recorder:
    """Sends requests to ``base_url()`` (it may change when the service restarts) and keeps
    every :class:`Call` in order."""

    base_url: Callable[[], str]
    calls: list[Call] = field(default_factory=list)

    def send(
        self,
        check: str,
        method: str,
        template: str,
        *,
        path: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        query: Mapping[str, str] | None = None,
        expected: tuple[int, ...] = (),
        raw: bytes | None = None,
    ) -> Answer:
        """``method path`` (``template`` when ``path`` is None) with the JSON ``body`` (or
        the ``raw`` bytes); the answer is recorded."""
        url = self.base_url() + (path or template)
        if query:
            url += "?" + urllib.parse.urlencode(dict(query))
        answer = request(method, url, headers or {}, body, raw)
        self.calls.append(Call(check, method, template, answer.status, expected))
        return answer

    def flag(self, problem: str) -> None:
        """Mark the last call as wrong for ``problem`` (its status may have been right)."""
        last = self.calls[-1]
        joined = f"{last.problem}; {problem}" if last.problem else problem
        self.calls[-1] = Call(
            last.check, last.method, last.template, last.status, last.expected, joined
        )


def request(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: Any = None,
    raw: bytes | None = None,
) -> Answer:
    """One JSON request (``raw``: these bytes as the JSON body); HTTP errors are answers,
    not exceptions."""
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    sent = urllib.request.Request(url, data=data, method=method)
    sent.add_header("Accept", "application/json")
    if data is not None:
        sent.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        sent.add_header(name, value)
    try:
        with urllib.request.urlopen(sent, timeout=_TIMEOUT) as response:  # nosec B310 - loopback
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    if not raw:
        return Answer(status, None)
    try:
        return Answer(status, json.loads(raw))
    except ValueError:
        return Answer(status, raw.decode("utf-8", errors="replace")[:500])
