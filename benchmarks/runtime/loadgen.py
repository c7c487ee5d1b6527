"""Closed-loop HTTP load with ``wrk`` (``apt-get install -y wrk``): requests per second and
latency percentiles of one URL."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class LoadError(Exception):
    """wrk is missing, failed, or the URL answered errors under load."""


@dataclass(frozen=True)
class Load:
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors plus non-2xx/3xx answers

    def to_json(self) -> dict[str, float | int | str]:
        return {
            "url": self.url,
            "rps": round(self.requests_per_second, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "requests": self.requests,
            "errors": self.errors,
        }


def _millis(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise LoadError(f"unreadable wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(url: str, output: str) -> Load:
    """Read ``wrk --latency`` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (rps and total and p50 and p99):
        raise LoadError(f"unreadable wrk output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Load(
        url,
        float(rps.group(1)),
        _millis(p50.group(1)),
        _millis(p99.group(1)),
        int(total.group(1)),
        errors,
    )


def run(url: str, *, seconds: int, connections: int, threads: int = 2) -> Load:
    """``wrk`` against ``url`` for ``seconds`` with ``connections`` open connections."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise LoadError("wrk is not installed (apt-get install -y wrk)")
    argv = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise LoadError(f"wrk exited with {done.returncode}: {done.stderr.strip()}")
    return parse(url, done.stdout)
