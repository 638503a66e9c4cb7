"""More like this: the documents closest to one document, from its most distinctive terms (tf-idf)."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from whoosh import query as wq

from . import langid
from .errors import DocumentNotFound
from .highlight import display_title, document_url, load_meta, passages
from .schema import body_field

MAX_TEXT_CHARS = 50_000  # bounded cost: the terms of a long report come from its first 50,000 characters
MAX_QUERY_TERMS = 25  # as Elasticsearch's more_like_this max_query_terms
MAX_DOC_RATIO = 0.5  # a term in more than half the documents says nothing about this one
MIN_WORD_CHARS = 3
REASON_TERMS = 5
EXACT = "exact"


def key_terms(searcher: Any, docnum: int, limit: int = MAX_QUERY_TERMS) -> list[tuple[str, str, float]]:
    """Return a document's most distinctive (field, term, weight): log tf times idf, over its language and exact fields.

    The exact (unstemmed, language-neutral) field carries names and numbers, which are shared across languages;
    the document's own stemmed body field carries its words in every form.
    """
    reader = searcher.reader()
    stored = searcher.stored_fields(docnum)
    text: str = stored["text"][:MAX_TEXT_CHARS]
    n_docs = max(reader.doc_count(), 1)
    counts: dict[str, Counter[str]] = {}
    for start, end, lang, _prob in json.loads(stored["paras"]):
        if start >= MAX_TEXT_CHARS:
            break
        para = text[start:end]
        for fieldname in (body_field(langid.analysis_language(lang)), EXACT):
            analyzer = searcher.schema[fieldname].analyzer
            counts.setdefault(fieldname, Counter()).update(
                t.text for t in analyzer(para) if len(t.text) >= MIN_WORD_CHARS
            )
    scored: list[tuple[str, str, float]] = []
    for fieldname, tf in counts.items():
        for term, count in tf.items():
            df = reader.doc_frequency(fieldname, term)
            # df 1 is this document alone: no other document can share it.
            if df < 2 or df > max(2, MAX_DOC_RATIO * n_docs):
                continue
            weight = (1 + math.log(count)) * math.log(1 + n_docs / df)
            scored.append((fieldname, term, weight))
    scored.sort(key=lambda x: (-x[2], x[1]))
    return scored[:limit]


def similar(searcher: Any, doc_id: str, limit: int = 10) -> dict[str, Any]:
    """Return {"hits": [...]} (the /api/search hit shape, plus shared_terms and reason) of documents like this one."""
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    terms = key_terms(searcher, docnum)
    if not terms:
        return {"id": doc_id, "hits": []}
    weights = {(f, t): w for f, t, w in terms}
    q = wq.Or([wq.Term(f, t, boost=w) for f, t, w in terms])
    results = searcher.search(q, limit=limit, mask=wq.Term("id", doc_id), terms=True)
    reader = searcher.reader()
    hits = []
    for hit in results:
        shared: dict[str, float] = {}
        by_field: dict[str, set[str]] = {}
        for fieldname, raw in hit.matched_terms():
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            by_field.setdefault(fieldname, set()).add(term)
            shared[term] = max(shared.get(term, 0.0), weights.get((fieldname, term), 0.0))
        words = [t for t, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))]
        stored = searcher.stored_fields(hit.docnum)
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
                "score": round(float(hit.score), 4),
                "url": document_url(meta["id"]),
                "passages": passages(stored, by_field, reader, limit=1, meta=meta),
                "shared_terms": words,
                "reason": "shares " + ", ".join(words[:REASON_TERMS]) + (" …" if len(words) > REASON_TERMS else ""),
            }
        )
    return {"id": doc_id, "hits": hits}
