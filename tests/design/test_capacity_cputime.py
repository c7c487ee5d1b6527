"""CPU time of a service measured from /proc, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from infranest.design.capacity.cputime import (
    CpuTimeError,
    descendants,
    process_cpu_seconds,
    tree_cpu_seconds,
)
from infranest.design.capacity.loadgen import measure
from infranest.verify.server import free_port

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc")

# A server whose GET /work/<n> burns n rounds of hashing, so that its CPU time per request
# is known only up to a constant but grows with n. With --forked it serves from a child
# process (as gunicorn's workers do) while the parent only waits.
SERVER = """
import hashlib, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        rounds = int(self.path.rsplit("/", 1)[-1] or 0)
        digest = b"x"
        for _ in range(rounds):
            digest = hashlib.sha256(digest).digest()
        body = digest.hex().encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

def serve():
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

if "--forked" in sys.argv:
    child = os.fork()
    if child == 0:
        serve()
    else:
        os.waitpid(child, 0)
else:
    serve()
"""


def _start(tmp_path: Path, *flags: str) -> tuple[subprocess.Popen[bytes], str]:
    script = tmp_path / "server.py"
    script.write_text(SERVER, encoding="utf-8")
    port = free_port()
    process = subprocess.Popen([sys.executable, str(script), str(port), *flags])
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/work/0", timeout=2) as answer:
                answer.read()
            return process, url
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError("the test server did not answer")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    process, url = _start(tmp_path)
    yield process, url
    process.kill()
    process.wait()


@pytest.fixture
def forked(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    process, url = _start(tmp_path, "--forked")
    yield process, url
    for child in descendants(process.pid):
        os.kill(child, 9)
    process.kill()
    process.wait()


def test_cpu_per_request_is_measured_and_grows_with_the_work(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, url = server
    light = measure(url, "/work/1000", {}, 2, seconds=0.5, warmup=0.1, server_pid=process.pid)
    heavy = measure(url, "/work/100000", {}, 2, seconds=0.5, warmup=0.1, server_pid=process.pid)
    for m in (light, heavy):
        assert m.errors == 0
        assert m.requests > 0
        assert m.server_cpu_s is not None
        assert m.server_cpu_s > 0
        assert m.client_cpu_s is not None
        assert m.client_cpu_s >= 0
    assert light.server_ms is not None
    assert heavy.server_ms is not None
    # 100 times the hashing: far more CPU per request, whatever else the machine does.
    assert heavy.server_ms > 5 * light.server_ms


def test_without_a_process_id_no_cpu_is_recorded(
    server: tuple[subprocess.Popen[bytes], str],
) -> None:
    _, url = server
    m = measure(url, "/work/10", {}, 1, seconds=0.2, warmup=0.0)
    assert m.requests > 0
    assert m.server_cpu_s is None
    assert m.server_ms is None
    assert m.client_ms is None


def test_the_workers_of_a_forking_server_count(
    forked: tuple[subprocess.Popen[bytes], str],
) -> None:
    parent, url = forked
    workers = descendants(parent.pid)
    assert len(workers) == 1
    before_parent = process_cpu_seconds(parent.pid)
    m = measure(url, "/work/100000", {}, 2, seconds=0.5, warmup=0.0, server_pid=parent.pid)
    assert m.requests > 0
    assert m.errors == 0
    # The parent only waits: the work is its child's, and the tree's time includes it.
    assert m.server_cpu_s is not None
    assert m.server_cpu_s > 0
    assert tree_cpu_seconds(parent.pid) >= process_cpu_seconds(workers[0]) > 0
    assert process_cpu_seconds(parent.pid) - before_parent < m.server_cpu_s


def test_a_process_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(CpuTimeError, match="no such process"):
        process_cpu_seconds(2**31 - 1)  # beyond any pid_max
    assert os.getpid() not in descendants(os.getpid())
    assert process_cpu_seconds(os.getpid()) > 0
