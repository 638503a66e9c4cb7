"""Property tests over HTTP: no query text or parameter makes /api/search, /search or a document fail with a 500.

Every answer is either a result in the documented shape or a 400 that says what to fix; on the HTML pages,
text from the request never becomes markup. Examples are the same on every run (the "ci" profile in
conftest.py); SEARCHSVC_HYPOTHESIS_PROFILE=thorough draws ten times as many fresh ones.
"""

from __future__ import annotations

import copy
import html
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from searchsvc.errors import BadQuery
from searchsvc.query import MAX_QUERY_CHARS, clean_query
from searchsvc.web.openapi import spec as openapi_spec
from test_api import _strict  # one strictness rule for every schema check

SEED_IDS = ["000_1e7f0d94218035f2", "001_a1e633dddb5f6fbd", "002_9f455500eaf14fbe", "003_e24eff640925fc20", "004_9aa5411390716ea1"]


def examples(n: int) -> int:
    """Return n scaled by the loaded Hypothesis profile (100 examples is scale 1)."""
    return max(1, n * settings.default.max_examples // 100)


def relaxed(n: int) -> settings:
    """Return settings for n examples (scaled) that share the module's fixture client."""
    return settings(max_examples=examples(n), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


# --- strategies ---------------------------------------------------------------------------------

OPERATORS = st.sampled_from(
    ['"', "(", ")", "*", "?", "~", "~2", "~99", ":", "title:", "body:", "text:", "lang:", "-", "+", "AND", "OR", "NOT",
     "ANDNOT", "ANDMAYBE", " ", "^", "^3", "\\", "[", "]", "{", "}", "TO", "'", "/", "<", ">", "=", "!", "|", "&&"]
)
WORDS = st.sampled_from(["diplomaten", "persona", "non", "grata", "expelled", "spion", "Rusland", "x", "ß", "😀", "\x00", "İ", "ﬁ", "Ω"])
QUERY_LIKE = st.lists(st.one_of(OPERATORS, WORDS, st.text(max_size=5)), max_size=12).map(" ".join)
GLUED = st.lists(st.one_of(OPERATORS, WORDS), min_size=1, max_size=12).map("".join)  # operators without spaces
CONTROLS = st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]), max_size=30)
# Around and far beyond the length limit; repetition keeps generating these cheap.
LONG = st.builds(lambda unit, n: (unit * (n // len(unit) + 1))[:n], st.text(min_size=1, max_size=8),
                 st.one_of(st.integers(MAX_QUERY_CHARS - 20, MAX_QUERY_CHARS + 20), st.sampled_from([5_000, 60_000])))
INJECTION = st.sampled_from(
    ["<fuzz>", '"><fuzz x=1>', "'><fuzz>", "</title><fuzz>", "</textarea><fuzz>", "<script>fuzz()</script>",
     "&lt;fuzz&gt;", "<fuzz onload=x>", "javascript:fuzz", "{{7*7}}", "{% raw %}", "<!--", "]]>", "<mark>", "</mark>"]
)
INJECTED = st.lists(st.one_of(INJECTION, WORDS, st.text(max_size=4)), min_size=1, max_size=6).map(" ".join)
QUERIES = st.one_of(st.text(), QUERY_LIKE, GLUED, CONTROLS, LONG, INJECTED)

ANY_SHORT = st.text(max_size=30)
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "lang": st.one_of(st.sampled_from(["nl", "en", "de", "nl,en", "NL", " de ", "xx", "", ",", "nl,,en"]), ANY_SHORT,
                          st.lists(st.sampled_from(["nl", "en", "de", "!!"]), min_size=2, max_size=3)),
        "from": st.one_of(st.sampled_from(["2019", "2019-02", "2019-02-28", "2019-02-30", "0000", "9999-12-31", "2019-13"]), ANY_SHORT),
        "to": st.one_of(st.sampled_from(["2024", "2024-12", "2024-12-31", "1900-01-01", "2024-1-1", "٢٠١٩"]), ANY_SHORT),
        "source": st.one_of(st.sampled_from(["NOS", "Rijksoverheid", "a|b", "|", "NOS|Reuters"]), ANY_SHORT,
                            st.lists(ANY_SHORT, min_size=2, max_size=3)),
        "sort": st.one_of(st.sampled_from(["relevance", "date", "DATE", " date ", "score"]), ANY_SHORT),
        "page": st.one_of(st.integers(-3, 10_003).map(str), st.sampled_from(["1.5", "1e3", "０", "¹", "99999999999999999999"]), ANY_SHORT),
        "per_page": st.one_of(st.integers(-1, 102).map(str), ANY_SHORT),
        "passages": st.one_of(st.integers(-1, 4).map(str), ANY_SHORT),
    },
)
GOOD_QUERIES = st.sampled_from(["diplomaten", "expelled", "persona non grata", "spion*", "Rusland OR Russia"])


