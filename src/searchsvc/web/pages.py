"""HTML pages: the search form, the results page and the document view. They work without JavaScript."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request
from markupsafe import Markup

from .. import search as search_mod
from ..errors import BadQuery
from . import searcher
from .api import request_args

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
    return render_template("index.html", args={}, lang_names=LANG_NAMES)


@bp.get("/search")
def search_page() -> Any:
    """Show results with marked passages, citations, facets, pagination and suggestions."""
    args = request_args()
    if not (args.get("q") or "").strip():
        return render_template("index.html", args=args, lang_names=LANG_NAMES)
    try:
        req = search_mod.parse_request(args)
        result = search_mod.search(searcher(), req, current_app.config["SEARCHSVC"]["search_timeout"])
    except BadQuery as exc:
        return render_template("search.html", args=args, error=str(exc), result=None, lang_names=LANG_NAMES), 400
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
    )


@bp.get("/documents/<path:doc_id>")
def document_page(doc_id: str) -> Any:
    """Show a whole document with numbered, anchored paragraphs; the query's words marked when given."""
    q = request.args.get("q") or ""
    doc = search_mod.get_document(searcher(), doc_id, q or None)
    for para in doc["paragraphs"]:
        para["markup"] = Markup(para["html"])
    return render_template("document.html", doc=doc, q=q, args={"q": q}, lang_names=LANG_NAMES)
