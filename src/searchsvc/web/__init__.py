"""The Flask app factory: settings from SEARCHSVC_* at start-up, one index handle per process, blueprints."""

from __future__ import annotations

import hashlib
import logging
import secrets
from pathlib import Path
from typing import Any, Mapping

from flask import Flask, g

from ..config import load_settings
from ..index import IndexHandle

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"

# Scripts and styles come only from our own files (static/app.js, static/style.css): no inline <script>,
# no on* attributes, no style blocks or attributes, so injected markup could not run or restyle anything.
CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the searchsvc web app; config overrides SEARCHSVC_* settings (e.g. {'index_dir': ...})."""
    settings = load_settings(config)
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder="static")
    app.config["SEARCHSVC"] = settings
    app.config["SECRET_KEY"] = session_key(settings)
    app.config["MAX_CONTENT_LENGTH"] = int(settings["max_file_mb"] * 1_000_000) * 5 + 1_000_000
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.config["JSON_SORT_KEYS"] = False
    app.extensions["searchsvc_index"] = IndexHandle(Path(settings["index_dir"]))
    logging.getLogger("searchsvc").setLevel(logging.INFO)

    from . import admin, api, errors, pages, ratelimit

    ratelimit.install(app, settings)

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    errors.register(app)

    @app.after_request
    def security_headers(response: Any) -> Any:
        # Set, not setdefault: every response (pages, API, static files, error pages) gets the same policy;
        # an original file keeps its stricter sandbox (pages.original_file), so it can never run script here.
        sandbox = response.headers.get("Content-Security-Policy", "")
        response.headers.update(SECURITY_HEADERS)
        if sandbox.startswith("sandbox"):
            response.headers["Content-Security-Policy"] = sandbox
        return response

    return app


def session_key(settings: Mapping[str, Any]) -> str:
    """Return the cookie-signing key: the configured one, else one derived from the admin token.

    Derived, not random, so that every gunicorn worker accepts the cookies the others signed.
    """
    if settings.get("secret_key"):
        return str(settings["secret_key"])
    token = str(settings.get("admin_token") or "")
    if token:
        return hashlib.sha256(b"searchsvc session key\0" + token.encode()).hexdigest()
    return secrets.token_hex(32)


def searcher() -> Any:
    """Return this process's open searcher on the current index build (switches when a new one lands)."""
    from flask import current_app

    if "searcher" not in g:
        handle: IndexHandle = current_app.extensions["searchsvc_index"]
        g.searcher = handle.searcher()
        g.build = handle.build
    return g.searcher
