"""`searchsvc serve` for real: gunicorn with two workers on loopback, building the index first, then a reindex
that every worker notices."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from _servers import PID_ACCESS_LOG, SEARCHSVC, serve, server_env

REPO = Path(__file__).resolve().parent.parent
D000, D004 = "000_1e7f0d94218035f2", "004_9aa5411390716ea1"

pytestmark = pytest.mark.slow


def get_json(url: str, timeout: float = 5) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read().decode("utf-8"))


def worker_pids(log: Path, marker: str) -> dict[str, str]:
    """Return, for each /healthz?probe=<marker>-<n> in the access log, the pid of the worker that served it."""
    out: dict[str, str] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.search(r"pid=<?(\d+)>? .*GET /healthz\?probe=(" + re.escape(marker) + r"-\d+)", line)
        if m:
            out[m.group(2)] = m.group(1)
    return out


def probe_until_both_workers(base: str, log: Path, marker: str, deadline: float) -> dict[str, str]:
    """Probe /healthz until two different workers have answered; return probe -> index build id."""
    builds: dict[str, str] = {}
    n = 0
    while time.monotonic() < deadline:
        name = f"{marker}-{n}"
        status, body = get_json(f"{base}/healthz?probe={name}")
        assert status == 200, body
        builds[name] = body["index"]
        n += 1
        if n % 10 == 0 and len(set(worker_pids(log, marker).values())) >= 2:
            break
    time.sleep(0.2)  # let the last access-log lines land
    pids = worker_pids(log, marker)
    assert len(set(pids.values())) >= 2, f"only one worker answered {n} probes: {set(pids.values())}"
    return builds


def test_serve_builds_searches_and_switches_builds_on_every_worker(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    index_dir = tmp_path / "index"
    index_dir.mkdir()  # empty: serve must build first
    env = server_env(
        SEARCHSVC_SEEDS_DIR=str(seeds),
        SEARCHSVC_INDEX_DIR=str(index_dir),
        SEARCHSVC_ADMIN_TOKEN="",
        GUNICORN_CMD_ARGS=PID_ACCESS_LOG,  # to know both workers answered
    )
    log = tmp_path / "serve.log"
    with serve(env, tmp_path, log, workers=2) as server:
        base, health = server.base, server.health
        assert health["status"] == "ok" and health["documents"] == 5
        first_build = health["index"]
        assert (index_dir / "CURRENT").read_text(encoding="ascii").strip() == first_build
        assert "building it from" in log.read_text(encoding="utf-8", errors="replace")

        status, result = get_json(f"{base}/api/search?" + urllib.parse.urlencode({"q": '"persona non grata"'}))
        assert status == 200
        assert sorted(h["id"] for h in result["hits"]) == [D000, D004]
        with urllib.request.urlopen(f"{base}/search?q=%22persona+non+grata%22", timeout=5) as r:
            page = r.read().decode("utf-8")
        assert "<mark>persona</mark> <mark>non</mark> <mark>grata</mark>" in page

        # Both workers have the first build open before the switch.
        before = probe_until_both_workers(base, log, "before", time.monotonic() + 15)
        assert set(before.values()) == {first_build}

        reindex = subprocess.run(
            [str(SEARCHSVC), "index", "--full", "--json"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert reindex.returncode == 0, reindex.stderr
        new_build = json.loads(reindex.stdout)["build"]
        assert new_build != first_build
        switched_at = time.monotonic()

        # Within about a second, every answer (from whichever worker) names the new build ...
        while True:
            status, body = get_json(f"{base}/healthz")
            if body["index"] == new_build:
                break
            assert time.monotonic() - switched_at < 1.0, f"still on {body['index']} after 1 s"
            time.sleep(0.02)
        # ... and it stays so on both workers.
        after = probe_until_both_workers(base, log, "after", time.monotonic() + 15)
        assert set(after.values()) == {new_build}, after
        assert time.monotonic() - switched_at < 20

        status, result = get_json(f"{base}/api/search?" + urllib.parse.urlencode({"q": '"persona non grata"'}))
        assert status == 200 and sorted(h["id"] for h in result["hits"]) == [D000, D004]
    assert server.stopped_in_time, "gunicorn did not stop within 15 s of SIGTERM"
    assert server.proc.returncode == 0, server.log_text()[-2000:]
