"""Security headers on every kind of response, templates the CSP does not have to excuse, and the input limits
answering with clear errors (JSON on the API, a readable page for people)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder

from searchsvc.web import create_app

REPO = Path(__file__).resolve().parent.parent
TOKEN = "sec-admin-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
D000 = "000_1e7f0d94218035f2"


@pytest.fixture(scope="module")
def app_client(seed_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """A client of an app with admin on, a rate limit (to reach 429) and small size limits, on a private index copy."""
    root = tmp_path_factory.mktemp("security")
    seeds = root / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    index_dir = root / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    app = create_app({
        "index_dir": str(index_dir), "seeds_dir": str(seeds), "admin_token": TOKEN,
        "max_file_mb": "0.01", "rate_limit": "1000/hour",
    })
    app.config["TESTING"] = True
    yield app.test_client()
    app.extensions["searchsvc_ratelimit"].close()
    app.extensions["searchsvc_index"].close()


def post_file(client: FlaskClient, path: str, data: bytes, name: str, headers: dict[str, str] | None = None) -> Any:
    """POST one file as multipart form data; close the body's temporary file even when the app never reads it."""
    builder = EnvironBuilder(path=path, method="POST", headers=headers, data={"files": (io.BytesIO(data), name)})
    environ = builder.get_environ()  # a large body is spooled to a temporary file
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def csp_directives(value: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_security_headers(response: Any, what: str) -> None:
    h = response.headers
    csp = h.get("Content-Security-Policy")
    assert csp, f"{what}: no Content-Security-Policy"
    d = csp_directives(csp)
    assert d.get("default-src") == ["'none'"], (what, csp)
    assert d.get("script-src") == ["'self'"], (what, csp)
    assert d.get("style-src") == ["'self'"], (what, csp)
    assert d.get("frame-ancestors") == ["'none'"], (what, csp)
    assert d.get("base-uri") == ["'none'"] and d.get("form-action") == ["'self'"], (what, csp)
    assert d.get("object-src") in (None, ["'none'"])  # None: default-src 'none' covers it
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp, (what, csp)
    assert h.get("X-Frame-Options") == "DENY", what
    assert h.get("X-Content-Type-Options") == "nosniff", what
    assert h.get("Referrer-Policy") == "same-origin", what
    assert h.get("Cross-Origin-Opener-Policy") == "same-origin", what
    assert "camera=()" in h.get("Permissions-Policy", ""), what


def test_every_kind_of_response_has_the_security_headers(app_client: FlaskClient) -> None:
    c = app_client
    cases: list[tuple[str, Any, int]] = [
        ("home page", c.get("/"), 200),
        ("results page", c.get("/search?q=diplomaten"), 200),
        ("document page", c.get(f"/documents/{D000}?q=diplomaten"), 200),
        ("bad query page", c.get("/search?q=diplomaten&per_page=101"), 400),
        ("API search", c.get("/api/search?q=diplomaten"), 200),
        ("API 400", c.get("/api/search?q="), 400),
        ("API document", c.get(f"/api/documents/{D000}"), 200),
        ("OpenAPI", c.get("/api/openapi.json"), 200),
        ("health", c.get("/healthz"), 200),
        ("stylesheet", c.get("/static/style.css"), 200),
        ("script", c.get("/static/app.js"), 200),
        ("page 404", c.get("/nope"), 404),
        ("API 404", c.get("/api/nope"), 404),
        ("static 404", c.get("/static/nope.js"), 404),
        ("405", c.post("/api/search?q=x"), 405),
        ("admin login page", c.get("/admin"), 200),
        ("admin 401", c.get("/api/admin/status"), 401),
        ("413", post_file(c, "/api/admin/documents", b"x" * 70_000, "a.txt", AUTH), 413),
    ]
    try:
        for what, response, status in cases:
            assert response.status_code == status, (what, response.status_code)
            assert_security_headers(response, what)
        # Static files are served with their real types, which nosniff makes browsers hold to.
        assert cases[9][1].mimetype == "text/css"
        assert cases[10][1].mimetype in ("text/javascript", "application/javascript")
    finally:
        for _what, response, _status in cases:
            response.close()  # static files are streamed from an open file


def test_429_has_the_security_headers(seed_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    app = create_app({"index_dir": str(index_dir), "rate_limit": "1/hour"})
    try:
        c = app.test_client()
        assert c.get("/api/search?q=diplomaten").status_code == 200
        for url in ("/api/search?q=diplomaten", "/search?q=diplomaten"):
            r = c.get(url)
            assert r.status_code == 429
            assert_security_headers(r, url)
    finally:
        app.extensions["searchsvc_ratelimit"].close()
        app.extensions["searchsvc_index"].close()


TEMPLATES = sorted((REPO / "templates").glob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_need_no_inline_script_or_style(template: Path) -> None:
    """What the CSP would block must not be in the templates: the pages would lose their styles or behaviour."""
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", text, re.I), "inline <script>"
    assert not re.search(r"<style", text, re.I), "<style> block"
    assert not re.search(r"\sstyle\s*=", text, re.I), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text, re.I), "on* event attribute"
    assert "javascript:" not in text.lower()
    assert "|safe" not in text.replace(" ", ""), "|safe bypasses escaping; build Markup in Python where it is checked"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"q": "x" * 1001}, ["1001", "1000"]),
        ({"q": "diplomaten", "per_page": "101"}, ["per_page", "100"]),
        ({"q": "diplomaten", "per_page": "1000000"}, ["per_page", "100"]),
        ({"q": "diplomaten", "page": "10001"}, ["page", "10000"]),
        ({"q": "diplomaten", "page": "-1"}, ["page", "1"]),
        ({"q": "diplomaten", "page": "9" * 40}, ["page"]),
        ({"q": "diplomaten", "passages": "4"}, ["passages", "3"]),
    ],
)
def test_limits_are_clear_400s_on_the_api_and_the_page(app_client: FlaskClient, query: dict[str, str], words: list[str]) -> None:
    r = app_client.get("/api/search", query_string=query)
    assert r.status_code == 400 and r.mimetype == "application/json"
    error = r.get_json()["error"]
    assert error["code"] == "bad_query"
    for word in words:
        assert word in error["message"], (word, error["message"])
    page = app_client.get("/search", query_string=query)
    assert page.status_code == 400 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "This search cannot be run" in html
    assert error["message"].replace("'", "&#39;") in html
    assert "Traceback" not in html


