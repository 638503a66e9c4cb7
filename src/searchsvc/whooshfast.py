"""Every use of Whoosh's private internals: posting blocks, length columns and stored columns read as arrays.

Whoosh reads postings and columns one value at a time through matcher objects; the engine needs whole
arrays. This module reads the codec's blocks directly. It never falls back: when a reader, posting format
or column is not the one it knows (a Whoosh upgrade, another codec), it raises NotFast, so the change is a
failing test rather than a silent slowdown.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
import pickle
from hashlib import md5 as _md5
from math import log
import struct
import zlib
from array import array
from pickle import dumps as _dumps
from pickle import load as _load_pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3TermInfo, W3TermsReader,
                                  _lenfield)
from whoosh.filedb import filetables as _filetables
from whoosh.formats import Existence, Frequency
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25F, WeightingModel
from whoosh.system import pack_uint as _pack_uint
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from . import analysis as _analysis  # FastAnalysis._terms runs per new word: no import statement there
from . import lexicon as _lexicon
from . import postingarrays
from .lazy import LazyNumpy

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyNumpy(__name__)  # the build path imports this module; numpy only when a query or big term needs it


@functools.cache
def length_table() -> np.ndarray:
    """Return the field length each of Whoosh's one-byte length codes stands for (0 counted as 1)."""
    return np.array([byte_to_length(b) or 1 for b in range(256)], dtype=np.float64)


class NotFast(Exception):
    """Whoosh's internals are not the ones this module reads (another codec, matcher or weighting)."""


def leaves(searcher: Any) -> list[tuple[Any, int]]:
    """Return (segment reader, first index-wide document number) for every segment of an open searcher."""
    reader = searcher.reader()
    if reader.is_atomic():
        return [(reader, 0)]
    return list(reader.leaf_readers())


def segment_id(leaf: Any) -> str:
    """Return a segment reader's segment id: random when the segment is written, the same in every build that links it."""
    segid = getattr(leaf.segment(), "segid", None) if hasattr(leaf, "segment") else None
    if not isinstance(segid, str) or not segid:
        raise NotFast("segment without an id")
    return segid


def bm25f(searcher: Any, fieldname: str) -> tuple[float, float]:
    """Return BM25F's (B, K1) for a field; raise NotFast for any other weighting."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        raise NotFast(f"weighting {type(weighting).__name__}")
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def idf(searcher: Any, doc_frequency: int) -> float:
    """Return BM25F's idf of a term from its index-wide document frequency (WeightingModel.idf, without its lookups)."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or type(weighting).idf is not WeightingModel.idf:
        raise NotFast(f"weighting {type(weighting).__name__}")
    return log(searcher.get_parent().doc_count_all() / (doc_frequency + 1)) + 1


# Whoosh's term table (filetables.HashReader) reads each probe with a seek and a buffered read, and hashes
# the key through a hex string: ~25 µs a lookup here, a tenth of a request's CPU at 100,000 documents (118
# lookups a request). The same probes read with os.pread, slots eight at a time: see _TermTable.
_SLOT = _filetables._pointer  # (hash, item position) of one slot
_LENGTHS = _filetables._lengths  # (key length, data length) in front of each item
_INFO_GUESS = 64  # bytes of term info read with the key: most infos are shorter, a longer one is read again
FAST_LOOKUPS = 0  # term lookups made by _TermTable; tests read it to see that the fast path is taken


def _md5_low32(key: bytes) -> int:
    """Return filetables.md5_hash(key): the digest's last four bytes, without its hex string."""
    return int.from_bytes(_md5(key, usedforsecurity=False).digest()[12:], "big")


