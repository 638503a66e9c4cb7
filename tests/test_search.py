"""Search semantics on the five seeds: stemming, AND, title weight, phrases, operators, filters, sorting,
suggestions, passages with citations, pagination and facets; hostile queries; escaping of hostile documents."""

from __future__ import annotations

import html
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask.testing import FlaskClient

from searchsvc import index as index_mod
from searchsvc import highlight, query, schema
from searchsvc.errors import BadQuery
from searchsvc.web import create_app

REPO = Path(__file__).resolve().parent.parent
D000, D001, D002, D003, D004 = (
    "000_1e7f0d94218035f2",
    "001_a1e633dddb5f6fbd",
    "002_9f455500eaf14fbe",
    "003_e24eff640925fc20",
    "004_9aa5411390716ea1",
)
MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def api(client: FlaskClient, **params: Any) -> dict[str, Any]:
    """Run /api/search and return its JSON, failing on anything but 200.

    These tests are about matching within a language and count every report: translations
    (tests/test_xlang_search.py) and same-story grouping (group=0) are off.
    """
    r = client.get("/api/search", query_string={"translate": "0", "group": "0", **params})
    assert r.status_code == 200, (params, r.status_code, r.get_data(as_text=True)[:500])
    return r.get_json()


def ids(result: dict[str, Any]) -> list[str]:
    return [h["id"] for h in result["hits"]]


def marked_words(passage_html: str) -> list[str]:
    return [html.unescape(w) for w in MARK.findall(passage_html)]


def assert_only_marks(fragment: str) -> None:
    """Assert the fragment's only markup is <mark>…</mark> and the rest is properly escaped text."""
    bare = fragment.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in bare and ">" not in bare, fragment
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27|#39);)", bare), fragment  # no stray, unescaped '&'


# --- matching --------------------------------------------------------------------------------


def test_plain_words_match_stemmed_forms(client: FlaskClient) -> None:
    # 'diplomaat' (singular) finds documents that only say 'diplomaten' (002 never says 'diplomaat').
    assert "diplomaat" not in (REPO / "seeds" / f"{D002}.txt").read_text(encoding="utf-8").lower().split()
    r = api(client, q="diplomaat")
    assert {D000, D002, D003, D004} == set(ids(r))
    words = {w.lower() for h in r["hits"] for p in h["passages"] for w in marked_words(p["html"])}
    assert "diplomaten" in words
    # English: 'expel' finds 001, which says 'expelled', and marks that word.
    r = api(client, q="expel")
    assert ids(r) == [D001]
    assert "expelled" in {w.lower() for p in r["hits"][0]["passages"] for w in marked_words(p["html"])}


def test_all_words_first_then_most_of_them(client: FlaskClient) -> None:
    assert set(ids(api(client, q="diplomaten"))) == {D000, D002, D003, D004}
    assert set(ids(api(client, q="spionnen"))) >= {D000}
    # A page's worth of documents with all the words: only those.
    one = api(client, q="diplomaten spionnen", per_page="1")
    assert (ids(one), one["match"]) == ([D000], "all")
    # Fewer than a page: the one with all words first, then those with most of them (by IDF weight).
    both = api(client, q="russische diplomaten spionnen")
    assert ids(both)[0] == D000 and both["match"] == "most" and both["total"] > 1
    assert all(h["score"] > 0 for h in both["hits"])
    # An explicit AND keeps the all-words rule.
    strict = api(client, q="diplomaten AND spionnen")
    assert (ids(strict), strict["match"]) == ([D000], "all")
    # 001 says 'expelled' but is English and never says 'diplomaten': the rarer word carries it.
    assert ids(api(client, q="expelled diplomaten"))[:1] == [D001]
    assert api(client, q="expelled AND diplomaten")["total"] == 0


def test_title_is_searchable_and_weighted(client: FlaskClient) -> None:
    assert ids(api(client, q="title:ruslandstrategie")) == [D003]
    # Only 002 has 'diplomaten' in its title ...
    assert ids(api(client, q="title:diplomaten")) == [D002]
    # ... and so it ranks first for the plain word, above 000 which says it more often in its body.
    r = api(client, q="diplomaten")
    assert r["hits"][0]["id"] == D002
    assert r["hits"][0]["score"] > r["hits"][1]["score"]


