"""BM25F ranking over whole posting blocks: Whoosh's own scores, with a few Python operations per posting.

Whoosh scores a match by walking a tree of matchers one posting at a time (ten fields per word here), which
made a one-word query on 100,000 documents take hundreds of milliseconds. This module reads each term's
posting blocks (document numbers and weights as arrays) and each field's length column once per open
index, and scores a term's postings in one comprehension. It handles the queries our parser makes (words,
OR, AND, NOT, phrases, expanded prefixes); anything else raises Unsupported and search falls back to Whoosh.
"""

from __future__ import annotations

import heapq
import threading
import weakref
from array import array
from collections import OrderedDict
from typing import Any, Callable, TypeVar

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]
T = TypeVar("T")


class Unsupported(Exception):
    """The query has a part this ranker does not score; let Whoosh do it."""


POSTING_CACHE = 3_000_000  # postings kept decoded per open index (12 bytes each: ~36 MB)


class _IndexCache:
    """Per open index: each segment's field-length column, and the decoded postings of recent terms.

    Whoosh stores a block's document numbers, weights and word positions in one pickle, so reading a
    common word's postings means unpickling every position too. Queries differ, but their words repeat
    ("wet", "Absatz", "minister"), so a term's decoded postings are kept, least recently used out first.
    """

    def __init__(self, _searcher: Any = None) -> None:
        self._cols: dict[tuple[int, str], Any] = {}
        self._postings: OrderedDict[tuple[str, bytes, str], tuple[array, array | None]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def lengths(self, segment_no: int, reader: Any, fieldname: str) -> Any:
        """Return a segment's encoded field lengths, one byte a document (None without a length column)."""
        key = (segment_no, fieldname)
        col = self._cols.get(key)
        if col is None:
            with self._lock:
                col = self._cols.get(key)
                if col is None:
                    perdoc = getattr(reader, "_perdoc", None)
                    lenfield = _lenfield(fieldname)
                    if perdoc is None or not perdoc.has_column(lenfield):
                        return None
                    col = self._cols[key] = _length_bytes(perdoc.column_reader(lenfield, LENGTHS_COLUMN), reader)
        return col

    def get(self, key: tuple[str, bytes, str]) -> tuple[array, array | None] | None:
        """Return cached postings, marking them recently used."""
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
            return found

    def put(self, key: tuple[str, bytes, str], value: tuple[array, array | None]) -> None:
        """Keep decoded postings, dropping the least recently used beyond POSTING_CACHE postings."""
        with self._lock:
            if key in self._postings:
                return
            self._postings[key] = value
            self._size += len(value[0])
            while self._size > POSTING_CACHE and len(self._postings) > 1:
                _, (ids, _f) = self._postings.popitem(last=False)
                self._size -= len(ids)


def _length_bytes(column: Any, reader: Any) -> Any:
    """Return a length column as one byte per document, read in one go (Whoosh reads a byte at a time)."""
    try:
        if column._typecode == "B" and column._fixedlen == 1 and not column._reverse:
            data = array("B", column._dbfile.get(column._basepos, column._count))
            data.extend([0] * (reader.doc_count_all() - len(data)))
            return data
    except AttributeError:
        pass
    return list(column)


_per_index: "weakref.WeakKeyDictionary[Any, dict[Callable[[Any], Any], Any]]" = weakref.WeakKeyDictionary()
_per_index_lock = threading.Lock()


def per_index(searcher: Any, factory: Callable[[Any], T]) -> T:
    """Return factory(searcher), made once per open index (reader) and kept as long as it is open."""
    reader = searcher.reader()
    with _per_index_lock:
        made = _per_index.setdefault(reader, {})
        found = made.get(factory)
        if found is None:
            found = made[factory] = factory(searcher)
    return found


def _cache_of(searcher: Any) -> _IndexCache:
    return per_index(searcher, _IndexCache)


def _segments(searcher: Any) -> list[tuple[Any, int]]:
    subs = getattr(searcher, "subsearchers", None)
    return list(subs) if subs else [(searcher, 0)]


def _params(searcher: Any, fieldname: str) -> tuple[float, float]:
    weighting = searcher.weighting
    if type(weighting).__name__ != "BM25F":
        raise Unsupported("weighting")
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def posting_ids(searcher: Any, fieldname: str, btext: bytes) -> array:
    """Return the index-wide numbers of the live documents that have the term, in order."""
    return _postings(searcher, fieldname, btext, scored=False)[0]


def _postings(searcher: Any, fieldname: str, btext: bytes, scored: bool) -> tuple[array, array | None]:
    """Return (document numbers, BM25 tf-length factors or None) of a term's live postings, cached."""
    cache = _cache_of(searcher)
    key = (fieldname, btext, "scored" if scored else "ids")
    found = cache.get(key)
    if found is not None:
        return found
    ids_out = array("i")
    factors_out = array("d") if scored else None
    if scored:
        B, K1 = _params(searcher, fieldname)
        avgfl = searcher.avg_field_length(fieldname) or 1
        # The length part of BM25 for each of the 256 encoded lengths.
        norm = [K1 * ((1 - B) + B * (byte_to_length(b) or 1) / avgfl) for b in range(256)]
    for segment_no, (sub, offset) in enumerate(_segments(searcher)):
        reader = sub.reader()
        if (fieldname, btext) not in reader:
            continue
        matcher, deleted = leaf_postings(reader, fieldname, btext)
        if matcher is None:
            raise Unsupported("posting format")
        col = cache.lengths(segment_no, reader, fieldname) if scored else None
        if scored and col is None:
            raise Unsupported("field without lengths")
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            ids = matcher._ids
            if scored:
                if matcher._weights is None:
                    matcher._read_weights()
                pairs = [(d, w) for d, w in zip(ids, matcher._weights) if d not in deleted] if deleted else zip(ids, matcher._weights)
                for d, w in pairs:
                    ids_out.append(d + offset)
                    factors_out.append(w / (w + norm[col[d]]))  # type: ignore[union-attr]
            else:
                ids_out.extend(d + offset for d in ids if d not in deleted)
            matcher._next_block()
    value = (ids_out, factors_out)
    cache.put(key, value)
    return value


def term_scores(searcher: Any, fieldname: str, text: Any, boost: float = 1.0) -> Scores:
    """Return {document number: BM25F score} for every document with the term, as Whoosh would score it."""
    if fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
        raise Unsupported(fieldname)
    _params(searcher, fieldname)
    field = searcher.schema[fieldname]
    btext = field.to_bytes(text) if not isinstance(text, bytes) else text
    if (fieldname, btext) not in searcher.reader():
        return {}
    K1 = searcher.weighting.K1
    c = searcher.idf(fieldname, btext) * (K1 + 1) * boost
    ids, factors = _postings(searcher, fieldname, btext, scored=True)
    return dict(zip(ids, map(c.__mul__, factors)))  # type: ignore[arg-type]


def leaf_postings(reader: Any, fieldname: str, btext: bytes) -> tuple[Any, frozenset[int] | set[int]]:
    """Return a segment's block-reading posting matcher for a term (None if not one) and its deleted documents."""
    matcher = reader.postings(fieldname, btext)
    deleted = getattr(reader, "deleted_docs_set", None) or set()
    child = getattr(matcher, "child", None)
    if child is not None and hasattr(child, "_read_ids"):  # FilterMatcher hiding deleted documents
        matcher = child
    if not (hasattr(matcher, "_read_ids") and hasattr(matcher, "_read_weights") and hasattr(matcher, "_next_block")):
        return None, deleted
    return matcher, deleted


def _add(into: Scores, other: Scores) -> Scores:
    if len(other) > len(into):
        into, other = other, into
    get = into.get
    for d, s in other.items():
        into[d] = get(d, 0.0) + s
    return into


def scores(searcher: Any, q: Any) -> Scores:
    """Return {document number: score} for every document the query matches."""
    boost = getattr(q, "boost", 1.0)
    if q is None or q is wq.NullQuery:
        return {}
    if isinstance(q, wq.Term):
        return term_scores(searcher, q.fieldname, q.text, boost)
    if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0) and getattr(q, "scale", None) is None:
        out: Scores = {}
        for sub in q.subqueries:
            out = _add(out, scores(searcher, sub))
        return _boosted(out, boost)
    if isinstance(q, wq.And):
        positives = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negatives = [s for s in q.subqueries if isinstance(s, wq.Not)]
        if not positives:
            return {}
        parts = sorted((scores(searcher, s) for s in positives), key=len)
        out = dict(parts[0])
        for part in parts[1:]:
            out = {d: s + part[d] for d, s in out.items() if d in part}
        for neg in negatives:
            # Whoosh scores a document that lacks the NOT words as if that clause matched with its boost.
            excluded = scores(searcher, neg.query)
            out = {d: s + neg.boost for d, s in out.items() if d not in excluded}
        return _boosted(out, boost)
    if isinstance(q, wq.AndNot):
        excluded = scores(searcher, q.b)
        return _boosted({d: s for d, s in scores(searcher, q.a).items() if d not in excluded}, boost)
    if isinstance(q, wq.AndMaybe):
        a, b = scores(searcher, q.a), scores(searcher, q.b)
        return _boosted({d: s + b.get(d, 0.0) for d, s in a.items()}, boost)
    if isinstance(q, wq.Phrase):
        words = [wq.Term(q.fieldname, w) for w in q.words]
        if not words:
            return {}
        parts = sorted((scores(searcher, w) for w in words), key=len)
        if not parts[0]:
            return {}
        both = dict(parts[0])
        for part in parts[1:]:
            both = {d: s + part[d] for d, s in both.items() if d in part}
        if not both:
            return {}
        found = phrase_docs(searcher, q.fieldname, list(q.words), set(both), q.slop)
        return _boosted({d: s for d, s in both.items() if d in found}, boost)
    raise Unsupported(type(q).__name__)


