"""Reindexing without downtime, against real processes: gunicorn with two workers, and builds killed with SIGKILL."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

import pytest

from searchsvc import index as index_mod
from searchsvc import jobs
from searchsvc import search as search_mod
from searchsvc.config import load_settings
from _servers import free_port

pytestmark = pytest.mark.slow

TOKEN = "serving-test-token"
WORD = "zebraquagga"  # only in the documents the test adds, one per round



def http(method: str, url: str, token: str | None = None, timeout: float = 10.0) -> tuple[int, Any]:
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(values)
    return env


@pytest.fixture
def server(seeds_copy: Path, seed_index: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "wb")
    env = clean_env(SEARCHSVC_SEEDS_DIR=str(seeds_copy), SEARCHSVC_INDEX_DIR=str(index_dir), SEARCHSVC_ADMIN_TOKEN=TOKEN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--graceful-timeout", "2",
         "searchsvc.web:create_app()"],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                if http("GET", base + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.1)
        yield {"base": base, "seeds": seeds_copy, "index": index_dir, "proc": proc}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


def test_reindex_under_load_no_failed_request_and_both_workers_switch(server: dict[str, Any]) -> None:
    base, seeds, index_dir = server["base"], server["seeds"], server["index"]
    records: list[tuple[str, int, Any]] = []
    stop = threading.Event()
    _status, first = http("GET", f"{base}/api/search?q=diplomaten&per_page=1&translate=0")
    steady_total = first["total"]
    assert steady_total > 0

    def hammer() -> None:
        while not stop.is_set():
            for q in (WORD, "diplomaten"):
                try:
                    status, body = http("GET", f"{base}/api/search?q={q}&per_page=1&translate=0", timeout=10)
                    records.append((q, status, body.get("total") if isinstance(body, dict) else body))
                except OSError as exc:  # connection refused/reset: a failed request
                    records.append((q, -1, repr(exc)))

    threads = [threading.Thread(target=hammer) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        builds = [index_mod.current_build(index_dir)]
        for rnd in range(1, 4):
            (seeds / f"zq{rnd}.txt").write_text(
                f"Round {rnd}: the {WORD} appeared in the report about expelled diplomats and the embassy staff.\n",
                encoding="utf-8",
            )
            mark = len(records)
            status, body = http("POST", f"{base}/api/admin/reindex?full=1", TOKEN)
            assert status == 202, body
            job = body["job"]
            # A second request while it runs gets 409 naming it (from whichever worker answers).
            status2, body2 = http("POST", f"{base}/api/admin/reindex?full=1", TOKEN)
            if status2 == 409:
                assert body2["error"]["job"] == job
            else:  # the first one was already finished: then this one is a real job; wait for it too
                assert status2 == 202
                job = body2["job"]
            deadline = time.monotonic() + 30
            while True:
                status, state = http("GET", f"{base}/api/admin/jobs/{job}", TOKEN)
                assert status == 200
                if state["state"] not in ("queued", "running"):
                    break
                assert time.monotonic() < deadline, state
                time.sleep(0.05)
            assert state["state"] == "done", state
            new_build = state["summary"]["build"]
            assert new_build not in builds
            builds.append(new_build)
            # Within ~1 s every worker serves the new build: concurrent health checks all report it.
            switched = time.monotonic()
            with ThreadPoolExecutor(max_workers=6) as pool:
                while True:
                    ids = list(pool.map(lambda _: http("GET", f"{base}/healthz")[1]["index"], range(12)))
                    if all(i == new_build for i in ids):
                        break
                    assert time.monotonic() - switched < 1.0, ids
            # This round's searches saw the old count or the new one, nothing else.
            for q, status, total in records[mark:]:
                assert status == 200, (q, status, total)
                assert total in ((rnd - 1, rnd) if q == WORD else (steady_total,)), (rnd, q, total)
            http_total = http("GET", f"{base}/api/search?q={WORD}")[1]["total"]
            assert http_total == rnd
            while index_mod.reindex_running(index_dir):  # let the job process exit before the next round
                time.sleep(0.02)
    finally:
        stop.set()
        for t in threads:
            t.join(15)
    assert records and all(status == 200 for _q, status, _t in records), [r for r in records if r[1] != 200][:5]
    assert len(records) > 20


# --- killed builds --------------------------------------------------------------------------------

WORDS = {
    "en": "the government said that the embassy staff were expelled after the report on espionage and the minister "
          "announced new measures against foreign intelligence services while parliament asked for answers".split(),
    "de": "die Regierung erklärte dass die Diplomaten ausgewiesen wurden nachdem der Bericht über Spionage erschien und "
          "der Minister kündigte neue Maßnahmen gegen ausländische Geheimdienste an während das Parlament Antworten verlangte".split(),
    "nl": "de regering verklaarde dat de diplomaten werden uitgezet nadat het rapport over spionage verscheen en de minister "
          "kondigde nieuwe maatregelen aan tegen buitenlandse inlichtingendiensten terwijl het parlement om antwoorden vroeg".split(),
}


def write_corpus(folder: Path, n: int = 300) -> None:
    rng = random.Random(5)
    folder.mkdir(parents=True)
    for i in range(n):
        lang = ("en", "de", "nl")[i % 3]
        words = WORDS[lang]
        paras = [" ".join(rng.choice(words) for _ in range(45)).capitalize() + "." for _ in range(2)]
        (folder / f"doc{i:03d}.txt").write_text(f"Document {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("big")
    write_corpus(root / "seeds")
    index_mod.build(root / "seeds", root / "index", full=True)
    return root / "seeds", root / "index"


def tmp_builds(index_dir: Path) -> list[str]:
    return [n for n in os.listdir(index_dir / index_mod.BUILDS) if n.startswith(".tmp-")]


def count(index_dir: Path, q: str) -> int:
    ix, _build = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        return search_mod.search(s, search_mod.parse_request({"q": q}))["total"]


def wait_for(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def test_build_killed_mid_way_leaves_previous_build_serving(big_index: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, built = big_index
    index_dir = tmp_path / "index"
    shutil.copytree(built, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    previous = index_mod.current_build(index_dir)
    before = count(index_dir, "diplomaten")
    assert before > 0

    # 1. The CLI, `searchsvc index --full`, killed with SIGKILL while it writes its new build.
    cli = Path(sys.executable).with_name("searchsvc")
    argv = [str(cli)] if cli.exists() else [sys.executable, "-m", "searchsvc.cli"]
    proc = subprocess.Popen([*argv, "index", "--full", "--seeds", str(seeds), "--index", str(index_dir)],
                            env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: bool(tmp_builds(index_dir)) or proc.poll() is not None, 20, "no build started")
        time.sleep(0.3)
        assert proc.poll() is None, "the build finished before it could be killed; make the corpus bigger"
        assert index_mod.reindex_running(index_dir)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert tmp_builds(index_dir), "the half-written build should still be there until the next build"
    assert index_mod.current_build(index_dir) == previous
    assert count(index_dir, "diplomaten") == before
    assert not index_mod.reindex_running(index_dir)  # the kernel let go of the lock

    # 2. A reindex job started as the web app does, its process killed the same way: the job reads as failed.
    settings = load_settings({"seeds_dir": str(seeds), "index_dir": str(index_dir)}, environ={})
    job = jobs.start_reindex(settings, full=True)["id"]
    wait_for(lambda: (jobs.read_job(index_dir, job) or {}).get("progress", {}).get("done", 0) > 10, 20, "job made no progress")
    pid = json.loads((index_dir / index_mod.LOCK).read_text())["pid"]
    assert pid != os.getpid()
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not index_mod.reindex_running(index_dir), 10, "lock not released")
    state = jobs.read_job(index_dir, job)
    assert state is not None and state["state"] == "failed" and "ended without finishing" in state["error"]
    assert index_mod.current_build(index_dir) == previous
    assert count(index_dir, "diplomaten") == before

    # 3. A normal build afterwards succeeds and cleans up the half-written builds.
    summary = index_mod.build(seeds, index_dir)
    assert summary.documents == 300 and not summary.skipped
    assert index_mod.current_build(index_dir) == summary.build != previous
    assert tmp_builds(index_dir) == []
    assert count(index_dir, "diplomaten") == before
