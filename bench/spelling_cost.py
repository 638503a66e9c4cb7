"""Time the did-you-mean work (searchsvc.spelling.suggest) for hostile and normal queries (issue 12 finding 2).

Builds an index of the seeds plus the first N benchmark-corpus documents (default 5,000) in a temporary folder
and prints, per query, the best of 3 wall times of suggest() and what it suggested.

    .venv/bin/python bench/spelling_cost.py [N]

The corpus is read from ../shared/bench (SEARCHSVC_BENCH_CORPUS overrides), never copied.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("SEARCHSVC_BENCH_CORPUS", str(REPO / ".." / "shared" / "bench" / "corpus-100k.jsonl.gz"))

import corpus  # noqa: E402

from searchsvc import index, spelling  # noqa: E402

QUERIES = {
    "1,000 × a": "a" * 1000,
    "400 × a": "a" * 400,
    "gesetzesänderungsverordnungsbestimmung × 25": " ".join(["gesetzesänderungsverordnungsbestimmung"] * 25),
    "30 unknown 12-letter words": " ".join("qzxvwbnmlk" + chr(97 + i % 26) + chr(97 + i // 26) for i in range(30)),
    "4 unknown 16-letter words": " ".join(["verteidigungsfal", "gesetzesanderung", "bundesverwaltung", "verordnungsgeber"]),
    "diplomatne (a typo)": "diplomatne",
    "Wie viele Punkte gab die Verteidigung der Panthers ab?": "Wie viele Punkte gab die Verteidigung der Panthers ab?",
    "hoeveel russische diplomaten zijn er nog in nederland": "hoeveel russische diplomaten zijn er nog in nederland",
}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory(prefix="spelling-") as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(REPO / "seeds", seeds)
        corpus.write_seed_files(seeds, n)
        started = time.perf_counter()
        index.build(seeds, Path(tmp) / "index", full=True)
        print(f"index of {n + 5} documents built in {time.perf_counter() - started:.0f} s")
        ix, _ = index.open_index(Path(tmp) / "index")
        with ix.searcher() as searcher:
            print("| query | suggest() ms (best of 3) | suggestion |\n|---|---:|---|")
            for label, q in QUERIES.items():
                best = float("inf")
                out = None
                for _ in range(3):
                    t = time.perf_counter()
                    out = spelling.suggest(q[:1000], searcher)
                    best = min(best, time.perf_counter() - t)
                shown = out if out is None or len(out) < 80 else out[:77] + "..."
                print(f"| {label} | {best * 1000:.1f} | {shown} |")
        ix.close()


if __name__ == "__main__":
    main()
