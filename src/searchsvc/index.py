"""The Whoosh index: schema, incremental or full builds in a fresh directory, and the atomic switch."""

from __future__ import annotations

import errno
import fcntl
import gc
import itertools
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
import warnings
import weakref
from contextlib import closing
from dataclasses import dataclass, field, fields
from pathlib import Path
from stat import S_ISDIR
from typing import Any, Callable, Iterable, Iterator

from whoosh import index as whoosh_index

from . import ingest, listing, parallel, whooshfast
from .schema import make_schema, whoosh_fields
from .errors import DiskFull, IndexDamaged, IndexMissing, ReindexRunning

# Bump when analysis or schema change, so an incremental build knows it must rebuild everything.
ANALYSIS_VERSION = 11  # 7: indexed_at column (feeds); 8: German form rules (ParticipleFilter, -schafter), datelines not numbered; 9: PDF columns, letter heads not numbered; 10: stored same-story features; 11: stored word keys (passages)
POINTER = "CURRENT"
BUILDS = "builds"
LOCK = ".reindex.lock"
STATUS = ".reindex.json"
MANIFEST = "manifest.sqlite"
LEGACY_MANIFEST = "manifest.json"  # builds written before the manifest moved to SQLite
KEEP_BUILDS = 2  # the current build and the last good one before it

Progress = Callable[[int, int], None]


# --- layout, pointer and lock ---------------------------------------------------------------


def current_build(index_dir: Path) -> str | None:
    """Return the id of the build that readers should open, or None when there is none."""
    try:
        build = (index_dir / POINTER).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return build or None


def build_path(index_dir: Path, build: str) -> Path:
    """Return the directory of one build."""
    return index_dir / BUILDS / build


