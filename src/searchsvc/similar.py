"""More like this: the documents closest to one document, from its most distinctive terms (tf-idf)."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.lang import stopwords_for_language

from . import langid, rank, stories
from .analysis import LANGUAGES
from .config import BY_NAME
from .errors import DocumentNotFound
from .highlight import hit_fields, load_meta, passages
from .schema import body_field

DEFAULT_TIMEOUT: float = BY_NAME["search_timeout"].default
MAX_TEXT_CHARS = 50_000  # bounded cost: the terms of a long report come from its first 50,000 characters
MAX_QUERY_TERMS = 25  # as Elasticsearch's more_like_this max_query_terms
MAX_DOC_RATIO = 0.5  # a term in more than half the documents says nothing about this one
MIN_WORD_CHARS = 3
REASON_TERMS = 5
CANDIDATES = 50  # Whoosh's best matches of the term query, re-ranked by shared weight
EXACT = "exact"
EXACT_BOOST = 2.0  # names and numbers are the only terms another language's report can share
_NAME_OR_NUMBER = re.compile(r"\b(?:[A-ZÀ-Ý][^\W_]+|\d[\d.,]*\d|\d)\b")


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Return capitalised words that are not names: stopwords (capitalised at a sentence start), weekdays, titles."""
    words = set(stories.not_names())
    for lang in LANGUAGES:
        words.update(stories.fold(w) for w in stopwords_for_language(lang))
    return frozenset(words)


def key_terms(searcher: Any, docnum: int, limit: int = MAX_QUERY_TERMS) -> list[tuple[str, str, float, str]]:
    """Return a document's most distinctive (field, term, weight, word as written): log tf times idf.

    The exact (unstemmed, language-neutral) field carries names and numbers, which are shared across languages;
    the document's own stemmed body field carries its words in every form.
    """
    reader = searcher.reader()
    stored = searcher.stored_fields(docnum)
    text: str = stored["text"][:MAX_TEXT_CHARS]
    n_docs = max(reader.doc_count(), 1)
    counts: dict[str, Counter[str]] = {}
    surface: dict[tuple[str, str], str] = {}  # (field, term) -> the word as this document writes it
    for start, end, lang, _prob, *_page in json.loads(stored["paras"]):
        if start >= MAX_TEXT_CHARS:
            break
        para = text[start:end]
        body = body_field(langid.analysis_language(lang))
        # From the exact field only names and numbers: they are what other languages write the same way
        # (its other words are this language's, stopwords included).
        names = " ".join(m.group() for m in _NAME_OR_NUMBER.finditer(para) if stories.fold(m.group()) not in _not_names())
        for fieldname, source in ((body, para), (EXACT, names)):
            tf = counts.setdefault(fieldname, Counter())
            for t in searcher.schema[fieldname].analyzer(source, chars=True):
                if len(t.text) >= MIN_WORD_CHARS or (t.text.isdigit() and len(t.text) == 2):  # 40 diplomats
                    tf[t.text] += 1
                    surface.setdefault((fieldname, t.text), source[t.startchar : t.endchar].lower())
    scored: list[tuple[str, str, float, str]] = []
    for fieldname, tf in counts.items():
        for term, count in tf.items():
            df = reader.doc_frequency(fieldname, term)
            # df 1 is this document alone: no other document can share it.
            if df < 2 or df > max(2, MAX_DOC_RATIO * n_docs):
                continue
            weight = (1 + math.log(count)) * math.log(1 + n_docs / df) * (EXACT_BOOST if fieldname == EXACT else 1.0)
            scored.append((fieldname, term, weight, surface.get((fieldname, term), term)))
    scored.sort(key=lambda x: (-x[2], x[1]))
    return scored[:limit]


def similar(searcher: Any, doc_id: str, limit: int = 10, timeout: float | None = None) -> dict[str, Any]:
    """Return {"hits": [...]} (the /api/search hit shape, plus shared_terms and reason) of documents like this one."""
    budget = rank.Budget(DEFAULT_TIMEOUT if timeout is None else timeout)
    docnum = searcher.document_number(id=doc_id)
    if docnum is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    terms = key_terms(searcher, docnum)
    if not terms:
        return {"id": doc_id, "hits": []}
    weights = {(f, t): w for f, t, w, _word in terms}
    words_of = {(f, t): word for f, t, _w, word in terms}
    q = wq.Or([wq.Term(f, t, boost=w) for f, t, w, _word in terms])
    # The engine finds the candidates (BM25 of the terms, as Whoosh scores them; /search's numpy path, ~10x
    # cheaper than Whoosh's own OR matcher over 25 terms); they are then ranked by the summed weight of the
    # distinctive terms they share, so a short report in another language that shares the four rarest names
    # beats a long one sharing common words (BM25 would favour the long same-language one).
    ids, scores = rank.evaluate(searcher, q, budget)
    others = ids != docnum
    candidates, _scores = rank.top(rank.Found(ids[others], scores[others]), CANDIDATES)
    matched: dict[int, list[tuple[str, str]]] = {d: [] for d in candidates.tolist()}
    for fieldname, term in weights:  # which of the terms each candidate has: membership in the term's postings
        budget.check()
        have = candidates[np.isin(candidates, rank.term_ids(searcher, fieldname, term, budget), assume_unique=True)]
        for d in have.tolist():
            matched[d].append((fieldname, term))
    best: dict[str, float] = {}
    best_exact: dict[str, float] = {}
    for (fieldname, term), weight in weights.items():
        word = words_of[(fieldname, term)]
        best[word] = max(best.get(word, 0.0), weight)
        if fieldname == EXACT:
            best_exact[word] = max(best_exact.get(word, 0.0), weight)
    possible_all, possible_exact = sum(best.values()), sum(best_exact.values())
    reader = searcher.reader()
    own_length = reader.doc_field_length(docnum, EXACT) or 1
    ranked = []
    for hit_docnum, pairs in matched.items():
        shared: dict[str, float] = {}
        by_field: dict[str, set[str]] = {}
        for fieldname, term in pairs:
            by_field.setdefault(fieldname, set()).add(term)
            word = words_of.get((fieldname, term), term)  # Germany and germani (its stem) are one word
            shared[word] = max(shared.get(word, 0.0), weights.get((fieldname, term), 0.0))
        # Another language can only share names and numbers: judge it against what it could have shared.
        own_language = any(f != EXACT for f in by_field)
        possible = possible_all if own_language else possible_exact
        score = sum(shared.values()) / possible if possible else 0.0
        # A much longer document shares more words by length alone (a 40-page letter with a news report).
        longer = (reader.doc_field_length(hit_docnum, EXACT) or 1) / own_length
        if longer > 1:
            score /= 1 + math.log(longer)
        ranked.append((score, hit_docnum, shared, by_field))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    hits = []
    for score, docnum, shared, by_field in ranked[:limit]:
        budget.check()
        words = [t for t, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))]
        stored = searcher.stored_fields(docnum)
        meta = load_meta(stored)
        hit = hit_fields(meta, score)
        hit["passages"] = passages(stored, by_field, reader, limit=1, meta=meta)
        hit["shared_terms"] = words
        hit["reason"] = "shares " + ", ".join(words[:REASON_TERMS]) + (" …" if len(words) > REASON_TERMS else "")
        hits.append(hit)
    return {"id": doc_id, "hits": hits}
