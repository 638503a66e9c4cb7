"""Time what the shared rate limiter adds to a search: one SharedLimiter.hit() alone, and /api/search through
the Flask app with and without SEARCHSVC_RATE_LIMIT, on an index of the five seeds.

    .venv/bin/python bench/bench_ratelimit.py [--hits N] [--searches N]

Also times hit() from two processes at once on one state file (like two gunicorn workers).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from searchsvc import index as index_mod  # noqa: E402
from searchsvc.config import RateLimit  # noqa: E402
from searchsvc.web import create_app  # noqa: E402
from searchsvc.web.ratelimit import SharedLimiter  # noqa: E402

LIMIT = RateLimit(120, 60, "120/minute")
CLIENTS = 200  # searches rotate over this many client addresses, so each stays near its limit of rows


def time_hits(path: Path, n: int, prefix: str) -> tuple[list[float], int]:
    """Return the time of each of n hit() calls and how many were refused or let through unlimited."""
    limiter = SharedLimiter(LIMIT, path)
    out = []
    refused = 0
    try:
        for i in range(n):
            t = time.perf_counter()
            verdict = limiter.hit(f"{prefix}.{i % CLIENTS}")
            out.append(time.perf_counter() - t)
            refused += not verdict.allowed
    finally:
        limiter.close()
    return out, refused


def _worker(args: tuple[str, int, str]) -> tuple[list[float], int]:
    path, n, prefix = args
    return time_hits(Path(path), n, prefix)


def summary(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95, p99 = samples[int(len(samples) * 0.95) - 1], samples[int(len(samples) * 0.99) - 1]
    print(f"{name:<62} n={len(samples):>6}  median {statistics.median(samples) * 1e6:8.1f} µs  "
          f"p95 {p95 * 1e6:8.1f} µs  p99 {p99 * 1e6:8.1f} µs  max {samples[-1] * 1e6:8.1f} µs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hits", type=int, default=5000)
    ap.add_argument("--searches", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        samples, _refused = time_hits(root / "a.sqlite3", args.hits, "10.0.1")
        summary(f"hit() 120/minute, {CLIENTS} clients, one process", samples)
        # Two processes in a tight loop on one file: far more contention than two workers that also search.
        with mp.Pool(2) as pool:
            results = pool.map(_worker, [(str(root / "b.sqlite3"), args.hits, "10.0.2"), (str(root / "b.sqlite3"), args.hits, "10.0.3")])
        summary(f"hit() 120/minute, {CLIENTS} clients, two processes at once", results[0][0] + results[1][0])

        index_mod.build(REPO / "seeds", root / "index", full=True)
        apps = {label: create_app({"index_dir": str(root / "index"), **settings})
                for label, settings in (("no limit", {}), ("rate_limit=1000000000/hour", {"rate_limit": "1000000000/hour"}))}
        times: dict[str, list[float]] = {label: [] for label in apps}
        clients = {label: app.test_client() for label, app in apps.items()}
        for c in clients.values():
            c.get("/api/search?q=diplomaten")  # open the index
        for _ in range(args.searches):  # interleaved, so that load from elsewhere hits both alike
            for label, c in clients.items():
                t = time.perf_counter()
                r = c.get("/api/search?q=diplomaten&passages=0")
                times[label].append(time.perf_counter() - t)
                assert r.status_code == 200
        for label, samples in times.items():
            summary(f"/api/search?q=diplomaten&passages=0, {label}", samples)
        for app in apps.values():
            if "searchsvc_ratelimit" in app.extensions:
                app.extensions["searchsvc_ratelimit"].close()
            app.extensions["searchsvc_index"].close()

if __name__ == "__main__":
    main()
