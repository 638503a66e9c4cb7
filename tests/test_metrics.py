"""GET /metrics: who may read it, what moves when people search, and every gunicorn worker counted."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from searchsvc.web import create_app
from _servers import free_port

REPO = Path(__file__).resolve().parent.parent
SEARCHSVC = Path(sys.executable).parent / "searchsvc"
TOKEN = "metrics-test-token"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Return {(sample name, sorted labels): value} of a Prometheus text exposition."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def scrape(client: Any) -> str:
    r = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return r.get_data(as_text=True)


def test_metrics_are_off_without_the_setting_or_the_token(seed_index: Path) -> None:
    app = create_app({"index_dir": str(seed_index), "admin_token": "", "metrics": False})
    r = app.test_client().get("/metrics")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"

    app = create_app({"index_dir": str(seed_index), "admin_token": TOKEN, "metrics": False})
    client = app.test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = client.get("/metrics", headers=headers)
        assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
        assert r.headers["WWW-Authenticate"].startswith("Bearer ")
    assert "searchsvc_requests_total" in scrape(client)

    open_app = create_app({"index_dir": str(seed_index), "admin_token": "", "metrics": "1"})
    r = open_app.test_client().get("/metrics")
    assert r.status_code == 200 and "searchsvc_index_documents" in r.get_data(as_text=True)


def test_searches_documents_and_refusals_move_the_counters(seed_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"  # the rate limiter keeps its state in the index folder: a private copy
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs", "ratelimit.sqlite3*"))
    app = create_app({"index_dir": str(index_dir), "admin_token": TOKEN, "rate_limit": "3/minute"})
    client = app.test_client()
    before = scrape(client)
    assert client.get("/api/search?q=diplomaten").status_code == 200
    assert client.get("/search?q=diplomaten").status_code == 200
    assert client.get("/api/search?q=%22").status_code == 400  # a malformed query: not a refusal
    assert client.get("/api/search?q=zzzqqq").status_code == 429  # the fourth search in a minute
    assert client.get("/documents/000_1e7f0d94218035f2").status_code == 200
    assert client.get("/no-such-page").status_code == 404
    after = scrape(client)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("searchsvc_requests_total", endpoint="/api/search", status="200") == 1
    assert moved("searchsvc_requests_total", endpoint="/api/search", status="400") == 1
    assert moved("searchsvc_requests_total", endpoint="/api/search", status="429") == 1
    assert moved("searchsvc_requests_total", endpoint="/search", status="200") == 1
    assert moved("searchsvc_requests_total", endpoint="/documents/<path:doc_id>", status="200") == 1
    assert moved("searchsvc_requests_total", endpoint="(unmatched)", status="404") == 1
    assert moved("searchsvc_search_duration_seconds_count", endpoint="/api/search") == 3
    assert moved("searchsvc_search_duration_seconds_count", endpoint="/search") == 1
    assert moved("searchsvc_document_duration_seconds_count", endpoint="/documents") == 1
    # 'diplomaten' is in 4 of the 5 seeds: on the API (JSON) and on the page (its template's result) alike.
    assert moved("searchsvc_search_hits_count", endpoint="/api/search") == 1
    # 4 Dutch reports, and the English one through the translation 'diplomat' (cross-language search)
    assert moved("searchsvc_search_hits_sum", endpoint="/api/search") == 5
    assert moved("searchsvc_search_hits_sum", endpoint="/search") == 5
    assert moved("searchsvc_search_hits_bucket", endpoint="/search", le="1.0") == 0
    assert moved("searchsvc_refusals_total", endpoint="/api/search", code="rate_limited") == 1
    assert moved("searchsvc_refusals_total", endpoint="/api/search", code="bad_query") == 0
    # What the index holds, read at scrape time.
    assert value(after, "searchsvc_index_documents", language="nl") == 4
    assert value(after, "searchsvc_index_documents", language="en") == 1
    assert value(after, "searchsvc_index_size_bytes") > 10_000
    assert 0 <= value(after, "searchsvc_index_build_age_seconds") < 24 * 3600
    assert value(after, "searchsvc_index_build_duration_seconds") > 0
    assert value(after, "searchsvc_jobs", state="failed") == 0
    for family in text_string_to_metric_families(after):
        assert family.name.startswith("searchsvc_"), family.name


# --- a real 2-worker gunicorn -----------------------------------------------------------------



def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode("utf-8")


def access_lines(log: Path) -> list[dict[str, Any]]:
    """Return the JSON access-log lines written so far (SEARCHSVC_LOG_FORMAT=json)."""
    out = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


@pytest.mark.slow
def test_metrics_count_every_gunicorn_worker(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_") and k != "PROMETHEUS_MULTIPROC_DIR"}
    env.update(SEARCHSVC_SEEDS_DIR=str(seeds), SEARCHSVC_INDEX_DIR=str(tmp_path / "index"), SEARCHSVC_ADMIN_TOKEN=TOKEN,
               SEARCHSVC_LOG_FORMAT="json")
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([str(SEARCHSVC), "serve", "--port", str(port), "--workers", "2"], env=env, cwd=tmp_path,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                if get(f"{base}/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, "not healthy in 60 s:\n" + log.read_text(errors="replace")
            time.sleep(0.1)
        printed = log.read_text(errors="replace")
        assert f"admin on {base}/admin" in printed and f"metrics on {base}/metrics" in printed
        # serve made a private folder for the workers' counts (the master is the process it exec'd into).
        environ = dict(e.split("=", 1) for e in Path(f"/proc/{server.pid}/environ").read_text().split("\0") if "=" in e)
        folder = Path(environ["PROMETHEUS_MULTIPROC_DIR"])
        assert folder.is_dir() and folder.name.startswith("searchsvc-metrics-")

        # Search until both workers have answered some (at most 200 searches). Four at a time: one after another,
        # the worker that just answered is often the one the kernel wakes for the next connection, and a fast
        # search let one worker answer all 200; a sync worker busy with one search leaves the next to the other.
        from concurrent.futures import ThreadPoolExecutor

        searches = 0
        with ThreadPoolExecutor(max_workers=4) as pool:
            while searches < 200:
                statuses = list(pool.map(lambda _i: get(f"{base}/api/search?q=diplomaten")[0], range(4)))
                assert statuses == [200] * 4
                searches += 4
                pids = {line["pid"] for line in access_lines(log) if line["path"] == "/api/search"}
                if searches >= 8 and len(pids) >= 2:
                    break
        time.sleep(0.3)
        lines = [line for line in access_lines(log) if line["path"] == "/api/search"]
        assert len({line["pid"] for line in lines}) == 2, "only one worker answered"
        assert all(line["status"] == 200 and line["query"] == "q=diplomaten" for line in lines)

        status, text = get(f"{base}/metrics", auth)
        assert status == 200
        # One scrape, answered by one worker, counts the searches of both.
        assert value(text, "searchsvc_requests_total", endpoint="/api/search", status="200") == searches
        assert value(text, "searchsvc_search_hits_sum", endpoint="/api/search") == 5 * searches  # 4 nl + 1 en
        assert value(text, "searchsvc_index_documents", language="nl") == 4
        assert {f"counter_{pid}.db" for pid in {line["pid"] for line in lines}} <= {p.name for p in folder.iterdir()}

        # A worker that ends takes none of its counts with it; gunicorn starts another.
        victim = lines[0]["pid"]
        os.kill(victim, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while True:
            status, text = get(f"{base}/metrics", auth)
            alive = [int(p) for p in (Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split())]
            if victim not in alive and len(alive) == 2:
                break
            assert time.monotonic() < deadline, "the worker was not replaced"
            time.sleep(0.2)
        status, text = get(f"{base}/metrics", auth)
        assert value(text, "searchsvc_requests_total", endpoint="/api/search", status="200") == searches
        status, _ = get(f"{base}/api/search?q=diplomaten")
        status, text = get(f"{base}/metrics", auth)
        assert value(text, "searchsvc_requests_total", endpoint="/api/search", status="200") == searches + 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    assert not folder.exists()  # removed when the server stopped


def test_a_worker_keeps_what_it_loaded_out_of_garbage_collection(tmp_path: Path) -> None:
    """The gunicorn hook a worker runs before serving freezes what is loaded so far and collects less often."""
    code = ("import gc; from searchsvc.web import metrics; before = gc.get_freeze_count(); metrics.post_worker_init(None); "
            "print(gc.get_threshold(), before, gc.get_freeze_count())")
    env = {**os.environ, "SEARCHSVC_DICT_DIR": str(tmp_path / "no-dictionaries")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split()
    assert " ".join(out[:3]) == "(20000, 10, 10)" and out[3] == "0" and int(out[4]) > 10_000
