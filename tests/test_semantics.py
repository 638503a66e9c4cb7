"""Issue 14 (points 2, 4-8) and issue 12's input rules: spelling that helps, phrase marks, titles, dates and
paragraphs as a reader sees them, memo-ready citations, German forms, and one set of API input rules.

Everything runs through the real Flask app over real Whoosh indexes (the seeds, or small real files in tmp_path).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask.testing import FlaskClient

from searchsvc import analysis, index as index_mod, metadata, spelling
from searchsvc.web import create_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

D000 = "000_1e7f0d94218035f2"
D001 = "001_a1e633dddb5f6fbd"
D002 = "002_9f455500eaf14fbe"
D004 = "004_9aa5411390716ea1"


def api(client: FlaskClient, status: int = 200, **params: Any) -> dict[str, Any]:
    # Matching within a language, every report its own hit: translations and story grouping off unless asked.
    r = client.get("/api/search", query_string={"translate": "0", "group": "0", **params})
    assert r.status_code == status, r.get_json()
    return r.get_json()


def marked_words(html: str) -> list[str]:
    return re.findall(r"<mark>([^<]*)</mark>", html)


# --- a second index: German and English texts written as a reader meets them ----------------------------

GERMAN_NEWS = """Deutschland weist russische Diplomaten aus

Berlin, 12. April 2024

15:38 Uhr

Von Anna Schmidt

Die Bundesregierung hat vier russische Diplomaten ausgewiesen, die nach Erkenntnissen der Sicherheitsbehörden für den Geheimdienst gearbeitet haben. Die ausgewiesenen Diplomaten müssen das Land innerhalb einer Woche verlassen, teilte das Auswärtige Amt am Freitag mit.

Der russische Botschafter wurde am Morgen in das Auswärtige Amt einbestellt und über die Entscheidung unterrichtet. Er nannte die Maßnahme unbegründet und kündigte eine Antwort Moskaus an.
"""

GERMAN_EMBASSY = """Die Botschaft in der Hauptstadt bleibt geöffnet

Die Botschaft der Republik ist für Besucher weiterhin geöffnet, teilte die Verwaltung mit. Anträge auf Visa werden wie bisher an den Schaltern im Erdgeschoss angenommen und innerhalb von zwei Wochen bearbeitet, wenn alle Unterlagen vollständig vorliegen.
"""

ENGLISH_NEWS = """27 March 2018

By John Smith

NATO has withdrawn the accreditation of seven staff members of the Russian mission, the alliance said on Tuesday. The decision follows the nerve agent attack in Salisbury, which the allies blame on Moscow, and it reduces the size of the mission to twenty people.
"""

MINISTRY_LETTER = """ JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 3 oktober 2019

Betreft: Voortgang aanpak ondermijning

