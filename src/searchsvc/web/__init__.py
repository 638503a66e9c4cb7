"""The Flask app factory: settings from SEARCHSVC_* at start-up, one index handle per process, blueprints."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any, Mapping

from flask import Flask, g

from ..config import load_settings
from ..index import IndexHandle


def _templates() -> Path:
    """Return the templates folder: the copy an installed package carries, else the checkout's templates/."""
    installed = Path(__file__).resolve().parents[1] / "templates"  # searchsvc/templates inside a wheel
    return installed if installed.is_dir() else Path(__file__).resolve().parents[3] / "templates"


TEMPLATES = _templates()

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

    from . import admin, api, errors, feeds, metrics, pages, ratelimit

    metrics.install(app, settings)  # first, so its timing starts before the rate limiter's check
    ratelimit.install(app, settings)

    _warm_translation()
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(feeds.bp)
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


def _warm_translation() -> None:
    """Load the cross-language dictionaries in a background thread, so start-up is not blocked by it."""
    import threading

    from .. import translate

    if translate.available():
        # The first query would otherwise pay for loading them (seconds; the en<->de indexes are large).
        threading.Thread(target=translate.warm, name="searchsvc-translate-warm", daemon=True).start()


KEY_FILE = "secret_key"


def session_key(settings: Mapping[str, Any]) -> str:
    """Return the cookie-signing key: SEARCHSVC_SECRET_KEY, else a random one kept in the index folder.

    The random key is made on first start and kept (mode 0600) in <index_dir>/secret_key, so every
    gunicorn worker and every restart signs with the same key, and nobody can recompute it from
    anything public (a key derived from the admin token let the token be guessed offline from a cookie).
    """
    if settings.get("secret_key"):
        return str(settings["secret_key"])
    if not settings.get("admin_token"):
        return secrets.token_hex(32)  # nothing is signed without the admin: no key file to keep
    path = Path(settings["index_dir"]) / KEY_FILE
    try:
        return _read_or_create_key(path)
    except OSError as exc:
        logging.getLogger("searchsvc").warning(
            "cannot keep a session key in %s (%s); admin sign-ins last only as long as this process "
            "and work in one worker only: set SEARCHSVC_SECRET_KEY", path, exc,
        )
        return secrets.token_hex(32)


def _read_or_create_key(path: Path) -> str:
    """Return the key stored at path, creating it first (atomically, mode 0600) when there is none."""
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{KEY_FILE}-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        # link() fails when the name exists: of two workers starting at once, one key wins and both read it.
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text(encoding="ascii").strip()


def search_timeout() -> float:
    """Return how long one search may run in this app (SEARCHSVC_SEARCH_TIMEOUT): /search, feeds, similar."""
    from flask import current_app

    return float(current_app.config["SEARCHSVC"]["search_timeout"])


def searcher() -> Any:
    """Return this process's open searcher on the current index build (switches when a new one lands)."""
    from flask import current_app

    if "searcher" not in g:
        handle: IndexHandle = current_app.extensions["searchsvc_index"]
        g.searcher = handle.searcher()
        g.build = handle.build
    return g.searcher
