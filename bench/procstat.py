"""Process measurements from /proc and rusage, and a wrapper that measures one command's whole process tree.

    python bench/procstat.py OUT.json -- COMMAND [ARG ...]

runs COMMAND and writes {"returncode", "wall_s", "cpu_s", "maxrss_mb", "tree_peak_rss_mb", "stdout",
"stderr"} to OUT.json. The wrapper is a fresh process, so getrusage(RUSAGE_CHILDREN) covers exactly the
command and every descendant it waited for: maxrss_mb is the largest single process, cpu_s the user+sys time
of all of them (cpu_s / wall_s above 1 means more than one core was used). tree_peak_rss_mb is the largest
sum of RSS over the command's process tree, sampled every 50 ms from /proc (catches worker pools whose
processes are alive at the same time).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def children_map() -> dict[int, list[int]]:
    """Return parent pid -> child pids for every process in /proc."""
    out: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        fields = stat[stat.rindex(b")") + 2 :].split()
        out.setdefault(int(fields[1]), []).append(int(name))
    return out


def descendants(pid: int, tree: dict[int, list[int]] | None = None) -> list[int]:
    """Return pid and all its descendants."""
    tree = children_map() if tree is None else tree
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(tree.get(p, []))
    return out


def rss_kb(pid: int) -> int:
    """Return a process's resident set size in KB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE_KB
    except (OSError, IndexError):
        return 0


def memory(pid: int) -> dict[str, float]:
    """Return a process's RSS, PSS and USS (private) in MB from /proc/<pid>/smaps_rollup."""
    out = {"rss_mb": 0.0, "pss_mb": 0.0, "uss_mb": 0.0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            values = {line.split(":")[0]: int(line.split()[1]) for line in fh if line.rstrip().endswith("kB")}
    except OSError:
        return out
    out["rss_mb"] = values.get("Rss", 0) / 1024
    out["pss_mb"] = values.get("Pss", 0) / 1024
    out["uss_mb"] = (values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)) / 1024
    return out


def _sample_tree(pid: int, stop: threading.Event, peak: list[int]) -> None:
    while not stop.wait(0.05):
        total = sum(rss_kb(p) for p in descendants(pid))
        peak[0] = max(peak[0], total)


def measure(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command (in this process, which should be fresh) and return its time, CPU and memory figures."""
    peak = [0]
    stop = threading.Event()
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "returncode": proc.returncode,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,
        "tree_peak_rss_mb": peak[0] / 1024,
        "stdout": stdout[-4000:],
        "stderr": stderr[-4000:],
    }


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command under a fresh wrapper process (so rusage covers it alone) and return measure()'s figures."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    try:
        subprocess.run([sys.executable, __file__, out, "--", *argv], env=env, check=True)
        return json.loads(Path(out).read_text(encoding="utf-8"))
    finally:
        os.unlink(out)


def du_bytes(path: Path) -> int:
    """Return the bytes of the files under a path, each inode counted once (hard-linked builds share files)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            st = os.stat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    result = measure(sys.argv[3:])
    Path(sys.argv[1]).write_text(json.dumps(result), encoding="utf-8")
