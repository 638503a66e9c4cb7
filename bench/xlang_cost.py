"""What cross-language search costs per query: in-process p50/p95 of the 250-query latency set, translate=0 vs 1.

    .venv/bin/python bench/xlang_cost.py --docs 10000      # builds <work>/xlang-index-N once from suite's seeds-N

The two settings are run interleaved per query (the same machine load for both), after warm-up queries and
translate.warm(), with passages=3 (what the page shows) and 0. Work folder: SEARCHSVC_BENCH_WORK (as bench/suite.py).
Each query's wall time and CPU time (time.process_time: this process only, so other load on a shared machine
does not count) are reported; `--index DIR` measures an existing index instead (opened read-only).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries as queries_mod  # noqa: E402
import suite  # noqa: E402

from searchsvc import index, search, translate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--index", type=Path, help="an existing index to measure (not modified); default: build one")
    args = ap.parse_args()
    idx = args.index or suite.WORK / f"xlang-index-{args.docs}"
    if not idx.exists():
        seeds = suite.ensure_seeds(args.docs)
        started = time.perf_counter()
        index.build(seeds, idx, full=True)
        print(f"built {idx} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    translate.warm()
    print(f"translate.warm(): {time.perf_counter() - started:.1f} s", file=sys.stderr)
    qsets = queries_mod.load()
    ix, _ = index.open_index(idx)
    samples: dict[tuple[str, int], list[float]] = {}
    cpu: dict[tuple[str, int], list[float]] = {}
    translated = 0
    with ix.searcher() as searcher:
        for q in qsets["load"][-20:]:
            for flag in ("0", "1"):
                search.search(searcher, search.parse_request({**queries_mod.params(q, 3), "translate": flag}))
        for _run in range(args.runs):
            for q in qsets["set"]:
                for passages in (3, 0):
                    for flag in ("0", "1"):
                        req = search.parse_request({**queries_mod.params(q, passages), "translate": flag})
                        t0, c0 = time.perf_counter(), time.process_time()
                        res = search.search(searcher, req)
                        samples.setdefault((flag, passages), []).append(1000 * (time.perf_counter() - t0))
                        cpu.setdefault((flag, passages), []).append(1000 * (time.process_time() - c0))
                        translated += bool(res["translations"]) and passages == 3 and flag == "1"
    n = ix.doc_count()
    print(f"| N={n}, {len(qsets['set'])} queries x {args.runs} runs | p50 ms | p95 ms "
          "| CPU p50 ms | CPU p95 ms | CPU mean ms |"
          "\n|---|---:|---:|---:|---:|---:|")
    for (flag, passages), values in sorted(samples.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
        c = cpu[(flag, passages)]
        print(f"| translate={flag}, passages={passages} | {suite.pct(values, 50):.1f} | {suite.pct(values, 95):.1f} "
              f"| {suite.pct(c, 50):.1f} | {suite.pct(c, 95):.1f} | {sum(c) / len(c):.1f} |")
    print(f"\n(queries with at least one translation used: {translated / args.runs:.0f} of {len(qsets['set'])})")


if __name__ == "__main__":
    main()
