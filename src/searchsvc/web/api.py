"""JSON API: /api/search, /api/documents/<id>, /api/openapi.json and /healthz."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from .. import export, similar, stories, translate
from .. import search as search_mod
from ..errors import BadQuery
from ..errors import IndexMissing
from ..query import parse_translate
from . import search_timeout, searcher
from .openapi import spec

bp = Blueprint("api", __name__)


def public_base() -> str:
    """Return the scheme and host links start with: SEARCHSVC_PUBLIC_URL, else the request's host."""
    configured = str(current_app.config["SEARCHSVC"].get("public_url") or "")
    return (configured or request.host_url).rstrip("/")


def request_args() -> dict[str, str]:
    """Return the query-string arguments, repeated ones (lang=nl&lang=en) joined with commas."""
    args: dict[str, str] = {}
    for key in request.args:
        values = [v for v in request.args.getlist(key) if v.strip()]
        joiner = "|" if key == "source" else ","
        args[key] = joiner.join(values)
    return args


@bp.get("/api/search")
def api_search() -> Any:
    """Search and return hits with passages, citations, facets and a suggestion."""
    args = request_args()
    req = search_mod.parse_request(args)
    req.base_url = public_base()
    fmt = (args.get("format") or "json").strip().lower()
    if fmt not in ("json", "csv"):
        raise BadQuery(f"format={fmt!r} is not known; use 'json' or 'csv'")
    # Same-story grouping, in the search so folded hits cost no passages; not for CSV: every hit its own row,
    # since a memo cites each report.
    req.group = fmt == "json" and stories.wanted(args)
    result = search_mod.search(searcher(), req, search_timeout())
    if fmt == "csv":
        body = export.to_csv(result, public_base())
        headers = {"Content-Disposition": 'attachment; filename="searchsvc-results.csv"'}
        return Response(body, mimetype="text/csv", headers=headers)
    return jsonify(result)


@bp.get("/api/documents/<path:doc_id>")
def api_document(doc_id: str) -> Any:
    """Return one document's metadata and numbered paragraphs."""
    translate = parse_translate(request.args)
    return jsonify(search_mod.get_document(searcher(), doc_id, request.args.get("q"), public_base(), translate))


@bp.get("/api/documents/<path:doc_id>/similar")
def api_similar(doc_id: str) -> Any:
    """Return the documents most like this one, each with a score and the distinctive terms they share."""
    return jsonify(similar.similar(searcher(), doc_id, timeout=search_timeout()))


@bp.get("/api/openapi.json")
def api_openapi() -> Any:
    """Return the OpenAPI 3 description of this API."""
    return jsonify(spec(request.host_url.rstrip("/")))


@bp.get("/healthz")
def healthz() -> Any:
    """Report whether an index is open, how many documents it has, and which build it is."""
    try:
        current_app.extensions["searchsvc_index"].searcher(check_files=True)  # notices files changed in place
        s = searcher()
    except IndexMissing as exc:
        response = jsonify({"status": "unavailable", "error": {"code": "index_unavailable", "message": str(exc)}})
        response.status_code = 503
        return response
    handle = current_app.extensions["searchsvc_index"]
    if handle.problem:  # searches still get the last good build, but the index on disk needs attention
        message = f"{handle.problem} (this worker still answers from build {handle.build})"
        response = jsonify({"status": "unavailable", "error": {"code": "index_unavailable", "message": message},
                            "index": handle.build})
        response.status_code = 503
        return response
    return jsonify({"status": "ok", "documents": s.doc_count(), "index": handle.build,
                    "translation": translate.status()})  # cross-language search: dictionaries present or not