def phrase_docs(searcher: Any, fieldname: str, words: list[str], candidates: set[int], slop: int = 1) -> set[int]:
    """Return the candidate documents in which the words stand in order, each within `slop` of the one before."""
    field = searcher.schema[fieldname]
    if not field.format or not field.format.supports("positions"):
        raise Unsupported("phrase on a field without positions")
    decode = field.format.decoder("positions")
    found: set[int] = set()
    for sub, offset in _segments(searcher):
        reader = sub.reader()
        local = {d - offset for d in candidates if offset <= d < offset + reader.doc_count_all()}
        for word in words:
            if not local:
                break
            positions = _positions(reader, fieldname, field.to_bytes(word), local, decode)
            if word is words[0]:
                ends = positions
            else:
                ends = {
                    d: [p for p in positions[d] if any(0 < p - e <= slop for e in ends[d])]
                    for d in local if d in positions and d in ends
                }
            ends = {d: ps for d, ps in ends.items() if ps}
            local = set(ends)
        found.update(d + offset for d in local)
    return found


def _positions(reader: Any, fieldname: str, btext: bytes, docs: set[int], decode: Any) -> dict[int, list[int]]:
    """Return the positions of a term in the given documents of one segment, reading only the blocks that hold them."""
    if (fieldname, btext) not in reader:
        return {}
    matcher, _deleted = leaf_postings(reader, fieldname, btext)
    if matcher is None or not hasattr(matcher, "_read_values"):
        raise Unsupported("posting format")
    out: dict[int, list[int]] = {}
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        hits = [(i, d) for i, d in enumerate(matcher._ids) if d in docs]
        if hits:
            if matcher._values is None:
                matcher._read_values()
            values = matcher._values
            for i, d in hits:
                out[d] = decode(values[i])
        matcher._next_block()
    return out


def _boosted(out: Scores, boost: float) -> Scores:
    if boost != 1.0:
        return {d: s * boost for d, s in out.items()}
    return out


def top(found: Scores, k: int) -> list[tuple[int, float]]:
    """Return the k best (document number, score) pairs: highest score first, then lowest number (as Whoosh)."""
    return heapq.nsmallest(k, found.items(), key=lambda item: (-item[1], item[0]))
