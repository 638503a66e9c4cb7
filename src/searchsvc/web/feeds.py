"""Atom feeds: /search.atom (a search's newest matches) and /new.atom (every new document), with 304s."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, g, request

from .. import feeds
from .. import search as search_mod
from ..errors import BadQuery
from . import ratelimit, search_timeout, searcher
from .api import request_args

bp = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"


def _unchanged(key: str) -> Any:
    """Return a 304 before any search is run when the reader's ETag is this build's, else None."""
    tag = feeds.etag(g.get("build"), key)
    if request.if_none_match.contains(tag):
        response = Response(status=304)
        response.set_etag(tag)
        response.cache_control.no_cache = True
        return response
    return None


def _answer(title: str, self_path: str, alternate_path: str, entries: list[feeds.Entry], key: str) -> Any:
    """Return the feed, or 304 when the reader's ETag or Last-Modified still holds."""
    base = request.host_url.rstrip("/")
    body = feeds.render(title, base + self_path, base + alternate_path, base, entries)
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Content-Type"] = ATOM
    response.set_etag(feeds.etag(g.get("build"), key))
    newest = feeds.parse_time(max((e.indexed_at for e in entries), default=""))
    if newest is not None:
        response.last_modified = newest
    response.cache_control.no_cache = True  # readers may keep it, but must revalidate (cheaply, by ETag)
    return response.make_conditional(request)


@bp.get("/search.atom")
def search_feed() -> Any:
    """Return an Atom feed of the newest documents matching a search (same parameters as /search)."""
    args = request_args()
    if not (args.get("q") or "").strip():
        raise BadQuery("a feed needs a search: add q=…; /new.atom lists every new document")
    req = search_mod.parse_request(args)
    s = searcher()
    wanted = {k: v for k, v in args.items() if k in ("q", "lang", "from", "to", "source") and v}
    query = urlencode(wanted)
    early = _unchanged(query)  # feed readers poll: answer them without searching
    if early is not None:
        return early
    refused = ratelimit.spend()  # a feed is a search: it shares the client's budget (a 304 above costs none)
    if refused is not None:
        return refused
    entries = feeds.newest(s, req, timeout=search_timeout())
    return _answer(f"searchsvc: {req.q}", "/search.atom?" + query, "/search?" + query, entries, query)


@bp.get("/new.atom")
def new_feed() -> Any:
    """Return an Atom feed of the documents that entered the index most recently."""
    s = searcher()
    early = _unchanged("new")
    if early is not None:
        return early
    refused = ratelimit.spend()
    if refused is not None:
        return refused
    entries = feeds.newest(s, None, timeout=search_timeout())
    return _answer("searchsvc: new documents", "/new.atom", "/", entries, "new")
