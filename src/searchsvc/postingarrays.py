"""Posting arrays beside a segment: the common terms' document numbers and weights as plain int32/float32 runs.

Whoosh keeps postings as zlib-compressed pickles of 128 postings, positions included; decoding a common word
(tens of thousands of postings, in each of the fields a word is searched in) is most of a cold query's
ranking time. The build writes, for every term with at least MIN_POSTINGS postings in a segment, its local
document numbers and weights once more as arrays, in one file per segment (`<segment>.spa`, which Whoosh
keeps and deletes with the segment's other files). A query reads a term with one pread. Terms not in the
file (rare ones, and segments written by Whoosh's own merge) are decoded from Whoosh's blocks as before.

Layout: MAGIC, then per term the ids (int32 LE) and weights (float32 LE, Whoosh stores them as float32 too),
then the directory (pickle of {(field, term bytes): (offset, count)}), then its offset (u64 LE) and MAGIC.
"""

from __future__ import annotations

import os
import pickle
import struct
from array import array
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

EXTENSION = ".spa"
MAGIC = b"SSPA0001"
MIN_POSTINGS = 128  # one full Whoosh block: below it decoding costs about what a read does
_TRAILER = struct.Struct("<Q8s")
_LITTLE = array("i", [1]).tobytes()[0] == 1  # array('i'/'f') writes native order; the file is little-endian


class Writer:
    """Writes one segment's posting arrays as the segment's terms are written, in any order."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.directory: dict[tuple[str, bytes], tuple[int, int]] = {}
        fh.write(MAGIC)
        self.offset = len(MAGIC)

    def add(self, fieldname: str, tbytes: bytes, docs: list[int], weights: list[float]) -> None:
        """Keep a term's postings when it has enough of them to be worth it."""
        count = len(docs)
        if count < MIN_POSTINGS:
            return
        ids, ws = array("i", docs), array("f", weights)
        if not _LITTLE:
            ids.byteswap()
            ws.byteswap()
        self.fh.write(ids.tobytes())
        self.fh.write(ws.tobytes())
        self.directory[(fieldname, tbytes)] = (self.offset, count)
        self.offset += 8 * count

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
            self.directory: dict[tuple[str, bytes], tuple[int, int]] = pickle.loads(
                os.pread(fd, size - _TRAILER.size - dir_offset, dir_offset))
        finally:
            os.close(fd)
        self.reads = 0  # terms served, for tests and profiles

    def get(self, fieldname: str, tbytes: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a term's (local document numbers as int64, weights as float64), or None when it is not here."""
        found = self.directory.get((fieldname, tbytes))
        if found is None:
            return None
        offset, count = found
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None  # the build's folder is gone (a newer build replaced it): Whoosh's open files still serve
        try:
            data = os.pread(fd, 8 * count, offset)
        finally:
            os.close(fd)
        if len(data) != 8 * count:  # a file cut short since it was opened: Whoosh's blocks are the record
            return None
        self.reads += 1
        ids = np.frombuffer(data, dtype="<i4", count=count).astype(np.int64)
        weights = np.frombuffer(data, dtype="<f4", count=count, offset=4 * count).astype(np.float64)
        return ids, weights


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
