"""Hostile queries of issue 12 against the real `searchsvc serve` (gunicorn, 2 workers), with a 9th client.

    SEARCHSVC_BENCH_WORK=/tmp/searchsvc-bench .venv/bin/python bench/hostile.py --docs 100000 [--rounds 2] [--skip NAMES]

Serves the benchmark index `index-N` (built by suite.py) on a free loopback port. First the 9th client
alone sends normal queries (bench/queries.json) for --quiet seconds: its p95 without load. Then 8 hostile
clients each send every hostile request in turn (--rounds times) while the 9th client keeps sending normal
queries: every hostile request's status and time, the 9th client's p95 under load, and the workers killed
(gunicorn's "WORKER TIMEOUT" lines and worker boots beyond the first two in the server log).
Target (issue 12): every hostile request ≤ 2 s with a 200 or a 4xx, 0 killed workers, p95 under load
≤ 3 × p95 without load.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from suite import OUT, Server, index_dir, indexed_count, pct  # noqa: E402

TWO_LETTER = "di de un vo be ge in ru na ve ab an au er ei mi st sc wa we zu ko pr re so ma ha la ta po".split()
HOSTILE: dict[str, str] = {
    "77 infix wildcards": " OR ".join(f"*q{a}{b}*" for a in "abcdefghijk" for b in "abcdefg")[:800],
    "1,000 a's": "a" * 1000,
    "400 a's": "a" * 400,
    "German word x25": " ".join(["gesetzesänderungsverordnungsbestimmung"] * 25)[:1000],
    "30 two-letter prefixes": " ".join(f"{p}*" for p in TWO_LETTER),
    "e*": "e*",
}


def get(port: int, params: dict[str, str], timeout: float = 120) -> tuple[int, float, str]:
    """Send one /api/search request on a fresh connection; return (status, seconds, error code or '')."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", "/api/search?" + urllib.parse.urlencode(params))
        resp = conn.getresponse()
        body = resp.read()
        status = resp.status
    except (OSError, http.client.HTTPException) as exc:
        return 0, time.perf_counter() - started, type(exc).__name__
    finally:
        conn.close()
    code = ""
    if status != 200:
        try:
            code = json.loads(body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = "not-json"
    return status, time.perf_counter() - started, code


def normal_client(port: int, queries: list[dict[str, Any]], stop: threading.Event, times: list[float], statuses: list[int]) -> None:
    """Send normal queries one after another until stopped."""
    i = 0
    while not stop.is_set():
        q = queries[i % len(queries)]
        i += 1
        params = {k: str(v) for k, v in q.items() if k in ("q", "lang", "from")} | {"passages": "3"}
        status, took, _code = get(port, params)
        times.append(took)
        statuses.append(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="times each hostile client sends the whole list")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--quiet", type=float, default=20, help="seconds of normal queries without load")
    parser.add_argument("--skip", default="", help="hostile requests to leave out, separated by | (e.g. \"400 a's|e*\")")
    args = parser.parse_args()
    for name in filter(None, (n.strip() for n in args.skip.split("|"))):
        del HOSTILE[name]
    queries = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))["set"]
    OUT.mkdir(exist_ok=True)
    log_path = OUT / f"hostile-server-{time.strftime('%Y%m%d-%H%M%S')}.log"
    server = Server("searchsvc", args.docs, log_path)
    print(f"# hostile.py --docs {args.docs} — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"index {index_dir(args.docs)}, load average {os.getloadavg()}")
    try:
        server.wait_ready(indexed_count(args.docs), timeout=300)
        for q in queries[:20]:  # warm both workers' caches a little, as a running service would be
            get(server.port, {"q": q["q"]})
        stop = threading.Event()
        quiet_times: list[float] = []
        quiet_status: list[int] = []
        t = threading.Thread(target=normal_client, args=(server.port, queries, stop, quiet_times, quiet_status))
        t.start()
        time.sleep(args.quiet)
        stop.set()
        t.join()

        results: list[tuple[str, int, float, str]] = []
        lock = threading.Lock()

        def hostile_client(k: int) -> None:
            names = list(HOSTILE)
            for r in range(args.rounds):
                for j in range(len(names)):
                    name = names[(j + k + r) % len(names)]
                    status, took, code = get(server.port, {"q": HOSTILE[name]})
                    with lock:
                        results.append((name, status, took, code))

        stop = threading.Event()
        load_times: list[float] = []
        load_status: list[int] = []
        nine = threading.Thread(target=normal_client, args=(server.port, queries[::-1], stop, load_times, load_status))
        nine.start()
        hostiles = [threading.Thread(target=hostile_client, args=(k,)) for k in range(args.clients)]
        started = time.perf_counter()
        for h in hostiles:
            h.start()
        for h in hostiles:
            h.join()
        load_s = time.perf_counter() - started
        stop.set()
        nine.join()
    finally:
        server.stop()
    text = log_path.read_text(encoding="utf-8", errors="replace")
    timeouts = text.count("WORKER TIMEOUT")
    boots = text.count("Booting worker")

    print("\n| hostile request | requests | statuses (code) | max s | median s |")
    print("|---|---:|---|---:|---:|")
    for name in HOSTILE:
        rows = [r for r in results if r[0] == name]
        statuses = sorted({f"{s}{' ' + c if c else ''}" for _n, s, _t, c in rows})
        took = [r[2] for r in rows]
        print(f"| {name} ({len(HOSTILE[name])} chars) | {len(rows)} | {', '.join(statuses)} | {max(took):.3f} | {statistics.median(took):.3f} |")
    p95_quiet = pct(quiet_times, 95) * 1000
    p95_load = pct(load_times, 95) * 1000 if load_times else float("nan")
    print(f"\n9th client without load: {len(quiet_times)} requests, p50 {pct(quiet_times, 50) * 1000:.1f} ms, "
          f"p95 {p95_quiet:.1f} ms, non-200: {sum(s != 200 for s in quiet_status)}")
    print(f"9th client under load ({load_s:.1f} s, {args.clients} hostile clients): {len(load_times)} requests, "
          f"p50 {pct(load_times, 50) * 1000:.1f} ms, p95 {p95_load:.1f} ms ({p95_load / p95_quiet:.2f} × quiet), "
          f"non-200: {sum(s != 200 for s in load_status)}")
    print(f"workers killed: {timeouts} WORKER TIMEOUT lines; worker boots {boots} (2 at start)")
    print(f"every hostile request <= 2 s with 200/4xx: {all(r[2] <= 2 and (r[1] == 200 or 400 <= r[1] < 500) for r in results)}")
    print(f"load average at the end: {os.getloadavg()}; server log {log_path}")


if __name__ == "__main__":
    main()
