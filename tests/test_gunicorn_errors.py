"""Errors gunicorn answers itself (414, 400, worker timeout), against a real `searchsvc serve` on loopback.

Before: gunicorn's bare HTML pages without the JSON error shape and without the security headers.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from _servers import free_port

TOKEN = "gunicorn-errors-admin-token"



def raw(port: int, request: bytes, pause_after: float = 0.0, timeout: float = 20.0) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the whole answer; return status, headers (lower-case names) and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        if pause_after:
            time.sleep(pause_after)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


@pytest.fixture(scope="module")
def server(seed_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("gunicorn-errors")
    index_dir = root / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    shutil.copytree(seeds, root / "seeds")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(SEARCHSVC_SEEDS_DIR=str(root / "seeds"), SEARCHSVC_INDEX_DIR=str(index_dir), SEARCHSVC_ADMIN_TOKEN=TOKEN,
               GUNICORN_CMD_ARGS="--timeout 2")
    log = open(root / "serve.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "searchsvc.cli", "serve", "--port", str(port), "--workers", "1"],
                            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (root / "serve.log").read_text()
            try:
                if raw(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (root / "serve.log").read_text()
            time.sleep(0.1)
        yield {"port": port, "log": root / "serve.log"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def assert_secure(headers: dict[str, str]) -> None:
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_request_line_too_long_is_414_json(server: dict[str, Any]) -> None:
    status, headers, body = raw(server["port"], b"GET /api/search?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n")
    assert status == 414
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == "uri_too_long" and "shorten" in error["message"]
    assert_secure(headers)


def test_bad_header_is_400_json_with_security_headers(server: dict[str, Any]) -> None:
    status, headers, body = raw(server["port"], b"GET /api/search?q=x HTTP/1.1\r\nHost: t\r\nBad Header: 1\r\n\r\n")
    assert status == 400 and headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "bad_request"
    assert_secure(headers)
    # gunicorn refuses the header before it hands over the path, so a page address gets the same JSON
    # answer (README: "Errors before the app"), with the same headers.
    status, headers, body = raw(server["port"], b"GET /search?q=x HTTP/1.1\r\nHost: t\r\nBad Header: 1\r\n\r\n")
    assert status == 400 and json.loads(body)["error"]["code"] == "bad_request"
    assert_secure(headers)


def test_worker_timeout_answers_503_timeout_json(server: dict[str, Any]) -> None:
    # A body that never finishes keeps the sync worker reading past gunicorn's --timeout (2 s here).
    head = (f"POST /api/admin/documents HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {TOKEN}\r\n"
            "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 100000\r\n\r\n").encode()
    status, headers, body = raw(server["port"], head + b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; "
                                b"filename=\"a.txt\"\r\n\r\nabc", timeout=30)
    assert status == 503
    assert headers["content-type"] == "application/json" and headers.get("retry-after") == "1"
    assert json.loads(body)["error"]["code"] == "timeout"
    assert_secure(headers)
    # The arbiter starts a new worker: the service answers again.
    deadline = time.monotonic() + 20
    while True:
        try:
            if raw(server["port"], b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", timeout=3)[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.2)
