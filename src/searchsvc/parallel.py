"""Full builds on every core: each worker process reads, analyses and indexes its share of the seed files
into a segment of its own; the parent then lists all the segments in one table of contents."""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import queue
import signal
import traceback
from pickle import dumps
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.formats import Positions
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from . import ingest, lexicon
from .analysis import CompoundPartsFilter, ParticipleFilter, participle_infinitive
from .schema import whoosh_fields

# Below this many files a pool costs more (process start-up, imports) than it saves.
PARALLEL_MIN_FILES = 400
# Files are dealt to the workers in runs of this many, so each worker gets a mix of the folder.
DEAL = 32
PROGRESS_EVERY = 50
WRITER_MB = 192  # per worker: Whoosh's posting buffer before it spills a run to disk


class _LengthsInMemory:
    """A segment's field lengths read whole, for Whoosh's posting writer that asks for one per posting."""

    def __init__(self, reader: Any):
        self._reader = reader
        self._cols: dict[str, Any] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        """Return a document's length in a field (the encoded byte, decoded), as the reader would."""
        col = self._cols.get(fieldname)
        if col is None:
            lenfield = _lenfield(fieldname)
            if not self._reader.has_column(lenfield):
                return default
            col = self._cols[fieldname] = list(self._reader.column_reader(lenfield, LENGTHS_COLUMN))
        lbyte = col[docnum]
        return byte_to_length(lbyte) if lbyte else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


_MEMO_WORDS = 1_000_000  # distinct words a field's analysis remembers before it starts afresh


class FastAnalysis:
    """A text field's index-time analysis, equal to its Whoosh analyzer chain but without a Token per word.

    Whoosh passes one Token object through a generator per filter for every word (~40 % of a build); this
    runs the same steps (regex words, lowercase, stopwords with positions renumbered, compound parts at
    the compound's position, stem, fold) as one loop over the words, remembering each distinct word's
    terms. Built only for the chains searchsvc's schema uses (analysis.py); any other chain is None and
    the field goes through Whoosh. tests/test_parallel.py checks the postings are the same for every field.
    """

    def __init__(self, pattern: Any, stops: frozenset[str] | None, minsize: int, parts_lang: str | None,
                 stem: Any, charmap: dict[int, str], participle_lang: str | None = None):
        self.findall = pattern.findall
        self.stops = stops
        self.minsize = minsize
        self.parts_lang = parts_lang
        self.participle_lang = participle_lang
        self.stem = stem
        self.charmap = charmap
        self.memo: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of(cls, field: Any) -> "FastAnalysis | None":
        """Return the fast analysis of a field, or None when its format or analyzer is not one we know."""
        if type(field.format) is not Positions or not isinstance(field.analyzer, CompositeAnalyzer) or field.vector:
            return None
        items = list(field.analyzer.items)
        kinds = [type(i) for i in items]
        if items and type(items[0]) is RegexTokenizer and (items[0].gaps or items[0].expression.groups):
            return None  # findall() below returns whole matches only for a pattern without groups
        if kinds == [RegexTokenizer, LowercaseFilter, CharsetFilter]:
            return cls(items[0].expression, None, 0, None, None, items[2].charmap)
        if kinds[:3] != [RegexTokenizer, LowercaseFilter, StopFilter]:
            return None
        stop = items[2]
        if not stop.renumber or stop.max is not None:
            return None
        rest = items[3:]
        parts_lang = None
        if rest and type(rest[0]) is CompoundPartsFilter:
            parts_lang = rest[0].lang if rest[0].enabled else None
            rest = rest[1:]
        participle_lang = None
        if rest and type(rest[0]) is ParticipleFilter:
            participle_lang = rest[0].lang if rest[0].enabled else None
            rest = rest[1:]
        if [type(i) for i in rest] != [StemFilter, CharsetFilter] or rest[0].ignore or rest[0].lang:
            return None
        return cls(items[0].expression, stop.stops, stop.min, parts_lang, rest[0]._stem, rest[1].charmap, participle_lang)

    def _terms(self, word: str) -> tuple[str, ...]:
        """Return the terms one token of the text becomes (none for a stopword; a compound adds its parts)."""
        low = word.lower()
        if self.stops is None:
            return (low.translate(self.charmap),)
        if len(low) < self.minsize or low in self.stops:
            return ()
        stem, charmap = self.stem, self.charmap
        # The chain's order: the word, then each compound part; ParticipleFilter follows each of them with
        # its infinitive when it is an inflected participle; every one is stemmed and folded.
        words = [low]
        if self.parts_lang:
            words.extend(lexicon.compound_parts(self.parts_lang, low))
        terms = []
        for w in words:
            terms.append(stem(w).translate(charmap))
            if self.participle_lang and (inf := participle_infinitive(self.participle_lang, w)) is not None:
                terms.append(stem(inf).translate(charmap))
        return tuple(terms)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Return each term of a text with its positions, as Whoosh's Positions format would record them."""
        memo = self.memo
        if len(memo) > _MEMO_WORDS:
            memo.clear()
        poses: dict[str, list[int]] = {}
        renumber = self.stops is not None
        pos = -1
        for raw, word in enumerate(self.findall(text)):
            terms = memo.get(word)
            if terms is None:
                terms = memo[word] = self._terms(word)
            if not terms:
                continue
            # StopFilter(renumber=True): the first kept word keeps its own position, the next ones follow it
            pos = (raw if pos < 0 else pos + 1) if renumber else raw
            for term in terms:
                lst = poses.get(term)
                if lst is None:
                    poses[term] = [pos]
                else:
                    lst.append(pos)
        return poses


