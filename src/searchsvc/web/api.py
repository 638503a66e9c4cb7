"""JSON API: /api/search, /api/documents/<id>, /api/openapi.json and /healthz."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request

from .. import search as search_mod
from ..errors import IndexMissing
from . import searcher
from .openapi import spec

bp = Blueprint("api", __name__)


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
    req = search_mod.parse_request(request_args())
    return jsonify(search_mod.search(searcher(), req, current_app.config["SEARCHSVC"]["search_timeout"]))


@bp.get("/api/documents/<path:doc_id>")
def api_document(doc_id: str) -> Any:
    """Return one document's metadata and numbered paragraphs."""
    return jsonify(search_mod.get_document(searcher(), doc_id, request.args.get("q")))


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
    return jsonify({"status": "ok", "documents": s.doc_count(), "index": handle.build})
