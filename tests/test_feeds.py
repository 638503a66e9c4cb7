"""Feeds, more like this, same-story grouping and CSV export, through the real app over real indexes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterator

import feedparser
import pytest
from flask.testing import FlaskClient
from test_api import Spec

from searchsvc import export, index as index_mod, stories
from searchsvc.web import create_app

D000, D001, D002 = "000_1e7f0d94218035f2", "001_a1e633dddb5f6fbd", "002_9f455500eaf14fbe"


@pytest.fixture(scope="module")
def spec(client: FlaskClient) -> Spec:
    return Spec(client.get("/api/openapi.json").get_json())


def parse_feed(body: bytes) -> Any:
    """Parse a feed with a real feed client and insist it found no error."""
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_ids(feed: Any) -> list[str]:
    return [e.link.split("/documents/", 1)[1].split("#")[0] for e in feed.entries]


# --- feeds -------------------------------------------------------------------------------------


def test_search_feed_is_valid_atom_with_passages(client: FlaskClient) -> None:
    r = client.get("/search.atom?q=diplomaten")
    assert r.status_code == 200 and r.mimetype == "application/atom+xml"
    feed = parse_feed(r.data)
    ids = entry_ids(feed)
    assert D000 in ids and D002 in ids
    assert feed.feed.title == "searchsvc: diplomaten"
    for entry in feed.entries:
        assert entry.link.startswith("http://localhost/documents/")
        assert entry.title and entry.updated
    nato = feed.entries[ids.index(D002)]
    assert "diplomaten" in nato.summary  # the passage (feedparser's sanitiser drops <mark>; readers differ)
    assert b"&lt;mark&gt;diplomaten&lt;/mark&gt;" in r.data  # sent as escaped HTML with our <mark> only
    assert "ANP, 2018-03-27, par." in nato.summary  # the citation and the document's date


@pytest.mark.parametrize("source", ["ANP", "anp"])
def test_search_feed_filters_by_source_as_search_does(client: FlaskClient, source: str) -> None:
    """The source filter ignores case in the feed as in /search (requests are casefolded, 002 says 'ANP')."""
    assert entry_ids(parse_feed(client.get(f"/search.atom?q=diplomaten&source={source}").data)) == [D002]
    assert entry_ids(parse_feed(client.get("/search.atom?q=diplomaten&source=nosuch").data)) == []


def test_new_feed_lists_every_document(client: FlaskClient) -> None:
    feed = parse_feed(client.get("/new.atom").data)
    assert len(feed.entries) == 5


def test_feed_answers_304_while_nothing_changed(client: FlaskClient) -> None:
    first = client.get("/search.atom?q=diplomaten")
    tag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get("/search.atom?q=diplomaten", headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/search.atom?q=diplomaten", headers={"If-Modified-Since": modified}).status_code == 304
    other = client.get("/search.atom?q=spionnen", headers={"If-None-Match": tag})
    assert other.status_code == 200  # another search is another feed


def test_feed_needs_a_query_and_a_valid_one(client: FlaskClient) -> None:
    r = client.get("/search.atom?q=")
    assert r.status_code == 400 and b"/new.atom" in r.data
    assert client.get("/search.atom?q=x&from=2019-13").status_code == 400


@pytest.fixture
def own_index(seeds_copy: Path, tmp_path: Path) -> Iterator[tuple[Path, Path, FlaskClient]]:
    """A private index of the seeds and an app over it."""
    index_dir = tmp_path / "index"
    index_mod.build(seeds_copy, index_dir, full=True)
    app = create_app({"index_dir": str(index_dir)})
    yield seeds_copy, index_dir, app.test_client()
    app.extensions["searchsvc_index"].close()


def test_new_arrival_tops_an_open_feed_without_restart(own_index: tuple[Path, Path, FlaskClient]) -> None:
    seeds, index_dir, client = own_index
    before = client.get("/search.atom?q=diplomaten")
    old = parse_feed(before.data)
    updated_000 = old.entries[entry_ids(old).index(D000)].updated
    # An old document (dated 2001) that arrives now must still come first: the feed is by arrival.
    (seeds / "010_late_arrival.txt").write_text(
        "Archiefstuk over uitgezette diplomaten.\n\nIn 2001 werden twee diplomaten uitgezet.\n", encoding="utf-8")
    (seeds / "010_late_arrival.meta.json").write_text(json.dumps({"title": "Archiefstuk", "date": "2001-05-01"}))
    summary = index_mod.build(seeds, index_dir)
    assert not summary.full and summary.added == ["010_late_arrival"]
    after = client.get("/search.atom?q=diplomaten", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200  # a new build: the reader's copy is stale
    feed = parse_feed(after.data)
    assert entry_ids(feed)[0] == "010_late_arrival"
    assert feed.entries[0].title == "Archiefstuk"
    # Unchanged documents keep the time they entered the index across the incremental build.
    assert feed.entries[entry_ids(feed).index(D000)].updated == updated_000
    assert entry_ids(parse_feed(client.get("/new.atom").data))[0] == "010_late_arrival"


# --- more like this ----------------------------------------------------------------------------


def test_similar_to_001_is_000_first(client: FlaskClient, spec: Spec) -> None:
    r = client.get(f"/api/documents/{D001}/similar")
    assert r.status_code == 200
    body = r.get_json()
    spec.validate(body, "SimilarResponse")
    hits = body["hits"]
    assert hits[0]["id"] == D000 and D001 not in [h["id"] for h in hits]
    assert "hoekstra" in hits[0]["shared_terms"] and hits[0]["reason"].startswith("shares ")
    assert hits[0]["score"] > hits[-1]["score"] or len(hits) == 1


def test_similar_unknown_document_is_404(client: FlaskClient) -> None:
    r = client.get("/api/documents/no-such-doc/similar")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_document_page_lists_similar_documents(client: FlaskClient) -> None:
    html = client.get(f"/documents/{D001}").get_data(as_text=True)
    section = html.split('id="similar-heading"', 1)[1]
    assert "Similar documents" in section
    assert section.index(f"/documents/{D000}") < section.index("</ol>")
    first = section.split("<li>", 2)[1]
    assert D000 in first and "shares hoekstra" in first


# --- same-story grouping -----------------------------------------------------------------------

# Without translation, `diplomats` matches only 001; the English and Dutch words together find both reports.
BOTH = "/api/search?q=diplomats+OR+diplomaten"


def test_grouping_folds_000_and_001(client: FlaskClient, spec: Spec) -> None:
    grouped = client.get(BOTH).get_json()
    flat = client.get(BOTH + "&group=0").get_json()
    spec.validate(grouped, "SearchResponse")
    spec.validate(flat, "SearchResponse")
    leaders = {h["id"]: [s["id"] for s in h.get("same_story", [])] for h in grouped["hits"]}
    pair = {D000, D001}
    folded = [(lead, members) for lead, members in leaders.items() if lead in pair and set(members) & pair]
    assert len(folded) == 1, leaders
    lead, members = folded[0]
    assert pair - {lead} <= set(members) and (pair - {lead}).isdisjoint(leaders)
    assert grouped["folded"] >= 1
    # Totals and facets still count every document; group=0 lists every hit on its own.
    assert grouped["total"] == flat["total"] == len(flat["hits"])
    assert grouped["facets"] == flat["facets"]
    assert all("same_story" not in h for h in flat["hits"])
    assert len(grouped["hits"]) == len(flat["hits"]) - grouped["folded"]


def test_grouping_keeps_other_events_apart(client: FlaskClient) -> None:
    # 002 is the 2018 NATO expulsions: another event on the same topic.
    hits = client.get(BOTH).get_json()["hits"]
    for hit in hits:
        assert D002 not in [s["id"] for s in hit.get("same_story", [])]
    assert D002 in [h["id"] for h in hits]


def test_results_page_links_feed_and_export_and_folds_stories(client: FlaskClient) -> None:
    html = client.get("/search?q=diplomats+OR+diplomaten").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/search.atom?q=diplomats+OR+diplomaten"' in html and "Follow this search" in html
    assert "Download results" in html and "format=csv" in html
    assert "<details class=\"story\">" in html and "1 more report of this story" in html
    assert "<script>" not in html.split("<body>", 1)[1]  # expands without inline script
    flat = client.get("/search?q=diplomats+OR+diplomaten&group=0").get_data(as_text=True)
    assert "more report" not in flat and "Group reports of the same story" in flat


def test_same_facts_across_languages_fold_and_other_days_do_not() -> None:
    w = stories.Weights(1000, lambda term: 1)
    a = stories.extract("a", "Minister Sophie Wilmès said seventeen diplomats must leave on 29 March 2022.", "en", None)
    b = stories.extract("b", "Minister Sophie Wilmès zei dat 17 diplomaten op 29 maart 2022 moeten vertrekken.", "nl", None)
    c = stories.extract("c", "Minister Sophie Wilmès said seventeen diplomats must leave on 30 March 2022.", "en", None)
    assert a.numbers == b.numbers == {17} and a.days == b.days == {"03-29"}
    assert stories.compare(a, b, w)[0]
    assert not stories.compare(a, c, w)[0]  # different days: different events, however alike the words
    copy = stories.extract("d", "Minister Sophie Wilmès said on Tuesday seventeen diplomats must leave on 29 March 2022.", "en", None)
    same, _score, why = stories.compare(a, copy, w)
    assert same and why.startswith("near-duplicate")
    assert stories.translit("nawalny") == stories.translit("navalny")
    assert stories.translit("tscherkassow") == stories.translit("cherkasov") == stories.translit("tsjerkasov")


# --- export ------------------------------------------------------------------------------------


def read_csv(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_csv_has_one_row_per_hit(client: FlaskClient) -> None:
    r = client.get(BOTH + "&format=csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    rows = read_csv(r.data)
    flat = client.get(BOTH + "&group=0").get_json()
    assert rows[0] == ["id", "title", "date", "source", "number", "language", "url", "citation"]
    assert [row[0] for row in rows[1:]] == [h["id"] for h in flat["hits"]]  # every hit, never folded
    nato = rows[1 + [h["id"] for h in flat["hits"]].index(D002)]
    assert nato[2] == "2018-03-27" and nato[3] == "ANP" and nato[5] == "nl"
    assert nato[6].startswith(f"http://localhost/documents/{D002}#p") and nato[7].startswith("“NAVO stuurt")


def test_csv_unknown_format_is_400(client: FlaskClient) -> None:
    r = client.get("/api/search?q=diplomaten&format=xml")
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_query"


def test_csv_neutralises_formulas(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "020_formula.txt").write_text("Formula diplomaten test.\n", encoding="utf-8")
    meta = {"title": '=HYPERLINK("http://evil.example","<script>x</script>")', "source": "+cmd|' /C calc'!A0",
            "doc_number": "-2+3", "author": "@SUM(1+1)"}
    (seeds_copy / "020_formula.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    index_dir = tmp_path / "index"
    index_mod.build(seeds_copy, index_dir, full=True)
    app = create_app({"index_dir": str(index_dir)})
    try:
        client = app.test_client()
        rows = read_csv(client.get("/api/search?q=formula&format=csv").data)
        assert len(rows) == 2
        row = dict(zip(rows[0], rows[1]))
        assert row["title"] == "'" + meta["title"]
        assert row["source"] == "'" + meta["source"]
        assert row["number"] == "'-2+3"
        assert row["citation"].startswith("“=HYPERLINK")  # starts with a quote mark: no formula
        feed = client.get("/search.atom?q=formula")
        assert b"<script>" not in feed.data  # escaped in the XML, not markup
        assert parse_feed(feed.data).entries[0].title == meta["title"]
    finally:
        app.extensions["searchsvc_index"].close()


def test_safe_cell() -> None:
    assert [export.safe_cell(v) for v in ("=1+1", "+1", "-1", "@x", "\tx", "plain", None, 7)] == [
        "'=1+1", "'+1", "'-1", "'@x", "'\tx", "plain", "", "7"]


# --- in a real browser -------------------------------------------------------------------------


@pytest.mark.browser
def test_fold_expands_and_similar_leads_on_in_chromium(seed_index: Path, browser: Any) -> None:
    """Click '1 more report of this story' (no script needed), follow it, and read 'Similar documents'."""
    import threading

    from playwright.sync_api import expect
    from werkzeug.serving import make_server

    app = create_app({"index_dir": str(seed_index)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/search?q=diplomats+OR+diplomaten")
        story = page.locator("details.story").first
        other = story.get_by_role("link")
        expect(other).to_be_hidden()
        story.locator("summary").click()
        expect(other).to_be_visible()
        with page.expect_navigation():
            other.click()
        assert "/documents/" in page.url
        similar = page.locator("aside.similar li").first
        expect(similar).to_be_visible()
        assert similar.locator("a").inner_text()  # a title to follow
    finally:
        context.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        app.extensions["searchsvc_index"].close()


# --- feeds on the numpy engine (rank.match, docsets masks, indexed_at order) --------------------


def _whoosh_newest(index_dir: Path, q: str | None, filt: Any = None) -> list[str]:
    """The feed's answer as Whoosh's own sorted search gives it: all the words, newest indexed_at first."""
    from whoosh import query as wq, sorting

    from searchsvc import query as query_mod

    ix, _build = index_mod.open_index(index_dir)
    try:
        with ix.searcher() as s:
            parsed = wq.Every() if q is None else query_mod.expand(query_mod.parse_query(q, s.schema), s.reader())
            results = s.search(parsed, limit=None, sortedby=sorting.FieldFacet("indexed_at", reverse=True), filter=filt)
            return [s.stored_fields(hit.docnum)["id"] for hit in results]
    finally:
        ix.close()


def test_engine_feed_agrees_with_whoosh_sorting_across_segments_updates_and_deletions(
    own_index: tuple[Path, Path, FlaskClient],
) -> None:
    from whoosh import query as wq

    seeds, index_dir, client = own_index
    # Three incremental builds (three more segments), then a changed 002 and a deleted 003: the feed must
    # follow arrival order across segments, list the changed version as new, and never show a deleted one.
    texts = {
        "020_nl": ("nl", "Nieuwe berichten over diplomaten en spionage bij de ambassade in Den Haag.\n"),
        "021_en": ("en", "Diplomats were expelled again, the ministry said on Friday in The Hague.\n"),
        "022_nl": ("nl", "Opnieuw worden diplomaten uitgezet wegens spionage, meldt het ministerie.\n"),
    }
    for name, (_lang, text) in texts.items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        index_mod.build(seeds, index_dir)
    changed = seeds / f"{D002}.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nNaschrift over de diplomaten.\n", encoding="utf-8")
    index_mod.build(seeds, index_dir)
    (seeds / "003_e24eff640925fc20.txt").unlink()
    (seeds / "003_e24eff640925fc20.meta.json").unlink()
    index_mod.build(seeds, index_dir)

    new_ids = entry_ids(parse_feed(client.get("/new.atom").data))
    assert new_ids == _whoosh_newest(index_dir, None)
    assert new_ids[:2] == [D002, "022_nl"] and "003_e24eff640925fc20" not in new_ids
    for q, filt, args in [
        ("diplomaten", None, ""),
        ("diplomaten spionage", None, ""),
        ("diplomaten OR diplomats", None, ""),
        ("diplomaten OR diplomats", wq.Term("lang", "en"), "&lang=en"),
        ("diplomaten", wq.TermRange("date_sort", "2018-01-01", "2018-12-31"), "&from=2018&to=2018"),
        ("diplomaten -spionage", None, ""),
    ]:
        want = _whoosh_newest(index_dir, q, filt)
        got = entry_ids(parse_feed(client.get("/search.atom", query_string=f"q={q}{args}").data))
        assert got == want, (q, args)
        assert got, (q, args)  # every case finds something, so the agreement says something


def test_feed_lists_only_documents_with_all_the_words(client: FlaskClient) -> None:
    # /search relaxes to "most of the words" when few documents have them all; a followed topic does not.
    q = "diplomaten zeppelinhangar"
    relaxed = client.get("/api/search", query_string={"q": q, "correct": "false", "translate": "0"}).get_json()
    assert relaxed["match"] == "most" and relaxed["total"] > 0
    assert entry_ids(parse_feed(client.get("/search.atom", query_string={"q": q}).data)) == []


def test_similar_never_lists_a_removed_document_and_keeps_to_its_deadline(own_index: tuple[Path, Path, FlaskClient]) -> None:
    from searchsvc import similar
    from searchsvc.errors import SearchTimeout

    seeds, index_dir, client = own_index
    assert client.get(f"/api/documents/{D001}/similar").get_json()["hits"][0]["id"] == D000
    for suffix in (".txt", ".meta.json"):
        (seeds / f"{D000}{suffix}").unlink()
    index_mod.build(seeds, index_dir)  # incremental: 000 is deleted in its segment, not rewritten away
    hits = client.get(f"/api/documents/{D001}/similar").get_json()["hits"]
    assert D000 not in [h["id"] for h in hits]
    ix, _build = index_mod.open_index(index_dir)
    try:
        with ix.searcher() as s:
            assert similar.similar(s, D001, timeout=5)["hits"] == hits
            with pytest.raises(SearchTimeout):
                similar.similar(s, D001, timeout=0)
    finally:
        ix.close()