# --- checks ---------------------------------------------------------------------------------------

SPEC = openapi_spec()
_URI = "urn:searchsvc:openapi"
_REGISTRY = Registry().with_resource(_URI, Resource.from_contents(_strict(copy.deepcopy(SPEC)), default_specification=DRAFT202012))


def conforms(body: Any, component: str) -> None:
    """Assert a JSON body matches a component schema of the OpenAPI description, with no undeclared keys."""
    validator = Draft202012Validator({"$ref": f"{_URI}#/components/schemas/{component}"}, registry=_REGISTRY)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, errors[:5]


def check_api_search(client: FlaskClient, params: dict[str, Any]) -> dict[str, Any] | None:
    """Call /api/search; assert a documented 200, a 400 (bad_query, too_costly) or a 503 timeout; return the 200 body or None.

    A 503 timeout is the engine's deadline (SEARCHSVC_SEARCH_TIMEOUT) doing its job: a query that would cost
    more (today: a did-you-mean on a very long unknown word) stops instead of holding the worker.
    """
    r = client.get("/api/search", query_string=params)
    assert r.status_code in (200, 400, 503), (params, r.status_code, r.get_data(as_text=True)[:300])
    assert r.mimetype == "application/json"
    body = r.get_json()
    if r.status_code == 503:
        conforms(body, "Error")
        assert body["error"]["code"] == "timeout"
        return None
    if r.status_code == 400:
        conforms(body, "Error")
        assert body["error"]["code"] in ("bad_query", "too_costly") and body["error"]["message"].strip()
        assert "Traceback" not in body["error"]["message"]
        return None
    conforms(body, "SearchResponse")
    assert body["total"] >= len(body["hits"]) and len(body["hits"]) <= body["per_page"]
    for hit in body["hits"]:
        assert len(hit["passages"]) <= 3
        for p in hit["passages"]:
            bare = p["html"].replace("<mark>", "").replace("</mark>", "")
            assert "<" not in bare and html.unescape(bare) == p["text"]
    return body


