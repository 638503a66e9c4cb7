"""In-process CPU time per query (process_time, not wall) over bench/queries.json: steadier than wall time on
a shared, loaded machine. Run it under two checkouts' src/ to compare them in the same minutes:

    .venv/bin/python bench/cputime.py --docs 10000 --passages 3 --runs 2
    PYTHONPATH=/tmp/main-src/src .venv/bin/python bench/cputime.py --docs 10000 --passages 3 --runs 2   # another commit
    NOGRADE=1 .venv/bin/python bench/cputime.py ...   # without graded matching (every query all-words)

Uses SEARCHSVC_BENCH_WORK's index-N (built by suite.py). Run 0 is cold (each term decoded on first use),
later runs warm. Prints p50/p95/p99 of CPU and wall milliseconds per run.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import time
from pathlib import Path

from searchsvc import index, search

HERE = Path(__file__).resolve().parent
WORK = Path(os.environ.get("SEARCHSVC_BENCH_WORK", "/tmp/searchsvc-bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--passages", default="3")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if os.environ.get("NOGRADE") and hasattr(search, "_STRICT"):
        search._STRICT = re.compile("")  # every query counts as strict: all words, never "most"
    ix, _ = index.open_index(WORK / f"index-{args.docs}")
    s = ix.searcher()
    queries = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
    kw = {"timeout": 600} if "timeout" in inspect.signature(search.search).parameters else {}

    def run(q: dict[str, str]) -> None:
        params = {k: str(v) for k, v in q.items() if k in ("q", "lang", "from")} | {"passages": args.passages}
        search.search(s, search.parse_request(params), **kw)

    for q in queries["load"][:20]:
        run(q)
    for r in range(args.runs):
        cpu: list[float] = []
        wall: list[float] = []
        for q in queries["set"]:
            c, w = time.process_time(), time.perf_counter()
            run(q)
            cpu.append((time.process_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
        cpu.sort()
        wall.sort()

        def p(v: list[float], x: float) -> float:
            return v[min(len(v) - 1, int(len(v) * x / 100))]

        print(f"{search.__file__.split('/src/')[0]} N={args.docs} passages={args.passages} run {r}: "
              f"cpu p50 {p(cpu, 50):.1f} p95 {p(cpu, 95):.1f} p99 {p(cpu, 99):.1f} ms | wall p50 {p(wall, 50):.1f} "
              f"p95 {p(wall, 95):.1f} ms | load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
