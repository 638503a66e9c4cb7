"""Facets, filters and sort dates as arrays over document numbers, read once per open build.

Whoosh counts and groups a result set by walking every match in Python; here every document's facet
values are codes in one array, so counting a result set is one np.bincount and a filter is a mask.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from . import query, whooshfast
from .rank import Budget, NO_LIMIT, per_index, term_ids
from .schema import sort_date

FACET_FIELDS = {"language": "lang", "year": "year", "source": "source"}


@dataclass(frozen=True)
class _SegmentFacets:
    """One segment's facet values as codes of its own (labels[i] is code i) and its sort dates."""

    labels: dict[str, list[Any]]
    codes: dict[str, np.ndarray]
    dates: np.ndarray


# Segments never change once written (a deletion is recorded beside them), and an incremental build
# hard-links the previous build's segments into the new one: a table kept per segment means a reader of
# the new build decodes only the new segment's columns (0.2-0.3 s for 100,000 documents otherwise, paid by
# the first search of every worker after every build). Least recently used first out past the budget.
KEPT_SEGMENT_DOCUMENTS = 1_000_000  # about 20 bytes a document: ~20 MB at most
_kept: "OrderedDict[tuple[str, int], _SegmentFacets]" = OrderedDict()
_kept_lock = threading.Lock()


def _segment_facets(leaf: Any) -> _SegmentFacets:
    """Return a segment's facet codes and dates, decoded once per segment and process."""
    key = (whooshfast.segment_id(leaf), leaf.doc_count_all())
    with _kept_lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    labels: dict[str, list[Any]] = {}
    codes: dict[str, np.ndarray] = {}
    for name, fieldname in FACET_FIELDS.items():
        values = whooshfast.column_values(leaf, fieldname)
        index: dict[Any, int] = {}
        codes[name] = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32, count=len(values))
        labels[name] = list(index)
    dates = np.array([int(d.replace("-", "")) if d else -1 for d in whooshfast.column_values(leaf, "date_sort")], dtype=np.int64)
    made = _SegmentFacets(labels, codes, dates)
    with _kept_lock:
        _kept[key] = made
        held = sum(k[1] for k in _kept)
        while len(_kept) > 1 and held > KEPT_SEGMENT_DOCUMENTS:
            held -= _kept.popitem(last=False)[0][1]
    return made


