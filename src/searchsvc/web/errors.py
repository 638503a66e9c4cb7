"""One error shape: {"error": {"code", "message"}} for the API, a friendly page for people."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import BadQuery, ConfigError, DocumentNotFound, IndexMissing, QueryTooCostly, ReindexRunning, SearchTimeout

log = logging.getLogger("searchsvc")

_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported_media_type", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}


def wants_json() -> bool:
    """Say whether this request is an API call that must get JSON back."""
    path = request.path
    return path.startswith("/api/") or path == "/api" or path == "/healthz"


def error_response(status: int, code: str, message: str, **extra: Any) -> Any:
    """Return the error in the API's JSON shape or as an HTML page, depending on the path."""
    if wants_json():
        body: dict[str, Any] = {"error": {"code": code, "message": message, **extra}}
        response = jsonify(body)
        response.status_code = status
        return response
    from .pages import LANG_NAMES

    return render_template("error.html", status=status, code=code, message=message, args={}, lang_names=LANG_NAMES), status


def retry_later(code: str, message: str, wait: int) -> Any:
    """Return a 429 in the error shape (JSON or page) with Retry-After: the rate limit's and the admin throttle's."""
    response = error_response(429, code, message)
    if isinstance(response, tuple):
        response = current_app.make_response(response)
    response.headers["Retry-After"] = str(wait)
    return response


def _too_large_message() -> str:
    """Say how large the request was and what the limit is (MAX_CONTENT_LENGTH, from SEARCHSVC_MAX_FILE_MB)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    size = request.content_length
    if size is not None and size <= limit:
        # Not the byte limit: Werkzeug refused a multipart form with too many parts or a too-large text field.
        parts = current_app.config["MAX_FORM_PARTS"]
        field_kb = current_app.config["MAX_FORM_MEMORY_SIZE"] / 1000
        return (f"the form has more than {parts:,} parts (each file and each field is one part), or a text field "
                f"larger than {field_kb:g} kB; send at most {parts:,} files per request (the body, "
                f"{size / 1_000_000:.1f} MB, is within the limit of {limit / 1_000_000:.1f} MB). Nothing was stored.")
    sent = f"the request body is {size / 1_000_000:.1f} MB" if size else "the request body is too large"
    per_file = current_app.config["SEARCHSVC"]["max_file_mb"]
    return (f"{sent}; the limit is {limit / 1_000_000:.1f} MB per request ({per_file:g} MB per file, "
            "SEARCHSVC_MAX_FILE_MB); send fewer or smaller files. Nothing was stored.")


def register(app: Flask) -> None:
    """Install the handlers that turn every error into the one shape."""

    @app.errorhandler(BadQuery)
    def bad_query(exc: BadQuery) -> Any:
        return error_response(400, "bad_query", str(exc))

    @app.errorhandler(QueryTooCostly)
    def too_costly(exc: QueryTooCostly) -> Any:
        return error_response(400, "too_costly", str(exc))

    @app.errorhandler(SearchTimeout)
    def search_timeout(exc: SearchTimeout) -> Any:
        return error_response(503, "timeout", str(exc))

    @app.errorhandler(DocumentNotFound)
    def not_found(exc: DocumentNotFound) -> Any:
        return error_response(404, "not_found", str(exc))

    @app.errorhandler(IndexMissing)
    def index_missing(exc: IndexMissing) -> Any:
        return error_response(503, "index_unavailable", str(exc))

    @app.errorhandler(ReindexRunning)
    def reindex_running(exc: ReindexRunning) -> Any:
        return error_response(409, "reindex_running", str(exc), job=exc.job)

    @app.errorhandler(ConfigError)
    def config_error(exc: ConfigError) -> Any:
        return error_response(500, "config_error", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        message = exc.description or exc.name
        if status == 404:
            message = f"nothing at {request.path}; see /api/openapi.json for the API's paths"
        elif status == 413:
            message = _too_large_message()
        elif status == 405:
            allowed = ", ".join(sorted(exc.valid_methods or [])) if hasattr(exc, "valid_methods") else ""
            message = f"{request.method} is not allowed on {request.path}" + (f"; use {allowed}" if allowed else "")
        response = error_response(status, _CODES.get(status, "http_error"), message)
        if status == 405 and getattr(exc, "valid_methods", None):
            resp = response if not isinstance(response, tuple) else None
            if resp is not None:
                resp.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.path)
        # A build damaged after it was opened fails at some query, with any exception: when the index no
        # longer opens cleanly, say so (503, and the handle stops using it) instead of a bare 500.
        problem = current_app.extensions["searchsvc_index"].check()
        if problem:
            return error_response(503, "index_unavailable", problem)
        return error_response(500, "internal_error", "something went wrong on our side; the error was logged")
