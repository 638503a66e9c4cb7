"""The scoring engine: every parsed query scored with Whoosh's BM25F as numpy array operations.

Each term's postings are read once per open build as arrays (index-wide document numbers and the
per-document BM25 tf-length factor) and kept within a memory budget. A query tree is evaluated bottom-up:
a term is one multiply, OR a union with summed scores, AND an intersection, NOT a set difference, a phrase
an AND whose survivors alone have their word positions read. Graded matching (all words, else most of
them by IDF weight) works on the top-level clauses. Every loop checks the search's Budget (its deadline).
"""

from __future__ import annotations

import copy
import math
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable, TypeVar

import numpy as np
from whoosh import query as wq
from whoosh.lang.stopwords import stoplists

from . import postingarrays, whooshfast
from .analysis import FOLD_MAP
from .errors import SearchTimeout
from .whooshfast import NotFast

T = TypeVar("T")
POSTING_CACHE_BYTES = 64_000_000  # postings with their BM25 factors kept per open build (16 bytes a posting)
POSITION_CACHE_BYTES = 16_000_000  # decoded word positions kept per open build (4 bytes a position)
# A term in at most this many documents of a segment (with its postings in one block) is decoded in Python, not numpy.
SMALL_POSTINGS = 64
DIRECTORY_MIN_BLOCKS = 4  # a longer term's block directory is kept when its postings are decoded
# A "most of the words" match has at least this share of the words' IDF weight; the next, smaller share is tried
# only while fewer than a page of documents match (a long question whose answer shares a third of its words).
MOST_SHARE = (0.5, 0.25)
MOST_MIN_WORDS = 2  # words (not stopwords) a document needs at a share after the first


def _question_words() -> frozenset[str]:
    """Return the question words and auxiliaries of data/question_words.txt, as typed and accent-folded."""
    text = resources.files("searchsvc").joinpath("data", "question_words.txt").read_text(encoding="utf-8")
    words = {line.split()[1].lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words | {w.translate(FOLD_MAP) for w in words})


STOPWORDS = frozenset(w.translate(FOLD_MAP) for lang in ("nl", "en", "de") for w in stoplists[lang]) | frozenset(
    w for lang in ("nl", "en", "de") for w in stoplists[lang]
)
# Question words and auxiliaries (data file): a document needs them for "all words", but they never count
# towards (or against) a "most words" share.
QUESTION_WORDS = _question_words() - STOPWORDS
_EMPTY_IDS = np.empty(0, np.int64)
_EMPTY_SCORES = np.empty(0, np.float64)


