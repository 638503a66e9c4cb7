"""Every use of Whoosh's private internals: posting blocks, length columns and stored columns read as arrays.

Whoosh reads postings and columns one value at a time through matcher objects; the engine needs whole
arrays. This module reads the codec's blocks directly. It never falls back: when a reader, posting format
or column is not the one it knows (a Whoosh upgrade, another codec), it raises NotFast, so the change is a
failing test rather than a silent slowdown.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

LENGTH_TABLE = np.array([byte_to_length(b) or 1 for b in range(256)], dtype=np.float64)


class NotFast(Exception):
    """Whoosh's internals are not the ones this module reads (another codec, matcher or weighting)."""


def leaves(searcher: Any) -> list[tuple[Any, int]]:
    """Return (segment reader, first index-wide document number) for every segment of an open searcher."""
    reader = searcher.reader()
    if reader.is_atomic():
        return [(reader, 0)]
    return list(reader.leaf_readers())


def bm25f(searcher: Any, fieldname: str) -> tuple[float, float]:
    """Return BM25F's (B, K1) for a field; raise NotFast for any other weighting."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        raise NotFast(f"weighting {type(weighting).__name__}")
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def deleted(leaf: Any) -> np.ndarray | None:
    """Return a segment's deleted document numbers (local, sorted), or None when it has none."""
    if not leaf.has_deletions():
        return None
    docs = getattr(leaf, "_deleted", None)
    if docs is None:
        docs = leaf.deleted_docs_set  # a property of SegmentReader; raises AttributeError on another reader
    return np.fromiter(sorted(docs), dtype=np.int64)


def _block_matcher(leaf: Any, fieldname: str, btext: bytes) -> W3LeafMatcher:
    """Return the raw block matcher of a term in one segment (deleted documents not yet hidden)."""
    matcher = leaf.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):  # the segment hides its deleted documents this way
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher:
        raise NotFast(f"posting matcher {type(matcher).__name__}")
    return matcher


def postings(leaf: Any, fieldname: str, btext: bytes, check: Callable[[], None]) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's (local document numbers, term frequencies) in one segment, deleted ones included."""
    if (fieldname, btext) not in leaf:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    m = _block_matcher(leaf, fieldname, btext)
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while m.is_active():
        check()
        if m._data is None:
            m._read_data()  # one pickle per block: ids (delta-coded unless byte ids), weights, values
        raw_ids, raw_w = m._data[0], m._data[1]
        n = m._blocklength
        block_ids = np.frombuffer(raw_ids, dtype=raw_ids.typecode) if hasattr(raw_ids, "typecode") else np.asarray(raw_ids)
        ids.append(block_ids.astype(np.int64) if m._byteids else np.cumsum(block_ids, dtype=np.int64))
        if raw_w is None:
            weights.append(np.ones(n))
        elif isinstance(raw_w, float):
            weights.append(np.full(n, raw_w))
        else:
            weights.append(np.asarray(raw_w, dtype=np.float64))
        m._next_block()
    if not ids:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    return np.concatenate(ids), np.concatenate(weights)


def lengths(leaf: Any, fieldname: str) -> np.ndarray:
    """Return a segment's field lengths as one encoded byte per document, read in one go."""
    perdoc = leaf._perdoc
    name = _lenfield(fieldname)
    if not perdoc.has_column(name):
        raise NotFast(f"no length column for {fieldname}")
    column = perdoc.column_reader(name, LENGTHS_COLUMN)
    if column._typecode != "B" or column._fixedlen != 1 or column._reverse:
        raise NotFast("length column format")
    out = np.zeros(leaf.doc_count_all(), dtype=np.uint8)
    data = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
    out[: len(data)] = data
    return out


def positions(
    leaf: Any, fieldname: str, btext: bytes, docs: np.ndarray, decode: Any, check: Callable[[], None]
) -> dict[int, list[int]]:
    """Return a term's word positions in the given local documents of one segment, decoding only their blocks."""
    out: dict[int, list[int]] = {}
    if (fieldname, btext) not in leaf or not len(docs):
        return out
    m = _block_matcher(leaf, fieldname, btext)
    docs = np.sort(docs)
    low = -1  # the previous block's last document: a block holds documents in (low, its max id]
    while m.is_active():
        check()
        high = m._maxid  # from the block header: blocks without a wanted document are never unpickled
        if np.searchsorted(docs, high, side="right") > np.searchsorted(docs, low, side="right"):
            if m._ids is None:
                m._read_ids()
            block = np.asarray(m._ids, dtype=np.int64)
            hit = np.flatnonzero(np.isin(block, docs, assume_unique=True))
            if len(hit):
                if m._values is None:
                    m._read_values()
                values = m._values
                for i in hit.tolist():
                    out[int(block[i])] = decode(values[i])
        low = high
        m._next_block()
    return out


def column_values(reader: Any, fieldname: str) -> list[Any]:
    """Return a stored column's value for every document (None without the column), one slice per segment.

    Whoosh reads a column one value at a time (0.4 s for 100,000 documents).
    """
    if not reader.has_column(fieldname):
        return [None] * reader.doc_count_all()
    out: list[Any] = []
    parts = [(reader, 0)] if reader.is_atomic() else list(reader.leaf_readers())
    for leaf, _offset in parts:
        column = leaf.column_reader(fieldname)
        raw = getattr(column, "_reader", None)
        if raw is None or not hasattr(raw, "_offsets"):
            raise NotFast(f"column format of {fieldname}")
        blob = raw._dbfile.get(raw._basepos, raw._length)
        decoded: dict[bytes, Any] = {}
        for off, length in zip(raw._offsets, raw._lengths):
            value = blob[off : off + length]
            text = decoded.get(value)
            if text is None:
                text = decoded[value] = column._translate(value)
            out.append(text)
    if len(out) != reader.doc_count_all():
        raise NotFast(f"column {fieldname} has {len(out)} values for {reader.doc_count_all()} documents")
    return out
