"""Facets, filters and sort dates as arrays over document numbers, read once per open build.

Whoosh counts and groups a result set by walking every match in Python; here every document's facet
values are codes in one array, so counting a result set is one np.bincount and a filter is a mask.
"""

from __future__ import annotations

import weakref
from functools import cached_property
from typing import Any

import numpy as np

from . import query, whooshfast
from .rank import Budget, NO_LIMIT, per_index, term_ids
from .schema import sort_date

FACET_FIELDS = {"language": "lang", "year": "year", "source": "source"}


class FacetTable:
    """Every document's facet values (as codes) and sort date (as YYYYMMDD, -1 undated), read once per open build."""

    def __init__(self, searcher: Any):
        reader = searcher.reader()
        self._reader = weakref.ref(reader)  # weak: per_index keeps this table as long as the reader lives, not longer
        self.size = reader.doc_count_all()
        self.labels: dict[str, list[Any]] = {}
        self.codes: dict[str, np.ndarray] = {}
        for name, fieldname in FACET_FIELDS.items():
            values = whooshfast.column_values(reader, fieldname)
            index: dict[Any, int] = {}
            codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int32, count=len(values))
            self.labels[name] = list(index)
            self.codes[name] = codes
        self.dates = np.array(
            [int(d.replace("-", "")) if d else -1 for d in whooshfast.column_values(reader, "date_sort")], dtype=np.int64
        )
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

    def counts(self, docs: np.ndarray) -> dict[str, dict[Any, int]]:
        """Return, for each facet, how many of the documents have each value."""
        out: dict[str, dict[Any, int]] = {}
        for name, codes in self.codes.items():
            counted = np.bincount(codes[docs], minlength=len(self.labels[name]))
            out[name] = {self.labels[name][i]: int(n) for i, n in enumerate(counted.tolist()) if n}
        return out


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