def read_manifest(index_dir: Path, build: str | None = None) -> dict[str, Any] | None:
    """Return the manifest of a build (the current one by default), or None.

    Loads every document's entry: for status pages and tests. The build itself reads only what it needs.
    """
    build = build or current_build(index_dir)
    if not build:
        return None
    path = build_path(index_dir, build)
    if not (path / MANIFEST).is_file():
        try:  # a build written before the manifest moved to SQLite
            return json.loads((path / LEGACY_MANIFEST).read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
            return None
    try:
        with closing(_open_manifest(path)) as db:
            manifest = _manifest_meta(db)
            manifest["documents"] = {
                doc_id: {"sha256": sha, "path": rel, "language": lang, "stat": _stat_value(stat)}
                for doc_id, rel, sha, lang, stat in db.execute("SELECT id, path, sha256, language, stat FROM documents")
            }
    except sqlite3.DatabaseError:
        return None
    return manifest


# --- the manifest: one SQLite file per build -----------------------------------------------------
# Per document: path, content hash, language and the file's stat signature. SQLite, not JSON, so an
# incremental build copies the previous file and changes a few rows instead of reading and writing
# 100,000 entries (~3 s at 100,000 documents, bench/README.md).


def _open_manifest(build_dir: Path) -> sqlite3.Connection:
    """Open a published build's manifest read-only (immutable: a published build never changes)."""
    return sqlite3.connect(f"{(build_dir / MANIFEST).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _manifest_meta(db: sqlite3.Connection) -> dict[str, Any]:
    """Return a manifest's build-level fields (build, created, analysis, seeds_dir, summary, ...)."""
    return {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}


def _stat_value(stat: str | None) -> list[int] | None:
    return json.loads(stat) if stat else None


def _stat_text(stat: list[int] | None) -> str | None:
    return json.dumps(stat, separators=(",", ":")) if stat is not None else None


def _new_manifest(path: Path) -> sqlite3.Connection:
    """Create an empty manifest in a build being written."""
    db = _write_connection(path)
    db.executescript(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE documents(id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, language TEXT, stat TEXT, "
        "indexed_at TEXT) WITHOUT ROWID;"
    )
    return db


def _write_connection(path: Path) -> sqlite3.Connection:
    # No journal and no syncs: the file lives in an unpublished build folder, which a crash leaves to
    # _remove_stale; _publish fsyncs every file before the switch.
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


def _put_documents(db: sqlite3.Connection, docs: dict[str, dict[str, Any]]) -> None:
    """Insert or replace document entries."""
    db.executemany(
        "INSERT OR REPLACE INTO documents(id, path, sha256, language, stat, indexed_at) VALUES (?, ?, ?, ?, ?, ?)",
        ((k, d["path"], d["sha256"], d.get("language"), _stat_text(d.get("stat")), d.get("indexed_at")) for k, d in docs.items()),
    )


def _old_entries(build_dir: Path) -> dict[str, tuple[str, str | None]]:
    """Return id -> (path, stat text) of every document of a published build, for the change scan."""
    if not (build_dir / MANIFEST).is_file():
        legacy = json.loads((build_dir / LEGACY_MANIFEST).read_text(encoding="utf-8"))["documents"]
        return {k: (d["path"], _stat_text(d.get("stat"))) for k, d in legacy.items()}
    with closing(_open_manifest(build_dir)) as db:
        return {doc_id: (rel, stat) for doc_id, rel, stat in db.execute("SELECT id, path, stat FROM documents")}


def _old_shas(build_dir: Path, ids: list[str]) -> dict[str, str]:
    """Return the content hash of the given documents of a published build."""
    if not ids:
        return {}
    if not (build_dir / MANIFEST).is_file():
        legacy = json.loads((build_dir / LEGACY_MANIFEST).read_text(encoding="utf-8"))["documents"]
        return {k: legacy[k]["sha256"] for k in ids if k in legacy}
    out: dict[str, str] = {}
    with closing(_open_manifest(build_dir)) as db:
        for i in range(0, len(ids), 500):  # SQLite's bound-parameter limit
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(db.execute(f"SELECT id, sha256 FROM documents WHERE id IN ({marks})", chunk))
    return out


def _kept_times(index_dir: Path, build: str | None) -> dict[str, tuple[str, str]]:
    """Return id -> (content hash, indexed_at) of every document of a published build, for a full rebuild.

    A full rebuild keeps the time a document entered the index (the feeds list new arrivals by it) when its
    content is unchanged. Builds from before the manifest kept the time have it in the index's column.
    """
    if not build:
        return {}
    path = build_path(index_dir, build)
    out: dict[str, tuple[str, str]] = {}
    shas: dict[str, str] = {}
    try:
        if (path / MANIFEST).is_file():
            with closing(_open_manifest(path)) as db:
                columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
                query = "SELECT id, sha256, indexed_at FROM documents" if "indexed_at" in columns else "SELECT id, sha256, NULL FROM documents"
                for doc_id, sha, at in db.execute(query):
                    if at:
                        out[doc_id] = (sha, at)
                    else:
                        shas[doc_id] = sha
        else:
            shas = {k: d["sha256"] for k, d in json.loads((path / LEGACY_MANIFEST).read_text(encoding="utf-8"))["documents"].items()}
    except (OSError, sqlite3.DatabaseError, json.JSONDecodeError, KeyError):
        return out
    if shas:
        try:
            ix = whoosh_index.open_dir(str(path))
            try:
                with ix.reader() as reader:
                    leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
                    for leaf, _base in leaves:
                        if not leaf.has_column("indexed_at"):
                            continue
                        column = list(leaf.column_reader("indexed_at"))
                        # An id is in one document of a segment: its term statistics name that document, so
                        # no posting list is read (100,000 of them took 4 CPU s).
                        for term, info in leaf.iter_field("id"):
                            doc_id = term.decode("utf-8") if isinstance(term, bytes) else term
                            docnum = info.min_id()
                            if doc_id in shas and info.doc_frequency() == 1 and not leaf.is_deleted(docnum) and column[docnum]:
                                out[doc_id] = (shas[doc_id], column[docnum])
            finally:
                ix.close()
        except Exception:  # an unreadable previous build: every document gets a new time, as without one
            pass
    return out


def _copy_manifest(src_build: Path, dst: Path) -> sqlite3.Connection:
    """Start a build's manifest as a copy of the previous build's (converting an old JSON manifest)."""
    if (src_build / MANIFEST).is_file():
        shutil.copyfile(src_build / MANIFEST, dst / MANIFEST)
        db = _write_connection(dst / MANIFEST)
        if "indexed_at" not in {row[1] for row in db.execute("PRAGMA table_info(documents)")}:
            db.execute("ALTER TABLE documents ADD COLUMN indexed_at TEXT")  # a manifest from before the column
        return db
    db = _new_manifest(dst / MANIFEST)
    legacy = json.loads((src_build / LEGACY_MANIFEST).read_text(encoding="utf-8"))["documents"]
    _put_documents(db, legacy)
    return db


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write a file so that readers see either the old or the new content, never a mix.

    The temporary file's name starts with a dot, so seed discovery never picks it up. durable=False
    skips the fsyncs, for frequent writes (job progress) where losing the last one to a crash is fine.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        if durable:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)
    if durable:
        _fsync_dir(path.parent)


class WriterLock:
    """An exclusive, process-wide reindex lock (flock), released by the kernel if its holder dies."""

    def __init__(self, index_dir: Path, job: str | None = None):
        self.path = index_dir / LOCK
        self.job = job
        self._fd: int | None = None

    def acquire(self) -> "WriterLock":
        """Take the lock or raise ReindexRunning naming the job that holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise ReindexRunning(job=_live_holder(self.path.parent)) from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "job": self.job, "since": time.time()}).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go of the lock."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "WriterLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_holder(index_dir: Path) -> str | None:
    """Return the job id written by the process holding the reindex lock, if it named one."""
    try:
        return json.loads((index_dir / LOCK).read_text() or "{}").get("job")
    except (OSError, json.JSONDecodeError):
        return None


def _live_holder(index_dir: Path) -> str | None:
    """Return the running job's id; the new holder may not have replaced a finished one's record yet."""
    for _ in range(20):
        try:
            record = json.loads((index_dir / LOCK).read_text() or "{}")
        except (OSError, json.JSONDecodeError):
            record = {}
        pid = record.get("pid")
        if pid:
            try:
                os.kill(int(pid), 0)
                return record.get("job")
            except ProcessLookupError:
                pass  # a stale record: the holder that wrote it is gone
            except PermissionError:
                return record.get("job")
        time.sleep(0.01)
    return lock_holder(index_dir)


def running_job(index_dir: Path) -> str | None:
    """Return the id of the job holding the reindex lock, or None when no reindex (or a CLI one) runs."""
    return _live_holder(index_dir) if reindex_running(index_dir) else None


def reindex_running(index_dir: Path) -> bool:
    """Say whether some process holds the reindex lock right now."""
    path = index_dir / LOCK
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


# --- building --------------------------------------------------------------------------------


@dataclass
class BuildSummary:
    """What a build did: counts, the files it skipped with reasons, and the build it switched to."""

    build: str = ""
    full: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """Return the number of documents in each outcome."""
        return {k: len(getattr(self, k)) for k in ("added", "updated", "removed", "unchanged", "skipped")}

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-ready data."""
        # Not dataclasses.asdict(): it deep-copies 100k-entry lists, ~40 % of an incremental build.
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["counts"] = self.counts()
        return data

    def line(self) -> str:
        """Return the one-line summary the CLI prints."""
        c = self.counts()
        kind = "full" if self.full else "incremental"
        return (
            f"{kind} build {self.build}: {self.documents} documents; added {c['added']}, updated {c['updated']}, "
            f"removed {c['removed']}, unchanged {c['unchanged']}, skipped {c['skipped']} ({self.seconds:.2f} s)"
        )


def new_build_id() -> str:
    """Return a fresh, sortable build id (microseconds, so builds within one second still sort in order)."""
    now = time.time_ns() // 1000
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 1_000_000)) + f"{now % 1_000_000:06d}-" + uuid.uuid4().hex[:6]


