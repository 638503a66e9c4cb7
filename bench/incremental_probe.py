"""One new document into a hard-linked copy of the N-document benchmark index, timed in two parts: until the
build pointer moves (the `searchsvc index` run) and until a fresh open + search finds it (the reader).

    .venv/bin/python bench/incremental_probe.py [--docs 100000] [--runs 5]
    PYTHONPATH=<other checkout>/src .venv/bin/python bench/incremental_probe.py     # another commit's src/

Uses SEARCHSVC_BENCH_WORK's seeds-N and index-N (built by suite.py). Run two checkouts alternately, a few rounds
each, to compare them on this noisy machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import suite  # noqa: E402


def main() -> None:
    """Time `runs` single new documents; print each run and the medians."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    n = args.docs
    idx = suite.WORK / f"index-{n}-probe"
    shutil.rmtree(idx, ignore_errors=True)
    shutil.copytree(suite.index_dir(n), idx, copy_function=os.link)
    env = suite.product_env(n, SEARCHSVC_INDEX_DIR=str(idx))
    seeds = suite.seeds_dir(n)
    suite.remove_new_files(seeds)
    subprocess.run([suite.SEARCHSVC, "index"], env=env, check=True, capture_output=True)
    suite.found_in_index(idx, "warm")  # this process has the build open, as a serving worker has
    rows = []
    try:
        for _ in range(args.runs):
            res = suite.time_searchsvc_new(n, idx, 1)
            rows.append((res["moved_s"], res["found_s"]))
            print(f"pointer moved {res['moved_s']:.3f} s, found {res['found_s']:.3f} s", flush=True)
            suite.remove_new_files(seeds)
            subprocess.run([suite.SEARCHSVC, "index"], env=env, check=True, capture_output=True)
    finally:
        shutil.rmtree(idx, ignore_errors=True)
    print(f"median: pointer moved {statistics.median(r[0] for r in rows):.3f} s, found {statistics.median(r[1] for r in rows):.3f} s")


if __name__ == "__main__":
    main()
