"""Ingest time against file size for a hard-wrapped text without blank lines (issue 12, finding 4).

Writes 1, 4 and 19 MB files of hard-wrapped lines (hyphenated line ends included, no blank line) to a
temporary folder and prints the seconds ingest.normalise and ingest.load take for each. Linear ingest
means the seconds grow with the size, not with its square (before: 1 MB 0.6 s, 4 MB 5.5 s, 19 MB 204 s).

    python bench/ingest_linear.py [--sizes 1,4,19]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from searchsvc import ingest

LINE = "de regering heeft het voorstel van de commissie over de inlichtin-\ngendiensten en de NAVO-\nRuslandraad besproken en"


def make(path: Path, megabytes: float) -> int:
    """Write a hard-wrapped file of about this many MB; return its size in bytes."""
    count = int(megabytes * 1_000_000) // (len(LINE) + 1)
    path.write_text("\n".join([LINE] * count) + " dat was het.\n", encoding="utf-8")
    return path.stat().st_size


def main() -> None:
    """Print the seconds normalise and load take per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,19", help="sizes in MB, comma-separated")
    args = parser.parse_args()
    print(f"{'MB':>6} {'normalise s':>12} {'load s':>8} {'paragraphs':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"wrapped-{mb:g}.txt"
            size = make(path, mb)
            text = path.read_text(encoding="utf-8")
            started = time.perf_counter()
            paragraphs, _notes = ingest.normalise(text)
            normalise_s = time.perf_counter() - started
            started = time.perf_counter()
            doc = ingest.load(path, Path(tmp), 25_000_000)
            load_s = time.perf_counter() - started
            print(f"{size / 1e6:6.1f} {normalise_s:12.2f} {load_s:8.2f} {len(doc.paragraphs):>10}")
            del text, paragraphs, doc


if __name__ == "__main__":
    main()
