"""The Whoosh index: schema, incremental or full builds in a fresh directory, and the atomic switch."""

from __future__ import annotations

import errno
import fcntl
import gc
import itertools
import json
import os
import shutil
import threading
import time
import uuid
import warnings
import weakref
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from whoosh import index as whoosh_index

from . import ingest, parallel
from .schema import make_schema, whoosh_fields
from .errors import DiskFull, IndexDamaged, IndexMissing, ReindexRunning

# Bump when analysis or schema change, so an incremental build knows it must rebuild everything.
ANALYSIS_VERSION = 7  # 7: German form rules (ParticipleFilter, -schafter), datelines not numbered
POINTER = "CURRENT"
BUILDS = "builds"
LOCK = ".reindex.lock"
STATUS = ".reindex.json"
MANIFEST = "manifest.json"
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
    """Return the manifest of a build (the current one by default), or None."""
    build = build or current_build(index_dir)
    if not build:
        return None
    try:
        return json.loads((build_path(index_dir, build) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


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
    old_manifest = read_manifest(index_dir, previous) if previous else None
    if old_manifest is None or old_manifest.get("analysis") != _analysis_key(stemmer):
        full = True
    old_docs: dict[str, dict[str, Any]] = {} if full else old_manifest["documents"]  # type: ignore[index]

    summary = BuildSummary(build=new_build_id(), full=full)
    tmp = builds / f".tmp-{summary.build}"
    if full:
        tmp.mkdir()
        ix = whoosh_index.create_in(str(tmp), make_schema(stemmer))
    else:
        _link_copy(build_path(index_dir, previous), tmp)  # type: ignore[arg-type]
        ix = whoosh_index.open_dir(str(tmp))

    new_docs: dict[str, dict[str, Any]] = {}
    paths: list[Path] | None = None
    if full and documents is None and procs > 1:
        paths, refused = ingest.discover(seeds_dir)
        if len(paths) < parallel.PARALLEL_MIN_FILES:
            paths = None
    if paths is not None:
        ix.close()
        try:
            summary.skipped.extend({"path": s.path, "reason": s.reason} for s in refused)
            results = parallel.build_segments(tmp, seeds_dir, paths, max_bytes, procs, progress)
            for r in results:
                new_docs.update(r.entries)
                summary.added.extend(r.added)
                summary.skipped.extend(r.skipped)
                summary.warnings.extend(r.warnings)
            parallel.commit_segments(tmp, results)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return _publish(index_dir, seeds_dir, tmp, summary, new_docs, stemmer, started)

    # Separate segment files, not one compound file: Whoosh reads a compound file into memory through
    # BytesIO, so each open searcher on a 100k-document index cost ~600 MB (bench/README.md).
    writer = parallel.Writer(ix, limitmb=256, compound=False)
    try:
        for item in _changed_documents(seeds_dir, max_bytes, old_docs, summary, new_docs, progress, documents):
            if item.id in old_docs:
                writer.delete_by_term("id", item.id)
            writer.add_document(**whoosh_fields(item))
        for doc_id in sorted(set(old_docs) - set(new_docs)):
            writer.delete_by_term("id", doc_id)
            summary.removed.append(doc_id)
        writer.commit(optimize=full)
    except BaseException:
        try:
            writer.cancel()
            ix.close()
        except Exception:
            pass  # on a full disk cancel() fails flushing its buffers too; the directory goes anyway
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    ix.close()
    return _publish(index_dir, seeds_dir, tmp, summary, new_docs, stemmer, started)


def _publish(
    index_dir: Path,
    seeds_dir: Path,
    tmp: Path,
    summary: BuildSummary,
    new_docs: dict[str, dict[str, Any]],
    stemmer: str,
    started: float,
) -> BuildSummary:
    """Write the manifest, make the finished build durable and switch readers to it."""
    builds = index_dir / BUILDS
    summary.documents = len(new_docs)
    summary.seconds = round(time.perf_counter() - started, 3)  # provisional, for the manifest
    manifest = {
        "build": summary.build,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "analysis": _analysis_key(stemmer),
        "seeds_dir": str(seeds_dir),
        "documents": new_docs,
        "summary": summary.to_dict() | {"added": summary.added[:1000], "unchanged": summary.unchanged[:1000]},
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    for name in os.listdir(tmp):
        with open(tmp / name, "rb") as fh:
            os.fsync(fh.fileno())
    final = build_path(index_dir, summary.build)
    os.rename(tmp, final)
    _fsync_dir(builds)
    write_atomic(index_dir / POINTER, summary.build + "\n")
    summary.seconds = round(time.perf_counter() - started, 3)
    _remove_stale(index_dir)
    return summary


def _analysis_key(stemmer: str) -> dict[str, Any]:
    """Return what must match between builds for an incremental build to be valid."""
    from .analysis import STEM_OVERRIDES

    overrides = sum(len(v) for v in STEM_OVERRIDES.values())
    return {"version": ANALYSIS_VERSION, "stemmer": stemmer, "overrides": overrides}


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


def _link_copy(src: Path, dst: Path) -> None:
    """Copy a build by hard links: Whoosh never rewrites a segment file, it only writes new ones."""
    dst.mkdir()
    for name in os.listdir(src):
        if name == MANIFEST or name.endswith(".lock") or name.startswith("."):
            continue
        try:
            os.link(src / name, dst / name)
        except OSError:
            shutil.copy2(src / name, dst / name)


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
        return tuple(sorted((e.name, e.inode(), *_size_mtime(e)) for e in os.scandir(path)))
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
