"""Soak and fault runs against the real `searchsvc serve` (gunicorn, 2 workers) on loopback.

    .venv/bin/python bench/soak.py [--docs 10000] [--clients 16] [--seconds 60] [--kills 10]

1. soak: corpus records as real seed files (text + sidecar) in a work folder under /tmp; an initial
   index of the first docs-extra of them; `searchsvc serve`; `clients` threads search a fixed query list
   for at least `seconds`; meanwhile the extra seed files are added and `searchsvc index --full` rebuilds
   all `docs` and switches. Every response must be 200 and come from the old or the new build (a
   search's total is one of the two builds' totals for that query, /healthz names one of the two).
2. kills: on a smaller index (`fault_docs`), `kills` full reindexes killed with SIGKILL after a random
   delay within the measured build time, while clients search: the service keeps answering from the
   last good build, the next reindex succeeds and leaves no .tmp build, no seed file changes.
3. worker: a gunicorn worker SIGKILLed while clients search: the master starts a new one, next requests 200.
4. disk full: the index folder on a small tmpfs (root needed) holding a good build; a full build that
   cannot fit fails with one clear error line, CURRENT stays, the old build serves, no partial build left.

Stops by itself (every wait has a limit, --max-minutes for the whole run), kills its servers and
unmounts its tmpfs on the way out. Prints one table; writes JSON to bench/out/soak-<time>.json.
The initial index is kept in the work folder and reused by later runs with the same --docs (--fresh rebuilds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import corpus
from bench_search import QUERIES

from searchsvc import index as index_mod

HERE = Path(__file__).resolve().parent
SEARCHSVC = Path(sys.executable).with_name("searchsvc")
STARTED = time.monotonic()
DEADLINE = [float("inf")]


def log(msg: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f} s] {msg}", file=sys.stderr, flush=True)


def check_deadline() -> None:
    if time.monotonic() > DEADLINE[0]:
        raise TimeoutError("the run went over --max-minutes; stopping")


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, timeout: float = 30.0) -> tuple[int, Any]:
    """GET a JSON URL; (status, body); raises OSError on connection errors."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        with exc:
            body = exc.read()
        try:
            return exc.code, json.loads(body)
        except ValueError:
            return exc.code, body[:200].decode("utf-8", "replace")


def seed_hashes(seeds: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(seeds.iterdir()) if p.is_file()}


def tmp_builds(index_dir: Path) -> list[str]:
    builds = index_dir / index_mod.BUILDS
    return [n for n in os.listdir(builds) if n.startswith(".tmp-")] if builds.is_dir() else []


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def run_index(seeds: Path, index_dir: Path, *extra: str, timeout: float = 3600) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [str(SEARCHSVC), "index", *extra, "--seeds", str(seeds), "--index", str(index_dir)],
        env=clean_env(), capture_output=True, text=True, timeout=timeout,
    )
    return done, time.monotonic() - started


# --- the server and the clients --------------------------------------------------------------------


