"""Full builds on every core: each worker process reads, analyses and indexes its share of the seed files
into a segment of its own; the parent then lists all the segments in one table of contents."""

from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing as mp
import os
import queue
import signal
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from whoosh import index as whoosh_index

from . import ingest
from .schema import whoosh_fields
from .whooshfast import Writer, commit_segments as _commit_toc, finish_segment

# Below this many files a pool costs more (process start-up, imports) than it saves.
PARALLEL_MIN_FILES = 400
# Files are dealt to the workers in runs of this many, so each worker gets a mix of the folder.
DEAL = 32
PROGRESS_EVERY = 50
# Per worker: postings held in memory before they go to Whoosh's pool, which spills sorted runs to disk.
# At 100,000 documents (50,000 a worker) they never spill; a worker peaks at ~660 MB RSS.
WRITER_MB = 1024


def default_procs() -> int:
    """Return how many build processes to use by default: one per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class WorkerResult:
    """What one worker built: its segment, and one entry per seed file it handled."""

    segment: Any = None
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies, so a killed build leaves no orphan working on."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before we asked
        os._exit(1)


def keep_time(fields: dict[str, Any], doc: ingest.Document, kept: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Give a document the time it entered the index in a previous build when its content is the same; return its fields.

    A full rebuild is not an arrival: the feeds, which list documents by that time, would otherwise show
    every document as new.
    """
    old = kept.get(doc.id)
    if old is not None and old[0] == doc.sha256 and old[1] != fields["indexed_at"]:
        fields["indexed_at"] = old[1]
        meta = json.loads(fields["meta"])
        meta["indexed_at"] = old[1]
        fields["meta"] = json.dumps(meta, ensure_ascii=False)
    return fields


def _worker(parent: int, tmp: str, seeds_dir: str, paths: list[str], max_bytes: int, out: Any,
            kept: dict[str, tuple[str, str]] | None = None) -> None:
    """Index the given seed files into one new segment of the index in tmp; report on the queue."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    # The held postings are millions of objects without cycles that the collector would walk again and
    # again (~5 % of a build); the worker exits when its segment is written.
    gc.disable()

    try:
        result = WorkerResult()
        ix = whoosh_index.open_dir(tmp)
        writer = Writer(ix, _lk=False, compound=False, limitmb=WRITER_MB)
        root = Path(seeds_dir)
        pending = 0
        for name in paths:
            path = Path(name)
            rel = str(path.relative_to(root))
            doc_id = ingest.document_id(path)
            try:
                stat = ingest.file_stat(path)
                data, side = ingest.read_bytes(path, max_bytes)
                sha = ingest.file_sha256(data, side)
                doc = ingest.build_document(path, data, sha, rel)
            except ingest.SkipFile as exc:
                result.skipped.append({"path": rel, "reason": str(exc)})
            else:
                fields = keep_time(whoosh_fields(doc), doc, kept or {})
                writer.add_document(**fields)
                result.entries[doc_id] = {"sha256": sha, "path": rel, "language": doc.language, "stat": stat,
                                          "indexed_at": fields["indexed_at"]}
                result.added.append(doc_id)
                result.warnings.extend({"path": rel, "warning": w} for w in doc.warnings)
            pending += 1
            if pending == PROGRESS_EVERY:
                out.put(("progress", pending))
                pending = 0
        out.put(("progress", pending))
        result.segment = finish_segment(writer) if result.added else None
        if result.segment is None:
            writer.cancel()
        out.put(("done", result))
    except BaseException:  # report, so the parent fails the build with the reason
        out.put(("error", traceback.format_exc()))


def _share_of(kept: dict[str, tuple[str, str]] | None, share: list[str]) -> dict[str, tuple[str, str]]:
    """Return the kept times of one worker's files only (each worker process gets a pickled copy)."""
    if not kept:
        return {}
    ids = (ingest.document_id(name) for name in share)
    return {doc_id: kept[doc_id] for doc_id in ids if doc_id in kept}


def build_segments(
    tmp: Path,
    seeds_dir: Path,
    paths: list[Path],
    max_bytes: int,
    procs: int,
    progress: Callable[[int, int], None] | None = None,
    already_done: int = 0,
    total: int | None = None,
    kept: dict[str, tuple[str, str]] | None = None,
) -> list[WorkerResult]:
    """Index the seed files with `procs` worker processes into the (empty) index in tmp; return their results.

    `kept` (id -> content hash, indexed_at) gives unchanged documents their earlier indexed_at (keep_time).

    Raises RuntimeError with the worker's traceback when one fails, and OSError (e.g. ENOSPC) as raised.
    """
    shares: list[list[str]] = [[] for _ in range(procs)]
    for i in range(0, len(paths), DEAL):
        shares[(i // DEAL) % procs].extend(str(p) for p in paths[i : i + DEAL])
    # spawn: the workers must not inherit our open file descriptors, above all the build lock's, and must
    # be our own children, so that they die with us (PR_SET_PDEATHSIG) when a build is killed.
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(os.getpid(), str(tmp), str(seeds_dir), share, max_bytes, out, _share_of(kept, share)),
                    daemon=True)
        for share in shares
        if share
    ]
    for w in workers:
        w.start()
    results: list[WorkerResult] = []
    done = already_done
    total = total if total is not None else len(paths)
    try:
        while len(results) < len(workers):
            try:
                kind, payload = out.get(timeout=1.0)
            except queue.Empty:
                dead = [w for w in workers if w.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"a build worker died (exit code {dead[0].exitcode})") from None
                continue
            if kind == "progress":
                done += payload
                if progress and payload:
                    progress(done, total)
            elif kind == "done":
                results.append(payload)
            else:
                if "OSError" in payload and "No space left" in payload:
                    raise OSError(28, "No space left on device (a build worker could not write its segment)")
                raise RuntimeError("a build worker failed:\n" + payload)
        for w in workers:
            w.join()
    finally:
        for w in workers:
            if w.is_alive():
                w.kill()
                w.join()
        out.close()
    return results


def commit_segments(tmp: Path, results: list[WorkerResult]) -> None:
    """Write the table of contents that makes the workers' segments one index."""
    ix = whoosh_index.open_dir(str(tmp))
    try:
        _commit_toc(ix, [r.segment for r in results if r.segment is not None])
    finally:
        ix.close()
