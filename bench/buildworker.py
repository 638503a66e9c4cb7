"""One full-build worker's loop in this process, over every STEP-th seed file: its CPU, split at writing the segment.

    python bench/buildworker.py [--src DIR] [--seeds DIR] [--step N]

A full build deals the seed files to one worker process per core (parallel.py); each reads, detects,
analyses and holds its documents' postings ("add"), then writes its segment ("finish"). This runs that loop
for one share in the foreground, so a profiler or an instruction counter sees all of it, and `--src` runs
another checkout's code over the same files for an A/B comparison. Instruction counts do not depend on the
machine's load, which moves a build's CPU seconds by a quarter here:

    valgrind --tool=cachegrind --cache-sim=no python bench/buildworker.py --src <base>/src --step 33

The seeds default to `suite.py`'s 100,000 (made by `make bench`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> None:
    """Run one worker's loop over every STEP-th seed file and print its CPU seconds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=HERE.parent / "src", help="the src/ folder whose searchsvc runs")
    ap.add_argument("--seeds", type=Path, default=None, help="seed folder (default: suite.py's 100,000)")
    ap.add_argument("--step", type=int, default=5, help="take every STEP-th seed file (5: 20,000 of 100,000)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    from whoosh import index as whoosh_index

    from searchsvc import parallel
    from searchsvc.ingest import META_SUFFIX
    from searchsvc.schema import make_schema

    seeds = args.seeds
    if seeds is None:
        sys.path.insert(0, str(HERE))
        import suite

        seeds = suite.seeds_dir(100_000)
    paths = sorted(str(p) for p in seeds.iterdir() if not p.name.endswith(META_SUFFIX))[:: args.step]
    finish_cpu: list[float] = []
    finish = parallel.finish_segment

    def timed_finish(writer: Any) -> Any:
        started = time.process_time()
        try:
            return finish(writer)
        finally:
            finish_cpu.append(time.process_time() - started)

    parallel.finish_segment = timed_finish  # the worker looks it up in its module at the end
    errors: list[str] = []

    class Out:
        def put(self, item: tuple[str, Any]) -> None:
            if item[0] == "error":
                errors.append(item[1])

    tmp = Path(tempfile.mkdtemp(prefix="buildworker-"))
    try:
        whoosh_index.create_in(str(tmp), make_schema()).close()
        started = time.process_time()
        parallel._worker(os.getppid(), str(tmp), str(seeds), paths, 20_000_000, Out())
        total = time.process_time() - started
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if errors:
        sys.exit(errors[0])
    fin = finish_cpu[0] if finish_cpu else 0.0
    print(f"{len(paths)} documents ({args.src}): CPU {total:.2f} s; add {total - fin:.2f} s, finish {fin:.2f} s")


if __name__ == "__main__":
    main()
