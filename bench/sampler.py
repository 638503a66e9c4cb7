"""A small statistical profiler: run a module as __main__ and sample its Python stack every few ms of CPU time.

    python bench/sampler.py OUT.txt -m MODULE [ARG ...]

Used for the build profile because cProfile's per-call overhead slows `searchsvc index` about 5× and
inflates functions with many tiny calls (langdetect's inner loop). A SIGPROF timer interrupts the main
thread every 5 ms of process CPU time; each sample counts every function on the stack once
(cumulative) and the innermost one as "own". Only the main thread of this process is seen.
"""

from __future__ import annotations

import collections
import runpy
import signal
import sys
import time
from types import FrameType
from typing import Any

INTERVAL = 0.005


def main(argv: list[str]) -> None:
    """Run `-m MODULE ARGS` under the sampler and write the top functions to OUT."""
    if len(argv) < 3 or argv[1] != "-m":
        sys.exit(__doc__)
    out, module, args = argv[0], argv[2], argv[3:]
    cumulative: collections.Counter[tuple[str, int, str]] = collections.Counter()
    own: collections.Counter[tuple[str, int, str]] = collections.Counter()
    samples = [0]

    def handler(_sig: int, frame: FrameType | None) -> None:
        samples[0] += 1
        seen = set()
        first = True
        while frame is not None:
            code = frame.f_code
            key = (code.co_filename, code.co_firstlineno, code.co_name)
            if first:
                own[key] += 1
                first = False
            if key not in seen:
                seen.add(key)
                cumulative[key] += 1
            frame = frame.f_back

    signal.signal(signal.SIGPROF, handler)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    started, cpu = time.perf_counter(), time.process_time()
    sys.argv = [module, *args]
    status: Any = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        status = exc.code
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        n = max(samples[0], 1)
        lines = [
            f"python -m {module} {' '.join(args)}: {wall:.1f} s wall, {cpu:.1f} s CPU, {samples[0]} samples "
            f"every {INTERVAL * 1000:.0f} ms of CPU (main thread of the main process only)",
            "",
            "=== by cumulative share (function on the stack) ===",
        ]
        for (fname, line, name), count in cumulative.most_common(45):
            lines.append(f"{100 * count / n:6.1f} %  {count * INTERVAL:8.2f} s  {name}  {fname}:{line}")
        lines += ["", "=== by own share (innermost function) ==="]
        for (fname, line, name), count in own.most_common(30):
            lines.append(f"{100 * count / n:6.1f} %  {count * INTERVAL:8.2f} s  {name}  {fname}:{line}")
        with open(out, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    sys.exit(status)


if __name__ == "__main__":
    main(sys.argv[1:])