def build(
    seeds_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    stemmer: str = "pystemmer",
    max_bytes: int = 20_000_000,
    progress: Progress | None = None,
    job: str | None = None,
    documents: Iterable[ingest.Document] | None = None,
    procs: int = 1,
) -> BuildSummary:
    """Build the index from the seeds into a fresh directory and switch readers to it atomically.

    Incremental unless full=True or the analysis changed: unchanged files (by content hash) are kept
    as they are, changed ones replaced, vanished ones removed. Raises ReindexRunning when another
    build holds the lock. `documents` replaces reading the seeds (benchmarks feed a corpus this way).
    A full build of many seed files runs in `procs` worker processes.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with WriterLock(index_dir, job):
        return build_locked(
            seeds_dir, index_dir, full=full, stemmer=stemmer, max_bytes=max_bytes, progress=progress,
            documents=documents, procs=procs,
        )


def build_locked(
    seeds_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    stemmer: str = "pystemmer",
    max_bytes: int = 20_000_000,
    progress: Progress | None = None,
    documents: Iterable[ingest.Document] | None = None,
    procs: int = 1,
) -> BuildSummary:
    """Like build(), for a caller that already holds the WriterLock (a job process handed the lock)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _build_locked(seeds_dir, index_dir, full, stemmer, max_bytes, progress, documents, procs)
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        with warnings.catch_warnings():
            # Whoosh's writer cannot cancel on a full disk and leaves its files open, held by the traceback;
            # drop it and collect them, since a deleted file's space comes back only once it is closed.
            warnings.simplefilter("ignore", ResourceWarning)
            error: BaseException | None = exc
            while error is not None:
                error.__traceback__, error = None, error.__context__
            gc.collect()
        _remove_stale(index_dir)  # the half-written build; the current one stays
        raise DiskFull(_disk_full_message(index_dir)) from None


def _disk_full_message(index_dir: Path) -> str:
    """Say that a build ran out of space, on which device (and its size), and which build still serves."""
    try:
        size = f" ({shutil.disk_usage(index_dir).total / 1e6:.1f} MB)"
    except OSError:
        size = ""
    serving = current_build(index_dir)
    still = f"build {serving} still serves" if serving else "there is no previous build to serve"
    return f"disk full: no space left on the device holding {index_dir}{size}; the new build was abandoned and removed; {still}"


def _build_locked(
    seeds_dir: Path,
    index_dir: Path,
    full: bool,
    stemmer: str,
    max_bytes: int,
    progress: Progress | None,
    documents: Iterable[ingest.Document] | None,
    procs: int = 1,
) -> BuildSummary:
    started = time.perf_counter()
    builds = index_dir / BUILDS
    builds.mkdir(exist_ok=True)
    _remove_stale(index_dir)
    previous = current_build(index_dir)
    old_meta = _previous_meta(index_dir, previous) if previous else None
    if old_meta is None or old_meta.get("analysis") != _analysis_key(stemmer):
        full = True
    if not full and documents is None:
        try:
            return _incremental(seeds_dir, index_dir, previous, stemmer, max_bytes, progress, started)  # type: ignore[arg-type]
        except (sqlite3.DatabaseError, json.JSONDecodeError, KeyError):
            full = True  # the previous build's manifest is damaged: rebuild everything, as without one
    old_docs: dict[str, dict[str, Any]] = {} if full else (read_manifest(index_dir, previous) or {}).get("documents", {})

    summary = BuildSummary(build=new_build_id(), full=full)
    tmp = builds / f".tmp-{summary.build}"
    if full:
        tmp.mkdir()
        ix = whoosh_index.create_in(str(tmp), make_schema(stemmer))
    else:
        _link_copy(build_path(index_dir, previous), tmp)  # type: ignore[arg-type]
        ix = whoosh_index.open_dir(str(tmp))

    new_docs: dict[str, dict[str, Any]] = {}
    kept = _kept_times(index_dir, previous) if full else {}
    paths: list[Path] | None = None
    if full and documents is None and procs > 1:
        paths, refused = ingest.discover(seeds_dir)
        if len(paths) < parallel.PARALLEL_MIN_FILES:
            paths = None
    if paths is not None:
        ix.close()
        try:
            summary.skipped.extend({"path": s.path, "reason": s.reason} for s in refused)
            results = parallel.build_segments(tmp, seeds_dir, paths, max_bytes, procs, progress, kept=kept)
            for r in results:
                new_docs.update(r.entries)
                summary.added.extend(r.added)
                summary.skipped.extend(r.skipped)
                summary.warnings.extend(r.warnings)
            parallel.commit_segments(tmp, results)
            db = _new_manifest(tmp / MANIFEST)
            _put_documents(db, new_docs)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return _publish(index_dir, seeds_dir, tmp, summary, stemmer, started, db)

    # Separate segment files, not one compound file: Whoosh reads a compound file into memory through
    # BytesIO, so each open searcher on a 100k-document index cost ~600 MB (bench/README.md).
    writer = whooshfast.Writer(ix, limitmb=256, compound=False)
    try:
        for item in _changed_documents(seeds_dir, max_bytes, old_docs, summary, new_docs, progress, documents):
            if item.id in old_docs:
                writer.delete_by_term("id", item.id)
            fields = parallel.keep_time(whoosh_fields(item), item, kept)
            writer.add_document(**fields)
            new_docs[item.id]["indexed_at"] = fields["indexed_at"]
        for doc_id in sorted(set(old_docs) - set(new_docs)):
            writer.delete_by_term("id", doc_id)
            summary.removed.append(doc_id)
        if full:
            writer.commit(optimize=True)
        else:
            writer.commit(mergetype=whooshfast.merge_small)
        ix.close()
        db = _new_manifest(tmp / MANIFEST)
        _put_documents(db, new_docs)
    except BaseException:
        try:
            writer.cancel()
            ix.close()
        except Exception:
            pass  # on a full disk cancel() fails flushing its buffers too; the directory goes anyway
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return _publish(index_dir, seeds_dir, tmp, summary, stemmer, started, db)