class _TermTable:
    """One segment's term hash table, looked up with os.pread on Whoosh's open file (no seek, no buffer).

    pread leaves the file's position alone, so Whoosh's own reads of the same file are undisturbed, and it
    is safe on a descriptor a forked worker shares. The file number is asked for on every lookup: a closed
    file raises instead of reading whatever file got its number next. A compound segment's table is an
    in-memory buffer (io.BytesIO): read by slicing it.
    """

    __slots__ = ("read", "tables", "hashfn", "keycoder")

    def __init__(self, terms: W3TermsReader):
        tindex = terms._tindex
        dbfile = tindex.dbfile
        if type(tindex) is not _filetables.OrderedHashReader or tindex.startoffset != 0:
            raise NotFast(f"term table {type(tindex).__name__} at {tindex.startoffset}")
        file = dbfile.file
        if dbfile.is_real:
            self.read: Callable[[int, int], bytes] = lambda n, pos: os.pread(file.fileno(), n, pos)
        elif type(file) is io.BytesIO:
            def read(n: int, pos: int) -> bytes:
                with file.getbuffer() as view:  # released at once: a held view would stop the file closing
                    return bytes(view[pos : pos + n])

            self.read = read
        else:
            raise NotFast(f"term table in {type(file).__name__}")
        self.tables = tindex.tables
        self.hashfn = _md5_low32 if tindex.hashfn is _filetables.md5_hash else tindex.hashfn
        self.keycoder = terms._keycoder

    def get(self, key: bytes) -> bytes | None:
        """Return the stored value of a key, or None when the table lacks it (HashReader.ranges_for_key's probes)."""
        global FAST_LOOKUPS
        FAST_LOOKUPS += 1
        read = self.read
        keyhash = self.hashfn(key)
        tablestart, numslots = self.tables[keyhash & 255]
        if not numslots:
            return None
        size = _SLOT.size
        end = tablestart + numslots * size
        pos = tablestart + ((keyhash >> 8) % numslots) * size
        left = numslots
        while left > 0:
            n = min(8, left, (end - pos) // size)
            buf = read(n * size, pos)
            for i in range(n):
                slothash, itempos = _SLOT.unpack_from(buf, i * size)
                if not itempos:
                    return None  # an empty slot ends the probe: the key is not there
                if slothash == keyhash:
                    head = read(_LENGTHS.size + len(key) + _INFO_GUESS, itempos)
                    keylen, datalen = _LENGTHS.unpack_from(head)
                    start = _LENGTHS.size + keylen
                    if keylen == len(key) and head[_LENGTHS.size : start] == key:
                        data = head[start : start + datalen]
                        if len(data) < datalen:
                            data = read(datalen, itempos + start)
                        return data
            left -= n
            pos += n * size
            if pos == end:
                pos = tablestart
        return None


def _term_table(terms: W3TermsReader) -> _TermTable:
    table = getattr(terms, "_searchsvc_table", None)
    if table is None:
        table = terms._searchsvc_table = _TermTable(terms)
    return table


def term_info(leaf: Any, fieldname: str, btext: bytes) -> W3TermInfo | None:
    """Return a term's info in one segment (one lookup in its term table), or None when the segment lacks it.

    Asking `in`, then for the postings, then for the document frequency looked the term up three times
    per segment: a tenth of a cold query's time.
    """
    terms = getattr(leaf, "_terms", None)
    if type(terms) is not W3TermsReader:
        raise NotFast(f"terms reader {type(terms).__name__}")
    if fieldname not in leaf.schema:
        return None
    table = _term_table(terms)
    data = table.get(table.keycoder(fieldname, btext))
    return None if data is None else W3TermInfo.from_bytes(data)


def doc_frequency(reader: Any, fieldname: str, text: str | bytes) -> int:
    """Return how many documents of a reader (one segment or several) have a term, as reader.doc_frequency does."""
    if fieldname not in reader.schema:
        return 0
    if isinstance(text, str):
        try:
            text = reader.schema[fieldname].to_bytes(text)
        except ValueError:
            return 0
    parts = [reader] if reader.is_atomic() else [leaf for leaf, _offset in reader.leaf_readers()]
    total = 0
    for leaf in parts:
        info = term_info(leaf, fieldname, text)
        if info is not None:
            total += info.doc_frequency()
    return total


def posting_arrays(leaf: Any) -> "postingarrays.Reader | None":
    """Return a segment's posting arrays (postingarrays.py), or None when the build wrote none for it."""
    folder = getattr(leaf._storage, "folder", None)
    if folder is None:
        return None
    path = Path(folder) / leaf._segment.make_filename(postingarrays.EXTENSION)
    return postingarrays.open_reader(path) if path.is_file() else None


def deleted(leaf: Any) -> np.ndarray | None:
    """Return a segment's deleted document numbers (local, sorted), or None when it has none."""
    if not leaf.has_deletions():
        return None
    docs = getattr(leaf, "_deleted", None)
    if docs is None:
        docs = leaf.deleted_docs_set  # a property of SegmentReader; raises AttributeError on another reader
    return np.fromiter(sorted(docs), dtype=np.int64)


def _block_matcher(leaf: Any, fieldname: str, btext: bytes, info: W3TermInfo | None = None) -> W3LeafMatcher:
    """Return the raw block matcher of a term in one segment (deleted documents not yet hidden).

    With the term's info (term_info), the matcher is made from it without looking the term up again.
    """
    if info is not None:
        terms = leaf._terms
        matcher = terms._codec.postings_reader(terms._postfile, info, leaf.schema[fieldname].format, term=(fieldname, btext))
    else:
        matcher = leaf.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):  # the segment hides its deleted documents this way
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher:
        raise NotFast(f"posting matcher {type(matcher).__name__}")
    return matcher


