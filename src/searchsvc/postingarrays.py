"""Posting arrays beside a segment: the common terms' document numbers and weights as plain int32/float32 runs.

Whoosh keeps postings as zlib-compressed pickles of 128 postings, positions included; decoding a common word
(tens of thousands of postings, in each of the fields a word is searched in) is most of a cold query's
ranking time. The build writes, for every term with at least MIN_POSTINGS postings in a segment, its local
document numbers and weights once more as arrays, in one file per segment (`<segment>.spa`, which Whoosh
keeps and deletes with the segment's other files). A query reads a term with one pread. Terms not in the
file (rare ones, and segments written by Whoosh's own merge) are decoded from Whoosh's blocks as before.

For a field with positions the term's word positions follow: the number of positions in each document
(int32) and all of them, document after document (int32), so a phrase reads the positions of just the
documents it checks with one more pread instead of unpickling every position list of their blocks.

Layout: MAGIC, then per term the ids (int32 LE) and weights (float32 LE, Whoosh stores them as float32 too),
then, with positions, the counts and the positions (int32 LE); then the directory (pickle of
{(field, term bytes): (offset, count, positions or -1)}), then its offset (u64 LE) and MAGIC.
"""

from __future__ import annotations

import os
import pickle
import struct
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .lazy import LazyNumpy

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyNumpy(__name__)  # imported by builds, which need numpy only for terms with posting arrays

EXTENSION = ".spa"
MAGIC = b"SSPA0002"  # 0001 had no positions: such a file is not read (the blocks are)
MIN_POSTINGS = 128  # one full Whoosh block: below it decoding costs about what a read does
_TRAILER = struct.Struct("<Q8s")
_LITTLE = array("i", [1]).tobytes()[0] == 1  # array('i'/'f') writes native order; the file is little-endian


class Writer:
    """Writes one segment's posting arrays as the segment's terms are written, in any order."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.directory: dict[tuple[str, bytes], tuple[int, int, int]] = {}
        fh.write(MAGIC)
        self.offset = len(MAGIC)

    def wants(self, docs: list[int]) -> bool:
        """Say whether a term with these postings goes into the file."""
        return len(docs) >= MIN_POSTINGS

    def add(self, fieldname: str, tbytes: bytes, docs: list[int], weights: list[float],
            counts: np.ndarray | None = None, positions: np.ndarray | None = None) -> None:
        """Keep a term's postings (and its positions: counts per document, then all of them) when wanted."""
        count = len(docs)
        if not self.wants(docs):
            return
        ids, ws = array("i", docs), array("f", weights)
        if not _LITTLE:
            ids.byteswap()
            ws.byteswap()
        self.fh.write(ids.tobytes())
        self.fh.write(ws.tobytes())
        npos = -1
        if counts is not None and positions is not None:
            npos = len(positions)
            self.fh.write(np.asarray(counts, dtype="<i4").tobytes())
            self.fh.write(np.asarray(positions, dtype="<i4").tobytes())
        self.directory[(fieldname, tbytes)] = (self.offset, count, npos)
        self.offset += 8 * count + (4 * count + 4 * npos if npos >= 0 else 0)

    def close(self) -> None:
        """Write the directory and the trailer, and close the file."""
        self.fh.write(pickle.dumps(self.directory, protocol=4))
        self.fh.write(_TRAILER.pack(self.offset, MAGIC))
        self.fh.close()