class Server:
    """`searchsvc serve` with 2 workers on a free loopback port; the process is the gunicorn master (exec)."""

    def __init__(self, index_dir: Path, seeds: Path, logfile: Path, workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logfile = logfile
        self._log = open(logfile, "ab")
        self.proc = subprocess.Popen(
            [str(SEARCHSVC), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
             "--index", str(index_dir), "--seeds", str(seeds)],
            env=clean_env() | {"GUNICORN_CMD_ARGS": "--access-logfile /dev/null --timeout 120"},
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("searchsvc serve exited: " + logfile.read_text(errors="replace")[-2000:])
            try:
                if get(self.base + "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("searchsvc serve did not become healthy in 120 s")
            time.sleep(0.2)

    def workers(self) -> list[int]:
        """Return the pids of the gunicorn master's children (its workers)."""
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return sorted(int(p) for p in text.split())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._log.close()


@contextmanager
def serving(index_dir: Path, seeds: Path, logfile: Path) -> Iterator[Server]:
    server = Server(index_dir, seeds, logfile)
    try:
        yield server
    finally:
        server.stop()


class Load:
    """`n` client threads searching the query list (and /healthz every 10th request) until stopped."""

    def __init__(self, base: str, queries: list[str], n: int, seed: int = 1):
        self.base, self.queries = base, queries
        self.records: list[dict[str, Any]] = []  # t, ms, status, kind, q, value (total or build), error
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._rngs = [random.Random(seed * 1000 + i) for i in range(n)]
        self.inflight = 0
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(n)]

    def __enter__(self) -> "Load":
        self.t0 = time.monotonic()
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for t in self.threads:
            t.join(120)
        self.t1 = time.monotonic()

    def _client(self, i: int) -> None:
        rng = self._rngs[i]
        n = 0
        while not self._stop.is_set():
            n += 1
            if n % 10 == 0:
                kind, q, url = "health", "", self.base + "/healthz"
            else:
                kind, q = "search", rng.choice(self.queries)
                url = self.base + "/api/search?" + urllib.parse.urlencode({"q": q})
            started = time.monotonic()
            rec: dict[str, Any] = {"t": started, "kind": kind, "q": q, "status": -1, "value": None, "error": None}
            with self._lock:
                self.inflight += 1
            try:
                status, body = get(url)
                rec["status"] = status
                if status == 200:
                    rec["value"] = body.get("total") if kind == "search" else body.get("index")
                else:
                    rec["error"] = json.dumps(body)[:300]
            except OSError as exc:  # refused, reset, timed out: a failed request
                rec["error"] = repr(exc)[:300]
            finally:
                with self._lock:
                    self.inflight -= 1
            rec["ms"] = (time.monotonic() - started) * 1000
            with self._lock:
                self.records.append(rec)

    def between(self, t0: float, t1: float) -> list[dict[str, Any]]:
        with self._lock:
            return [r for r in self.records if t0 <= r["t"] < t1]


def failures(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["status"] != 200]


# --- 1. soak ---------------------------------------------------------------------------------------


def totals(base: str, queries: list[str]) -> dict[str, int]:
    out = {}
    for q in queries:
        status, body = get(base + "/api/search?" + urllib.parse.urlencode({"q": q}), timeout=120)
        assert status == 200, (q, status, body)
        out[q] = body["total"]
    return out


def new_doc_queries(limit_from: int, limit_to: int, n: int = 6) -> list[str]:
    """Return words from titles of the extra documents: searches whose totals differ between the builds."""
    words: list[str] = []
    for i, (record, _raw) in enumerate(corpus.iter_records(limit=limit_to)):
        if i < limit_from:
            continue
        candidates = re.findall(r"[^\W\d_]{9,}", (record.get("title") or "") + " " + (record.get("text") or "")[:400])
        if candidates:
            word = max(candidates, key=len)
            if word.lower() not in (w.lower() for w in words):
                words.append(word)
        if len(words) >= n:
            break
    return words


def prepare(args: argparse.Namespace, work: Path) -> tuple[Path, Path]:
    """Write the seed files and build (or reuse) the initial index of the first docs-extra documents."""
    seeds = work / "seeds"
    initial = work / f"index-initial-{args.docs - args.extra}"
    if args.fresh:
        shutil.rmtree(seeds, ignore_errors=True)
        shutil.rmtree(initial, ignore_errors=True)
    # Only the first docs-extra seed files exist at first; the soak writes the extra ones during the run.
    shutil.rmtree(seeds, ignore_errors=True)
    written = corpus.write_seed_files(seeds, args.docs - args.extra)
    log(f"{written} seed files in {seeds}")
    manifest = index_mod.read_manifest(initial)
    if manifest and len(manifest["documents"]) == written and not tmp_builds(initial):
        log(f"reusing the initial index {initial} ({written} documents)")
    else:
        shutil.rmtree(initial, ignore_errors=True)
        log(f"building the initial index of {written} documents (searchsvc index --full) ...")
        done, secs = run_index(seeds, initial, "--full")
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        log(f"initial index built in {secs:.0f} s: {done.stdout.strip()}")
    return seeds, initial


def soak(args: argparse.Namespace, work: Path, seeds: Path, initial: Path) -> dict[str, Any]:
    index_dir = work / "index-soak"
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.copytree(initial, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    queries = [q[2] for q in QUERIES] + new_doc_queries(args.docs - args.extra, args.docs)
    with serving(index_dir, seeds, work / "soak-serve.log") as server:
        old_build = get(server.base + "/healthz")[1]["index"]
        old = totals(server.base, queries)
        log(f"serving build {old_build}; {len(queries)} queries; {args.clients} clients for at least {args.seconds} s")
        with Load(server.base, queries, args.clients) as load:
            time.sleep(args.reindex_after)
            written = corpus.write_seed_files(seeds, args.docs)
            log(f"{written} seed files now; starting searchsvc index --full")
            t_reindex = time.monotonic()
            # Output to files, not pipes: the --json summary lists every id and would fill a pipe nobody reads.
            with open(work / "reindex.out", "w+") as out, open(work / "reindex.err", "w+") as err:
                proc = subprocess.Popen(
                    [str(SEARCHSVC), "index", "--full", "--seeds", str(seeds), "--index", str(index_dir)],
                    env=clean_env(), stdout=out, stderr=err, text=True,
                )
                cap = load.t0 + args.max_soak_seconds
                t_switch = None
                while proc.poll() is None and time.monotonic() < cap:
                    check_deadline()
                    if t_switch is None and index_mod.current_build(index_dir) != old_build:
                        t_switch = time.monotonic()  # CURRENT replaced: the switch
                    time.sleep(0.1)
                if proc.poll() is None:
                    log("the reindex did not finish within --max-soak-seconds; killing it")
                    proc.kill()
                proc.wait(60)
                t_done = time.monotonic()
                err.seek(0)
                error = err.read()
            new_build = index_mod.current_build(index_dir)
            switched = proc.returncode == 0 and new_build != old_build
            t_switch = t_switch or t_done
            reindex_s = t_done - t_reindex
            log(f"reindex {'switched to ' + str(new_build) if switched else 'FAILED: ' + error[-500:]} after {reindex_s:.1f} s")
            while time.monotonic() < max(load.t0 + args.seconds, t_done + args.tail) and time.monotonic() < cap + args.tail:
                time.sleep(0.5)
            load.stop()
        new = totals(server.base, queries) if switched else {}
        health = get(server.base + "/healthz")[1]
    records = load.records
    searches = [r for r in records if r["kind"] == "search" and r["status"] == 200]
    healths = [r for r in records if r["kind"] == "health" and r["status"] == 200]
    which = {"old": 0, "new": 0, "either": 0, "neither": 0}
    bad: list[dict[str, Any]] = []
    for r in searches:
        o, n = r["value"] == old[r["q"]], switched and r["value"] == new.get(r["q"])
        key = "either" if o and n else "old" if o else "new" if n else "neither"
        which[key] += 1
        if key == "neither":
            bad.append(r)
    hb = {"old": sum(r["value"] == old_build for r in healths), "new": sum(r["value"] == new_build for r in healths)}
    hb["neither"] = len(healths) - hb["old"] - hb["new"]
    bad += [r for r in healths if r["value"] not in (old_build, new_build)]
    ms = [r["ms"] for r in records if r["status"] == 200]
    dur = load.t1 - load.t0
    distinct = sum(old[q] != new.get(q) for q in queries) if switched else 0
    return {
        "docs_before": args.docs - args.extra, "docs_after": args.docs, "clients": args.clients,
        "seconds": round(dur, 1), "queries": len(queries), "queries_old_new_differ": distinct,
        "requests": len(records), "failed": len(failures(records)), "failed_examples": failures(records)[:5],
        "wrong_index": len(bad), "wrong_examples": bad[:5],
        "search_from": which, "healthz_from": hb,
        "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1), "p99_ms": round(pct(ms, 99), 1),
        "max_ms": round(max(ms), 1) if ms else None,
        "requests_per_s": round(len(records) / dur, 1),
        "reindex_seconds": round(reindex_s, 1), "reindex_started_at_s": round(t_reindex - load.t0, 1),
        "reindex_to_switch_seconds": round(t_switch - t_reindex, 1),
        "switched_within_run": bool(switched and t_switch < load.t1),
        "switch_at_s": round(t_switch - load.t0, 1) if switched else None,
        "old_build": old_build, "new_build": new_build, "serving_after": health.get("index"),
        "documents_after": health.get("documents"),
    }


# --- 2. builds killed with SIGKILL -----------------------------------------------------------------


def wait_health(base: str, build: str, timeout: float = 15) -> float:
    """Wait until /healthz names the build on several answers in a row; return the seconds it took."""
    started = time.monotonic()
    row = 0
    while row < 6:
        if time.monotonic() - started > timeout:
            raise AssertionError(f"/healthz did not switch to {build} in {timeout} s")
        status, body = get(base + "/healthz")
        row = row + 1 if status == 200 and body.get("index") == build else 0
        time.sleep(0.02)
    return time.monotonic() - started


def kills(args: argparse.Namespace, work: Path, seeds_all: Path) -> dict[str, Any]:
    seeds = work / "seeds-faults"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir()
    for p in sorted(seeds_all.iterdir())[: 2 * args.fault_docs]:  # <id>.meta.json and <id>.txt pairs
        shutil.copy(p, seeds / p.name)
    index_dir = work / "index-faults"
    shutil.rmtree(index_dir, ignore_errors=True)
    done, base_s = run_index(seeds, index_dir, "--full")
    if done.returncode:
        raise RuntimeError(done.stderr)
    before = seed_hashes(seeds)
    queries = [q[2] for q in QUERIES]
    runs: list[dict[str, Any]] = []
    rng = random.Random(args.seed)
    with serving(index_dir, seeds, work / "faults-serve.log") as server:
        expected = totals(server.base, queries)
        with Load(server.base, queries, args.fault_clients, seed=2) as load:
            # The build time under this load: one full build that is not killed.
            done, build_s = run_index(seeds, index_dir, "--full")
            if done.returncode:
                raise RuntimeError(done.stderr)
            good = index_mod.current_build(index_dir)
            wait_health(server.base, good)
            log(f"kills: {args.fault_docs} documents; full build {build_s:.1f} s under load ({base_s:.1f} s without)")
            for i in range(args.kills):
                check_deadline()
                previous = index_mod.current_build(index_dir)
                delay = rng.uniform(0.05, 1.0) * build_s
                t0 = time.monotonic()
                proc = subprocess.Popen(
                    [str(SEARCHSVC), "index", "--full", "--seeds", str(seeds), "--index", str(index_dir)],
                    env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
                try:
                    proc.wait(delay)
                    finished_first = True
                except subprocess.TimeoutExpired:
                    finished_first = False
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(30)
                t_kill = time.monotonic()
                current = index_mod.current_build(index_dir)
                leftover = tmp_builds(index_dir)
                time.sleep(1.0)  # searches after the kill
                during = load.between(t0, time.monotonic())
                allowed_builds = {previous} if not finished_first else {previous, current}
                wrong = [r for r in during if r["status"] == 200 and (
                    (r["kind"] == "search" and r["value"] != expected[r["q"]])
                    or (r["kind"] == "health" and r["value"] not in allowed_builds))]
                # The next reindex (incremental: every seed unchanged) must succeed and clean up.
                nxt, nxt_s = run_index(seeds, index_dir)
                new_current = index_mod.current_build(index_dir)
                ok_next = nxt.returncode == 0 and new_current not in (None, current) and not tmp_builds(index_dir)
                switch_s = wait_health(server.base, new_current) if ok_next else None
                runs.append({
                    "run": i + 1, "kill_after_s": round(t_kill - t0, 2), "killed": not finished_first,
                    "returncode": proc.returncode, "current_unchanged": current == previous,
                    "tmp_left_by_kill": len(leftover), "requests": len(during), "failed": len(failures(during)),
                    "wrong_answers": len(wrong), "next_reindex_ok": ok_next, "next_reindex_s": round(nxt_s, 1),
                    "next_switch_s": round(switch_s, 2) if switch_s is not None else None,
                    "next_error": nxt.stderr.strip()[-300:] if nxt.returncode else None,
                })
                log(f"kill {i + 1}: {runs[-1]}")
            final, final_s = run_index(seeds, index_dir, "--full")
            load.stop()
    after = seed_hashes(seeds)
    return {
        "documents": args.fault_docs, "clients": args.fault_clients, "build_seconds_under_load": round(build_s, 1),
        "runs": runs, "killed": sum(r["killed"] for r in runs),
        "requests": len(load.records), "failed": len(failures(load.records)),
        "failed_examples": failures(load.records)[:5],
        "final_full_reindex_ok": final.returncode == 0, "final_full_reindex_s": round(final_s, 1),
        "tmp_left_at_end": tmp_builds(index_dir),
        "seed_files": len(before), "seed_files_changed_or_lost": sorted(k for k in before if before[k] != after.get(k)),
        "seed_files_added": sorted(set(after) - set(before)),
        "index_dir": str(index_dir), "seeds": str(seeds),
    }


# --- 3. a worker killed mid-request ----------------------------------------------------------------


def worker_kill(args: argparse.Namespace, work: Path, seeds: Path, index_dir: Path) -> dict[str, Any]:
    queries = [q[2] for q in QUERIES]
    runs = []
    with serving(index_dir, seeds, work / "worker-serve.log") as server:
        with Load(server.base, queries, args.fault_clients, seed=3) as load:
            time.sleep(2)
            for i in range(args.worker_kills):
                check_deadline()
                pids = server.workers()
                assert len(pids) == 2, pids
                victim = random.Random(args.seed + i).choice(pids)
                inflight = load.inflight
                t0 = time.monotonic()
                os.kill(victim, signal.SIGKILL)
                while True:  # the master notices and forks a new worker
                    now = server.workers()
                    if len(now) == 2 and victim not in now:
                        break
                    if time.monotonic() - t0 > 30:
                        raise AssertionError(f"no new worker 30 s after killing {victim}: {now}")
                    time.sleep(0.01)
                replaced_s = time.monotonic() - t0
                time.sleep(2)
                around = load.between(t0 - 1, time.monotonic())
                after = [get(server.base + "/api/search?" + urllib.parse.urlencode({"q": q}))[0] for q in queries * 2]
                runs.append({
                    "run": i + 1, "killed_pid": victim, "new_pid": [p for p in now if p not in pids],
                    "clients_in_flight_at_kill": inflight, "replaced_after_s": round(replaced_s, 2),
                    "requests_around": len(around), "failed": len(failures(around)),
                    "failed_examples": [r["error"] for r in failures(around)][:3],
                    "next_requests": len(after), "next_requests_ok": sum(s == 200 for s in after),
                })
                log(f"worker kill {i + 1}: {runs[-1]}")
                time.sleep(1)
            load.stop()
    return {"runs": runs, "requests": len(load.records), "failed": len(failures(load.records))}


# --- 4. disk full ----------------------------------------------------------------------------------


def disk_full(args: argparse.Namespace, work: Path, seeds_big: Path) -> dict[str, Any]:
    small = work / "seeds-small"
    shutil.rmtree(small, ignore_errors=True)
    small.mkdir()
    for p in sorted(seeds_big.iterdir())[: 2 * args.small_docs]:
        shutil.copy(p, small / p.name)
    staging = work / "index-small"
    shutil.rmtree(staging, ignore_errors=True)
    done, _ = run_index(small, staging, "--full")
    if done.returncode:
        raise RuntimeError(done.stderr)
    size = sum(f.stat().st_size for f in staging.rglob("*") if f.is_file())
    mnt = work / "tmpfs"
    mnt.mkdir(exist_ok=True)
    kb = (size * 3 // 2) // 1024 + 256
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kb}k", "tmpfs", str(mnt)], check=True, capture_output=True)
    try:
        index_dir = mnt / "index"
        shutil.copytree(staging, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
        good = index_mod.current_build(index_dir)
        used = shutil.disk_usage(mnt).used
        queries = [q[2] for q in QUERIES]
        with serving(index_dir, small, work / "diskfull-serve.log") as server:
            expected = totals(server.base, queries)
            with Load(server.base, queries, args.fault_clients, seed=4) as load:
                done, secs = run_index(seeds_big, index_dir, "--full")
                time.sleep(1)
                load.stop()
            health = get(server.base + "/healthz")[1]
        wrong = [r for r in load.records if r["status"] == 200 and (
            (r["kind"] == "search" and r["value"] != expected[r["q"]]) or (r["kind"] == "health" and r["value"] != good))]
        return {
            "tmpfs_kb": kb, "good_build_bytes": size, "big_build_documents": args.fault_docs,
            "returncode": done.returncode, "stderr": done.stderr.strip(), "seconds": round(secs, 1),
            "current_unchanged": index_mod.current_build(index_dir) == good,
            "tmp_left": tmp_builds(index_dir), "used_before_kb": used // 1024,
            "used_after_kb": shutil.disk_usage(mnt).used // 1024,
            "requests": len(load.records), "failed": len(failures(load.records)), "wrong_answers": len(wrong),
            "serving_after": health.get("index"), "serving_good_build": health.get("index") == good,
        }
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


# --- report ----------------------------------------------------------------------------------------


def table(res: dict[str, Any]) -> str:
    rows: list[tuple[str, str]] = []
    s = res.get("soak")
    if s:
        rows += [
            ("soak: documents before -> after reindex", f"{s['docs_before']} -> {s['docs_after']}"),
            ("soak: clients x seconds", f"{s['clients']} x {s['seconds']}"),
            ("soak: requests / failed", f"{s['requests']} / {s['failed']}"),
            ("soak: answers from neither build", str(s["wrong_index"])),
            ("soak: searches old / new / same in both", f"{s['search_from']['old']} / {s['search_from']['new']} / {s['search_from']['either']}"),
            ("soak: /healthz old / new", f"{s['healthz_from']['old']} / {s['healthz_from']['new']}"),
            ("soak: latency p50 / p95 / p99 / max, ms", f"{s['p50_ms']} / {s['p95_ms']} / {s['p99_ms']} / {s['max_ms']}"),
            ("soak: requests/s", str(s["requests_per_s"])),
            ("soak: full reindex, s (started at s)", f"{s['reindex_seconds']} ({s['reindex_started_at_s']})"),
            ("soak: switched within the run (at s)", f"{s['switched_within_run']} ({s['switch_at_s']})"),
        ]
    k = res.get("kills")
    if k:
        rows += [
            ("kills: documents, build s under load", f"{k['documents']}, {k['build_seconds_under_load']}"),
            ("kills: runs / killed before finishing", f"{len(k['runs'])} / {k['killed']}"),
            ("kills: kill times, s", ", ".join(str(r["kill_after_s"]) for r in k["runs"])),
            ("kills: CURRENT unchanged after kill", f"{sum(r['current_unchanged'] for r in k['runs'])}/{len(k['runs'])}"),
            ("kills: requests / failed / wrong answers", f"{k['requests']} / {k['failed']} / {sum(r['wrong_answers'] for r in k['runs'])}"),
            ("kills: next reindex ok, no .tmp left", f"{sum(r['next_reindex_ok'] for r in k['runs'])}/{len(k['runs'])}"),
            ("kills: final full reindex ok", str(k["final_full_reindex_ok"])),
            ("kills: seed files / changed or lost", f"{k['seed_files']} / {len(k['seed_files_changed_or_lost'])}"),
        ]
    w = res.get("worker")
    if w:
        rows += [
            ("worker kill: runs, in flight at kill", ", ".join(str(r["clients_in_flight_at_kill"]) for r in w["runs"])),
            ("worker kill: replaced after, s", ", ".join(str(r["replaced_after_s"]) for r in w["runs"])),
            ("worker kill: failed requests per kill", ", ".join(str(r["failed"]) for r in w["runs"])),
            ("worker kill: next requests ok", ", ".join(f"{r['next_requests_ok']}/{r['next_requests']}" for r in w["runs"])),
        ]
    d = res.get("disk_full")
    if d:
        rows += [
            ("disk full: tmpfs kB, build exit code", f"{d['tmpfs_kb']}, {d['returncode']}"),
            ("disk full: message", d["stderr"][:150]),
            ("disk full: CURRENT unchanged, .tmp left", f"{d['current_unchanged']}, {len(d['tmp_left'])}"),
            ("disk full: used kB before / after", f"{d['used_before_kb']} / {d['used_after_kb']}"),
            ("disk full: requests / failed / wrong", f"{d['requests']} / {d['failed']} / {d['wrong_answers']}"),
        ]
    width = max(len(a) for a, _ in rows) if rows else 0
    return "| | |\n|---|---|\n" + "\n".join(f"| {a.ljust(width)} | {b} |" for a, b in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000, help="documents after the soak's reindex")
    ap.add_argument("--extra", type=int, default=100, help="documents only the new build has")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60, help="minimum soak time")
    ap.add_argument("--reindex-after", type=float, default=5, help="seconds of load before the reindex starts")
    ap.add_argument("--tail", type=float, default=10, help="seconds of load after the switch")
    ap.add_argument("--max-soak-seconds", type=float, default=900, help="give up on the reindex after this")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--fault-docs", type=int, default=200, help="documents of the kill and disk-full runs")
    ap.add_argument("--small-docs", type=int, default=50, help="documents of the good build on the tmpfs")
    ap.add_argument("--fault-clients", type=int, default=4)
    ap.add_argument("--worker-kills", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path("/tmp/searchsvc-soak"))
    ap.add_argument("--fresh", action="store_true", help="rebuild the initial index")
    ap.add_argument("--only", nargs="*", choices=["soak", "kills", "worker", "disk"], help="run only these parts")
    ap.add_argument("--max-minutes", type=float, default=60)
    args = ap.parse_args(argv)
    DEADLINE[0] = time.monotonic() + args.max_minutes * 60
    parts = set(args.only or ["soak", "kills", "worker", "disk"])
    args.work.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": " ".join([".venv/bin/python", "bench/soak.py", *(argv if argv is not None else sys.argv[1:])]),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip(),
        "load_avg_start": os.getloadavg(),
    }
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    try:
        seeds, initial = prepare(args, args.work)
        if "soak" in parts:
            res["soak"] = soak(args, args.work, seeds, initial)
        if "kills" in parts or "worker" in parts:
            res["kills"] = kills(args, args.work, seeds) if "kills" in parts else None
        if "worker" in parts:
            fseeds, findex = args.work / "seeds-faults", args.work / "index-faults"
            if not (findex / index_mod.POINTER).exists():
                raise RuntimeError("the worker run needs the kills run's index first")
            res["worker"] = worker_kill(args, args.work, fseeds, findex)
        if "disk" in parts:
            fseeds = args.work / "seeds-faults"
            res["disk_full"] = disk_full(args, args.work, fseeds if fseeds.is_dir() else seeds)
    finally:
        res["load_avg_end"] = os.getloadavg()
        res["seconds"] = round(time.monotonic() - STARTED, 1)
        out.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")
        log(f"wrote {out}")
    print(f"soak and faults, {res['date']}, commit {res['commit']}, load avg {res['load_avg_start'][0]:.1f} -> {res['load_avg_end'][0]:.1f}")
    print(table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