def test_quoted_phrase_matches_exactly_and_marks_consecutive_words(client: FlaskClient) -> None:
    r = api(client, q='"persona non grata"')
    assert sorted(ids(r)) == [D000, D004]
    for hit in r["hits"]:
        assert any(
            "<mark>persona</mark> <mark>non</mark> <mark>grata</mark>" in p["html"] for p in hit["passages"]
        ), hit["passages"]
    # The same words in another order are not the phrase.
    assert not {D000, D004} & set(ids(api(client, q='"grata non persona"')))


def test_phrase_across_a_line_break_in_the_source(client: FlaskClient) -> None:
    source = (REPO / "seeds" / f"{D004}.txt").read_text(encoding="utf-8")
    assert re.search(r"persona\s*\n\s*non grata", source), "premise: 004 breaks the phrase over two lines"
    r = api(client, q='"persona non grata"')
    hit = next(h for h in r["hits"] if h["id"] == D004)
    by_par = {p["paragraph"]: p for p in hit["passages"]}
    # Paragraph 30 as a reader counts: the letterhead, the addressee and the dateline 'Den Haag, 16 maart 2018'
    # are the letter's head (metadata), not paragraphs.
    assert 30 in by_par, by_par.keys()
    assert "<mark>persona</mark> <mark>non</mark> <mark>grata</mark> verklaren" in by_par[30]["html"]
    assert by_par[30]["citation"]["url"] == f"http://localhost/documents/{D004}#p30"


def test_or_not_minus_prefix_and_fuzzy(client: FlaskClient) -> None:
    assert set(ids(api(client, q="expelled OR diplomaten"))) == {D000, D001, D002, D003, D004}
    navo = set(ids(api(client, q="NAVO")))
    assert D002 in navo and D000 not in navo
    assert ids(api(client, q="diplomaten NOT NAVO")) == [D000]
    assert ids(api(client, q="diplomaten -NAVO")) == [D000]
    assert set(ids(api(client, q="diplomaten"))) - navo == {D000}
    # A hyphen inside a word is not an operator.
    assert api(client, q="NAVO-topman")["total"] >= 1
    assert ids(api(client, q="ruslandstra*")) == [D003]
    assert api(client, q="ruslandstra", correct="false")["total"] == 0
    assert set(ids(api(client, q="spion*"))) >= {D000}
    assert api(client, q="diplomatem", correct="false")["total"] == 0
    assert set(ids(api(client, q="diplomatem~"))) == {D000, D002, D003, D004}
    assert api(client, q="expolled", correct="false")["total"] == 0
    fuzzy = api(client, q="expolled~")
    assert ids(fuzzy) == [D001]
    assert "expelled" in {w.lower() for p in fuzzy["hits"][0]["passages"] for w in marked_words(p["html"])}


def test_double_not_and_trailing_operators_are_harmless(client: FlaskClient) -> None:
    plain = set(ids(api(client, q="diplomaten")))
    assert set(ids(api(client, q="NOT NOT diplomaten"))) == plain
    assert set(ids(api(client, q="diplomaten OR NOT"))) == plain
    assert set(ids(api(client, q="diplomaten AND"))) == plain


def test_fuzzy_distance_is_capped_so_it_stays_fast(client: FlaskClient) -> None:
    started = time.perf_counter()
    api(client, q="diplomaten~9")
    api(client, q="x~5")
    assert time.perf_counter() - started < 5


# --- filters and sorting ---------------------------------------------------------------------


def test_language_filter(client: FlaskClient) -> None:
    assert ids(api(client, q="diplomats", lang="en")) == [D001]
    assert ids(api(client, q="expelled OR diplomaten", lang="en")) == [D001]
    assert api(client, q="diplomaten", lang="en")["total"] == 0
    assert set(ids(api(client, q="expelled OR diplomaten", lang="nl,en"))) == {D000, D001, D002, D003, D004}
    assert api(client, q="expelled OR diplomaten", lang="de")["total"] == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2018-03-20"}, {D002, D003}),
        ({"from": "2018", "to": "2018-03-20"}, {D004}),
        ({"to": "2018-03"}, {D002, D004}),
        ({"from": "2018-03-16", "to": "2018-03-16"}, {D004}),  # both bounds inclusive
        ({"from": "2019-12-22"}, {D003}),
        ({"to": "2019-12-21"}, {D002, D004}),
        ({"from": "2019", "to": "2019"}, {D003}),
        ({"from": "2020"}, set()),
    ],
)
def test_date_filters(client: FlaskClient, params: dict[str, str], expected: set[str]) -> None:
    r = api(client, q="diplomaten", **params)
    assert set(ids(r)) == expected
    assert all(h["date"] is not None for h in r["hits"])  # undated documents drop out of a date filter