Hierbij informeer ik uw Kamer over de voortgang van de aanpak van ondermijnende criminaliteit in het afgelopen half jaar, zoals toegezegd tijdens het commissiedebat.
"""

FILES = {
    "de_news.txt": GERMAN_NEWS,
    "de_embassy.txt": GERMAN_EMBASSY,
    "en_news.txt": ENGLISH_NEWS,
    "nl_letter.txt": MINISTRY_LETTER,
}


@pytest.fixture(scope="module")
def extra_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """A client over an index of the seeds plus the German, English and Dutch texts above."""
    root = tmp_path_factory.mktemp("semantics")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, text in FILES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    index_mod.build(seeds, root / "index", full=True)
    app = create_app({"index_dir": str(root / "index"), "public_url": "https://search.example.org/"})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


def document(client: FlaskClient, doc_id: str) -> dict[str, Any]:
    r = client.get(f"/api/documents/{doc_id}")
    assert r.status_code == 200
    return r.get_json()


# --- point 2: spelling that helps -------------------------------------------------------------------


def test_a_misspelling_shows_the_corrected_results_at_once(client: FlaskClient) -> None:
    r = api(client, q="diplomatne")
    assert r["corrected"] is True and r["suggestion"] == "diplomaten" and r["query"] == "diplomatne"
    assert r["total"] == 4 and {h["id"] for h in r["hits"]} >= {D000, D002}
    assert any("<mark>diplomaten</mark>" in p["html"] for h in r["hits"] for p in h["passages"])
    # Asked for the query as typed: nothing, with the suggestion as a link.
    typed = api(client, q="diplomatne", correct="false")
    assert typed["total"] == 0 and typed["corrected"] is False and typed["suggestion"] == "diplomaten"


def test_the_page_says_showing_results_for_and_search_instead_for(client: FlaskClient) -> None:
    r = client.get("/search", query_string={"q": "diplomatne", "translate": "0"})
    text = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Showing results for" in text and "Search instead for" in text
    assert "4 documents for “diplomaten”" in text
    assert 'href="/search?q=diplomatne&amp;translate=0&amp;correct=false"' in text
    assert "<mark>diplomaten</mark>" in text
    instead = client.get("/search", query_string={"q": "diplomatne", "correct": "false"}).get_data(as_text=True)
    assert "No documents match" in instead and "Did you mean" in instead and "Showing results for" not in instead


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("diplomatne", "diplomaten"),  # two neighbouring letters swapped
        ("Russische diplomatne", "Russische diplomaten"),  # the known word stays as typed
        ("diplomaten", None),  # a known word is never replaced
        ("expelled diplomats", None),  # English words the index knows
        ("which diplomats were expelled by Belgium", None),  # function words are never corrected
        ("Punkte gab Verteidigung", None),  # German words our word data knows (gab, Punkte) stay
        ("ambassadeur", None),
        ("ambasadeur", "ambassadeur"),  # a letter missing
        ("Hoekstar", "Hoekstra"),  # capitalised as typed
        ("a" * 1000, None),  # longer than any word worth correcting: not looked up at all
        ("gesetzesänderungsverordnungsbestimmung " * 25, None),
        ("diplomaten NOT diplomatne", None),  # operators and negated words are left alone
        ("diplomat*", None),
    ],
)
def test_suggestions_only_for_words_no_field_knows(client: FlaskClient, query: str, suggestion: str | None) -> None:
    assert api(client, q=query.strip()[:1000], correct="false")["suggestion"] == suggestion


def test_suggestion_work_is_bounded(seed_index: Path) -> None:
    """At most MAX_WORDS unknown words are looked up; words over MAX_WORD_CHARS are never looked up."""
    ix, _ = index_mod.open_index(seed_index)
    with ix.searcher() as s:
        many = " ".join(["diplomatne"] * (spelling.MAX_WORDS + 3))
        out = spelling.suggest(many, s)
        assert out is not None and out.split().count("diplomaten") == spelling.MAX_WORDS
        long_word = "diplomatne" + "x" * spelling.MAX_WORD_CHARS
        assert spelling.suggest(long_word, s) is None


# --- point 4: phrase marks ----------------------------------------------------------------------------


def test_a_quoted_phrase_marks_only_its_occurrences(client: FlaskClient) -> None:
    r = api(client, q='"Russische diplomaten"')
    assert r["total"] >= 2
    for hit in r["hits"]:
        for p in hit["passages"]:
            words = [w.lower() for w in marked_words(p["html"])]
            assert words, p["html"]  # a passage is chosen because it holds the phrase
            # Marks come in pairs 'Russische diplomaten', never a lone word of the phrase.
            assert words == ["russische", "diplomaten"] * (len(words) // 2), words
            assert re.search(r"<mark>Russische</mark>\s+<mark>diplomaten</mark>", p["html"], re.I)
    # 000 paragraph 2 says 'De Russische ambassadeur ... De diplomaten' and later '58 Russische diplomaten':
    # only the phrase is marked.
    doc = client.get(f"/api/documents/{D000}", query_string={"q": '"Russische diplomaten"'}).get_json()
    p2 = doc["paragraphs"][1]["html"]
    assert "De <mark>Russische</mark> ambassadeur" not in p2 and "De <mark>diplomaten</mark>" not in p2
    assert "58 <mark>Russische</mark> <mark>diplomaten</mark> werkzaam" in p2


def test_a_phrase_and_a_word_mark_both(client: FlaskClient) -> None:
    r = api(client, q='"Russische diplomaten" Moskou')
    html = " ".join(p["html"] for h in r["hits"] for p in h["passages"])
    assert "<mark>Moskou</mark>" in html


# --- point 5: titles, dates and paragraphs as a reader sees them ------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Berlin, 12. April 2024", "2024-04-12"),
        ("Berlin, den 3. Oktober 2020", "2020-10-03"),
        ("Dienstag, 27. März 2018", "2018-03-27"),
        ("Den Haag, 16 maart 2018", "2018-03-16"),
        ("dinsdag 27 maart 2018", "2018-03-27"),
        ("27 March 2018", "2018-03-27"),
        ("March 27, 2018", "2018-03-27"),
        ("27 mrt. 2018 15:38", "2018-03-27"),
        ("27.03.2018", "2018-03-27"),
        ("2018-03-27", "2018-03-27"),
        ("03/04/2018", None),  # day and month order differ by country: a dateline, but no date
        ("31 februari 2018", None),  # no such day: unknown stays unknown
        ("Rusland", None),
        ("Op 27 maart 2018 besloot de NAVO", None),  # a sentence with a date is not a dateline
    ],
)
def test_date_lines(line: str, date: str | None) -> None:
    assert metadata.parse_date_line(line) == date


@pytest.mark.parametrize(
    ("text", "is_metadata"),
    [
        ("27 maart 2018", True),
        ("15u38", True),
        ("15:38 Uhr", True),
        ("Berlin, 12. April 2024", True),
        ("Door Jan de Vries", True),
        ("Von Anna Schmidt", True),
        ("By John Smith", True),
        ("Door de regen", False),
        ("Rusland", False),
        ("De NAVO stuurt zeven Russische diplomaten weg.", False),
    ],
)
def test_metadata_paragraphs(text: str, is_metadata: bool) -> None:
    assert metadata.is_metadata_paragraph(text) is is_metadata


@pytest.mark.parametrize(
    ("doc_id", "title", "date", "source", "first_paragraph"),
    [
        ("de_news", "Deutschland weist russische Diplomaten aus", "2024-04-12", None, "Deutschland weist"),
        ("en_news", None, "2018-03-27", None, "NATO has withdrawn"),
        # The letter's head (letterhead, addressee, dateline, subject) is metadata: its text is paragraph 1.
        ("nl_letter", "Voortgang aanpak ondermijning", "2019-10-03", "Ministerie van Justitie en Veiligheid", "Hierbij informeer"),
        ("de_embassy", "Die Botschaft in der Hauptstadt bleibt geöffnet", None, None, "Die Botschaft in"),
    ],
)
def test_titles_dates_and_numbered_paragraphs(
    extra_client: FlaskClient, doc_id: str, title: str | None, date: str | None, source: str | None, first_paragraph: str
) -> None:
    doc = document(extra_client, doc_id)
    meta = doc["document"]
    assert (meta["stated_title"], meta["date"], meta["source"]) == (title, date, source)
    assert meta["title"] == meta["display_title"]
    paragraphs = doc["paragraphs"]
    assert paragraphs[0]["text"].startswith(first_paragraph)
    # Datelines, times and bylines are not numbered paragraphs.
    assert not any(metadata.is_metadata_paragraph(p["text"]) for p in paragraphs)
    assert [p["number"] for p in paragraphs] == list(range(1, len(paragraphs) + 1))


def test_seed_004_letterhead_is_its_source_not_its_title(client: FlaskClient) -> None:
    meta = document(client, D004)["document"]
    assert meta["source"] == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert meta["stated_title"] is None
    assert meta["title"].startswith("Naar aanleiding van de toezegging") and "BINNENLANDSE" not in meta["title"]
    assert meta["date"] == "2018-03-16"


def test_seed_002_dateline_and_time_are_not_paragraphs(client: FlaskClient) -> None:
    texts = [p["text"] for p in document(client, D002)["paragraphs"]]
    assert "27 maart 2018" not in texts and "15u38" not in texts
    assert texts[1].startswith("Bron: ANP")


# --- point 6: memo-ready citations --------------------------------------------------------------------------


def test_citation_of_an_untitled_seed_quotes_its_first_words_and_links_absolutely(client: FlaskClient) -> None:
    r = api(client, q="hoeveel russische diplomaten zijn er nog in nederland", correct="false")
    hits = r["hits"] or api(client, q="58 Russische diplomaten")["hits"]
    hit = next(h for h in hits if h["id"] == D000)
    assert hit["url"] == f"http://localhost/documents/{D000}"
    cite = hit["passages"][0]["citation"]
    n = cite["paragraph"]
    assert cite["text"].startswith("“Nederland gaat zeventien Russische spionnen")
    assert cite["text"].endswith(f", par. {n}, http://localhost/documents/{D000}#p{n}")
    assert cite["url"] == f"http://localhost/documents/{D000}#p{n}"
    assert cite["page"] is None


def test_citation_names_title_source_date_number_and_the_public_url(extra_client: FlaskClient) -> None:
    r = api(extra_client, q="ondermijning")
    hit = next(h for h in r["hits"] if h["id"] == "nl_letter")
    cite = hit["passages"][0]["citation"]
    n = cite["paragraph"]
    assert cite["text"] == (
        f"“Voortgang aanpak ondermijning”, Ministerie van Justitie en Veiligheid, 2019-10-03, par. {n}, "
        f"https://search.example.org/documents/nl_letter#p{n}"
    )
    assert hit["url"] == "https://search.example.org/documents/nl_letter"
    doc = document(extra_client, "nl_letter")
    assert doc["document"]["link"] == "https://search.example.org/documents/nl_letter"
    assert doc["paragraphs"][0]["citation"]["url"] == "https://search.example.org/documents/nl_letter#p1"


def test_document_title_means_the_same_in_both_endpoints(client: FlaskClient) -> None:
    for doc_id in (D000, D002, D004):
        hit = next(h for h in api(client, q="diplomaten OR expelled", per_page=10, group=0)["hits"] if h["id"] == doc_id)
        meta = document(client, doc_id)["document"]
        assert meta["title"] == meta["display_title"] == hit["title"]


# --- point 7: German forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "a", "b", "same"),
    [
        ("de", "ausgewiesen", "ausgewiesenen", True),
        ("de", "ausgewiesen", "ausgewiesene", True),
        ("de", "ausweisen", "ausgewiesenen", True),
        ("de", "Botschaft", "Sonderbotschafter", False),
        ("de", "festgenommen", "festgenommenen", True),
        ("nl", "gekozen", "gekozene", True),
        ("de", "Botschafter", "Botschaft", False),
        ("de", "Botschafterin", "Botschaften", False),
        ("de", "Botschafter", "Botschafters", True),
        ("de", "Botschafter", "Botschafterin", True),
        ("de", "Botschaft", "Botschaften", True),
        ("de", "Gesellschafter", "Gesellschaft", False),
        ("de", "Reise", "Reisen", True),
    ],
)
def test_german_and_dutch_forms(lang: str, a: str, b: str, same: bool) -> None:
    """A query for a finds a document with b: a's query key is among b's index keys."""
    analyzer = analysis.stemming_analyzer(lang)
    query_key = {t.text for t in analyzer(a, mode="query")}
    index_keys = {t.text for t in analyzer(b, mode="index")}
    assert bool(query_key & index_keys) is same, (query_key, index_keys)


def test_german_forms_through_the_index(extra_client: FlaskClient) -> None:
    found = {h["id"] for h in api(extra_client, q="ausgewiesen", lang="de", correct="false")["hits"]}
    assert "de_news" in found  # 'ausgewiesen' and 'ausgewiesenen' in the text
    found = {h["id"] for h in api(extra_client, q="ausgewiesenen Diplomaten", correct="false")["hits"]}
    assert "de_news" in found
    ambassador = {h["id"] for h in api(extra_client, q="Botschafter", correct="false")["hits"]}
    assert ambassador == {"de_news"}  # not de_embassy, which only has 'Botschaft'
    embassy = {h["id"] for h in api(extra_client, q="Botschaft", correct="false")["hits"]}
    assert embassy == {"de_embassy"}


# --- point 8 and issue 12: one API, one set of rules ----------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"lang": "fr"}, "lang='fr' is not a language of this index; use nl, en or de, or xx"),
        ({"lang": "nl,zz"}, "lang='zz'"),
        ({"lang": "n1"}, "is not a language code"),
        ({"from": "2018/03/27"}, "YYYY, YYYY-MM or YYYY-MM-DD (2018, 2018-03, 2018-03-27), or DD-MM-YYYY (27-03-2018)"),
        ({"from": "27 maart 2018"}, "DD-MM-YYYY"),
        ({"to": "32-03-2018"}, "to='32-03-2018' is not a date"),
        ({"from": "２０１９"}, "from='２０１９' is not a date"),
        ({"per_page": "１０"}, "per_page='１０' is not a whole number"),
        ({"page": "٣"}, "page='٣' is not a whole number"),
        ({"per_page": "+5"}, "is not a whole number"),
        ({"from": "2020", "to": "2010"}, "from=2020 is after to=2010"),
        ({"from": "28-03-2018", "to": "2018-03-27"}, "from=2018-03-28 is after to=2018-03-27"),
        ({"correct": "maybe"}, "correct='maybe'"),
    ],
)
def test_bad_parameters_are_a_400_that_says_what_to_write(client: FlaskClient, params: dict[str, str], fragment: str) -> None:
    body = api(client, status=400, q="diplomaten", **params)
    assert body["error"]["code"] == "bad_query"
    assert fragment in body["error"]["message"], body["error"]["message"]


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"source": "ANP"}, {D002}),
        ({"source": "anp"}, {D002}),
        ({"source": "Anp"}, {D002}),
        ({"source": "faz"}, {D001}),
        ({"from": "27-03-2018", "to": "27-03-2018"}, {D002}),
        ({"from": "2018-03-27", "to": "2018-03-27"}, {D002}),
        ({"from": "2018-03", "to": "2018-03"}, {D002, D004}),
        ({"from": "2018", "to": "2018"}, {D002, D004}),
        ({"from": "2019-12-22", "to": "2019-12-22"}, {"003_e24eff640925fc20"}),
        ({"lang": "en"}, {D001}),
        ({"lang": "NL"}, {D000, D002, "003_e24eff640925fc20", D004}),
        ({"lang": "xx"}, set()),  # the neutral code is accepted; the seeds have no such document
    ],
)
def test_filters_accept_both_forms_and_any_case(client: FlaskClient, params: dict[str, str], ids: set[str]) -> None:
    got = {h["id"] for h in api(client, q="diplomaten OR expelled OR diplomats", per_page=100, **params)["hits"]}
    assert got == ids


def test_source_facet_links_work_whatever_the_case(client: FlaskClient) -> None:
    r = api(client, q="diplomaten", source="ANP|ministerie van binnenlandse zaken en koninkrijksrelaties")
    assert {h["id"] for h in r["hits"]} == {D002, D004}


# --- questions (issue 14): question words, hyphenated words, a smaller share for long questions -----------

QUESTION_FILES = {
    "vergunning.txt": "De vergunning verloopt na vijf jaar. De gemeente stuurt een brief voordat de termijn afloopt "
    "en de aanvrager kan dan een nieuwe aanvraag indienen bij het loket.",
    "frist.txt": "Die Frist endet einen Monat nach der Zustellung des Bescheids. Der Antrag ist schriftlich bei der "
    "zuständigen Behörde einzureichen und zu begründen.",
    "tickets.txt": "More than forty thousand tickets were sold for the final, the organisers said on Sunday, and the "
    "stadium will be full for the first time this season.",
    "amplifier.txt": "The shop sells a second-hand amplifier for vinyl records and cassettes, tested and with a "
    "warranty of six months.",
    "kust.txt": "De kustwacht stuurde gisteren een reddingsboot uit toen een zeilboot in de problemen raakte. De "
    "bemanning werd veilig aan wal gebracht.",
    "zandbank.txt": "Bij laag water is de zandbank goed te zien vanaf de dijk. Zeehonden liggen er dan in de zon.",
    "storm.txt": "De stormvloed van 1953 veranderde het land: de Deltawerken volgden en dijken werden verhoogd.",
    # The question words in a text of their own, so that they weigh as much as any rare word.
    "vragen.txt": "Wanneer, hoeveel en waarom: wann und warum, how many. Zulke vragen krijgt de helpdesk elke dag.",
}


@pytest.fixture(scope="module")
def question_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """A client over a small index of texts that answer questions without repeating their words."""
    root = tmp_path_factory.mktemp("questions")
    (root / "docs").mkdir()
    for name, text in QUESTION_FILES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    index_mod.build(root / "docs", root / "index", full=True)
    app = create_app({"index_dir": str(root / "index")})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


@pytest.mark.parametrize(
    ("query", "first", "match"),
    [
        # A question word (wanneer, wann, many) weighs nothing in a "most words" share: the text with every other
        # word comes first, not the one that repeats the question words.
        ("wanneer en waarom verloopt de vergunning", "vergunning", "most"),
        ("hoeveel jaar na de aanvraag verloopt de vergunning", "vergunning", "most"),
        ("wann und warum endet die Frist", "frist", "most"),
        ("how many tickets were sold", "tickets", "most"),
        # A hyphenated word (an AND of its parts in some fields) relaxes like any word, it is not a must.
        ("an amplifier to play my 8-tracks and vinyl records", "amplifier", "most"),
        # A long query no text has half of (by weight): the smaller share (three of seven words) fills the page.
        ("kustwacht reddingsboot zeilboot zandbank zeehonden stormvloed deltawerken", "kust", "most"),
        # One word of a three-word query is not "most words" (each is a third of the weight): nothing matches.
        ("kustwacht zandbank stormvloed", None, None),
    ],
)
def test_questions_find_the_text_that_answers_them(
    question_client: FlaskClient, query: str, first: str | None, match: str | None
) -> None:
    result = api(question_client, q=query)
    if first is None:
        assert result["total"] == 0, [h["id"] for h in result["hits"]]
        return
    assert result["hits"], query
    assert result["hits"][0]["id"].startswith(first), [h["id"] for h in result["hits"]]
    assert result["match"] == match

