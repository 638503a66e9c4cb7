"""Extraction speed per format on ../shared/formats in CPU time (wall time means little on a shared machine):
pages/s (PDF) or documents/s (web pages, Word, ODT), the median of 3 runs, and OCR CPU seconds per scanned page
(Tesseract's own process included). Usage: python bench/formats.py [--formats DIR] [--runs 3] [--only pdf];
`--table` prints instead the README's table of what was extracted from each file."""

from __future__ import annotations

import argparse
import os
import resource
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


def cpu(children: bool = False) -> float:
    """Return this process's CPU seconds (user + system), with its finished child processes' when asked."""
    own = time.process_time()
    if not children:
        return own
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + kids.ru_utime + kids.ru_stime


def table(formats: Path) -> None:
    """Print a Markdown row per file: pages, paragraphs, title, date, number, and what was skipped or noted."""
    print("| file | pages | paragraphs | title | date | number | skipped / notes |")
    print("|---|---|---|---|---|---|---|")
    for kind in ("pdf", "html", "docx", "odt"):
        for path in sorted((formats / kind).glob("*")):
            rel = f"{kind}/{path.name}"
            data = path.read_bytes()
            try:
                doc = ingest.build_document(path, data, "sha", path.name)
            except ingest.SkipFile as exc:
                print(f"| {rel} | – | – | – | – | – | skipped: {exc} |")
                continue
            columns = extract(path).column_pages if doc.format == "pdf" else 0
            notes = [*doc.warnings]
            if doc.running:
                notes.append(f"running heads removed: {len(doc.running)}")
            if columns:
                notes.append(f"pages read column by column: {columns}")
            title = doc.title or "–"
            title = title if len(title) <= 60 else title[:57] + "…"
            cells = [rel, str(doc.pages or "–"), str(len(doc.paragraphs)), title.replace("|", "\\|"), doc.date or "–",
                     doc.doc_number or "–", "; ".join(notes) or "–"]
            print("| " + " | ".join(cells) + " |")


def main() -> None:
    """Print one line per format and one for OCR."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--formats", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("pdf", "html", "docx", "odt"), help="one format (no OCR line)")
    parser.add_argument("--table", action="store_true", help="print the README's per-file table instead")
    args = parser.parse_args()
    if args.table:
        table(args.formats)
        return
    scans: list[Path] = []
    print(f"{'format':7} {'files':>5} {'pages':>6} {'median cpu s':>12} {'rate':>14}")
    for kind in (args.only,) if args.only else ("pdf", "html", "docx", "odt"):
        files = sorted((args.formats / kind).glob("*"))
        pages = 0
        runs: list[float] = []
        for run in range(args.runs):
            total = 0.0
            for path in files:
                t = cpu()
                out = extract(path)
                elapsed = cpu() - t
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
        print(f"{kind:7} {len(counted):5d} {pages if kind == 'pdf' else '-':>6} {med:12.3f} {rate:>14}")
    if args.only:
        return
    if not ocr.available():
        print(f"ocr     Tesseract not installed ({ocr.INSTALL_HINT})")
        return
    for path in scans:
        t = cpu(children=True)
        out = extract(path)
        elapsed = cpu(children=True) - t
        print(f"ocr     {path.name}: {elapsed / max(out.page_count or 1, 1):.1f} CPU s/page (languages {ocr.languages()})")


if __name__ == "__main__":
    main()