def _encode_positions(poslist: list[int]) -> bytes:
    """Return Whoosh's Positions value of a position list (Positions.encode, without its per-call overhead)."""
    deltas = [poslist[0]]
    deltas.extend(b - a for a, b in zip(poslist, poslist[1:]))
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class Writer(SegmentWriter):
    """Whoosh's segment writer with searchsvc's fast paths: text fields analysed by FastAnalysis, and field
    lengths read from memory when it writes the postings.

    Whoosh looks up the document's field length for every posting it writes, one byte from the file at a
    time: ~7 % of a build.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._fast = {name: FastAnalysis.of(field) for name, field in self.schema.items() if field.indexed}
        self._vectors = any(field.vector for _name, field in self.schema.items())

    def per_document_reader(self) -> Any:
        """Return the per-document reader with the length columns held in memory."""
        return _LengthsInMemory(super().per_document_reader())

    def add_document(self, **fields: Any) -> None:
        """Add one document, as SegmentWriter.add_document does, through the fast analysis where a field has one."""
        if self._vectors or any(name.startswith("_") for name in fields):  # boosts, custom stored values: Whoosh's path
            return super().add_document(**fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        add_post = pool.add
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fast = self._fast.get(fieldname)
                    if fast is not None and isinstance(value, str):
                        fb = field.format.field_boost
                        poses = fast.positions(value)
                        current = pool.current
                        pool.fieldnames.add(fieldname)
                        size = 0
                        for term, poslist in poses.items():
                            freq = len(poslist)
                            tbytes = term.encode("utf-8")
                            vbytes = _encode_positions(poslist)
                            length += freq
                            # PostingPool.add's size estimate, summed per field rather than per posting
                            size += 150 + len(fieldname) + 2 * len(tbytes) + len(vbytes)
                            current.append((fieldname, tbytes, docnum, float(freq) * fb, vbytes))
                        if not field.scorable:
                            length = 0
                        pool.currentsize += size
                        if pool.currentsize > pool.limit:
                            pool.save()
                    else:
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            add_post((fieldname, tbytes, docnum, weight, vbytes))
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        add_post((spellfield, word.encode("utf-8"), 0, 1, None))
                sv = value if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


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


def _worker(parent: int, tmp: str, seeds_dir: str, paths: list[str], max_bytes: int, out: Any) -> None:
    """Index the given seed files into one new segment of the index in tmp; report on the queue."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C

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
                writer.add_document(**whoosh_fields(doc))
                result.entries[doc_id] = {"sha256": sha, "path": rel, "language": doc.language, "stat": stat}
                result.added.append(doc_id)
                result.warnings.extend({"path": rel, "warning": w} for w in doc.warnings)
            pending += 1
            if pending == PROGRESS_EVERY:
                out.put(("progress", pending))
                pending = 0
        out.put(("progress", pending))
        result.segment = writer._finalize_segment() if result.added else None
        if result.segment is None:
            writer.cancel()
        out.put(("done", result))
    except BaseException:  # report, so the parent fails the build with the reason
        out.put(("error", traceback.format_exc()))


def build_segments(
    tmp: Path,
    seeds_dir: Path,
    paths: list[Path],
    max_bytes: int,
    procs: int,
    progress: Callable[[int, int], None] | None = None,
    already_done: int = 0,
    total: int | None = None,
) -> list[WorkerResult]:
    """Index the seed files with `procs` worker processes into the (empty) index in tmp; return their results.

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
        ctx.Process(target=_worker, args=(os.getpid(), str(tmp), str(seeds_dir), share, max_bytes, out), daemon=True)
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
    writer = SegmentWriter(ix, compound=False)
    segments = [r.segment for r in results if r.segment is not None]
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
    ix.close()