def test_source_filter(client: FlaskClient) -> None:
    assert ids(api(client, q="diplomaten", source="ANP")) == [D002]
    r = client.get("/api/search?q=diplomaten+OR+expelled&source=ANP&source=FAZ").get_json()
    assert set(ids(r)) == {D001, D002}
    assert api(client, q="diplomaten", source="Nobody")["total"] == 0


def test_sort_by_date_newest_first_undated_last(client: FlaskClient) -> None:
    r = api(client, q="diplomaten", sort="date")
    assert ids(r) == [D003, D002, D004, D000]
    assert r["sort"] == "date"
    assert all(isinstance(h["score"], float) and h["score"] > 0 for h in r["hits"])
    page2 = api(client, q="diplomaten", sort="date", per_page=2, page=2)
    assert ids(page2) == [D004, D000]


# --- suggestions, passages, citations --------------------------------------------------------


def test_did_you_mean(client: FlaskClient) -> None:
    r = api(client, q="diplomatne", correct="false")
    assert r["total"] == 0 and r["corrected"] is False
    assert r["suggestion"] == "diplomaten"
    assert api(client, q=r["suggestion"])["total"] == 4
    assert api(client, q="diplomaten")["suggestion"] is None


def test_passages_are_marked_escaped_and_cited(client: FlaskClient) -> None:
    r = api(client, q="diplomaten")
    docs = {d: client.get(f"/api/documents/{d}").get_json() for d in ids(r)}
    for hit in r["hits"]:
        assert 1 <= len(hit["passages"]) <= highlight.MAX_PASSAGES
        meta = docs[hit["id"]]["document"]
        for p in hit["passages"]:
            assert_only_marks(p["html"])
            plain = html.unescape(p["html"].replace("<mark>", "").replace("</mark>", ""))
            assert plain == p["text"]
            # Every occurrence of the word (its Dutch forms) is marked, and nothing else is.
            assert {w.lower() for w in marked_words(p["html"])} <= {"diplomaten", "diplomaat"}
            occurrences = len(re.findall(r"\b(diplomaten|diplomaat)\b", p["text"], re.I))
            assert occurrences == len(marked_words(p["html"])) >= 1
            cite = p["citation"]
            assert cite["paragraph"] == p["paragraph"]
            assert cite["url"] == f"http://localhost/documents/{hit['id']}#p{p['paragraph']}"
            for key in ("source", "date", "doc_number"):
                assert cite[key] == meta[key]
            assert cite["title"] == meta["stated_title"] and cite["display_title"] == meta["title"]
            assert cite["text"].endswith(f"par. {p['paragraph']}, {cite['url']}")
            # The passage really is (part of) that paragraph.
            para = docs[hit["id"]]["paragraphs"][p["paragraph"] - 1]
            assert p["text"].strip("… ") in para["text"]
    d003 = next(h for h in r["hits"] if h["id"] == D003)
    assert "Kamerstuk 35 373, nr. 1 (2019D53771)" in d003["passages"][0]["citation"]["text"]
    assert "2019-12-22" in d003["passages"][0]["citation"]["text"]


def test_at_most_three_passages_even_with_many_matching_paragraphs(client: FlaskClient) -> None:
    r = api(client, q="Nederland")
    doc = client.get(f"/api/documents/{D004}", query_string={"q": "Nederland"}).get_json()
    assert sum("<mark>" in p["html"] for p in doc["paragraphs"]) > 3
    assert all(1 <= len(h["passages"]) <= 3 for h in r["hits"])
    assert len(next(h for h in r["hits"] if h["id"] == D004)["passages"]) == 3


