"""A normal install, as an operator does it: build the wheel, install it into a fresh virtualenv outside the
checkout, index a copy of the seeds and serve them; the pages, error pages and static files all work."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
D000 = "000_1e7f0d94218035f2"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str, str]:
    """Return (status, content type, body) of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def clean_env(**extra: str) -> dict[str, str]:
    """Return the environment without our settings or the test virtualenv, plus the given variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEARCHSVC_", "VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if str(Path(sys.executable).parent) != p)
    env.update(extra)
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{argv} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def test_wheel_installed_outside_the_checkout_serves_the_site(tmp_path: Path) -> None:
    env = clean_env()
    # The sources as a fresh clone has them, so the build leaves nothing behind in the checkout.
    src = tmp_path / "src-copy"
    src.mkdir()
    for name in ("pyproject.toml", "MANIFEST.in", "README.md", "constraints.txt"):
        shutil.copy(REPO / name, src / name)
    for name in ("src", "templates"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(src)], tmp_path, env)
    (wheel,) = dist.glob("searchsvc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"searchsvc/templates/search.html", "searchsvc/templates/error.html", "searchsvc/web/static/style.css",
            "searchsvc/data/lexicon/nl_parts.txt"} <= names

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
         "-c", str(REPO / "constraints.txt"), str(wheel)], tmp_path, env, timeout=600)
    site = tmp_path / "site"
    site.mkdir()
    shutil.copytree(REPO / "seeds", site / "seeds")
    where = run([str(venv / "bin" / "python"), "-c", "import searchsvc; print(searchsvc.__file__)"], site, env)
    assert where.startswith(str(venv)), where  # the installed package, not the checkout's

    searchsvc = str(venv / "bin" / "searchsvc")
    run([searchsvc, "index"], site, env)  # the defaults: ./seeds into ./index
    assert (site / "index" / "CURRENT").is_file()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([searchsvc, "serve", "--port", str(port), "--workers", "1"], cwd=site, env=env,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, "not healthy in 30 s:\n" + log.read_text(errors="replace")
            time.sleep(0.1)

        status, ctype, body = fetch(f"{base}/")
        assert status == 200 and ctype.startswith("text/html") and "<form" in body
        status, ctype, body = fetch(f"{base}/search?q=diplomaten")
        assert status == 200 and "<mark>diplomaten</mark>" in body and f"/documents/{D000}" in body
        status, ctype, body = fetch(f"{base}/documents/{D000}?q=diplomaten")
        assert status == 200 and ctype.startswith("text/html") and "<mark>diplomaten</mark>" in body
        status, ctype, body = fetch(f"{base}/no-such-page")
        assert status == 404 and ctype.startswith("text/html") and "</html>" in body
        status, ctype, body = fetch(f"{base}/static/style.css")
        assert status == 200 and ctype.startswith("text/css") and "{" in body
        assert "TemplateNotFound" not in log.read_text(errors="replace")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