class Tags(HTMLParser):
    """Collects the start tags and attribute names of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


def check_page(text: str, raw_inputs: list[str]) -> None:
    """Assert no request text became markup: no injected tag or handler, one script, no raw '<fuzz' echoed."""
    parser = Tags()
    parser.feed(text)
    assert not [t for t in parser.tags if t.startswith("fuzz")], parser.tags
    assert parser.tags.count("script") == 1, parser.tags.count("script")
    assert not [a for a in parser.attrs if a.startswith("on")], parser.attrs
    for raw in raw_inputs:
        # '<mark' or '<a' may be in the page as our own markup; an injected '<fuzz' never may.
        if "<fuzz" in raw:
            assert raw not in text and clean_query(raw[:MAX_QUERY_CHARS]) not in text


def _flat(params: dict[str, Any]) -> list[str]:
    return [v for value in params.values() for v in (value if isinstance(value, list) else [value])]


# --- /api/search --------------------------------------------------------------------------------


@relaxed(120)
@given(q=QUERIES)
@example(q="\x00")
@example(q="a" * MAX_QUERY_CHARS)
@example(q="a" * (MAX_QUERY_CHARS + 1))
@example(q=" " * 5000 + "diplomaten")
@example(q='"(AND OR NOT -* ~ :title')
def test_any_query_through_the_api_is_a_result_or_a_400(client: FlaskClient, q: str) -> None:
    body = check_api_search(client, {"q": q})
    try:
        cleaned = clean_query(q)
    except BadQuery:
        cleaned = None  # too long
    if not cleaned:
        assert body is None  # too long, or nothing to search for: a 400, never an empty 200
    elif body is not None:
        assert body["query"] == cleaned


@relaxed(80)
@given(q=QUERY_LIKE)
def test_query_syntax_soup_never_500(client: FlaskClient, q: str) -> None:
    check_api_search(client, {"q": q})


@relaxed(120)
@given(q=st.one_of(GOOD_QUERIES, QUERIES), params=PARAMS)
def test_any_parameters_through_the_api_are_a_result_or_a_400(client: FlaskClient, q: str, params: dict[str, Any]) -> None:
    body = check_api_search(client, {"q": q, **params})
    if body is None:
        return
    # What was accepted is what was used.
    for key in ("page", "per_page"):
        if isinstance(params.get(key), str) and params[key].strip():
            assert body[key] == int(params[key])
    if isinstance(params.get("sort"), str) and params["sort"].strip():
        assert body["sort"] == params["sort"].strip().lower()


def test_the_api_checks_can_fail(client: FlaskClient) -> None:
    """The shape checks above reject a wrong body, so a pass means something."""
    with pytest.raises(AssertionError):
        conforms({"error": {"code": "bad_query", "message": "x", "trace": "..."}}, "Error")
    with pytest.raises(AssertionError):
        check_page('<p><fuzz></p><script src="/static/app.js"></script>', [])


# --- the /search page -----------------------------------------------------------------------------


@relaxed(120)
@given(q=QUERIES, params=st.one_of(st.just({}), PARAMS))
@example(q='"><fuzz x=1> diplomaten', params={})
@example(q="diplomaten", params={"source": "<fuzz>", "lang": "nl", "from": "</title><fuzz>"})
def test_any_query_on_the_search_page_is_a_page_or_a_friendly_400(client: FlaskClient, q: str, params: dict[str, Any]) -> None:
    r = client.get("/search", query_string={"q": q, **params})
    assert r.status_code in (200, 400), (q, params, r.status_code)
    assert r.mimetype == "text/html"
    text = r.get_data(as_text=True)
    if r.status_code == 400:
        assert "This search cannot be run" in text
    check_page(text, [q, *_flat(params)])


# --- documents --------------------------------------------------------------------------------------


@relaxed(50)
@given(doc_id=st.sampled_from(SEED_IDS), q=QUERIES)
def test_any_query_on_a_document_marks_or_ignores_it(client: FlaskClient, doc_id: str, q: str) -> None:
    r = client.get(f"/api/documents/{doc_id}", query_string={"q": q})
    assert r.status_code == 200, (q, r.get_data(as_text=True)[:300])
    body = r.get_json()
    conforms(body, "Document")
    for p in body["paragraphs"]:
        bare = p["html"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in bare and html.unescape(bare) == p["text"]
    page = client.get(f"/documents/{doc_id}", query_string={"q": q})
    assert page.status_code == 200 and page.mimetype == "text/html"
    check_page(page.get_data(as_text=True), [q])


@relaxed(80)
@given(doc_id=st.one_of(st.text(min_size=1), INJECTED))
@example(doc_id="..")
@example(doc_id="../CURRENT")
@example(doc_id="%2e%2e")
@example(doc_id="/0")
def test_any_document_id_is_a_document_or_a_404(client: FlaskClient, doc_id: str) -> None:
    if "//" in "/api/documents/" + doc_id:
        # Werkzeug merges the slashes of a decoded %2F with a 308 redirect; no id has a slash (ids are file stems).
        assert client.get("/api/documents/" + quote(doc_id, safe="")).status_code == 308
        return
    r = client.get("/api/documents/" + quote(doc_id, safe=""))
    assert r.status_code in (200, 404), (doc_id, r.status_code, r.get_data(as_text=True)[:300])
    assert r.mimetype == "application/json"
    body = r.get_json()
    conforms(body, "Document" if r.status_code == 200 else "Error")
    if r.status_code == 200:
        assert body["document"]["id"] in SEED_IDS
    page = client.get("/documents/" + quote(doc_id, safe=""))
    assert page.status_code in (200, 404) and page.mimetype == "text/html"
    check_page(page.get_data(as_text=True), [doc_id])