def test_limits_at_the_edge_are_allowed(app_client: FlaskClient) -> None:
    r = app_client.get("/api/search", query_string={"q": "ä" * 1000, "per_page": "100", "page": "10000", "passages": "3"})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["per_page"] == 100 and body["page"] == 10000 and body["hits"] == []


def test_request_body_over_the_limit_is_413_json_on_the_api(app_client: FlaskClient) -> None:
    # 0.01 MB per file gives 5 x 0.01 + 1 = 1.05 MB per request.
    limit = app_client.application.config["MAX_CONTENT_LENGTH"]
    assert limit == 1_050_000
    r = post_file(app_client, "/api/admin/documents", b"y" * (limit + 1), "big.txt", AUTH)
    assert r.status_code == 413 and r.mimetype == "application/json"
    error = r.get_json()["error"]
    assert error["code"] == "too_large"
    assert "1.1 MB" in error["message"] and "limit is 1.1 MB per request" in error["message"] and "SEARCHSVC_MAX_FILE_MB" in error["message"]
    assert "Nothing was stored" in error["message"]
    assert not (Path(app_client.application.config["SEARCHSVC"]["seeds_dir"]) / "big.txt").exists()


def test_request_body_over_the_limit_is_a_readable_page_elsewhere(app_client: FlaskClient) -> None:
    limit = app_client.application.config["MAX_CONTENT_LENGTH"]
    r = post_file(app_client, "/admin/upload", b"y" * (limit + 1), "big.txt")
    assert r.status_code == 413 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "Too large to accept" in html and "limit is 1.1 MB per request" in html


def test_one_file_over_the_upload_limit_is_413(app_client: FlaskClient) -> None:
    r = post_file(app_client, "/api/admin/documents", b"z " * 6000, "gross.txt", AUTH)
    assert r.status_code == 413
    error = r.get_json()["error"]
    assert error["code"] == "too_large" and "gross.txt" in error["message"] and "0.01 MB" in error["message"]