def _previous_meta(index_dir: Path, build: str) -> dict[str, Any] | None:
    """Return the build-level fields of a published build's manifest, without its documents, or None."""
    path = build_path(index_dir, build)
    if not (path / MANIFEST).is_file():
        return read_manifest(index_dir, build)
    try:
        with closing(_open_manifest(path)) as db:
            return _manifest_meta(db)
    except sqlite3.DatabaseError:
        return None


def _publish(
    index_dir: Path,
    seeds_dir: Path,
    tmp: Path,
    summary: BuildSummary,
    stemmer: str,
    started: float,
    db: sqlite3.Connection,
    folders: dict[str, list[int]] | None = None,
    linked: set[str] = frozenset(),  # type: ignore[assignment]
) -> BuildSummary:
    """Finish the manifest, make the finished build durable and switch readers to it.

    `folders` (seeds folder -> inode and mtime, see _new_names) is kept for the next incremental build;
    `linked` names files hard-linked from a published build, durable already.
    """
    builds = index_dir / BUILDS
    try:
        summary.documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        summary.seconds = round(time.perf_counter() - started, 3)  # provisional, for the manifest
        kept = {k: getattr(summary, k)[:1000] for k in ("added", "updated", "removed", "unchanged")}
        meta = {
            "build": summary.build,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "analysis": _analysis_key(stemmer),
            "seeds_dir": str(seeds_dir),
            "summary": summary.to_dict() | kept,
        }
        if folders is not None:
            meta["folders"] = folders
        db.execute("DELETE FROM meta")
        db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", ((k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()))
    except sqlite3.OperationalError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if "full" in str(exc):  # SQLITE_FULL: reported like any other write that found the disk full
            raise OSError(errno.ENOSPC, str(exc)) from None
        raise
    finally:
        db.close()
    for name in os.listdir(tmp):
        if name in linked:
            continue
        with open(tmp / name, "rb") as fh:
            os.fsync(fh.fileno())
    final = build_path(index_dir, summary.build)
    os.rename(tmp, final)
    _fsync_dir(builds)
    write_atomic(index_dir / POINTER, summary.build + "\n")
    summary.seconds = round(time.perf_counter() - started, 3)
    _remove_stale(index_dir)
    return summary


# --- incremental builds from the seeds folder ----------------------------------------------------
# Two steps, each published on its own: first the files whose name is new (or moved) and the ones that
# vanished, found from the folder listings alone; then a sweep comparing every other file's stat with
# the manifest, for files rewritten in place (a folder's listing does not change then). A new document
# is searchable after the first switch, without waiting for 100,000 stats (~1-3 s at 100,000 files).