def postings(
    leaf: Any, fieldname: str, btext: bytes, check: Callable[[], None], blocks: list[tuple[int, int]] | None = None,
    info: W3TermInfo | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's (local document numbers, term frequencies) in one segment, deleted ones included.

    When `blocks` is given, each block's (file offset, last document number) is appended to it (the block
    directory that block_directory would read again). `info` is the term's term_info, when already looked up.
    """
    if info is None:
        info = term_info(leaf, fieldname, btext)
        if info is None:
            return np.empty(0, np.int64), np.empty(0, np.float64)
    offset, length = info.extent()
    if type(length) is tuple:  # W3TermInfo.from_bytes keeps struct.unpack's 1-tuple (Whoosh never reads it)
        (length,) = length
    if length <= _ONE_READ_BYTES:
        extent = _extent(leaf._terms._postfile, offset, length)
        if extent is not None:
            return _extent_postings(extent, offset, leaf.schema[fieldname].format.fixed_value_size(), check, blocks)
    m = _block_matcher(leaf, fieldname, btext, info)
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    offset = m._baseoffset
    while m.is_active():
        check()
        if blocks is not None:
            blocks.append((offset, m._maxid))
            offset = m._nextoffset
        raw_ids, raw_w = _ids_and_weights(m)
        ids.append(_block_ids(raw_ids, m._byteids))
        weights.append(_block_weights(raw_w, m._blocklength))
        m._next_block()
    if not ids:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    return np.concatenate(ids), np.concatenate(weights)


# A term's postings up to this size (a rare term's one block: a few hundred bytes) are read with one pread and
# their blocks walked in memory: building Whoosh's matcher, its seeks and its buffered reads of a whole 8 KB
# buffer for each of them were ~70 µs of a rare term's ~100.
_ONE_READ_BYTES = 64 * 1024
_BLOCK_LENGTH = struct.Struct("!i")  # StructFile.read_int: the block's byte length, negative for the last block


def _extent(postfile: Any, offset: int, length: int) -> bytes | None:
    """Return a postings file's bytes from offset (pread on a real file, a slice of an in-memory one), or None."""
    file = postfile.file
    if postfile.is_real:
        data = os.pread(file.fileno(), length, offset)
    elif type(file) is io.BytesIO:
        with file.getbuffer() as view:  # released at once: a held view would stop the file closing
            data = bytes(view[offset : offset + length])
    else:
        return None  # another kind of file (a compound segment's part): read through Whoosh's matcher
    return data if len(data) == length else None


