"""The serving and browser tests' shared helpers: a real `searchsvc serve` (gunicorn) on loopback, waiting for it,
stopping it, a headless Chromium through Playwright, and screenshots at phone and desktop width."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

SEARCHSVC = Path(sys.executable).parent / "searchsvc"
CHROMIUM = os.environ.get("SEARCHSVC_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 30.0  # a server builds or opens the index before it answers /healthz
STOP_TIMEOUT_S = 15.0  # gunicorn's graceful stop after SIGTERM
# Log each request with the pid of the worker that served it, so a test can tell the two workers apart.
PID_ACCESS_LOG = "--access-logformat 'pid=%(p)s %(r)s %(s)s'"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def free_port() -> int:
    """Return a TCP port on loopback that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(**settings: str) -> dict[str, str]:
    """Return this process's environment without any SEARCHSVC_* setting, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(settings)
    return env


def health(base: str, timeout: float = 2) -> dict[str, Any] | None:
    """Return the server's /healthz answer when it is 200, else None (not up yet, or unhealthy)."""
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=timeout) as r:
            return json.loads(r.read().decode("utf-8")) if r.status == 200 else None
    except urllib.error.HTTPError as exc:
        exc.close()
        return None
    except (urllib.error.URLError, OSError, ValueError):
        return None


@dataclass
class Server:
    """A `searchsvc serve` process on loopback: its port, base URL, log file and first /healthz answer."""

    proc: subprocess.Popen[bytes]
    port: int
    log: Path
    health: dict[str, Any] = field(default_factory=dict)
    stopped_in_time: bool = False  # set on stopping: SIGTERM was enough

    @property
    def base(self) -> str:
        """Return the server's base URL (http://127.0.0.1:<port>)."""
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        """Return the server's output so far (for assertion messages)."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_healthy(server: Server, timeout: float = START_TIMEOUT_S) -> dict[str, Any]:
    """Wait until the server answers /healthz with 200 and return that answer; fail if it exits or takes too long."""
    deadline = time.monotonic() + timeout
    while True:
        assert server.proc.poll() is None, "server exited:\n" + server.log_text()
        body = health(server.base)
        if body is not None:
            return body
        assert time.monotonic() < deadline, f"server did not become healthy in {timeout:g} s:\n" + server.log_text()
        time.sleep(0.1)


def stop(server: Server) -> None:
    """Stop the server with SIGTERM (gunicorn's graceful stop); kill its process group if that takes too long."""
    if server.proc.poll() is not None:
        server.stopped_in_time = True
        return
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(timeout=STOP_TIMEOUT_S)
        server.stopped_in_time = True
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=5)


@contextmanager
def serve(env: dict[str, str], cwd: Path, log: Path, workers: int = 2, timeout: float = START_TIMEOUT_S) -> Iterator[Server]:
    """Run `searchsvc serve` on a free loopback port until the block ends; yield it once /healthz answers 200.

    The server runs in its own session (so a stuck one can be killed with its workers); after the block,
    server.stopped_in_time and server.proc.returncode say how it stopped.
    """
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(SEARCHSVC), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True,
        )
    server = Server(proc, port, log)
    try:
        server.health = wait_healthy(server, timeout)
        yield server
    finally:
        stop(server)


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a headless Chromium (Playwright's Browser) and close it afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshots_dir(default: Path) -> Path:
    """Return where screenshots go: $SEARCHSVC_SCREENSHOTS, else the given folder (made if missing)."""
    shots = Path(os.environ.get("SEARCHSVC_SCREENSHOTS") or default)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def shoot(page: Any, shots: Path, name: str) -> None:
    """Save a full-page screenshot at phone and at desktop width; on the phone nothing may stick out sideways."""
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(shots / f"{name}-{label}.png"), full_page=True)
        if label == "phone":  # wide content (tables) must scroll inside its own box
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
