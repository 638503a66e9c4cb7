"""Property tests: no query text makes /api/search fail with a 500; any text as a seed file builds and can be read."""

from __future__ import annotations

import html
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchsvc import index as index_mod
from searchsvc.web import create_app

OPERATORS = st.sampled_from(
    ['"', "(", ")", "*", "?", "~", "~2", ":", "title:", "body:", "-", "+", "AND", "OR", "NOT", "ANDNOT", " ", "^", "\\", "[", "]"]
)
WORDS = st.sampled_from(["diplomaten", "persona", "non", "grata", "expelled", "spion", "Rusland", "x", "ß", "😀", "\x00"])
QUERY_LIKE = st.lists(st.one_of(OPERATORS, WORDS, st.text(max_size=5)), max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def client(seed_index: Path) -> Iterator[FlaskClient]:
    app = create_app({"index_dir": str(seed_index)})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


def _check(client: FlaskClient, q: str) -> None:
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code in (200, 400), (q, r.status_code, r.get_data(as_text=True)[:300])
    body = r.get_json()
    if r.status_code == 400:
        assert body["error"]["code"] == "bad_query" and body["error"]["message"]
    else:
        assert body["total"] >= len(body["hits"])
        for hit in body["hits"]:
            for p in hit["passages"]:
                bare = p["html"].replace("<mark>", "").replace("</mark>", "")
                assert "<" not in bare and html.unescape(bare) == p["text"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text())
def test_any_text_as_a_query_never_500(client: FlaskClient, q: str) -> None:
    _check(client, q)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=QUERY_LIKE)
def test_query_syntax_soup_never_500(client: FlaskClient, q: str) -> None:
    _check(client, q)


@settings(max_examples=12, deadline=None)
@given(text=st.text(min_size=0, max_size=400))
def test_any_text_as_a_seed_file_builds_and_reads_back(text: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="searchsvc-hyp-"))
    try:
        seeds = root / "seeds"
        seeds.mkdir()
        (seeds / "doc.txt").write_text(text, encoding="utf-8", newline="")
        summary = index_mod.build(seeds, root / "index", full=True)
        app = create_app({"index_dir": str(root / "index")})
        try:
            c = app.test_client()
            api = c.get("/api/documents/doc")
            page = c.get("/documents/doc")
            if summary.documents == 0:
                # Only empty, blank or binary-looking text may be skipped, and then with the reason.
                assert [s["path"] for s in summary.skipped] == ["doc.txt"]
                reason = summary.skipped[0]["reason"]
                controls = sum(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f" for ch in text)
                if "NUL" in reason:
                    assert "\x00" in text
                elif "control characters" in reason:
                    assert controls > 0.01 * len(text)
                else:
                    assert reason in ("empty file", "whitespace only"), reason
                    assert not text.lstrip("\ufeff").strip(), text
                assert api.status_code == 404 and page.status_code == 404
                return
            assert summary.documents == 1
            assert api.status_code == 200, api.get_data(as_text=True)[:300]
            doc = api.get_json()
            assert doc["document"]["id"] == "doc"
            assert doc["paragraphs"], doc
            for p in doc["paragraphs"]:
                assert html.unescape(p["html"]) == p["text"]
                assert "<" not in p["html"]
            assert page.status_code == 200
            health = c.get("/healthz").get_json()
            assert health["documents"] == 1
        finally:
            app.extensions["searchsvc_index"].close()
    finally:
        shutil.rmtree(root)
