"""CPU time of a process tree, read from ``/proc`` (Linux).

A request's *service demand* at the application is the CPU time the service spends on it.
Measured as the change in the service's CPU time (user + system, of the server process and
all its descendants, e.g. gunicorn's workers) over a known number of requests, it does not
depend on how many other programs share the machine: they delay the service (less
throughput, more latency) but do not add to its CPU time. Cache and frequency effects of a
busy machine remain, and are much smaller than the wall-clock slowdown.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
# utime, stime, cutime and cstime are the 14th to 17th fields of /proc/<pid>/stat; the
# fields after the command name (in parentheses) start at the 3rd.
_PPID, _UTIME = 1, 11


class CpuTimeError(Exception):
    """The CPU time of a process cannot be read (no /proc, or the process is gone)."""


def _ticks_per_second() -> int:
    try:
        return int(os.sysconf("SC_CLK_TCK"))
    except (ValueError, OSError, AttributeError):  # not POSIX: /proc is missing anyway
        return 100


TICKS = _ticks_per_second()


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name; None if it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def descendants(pid: int) -> list[int]:
    """The processes started by ``pid``, by their children, and so on (not ``pid``)."""
    parents: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is not None and len(fields) > _PPID:
            parents.setdefault(int(fields[_PPID]), []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of ``pid``, including children it has waited for."""
    fields = _stat_fields(pid)
    if fields is None or len(fields) < _UTIME + 4:
        raise CpuTimeError(f"/proc/{pid}/stat: no such process (or no /proc on this system)")
    return sum(int(v) for v in fields[_UTIME : _UTIME + 4]) / TICKS


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of ``pid`` and all its descendants (those that end while we read
    count towards their parent once it has waited for them)."""
    total = process_cpu_seconds(pid)
    for child in descendants(pid):
        try:
            total += process_cpu_seconds(child)
        except CpuTimeError:  # ended between the listing and the read
            continue
    return total


@dataclass(frozen=True)
class CpuSample:
    """The service's and this process's CPU seconds, and the wall clock, at one moment."""

    server: float
    client: float
    wall: float

    @classmethod
    def take(cls, server_pid: int) -> CpuSample:
        return cls(tree_cpu_seconds(server_pid), time.process_time(), time.perf_counter())

    def until(self, later: CpuSample) -> CpuSample:
        """What was spent from this sample to ``later``."""
        return CpuSample(
            later.server - self.server, later.client - self.client, later.wall - self.wall
        )