class FacetTable:
    """Every document's facet values (as codes) and sort date (as YYYYMMDD, -1 undated), made once per open build
    from each segment's part, which is read once per process."""

    def __init__(self, searcher: Any):
        reader = searcher.reader()
        self._reader = weakref.ref(reader)  # weak: per_index keeps this table as long as the reader lives, not longer
        self.size = reader.doc_count_all()
        parts = [_segment_facets(leaf) for leaf, _offset in whooshfast.leaves(searcher) if leaf.doc_count_all()]
        self.labels: dict[str, list[Any]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name in FACET_FIELDS:
            # Each segment numbers its own values; one index-wide numbering maps them (first seen, first numbered).
            index: dict[Any, int] = {}
            pieces = [np.fromiter((index.setdefault(v, len(index)) for v in part.labels[name]), dtype=np.int32,
                                  count=len(part.labels[name]))[part.codes[name]] for part in parts]
            self.labels[name] = list(index)
            self.codes[name] = np.concatenate(pieces) if pieces else np.empty(0, np.int32)
        self.dates = np.concatenate([part.dates for part in parts]) if parts else np.empty(0, np.int64)
        # Documents in date order, for date ranges by bisection.
        self._order = np.argsort(self.dates, kind="stable")
        self._sorted = self.dates[self._order]

    @cached_property
    def indexed_at(self) -> np.ndarray:
        """Return each document's order of entering the index (larger is later; without a stamp: the oldest).

        Read on first use (feeds), not with the facets every search needs. The stamps are fixed-width UTC
        (2026-12-01T03:42:07.123456Z), so their text order is their time order and a rank among them is the key.
        """
        stamps = np.array([s or "" for s in whooshfast.column_values(self._reader(), "indexed_at")], dtype=str)
        _unique, ranks = np.unique(stamps, return_inverse=True)
        return ranks.astype(np.int64).reshape(-1)

    def date_range(self, low: str, high: str) -> np.ndarray:
        """Return the documents dated from low to high inclusive (YYYY-MM-DD strings; undated ones never)."""
        lo = max(int(low.replace("-", "") or 0), 0)
        hi = int(high.replace("-", ""))
        start = np.searchsorted(self._sorted, lo, side="left")
        end = np.searchsorted(self._sorted, hi, side="right")
        return self._order[start:end]

    @cached_property
    def _readable(self) -> dict[str, tuple[list[str], np.ndarray]]:
        """Per facet: the names shown, sorted (bytes decoded, no value "unknown"), and each code's number among them.

        Two codes can share a name (None and "" are both "unknown").
        """
        out = {}
        for name, labels in self.labels.items():
            shown = [(v.decode("utf-8") if isinstance(v, bytes) else v) for v in labels]
            shown = [v if v not in (None, "") else "unknown" for v in shown]
            names = sorted(set(shown))
            at = {v: i for i, v in enumerate(names)}
            out[name] = (names, np.array([at[v] for v in shown], dtype=np.int64))
        return out

    def facets(self, docs: np.ndarray, limit: int | None = None) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
        """Return each facet's counts over the documents by the name shown, largest first (then by name), at most
        `limit` names a facet (None: all), and per facet how many names were left out."""
        out: dict[str, dict[str, int]] = {}
        more: dict[str, int] = {}
        for name, codes in self.codes.items():
            names, name_of = self._readable[name]
            counted = np.bincount(name_of[codes[docs]], minlength=len(names))
            present = np.flatnonzero(counted)
            # Names are numbered in sorted order: ties in count keep that order (a stable sort by count).
            order = present[np.argsort(-counted[present], kind="stable")]
            if limit is not None:
                order = order[:limit]
            out[name] = {names[i]: n for i, n in zip(order.tolist(), counted[order].tolist())}
            more[name] = len(present) - len(order)
        return out, more


def facet_table(searcher: Any) -> FacetTable:
    """Return the facet table of an open searcher's index, building it on first use."""
    return per_index(searcher, FacetTable)


def request_mask(searcher: Any, table: FacetTable, req: query.SearchRequest, budget: Budget = NO_LIMIT) -> np.ndarray | None:
    """Return the mask of a search request's filters (lang, from/to, source), or None (all): /search and the feeds.

    req.source is casefolded; query.resolve_sources names the indexed spellings ('ANP' for 'anp'), and a source
    no document has allows nothing.
    """
    sources = query.resolve_sources(req.source, searcher.reader()) if req.source else []
    if req.source and not sources:
        return np.zeros(table.size, dtype=bool)
    low = sort_date(req.date_from) if req.date_from else None
    high = query.end_of(req.date_to) if req.date_to else None
    return allowed(searcher, table, req.langs, low, high, sources, budget)


def allowed(
    searcher: Any, table: FacetTable, langs: list[str], low: str | None, high: str | None, sources: list[str],
    budget: Budget = NO_LIMIT,
) -> np.ndarray | None:
    """Return a mask of the documents the language, date and source filters allow, or None (all)."""
    mask: np.ndarray | None = None

    def narrow(ids: np.ndarray) -> None:
        nonlocal mask
        part = np.zeros(table.size, dtype=bool)
        part[ids] = True
        mask = part if mask is None else mask & part

    if langs:
        narrow(np.concatenate([term_ids(searcher, "lang", lang, budget) for lang in langs]))
    if low or high:
        narrow(table.date_range(low or "0000", high or "9999-12-31"))
    if sources:
        narrow(np.concatenate([term_ids(searcher, "source", s, budget) for s in sources]))
    return mask