class Budget:
    """How long one search may run: loops call check(), which raises SearchTimeout past the deadline."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.perf_counter() + seconds

    def check(self) -> None:
        """Raise SearchTimeout when the deadline has passed."""
        if time.perf_counter() > self.deadline:
            raise SearchTimeout(f"the search took longer than {self.seconds:g} s and was stopped; try fewer or longer words")

    def left(self) -> float:
        """Return the seconds left before the deadline (negative when past)."""
        return self.deadline - time.perf_counter()


NO_LIMIT = Budget(float("inf"))


@dataclass
class Found:
    """Documents a query matched: sorted index-wide numbers, their scores, and tier (lower first; None: one tier).

    `translated` says, per document, whether it was matched only through translations (None: none was).
    """

    ids: np.ndarray
    scores: np.ndarray
    tier: np.ndarray | None = None
    mode: str = "all"
    stats: dict[str, Any] = field(default_factory=dict)
    translated: np.ndarray | None = None


_per_index: "weakref.WeakKeyDictionary[Any, dict[Callable[[Any], Any], Any]]" = weakref.WeakKeyDictionary()
_per_index_lock = threading.Lock()


def per_index(searcher: Any, factory: Callable[[Any], T]) -> T:
    """Return factory(searcher), made once per open index (reader) and kept as long as it is open."""
    reader = searcher.reader()
    made = _per_index.get(reader)
    if made is not None:  # asked ~90 times a search: no lock once it is made
        found = made.get(factory)
        if found is not None:
            return found  # type: ignore[no-any-return]
    with _per_index_lock:
        made = _per_index.setdefault(reader, {})
        found = made.get(factory)
        if found is None:
            found = made[factory] = factory(searcher)
    return found


class _Lru:
    """Decoded arrays kept by key, least recently used evicted first once their bytes pass a budget."""

    def __init__(self, budget: Callable[[], int]) -> None:
        self.entries: OrderedDict[Any, Any] = OrderedDict()
        self.sizes: dict[Any, int] = {}
        self.bytes = 0
        self.budget = budget  # read at each insertion, so tests can lower the module constant
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """Return the kept value (marked as just used) or None."""
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: Any, value: Any, nbytes: int) -> None:
        """Keep a value, evicting the oldest entries past the budget (the newest always stays)."""
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = value
            self.sizes[key] = nbytes
            self.bytes += nbytes
            while self.bytes > self.budget() and len(self.entries) > 1:
                old, _ = self.entries.popitem(last=False)
                self.bytes -= self.sizes.pop(old)


class IndexCache:
    """Per open build: segments, field lengths, and recently used terms' decoded postings and positions (LRU, bounded)."""

    def __init__(self, searcher: Any) -> None:
        self.size = searcher.doc_count_all()
        self.leaves = [(leaf, offset, whooshfast.deleted(leaf)) for leaf, offset in whooshfast.leaves(searcher)]
        # Common terms' postings as plain arrays written by the build (postingarrays.py), per segment, or None.
        self.arrays = [whooshfast.posting_arrays(leaf) for leaf, _offset, _dead in self.leaves]
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        self._norms: dict[str, np.ndarray] = {}
        self._norm_lists: dict[str, list[float]] = {}  # the same, as Python floats (see _small)
        self._dead_sets: dict[int, frozenset[int]] = {}  # a segment's deleted documents, as a set (see _small)
        self._terms = _Lru(lambda: POSTING_CACHE_BYTES)  # (field, term) -> postings
        # Word positions apart from the postings, so that a phrase of common words never evicts the postings
        # every query needs: (segment, field, term) -> block directory, (..., block) -> a block's positions.
        self._positions = _Lru(lambda: POSITION_CACHE_BYTES)
        self._lock = threading.Lock()  # guards `decoded`
        self.decoded = 0  # terms decoded (not served from the cache), for tests and profiles

    def norm(self, searcher: Any, fieldname: str) -> np.ndarray:
        """Return BM25's length part K1*((1-B)+B*len/avg) for each of the 256 encoded lengths of a field."""
        table = self._norms.get(fieldname)
        if table is None:
            B, K1 = whooshfast.bm25f(searcher, fieldname)
            avgfl = searcher.avg_field_length(fieldname) or 1
            table = self._norms[fieldname] = K1 * ((1 - B) + B * whooshfast.length_table() / avgfl)
        return table

    def lengths(self, segment_no: int, leaf: Any, fieldname: str) -> np.ndarray:
        """Return a segment's encoded field lengths, read once."""
        key = (segment_no, fieldname)
        col = self._lengths.get(key)
        if col is None:
            col = self._lengths[key] = whooshfast.lengths(leaf, fieldname)
        return col

    def term(self, searcher: Any, fieldname: str, btext: bytes, budget: Budget) -> tuple[np.ndarray, np.ndarray, float]:
        """Return a term's live postings: (index-wide document numbers, BM25 tf-length factors or raw weights, idf).

        A term the index lacks is remembered too (empty arrays), so a word's ten fields cost one lookup each.
        """
        key = (fieldname, btext)
        found = self._terms.get(key)
        if found is not None:
            return found
        value = self._decode(searcher, fieldname, btext, budget)
        with self._lock:
            self.decoded += 1
        self._terms.put(key, value, value[0].nbytes + value[1].nbytes + 200)
        return value

    @property
    def _postings(self) -> OrderedDict[Any, Any]:
        return self._terms.entries

    @property
    def _bytes(self) -> int:
        return self._terms.bytes

    def positions(
        self, segment_no: int, fieldname: str, btext: bytes, docs: np.ndarray, budget: Budget
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return a term's word positions in some sorted local documents of one segment as (document, position) arrays.

        The pairs come sorted by document, then position. Only the posting blocks that hold a wanted document
        are decoded; each decoded block is kept (LRU within POSITION_CACHE_BYTES), so a common word's blocks
        are decoded once per open build.
        """
        leaf = self.leaves[segment_no][0]
        arrays = self.arrays[segment_no]
        if arrays is not None and len(docs):
            found = arrays.positions(fieldname, btext, docs)  # a common term: its documents' positions in one read
            if found is not None:
                return found
        dir_key = ("blocks", segment_no, fieldname, btext)
        directory = self._positions.get(dir_key)
        if directory is None:
            directory = whooshfast.block_directory(leaf, fieldname, btext)
            self._positions.put(dir_key, directory, directory[0].nbytes * 2 + 200)
        offsets, maxids = directory
        if not len(offsets) or not len(docs):
            return _EMPTY_IDS, _EMPTY_IDS
        # Block b holds the documents after block b-1's last one up to its own last one.
        wanted = _sorted_distinct(np.searchsorted(maxids, docs, side="left"))  # docs sorted: so are their blocks
        wanted = wanted[wanted < len(maxids)].tolist()
        if not wanted:  # every wanted document comes after the term's last one
            return _EMPTY_IDS, _EMPTY_IDS
        blocks: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        missing = []
        for b in wanted:
            found = self._positions.get((segment_no, fieldname, btext, b))
            if found is None:
                missing.append(b)
            else:
                blocks[b] = found
        if missing:
            read = whooshfast.position_blocks(leaf, fieldname, btext, [int(offsets[b]) for b in missing], budget.check)
            for b, block in zip(missing, read):
                blocks[b] = block
                self._positions.put((segment_no, fieldname, btext, b), block, sum(a.nbytes for a in block) + 300)
        # The wanted blocks as one table: a row per document, its positions one run of `pos` after the other.
        parts = [blocks[b] for b in wanted]
        ids = np.concatenate([p[0] for p in parts])
        counts = np.concatenate([p[1] for p in parts]).astype(np.int64)
        pos = np.concatenate([p[2] for p in parts])
        # docs is sorted: the wanted documents among the rows, found by bisection.
        at = np.searchsorted(docs, ids)
        rows = np.flatnonzero(docs[np.minimum(at, len(docs) - 1)] == ids)
        if not len(rows):
            return _EMPTY_IDS, _EMPTY_IDS
        return postingarrays.gather_runs(ids, counts, pos, rows)

    def _small(self, segment_no: int, leaf: Any, offset: int, fieldname: str, info: Any,
               norm: np.ndarray | None) -> tuple[np.ndarray, np.ndarray] | None:
        """Return a rare term's live postings in one segment as (index-wide numbers, factors), worked out in Python.

        The same steps as _decode's arrays, one posting at a time: each factor is the same two IEEE operations
        on the same doubles, so it is equal to the bit. None when the postings are not one block (see
        whooshfast.small_postings).
        """
        got = whooshfast.small_postings(leaf, fieldname, info)
        if got is None:
            return None
        ids, weights = got
        dead = self._dead_sets.get(segment_no)
        if dead is None and self.leaves[segment_no][2] is not None:
            dead = self._dead_sets[segment_no] = frozenset(self.leaves[segment_no][2].tolist())
        if dead:
            live = [k for k, i in enumerate(ids) if i not in dead]
            ids, weights = [ids[k] for k in live], [weights[k] for k in live]
        if norm is not None:
            table = self._norm_lists.get(fieldname)
            if table is None:
                table = self._norm_lists[fieldname] = norm.tolist()
            lengths = self.lengths(segment_no, leaf, fieldname)
            weights = [w / (w + table[lengths[i]]) for i, w in zip(ids, weights)]
        return np.array([i + offset for i in ids], dtype=np.int64), np.array(weights, dtype=np.float64)

    def _decode(self, searcher: Any, fieldname: str, btext: bytes, budget: Budget) -> tuple[np.ndarray, np.ndarray, float]:
        scorable = searcher.schema[fieldname].scorable
        norm = self.norm(searcher, fieldname) if scorable else None
        all_ids: list[np.ndarray] = []
        all_factors: list[np.ndarray] = []
        positional = bool(searcher.schema[fieldname].format) and searcher.schema[fieldname].format.supports("positions")
        # One term-table lookup per segment gives both the postings and the document frequency.
        infos = [whooshfast.term_info(leaf, fieldname, btext) for leaf, _offset, _dead in self.leaves]
        if all(info is None for info in infos):
            return _EMPTY_IDS, _EMPTY_SCORES, 0.0
        for segment_no, (leaf, offset, dead) in enumerate(self.leaves):
            if infos[segment_no] is None:
                continue
            arrays = self.arrays[segment_no]
            found = arrays.get(fieldname, btext) if arrays is not None else None
            blocks: list[tuple[int, int]] | None = [] if positional and found is None else None
            if found is not None:
                ids, weights = found
            elif infos[segment_no].doc_frequency() <= SMALL_POSTINGS and (
                    small := self._small(segment_no, leaf, offset, fieldname, infos[segment_no], norm)) is not None:
                if len(small[0]):
                    all_ids.append(small[0])
                    all_factors.append(small[1])
                continue
            else:
                ids, weights = whooshfast.postings(leaf, fieldname, btext, budget.check, blocks, infos[segment_no])
            if blocks and len(blocks) > DIRECTORY_MIN_BLOCKS:
                # A phrase reads this term's positions next: keep the block directory the walk just passed.
                directory = (np.array([b[0] for b in blocks], np.int64), np.array([b[1] for b in blocks], np.int64))
                self._positions.put(("blocks", segment_no, fieldname, btext), directory, directory[0].nbytes * 2 + 200)
            if not len(ids):
                continue
            if dead is not None:
                live = np.isin(ids, dead, assume_unique=True, invert=True)
                ids, weights = ids[live], weights[live]
            if norm is not None:
                weights = weights / (weights + norm[self.lengths(segment_no, leaf, fieldname)[ids]])
            all_ids.append(ids + offset)
            all_factors.append(weights)
        idf = whooshfast.idf(searcher, sum(i.doc_frequency() for i in infos if i is not None)) if scorable else 0.0
        if not all_ids:
            return _EMPTY_IDS, _EMPTY_SCORES, idf
        return np.concatenate(all_ids), np.concatenate(all_factors), idf


def cache_of(searcher: Any) -> IndexCache:
    """Return the open build's posting cache."""
    return per_index(searcher, IndexCache)


def term_ids(searcher: Any, fieldname: str, text: Any, budget: Budget = NO_LIMIT) -> np.ndarray:
    """Return the sorted index-wide numbers of the live documents that have the term."""
    if fieldname not in searcher.schema:
        return _EMPTY_IDS
    btext = _btext(searcher, fieldname, text)
    if btext is None:
        return _EMPTY_IDS
    return cache_of(searcher).term(searcher, fieldname, btext, budget)[0]


def _btext(searcher: Any, fieldname: str, text: Any) -> bytes | None:
    if isinstance(text, bytes):
        return text
    try:
        return searcher.schema[fieldname].to_bytes(text)
    except ValueError:
        return None


def _term(searcher: Any, q: Any, budget: Budget) -> tuple[np.ndarray, np.ndarray]:
    """Score one term: Whoosh's BM25F (idf * (K1+1) * tf / (tf + norm)) times the term's boost."""
    fieldname = q.fieldname
    if fieldname not in searcher.schema:
        return _EMPTY_IDS, _EMPTY_SCORES
    btext = _btext(searcher, fieldname, q.text)
    if btext is None:
        return _EMPTY_IDS, _EMPTY_SCORES
    ids, factors, idf = cache_of(searcher).term(searcher, fieldname, btext, budget)
    if not len(ids):
        return _EMPTY_IDS, _EMPTY_SCORES
    if searcher.schema[fieldname].scorable:
        _B, K1 = whooshfast.bm25f(searcher, fieldname)
        c = idf * (K1 + 1) * q.boost
    else:  # Whoosh scores a term of an unscored field (lang:nl) by its frequency
        c = q.boost
    return ids, factors * c


def _union(parts: list[tuple[np.ndarray, np.ndarray]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the documents of any part, each with the sum of its scores."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return _EMPTY_IDS, _EMPTY_SCORES
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p[0]) for p in parts)
    if total * 8 > size:  # many postings: add into one dense array instead of sorting them
        acc = np.zeros(size)
        hit = np.zeros(size, dtype=bool)
        for ids, sc in parts:
            acc[ids] += sc  # a part's ids are unique, so fancy-index addition is exact
            hit[ids] = True
        ids = np.flatnonzero(hit)
        return ids, acc[ids]
    ids = np.concatenate([p[0] for p in parts])
    sc = np.concatenate([p[1] for p in parts])
    uniq, inverse = np.unique(ids, return_inverse=True)
    return uniq, np.bincount(inverse, weights=sc, minlength=len(uniq))


def _intersect(parts: list[tuple[np.ndarray, np.ndarray]], size: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Return the documents of every part, each with the sum of its scores."""
    parts = sorted(parts, key=lambda p: len(p[0]))
    if not parts or not len(parts[0][0]):
        return _EMPTY_IDS, _EMPTY_SCORES
    if size and len(parts) > 1 and len(parts[0][0]) * 8 > size:
        # Long lists: count and add in dense arrays (no sorting); only documents in every part survive.
        acc = np.zeros(size)
        count = np.zeros(size, dtype=np.int32)
        for ids, sc in parts:
            acc[ids] += sc
            count[ids] += 1
        ids = np.flatnonzero(count == len(parts))
        return ids, acc[ids]
    ids, sc = parts[0]
    for other_ids, other_sc in parts[1:]:
        if not len(ids):
            break
        ids, i, j = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
        sc = sc[i] + other_sc[j]
    return ids, sc


def _without(found: tuple[np.ndarray, np.ndarray], excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ids, sc = found
    if not len(excluded) or not len(ids):
        return found
    keep = np.isin(ids, excluded, assume_unique=True, invert=True)
    return ids[keep], sc[keep]


def evaluate(searcher: Any, q: Any, budget: Budget = NO_LIMIT) -> tuple[np.ndarray, np.ndarray]:
    """Return (sorted document numbers, scores) of every live document the query matches, as Whoosh scores them.

    The one walker over query trees: every node type the parser produces (after expansion) is handled
    here; any other raises NotFast.
    """
    budget.check()
    size = cache_of(searcher).size
    if q is None or q is wq.NullQuery:
        return _EMPTY_IDS, _EMPTY_SCORES
    boost = getattr(q, "boost", 1.0)
    if isinstance(q, wq.Term):
        return _term(searcher, q, budget)
    if isinstance(q, wq.Or) and not q.minmatch and q.scale is None:
        return _boosted(_union([evaluate(searcher, sub, budget) for sub in q.subqueries], size), boost)
    if isinstance(q, wq.And):
        positives = [s for s in q.subqueries if not isinstance(s, wq.Not)]
        negatives = [s for s in q.subqueries if isinstance(s, wq.Not)]
        if not positives:
            return _EMPTY_IDS, _EMPTY_SCORES
        ids, sc = _intersect([evaluate(searcher, s, budget) for s in positives], size)
        for neg in negatives:
            # Whoosh scores a document that lacks the NOT words as if that clause matched with its boost.
            ids, sc = _without((ids, sc), evaluate(searcher, neg.query, budget)[0])
            sc = sc + neg.boost
        return _boosted((ids, sc), boost)
    if isinstance(q, wq.AndNot):
        return _boosted(_without(evaluate(searcher, q.a, budget), evaluate(searcher, q.b, budget)[0]), boost)
    if isinstance(q, wq.AndMaybe):
        a_ids, a_sc = evaluate(searcher, q.a, budget)
        b_ids, b_sc = evaluate(searcher, q.b, budget)
        if len(a_ids) and len(b_ids):
            both, i, j = np.intersect1d(a_ids, b_ids, assume_unique=True, return_indices=True)
            a_sc = a_sc.copy()
            a_sc[i] += b_sc[j]
        return _boosted((a_ids, a_sc), boost)
    if isinstance(q, wq.Phrase):
        if not q.words:
            return _EMPTY_IDS, _EMPTY_SCORES
        ids, sc = _intersect([_term(searcher, wq.Term(q.fieldname, w), budget) for w in q.words], size)
        if not len(ids):
            return ids, sc
        keep = np.isin(ids, phrase_docs(searcher, q.fieldname, list(q.words), ids, q.slop, budget), assume_unique=True)
        return _boosted((ids[keep], sc[keep]), boost)
    raise NotFast(f"query node {type(q).__name__} ({q})")


_SHIFT = np.int64(1 << 32)  # (document, position) pairs as one sortable int64 key: document * 2**32 + position


def _sorted_common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the values of the shorter of two sorted arrays that the other has too (bisection, no re-sorting)."""
    if not len(a) or not len(b):
        return _EMPTY_IDS
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)
    return a[b[np.minimum(at, len(b) - 1)] == a]


def _sorted_distinct(a: np.ndarray) -> np.ndarray:
    """Return a sorted array without its repeats."""
    if len(a) < 2:
        return a
    return a[np.concatenate(([True], a[1:] != a[:-1]))]


def phrase_docs(
    searcher: Any, fieldname: str, words: list[str], candidates: np.ndarray, slop: int = 1, budget: Budget = NO_LIMIT
) -> np.ndarray:
    """Return the candidate documents in which the words stand in order, each within `slop` of the one before."""
    field_obj = searcher.schema[fieldname]
    if not field_obj.format or not field_obj.format.supports("positions"):
        raise NotFast(f"phrase on {fieldname}, which has no positions")
    cache = cache_of(searcher)
    btexts = [field_obj.to_bytes(w) for w in words]
    order = list(range(len(words)))
    if slop == 1:
        # Words next to each other: a phrase start is a word's position minus its place in the phrase, so the
        # words may be read in any order; the rarest first leaves few documents whose common words are read.
        order.sort(key=lambda i: len(cache.term(searcher, fieldname, btexts[i], budget)[0]))
    found: list[np.ndarray] = []
    for segment_no, (leaf, offset, _dead) in enumerate(cache.leaves):
        local = candidates[(candidates >= offset) & (candidates < offset + leaf.doc_count_all())] - offset
        keys = _EMPTY_IDS
        for n, i in enumerate(order):
            if not len(local):
                break
            docs, pos = cache.positions(segment_no, fieldname, btexts[i], local, budget)
            # Sorted by document then position, so every key array below is sorted (bisection needs no re-sort).
            if slop == 1:
                # Shifted by the phrase length so that a start key never goes below its document's range.
                here = docs * _SHIFT + (pos - i + len(words))
                keys = here if n == 0 else _sorted_common(keys, here)
            else:
                here = docs * _SHIFT + pos
                if n:
                    # A word counts where one of the previous word's kept positions lies 1..slop before it.
                    lo = np.searchsorted(keys, here - slop, side="left")
                    hi = np.searchsorted(keys, here, side="left")
                    here = here[hi > lo]
                keys = here
            local = _sorted_distinct(keys // _SHIFT)
        found.append(local + offset)
    return np.concatenate(found) if found else _EMPTY_IDS


def _boosted(found: tuple[np.ndarray, np.ndarray], boost: float) -> tuple[np.ndarray, np.ndarray]:
    if boost != 1.0:
        return found[0], found[1] * boost
    return found


def scores(searcher: Any, q: Any, budget: Budget = NO_LIMIT) -> dict[int, float]:
    """Return {document number: score} for every document the query matches (for tests and tools)."""
    ids, sc = evaluate(searcher, q, budget)
    return dict(zip(ids.tolist(), sc.tolist()))


# --- graded matching -------------------------------------------------------------------------------


def _leaf_terms(q: Any) -> list[Any]:
    if isinstance(q, wq.Term):
        return [q]
    if isinstance(q, (wq.Or, wq.And)):
        return [t for sub in q.subqueries for t in _leaf_terms(sub)]
    return []


def _is_word(q: Any) -> bool:
    """Say whether a clause is one typed word (or prefix/fuzzy word) searched in several fields: an OR of terms.

    A word the analyzer splits in a field (`8-tracks`, `COVID-19`: an AND of its parts there) is one word too.
    """
    if isinstance(q, wq.Term):
        return True
    if isinstance(q, wq.And):
        return all(isinstance(s, wq.Term) for s in q.subqueries)
    return isinstance(q, wq.Or) and all(_is_word(s) for s in q.subqueries)


def _is_stopword(q: Any) -> bool:
    """Say whether a word clause is a common word of nl, en or de (as typed: its unstemmed 'exact' term)."""
    texts = {t.text for t in _leaf_terms(q) if t.fieldname in ("exact", "title_exact")}
    return bool(texts) and all(t in STOPWORDS for t in texts)


def _is_question_word(q: Any) -> bool:
    """Say whether a word clause is a question word or auxiliary of data/question_words.txt (as typed)."""
    texts = {t.text for t in _leaf_terms(q) if t.fieldname in ("exact", "title_exact")}
    return bool(texts) and all(t in QUESTION_WORDS for t in texts)


def _weight(size: int, docs: int) -> float:
    """Return a word's weight for graded matching: Whoosh's IDF of the documents the word (any field) matches."""
    return 0.0 if docs == 0 else math.log(size / (docs + 1)) + 1


PROXIMITY_CANDIDATES = 100  # "most" documents whose word positions are read to order them
PROXIMITY_SLACK = 4  # extra word positions a window may span beyond one position per query word


def _proximity(searcher: Any, docs: np.ndarray, clauses: list[Any], budget: Budget) -> np.ndarray:
    """Return, per document, the most query words (as typed: the 'exact' field) that stand within one short window.

    A question such as 'hoeveel ... zijn er nog in nederland' is answered by the document that says those
    words together ('zijn er nog 58 Russische diplomaten werkzaam in Nederland'), not the one that repeats
    two of them most often.
    """
    field_obj = searcher.schema["exact"]
    if not field_obj.format or not field_obj.format.supports("positions"):
        raise NotFast("proximity on exact, which has no positions")
    cache = cache_of(searcher)
    width = len(clauses) + PROXIMITY_SLACK
    best = np.zeros(len(docs), dtype=np.int64)
    for segment_no, (leaf, offset, _dead) in enumerate(cache.leaves):
        sel = np.flatnonzero((docs >= offset) & (docs < offset + leaf.doc_count_all()))
        if not len(sel):
            continue
        local = np.sort(docs[sel] - offset)
        keys: list[np.ndarray] = []
        which: list[np.ndarray] = []
        for n, clause in enumerate(clauses):
            for t in sorted({t.text for t in _leaf_terms(clause) if t.fieldname == "exact"}):
                d, p = cache.positions(segment_no, "exact", field_obj.to_bytes(t), local, budget)
                keys.append(d * _SHIFT + p)
                which.append(np.full(len(d), n, dtype=np.int64))
        if not keys:
            continue
        key = np.concatenate(keys)
        clause_of = np.concatenate(which)
        order = np.argsort(key, kind="stable")
        key, clause_of = key[order], clause_of[order]
        # A window ending at a word holds the clauses whose latest occurrence up to it lies less than `width`
        # positions back (keys carry the document, so an occurrence in an earlier document is always too far).
        count = np.zeros(len(key), dtype=np.int64)
        for n in range(len(clauses)):
            latest = np.maximum.accumulate(np.where(clause_of == n, key, np.iinfo(np.int64).min))
            count += latest > key - width
        per_doc = np.zeros(int(local[-1]) + 1, dtype=np.int64)
        np.maximum.at(per_doc, key // _SHIFT, count)
        best[sel] = per_doc[docs[sel] - offset]
    return best


class Translations(wq.Or):
    """A word's translations into the other languages (issue 15): OR-ed beside the word's own fields.

    A distinct node type so that the engine can tell a match through the words as typed from one through a
    translation; it scores as the Or it is.
    """


def originals(q: Any) -> Any:
    """Return the query without its translations (the query as typed); the same object when it has none."""
    if isinstance(q, Translations):
        return wq.NullQuery
    if isinstance(q, wq.compound.CompoundQuery) and not isinstance(q, wq.compound.BinaryQuery):
        subs = [originals(s) for s in q.subqueries]
        if all(a is b for a, b in zip(subs, q.subqueries)):
            return q
        kept = [s for s in subs if s is not wq.NullQuery]
        if not kept:
            return wq.NullQuery
        node = copy.copy(q)
        node.subqueries = kept
        return node
    if isinstance(q, (wq.AndNot, wq.AndMaybe)):
        a, b = originals(q.a), originals(q.b)
        if a is q.a and b is q.b:
            return q
        if a is wq.NullQuery:
            return wq.NullQuery
        if b is wq.NullQuery and isinstance(q, wq.AndMaybe):
            return a
        node = type(q)(a, b)
        node.boost = q.boost
        return node
    return q


# Graded matching with translations (issue 15). A document that has the words as typed ranks above one found
# only through their translations, other things equal; whether to relax to "most words" is decided on the
# words as typed, and documents found through translations relax as well. Tiers, best first:
#   0  every word as typed
#   1  every word, some only through a translation, and most of them (MOST_SHARE[0]) as typed
#   2… most words as typed (ordered by how many stand close together, as without translations)
#   …  every word, most of them only through translations
#   …  most words, some only through translations (MOST_SHARE_TRANSLATED)
#   …  a smaller share of the words as typed (MOST_SHARE[1:], at least MOST_MIN_WORDS words), while a page is
#      not full (issue 14: long questions)
# Chosen over "all translated before most as typed" and over ordering by word count or share by measurement
# (`bench/quality.py --questions`; README, "Cross-language search").
TIER_ALL = 0
# A document found through translations counts as having "most words" with a third of the words' weight (a
# dictionary misses many of a text's words: at half, as for the words as typed, cross-language recall@10 was
# 48 %); when the page is still not full, any document with a translated word follows.
MOST_SHARE_TRANSLATED = (1 / 3, 0.0)


def match(
    searcher: Any, q: Any, *, graded: bool, need: int, allowed: np.ndarray | None = None, budget: Budget = NO_LIMIT
) -> Found:
    """Return the documents a query matches: all its words, or, when fewer than `need` do, also most of them.

    `allowed` is a mask of the documents the filters let through (None: all).
    Only plain words relax: phrases, OR groups and negations keep their meaning, and a stopword never
    makes a document fail but adds to its score where it matches. Documents matched through the words as
    typed come before those matched only through translations (Translations nodes), at each level.
    """
    negated: list[Any] = []
    top = q
    while isinstance(top, wq.AndNot):  # -word: what follows the minus excludes, whatever relaxes
        negated.append(top.b)
        top = top.a
    clauses = list(top.subqueries) if isinstance(top, wq.And) and top.boost == 1.0 else [top]
    nots = [c for c in clauses if isinstance(c, wq.Not)]
    positives = [c for c in clauses if not isinstance(c, wq.Not)]
    plain = {id(c): originals(c) for c in positives}  # each clause as typed, without its translations
    words = [c for c in positives if plain[id(c)] is not wq.NullQuery and _is_word(plain[id(c)])]
    if not graded or len(words) < 2 or not isinstance(top, wq.And) or top.boost != 1.0:
        return _ungraded(searcher, q, allowed, budget)
    word_ids = {id(c) for c in words}
    musts = [c for c in positives if id(c) not in word_ids]
    optional = [c for c in words if _is_stopword(plain[id(c)])]
    # A question word (wanneer, wann, many) is needed for "all words" but weighs nothing in a "most words" share:
    # the answer states the fact and seldom repeats the question.
    asking = [c for c in words if not _is_stopword(plain[id(c)]) and _is_question_word(plain[id(c)])]
    required = [c for c in words if not _is_stopword(plain[id(c)]) and not _is_question_word(plain[id(c)])]
    if not required:  # every word is common ("to be or not to be"): then they all count
        required, optional, asking = words, [], []
    size = cache_of(searcher).size
    # Per clause: the documents it matches and their scores (through the words or their translations), and
    # the documents it matches through the words as typed (the same arrays when it has no translations).
    results = {id(c): evaluate(searcher, c, budget) for c in positives}
    typed = {id(c): results[id(c)] if plain[id(c)] is c else evaluate(searcher, plain[id(c)], budget) for c in positives}
    translated = [c for c in positives if plain[id(c)] is not c]
    excluded = [evaluate(searcher, n.query, budget)[0] for n in nots] + [evaluate(searcher, b, budget)[0] for b in negated]
    neg_boost = sum(n.boost for n in nots)

    def finish(ids: np.ndarray, sc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if allowed is not None:
            keep = allowed[ids]
            ids, sc = ids[keep], sc[keep]
        for ex in excluded:
            ids, sc = _without((ids, sc), ex)
        return ids, sc + neg_boost

    # Every document gets the whole query's score as Whoosh gives it (each clause's, through the words or their
    # translations; the common words' where present): tiers, not scores, put the words as typed first.
    ids, sc = _intersect([results[id(c)] for c in required + asking + musts], size)
    if optional and len(ids):
        extra = _union([results[id(c)] for c in optional], size)
        both, i, j = np.intersect1d(ids, extra[0], assume_unique=True, return_indices=True)
        sc = sc.copy()
        sc[i] += extra[1][j]
    ids, sc = finish(ids, sc)
    t_ids, t_sc = _EMPTY_IDS, _EMPTY_SCORES
    if translated and len(ids):  # all words, some of them only through a translation: a tier of their own
        as_typed = np.isin(ids, _intersect([typed[id(c)] for c in required + asking + musts], size)[0], assume_unique=True)
        ids, sc, t_ids, t_sc = ids[as_typed], sc[as_typed], ids[~as_typed], sc[~as_typed]
    if len(ids) >= need or len(required + asking) < 2:
        return _tiered([(ids, sc, TIER_ALL, False), (t_ids, t_sc, TIER_ALL + 1, True)], "all")
    # Most words: a document whose required words carry at least a share (MOST_SHARE) of their IDF weight.
    weights = [_weight(size, len(typed[id(c)][0])) for c in required]
    # Through translations a word weighs by the documents it matches in any language: a word no document has as
    # typed (an English word in a Dutch collection) still counts through its translations.
    translated_weights = [_weight(size, len(results[id(c)][0])) for c in required]
    if sum(translated_weights) <= 0:
        return _tiered([(ids, sc, TIER_ALL, False), (t_ids, t_sc, TIER_ALL + 1, True)], "all")
    score_all = np.zeros(size)
    for c in required + optional + asking + musts:
        c_ids, c_sc = results[id(c)]
        score_all[c_ids] += c_sc

    def most_words(
        source: dict[int, tuple[np.ndarray, np.ndarray]], weights: list[float], part: float, exclude: np.ndarray,
        least: int = 1,
    ) -> np.ndarray:
        """Return the documents (not in exclude) whose required words in `source` carry `part` of their weight
        (any of it when part is 0) and number at least `least`, with every must clause."""
        share = np.zeros(size)
        count = np.zeros(size, dtype=np.int64)
        for c, w in zip(required, weights):
            share[source[id(c)][0]] += w
            count[source[id(c)][0]] += 1
        total = sum(weights)
        if total <= 0:
            return _EMPTY_IDS
        candidates = np.flatnonzero(share >= part * total - 1e-12) if part > 0 else np.flatnonzero(share > 0)
        if least > 1:
            candidates = candidates[count[candidates] >= least]
        for c in musts:
            candidates = np.intersect1d(candidates, source[id(c)][0], assume_unique=True)
        return np.setdiff1d(candidates, exclude, assume_unique=True)

    # Most words as typed, share by share (MOST_SHARE), the next share only while a page is not full: each
    # share's documents in tiers of their own below the previous share's.
    typed_most = most_words(typed, weights, MOST_SHARE[0], _EMPTY_IDS)
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    have = np.union1d(ids, t_ids)
    for k, part in enumerate(MOST_SHARE):
        # A smaller share still needs two of the words: one word of a two-word query is not "most words".
        cand = most_words(typed, weights, part, have, 1 if k == 0 else MOST_MIN_WORDS)
        have = np.union1d(have, cand)
        steps.append(finish(cand, score_all[cand]))
        if len(ids) + sum(len(s[0]) for s in steps) >= need:
            break
    m_ids = np.concatenate([s[0] for s in steps])
    # Every word, some through a translation: above "most words as typed" when most of them are there as typed.
    mixed = np.isin(t_ids, typed_most, assume_unique=True)
    mt_ids, mt_sc = _EMPTY_IDS, _EMPTY_SCORES
    if translated:
        budget.check()
        # Through translations: documents that match at least one word only through its translation.
        via = np.zeros(size, dtype=bool)
        for c in translated:
            only = np.zeros(size, dtype=bool)
            only[results[id(c)][0]] = True
            only[typed[id(c)][0]] = False
            via |= only
        have = np.union1d(np.union1d(ids, t_ids), steps[0][0])
        for part in MOST_SHARE_TRANSLATED:
            cand = most_words(results, translated_weights, part, have)
            cand = cand[via[cand]]
            mt_ids, mt_sc = finish(cand, score_all[cand])
            if len(ids) + len(t_ids) + len(steps[0][0]) + len(mt_ids) >= need:
                break
    if not len(m_ids) and not len(mt_ids):
        return _tiered([(ids, sc, TIER_ALL, False), (t_ids, t_sc, TIER_ALL + 1, True)], "all")
    # Order each share's "most" documents by how many query words (as typed) stand close together, then by score:
    # the PROXIMITY_CANDIDATES best-scored ones get 1 + (words - that count) as tier; the rest come after them.
    n = len(required + optional + asking + musts)
    # Most words as typed, then the documents found through translations, then the smaller shares as typed (a
    # quarter of the words as typed only fills a page that translations left short: before them it cost
    # cross-language recall@10 2-45 points, `bench/quality.py --cross-language`).
    def typed_part(k: int, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
        s_ids, s_sc = steps[k]
        s_tier = np.full(len(s_ids), base + n + 1, dtype=np.int64)
        if len(s_ids):
            best = np.argsort(-s_sc, kind="stable")[:PROXIMITY_CANDIDATES]
            near = _proximity(searcher, s_ids[best], [plain[id(c)] for c in required + optional + asking + musts], budget)
            s_tier[best] = base + (n - near)
        return s_ids, s_sc, s_tier, False

    below = TIER_ALL + n + 4
    parts: list[tuple[np.ndarray, np.ndarray, Any, bool]] = [
        (ids, sc, TIER_ALL, False), (t_ids[mixed], t_sc[mixed], TIER_ALL + 1, True), typed_part(0, TIER_ALL + 2),
        (t_ids[~mixed], t_sc[~mixed], below, True), (mt_ids, mt_sc, below + 1, True)]
    parts += [typed_part(k, below + 2 + (k - 1) * (n + 2)) for k in range(1, len(steps))]
    # A document found through a smaller share as typed and through translations counts once, in its first tier.
    seen = _EMPTY_IDS
    for i, (p_ids, p_sc, p_tier, p_via) in enumerate(parts):
        keep = ~np.isin(p_ids, seen)
        if not keep.all():
            parts[i] = (p_ids[keep], p_sc[keep], p_tier if np.ndim(p_tier) == 0 else p_tier[keep], p_via)
        seen = np.union1d(seen, p_ids)
    return _tiered(parts, "most")


def _tiered(parts: list[tuple[np.ndarray, np.ndarray, Any, bool]], mode: str) -> Found:
    """Return one Found of tiers' (ids, scores, tier or tiers, found through translations), by document number."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return Found(_EMPTY_IDS, _EMPTY_SCORES)
    ids = np.concatenate([p[0] for p in parts])
    sc = np.concatenate([p[1] for p in parts])
    tier = np.concatenate([np.broadcast_to(np.asarray(p[2], dtype=np.int64), len(p[0])) for p in parts])
    via = np.concatenate([np.full(len(p[0]), p[3]) for p in parts])
    order = np.argsort(ids, kind="stable")
    ids, sc, tier, via = ids[order], sc[order], tier[order], via[order]
    if (tier == TIER_ALL).all():
        return Found(ids, sc)
    return Found(ids, sc, tier, mode, translated=via if via.any() else None)


def _ungraded(searcher: Any, q: Any, allowed: np.ndarray | None, budget: Budget) -> Found:
    """Return every document the query matches, those matched only through translations in a tier after the rest."""
    ids, sc = evaluate(searcher, q, budget)
    if allowed is not None:
        keep = allowed[ids]
        ids, sc = ids[keep], sc[keep]
    plain = originals(q)
    if plain is q or not len(ids):
        return Found(ids, sc)
    typed = evaluate(searcher, plain, budget)[0] if plain is not wq.NullQuery else _EMPTY_IDS
    via = ~np.isin(ids, typed, assume_unique=True)
    if not via.any():
        return Found(ids, sc)
    return Found(ids, sc, np.where(via, TIER_ALL + 1, TIER_ALL).astype(np.int64), translated=via)


# --- ordering -------------------------------------------------------------------------------------


def top(found: Found, k: int, dates: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return the k best (document numbers, scores): tier, then date (when given, newest first) or score, then number."""
    ids, sc, tier = found.ids, found.scores, found.tier
    if tier is None or not len(ids) or (tier == tier[0]).all():
        return _top(ids, sc, k, dates)
    out_ids, out_sc = [], []
    left = k
    for t in np.unique(tier).tolist():
        sel = tier == t
        i, s = _top(ids[sel], sc[sel], left, dates)
        out_ids.append(i)
        out_sc.append(s)
        left -= len(i)
        if left <= 0:
            break
    return np.concatenate(out_ids), np.concatenate(out_sc)


def _top(ids: np.ndarray, sc: np.ndarray, k: int, dates: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    if k <= 0 or not len(ids):
        return _EMPTY_IDS, _EMPTY_SCORES
    primary = -sc if dates is None else -dates[ids]
    if len(ids) > k:
        # Partial sort: keep everything tied with the k-th key, so ties break exactly as a full sort would.
        kth = np.partition(primary, k - 1)[k - 1]
        sel = primary <= kth
        ids, sc, primary = ids[sel], sc[sel], primary[sel]
    keys = (ids, -sc) if dates is None else (ids, -sc, primary)
    order = np.lexsort(keys)[:k]
    return ids[order], sc[order]
