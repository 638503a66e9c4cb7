"""Where the shared data is, and the one corpus reader: corpus-100k.jsonl.gz records, also as real seed files.

The shared data lives outside the repository, in ../shared/ beside it (read-only, see ../shared/bench/README.md):
SEARCHSVC_SHARED names another folder, SEARCHSVC_BENCH_CORPUS another corpus file. It is read at run time and
never copied. Each corpus line is {"id", "lang", "title", "source", "date", "text"}.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SEARCHSVC_SHARED") or REPO.parent / "shared")
DEFAULT_CORPUS = Path(os.environ.get("SEARCHSVC_BENCH_CORPUS") or SHARED / "bench" / "corpus-100k.jsonl.gz")
QUALITY = SHARED / "quality"


def iter_records(path: Path = DEFAULT_CORPUS, limit: int | None = None) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Yield (record, raw line bytes) for the first `limit` lines of the corpus (all when None).

    A limit beyond the corpus (issue 13's 300,000-document point) reads it again, each later round with new
    ids (`<id>-r2`, `<id>-r3`, ...), so every round's documents are distinct documents to the index.
    """
    n = 0
    round_no = 1
    while True:
        yielded = 0
        with gzip.open(path, "rb") as fh:
            for line in fh:
                if limit is not None and n >= limit:
                    return
                line = line.rstrip(b"\n")
                if not line:
                    continue
                record = json.loads(line)
                if round_no > 1:
                    record["id"] = f"{record['id']}-r{round_no}"
                    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
                n += 1
                yielded += 1
                yield record, line
        if limit is None or n >= limit or not yielded:
            return
        round_no += 1


def records(limit: int | None = None, path: Path = DEFAULT_CORPUS) -> Iterator[dict[str, Any]]:
    """Yield the first `limit` corpus records (all when None)."""
    for record, _raw in iter_records(path, limit):
        yield record


def write_seed_files(seeds_dir: Path, limit: int | None = None, path: Path = DEFAULT_CORPUS, start: int = 0) -> int:
    """Write corpus records [start, limit) as real seed files (<id>.txt + <id>.meta.json); return how many.

    Files that already exist with the same content are left alone, so a second call is cheap and an
    incremental `searchsvc index` sees them unchanged.
    """
    seeds_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for n, (record, _raw) in enumerate(iter_records(path, limit)):
        if n < start:
            continue
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in str(record["id"]))
        text = (record.get("text") or "").encode("utf-8")
        meta = {k: record.get(k) or None for k in ("title", "date", "source")}
        meta_bytes = json.dumps(meta, ensure_ascii=False).encode("utf-8")
        for target, data in ((seeds_dir / f"{name}.txt", text), (seeds_dir / f"{name}.meta.json", meta_bytes)):
            try:
                if target.read_bytes() == data:
                    continue
            except FileNotFoundError:
                pass
            target.write_bytes(data)
        written += 1
    return written