def test_pagination_and_per_page_limit(client: FlaskClient) -> None:
    everything = api(client, q="diplomaten OR expelled", per_page=100)
    assert everything["total"] == 5 and len(everything["hits"]) == 5 and everything["pages"] == 1
    seen: list[str] = []
    for page in (1, 2, 3):
        r = api(client, q="diplomaten OR expelled", per_page=2, page=page)
        assert r["page"] == page and r["pages"] == 3 and r["total"] == 5
        assert len(r["hits"]) == (2 if page < 3 else 1)
        seen += ids(r)
    assert seen == ids(everything)
    past = api(client, q="diplomaten OR expelled", per_page=2, page=4)
    assert past["hits"] == [] and past["total"] == 5
    for bad in ("101", "0", "-1", "ten"):
        r = client.get("/api/search", query_string={"q": "diplomaten", "per_page": bad})
        assert r.status_code == 400, bad
        assert "per_page" in r.get_json()["error"]["message"]


def test_facets_count_the_whole_result_set(client: FlaskClient) -> None:
    r = api(client, q="diplomaten OR expelled", per_page=1)
    assert len(r["hits"]) == 1
    assert r["facets"]["language"] == {"nl": 4, "en": 1}
    assert r["facets"]["year"] == {"2018": 2, "unknown": 2, "2019": 1}
    assert sum(r["facets"]["source"].values()) == 5
    assert r["facets"]["source"]["ANP"] == 1 and r["facets"]["source"]["FAZ"] == 1
    # Facets follow the filters.
    assert api(client, q="diplomaten OR expelled", lang="en")["facets"]["language"] == {"en": 1}



def test_facets_list_the_largest_names_and_count_the_rest(client: FlaskClient) -> None:
    """facet_limit keeps each facet's largest names (then by name), facets_more counts what it left out, and the
    page links to more; a limit that is not a number from 0 to 1000 is a 400 naming it."""
    full = api(client, q="diplomaten OR expelled", facet_limit=1000)
    assert full["facets_more"] == {"language": 0, "year": 0, "source": 0}
    assert len(full["facets"]["source"]) >= 3  # the default of 10 lists them all too
    assert api(client, q="diplomaten OR expelled")["facets"] == full["facets"]
    two = api(client, q="diplomaten OR expelled", facet_limit=2)
    for name, counts in full["facets"].items():  # JSON objects come with sorted keys: rank them again
        largest = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        assert two["facets"][name] == dict(largest[:2]), name
        assert two["facets_more"][name] == max(0, len(counts) - 2), name
    none = api(client, q="diplomaten OR expelled", facet_limit=0)
    assert none["facets"] == {"language": {}, "year": {}, "source": {}} and none["total"] == full["total"]
    for bad in ("1001", "-1", "ten", "２"):
        r = client.get("/api/search", query_string={"q": "diplomaten", "facet_limit": bad})
        assert r.status_code == 400, bad
        assert "facet_limit" in r.get_json()["error"]["message"]
    page = client.get("/search", query_string={"q": "diplomaten OR expelled", "facet_limit": "1"}).get_data(as_text=True)
    sources = [name for name, _ in sorted(full["facets"]["source"].items(), key=lambda kv: (-kv[1], kv[0]))]
    assert f"{len(sources) - 1} more sources" in page and "facet_limit=100" in page
    column = page.split('aria-label="Filters"')[1].split("</aside>")[0]
    assert f">{sources[0]}</a>" in column and f">{sources[1]}</a>" not in column

# --- hostile input ---------------------------------------------------------------------------

HOSTILE = [
    '"persona non grata',
    "diplomaten)",
    "AND",
    "*",
    "?!.,;:",
    "a" * 5000,
    "diplomaten " * 500,
    "🇳🇱 diplomaten 😀",
    "😀",
    "\x00\x1b",
    "diplomaten\x00\x1b[31m",
    "((((",
    "title:",
    "title:(",
    "body:\"",
    "-",
    "OR OR",
    '"',
    "a~~~",
    "diplomaten~9",
    "NOT NOT x",
    "NOT",
    "ANDNOT ANDMAYBE",
    "<script>alert(1)</script>",
    "'; DROP TABLE documents; --",
    "*:*",
    "[a TO z]",
    "diplomaten^99",
    '"persona non grata"~2',
    "\u202e\ufeff",
    "é" * 1001,
]