def _extent_postings(
    extent: bytes, offset: int, fixedsize: int | None, check: Callable[[], None], blocks: list[tuple[int, int]] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (local document numbers, weights) of a term's postings read whole: W3LeafMatcher's walk, in memory."""
    if extent[:4] != WHOOSH3_HEADER_MAGIC:
        raise NotFast(f"postings header {extent[:4]!r}")
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    buf = io.BytesIO(extent)
    pos = 4
    while True:
        check()
        (length,) = _BLOCK_LENGTH.unpack_from(extent, pos)
        last = length < 0
        end = pos + _BLOCK_LENGTH.size + abs(length)
        buf.seek(pos + _BLOCK_LENGTH.size)
        info = _load_pickle(buf)
        if type(info) is not tuple or len(info) != 6 or end > len(extent):
            raise NotFast(f"a posting block laid out otherwise: {type(info).__name__} of {len(info)}")
        count, maxid, _maxweight, compression, _mnlen, _mxlen = info  # W3LeafMatcher._goto's block info
        if blocks is not None:
            blocks.append((offset + pos, maxid))
        raw_ids, raw_w = _split_block(extent[buf.tell() : end], compression, fixedsize, count)
        ids.append(_block_ids(raw_ids, False))  # a term's postings: delta-coded numbers, never byte ids
        weights.append(_block_weights(raw_w, count))
        if last or end >= len(extent):
            break
        pos = end
    return (ids[0], weights[0]) if len(ids) == 1 else (np.concatenate(ids), np.concatenate(weights))


def small_postings(leaf: Any, fieldname: str, info: W3TermInfo) -> tuple[list[int], list[float]] | None:
    """Return a rare term's (local document numbers, weights) in one segment as lists, deleted ones included, or
    None when its postings are not one block that one read gets (postings() then reads them as arrays).

    A term in a few documents is most of the terms a query meets for the first time: for them, numpy's fixed cost
    a call (~15 calls a term) was more than the work itself.
    """
    if info.is_inlined():
        return None
    offset, length = info.extent()
    if type(length) is tuple:
        (length,) = length
    if length > _ONE_READ_BYTES:
        return None
    extent = _extent(leaf._terms._postfile, offset, length)
    if extent is None:
        return None
    if extent[:4] != WHOOSH3_HEADER_MAGIC:
        raise NotFast(f"postings header {extent[:4]!r}")
    (size,) = _BLOCK_LENGTH.unpack_from(extent, 4)
    start = 4 + _BLOCK_LENGTH.size
    end = start + abs(size)
    if size >= 0 and end < len(extent):
        return None  # more than one block
    buf = io.BytesIO(extent)
    buf.seek(start)
    block = _load_pickle(buf)
    if type(block) is not tuple or len(block) != 6 or end > len(extent):
        raise NotFast(f"a posting block laid out otherwise: {type(block).__name__} of {len(block)}")
    count, _maxid, _maxweight, compression, _mnlen, _mxlen = block
    raw_ids, raw_w = _split_block(extent[buf.tell() : end], compression, leaf.schema[fieldname].format.fixed_value_size(),
                                  count)
    ids = list(itertools.accumulate(raw_ids))  # delta-coded, as _block_ids reads them
    if raw_w is None:
        weights = [1.0] * count
    elif isinstance(raw_w, float):
        weights = [raw_w] * count
    else:
        weights = [float(w) for w in raw_w]
    return ids, weights


# Whoosh pickles a block as (ids, weights, values) with protocol 2, where each bytes value becomes a call
# _codecs.encode(text, "latin1"): unpickling the values (every position list) is most of a block's cost,
# and scoring needs only the ids and weights. The values start at the block's first _codecs.encode global,
# a 16-byte run that cannot occur inside the ids (K/M/J opcodes every 2-5 bytes) or weights (G every 9
# bytes), so the pickle is cut there and closed as a pair. A tuple of more than 3 values opens with MARK.
_VALUES_START = b"c_codecs\nencode\n"


def _ids_and_weights(m: Any) -> tuple[Any, Any]:
    """Return the current block's raw (ids, weights), unpickling its values only when they cannot be cut off."""
    data = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    return _split_block(data, m._compression, m._fixedsize, m._blocklength)


def _block_ids(raw_ids: Any, byteids: bool) -> np.ndarray:
    """Return a block's stored ids as local document numbers (W3LeafMatcher._read_ids: delta-coded unless byte ids)."""
    block_ids = np.frombuffer(raw_ids, dtype=raw_ids.typecode) if hasattr(raw_ids, "typecode") else np.asarray(raw_ids)
    return block_ids.astype(np.int64) if byteids else np.cumsum(block_ids, dtype=np.int64)


def _block_weights(raw_w: Any, count: int) -> np.ndarray:
    """Return a block's stored weights as floats (W3LeafMatcher._read_weights: None is all 1.0, a float all that)."""
    if raw_w is None:
        return np.ones(count)
    if isinstance(raw_w, float):
        return np.full(count, raw_w)
    return np.asarray(raw_w, dtype=np.float64)


def _split_block(data: bytes, compression: int, fixedsize: int | None, count: int) -> tuple[Any, Any]:
    """Return a block's raw (ids, weights) from its stored bytes (see _VALUES_START)."""
    if compression:
        data = zlib.decompress(data)
    cut = data.find(_VALUES_START)
    if cut > 0 and (fixedsize is None or fixedsize < 0) and count > 3:
        cut = cut - 1 if data[cut - 1 : cut] == b"(" else -1  # one value per posting: a MARKed tuple of them
    if cut > 0:
        try:
            pair = pickle.loads(data[:cut] + b"\x86.")  # TUPLE2, STOP
            if type(pair) is tuple and len(pair) == 2 and len(pair[0]) == count:
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
    info = term_info(leaf, fieldname, btext)
    if info is None:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    m = _block_matcher(leaf, fieldname, btext, info)
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
        ids = _block_ids(raw_ids, m._byteids)
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


# --- build: index-time analysis and the segment writer ---------------------------------------------
# The build's fast paths over Whoosh's writer internals (SegmentWriter, PostingPool, the W3 postings
# writer). tests/test_parallel.py checks that they write the same index as Whoosh does.

_MEMO_WORDS = 1_000_000  # distinct words an analysis chain remembers before it starts afresh

# The stored field in which the build writes, per document, each keyed field's words with their terms
# (FastAnalysis.key_section, one section per field: "field\n" + section, joined by _SECTIONS). Marking passages
# then reads which words answer a query's terms instead of analysing the hit's words (highlight.py). The schema
# names the keyed fields as the stored field's `keyed` attribute.
WORD_KEYS = "wordkeys"
_SECTIONS = "\x1e"  # a token is letters, digits and dots: never this


def key_sections(keyed: str, fieldnames: Any) -> dict[str, tuple[list[str], list[str]]]:
    """Return the sections of a document's stored word keys (WORD_KEYS) for some fields: field -> (its words, each
    one's terms as FastAnalysis.key_section writes them)."""
    tables = {}
    for section in keyed.split(_SECTIONS):
        name, _, body = section.partition("\n")
        if name in fieldnames:
            lines = body.split("\n") if body else []
            tables[name] = (lines[0::2], lines[1::2])
    return tables


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
        self.lines: dict[str, str] = {}  # word -> its line of a key section (key_section), "" for a stopword
        self._last: tuple[str, list[str]] = ("", [])  # positions()'s last text and its words

    @classmethod
    def of(cls, field: Any) -> "FastAnalysis | None":
        """Return the fast analysis of a field, or None when its format or analyzer is not one we know."""
        from whoosh.analysis import CharsetFilter, CompositeAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
        from whoosh.formats import Positions

        from .analysis import CompoundPartsFilter, ParticipleFilter

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

    def share_memo(self, other: "FastAnalysis") -> bool:
        """Use another field's memo when both chains turn every word into the same terms; say whether they do."""
        same = (self.findall == other.findall and self.stops == other.stops and self.minsize == other.minsize
                and self.parts_lang == other.parts_lang and self.participle_lang == other.participle_lang
                and self.stem == other.stem and self.charmap == other.charmap)
        if same:
            self.memo = other.memo
            self.lines = other.lines
        return same

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
            words.extend(_lexicon.compound_parts(self.parts_lang, low))
        terms = []
        for w in words:
            terms.append(stem(w).translate(charmap))
            if self.participle_lang and (inf := _analysis.participle_infinitive(self.participle_lang, w)) is not None:
                terms.append(stem(inf).translate(charmap))
        return tuple(terms)

    def key_section(self, text: str) -> str:
        """Return each distinct word of a text with its distinct terms, in order: "word\nterms\n..." (see WORD_KEYS).

        The terms are space-separated; none is written for a word whose one term is the word itself; a word with
        no term (a stopword) is left out. A word's line is made once and remembered, as its terms are.
        """
        lines = self.lines
        if len(lines) > _MEMO_WORDS:
            lines.clear()
        out = []
        last = self._last
        for word in dict.fromkeys(last[1] if last[0] is text else self.findall(text)):
            line = lines.get(word)
            if line is None:
                terms = self.memo.get(word)
                if terms is None:
                    terms = self._terms(word)
                if len(terms) > 1:
                    terms = tuple(dict.fromkeys(terms))
                line = lines[word] = "" if not terms else f"{word}\n" if terms == (word,) else f"{word}\n{' '.join(terms)}"
            if line:
                out.append(line)
        return "\n".join(out)

    def keeps(self, word: str) -> bool:
        """Say whether a token of the text becomes any term (is not a stopword or too short)."""
        if self.stops is None:
            return True
        low = word.lower()
        return len(low) >= self.minsize and low not in self.stops

    def forget_stems(self) -> None:
        """Stem without the stemmer's word memo, for a caller that remembers each word's terms itself."""
        # Highlighting's memo holds the terms already; the stemmer's (up to 500,000 words) would hold them again.
        if isinstance(self.stem, _analysis.SnowballStem):
            self.stem = self.stem._stem

    def distinct_terms(self, word: str) -> tuple[str, ...]:
        """Return the distinct terms of one token, in order: the keys it is found under (for marking passages)."""
        terms = self._terms(word)
        return tuple(dict.fromkeys(terms)) if len(terms) > 1 else terms

    def positions(self, text: str) -> dict[str, list[int]]:
        """Return each term of a text with its positions, as Whoosh's Positions format would record them."""
        memo = self.memo
        if len(memo) > _MEMO_WORDS:
            memo.clear()
        poses: dict[str, list[int]] = {}
        renumber = self.stops is not None
        pos = -1
        words = self.findall(text)
        self._last = (text, words)  # for key_section of the same text: its words found once
        for raw, word in enumerate(words):
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


_ONE_POSITION: dict[int, bytes] = {}  # most postings have one position: their encoding, made once
# Positions below this are remembered (above, made each time): a 20 MB text's millions of positions would
# otherwise each keep an entry for the life of the process.
CACHED_POSITIONS = 1 << 16


def encode_positions(poslist: list[int]) -> bytes:
    """Return Whoosh's Positions value of a position list (Positions.encode, without its per-call overhead)."""
    if len(poslist) == 1:
        p = poslist[0]
        value = _ONE_POSITION.get(p)
        if value is None:
            value = _pack_uint(1) + _dumps([p], 2)
            if p < CACHED_POSITIONS:
                _ONE_POSITION[p] = value
        return value
    deltas = [poslist[0]]
    deltas.extend(b - a for a, b in zip(poslist, poslist[1:]))
    return _pack_uint(len(deltas)) + _dumps(deltas, 2)


def _length_decoder() -> list[int | None]:
    """Return the field length each stored length byte stands for (None for 0, as the reader answers)."""
    return [byte_to_length(b) if b else None for b in range(256)]


class _LengthsInMemory:
    """A segment's field lengths read whole, for Whoosh's posting writer that asks for one per posting."""

    def __init__(self, reader: Any):
        self._reader = reader
        self._cols: dict[str, Any] = {}
        self._decode = _length_decoder()

    def column(self, fieldname: str) -> Any:
        """Return the encoded length byte of every document in a field, or None without a length column."""
        col = self._cols.get(fieldname)
        if col is None:
            lenfield = _lenfield(fieldname)
            if not self._reader.has_column(lenfield):
                return None
            col = self._cols[fieldname] = bytes(self._reader.column_reader(lenfield, LENGTHS_COLUMN))
        return col

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        """Return a document's length in a field (the encoded byte, decoded), as the reader would."""
        col = self.column(fieldname)
        if col is None:
            return default
        return self._decode[col[docnum]]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


_HELD_FORMATS = (Existence, Frequency)  # formats of Whoosh-analysed fields the writer holds (a weight is freq × boost)
_HEAD = struct.Struct("<III")  # a posting held by Writer: document number, frequency, value length
_DOCNUM = struct.Struct("<I")  # _HEAD's first field
_FREQ_LENGTH = struct.Struct("<II")  # and the other two
_ONE_TAIL: dict[int, bytes] = {}  # position -> the held posting after its document number, for one position


def _tail(poslist: list[int]) -> bytes:
    """Return a held posting's frequency, value length and value (Positions) for a position list."""
    value = encode_positions(poslist)
    return _FREQ_LENGTH.pack(len(poslist), len(value)) + value


_COMPRESS_FROM = 400  # a block's pickle shorter than this is stored as it is (the index grows ~4 %, the build takes ~6 % less)


_BLOCK_LENGTH = struct.Struct("!i")  # a block's byte length, negative for a term's last block (StructFile.write_int)
_EXTENT = struct.Struct("!qi")  # where a term's blocks start in the posting file, and their length (W3TermInfo.to_bytes)
_WRITE_EVERY = 1 << 20  # bytes of encoded blocks gathered before they go to the posting file


def _block(docs: list[int], weights: list[float], values: list[bytes], fixed: int | None, col: bytes | None,
           level: int, last: bool) -> tuple[bytes, float, int, int]:
    """Return one block of a term's postings as W3PostingsWriter._write_block writes it, zlib only where it pays.

    Also returns the block's statistics for the term's info: its highest weight and its shortest and
    longest field length, as length bytes (0 for none). Whoosh compresses every block, also the ~40-byte
    block of a word seen once, where zlib's set-up costs more than it saves; each block says whether it is
    compressed, so readers take both.
    """
    # Whoosh's "mini" forms: the ids delta-encoded; weights None when all 1.0, one value when all equal;
    # the values as a tuple, or none (a format without values), or joined (values of one fixed size).
    first = weights[0]
    if len(docs) == 1:
        ids: tuple[int, ...] = (docs[0],)
        mini_weights: Any = None if first == 1.0 else first
        top = max(0, first)
    else:
        ids = (docs[0], *[b - a for a, b in zip(docs, docs[1:])])
        if all(w == first for w in weights):
            mini_weights = None if first == 1.0 else first
        else:
            mini_weights = tuple(weights)
        top = max(0, max(weights))
    mini_values = tuple(values) if fixed is None or fixed < 0 else None if fixed == 0 else b"".join(values)
    data = _dumps((ids, mini_weights, mini_values), 2)
    comp = level if len(data) >= _COMPRESS_FROM else 0
    if comp:
        data = zlib.compress(data, comp)
    if col is None:
        shortest = longest = 0
    else:
        # A field length byte decodes to a length that encodes back to the same byte: min and max of the
        # bytes are the bytes of the min and max length Whoosh computes (0, no length, is left out as there).
        known = [b for b in map(col.__getitem__, docs) if b]
        shortest, longest = (min(known), max(known)) if known else (0, 0)
    info = _dumps((len(docs), docs[-1], top, comp, shortest, longest), 2)
    size = len(info) + len(data)
    return _BLOCK_LENGTH.pack(-size if last else size) + info + data, top, shortest, longest


class Writer(SegmentWriter):
    """Whoosh's segment writer with searchsvc's fast paths.

    * Text fields are analysed by FastAnalysis, and their postings kept per term as they arrive (one
      bytearray per term) instead of as one tuple each in Whoosh's pool, which sorts them all at the end
      and, beyond its memory limit, spills sorted runs to disk and merges them back (~20 % of a build).
    * Each term's postings are written a block at a time, with field lengths read from memory (Whoosh
      reads one byte from the file for every posting) and zlib only on blocks where it saves space.
    Past `limitmb` of held postings, or when a merge brings other segments' postings into the pool, the
    held postings move into Whoosh's pool and the writer goes on as Whoosh's would.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._fast: dict[str, FastAnalysis | None] = {}
        chains: list[FastAnalysis] = []
        for name, field in self.schema.items():
            if field.indexed:
                fast = self._fast[name] = FastAnalysis.of(field)
                if fast is not None:
                    any(fast.share_memo(other) for other in chains)
                    chains.append(fast)
        self._vectors = any(field.vector for _name, field in self.schema.items())
        # The fields whose words and terms each document stores (WORD_KEYS), when the schema asks for them.
        keys_field = self.schema[WORD_KEYS] if WORD_KEYS in self.schema.names() else None
        self._keyed = frozenset(getattr(keys_field, "keyed", ()) if keys_field is not None and keys_field.stored else ())
        # field -> term (str from the fast analysis, bytes from Whoosh's) -> postings (_HEAD + value each)
        self._held: dict[str, dict[Any, bytearray]] = {}
        self._held_size = 0
        self._held_limit = self.pool.limit
        self._pooled = False  # the held postings went to Whoosh's pool; every posting goes there now
        self._arrays: postingarrays.Writer | None = None  # the segment's posting arrays, while they are written

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
        doc_head: bytes | None = None
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        sections: list[str] | None = [] if self._keyed and WORD_KEYS in fields else None
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None or (fieldname == WORD_KEYS and sections is not None):
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fast = self._fast.get(fieldname)
                    if fast is not None and isinstance(value, str):
                        poses = fast.positions(value)
                        if sections is not None and fieldname in self._keyed:
                            sections.append(f"{fieldname}\n{fast.key_section(value)}")
                        if self._pooled:
                            fb = field.format.field_boost
                            for term, poslist in poses.items():
                                length += len(poslist)
                                add_post((fieldname, term.encode("utf-8"), docnum, float(len(poslist)) * fb,
                                          encode_positions(poslist)))
                        else:
                            held = self._held.get(fieldname)
                            if held is None:
                                held = self._held[fieldname] = {}
                            size = 0
                            if doc_head is None:
                                doc_head = _DOCNUM.pack(docnum)
                            # Keyed by the term itself: the analysis memo's str, whose hash is kept (bytes made
                            # here would be hashed at every posting); a posting is _HEAD + value, written as
                            # the document number and the rest, made once for a single position.
                            for term, poslist in poses.items():
                                if len(poslist) == 1:
                                    tail = _ONE_TAIL.get(poslist[0])
                                    if tail is None:
                                        tail = _tail(poslist)
                                        if poslist[0] < CACHED_POSITIONS:
                                            _ONE_TAIL[poslist[0]] = tail
                                    length += 1
                                else:
                                    tail = _tail(poslist)
                                    length += len(poslist)
                                postings = held.get(term)
                                if postings is None:
                                    postings = held[term] = bytearray()
                                    size += 120 + len(term.encode("utf-8"))  # the dictionary entry, the key and the bytearray
                                postings += doc_head
                                postings += tail
                                size += 4 + len(tail)
                            self._held_size += size
                        if not field.scorable:
                            length = 0
                    else:
                        scorable = field.scorable
                        # Ids, filters and document numbers: held by their bytes, like the text fields' terms,
                        # when the codec's block needs nothing but the frequency and value to write them.
                        held = None
                        if not self._pooled and type(field.format) in _HELD_FORMATS:
                            held = self._held.setdefault(fieldname, {})
                        fb = field.format.field_boost
                        size = 0
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            if held is None or weight != freq * fb:  # a weighted token: Whoosh's pool (all of the field goes there)
                                add_post((fieldname, tbytes, docnum, weight, vbytes))
                                continue
                            if doc_head is None:
                                doc_head = _DOCNUM.pack(docnum)
                            postings = held.get(tbytes)
                            if postings is None:
                                postings = held[tbytes] = bytearray()
                                size += 120 + len(tbytes)
                            postings += doc_head
                            postings += _FREQ_LENGTH.pack(freq, len(vbytes))
                            postings += vbytes
                            size += 12 + len(vbytes)
                        self._held_size += size
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        add_post((spellfield, word.encode("utf-8"), 0, 1, None))
                sv = value if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
            if sections is not None:
                perdocwriter.add_field(WORD_KEYS, schema[WORD_KEYS], _SECTIONS.join(sections), 0)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1
        if self._held_size > self._held_limit:
            self._to_pool()

    def _held_postings(self, fieldname: str, held: dict[Any, bytearray]) -> Iterator[tuple[bytes, list[int], list[int], list[bytes]]]:
        """Yield each held term of a field in term order (as UTF-8) with its documents, frequencies and values."""
        unpack = _HEAD.unpack_from
        for term in sorted(held):  # code point order is UTF-8's byte order, the order Whoosh writes terms in
            buf = held[term]
            tbytes = term if type(term) is bytes else term.encode("utf-8")
            docs: list[int] = []
            freqs: list[int] = []
            values: list[bytes] = []
            off, end = 0, len(buf)
            while off < end:
                doc, freq, vlen = unpack(buf, off)
                off += 12
                docs.append(doc)
                freqs.append(freq)
                values.append(bytes(buf[off : off + vlen]))
                off += vlen
            yield tbytes, docs, freqs, values

    def _to_pool(self) -> None:
        """Move the held postings into Whoosh's pool (which bounds memory by spilling) and use the pool from now on."""
        add_post = self.pool.add
        for fieldname in sorted(self._held):
            fb = self.schema[fieldname].format.field_boost
            for tbytes, docs, freqs, values in self._held_postings(fieldname, self._held.pop(fieldname)):
                for doc, freq, vbytes in zip(docs, freqs, values):
                    add_post((fieldname, tbytes, doc, float(freq) * fb, vbytes))
        self._held_size = 0
        self._pooled = True

    def _flush_segment(self) -> None:
        """Write the segment's postings: the pool's and the held ones, field by field in name order."""
        if self._held and (self.pool.fieldnames & set(self._held) or type(self.codec) is not W3Codec
                           or self.codec._inlinelimit != 1):
            # A merge put other segments' postings of the same fields into the pool, or another codec or
            # inlining than _write_held writes: Whoosh's way
            self._to_pool()
        if not self._held:
            return super()._flush_segment()
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        fw = self.fieldwriter
        folder = getattr(self.storage, "folder", None)  # a folder on disk: the posting arrays go beside the segment
        self._arrays = None
        if folder is not None:
            self._arrays = postingarrays.segment_writer(folder, self.get_segment().make_filename(postingarrays.EXTENSION))
        try:
            pooled = itertools.groupby(self.pool.iter_postings(), key=lambda posting: posting[0])
            pooled_field, pooled_items = next(pooled, (None, None))
            for fieldname in sorted(self._held):
                while pooled_field is not None and pooled_field < fieldname:
                    fw.add_postings(self.schema, lengths, pooled_items)
                    pooled_field, pooled_items = next(pooled, (None, None))
                self._write_held(fw, fieldname, self._held.pop(fieldname), lengths)
            while pooled_field is not None:
                fw.add_postings(self.schema, lengths, pooled_items)
                pooled_field, pooled_items = next(pooled, (None, None))
        except BaseException:
            if self._arrays is not None:
                self._arrays.fh.close()  # without its directory: a reader refuses the file (and the build fails)
            raise
        fw.close()
        lengths.close()
        if self._arrays is not None:
            self._arrays.close()

    def _write_held(self, fw: Any, fieldname: str, held: dict[Any, bytearray], lengths: _LengthsInMemory) -> None:
        """Write one field's held postings and term infos as W3FieldWriter would, encoding the bytes directly.

        Whoosh's postings writer costs a dozen method calls and three arrays a term; most terms have one
        posting. The blocks are the codec's (blocklimit postings each), gathered and written in large pieces.
        """
        field = self.schema[fieldname]
        fixed = field.format.fixed_value_size()
        fb = float(field.format.field_boost)
        # Whoosh keeps weights as float32; a frequency times a power of two boost is one already.
        f32 = fb != 0 and math.frexp(fb)[0] == 0.5
        col = lengths.column(fieldname)
        fw.start_field(fieldname, field)
        pw = fw._postwriter
        size, level = pw._blocklimit, pw._compression
        postfile = pw._postfile
        prefix = pack_ushort(fw._fieldid)
        add_term = fw._tindex.add
        pack_info = W3TermInfo._struct.pack
        arrays = self._arrays if self._fast.get(fieldname) is not None else None  # arrays of the analysed text only
        out = bytearray()
        base = postfile.tell()
        for tbytes, docs, freqs, values in self._held_postings(fieldname, held):
            offset = base + len(out)
            count = len(docs)
            weights = [f * fb for f in freqs] if f32 else array("f", [f * fb for f in freqs]).tolist()
            if arrays is not None and arrays.wants(docs):
                starts, positions = decode_positions(values)  # held fields are all Positions (FastAnalysis.of)
                arrays.add(fieldname, tbytes, docs, weights, np.diff(starts), positions)
            out += WHOOSH3_HEADER_MAGIC
            if count <= size:
                block, top, shortest, longest = _block(docs, weights, values, fixed, col, level, True)
                out += block
                total = sum(weights)
            else:
                total, top, shortest, longest = 0.0, 0, 0, 0
                for start in range(0, count, size):
                    stop = min(start + size, count)
                    w = weights[start:stop]
                    block, btop, bshort, blong = _block(docs[start:stop], w, values[start:stop], fixed, col, level,
                                                           stop == count)
                    out += block
                    total += sum(w)  # W3TermInfo.add_block's order of addition
                    top, longest = max(top, btop), max(longest, blong)
                    if bshort and (not shortest or bshort < shortest):
                        shortest = bshort
            add_term(prefix + tbytes,
                     pack_info(0, total, count, shortest, longest, top, docs[0], docs[-1])
                     + _EXTENT.pack(offset, base + len(out) - offset))
            if len(out) >= _WRITE_EVERY:
                postfile.write(out)
                base += len(out)
                out = bytearray()
        postfile.write(out)
        fw.finish_field()

    def cancel(self) -> None:
        """Drop the held postings and cancel as Whoosh does."""
        self._held.clear()
        super().cancel()


def finish_segment(writer: SegmentWriter) -> Any:
    """Write a worker's segment without committing it (the parent lists every worker's segment); return it."""
    return writer._finalize_segment()


def commit_segments(ix: Any, segments: list[Any]) -> None:
    """Write a table of contents that makes the given segments (written by finish_segment) one index."""
    writer = SegmentWriter(ix, compound=False)
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()


SMALL_SEGMENT = 1_000  # documents: segments this small (or under 1 % of the index) are merged, 3 or more at a time


def merge_small(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """An incremental commit's merge policy: drop fully deleted segments, merge small ones, never touch big ones.

    Whoosh's MERGE_SMALL keeps segments whose documents are all deleted until a merge, and a merge of
    nothing but those writes a segment of no documents; and with enough segments it merges the big ones
    too, which at 100,000 documents takes minutes. Here one commit merges at most a few percent of the index.
    """
    from whoosh.reading import SegmentReader

    live = [seg for seg in segments if seg.doc_count() > 0]
    limit = max(SMALL_SEGMENT, sum(seg.doc_count() for seg in live) // 100)
    small = [seg for seg in live if seg.doc_count_all() <= limit]
    if len(small) < 3:
        return live
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in live if seg not in small]
