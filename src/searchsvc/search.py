"""Query to hits: orchestrate parsing, ranking, filtering, passages and suggestions into the API's shape."""

from __future__ import annotations

import json
import math
import time
from typing import Any

from whoosh import query as wq, sorting

from . import docsets, langid, rank
from .analysis import LANGUAGES, NEUTRAL
from .errors import BadQuery, DocumentNotFound
from .highlight import (  # noqa: F401  (re-exported for callers of the old single module)
    citation,
    display_title,
    document_url,
    find_spans,
    load_meta,
    mark,
    match_terms,
    passages,
)
from .query import (  # noqa: F401
    SearchRequest,
    _drop_empty,
    _has_positive,
    clean_query,
    expand,
    parse_query,
    parse_request,
)
from .schema import sort_date
from .spelling import suggest

def filter_docs(searcher: Any, req: SearchRequest, table: docsets.FacetTable) -> set[int] | None:
    """Return the document numbers the request's language, date and source filters allow, or None (all)."""
    parts: list[set[int]] = []
    if req.langs:
        parts.append(set().union(*(docsets.term_docs(searcher, "lang", lang) for lang in req.langs)))
    if req.date_from or req.date_to:
        low = sort_date(req.date_from) if req.date_from else "0000"
        high = _end_of(req.date_to) if req.date_to else "9999"
        parts.append(table.date_range(low, high))
    if req.source:
        parts.append(set().union(*(docsets.term_docs(searcher, "source", s) for s in req.source)))
    if not parts:
        return None
    parts.sort(key=len)
    return parts[0].intersection(*parts[1:])


def _end_of(date: str) -> str:
    """Return the last day a partial date can mean, for an inclusive 'to' bound."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return date


def search(searcher: Any, req: SearchRequest) -> dict[str, Any]:
    """Run a search and return the API's JSON shape: hits with passages and citations, facets, suggestion."""
    started = time.perf_counter()
    q = parse_query(req.q, searcher.schema)
    q = _drop_empty(expand(q, searcher.reader()))
    if q is None or q is wq.NullQuery or not _has_positive(q):
        q = wq.NullQuery
    table = docsets.facet_table(searcher)
    allowed = filter_docs(searcher, req, table)
    try:
        found: dict[int, float] | None = rank.scores(searcher, q)
    except rank.Unsupported:
        found = None
    # Count and facet the whole result set from document-number sets; rank only the hits up to this page.
    if found is not None:
        if allowed is not None:
            found = {d: s for d, s in found.items() if d in allowed}
        matched = set(found)
    else:
        matched = docsets.query_docs(searcher, q)
        if allowed is not None:
            matched &= allowed
    total = len(matched)
    last_page = max(1, math.ceil(total / req.per_page))
    page_no = min(req.page, last_page)
    wanted = page_no * req.per_page
    ranked: list[tuple[int, float]] = []
    if total and page_no == req.page:
        if found is not None and req.sort == "date":
            dates = table.dates
            by_score = rank.top(found, len(found))
            ranked = sorted(by_score, key=lambda item: dates[item[0]] or "", reverse=True)[:wanted]
        elif found is not None:
            ranked = rank.top(found, wanted)
        else:
            kwargs: dict[str, Any] = {"filter": allowed}
            if req.sort == "date":
                kwargs["sortedby"] = sorting.MultiFacet(
                    [sorting.FieldFacet("date_sort", reverse=True), sorting.ScoreFacet()]
                )
            ranked = [(hit.docnum, _hit_score(hit)) for hit in searcher.search(q, limit=wanted, terms=False, **kwargs)]
    page_hits = ranked[(page_no - 1) * req.per_page :]
    terms = match_terms(q, searcher.reader())
    hits = []
    for docnum, score in page_hits:
        stored = searcher.stored_fields(docnum)
        meta = load_meta(stored)
        hits.append(
            {
                "id": meta["id"],
                "title": display_title(meta),
                "language": meta.get("language"),
                "date": meta.get("date"),
                "source": meta.get("source"),
                "doc_number": meta.get("doc_number"),
                "author": meta.get("author"),
                "score": round(float(score), 4),
                "url": document_url(meta["id"]),
                "passages": passages(stored, terms, searcher.reader(), limit=req.passages, meta=meta) if req.passages else [],
            }
        )
    counts = table.counts(matched)
    facets = {name: _facet(counts[name]) for name in ("language", "year", "source")}
    suggestion = suggest(req.q, searcher)
    return {
        "query": req.q,
        "total": total,
        "page": req.page,
        "per_page": req.per_page,
        "pages": max(1, math.ceil(total / req.per_page)),
        "sort": req.sort,
        "filters": {"lang": req.langs, "from": req.date_from, "to": req.date_to, "source": req.source},
        "took_ms": round((time.perf_counter() - started) * 1000, 2),
        "hits": hits,
        "facets": facets,
        "suggestion": suggestion,
    }


def _hit_score(hit: Any) -> float:
    """Return a hit's relevance score; when sorted by date Whoosh gives the sort key (date, -score) instead."""
    score = hit.score
    if isinstance(score, tuple):  # MultiFacet(date_sort, ScoreFacet): the last part is the negated score
        score = -score[-1] if score and isinstance(score[-1], (int, float)) else 0.0
    return round(float(score or 0.0), 4)


def _facet(groups: dict[Any, int]) -> dict[str, int]:
    """Return facet counts with readable keys, largest first."""
    out: dict[str, int] = {}
    for key, count in groups.items():
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        name = key if key not in (None, "") else "unknown"
        out[name] = out.get(name, 0) + count
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def get_document(searcher: Any, doc_id: str, q: str | None = None) -> dict[str, Any]:
    """Return one document's metadata and numbered paragraphs, with the query's words marked when given."""
    stored = searcher.document(id=doc_id)
    if stored is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    meta = load_meta(stored)
    text = stored["text"]
    terms: dict[str, set[str]] = {}
    if q:
        try:
            terms = match_terms(parse_query(clean_query(q), searcher.schema), searcher.reader())
        except BadQuery:
            terms = {}
    paragraphs = []
    for number, (start, end, lang, prob, *page) in enumerate(json.loads(stored["paras"]), start=1):
        para = text[start:end]
        spans = find_spans(para, langid.analysis_language(lang), terms, searcher.schema) if terms else []
        paragraphs.append(
            {
                "number": number,
                "anchor": f"p{number}",
                "start": start,
                "end": end,
                "language": lang,
                "language_prob": prob,
                "text": para,
                "html": mark(para, spans),
                "page": page[0] if page else None,
                "page_label": page[1] if page else None,
                "citation": citation(meta, number, *page),
            }
        )
    public = {k: meta.get(k) for k in ("id", "title", "date", "source", "doc_number", "url", "author", "language", "language_prob")}
    public["display_title"] = display_title(meta)
    public["path"] = meta.get("path")
    public["format"] = meta.get("format") or "text"
    public["pages"] = meta.get("pages")
    return {"document": public, "paragraphs": paragraphs}


__all__ = [
    "LANGUAGES",
    "NEUTRAL",
    "SearchRequest",
    "parse_request",
    "search",
    "get_document",
    "parse_query",
    "suggest",
]
