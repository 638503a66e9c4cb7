"""CPU per request by phase: distinct queries of the load pool through the real Flask app (/api/search, as the
8-client HTTP load sends them), steady state. Run two checkouts at the same time, one per core, so both meet
the same noise of a shared machine:

    .venv/bin/python bench/phases.py --docs 100000 &
    PYTHONPATH=/tmp/other/src .venv/bin/python bench/phases.py --docs 100000     # another commit's src/

Uses SEARCHSVC_BENCH_WORK's index-N (built by suite.py), or --index (the other checkout's build, when a change
alters what the build stores). The first --from requests warm the worker (posting
cache, word memos, story features), the next ones are timed: process CPU ms a request, and the share of each
phase (each wrapped with time.process_time, nested phases counted in their caller too).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
WORK = Path(os.environ.get("SEARCHSVC_BENCH_WORK", "/tmp/searchsvc-bench"))

import queries as queries_mod  # noqa: E402


def main() -> None:
    """Time the phases of distinct /api/search requests and print ms of CPU a request."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--from", dest="start", type=int, default=700, help="requests that warm up first (default 700)")
    parser.add_argument("--requests", type=int, default=800, help="timed requests after them (default 800)")
    parser.add_argument("--no-translate", action="store_true", help="send translate=0")
    parser.add_argument("--index", help="index folder (default: SEARCHSVC_BENCH_WORK's index-N); another build to compare"
                                        " a change of the index format")
    args = parser.parse_args()

    from searchsvc import search, stories
    from searchsvc.web import api, create_app

    spent: collections.Counter[str] = collections.Counter()
    timing = [False]

    def wrap(owner: Any, name: str) -> None:
        inner: Callable[..., Any] = getattr(owner, name)

        def timed(*a: Any, **k: Any) -> Any:
            started = time.process_time()
            try:
                return inner(*a, **k)
            finally:
                if timing[0]:
                    spent[name] += time.process_time() - started

        setattr(owner, name, timed)

    for owner, name in [(search, "passages"), (search.rank, "match"), (search, "add_translations"),
                        (search, "parse_query"), (search, "expand"), (search, "suggest"), (search, "load_meta"),
                        (stories, "apply"), (api, "jsonify")]:
        wrap(owner, name)
    pool = json.loads((HERE / "queries.json").read_text())["load"]
    client = create_app({"index_dir": args.index or str(WORK / f"index-{args.docs}")}).test_client()
    extra = {"translate": "0"} if args.no_translate else {}
    started = 0.0
    for i, q in enumerate(pool[: args.start + args.requests]):
        if i == args.start:
            timing[0], started = True, time.process_time()
        response = client.get("/api/search?" + urllib.parse.urlencode(queries_mod.params(q, 3) | extra))
        assert response.status_code == 200, response.data[:300]
    total = time.process_time() - started
    n = args.requests
    print(f"{n} requests after {args.start}: {1000 * total / n:.2f} ms CPU a request")
    for name, seconds in spent.most_common():
        print(f"  {name:18s} {1000 * seconds / n:6.2f} ms  {100 * seconds / total:5.1f} %")
    print(f"  {'the rest':18s} {1000 * (total - sum(spent.values())) / n:6.2f} ms  (Flask, request parsing, facets, …)")


if __name__ == "__main__":
    main()
