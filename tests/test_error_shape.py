"""Every API error path answers {"error": {"code", "message"}} with the right status and a JSON content type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from searchsvc.web import create_app


@pytest.fixture(scope="module")
def error_schema(client: FlaskClient) -> dict[str, Any]:
    schema = client.get("/api/openapi.json").get_json()["components"]["schemas"]["Error"]
    Draft202012Validator.check_schema(schema)
    return schema


def assert_error(response: Any, status: int, code: str, schema: dict[str, Any], *words: str) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    assert response.content_type.startswith("application/json")
    body = response.get_json()
    Draft202012Validator(schema).validate(body)
    assert set(body) == {"error"}
    assert {"code", "message"} <= set(body["error"])
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert isinstance(message, str) and message.strip() and "Traceback" not in message
    for word in words:
        assert word in message, (word, message)
    return body


@pytest.mark.parametrize(
    ("method", "url", "status", "code", "words"),
    [
        ("GET", "/api/nope", 404, "not_found", ["/api/nope"]),
        ("GET", "/api/", 404, "not_found", []),
        ("POST", "/api/search?q=diplomaten", 405, "method_not_allowed", ["POST", "GET"]),
        ("DELETE", "/api/documents/000_1e7f0d94218035f2", 405, "method_not_allowed", ["DELETE"]),
        ("PUT", "/healthz", 405, "method_not_allowed", ["PUT"]),
        ("GET", "/api/search?q=diplomaten&page=abc", 400, "bad_query", ["page"]),
        ("GET", "/api/search?q=diplomaten&page=0", 400, "bad_query", ["page"]),
        ("GET", "/api/search?q=diplomaten&per_page=0", 400, "bad_query", ["per_page"]),
        ("GET", "/api/search?q=diplomaten&per_page=101", 400, "bad_query", ["per_page", "100"]),
        ("GET", "/api/search?q=diplomaten&lang=!!", 400, "bad_query", ["lang"]),
        ("GET", "/api/search?q=diplomaten&from=2019-13-45", 400, "bad_query", ["from", "YYYY"]),
        ("GET", "/api/search?q=diplomaten&to=yesterday", 400, "bad_query", ["to"]),
        ("GET", "/api/search?q=diplomaten&sort=x", 400, "bad_query", ["sort", "relevance"]),
        ("GET", "/api/search", 400, "bad_query", []),
        ("GET", "/api/search?q=", 400, "bad_query", []),
        ("GET", "/api/search?q=%2Aqb%2A+OR+%2Aqc%2A", 400, "too_costly", ["wildcards longer"]),
        ("GET", "/api/search?q=%20%20", 400, "bad_query", []),
        ("GET", "/api/search?q=" + "x" * 1001, 400, "bad_query", ["1000"]),
        ("GET", "/api/documents/unknown-document", 404, "not_found", ["unknown-document"]),
    ],
)
def test_error_paths(
    client: FlaskClient, error_schema: dict[str, Any], method: str, url: str, status: int, code: str, words: list[str]
) -> None:
    response = client.open(url, method=method)
    assert_error(response, status, code, error_schema, *words)
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_no_index_is_503(tmp_path: Path, error_schema: dict[str, Any]) -> None:
    app = create_app({"index_dir": str(tmp_path / "no-index-here")})
    try:
        c = app.test_client()
        assert_error(c.get("/api/search?q=diplomaten"), 503, "index_unavailable", error_schema, "index")
        assert_error(c.get("/api/documents/000_1e7f0d94218035f2"), 503, "index_unavailable", error_schema)
        health = c.get("/healthz")
        assert health.status_code == 503 and health.mimetype == "application/json"
        assert health.get_json()["error"]["code"] == "index_unavailable"
        # People get a page, not JSON.
        page = c.get("/search?q=diplomaten")
        assert page.status_code == 503 and page.mimetype == "text/html"
        assert "Search is not available" in page.get_data(as_text=True)
    finally:
        app.extensions["searchsvc_index"].close()


def test_html_paths_get_html_errors(client: FlaskClient) -> None:
    for url, status in (("/nope", 404), ("/documents/unknown-document", 404)):
        r = client.get(url)
        assert r.status_code == status and r.mimetype == "text/html", url
        assert "Not found" in r.get_data(as_text=True)
