"""Query to hits: orchestrate parsing, ranking, filtering, passages and suggestions into the API's shape."""

from __future__ import annotations

import dataclasses
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
    MAX_QUERY_CHARS,
    SearchRequest,
    _drop_empty,
    _has_positive,
    add_translations,
    check_langs,
    clean_query,
    end_of,
    expand,
    parse_query,
    parse_request,
    resolve_sources,
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
        high = end_of(req.date_to) if req.date_to else "9999"
        parts.append(table.date_range(low, high))
    if req.source:  # req.source is casefolded; resolve_sources names the indexed spellings ('ANP' for 'anp')
        names = resolve_sources(req.source, searcher.reader())
        parts.append(set().union(*(docsets.term_docs(searcher, "source", s) for s in names)))
    if not parts:
        return None
    parts.sort(key=len)
    return parts[0].intersection(*parts[1:])


def search(searcher: Any, req: SearchRequest) -> dict[str, Any]:
    """Run a search and return the API's JSON shape; when nothing matches, the spelling-corrected query's hits."""
    started = time.perf_counter()
    result = _search_once(searcher, req)
    result = with_correction(searcher, req, result)
    result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


# --- spelling hook (issue 14, point 2): kept apart so the engine rewrite can take it as it is -----------

def with_correction(searcher: Any, req: SearchRequest, result: dict[str, Any]) -> dict[str, Any]:
    """Return the corrected query's results when the query matched nothing and its correction matches.

    The answer keeps `query` as typed, names the corrected query in `suggestion` and says `corrected: true`,
    so a page can show "Showing results for <suggestion>. Search instead for <query>".
    """
    result["corrected"] = False
    suggestion = result.get("suggestion")
    if result["total"] or not suggestion or not req.correct:
        return result
    try:
        retry = _search_once(searcher, dataclasses.replace(req, q=suggestion))
    except BadQuery:  # a correction that cannot be searched is still offered as a link
        return result
    if not retry["total"]:
        return result
    retry.update(query=req.q, suggestion=suggestion, corrected=True)
    return retry


# --- one search ---------------------------------------------------------------------------------------

def _search_once(searcher: Any, req: SearchRequest) -> dict[str, Any]:
    """Run one search and return the API's JSON shape: hits with passages and citations, facets, suggestion."""
    started = time.perf_counter()
    check_langs(req, searcher.reader())
    q = parse_query(req.q, searcher.schema)
    # Cross-language (issue 15): each word also matches its translations; one clause per word all the same.
    translations: dict[str, dict[str, list[str]]] = {}
    if req.translate:
        q, translations = add_translations(q, req.q, searcher.reader(), searcher.schema, req.langs)
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
                "url": document_url(meta["id"], base=req.base_url),
                "passages": passages(stored, terms, searcher.reader(), limit=req.passages, meta=meta, base=req.base_url)
                if req.passages else [],
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
        "translations": translations,  # issue 15: {word: {lang: [translations used]}}
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


def get_document(searcher: Any, doc_id: str, q: str | None = None, base_url: str = "") -> dict[str, Any]:
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
                "citation": citation(meta, number, base_url, *page),
            }
        )
    public = {k: meta.get(k) for k in ("id", "title", "date", "source", "doc_number", "url", "author", "language", "language_prob")}
    # title means what /api/search's hits mean by it: the title to show (stated, else the opening words).
    public["title"] = public["display_title"] = display_title(meta)
    public["stated_title"] = meta.get("title")
    public["link"] = document_url(meta["id"], base=base_url)
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