@pytest.mark.parametrize("q", HOSTILE, ids=[repr(q[:20]) for q in HOSTILE])
def test_hostile_queries_never_500(client: FlaskClient, q: str) -> None:
    started = time.perf_counter()
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code in (200, 400), r.get_data(as_text=True)[:300]
    assert r.mimetype == "application/json"
    body = r.get_json()
    if r.status_code == 400:
        message = body["error"]["message"]
        assert body["error"]["code"] == "bad_query"
        assert 10 < len(message) < 300 and "Traceback" not in message and "index out of range" not in message
    else:
        for hit in body["hits"]:
            for p in hit["passages"]:
                assert_only_marks(p["html"])
    page = client.get("/search", query_string={"q": q})
    assert page.status_code in (200, 400)
    text = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in text
    if page.status_code == 400:
        assert "This search cannot be run" in text
    assert time.perf_counter() - started < 5


def test_parse_query_rejects_nothing_to_search() -> None:
    fields = schema.make_schema()
    for q in ("", "*", "-diplomaten", "NOT x", "(((("):
        with pytest.raises(BadQuery):
            query.parse_query(query.clean_query(q), fields)


# --- hostile documents -----------------------------------------------------------------------

EVIL_TEXT = (
    'Evil <script>alert("x")</script> report about diplomaten & spies.\n\n'
    "Second <b>bold</b> paragraph & \"quotes\" and diplomaten again <img src=x onerror=alert(2)>.\n\n"
    "Third: they were declared persona\nnon grata across a line break.\n"
)


@pytest.fixture(scope="module")
def evil_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    root = tmp_path_factory.mktemp("evil")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (seeds / "evil.meta.json").write_text(
        json.dumps({"title": "<i>Evil</i> & <script>x()</script>", "source": "A&B <Press>", "date": "2020-01-02"}),
        encoding="utf-8",
    )
    index_mod.build(seeds, root / "index", full=True)
    app = create_app({"index_dir": str(root / "index")})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = TagCollector()
    parser.feed(page)
    parser.close()
    return parser.tags


def test_hostile_document_is_escaped_in_passages_and_pages(evil_client: FlaskClient) -> None:
    r = evil_client.get("/api/search", query_string={"q": "diplomaten"})
    assert r.status_code == 200
    hit = r.get_json()["hits"][0]
    assert hit["title"] == "<i>Evil</i> & <script>x()</script>"
    assert len(hit["passages"]) == 2
    for p in hit["passages"]:
        assert_only_marks(p["html"])
        assert "<mark>diplomaten</mark>" in p["html"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in hit["passages"][0]["html"]
    assert "&amp; spies" in hit["passages"][0]["html"]
    # The phrase across a line break matches here too.
    phrase = evil_client.get("/api/search", query_string={"q": '"persona non grata"'}).get_json()
    assert phrase["total"] == 1
    assert "<mark>persona</mark> <mark>non</mark> <mark>grata</mark>" in phrase["hits"][0]["passages"][0]["html"]

    for url in ("/search?q=diplomaten", "/documents/evil?q=diplomaten", "/documents/evil"):
        page = evil_client.get(url)
        assert page.status_code == 200, url
        text = page.get_data(as_text=True)
        tags = tags_of(text)
        scripts = [attrs for tag, attrs in tags if tag == "script"]
        assert scripts == [{"src": "/static/app.js", "defer": None}], (url, scripts)  # only our own script
        assert not [t for t, _ in tags if t in ("b", "i", "img")], url
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in text or "&lt;script&gt;alert(&quot;x&quot;)" in text
        assert "&lt;img src=x onerror=alert(2)&gt;" in text
        assert "A&amp;B &lt;Press&gt;" in text
        if "q=" in url:
            assert "<mark>diplomaten</mark>" in text
        else:
            assert "<mark>" not in text


def test_untitled_document_shows_and_is_cited_by_its_opening_words(seed_index):
    """000 states no title: the hit shows its first words, and the citation quotes them (issue 14, point 6)."""
    from searchsvc import index as index_mod
    from searchsvc import search as search_mod

    ix, _ = index_mod.open_index(seed_index)
    with ix.searcher() as s:
        result = search_mod.search(s, search_mod.parse_request({"q": "zeventien spionnen"}))
    hit = next(h for h in result["hits"] if h["id"].startswith("000"))
    assert hit["title"].startswith("Nederland gaat zeventien Russische spionnen")
    assert len(hit["title"]) <= highlight.LEAD_CHARS + 2
    assert hit["passages"][0]["citation"]["text"].startswith("“Nederland gaat zeventien Russische spionnen")
    assert hit["passages"][0]["citation"]["title"] is None
