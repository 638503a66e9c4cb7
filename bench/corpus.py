"""Benchmark corpus helpers: read corpus-100k.jsonl.gz records and turn them into ingest.Document objects.

The corpus lives outside the repository (read-only, see /work/shared/bench/README.md); it is read at
run time and never copied. Each line is {"id", "lang", "title", "source", "date", "text"}.

Documents go through the same normalisation as seed files (ingest.normalise). Language assignment is
either the real one (ingest.assign_languages: langdetect per long paragraph, ~7 ms a call) or, for big
builds, the corpus' own `lang` field for the document and all its paragraphs (detect=False).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from searchsvc import ingest, langid

DEFAULT_CORPUS = Path(os.environ.get("SEARCHSVC_BENCH_CORPUS", "/work/shared/bench/corpus-100k.jsonl.gz"))


def iter_records(path: Path = DEFAULT_CORPUS, limit: int | None = None) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Yield (record, raw line bytes) for the first `limit` lines of the corpus (all when None)."""
    with gzip.open(path, "rb") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            line = line.rstrip(b"\n")
            if line:
                yield json.loads(line), line


def record_sha256(raw: bytes) -> str:
    """Return the content hash of one record, the way ingest.file_sha256 hashes a seed file (no sidecar)."""
    return ingest.file_sha256(raw)


def record_to_document(record: dict[str, Any], raw: bytes | None = None, *, detect: bool = False) -> ingest.Document | None:
    """Return the Document of one corpus record, or None when nothing is left after normalisation.

    detect=True runs the real language assignment (langdetect); detect=False takes the corpus' `lang`
    for the document and every paragraph (probability 1.0), which is what the large benchmarks use.
    """
    raw = raw if raw is not None else json.dumps(record, ensure_ascii=False).encode("utf-8")
    paragraphs, footnotes = ingest.normalise(record.get("text") or "")
    all_paragraphs = paragraphs + footnotes
    if not all_paragraphs:
        return None
    joined = "\n\n".join(all_paragraphs)
    paras: list[ingest.Paragraph] = []
    offset = 0
    for number, para in enumerate(all_paragraphs, start=1):
        paras.append(ingest.Paragraph(number, offset, offset + len(para), langid.NEUTRAL, 0.0))
        offset += len(para) + 2
    if detect:
        language, prob = ingest.assign_languages(joined, paras)
    else:
        language, prob = record.get("lang") or langid.NEUTRAL, 1.0
        for p in paras:
            p.lang, p.lang_prob = language, 1.0
    return ingest.Document(
        id=str(record["id"]),
        path=f"corpus/{record['id']}",
        sha256=record_sha256(raw),
        text=joined,
        paragraphs=paras,
        language=language,
        language_prob=prob,
        title=record.get("title") or None,
        date=record.get("date") or None,
        source=record.get("source") or None,
    )


def iter_documents(
    path: Path = DEFAULT_CORPUS, limit: int | None = None, *, detect: bool = False
) -> Iterator[ingest.Document]:
    """Yield the Documents of the first `limit` corpus records (records empty after normalisation are dropped)."""
    for record, raw in iter_records(path, limit):
        doc = record_to_document(record, raw, detect=detect)
        if doc is not None:
            yield doc


def load_documents(path: Path = DEFAULT_CORPUS, limit: int | None = None, *, detect: bool = False) -> tuple[list[ingest.Document], float]:
    """Return (documents, seconds it took to read and normalise them)."""
    started = time.perf_counter()
    docs = list(iter_documents(path, limit, detect=detect))
    return docs, time.perf_counter() - started


def new_document(n: int = 0) -> ingest.Document:
    """Return a document that is not in the corpus, with a word no corpus document has (for find-it tests)."""
    word = f"benchmarkneuwort{n}"
    record = {
        "id": f"bench-new-{n}",
        "lang": "de",
        "title": f"Neues Dokument {n}",
        "source": "bench",
        "date": "2024-01-01",
        "text": (
            "(1) Dieses Dokument wurde nach dem Aufbau des Index hinzugefügt. "
            f"Es enthält das Wort {word}, das sonst nirgends vorkommt.\n\n"
            "(2) Die Bundesregierung wird ermächtigt, durch Rechtsverordnung Näheres zu regeln."
        ),
    }
    doc = record_to_document(record)
    assert doc is not None
    return doc


def unique_word(n: int = 0) -> str:
    """Return the word only new_document(n) contains."""
    return f"benchmarkneuwort{n}"


def sample_langdetect(docs: Iterable[ingest.Document]) -> dict[str, Any]:
    """Run the real language assignment on already normalised documents; return cost and agreement.

    Returns calls to langdetect, wall and CPU seconds, ms per call and per document, and how often the detected
    document language agrees with the corpus' `lang` field (which the Documents carry when detect=False).
    """
    calls = 0
    original = langid.detect

    def counting(text: str) -> tuple[str, float]:
        nonlocal calls
        calls += 1
        return original(text)

    docs = list(docs)
    original("Warm-up: langdetect loads its language profiles on the first call.")
    agree = 0
    ingest.langid.detect = counting  # type: ignore[assignment]  # ingest calls langid.detect via the module
    try:
        started = time.perf_counter()
        cpu = time.process_time()
        for doc in docs:
            paras = [ingest.Paragraph(p.number, p.start, p.end, langid.NEUTRAL, 0.0) for p in doc.paragraphs]
            lang, _prob = ingest.assign_languages(doc.text, paras)
            agree += lang == doc.language
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    finally:
        ingest.langid.detect = original  # type: ignore[assignment]
    n = max(len(docs), 1)
    return {
        "documents": len(docs),
        "calls": calls,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "ms_per_call": 1000 * seconds / max(calls, 1),
        "cpu_ms_per_call": 1000 * cpu / max(calls, 1),
        "ms_per_document": 1000 * seconds / n,
        "agreement_with_corpus_lang": agree / n,
    }


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
