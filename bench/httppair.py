"""HTTP A/B of two checkouts at the same time: one gunicorn worker each, the same load on both at once.

    .venv/bin/python bench/httppair.py --base-src <other checkout>/src [--rounds 3] [--seconds 30] [--clients 4]

bench/httpab.py serves the two sides by turns, and a shared machine's speed drifts between turns by more than a
change of a few percent. Here both sides serve at the same time, so they meet the same noise: each round starts
the real `searchsvc serve` of each side with one worker (the base side with --base-src first on PYTHONPATH, the
new side this checkout), sends each 20 warm requests, then runs `--clients` client threads against each for
`--seconds`, every request the next distinct query of suite.py's load pool (the same order on both sides). Prints
each side's requests/s and its worker's CPU milliseconds a request (from /proc/<pid>/stat). Both sides search
SEARCHSVC_BENCH_WORK's index-N, so the change must not alter the index format.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import suite  # noqa: E402


def worker_cpu_s(pid: int) -> float:
    """Return a process's user+system CPU seconds so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_round(sides: dict[str, str], n: int, pool: list[dict], seconds: float, clients: int) -> dict[str, tuple[float, float]]:
    """Serve both sides at once for `seconds`; return each side's (requests/s, worker CPU ms a request)."""
    servers = {}
    try:
        for name, src in sides.items():
            os.environ["PYTHONPATH"] = src  # the server's interpreter imports this side's searchsvc first
            servers[name] = suite.Server("searchsvc", n, suite.OUT / f"httppair-{name}.log", workers=1)
        for server in servers.values():
            server.wait_ready(suite.indexed_count(n))
        for server in servers.values():
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            for q in pool[-20:]:
                suite.request(conn, q, 3)
            conn.close()
        # suite.py's load (`clients` threads over the distinct queries), for both sides at once.
        pids = {name: server.workers()[0] for name, server in servers.items()}
        before = {name: worker_cpu_s(pid) for name, pid in pids.items()}
        loads: dict[str, dict] = {}

        def run(name: str, port: int) -> None:
            loads[name] = suite.load(port, pool[:-20], clients, seconds)

        threads = [threading.Thread(target=run, args=(name, server.port)) for name, server in servers.items()]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out = {}
        for name, pid in pids.items():
            run = loads[name]
            if run["errors"]:
                raise RuntimeError(f"{name}: {run['errors']} errors (see {suite.OUT / f'httppair-{name}.log'})")
            out[name] = (run["rps"], 1000 * (worker_cpu_s(pid) - before[name]) / max(run["requests"], 1))
        return out
    finally:
        for server in servers.values():
            server.stop()


def main() -> None:
    """Run the rounds and print each side's requests/s and worker CPU a request, with the medians."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-src", required=True, help="the other checkout's src/ folder")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=4, help="client threads per side (default 4)")
    args = ap.parse_args()
    pool = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))["load"]
    sides = {"base": args.base_src, "new": str(suite.ROOT / "src")}
    suite.OUT.mkdir(exist_ok=True)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for r in range(args.rounds):
        got = one_round(sides, args.docs, pool, args.seconds, args.clients)
        for name, (rps, cpu) in got.items():
            results[name].append((rps, cpu))
        print(f"round {r + 1}: " + "; ".join(f"{name} {rps:.1f} req/s, worker {cpu:.2f} ms CPU a request"
                                             for name, (rps, cpu) in got.items()), flush=True)
    for name, runs in results.items():
        print(f"{name}: median {statistics.median(x[0] for x in runs):.1f} req/s, "
              f"{statistics.median(x[1] for x in runs):.2f} ms CPU a request")


if __name__ == "__main__":
    main()
