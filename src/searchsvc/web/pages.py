"""HTML pages: the search form, the results page and the document view. They work without JavaScript."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from flask import Blueprint, current_app, render_template, request, send_file
from markupsafe import Markup

from .. import docnumbers
from .. import search as search_mod
from .. import similar, stories, translate
from ..query import MAX_FACET_VALUES, also_searched, parse_translate
from ..errors import BadQuery, DocumentNotFound, SearchTimeout
from . import ratelimit, search_timeout, searcher
from .api import public_base, request_args

bp = Blueprint("pages", __name__)

LANG_NAMES = {"nl": "Nederlands", "en": "English", "de": "Deutsch"}


def _url(args: dict[str, str], **changes: Any) -> str:
    """Return a /search URL with the current arguments changed (None removes one)."""
    merged = {k: v for k, v in args.items() if v}
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = str(value)
    return "/search?" + urlencode(merged)


def _toggle(args: dict[str, str], key: str, value: str, sep: str = ",") -> str:
    """Return a /search URL with value added to or removed from a multi-value filter, back on page 1."""
    current = [v for v in (args.get(key) or "").split(sep) if v]
    current = [v for v in current if v != value] if value in current else [*current, value]
    return _url(args, **{key: sep.join(current) or None, "page": None})


@bp.get("/")
def home() -> str:
    """Show the search form."""
    return render_template("index.html", args={}, lang_names=LANG_NAMES, xlang=translate.available())


@bp.get("/search")
def search_page() -> Any:
    """Show results with marked passages, citations, facets, pagination and suggestions."""
    args = request_args()
    if not (args.get("q") or "").strip():
        return render_template("index.html", args=args, lang_names=LANG_NAMES, xlang=translate.available())
    try:
        req = search_mod.parse_request(args)
        req.base_url = public_base()
        req.group = stories.wanted(args)  # same-story grouping, in the search: folded hits cost no passages
        result = search_mod.search(searcher(), req, search_timeout())
    except BadQuery as exc:
        return render_template("search.html", args=args, error=str(exc), result=None, lang_names=LANG_NAMES,
                               xlang=translate.available()), 400
    for hit in result["hits"]:
        for passage in hit["passages"]:
            passage["markup"] = Markup(passage["html"])  # built by search.mark(): escaped text, our <mark> only
    selected_langs = [v for v in (args.get("lang") or "").split(",") if v]
    selected_sources = [v for v in (args.get("source") or "").split("|") if v]
    return render_template(
        "search.html",
        args=args,
        result=result,
        error=None,
        lang_names=LANG_NAMES,
        selected_langs=selected_langs,
        selected_sources=selected_sources,
        url=lambda **kw: _url(args, **kw),
        toggle=lambda key, value: _toggle(args, key, value, "|" if key == "source" else ","),
        feed_url=_feed_url(args),
        csv_url=_csv_url(args),
        grouped=stories.wanted(args),
        xlang=translate.available(),  # cross-language search: the form's checkbox, or a note that it is off
        also_searched=also_searched,
        # The filter column lists FACET_VALUES names a facet; its "N more" link asks for 100, then for all it may.
        more_facets=min(MAX_FACET_VALUES, max(100, 10 * req.facet_limit)) if req.facet_limit < MAX_FACET_VALUES else None,
    )


def _feed_url(args: dict[str, str]) -> str:
    """Return the Atom feed URL of a search: its query and filters, not its page or sort."""
    return "/search.atom?" + urlencode({k: v for k, v in args.items() if k in ("q", "lang", "from", "to", "source") and v})


def _csv_url(args: dict[str, str]) -> str:
    """Return the CSV export URL of a search: up to 100 hits of its query, filters and sort, one passage each."""
    keep = {k: v for k, v in args.items() if k in ("q", "lang", "from", "to", "source", "sort") and v}
    return "/api/search?" + urlencode({**keep, "per_page": "100", "passages": "1", "format": "csv"})


ORIGINAL_CSP = "sandbox; default-src 'none'"  # an uploaded page or PDF never runs script on our origin


@bp.get("/documents/<path:doc_id>/original")
def original_file(doc_id: str) -> Any:
    """Serve a document's original file: a PDF inline (…/original#page=4 opens that page), others as a download."""
    stored = searcher().document(id=doc_id)
    if stored is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    meta = json.loads(stored["meta"])
    seeds = Path(current_app.config["SEARCHSVC"]["seeds_dir"]).resolve()
    path = (seeds / meta.get("path", "")).resolve()
    if not path.is_relative_to(seeds) or not path.is_file():
        raise DocumentNotFound(f"the original file of {doc_id!r} is no longer in the seeds folder")
    is_pdf = meta.get("format") == "pdf"
    response = send_file(
        os.fspath(path),
        mimetype="application/pdf" if is_pdf else "application/octet-stream",
        as_attachment=not is_pdf,
        download_name=path.name,
        conditional=True,
        max_age=0,
    )
    response.headers["Content-Security-Policy"] = ORIGINAL_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def link_numbers(markup: str) -> str:
    """Return paragraph markup with the document numbers it mentions linked to a search for them."""
    text = html.unescape(markup) if "<" not in markup else None
    if text is None:  # marked words inside: leave the markup as it is rather than split a <mark>
        return markup
    out, pos = [], 0
    for found in docnumbers.find(text, bare=True):
        out.append(html.escape(text[pos : found.start]))
        href = "/search?q=" + quote(found.key)
        out.append(f'<a class="docnum" href="{html.escape(href)}" title="{html.escape(found.label)}">'
                   f"{html.escape(text[found.start : found.end])}</a>")
        pos = found.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


@bp.get("/documents/<path:doc_id>")
def document_page(doc_id: str) -> Any:
    """Show a whole document with numbered, anchored paragraphs; the query's words marked when given."""
    q = request.args.get("q") or ""
    doc = search_mod.get_document(searcher(), doc_id, q or None, public_base(), parse_translate(request.args))
    for para in doc["paragraphs"]:
        para["markup"] = Markup(link_numbers(para["html"]))  # mark()'s escaped text plus our own <mark>/<a>
    # The similar list is a search and counts against the rate limit; over it, the document is shown without it.
    like, note = None, "Not shown: too many searches from your address. Reload the page in a while to see them."
    if ratelimit.may_search():
        try:
            like = similar.similar(searcher(), doc_id, limit=5, timeout=search_timeout())["hits"]
        except SearchTimeout:  # the document is what was asked for: shown without its similar list
            note = "Not shown: finding them took longer than this server allows a search. Reload the page to try again."
    return render_template("document.html", doc=doc, q=q, args={"q": q}, lang_names=LANG_NAMES, similar=like,
                           similar_note=note)
