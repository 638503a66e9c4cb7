"""The HTML pages through the Flask test client: form, results, document view, empty, error and 404 states."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

D000, D002, D003, D004 = "000_1e7f0d94218035f2", "002_9f455500eaf14fbe", "003_e24eff640925fc20", "004_9aa5411390716ea1"


class Page(HTMLParser):
    """Collects the tags (with attributes) and the links (href, text) of a page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "a":
            self._href, self._text = a.get("href", ""), []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def link(self, text: str) -> str:
        found = [href for href, t in self.links if t == text]
        assert found, (text, self.links)
        return found[0]


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def get_html(client: FlaskClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    assert r.mimetype == "text/html"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    return r.get_data(as_text=True)


def test_home_has_the_search_form(client: FlaskClient) -> None:
    text = get_html(client, "/")
    page = Page(text)
    forms = [a for t, a in page.tags if t == "form"]
    assert forms == [{"class": "search", "action": "/search", "method": "get", "role": "search"}]
    inputs = {a.get("name") for t, a in page.tags if t in ("input", "select")}
    assert {"q", "lang", "from", "to", "sort"} <= inputs
    assert '<label for="q">' in text
    # An empty search shows the form again rather than an error.
    assert 'id="q"' in get_html(client, "/search?q=")


def test_results_page(client: FlaskClient) -> None:
    text = get_html(client, "/search?q=diplomaten&translate=0")  # within Dutch; test_xlang_search has the rest
    page = Page(text)
    assert "4 documents for “diplomaten”" in text
    # 002 has a title, a date and a source; the title links to the document with the query.
    title = "NAVO stuurt Russische diplomaten weg, Rusland beschuldigt VS ervan andere landen onder druk te zetten"
    assert page.link(title) == f"http://localhost/documents/{D002}?q=diplomaten&translate=0"  # marks as searched
    assert '<span class="badge" title="Nederlands">nl</span>' in text
    assert '<time datetime="2018-03-27">2018-03-27</time>' in text
    assert "ANP ·" in text
    # Passages with marks, their citations, and links to the paragraph.
    assert re.search(r"<blockquote lang=\"nl\">[^<]*(<mark>[^<]*</mark>[^<]*)+</blockquote>", text)
    assert f"“{title}”, ANP, 2018-03-27, par. " in text
    paragraph_links = [href for href, t in page.links if t.startswith("go to paragraph")]
    assert paragraph_links
    for href in paragraph_links:
        m = re.fullmatch(r"http://localhost/documents/(\w+)\?q=diplomaten&translate=0#p(\d+)", href)
        assert m, href
        assert f"go to paragraph {m.group(2)}" in dict((h, t) for h, t in page.links)[href]
    # Facets are filter links with counts; they keep the search's other choices (here translate=0).
    assert query_of(page.link("Nederlands")) == {"q": ["diplomaten"], "lang": ["nl"], "translate": ["0"]}
    assert "Nederlands</a> (4)" in text
    assert query_of(page.link("ANP")) == {"q": ["diplomaten"], "source": ["ANP"], "translate": ["0"]}
    assert query_of(page.link("2018")) == {"q": ["diplomaten"], "from": ["2018"], "to": ["2018"], "translate": ["0"]}
    # Following a facet link filters the results.
    filtered = get_html(client, page.link("ANP").replace("&amp;", "&"))
    assert "1 document for “diplomaten”" in filtered and 'aria-current="true"' in filtered
    assert "Clear filters" in filtered


def test_filtered_and_sorted_results_keep_the_form_state(client: FlaskClient) -> None:
    text = get_html(client, "/search?q=diplomaten&lang=nl&sort=date&from=2018-01-01")
    assert 'value="nl" checked' in text
    assert '<option value="date" selected>' in text
    assert 'name="from" value="2018-01-01"' in text
    positions = [text.find(f"/documents/{d}?q=") for d in (D003, D002, D004)]
    assert -1 not in positions and positions == sorted(positions)


def test_pagination_links(client: FlaskClient) -> None:
    first = Page(get_html(client, "/search?q=diplomaten+OR+expelled&per_page=2"))
    assert [t for _, t in first.links if "Previous" in t] == []
    nxt = first.link("Next →")
    assert query_of(nxt) == {"q": ["diplomaten OR expelled"], "per_page": ["2"], "page": ["2"]}
    second_text = get_html(client, nxt)
    assert "page 2 of 3" in second_text
    second = Page(second_text)
    assert query_of(second.link("← Previous"))["page"] == ["1"]
    assert query_of(second.link("Next →"))["page"] == ["3"]
    last = Page(get_html(client, "/search?q=diplomaten+OR+expelled&per_page=2&page=3"))
    assert [t for _, t in last.links if "Next" in t] == []


def test_did_you_mean_and_empty_state(client: FlaskClient) -> None:
    text = get_html(client, "/search?q=diplomatne&correct=false")
    page = Page(text)
    assert "No documents match" in text
    assert "Did you mean" in text
    assert query_of(page.link("diplomaten")) == {"q": ["diplomaten"]}
    nothing = get_html(client, "/search?q=zzyzxqwv")
    assert "0 documents for “zzyzxqwv”" in nothing and "No documents match" in nothing
    assert "Did you mean" not in nothing


def test_error_state_for_a_bad_search(client: FlaskClient) -> None:
    text = get_html(client, "/search?q=diplomaten&per_page=101", status=400)
    assert "This search cannot be run" in text and "per_page=101 is out of range" in text
    assert 'role="alert"' in text
    assert 'value="diplomaten"' in text  # the form keeps what was typed
    text = get_html(client, "/search?q=*", status=400)
    assert "no words to search for" in text


def test_document_page(client: FlaskClient) -> None:
    doc = client.get(f"/api/documents/{D004}").get_json()
    text = get_html(client, f"/documents/{D004}")
    page = Page(text)
    anchors = [i for i in page.ids() if re.fullmatch(r"p\d+", i)]
    assert anchors == [f"p{n}" for n in range(1, len(doc["paragraphs"]) + 1)]
    # Metadata on top, before the first paragraph.
    meta_at = text.find('<dl class="metadata">')
    assert 0 < meta_at < text.find('id="p1"')
    metadata = text[meta_at : text.find("</dl>", meta_at)]
    for value in ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "2018-03-16", "F.B.J. Grapperhaus; K.H. Ollongren"):
        assert value in metadata
    assert "<mark>" not in text
    # No stated title: the opening words past the letterhead (which is the source) show as the title.
    assert "<h1>Naar aanleiding van de toezegging van de Minister" in text and '<html lang="nl">' in text
    # Each paragraph links to itself, and its words are there (the letter's head before its first paragraph of
    # text, letterhead, addressee and dateline, is not numbered).
    assert '<a class="num" href="#p30" aria-label="Paragraph 30">' in text
    assert "in ultimo – persona non grata verklaren" in text


def test_document_page_marks_the_query(client: FlaskClient) -> None:
    text = get_html(client, f"/documents/{D004}?q=%22persona+non+grata%22")
    p30 = text[text.find('id="p30"') : text.find("</p>", text.find('id="p30"'))]
    assert "<mark>persona</mark> <mark>non</mark> <mark>grata</mark>" in p30
    assert "Words of “&#34;persona non grata&#34;” are marked" in text or "Words of “&quot;persona non grata&quot;”" in text
    assert Page(text).link("Show unmarked") == f"/documents/{D004}"


def test_unknown_document_is_404_html(client: FlaskClient) -> None:
    text = get_html(client, "/documents/does-not-exist", status=404)
    assert "Not found" in text and "does-not-exist" in text
    assert Page(text).link("Back to the search page") == "/"


def test_static_script_is_served(client: FlaskClient) -> None:
    r = client.get("/static/app.js")
    assert r.status_code == 200 and "javascript" in r.mimetype
    r.close()