def _incremental(
    seeds_dir: Path,
    index_dir: Path,
    previous: str,
    stemmer: str,
    max_bytes: int,
    progress: Progress | None,
    started: float,
) -> BuildSummary:
    """Bring the previous build up to date with the seeds folder (see above); return what changed."""
    summary = BuildSummary(build=new_build_id())
    published = ""  # the last build this run published
    quick_ids: set[str] = set()
    quick, folders, indexed = _new_names(seeds_dir, build_path(index_dir, previous))
    if quick:
        skipped = len(summary.skipped)
        if _apply(index_dir, seeds_dir, previous, summary, quick, [], {}, max_bytes, progress, 0, indexed + len(quick),
                  stemmer, started, publish_unchanged=False, folders=folders):
            published = previous = summary.build
            quick_ids = set(summary.added)
        del summary.skipped[skipped:]  # the full scan below reports these files, as it finds them
    base = build_path(index_dir, previous)
    old = _old_entries(base)
    files, refused = _scan(seeds_dir, {rel: doc_id for doc_id, (rel, _stat) in old.items()})
    summary.skipped.extend(refused)
    total = len(files)
    present = {doc_id for _rel, _full, doc_id in files}
    fresh = [f for f in files if f[2] not in old or old[f[2]][0] != f[0]]
    gone = sorted(set(old) - present)
    if fresh or gone:
        if published:
            summary.build = new_build_id()
        _apply(index_dir, seeds_dir, previous, summary, fresh, gone, old, max_bytes, progress, 0, total, stemmer, started,
               folders=folders)
        published = summary.build
    done = len(fresh)
    fresh_ids = {f[2] for f in fresh}
    changed: list[tuple[str, str, str]] = []
    for rel, full, doc_id in files:
        if doc_id in fresh_ids:
            continue
        if doc_id in quick_ids:  # added by the first step a moment ago
            done += 1
            continue
        stat = ingest.file_stat(full)  # type: ignore[arg-type]
        # Same size, times and inode as when it was indexed: unchanged, without reading it (as git and
        # make decide); reading and hashing 100,000 files took seconds of every incremental build.
        if stat is not None and _stat_text(stat) == old[doc_id][1]:
            summary.unchanged.append(doc_id)
            done += 1
            if progress:
                progress(done, total)
        else:
            changed.append((rel, full, doc_id))
    if changed or not published:
        if published:
            summary.build = new_build_id()
        # After a first switch, files whose content proved unchanged (only their times moved) are not worth
        # a second one: their new stat is recorded by the next build that publishes.
        if _apply(index_dir, seeds_dir, current_build(index_dir), summary, changed, [], old, max_bytes, progress,  # type: ignore[arg-type]
                  done, total, stemmer, started, publish_unchanged=not published, folders=folders):
            published = summary.build
    summary.build = published
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _apply(
    index_dir: Path,
    seeds_dir: Path,
    base_build: str,
    summary: BuildSummary,
    candidates: list[tuple[str, str, str]],
    gone: list[str],
    old: dict[str, tuple[str, str | None]],
    max_bytes: int,
    progress: Progress | None,
    done: int,
    total: int,
    stemmer: str,
    started: float,
    publish_unchanged: bool = True,
    folders: dict[str, list[int]] | None = None,
) -> bool:
    """Publish a new build: the base build's segments by hard link plus the candidates that changed, minus `gone`.

    Returns whether it published; with publish_unchanged=False it does not when no document changed.
    """
    base = build_path(index_dir, base_build)
    tmp = index_dir / BUILDS / f".tmp-{summary.build}"
    linked = _link_copy(base, tmp)
    ix: Any = None
    writer: Any = None
    try:
        db = _copy_manifest(base, tmp)
        shas = _old_shas(base, [doc_id for _r, _f, doc_id in candidates if doc_id in old])
        puts: dict[str, dict[str, Any]] = {}
        restat: dict[str, list[int] | None] = {}  # same content, new times: only the stat is recorded
        deletes: list[str] = []
        for rel, full, doc_id in candidates:
            done += 1
            path = Path(full)
            known = doc_id in old
            try:
                stat = ingest.file_stat(path)
                data, side = ingest.read_bytes(path, max_bytes)
                sha = ingest.file_sha256(data, side)
                if known and shas.get(doc_id) == sha and old[doc_id][0] == rel:
                    restat[doc_id] = stat
                    summary.unchanged.append(doc_id)
                else:
                    doc = ingest.build_document(path, data, sha, rel)
                    if writer is None:
                        ix = whoosh_index.open_dir(str(tmp))
                        writer = whooshfast.Writer(ix, limitmb=256, compound=False)
                    if known:
                        writer.delete_by_term("id", doc_id)
                    fields = whoosh_fields(doc)
                    writer.add_document(**fields)
                    puts[doc_id] = {"sha256": sha, "path": rel, "language": doc.language, "stat": stat,
                                    "indexed_at": fields["indexed_at"]}
                    (summary.updated if known else summary.added).append(doc_id)
                    summary.warnings.extend({"path": rel, "warning": w} for w in doc.warnings)
            except ingest.SkipFile as exc:
                summary.skipped.append({"path": rel, "reason": str(exc)})
                if known:  # an indexed document whose file can no longer be read leaves the index
                    deletes.append(doc_id)
            if progress:
                progress(done, total)
        for doc_id in gone:
            deletes.append(doc_id)
        for doc_id in sorted(deletes):
            if writer is None:
                ix = whoosh_index.open_dir(str(tmp))
                writer = whooshfast.Writer(ix, limitmb=256, compound=False)
            writer.delete_by_term("id", doc_id)
            summary.removed.append(doc_id)
        if writer is not None:
            writer.commit(mergetype=whooshfast.merge_small)
            writer = None
            ix.close()
        if not (puts or deletes or publish_unchanged):
            db.close()
            shutil.rmtree(tmp, ignore_errors=True)
            return False
        db.executemany("UPDATE documents SET stat = ? WHERE id = ?", ((_stat_text(st), k) for k, st in restat.items()))
        _put_documents(db, puts)
        db.executemany("DELETE FROM documents WHERE id = ?", ((k,) for k in deletes))
    except BaseException:
        try:
            if writer is not None:
                writer.cancel()
            if ix is not None:
                ix.close()
        except Exception:
            pass  # on a full disk cancel() fails flushing its buffers too; the directory goes anyway
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _publish(index_dir, seeds_dir, tmp, summary, stemmer, started, db, folders, linked)
    return True


