"""Atom 1.0 feeds of a search's newest matches (by the time they entered the index) and of every new document."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from . import docsets, rank
from . import query as query_mod
from .config import BY_NAME
from .highlight import display_title, document_url, load_meta, match_terms, passages
from .query import SearchRequest

DEFAULT_TIMEOUT: float = BY_NAME["search_timeout"].default
FEED_ENTRIES = 20  # a feed reader polls often; the newest 20 matches are what it needs
FEED_VERSION = "1"  # part of the ETag: bump when the feed's markup changes
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass
class Entry:
    """One feed entry: a document version with its newest-first key and best passage."""

    id: str
    title: str
    indexed_at: str
    date: str | None
    source: str | None
    language: str | None
    url: str
    passage_html: str | None
    citation: str | None


def _live(searcher: Any) -> np.ndarray:
    """Return the index-wide numbers of every live (not deleted) document."""
    cache = rank.cache_of(searcher)
    alive = np.ones(cache.size, dtype=bool)
    for _leaf, offset, dead in cache.leaves:
        if dead is not None:
            alive[dead + offset] = False
    return np.flatnonzero(alive)


def newest(searcher: Any, req: SearchRequest | None, limit: int = FEED_ENTRIES, timeout: float | None = None) -> list[Entry]:
    """Return the newest documents (by indexed_at) matching the request, or every document when req is None.

    The same engine as /search: the query's matches and the filters' mask as arrays (rank.match,
    docsets.allowed), ordered by the indexed_at column with a partial sort (rank.top), so a feed costs
    what a search costs. A feed matches all the query's words: it follows a topic, and "most of the words"
    depends on how many documents have all of them, which would make entries come and go as the index grows.
    """
    budget = rank.Budget(DEFAULT_TIMEOUT if timeout is None else timeout)
    reader = searcher.reader()
    table = docsets.facet_table(searcher)
    terms: dict[str, set[str]] = {}
    if req is None:
        live = _live(searcher)
        found = rank.Found(live, np.zeros(len(live)))
    else:
        q = query_mod.expand(query_mod.parse_query(req.q, searcher.schema), reader, budget)
        if not query_mod.has_positive(q):
            return []
        terms = match_terms(q, reader)
        mask = docsets.request_mask(searcher, table, req, budget)
        found = rank.match(searcher, q, graded=False, need=limit, allowed=mask, budget=budget)
    # Newest arrival first (document date and score ignored), then score, then document number.
    docnums, _scores = rank.top(found, limit, table.indexed_at)
    entries = []
    for docnum in docnums.tolist():
        budget.check()
        stored = searcher.stored_fields(docnum)
        meta = load_meta(stored)
        best = passages(stored, terms, reader, limit=1, meta=meta) if terms else []
        entries.append(
            Entry(
                id=meta["id"],
                title=display_title(meta),
                indexed_at=meta.get("indexed_at") or "",
                date=meta.get("date"),
                source=meta.get("source"),
                language=meta.get("language"),
                url=document_url(meta["id"], best[0]["paragraph"] if best else None),
                passage_html=best[0]["html"] if best else None,
                citation=best[0]["citation"]["text"] if best else None,
            )
        )
    return entries


def etag(build: str | None, key: str) -> str:
    """Return the entity tag of a feed: it changes when the index build or the feed's arguments change."""
    return hashlib.sha256(f"{FEED_VERSION}\0{build}\0{key}".encode()).hexdigest()[:32]


def parse_time(stamp: str | None) -> datetime.datetime | None:
    """Return an indexed_at stamp as an aware datetime, or None."""
    if not stamp:
        return None
    try:
        return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return None


def _rfc3339(stamp: str | None) -> str:
    when = parse_time(stamp) or datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(tag: str, value: str, **attrs: str) -> str:
    attr = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    return f"<{tag}{attr}>{escape(value)}</{tag}>"


def render(title: str, self_url: str, alternate_url: str, base_url: str, entries: list[Entry]) -> str:
    """Return an Atom 1.0 document; base_url makes document links absolute."""
    updated = max((e.indexed_at for e in entries), default="")
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}">',
        _text("id", self_url),
        _text("title", title),
        _text("updated", _rfc3339(updated)),
        f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(alternate_url)}/>",
        "<author><name>searchsvc</name></author>",
        _text("generator", "searchsvc"),
    ]
    for e in entries:
        link = base_url + e.url
        facts = [f for f in (e.source, e.date, e.language) if f]
        # The passage HTML is escaped document text with our <mark> only; Atom carries it escaped once more.
        body = ""
        if e.passage_html:
            body += f"<blockquote>{e.passage_html}</blockquote>"
        if e.citation:
            body += f"<p>{escape(e.citation)}</p>"
        if facts:
            body += f"<p>{escape(' · '.join(facts))}</p>"
        out += [
            "<entry>",
            # One id per document: a changed version is the same entry, updated.
            _text("id", base_url + document_url(e.id)),
            _text("title", e.title),
            _text("updated", _rfc3339(e.indexed_at)),
        ]
        # No <published> from the document date: readers sort by it, and the feed is newest-arrival first.
        out += [
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            _text("summary", body or e.title, type="html"),
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
