"""HTTP A/B of two checkouts, interleaved: each serves its own index by turns, so both meet the same machine.

    .venv/bin/python bench/httpab.py --base-src <other checkout>/src --base-work <its work folder> [--rounds 4] [--seconds 20]

Sequential benchmark runs drift with a shared machine's speed (FTS5's 8-client figure moved by 10 % between two
runs of bench/suite.py half an hour apart), which hides a change of a few percent. Here each round starts the
real `searchsvc serve` (gunicorn, 2 workers, as suite.py's HTTP part does) of one side, sends suite.py's 20 warm
requests, one client over the latency set, then 8 clients for --seconds over the load pool; then the other side;
the order alternates from round to round. The base side runs with --base-src first on PYTHONPATH and the index
of --base-work (a SEARCHSVC_BENCH_WORK folder, e.g. one that bench/suite.py filled from that checkout); the new
side is this checkout with SEARCHSVC_BENCH_WORK's index. Prints each round and the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import suite  # noqa: E402


def serve_side(src: str, work: Path, n: int, qsets: dict, seconds: float, log: Path) -> tuple[float, float]:
    """Serve one side once (suite.serve_once, 8 clients); return (requests/s, one-client p95 ms)."""
    suite.WORK = work  # product_env() reads the index and seeds folders from it
    os.environ["PYTHONPATH"] = src  # the server's interpreter imports this side's searchsvc first
    res = suite.serve_once("searchsvc", n, suite.indexed_count(n), qsets, seconds, 8, log)
    seq, run = res["sequential"], res["load"]
    if seq["errors"] or run["errors"]:
        raise RuntimeError(f"{src}: {seq['errors']} + {run['errors']} errors (see {log})")
    return run["rps"], seq["p95"]


def main() -> None:
    """Alternate the two sides for --rounds and print requests/s and p95 of each."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-src", required=True, help="the other checkout's src/ folder")
    ap.add_argument("--base-work", required=True, type=Path, help="a benchmark work folder with that checkout's index-N")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20.0)
    args = ap.parse_args()
    qsets = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
    sides = {"base": (args.base_src, args.base_work), "new": (str(suite.ROOT / "src"), suite.WORK)}
    suite.OUT.mkdir(exist_ok=True)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for r in range(args.rounds):
        for name in ("base", "new") if r % 2 == 0 else ("new", "base"):
            src, work = sides[name]
            rps, p95 = serve_side(src, work, args.docs, qsets, args.seconds, suite.OUT / f"httpab-{name}.log")
            results[name].append((rps, p95))
            print(f"round {r + 1} {name}: 8 clients {rps:.1f} req/s; one client p95 {p95:.1f} ms", flush=True)
    for name, runs in results.items():
        print(f"{name}: median {statistics.median(x[0] for x in runs):.1f} req/s, "
              f"one-client p95 {statistics.median(x[1] for x in runs):.1f} ms")


if __name__ == "__main__":
    main()