class Reader:
    """One segment's posting arrays, read a term at a time with pread; the directory is read once.

    The file is opened for each read, not held open: an open build's cache may outlive the build (a reindex
    removes old builds, a test unmounts its folder), and a held descriptor would keep the space or the mount busy.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        fd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(fd).st_size
            if size < len(MAGIC) + _TRAILER.size:
                raise ValueError(f"{path.name}: too short")
            dir_offset, magic = _TRAILER.unpack(os.pread(fd, _TRAILER.size, size - _TRAILER.size))
            if magic != MAGIC or os.pread(fd, len(MAGIC), 0) != MAGIC or not len(MAGIC) <= dir_offset <= size:
                raise ValueError(f"{path.name}: not a complete posting-array file")
            self.directory: dict[tuple[str, bytes], tuple[int, int, int]] = pickle.loads(
                os.pread(fd, size - _TRAILER.size - dir_offset, dir_offset))
        finally:
            os.close(fd)
        self.reads = 0  # terms served, for tests and profiles

    def get(self, fieldname: str, tbytes: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's (local document numbers as int64, weights as float64), or None when it is not here."""
        found = self.directory.get((fieldname, tbytes))
        if found is None:
            return None
        offset, count, _npos = found
        data = self._read([(offset, 8 * count)])
        if data is None:
            return None
        self.reads += 1
        ids = np.frombuffer(data[0], dtype="<i4", count=count).astype(np.int64)
        weights = np.frombuffer(data[0], dtype="<f4", count=count, offset=4 * count).astype(np.float64)
        return ids, weights

    def positions(self, fieldname: str, tbytes: bytes, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's positions in some sorted local documents as (document, position) pairs, or None when
        the file has no positions of the term; the pairs come sorted by document, then position."""
        found = self.directory.get((fieldname, tbytes))
        if found is None or found[2] < 0:
            return None
        offset, count, npos = found
        meta = self._read([(offset, 4 * count), (offset + 8 * count, 4 * count)])
        if meta is None:
            return None
        ids = np.frombuffer(meta[0], dtype="<i4", count=count)
        counts = np.frombuffer(meta[1], dtype="<i4", count=count).astype(np.int64)
        at = np.searchsorted(ids, docs)  # both sorted: each wanted document's row, if it has the term
        rows = at[(at < count) & (ids[np.minimum(at, count - 1)] == docs)]
        empty = np.empty(0, np.int64)
        if not len(rows):
            return empty, empty
        ends = np.cumsum(counts)
        first, last = int(ends[rows[0]] - counts[rows[0]]), int(ends[rows[-1]])
        # The positions of the first to the last wanted document in one read; the others' are skipped below.
        span = self._read([(offset + 12 * count + 4 * first, 4 * (last - first))])
        if span is None:
            return None
        pos = np.frombuffer(span[0], dtype="<i4", count=last - first)
        return gather_runs(ids, counts, pos, rows, first)

    def _read(self, ranges: list[tuple[int, int]]) -> list[bytes] | None:
        """Return the bytes at each (offset, length), or None when the file is gone or shorter than its directory."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None  # the build's folder is gone (a newer build replaced it): Whoosh's open files still serve
        try:
            out = [os.pread(fd, length, offset) for offset, length in ranges]
        finally:
            os.close(fd)
        if any(len(data) != length for data, (_offset, length) in zip(out, ranges)):
            return None  # a file cut short since it was opened: Whoosh's blocks are the record
        return out


def gather_runs(
    ids: np.ndarray, counts: np.ndarray, pos: np.ndarray, rows: np.ndarray, first: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Return the (document, position) pairs of some rows of a position table, in row order.

    Row r is document ids[r] with counts[r] positions, the rows' positions one run after the other in `pos`;
    `pos` may start at the position numbered `first` of that sequence (a read of just the wanted span).
    """
    ends = np.cumsum(counts)
    chosen = counts[rows]
    # Each chosen row's run of `pos`, gathered in one fancy index.
    gather = np.repeat(ends[rows] - chosen - first - (np.cumsum(chosen) - chosen), chosen)
    return np.repeat(ids[rows].astype(np.int64), chosen), pos[gather + np.arange(len(gather))].astype(np.int64)


def open_reader(path: Path | None) -> Reader | None:
    """Return the reader of a segment's posting arrays, or None when it has none (or a damaged one)."""
    if path is None:
        return None
    try:
        return Reader(path)
    except (OSError, ValueError, pickle.UnpicklingError, EOFError):
        return None  # the segment's postings are decoded from Whoosh's blocks instead: slower, same results


def segment_writer(folder: Any, filename: str) -> Writer:
    """Return a writer of the posting arrays file `filename` in a build folder."""
    return Writer(open(os.path.join(folder, filename), "wb"))
