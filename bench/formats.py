"""Extraction speed per format on ../shared/formats: pages/s (PDF) or documents/s (web pages, Word, ODT), the
median of 3 runs, and OCR seconds per scanned page. Usage: python bench/formats.py [--formats DIR] [--runs 3]."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from searchsvc import ingest
from searchsvc.extract import Extracted, detect, ocr

REPO = Path(__file__).resolve().parent.parent
DEFAULT = Path(os.environ.get("SEARCHSVC_SHARED") or REPO.parent / "shared") / "formats"  # as bench/corpus.py


def extract(path: Path) -> Extracted:
    """Return one file's extraction (type by magic bytes, then its format's extractor)."""
    data = path.read_bytes()
    return ingest._extract(detect.detect(data, path.name), data)


def main() -> None:
    """Print one line per format and one for OCR."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--formats", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scans: list[Path] = []
    print(f"{'format':7} {'files':>5} {'pages':>6} {'median s':>9} {'rate':>14}")
    for kind in ("pdf", "html", "docx", "odt"):
        files = sorted((args.formats / kind).glob("*"))
        pages = 0
        runs: list[float] = []
        for run in range(args.runs):
            total = 0.0
            for path in files:
                t = time.perf_counter()
                out = extract(path)
                elapsed = time.perf_counter() - t
                if any("OCR" in w for w in out.warnings):
                    scans.append(path) if run == 0 else None
                    continue  # OCR time is reported on its own line
                total += elapsed
                if run == 0:
                    pages += out.page_count or 0
            runs.append(total)
        med = statistics.median(runs)
        counted = [p for p in files if p not in scans]
        rate = f"{pages / med:,.0f} pages/s" if kind == "pdf" else f"{len(counted) / med:,.1f} docs/s"
        print(f"{kind:7} {len(counted):5d} {pages if kind == 'pdf' else '-':>6} {med:9.3f} {rate:>14}")
    if not ocr.available():
        print(f"ocr     Tesseract not installed ({ocr.INSTALL_HINT})")
        return
    for path in scans:
        t = time.perf_counter()
        out = extract(path)
        elapsed = time.perf_counter() - t
        print(f"ocr     {path.name}: {elapsed / max(out.page_count or 1, 1):.1f} s/page (languages {ocr.languages()})")


if __name__ == "__main__":
    main()