def _new_names(seeds_dir: Path, base: Path) -> tuple[list[tuple[str, str, str]], dict[str, list[int]], int]:
    """Return the seed files whose names a published build does not know, every seeds folder's inode and mtime,
    and the number of documents the build has.

    The first step of an incremental build, so that a new file is searchable without waiting for the
    full scan: only folders whose inode or mtime differ from the build's record (a folder's mtime moves
    when a name in it is added or removed) are listed, and a listing is compared with the build's paths
    as a set. A file this step cannot decide on alone (a refused name, an id some other file has) is
    left to the full scan that follows it, and so is anything it misses (a change in the same clock tick).
    """
    meta_suffix, exts = ingest.META_SUFFIX, ingest.EXTENSIONS
    root: Path | None = None
    if not (base / MANIFEST).is_file():  # a build from before the SQLite manifest: the full scan converts it
        return [], {}, 0
    try:
        with closing(_open_manifest(base)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'folders'").fetchone()
            recorded: dict[str, list[int]] = json.loads(row[0]) if row else {}
            known: set[str] | None = None  # every indexed path, read once a folder has changed
            folders: dict[str, list[int]] = {}
            candidates: list[tuple[str, str, str]] = []
            stack = [""]
            while stack:
                rel_dir = stack.pop()
                full_dir = os.path.join(seeds_dir, rel_dir) if rel_dir else os.fspath(seeds_dir)
                prefix = rel_dir + os.sep if rel_dir else ""
                try:
                    st = os.stat(full_dir)
                except OSError:
                    continue
                key = [st.st_ino, st.st_mtime_ns]
                folders[rel_dir] = key
                if recorded.get(rel_dir) == key:  # the same names as when recorded: only its subfolders can differ
                    stack.extend(d for d in recorded if d.startswith(prefix) and d != rel_dir and os.sep not in d[len(prefix):])
                    continue
                try:
                    # Listed while `searchsvc index` imported this module, when the folder has not changed since.
                    listed = listing.take(full_dir, key)
                    # Sidecars dropped first: half of a folder's names, and never documents of their own.
                    names = [n for n in (os.listdir(full_dir) if listed is None else listed) if not n.endswith(meta_suffix)]
                except OSError:
                    continue
                if known is None:
                    known = _indexed_paths(db)
                for name in (set(names) - known) if not prefix else [n for n in names if prefix + n not in known]:
                    if name.startswith("."):
                        continue
                    full = os.path.join(full_dir, name)
                    try:
                        mode = os.lstat(full).st_mode
                    except OSError:
                        continue
                    if S_ISDIR(mode):
                        stack.append(prefix + name)  # os.walk does not follow a symlinked folder, and lstat does not either
                        continue
                    if not name.lower().endswith(exts):
                        continue
                    root = root or seeds_dir.resolve()
                    if _refusal(name, full, root) is None:
                        candidates.append((prefix + name, full, ingest.document_id(name)))
            ids = [doc_id for _rel, _full, doc_id in candidates]
            taken: set[str] = set()
            for i in range(0, len(ids), 500):  # SQLite's bound-parameter limit
                chunk = ids[i : i + 500]
                taken.update(k for (k,) in db.execute(f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
            indexed = len(known) if known is not None else 0
    except (sqlite3.DatabaseError, json.JSONDecodeError, OSError):
        return [], {}, 0
    counts: dict[str, int] = {}
    for _rel, _full, doc_id in candidates:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    quick = [c for c in candidates if c[2] not in taken and counts[c[2]] == 1]  # twins: the full scan decides
    return sorted(quick), folders, indexed


def _indexed_paths(db: sqlite3.Connection) -> set[str]:
    """Return the seed paths a manifest holds, read as one string (a row each cost ~2 µs, 0.2 s at 100,000)."""
    (joined,) = db.execute("SELECT group_concat(path, char(10)) FROM documents").fetchone()
    # A newline cannot stand in a path: ingest refuses names with control characters before indexing them.
    return set(joined.split("\n")) if joined else set()


def _refusal(name: str, full: str, root: Path) -> str | None:
    """Return why ingest.discover refuses a seed file before reading it, or None."""
    if ingest._NAME_CONTROL.search(name):  # discover's own pattern, so both refuse the same names
        return "the file name contains a control character; rename the file"
    if os.path.islink(full):
        target = Path(full).resolve()
        if not target.is_relative_to(root):
            return "symlink points outside the seeds folder"
        if not target.is_file():
            return "symlink to nothing"
    return None


def _scan(seeds_dir: Path, known: dict[str, str]) -> tuple[list[tuple[str, str, str]], list[dict[str, str]]]:
    """Return the seed files as (relative path, full path, id) in ingest.discover's order, and its refusals.

    The rules of ingest.discover (tests/test_index.py checks that both agree), from one os.scandir per
    folder: a name indexed before that is still no symlink keeps its id without the per-name checks
    (Unicode normalisation, control characters, symlink targets, Path objects), which cost seconds at
    100,000 files.
    """
    base = os.fspath(seeds_dir)
    root: Path | None = None
    files: list[tuple[str, str, str]] = []
    refused: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    stack = [("", base)]
    while stack:
        prefix, dirpath = stack.pop()
        names: dict[str, os.DirEntry[str]] = {}
        subdirs: list[str] = []
        meta, exts = ingest.META_SUFFIX, ingest.EXTENSIONS
        try:
            with os.scandir(dirpath) as it:
                for e in it:
                    name = e.name
                    try:
                        is_dir = e.is_dir()  # from the listing's file type: no system call
                    except OSError:
                        is_dir = False  # as os.walk
                    if is_dir:
                        if not name.startswith(".") and not e.is_symlink():  # os.walk does not follow links
                            subdirs.append(name)
                    elif not (name.startswith(".") or name.endswith(meta)) and name.lower().endswith(exts):
                        names[name] = e
        except OSError:
            continue  # os.walk skips a folder it cannot list, and so does discover
        for name in sorted(subdirs, reverse=True):
            stack.append((prefix + name + os.sep, os.path.join(dirpath, name)))
        head = os.path.join(dirpath, "")  # what os.path.join(dirpath, name) puts before the name
        for name in sorted(names):
            entry = names[name]
            rel = prefix + name
            full = head + name
            doc_id = known.get(rel)
            if doc_id is None or entry.is_symlink():
                root = root or seeds_dir.resolve()
                reason = _refusal(name, full, root)
                if reason:
                    refused.append({"path": rel, "reason": reason})
                    continue
                doc_id = ingest.document_id(name)
            if doc_id in seen:
                holder = seen[doc_id]
                held = next(i for i, f in enumerate(files) if f[0] == holder)
                if not ingest.looks_indexable(files[held][1]) and ingest.looks_indexable(full):
                    # A broken twin must not hide the file that can be indexed (as ingest.discover decides).
                    files[held] = (rel, full, doc_id)
                    seen[doc_id] = rel
                    refused.append({"path": holder, "reason": f"duplicate id {doc_id!r}: {rel} has it"})
                    continue
                refused.append({"path": rel, "reason": f"duplicate id {doc_id!r}: {holder} has it"})
                continue
            seen[doc_id] = rel
            files.append((rel, full, doc_id))
    return files, refused


def _analysis_key(stemmer: str) -> dict[str, Any]:
    """Return what must match between builds for an incremental build to be valid.

    The fingerprint hashes everything that decides a token, so any change to it re-analyses every document:
    the stemmer and its library's version, the stopword lists, the lexicon's data files and code, the
    compound and override rules, and the analyzer code (analysis.py, whose source includes the tokenizer).
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from whoosh.lang import stopwords_for_language

    from . import analysis, lexicon

    def dist_version(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    digest = hashlib.sha256()
    parts: list[Any] = [
        ANALYSIS_VERSION,
        stemmer,
        dist_version({"pystemmer": "PyStemmer", "nltk": "nltk"}.get(stemmer, stemmer)),
        dist_version("whoosh-reloaded"),  # StopFilter, the accent map, the tokenizer
        {lang: sorted(stopwords_for_language(lang)) for lang in analysis.LANGUAGES},
        {lang: sorted(table.items()) for lang, table in analysis.STEM_OVERRIDES.items()},
        [analysis.USE_LEXICON, analysis.USE_COMPOUNDS],
        lexicon.fingerprint(),
    ]
    digest.update(json.dumps(parts, ensure_ascii=False).encode())
    digest.update(Path(analysis.__file__).read_bytes())
    return {"version": ANALYSIS_VERSION, "stemmer": stemmer, "fingerprint": digest.hexdigest()}


def _changed_documents(
    seeds_dir: Path,
    max_bytes: int,
    old_docs: dict[str, dict[str, Any]],
    summary: BuildSummary,
    new_docs: dict[str, dict[str, Any]],
    progress: Progress | None,
    documents: Iterable[ingest.Document] | None,
) -> Iterator[ingest.Document]:
    """Yield the documents that are new or changed, and record every outcome in the summary."""
    if documents is not None:
        for doc in documents:
            entry = {"sha256": doc.sha256, "path": doc.path, "language": doc.language}
            new_docs[doc.id] = entry
            if old_docs.get(doc.id, {}).get("sha256") == doc.sha256:
                summary.unchanged.append(doc.id)
                continue
            (summary.updated if doc.id in old_docs else summary.added).append(doc.id)
            yield doc
        return
    paths, refused = ingest.discover(seeds_dir)
    summary.skipped.extend({"path": s.path, "reason": s.reason} for s in refused)
    total = len(paths)
    root_len = len(os.fspath(seeds_dir).rstrip(os.sep)) + 1  # discover() joins names onto seeds_dir as given
    for done, path in enumerate(paths, start=1):
        full = os.fspath(path)
        rel = full[root_len:]
        doc_id = ingest.document_id(full)
        try:
            old = old_docs.get(doc_id)
            stat = ingest.file_stat(path)
            # Same size, times and inode as when it was indexed: unchanged, without reading it (as git and
            # make decide); reading and hashing 100,000 files took seconds of every incremental build.
            if old and stat is not None and old.get("stat") == stat and old.get("path") == rel:
                new_docs[doc_id] = old
                summary.unchanged.append(doc_id)
                if progress:
                    progress(done, total)
                continue
            data, side = ingest.read_bytes(path, max_bytes)
            sha = ingest.file_sha256(data, side)
            if old and old.get("sha256") == sha and old.get("path") == rel:
                new_docs[doc_id] = {**old, "stat": stat}
                summary.unchanged.append(doc_id)
            else:
                doc = ingest.build_document(path, data, sha, rel)
                new_docs[doc_id] = {"sha256": sha, "path": rel, "language": doc.language, "stat": stat}
                (summary.updated if old else summary.added).append(doc_id)
                summary.warnings.extend({"path": rel, "warning": w} for w in doc.warnings)
                yield doc
        except ingest.SkipFile as exc:
            summary.skipped.append({"path": rel, "reason": str(exc)})
        if progress:
            progress(done, total)


def _link_copy(src: Path, dst: Path) -> set[str]:
    """Copy a build by hard links (Whoosh never rewrites a segment file, it only writes new ones); return the linked names."""
    dst.mkdir()
    linked = set()
    for name in os.listdir(src):
        if name in (MANIFEST, LEGACY_MANIFEST) or name.endswith(".lock") or name.startswith("."):
            continue
        try:
            os.link(src / name, dst / name)
            linked.add(name)
        except OSError:
            shutil.copy2(src / name, dst / name)
    return linked


def _remove_stale(index_dir: Path) -> None:
    """Delete half-built directories and builds older than the last good one (called under the lock)."""
    builds = index_dir / BUILDS
    if not builds.is_dir():
        return
    current = current_build(index_dir)
    done = sorted((d for d in os.listdir(builds) if not d.startswith(".")), reverse=True)
    keep = set()
    if current:
        keep.add(current)
        older = [d for d in done if d < current]
        keep.update(older[: KEEP_BUILDS - 1])
    for name in os.listdir(builds):
        if name not in keep:
            shutil.rmtree(builds / name, ignore_errors=True)


# --- reading ---------------------------------------------------------------------------------


def open_index(index_dir: Path) -> tuple[Any, str]:
    """Open the current build and check that its files read; return (whoosh index, build id) or raise IndexMissing."""
    build = current_build(index_dir)
    if not build:
        raise IndexMissing(f"no index in {index_dir}; build one with `searchsvc index`")
    path = build_path(index_dir, build)
    if not path.is_dir():
        raise IndexDamaged(
            f"the index in {index_dir} points to build {build}, which does not exist; rebuild it with `searchsvc index --full`"
        )
    reason = None
    with warnings.catch_warnings():
        # A reader that fails half-way leaves its files open until its traceback goes: close them quietly.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = whoosh_index.open_dir(str(path))
            with ix.searcher() as searcher:
                _probe(searcher)
        except Exception as exc:  # Whoosh reports damage as anything: EOFError, struct.error, KeyError, a bare Exception
            reason = f"{type(exc).__name__}: {exc}"
        if reason:
            gc.collect()
    if reason is None:
        return ix, build
    raise IndexDamaged(
        f"the index build {build} in {index_dir} is damaged and cannot be read ({reason}); rebuild it with `searchsvc index --full`"
    )


def _probe(searcher: Any) -> None:
    """Read a little of every file of every segment, so a damaged build fails when opened, not at some query."""
    for reader, _base in searcher.reader().leaf_readers():
        count = reader.doc_count_all()  # deleted documents included: their stored data is still there
        if not count:
            continue
        names = [name for name, fld in reader.schema.items() if fld.indexed]
        ends = (0, count - 1)  # the start and the end of the stored-field and column files
        for name in names:
            if reader.has_column(name):
                column = reader.column_reader(name)
                for doc in ends:
                    column[doc]
        for doc in ends:
            reader.stored_fields(doc)
            for name in names:
                if reader.schema[name].scorable:
                    reader.doc_field_length(doc, name)
        for name in names:
            for term in itertools.islice(reader.lexicon(name), 1):
                list(itertools.islice(reader.postings(name, term).all_ids(), 1))
        # Terms and postings are written field by field in name order: the last field ("year", a few dozen
        # terms) lies at the end of both files, so reading each of its terms finds a truncated file.
        last = max(names)
        for term in reader.lexicon(last):
            list(itertools.islice(reader.postings(last, term).all_ids(), 1))


def _build_files(path: Path) -> tuple[tuple[str, int, int, int], ...] | None:
    """Return name, inode, size and mtime of every file of a build, or None when its folder is gone."""
    try:
        # `with`: a file removed mid-listing (a reindex cleaning up) raises here, and an unclosed iterator warns.
        with os.scandir(path) as entries:
            return tuple(sorted((e.name, e.inode(), *_size_mtime(e)) for e in entries))
    except FileNotFoundError:
        return None


def _dir_key(path: Path) -> tuple[int, int] | None:
    """Return a folder's inode and modification time (it changes when a file is added or removed), or None."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns)


def _size_mtime(entry: os.DirEntry[str]) -> tuple[int, int]:
    st = entry.stat()
    return st.st_size, st.st_mtime_ns


def _close_all(searchers: list[Any]) -> None:
    """Close every searcher in the list (a handle's finalizer, so no file is left to the garbage collector)."""
    while searchers:
        try:
            searchers.pop().close()
        except Exception:
            pass


class IndexHandle:
    """Keeps one index open across requests and reopens it when the build pointer moves.

    A published build never changes, so when the files of the open build change or vanish it is damaged:
    the handle drops it and opens whatever CURRENT names, or raises IndexMissing until a good build lands.
    When CURRENT goes away or names a build that cannot be opened, the handle keeps serving the intact
    build it has and says why in `problem` (/healthz reports it). A replaced searcher is closed at the
    switch after next, not at once, so a request still using it (threaded servers) can finish; the
    handle's finalizer closes whatever is left.
    """

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._key: tuple[int, int] | None = None
        self._searcher: Any = None
        self._files: tuple[tuple[str, int, int, int], ...] | None = None
        self._dir_key: tuple[int, int] | None = None
        self._open: list[Any] = []  # every searcher not yet closed, newest last
        self.build: str | None = None
        self.problem: str | None = None  # why CURRENT cannot be served, while an older build still is
        weakref.finalize(self, _close_all, self._open)

    def _pointer_key(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.index_dir / POINTER)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (st.st_ino, st.st_mtime_ns)

    def _intact(self, check_files: bool) -> bool:
        """Say whether the open build's folder (and, when asked, each file's size and time) is as it was opened."""
        if self.build is None:
            return False
        path = build_path(self.index_dir, self.build)
        if _dir_key(path) != self._dir_key:  # one stat per request: a file deleted or added, the folder gone
            return False
        return not check_files or _build_files(path) == self._files

    def _drop(self) -> None:
        """Stop serving the open searcher (it stays in _open, to be closed later, for requests still using it)."""
        self._searcher, self._key, self._files, self._dir_key = None, None, None, None

    def searcher(self, check_files: bool = False) -> Any:
        """Return an open searcher on the current build, switching when a new build was published.

        check_files=True (/healthz) also compares every file's size and time with those at opening.
        """
        key = self._pointer_key()
        if key is not None and key == self._key and self._searcher is not None and self._intact(check_files):
            return self._searcher
        with self._lock:
            key = self._pointer_key()
            if self._searcher is not None and not self._intact(check_files):
                self._drop()
            if key is None:
                self.problem = f"no index in {self.index_dir}; build one with `searchsvc index`"
                if self._searcher is None:
                    raise IndexMissing(self.problem)
                return self._searcher
            if key != self._key or self._searcher is None:
                try:
                    ix, build = open_index(self.index_dir)
                    dir_key = _dir_key(build_path(self.index_dir, build))
                    files = _build_files(build_path(self.index_dir, build))
                    try:
                        searcher = ix.searcher()
                    except Exception as exc:  # changed since open_index probed it
                        raise IndexDamaged(f"the index build {build} in {self.index_dir} cannot be read ({exc})") from None
                except IndexMissing as exc:
                    self._key, self.problem = key, str(exc)  # retried when CURRENT moves or the build goes
                    if self._searcher is None:
                        raise
                    return self._searcher  # keep serving the build we have
                while len(self._open) > 1:  # keep the one just replaced open a little longer
                    self._open.pop(0).close()
                self._open.append(searcher)
                self._searcher, self.build, self._key, self._files, self._dir_key = searcher, build, key, files, dir_key
                self.problem = None
            return self._searcher

    def check(self) -> str | None:
        """Open the current build afresh and probe it; when it cannot serve, stop using it and return why."""
        try:
            open_index(self.index_dir)
        except IndexMissing as exc:
            with self._lock:
                self._drop()
                self.problem = str(exc)
            return str(exc)
        return None

    def close(self) -> None:
        """Close every searcher this handle opened."""
        with self._lock:
            _close_all(self._open)
            self._searcher = None
            self._key = None
            self._files = None
            self._dir_key = None
