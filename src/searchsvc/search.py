"""Query to hits: orchestrate parsing, ranking, filtering, passages and suggestions into the API's shape."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import re
import time
from typing import Any

import numpy as np
from whoosh import query as wq

from . import docsets, rank, stories
from .analysis import LANGUAGES, NEUTRAL
from .config import BY_NAME
from .errors import BadQuery, DocumentNotFound
from .highlight import (  # noqa: F401  (re-exported for callers of the old single module)
    citation,
    display_title,
    document_url,
    find_spans,
    hit_fields,
    load_meta,
    mark,
    match_terms,
    paragraph_spans,
    passages,
)
from .query import (  # noqa: F401
    MAX_QUERY_CHARS,
    SearchRequest,
    has_positive,
    add_translations,
    check_langs,
    clean_query,
    expand,
    parse_query,
    parse_request,
)
from .spelling import suggest
from .whooshfast import WORD_KEYS

DEFAULT_TIMEOUT: float = BY_NAME["search_timeout"].default
# An explicit AND (or +word, ANDMAYBE) asks for every word: such queries never relax to "most words".
_STRICT = re.compile(r"(?:^|\s)(?:AND|ANDMAYBE)(?=\s|$)|(?:^|[\s(])\+\S")


def search(searcher: Any, req: SearchRequest, timeout: float | None = None) -> dict[str, Any]:
    """Run a search and return the API's JSON shape; when nothing matches, the spelling-corrected query's hits.

    One path: expand, score (all words, else most of them), filter, order by score or date, page,
    passages; everything, the corrected retry included, inside one deadline (SearchTimeout past it).
    """
    started = time.perf_counter()
    if req.translate:
        from . import translate

        if translate.available():
            # Loading the dictionaries is once per process (seconds; `searchsvc serve` does it before a worker
            # accepts requests): it is not the search's own work, so it runs before the deadline starts.
            translate.warm()
    budget = rank.Budget(DEFAULT_TIMEOUT if timeout is None else timeout)
    result = _search_once(searcher, req, budget)
    result = with_correction(searcher, req, result, budget)
    result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


# --- spelling hook (issue 14, point 2) ------------------------------------------------------------------

def with_correction(searcher: Any, req: SearchRequest, result: dict[str, Any], budget: rank.Budget) -> dict[str, Any]:
    """Return the corrected query's results when the query matched nothing (or only most of its words) and the
    corrected query matches (all its words, in the second case).

    The answer keeps `query` as typed, names the corrected query in `suggestion` and says `corrected: true`,
    so a page can show "Showing results for <suggestion>. Search instead for <query>".
    """
    result["corrected"] = False
    suggestion = result.get("suggestion")
    # Nothing found, or only documents with most of the words (the misspelt one among the missing ones).
    partial = result["total"] and result.get("match") == "most"
    if (result["total"] and not partial) or not suggestion or not req.correct:
        return result
    try:
        retry = _search_once(searcher, dataclasses.replace(req, q=suggestion), budget, suggest_words=False)
    except BadQuery:  # a correction that cannot be searched is still offered as a link
        return result
    if not retry["total"] or (partial and retry.get("match") != "all"):
        return result
    retry.update(query=req.q, suggestion=suggestion, corrected=True)
    return retry


class Result(dict):  # type: ignore[type-arg]
    """The API's JSON shape; `stored` (not serialised) holds the page's stored documents by id, for grouping."""

    stored: dict[str, dict[str, Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = {}


# --- one search ---------------------------------------------------------------------------------------

def _search_once(searcher: Any, req: SearchRequest, budget: rank.Budget, suggest_words: bool = True) -> Result:
    """Run one search and return the API's JSON shape: hits with passages and citations, facets, suggestion."""
    reader = searcher.reader()
    check_langs(req, reader)
    q = parse_query(req.q, searcher.schema)
    # Cross-language (issue 15): each word also matches its translations; one clause per word all the same.
    translations: dict[str, dict[str, list[str]]] = {}
    if req.translate:
        q, translations = add_translations(q, req.q, reader, searcher.schema, req.langs)
    q = expand(q, reader, budget)
    if not has_positive(q):
        q = wq.NullQuery
    table = docsets.facet_table(searcher)
    mask = docsets.request_mask(searcher, table, req, budget)
    found = rank.match(searcher, q, graded=not _STRICT.search(req.q), need=req.per_page, allowed=mask, budget=budget)
    total = len(found.ids)
    last_page = max(1, math.ceil(total / req.per_page))
    page_no = min(req.page, last_page)
    wanted = page_no * req.per_page
    page_ids, page_scores = np.empty(0, np.int64), np.empty(0)
    if total and page_no == req.page:
        page_ids, page_scores = rank.top(found, wanted, table.dates if req.sort == "date" else None)
    page_ids, page_scores = page_ids[(page_no - 1) * req.per_page :], page_scores[(page_no - 1) * req.per_page :]
    terms = match_terms(q, reader)
    via = np.zeros(len(page_ids), dtype=bool)
    if found.translated is not None and len(page_ids):
        via = found.translated[np.searchsorted(found.ids, page_ids)]
    hits = []
    result = Result()
    metas: dict[str, dict[str, Any]] = {}
    for docnum, score, through in zip(page_ids.tolist(), page_scores.tolist(), via.tolist()):
        budget.check()
        stored = searcher.stored_fields(docnum)
        meta = load_meta(stored)
        result.stored[meta["id"]] = stored
        metas[meta["id"]] = meta
        hit = hit_fields(meta, score, req.base_url)
        if req.translate:
            hit["translated"] = through  # matched only through translations: ranked after the words as typed
        hit["passages"] = []  # below, for the hits the page shows
        hits.append(hit)
    facets, facets_more = table.facets(found.ids, req.facet_limit)
    budget.check()
    suggestion = suggest(req.q, searcher) if suggest_words else None  # bounded in spelling.py; the deadline still holds
    budget.check()
    result.update({
        "query": req.q,
        "total": total,
        "match": found.mode,
        "page": req.page,
        "per_page": req.per_page,
        "pages": max(1, math.ceil(total / req.per_page)),
        "sort": req.sort,
        "filters": {"lang": req.langs, "from": req.date_from, "to": req.date_to, "source": req.source},
        "hits": hits,
        "facets": facets,
        "facets_more": facets_more,
        "suggestion": suggestion,
        "translations": translations,  # issue 15: {word: {lang: [translations used]}}
    })
    if req.group:
        stories.apply(searcher, result)  # before the passages: a folded hit shows none (15 % of a page's hits)
    if req.passages:
        for hit in result["hits"]:
            budget.check()
            stored, meta = result.stored[hit["id"]], metas[hit["id"]]
            hit["passages"] = passages(stored, terms, reader, limit=req.passages, meta=meta, base=req.base_url)
    return result


def get_document(
    searcher: Any, doc_id: str, q: str | None = None, base_url: str = "", translate: bool = True
) -> dict[str, Any]:
    """Return one document's metadata and numbered paragraphs, the query's words (and their translations) marked."""
    stored = searcher.document(id=doc_id)
    if stored is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    meta = load_meta(stored)
    text = stored["text"]
    terms: dict[str, set[str]] = {}
    if q:
        try:
            cleaned = clean_query(q)
            parsed = parse_query(cleaned, searcher.schema)
            if translate:  # the words the search found this document through, in any language (issue 15)
                parsed, _used = add_translations(parsed, cleaned, searcher.reader(), searcher.schema)
            terms = match_terms(expand(parsed, searcher.reader()), searcher.reader())
        except BadQuery:
            terms = {}
    paragraphs = []
    paras = json.loads(stored["paras"])
    for number, (start, end, lang, prob, *page), spans in zip(itertools.count(1), paras,
                                                              paragraph_spans(text, paras, terms, searcher.schema,
                                                                              stored.get(WORD_KEYS))):
        para = text[start:end]
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
    "MAX_QUERY_CHARS",
    "SearchRequest",
    "parse_request",
    "search",
    "get_document",
    "parse_query",
    "suggest",
]
