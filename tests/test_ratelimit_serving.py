"""The rate limit on a real `searchsvc serve` (gunicorn, two workers, loopback): it holds across workers, counts
clients apart, and the server's limits answer with our error shape, not gunicorn's."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import socket
import time
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest
from _servers import PID_ACCESS_LOG, serve, server_env

from searchsvc.web.ratelimit import STATE_FILE

pytestmark = pytest.mark.slow

LIMIT = 10
TOKEN = "serving-admin-token"


def get(port: int, path: str, source: str = "127.0.0.1") -> tuple[int, dict[str, str], Any]:
    """GET from a chosen loopback source address (127.0.0.0/8 is all ours), so one test can be two clients."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
        return r.status, headers, json.loads(body) if headers.get("content-type", "").startswith("application/json") else body
    finally:
        conn.close()


def access_log(log: Path) -> dict[str, tuple[str, int]]:
    """Return probe -> (pid of the worker that answered, status), from the access log."""
    out: dict[str, tuple[str, int]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.search(r"pid=<?(\d+)>? GET /api/search\?\S*probe=(\d+)\S* HTTP/1.1 (\d{3})", line)
        if m:
            out[m.group(2)] = (m.group(1), int(m.group(3)))
    return out


@pytest.fixture(scope="module")
def served(seed_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, Path]]:
    """Run `searchsvc serve` with two workers, a rate limit, admin on and a small upload limit; yield port, log, index."""
    tmp_path = tmp_path_factory.mktemp("ratelimit-serving")
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs", STATE_FILE + "*"))
    env = server_env(
        SEARCHSVC_INDEX_DIR=str(index_dir),
        SEARCHSVC_SEEDS_DIR=str(tmp_path / "seeds"),
        SEARCHSVC_RATE_LIMIT=f"{LIMIT}/minute",
        SEARCHSVC_ADMIN_TOKEN=TOKEN,
        SEARCHSVC_MAX_FILE_MB="0.1",
        GUNICORN_CMD_ARGS=PID_ACCESS_LOG,
    )
    (tmp_path / "seeds").mkdir()
    with serve(env, tmp_path, tmp_path / "serve.log", workers=2) as server:
        yield server.port, server.log, index_dir
    assert server.proc.returncode == 0, server.log_text()[-2000:]

def test_limit_holds_across_two_workers_and_counts_clients_apart(served: tuple[int, Path, Path]) -> None:
    port, log, index_dir = served
    # One client searches until both workers have refused it (or 300 searches).
    answers: dict[str, tuple[int, dict[str, str], Any]] = {}
    for n in range(300):
        answers[str(n)] = get(port, f"/api/search?q=diplomaten&passages=0&probe={n}")
        if n >= LIMIT + 10 and n % 10 == 0:
            time.sleep(0.2)  # let the access log catch up
            served = access_log(log)
            if len({pid for pid, status in served.values() if status == 429}) >= 2:
                break
    time.sleep(0.2)
    served = access_log(log)
    statuses = Counter(status for status, _h, _b in answers.values())
    assert statuses[200] == LIMIT, f"{statuses[200]} searches allowed, not {LIMIT}: {statuses}"
    assert set(statuses) == {200, 429}, statuses
    for status, headers, body in answers.values():
        if status == 429:
            assert body["error"]["code"] == "rate_limited" and set(body) == {"error"}
            assert 1 <= int(headers["retry-after"]) <= 60
            assert headers["content-type"].startswith("application/json")
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
    pids = {pid for pid, _status in served.values()}
    assert len(pids) == 2, f"only {pids} answered; both workers must have served the client"
    # With per-process counts a worker refuses only after allowing LIMIT searches itself. Here some worker
    # refused while it had allowed fewer, so it counted the searches the other worker allowed.
    allowed_by = Counter(pid for pid, status in served.values() if status == 200)
    refusers = {pid for pid, status in served.values() if status == 429}
    assert any(allowed_by[pid] < LIMIT for pid in refusers), (allowed_by, refusers)

    # Another client address has its own budget.
    status, _h, body = get(port, "/api/search?q=diplomaten&passages=0", source="127.0.0.2")
    assert status == 200 and body["total"] > 0
    status, _h, _b = get(port, "/api/search?q=diplomaten&passages=0", source="127.0.0.1")
    assert status == 429

    # A 1000-character query of accented letters (6,000 bytes in the URL) gets through gunicorn;
    # one letter more is our clear 400, not gunicorn's "Request Line is too large".
    status, _h, body = get(port, "/api/search?q=" + urllib.parse.quote("é" * 1000), source="127.0.0.2")
    assert status == 200, body
    status, headers, body = get(port, "/api/search?q=" + urllib.parse.quote("é" * 1001), source="127.0.0.2")
    assert status == 400 and body["error"]["code"] == "bad_query" and "1000" in body["error"]["message"], body
    assert (index_dir / STATE_FILE).is_file()


def test_oversized_upload_is_refused_before_the_body_is_read(served: tuple[int, Path, Path]) -> None:
    """A client announcing 30 MB gets the 413 in the API's shape after sending only 64 kB of it."""
    port, _log, _index = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/admin/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + f"Authorization: Bearer {TOKEN}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 30000000\r\n\r\n"
            + b"--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n" + b"x" * 65536
        )
        # Read exactly one response (headers, then Content-Length bytes): the server closes without reading the
        # rest of the body, and a read past the response could meet the connection reset instead.
        def more() -> bytes:
            chunk = sock.recv(65536)
            assert chunk, "connection closed before a whole response: " + repr(reply[:200])
            return chunk

        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += more()
        length = int(re.search(rb"\r\nContent-Length: (\d+)", reply, re.I).group(1))  # type: ignore[union-attr]
        while len(reply.partition(b"\r\n\r\n")[2]) < length:
            reply += more()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    assert b"Content-Type: application/json" in head and b"X-Frame-Options: DENY" in head
    error = json.loads(body)["error"]
    assert error["code"] == "too_large" and "30.0 MB" in error["message"] and "Nothing was stored" in error["message"]
