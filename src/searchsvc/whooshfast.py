"""Every use of Whoosh's private internals: posting blocks, length columns and stored columns read as arrays.

Whoosh reads postings and columns one value at a time through matcher objects; the engine needs whole
arrays. This module reads the codec's blocks directly. It never falls back: when a reader, posting format
or column is not the one it knows (a Whoosh upgrade, another codec), it raises NotFast, so the change is a
failing test rather than a silent slowdown.
"""

from __future__ import annotations

import itertools
import pickle
import zlib
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


def postings(
    leaf: Any, fieldname: str, btext: bytes, check: Callable[[], None], blocks: list[tuple[int, int]] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's (local document numbers, term frequencies) in one segment, deleted ones included.

    When `blocks` is given, each block's (file offset, last document number) is appended to it (the block
    directory that block_directory would read again).
    """
    if (fieldname, btext) not in leaf:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    m = _block_matcher(leaf, fieldname, btext)
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    offset = m._baseoffset
    while m.is_active():
        check()
        if blocks is not None:
            blocks.append((offset, m._maxid))
            offset = m._nextoffset
        raw_ids, raw_w = _ids_and_weights(m)
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


# Whoosh pickles a block as (ids, weights, values) with protocol 2, where each bytes value becomes a call
# _codecs.encode(text, "latin1"): unpickling the values (every position list) is most of a block's cost,
# and scoring needs only the ids and weights. The values start at the block's first _codecs.encode global,
# a 16-byte run that cannot occur inside the ids (K/M/J opcodes every 2-5 bytes) or weights (G every 9
# bytes), so the pickle is cut there and closed as a pair. A tuple of more than 3 values opens with MARK.
_VALUES_START = b"c_codecs\nencode\n"


def _ids_and_weights(m: Any) -> tuple[Any, Any]:
    """Return the current block's raw (ids, weights), unpickling its values only when they cannot be cut off."""
    data = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    if m._compression:
        data = zlib.decompress(data)
    cut = data.find(_VALUES_START)
    if cut > 0 and (m._fixedsize is None or m._fixedsize < 0) and m._blocklength > 3:
        cut = cut - 1 if data[cut - 1 : cut] == b"(" else -1  # one value per posting: a MARKed tuple of them
    if cut > 0:
        try:
            pair = pickle.loads(data[:cut] + b"\x86.")  # TUPLE2, STOP
            if type(pair) is tuple and len(pair) == 2 and len(pair[0]) == m._blocklength:
                return pair
        except Exception:  # noqa: BLE001  (a block laid out otherwise is unpickled whole below)
            pass
    whole = pickle.loads(data)
    return whole[0], whole[1]


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


# --- word positions as arrays (phrases and proximity) ---------------------------------------------------
# A Positions value is pack_uint(count) + pickle.dumps(deltas, protocol 2): "\x80\x02" ... ".". Whoosh
# unpickles and sums each document's value in a Python loop; here the pickles of a whole block are joined
# into one (their opcodes build one list each, between a MARK and a LIST opcode), loaded in one call, and
# the deltas summed with numpy.

_POS_HEAD = 4 + 2  # pack_uint(count) + the PROTO opcode and its version byte
_PROTO2 = b"\x80\x02"


def block_directory(leaf: Any, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's posting blocks in one segment: (file offset, last document number) of each block."""
    if (fieldname, btext) not in leaf:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    m = _block_matcher(leaf, fieldname, btext)
    offsets: list[int] = []
    maxids: list[int] = []
    offset = m._baseoffset  # the first block starts right after the postings header
    while m.is_active():
        offsets.append(offset)
        maxids.append(m._maxid)  # from the block header: no block data is read here
        offset = m._nextoffset
        m._next_block()
    return np.array(offsets, dtype=np.int64), np.array(maxids, dtype=np.int64)


def position_blocks(
    leaf: Any, fieldname: str, btext: bytes, offsets: list[int], check: Callable[[], None]
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Return, for each block at the given offsets, (local document numbers, positions per document, positions).

    The positions are the documents' position lists one after the other, each in increasing order.
    """
    m = _block_matcher(leaf, fieldname, btext)
    if not hasattr(m, "_goto") or m._fixedsize is not None:
        raise NotFast(f"posting values of {fieldname} are not position lists")
    out = []
    for offset in offsets:
        check()
        m._goto(offset)
        m._read_data()  # one zlib + pickle per block: ids, weights and every document's positions value
        raw_ids, values = m._data[0], m._data[2]
        block_ids = np.frombuffer(raw_ids, dtype=raw_ids.typecode) if hasattr(raw_ids, "typecode") else np.asarray(raw_ids)
        ids = block_ids.astype(np.int64) if m._byteids else np.cumsum(block_ids, dtype=np.int64)
        if not isinstance(values, tuple) or len(values) != len(ids):
            raise NotFast(f"posting values of {fieldname} are not one value per document")
        starts, positions = decode_positions(values)
        # int32 halves what a cached block costs: local document numbers and positions stay far below 2**31.
        out.append((ids.astype(np.int32), np.diff(starts).astype(np.int32), positions.astype(np.int32)))
    return out


def decode_positions(values: tuple[bytes, ...] | list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Return (row starts, positions) of Positions-format values: the same lists as Positions.decode_positions."""
    bodies = []
    for v in values:
        if v[4:6] != _PROTO2:
            raise NotFast("a positions value that is not a protocol-2 pickle")
        bodies.append(v[_POS_HEAD:-1] if v[-1:] == b"." else v[_POS_HEAD:])
    lists = pickle.loads(b"\x80\x02(" + b"".join(bodies) + b"l.")
    if len(lists) != len(values):
        raise NotFast("positions values did not decode one list each")
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    starts = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    deltas = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=int(starts[-1]))
    running = np.zeros(len(deltas) + 1, dtype=np.int64)
    np.cumsum(deltas, out=running[1:])
    # Each row's deltas start from 0: subtract the running sum reached before the row.
    return starts, running[1:] - np.repeat(running[starts[:-1]], counts)
