"""Cross-language search through the real app: a real index of the seeds and the installed FreeDict dictionaries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from whoosh import query as wq

from searchsvc import index as index_mod
from searchsvc import translate
from searchsvc.cli import main as cli_main
from searchsvc.web import create_app
from test_admin import GERMAN
from test_api import Spec

D000, D001, D002 = "000_1e7f0d94218035f2", "001_a1e633dddb5f6fbd", "002_9f455500eaf14fbe"
GERMAN_ID = "ausweisung"

if not translate.available():  # `make test` installs them (make dictionaries); without them these tests cannot run
    pytest.fail("the FreeDict dictionaries are not installed: run `make dictionaries`", pytrace=False)


def search(client: FlaskClient, q: str, **params: str) -> dict[str, Any]:
    """Return the API's answer for a query, every report its own hit (group=0); it must be a 200."""
    r = client.get("/api/search", query_string={"q": q, "group": "0", **params})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def ids(result: dict[str, Any]) -> list[str]:
    return [h["id"] for h in result["hits"]]


def marked(hit: dict[str, Any]) -> set[str]:
    """Return the words marked in a hit's passages, lower-cased."""
    return {m.lower() for p in hit["passages"] for m in re.findall(r"<mark>(.*?)</mark>", p["html"])}


@pytest.fixture(scope="module")
def spec(client: FlaskClient) -> Spec:
    return Spec(client.get("/api/openapi.json").get_json())


def test_dutch_query_finds_the_english_report_marked_on_its_translation(client: FlaskClient, spec: Spec) -> None:
    result = search(client, "uitgezette diplomaten")
    spec.validate(result, spec.response_schema("/api/search", 200))
    assert {D000, D001} <= set(ids(result))
    assert "expel" in result["translations"]["uitgezette"]["en"]
    english = next(h for h in result["hits"] if h["id"] == D001)
    assert "expelled" in marked(english)  # the passage marks the word found through the translation
    assert ids(result)[-1] == D001  # the English report matches through translations only: it ranks below the Dutch


def test_english_query_finds_the_dutch_report(client: FlaskClient, spec: Spec) -> None:
    result = search(client, "expelled diplomats")
    spec.validate(result, spec.response_schema("/api/search", 200))
    assert {D000, D001} <= set(ids(result))
    assert ids(result)[0] == D001  # the document with the words as typed first
    assert result["translations"]["diplomats"]["nl"]


def test_words_as_typed_rank_before_translated_matches(client: FlaskClient, spec: Spec) -> None:
    # 001 has "diplomats" as typed; the Dutch reports only through the translation "diplomaat".
    result = search(client, "expelled diplomats")
    spec.validate(result, spec.response_schema("/api/search", 200))
    assert ids(result)[:3] == [D001, D002, D000]
    assert [h["translated"] for h in result["hits"][:3]] == [False, True, True]
    # The other way round: every Dutch report with the word (one scores far below 001's translated match)
    # comes before the English one.
    dutch = search(client, "diplomaten")
    assert ids(dutch)[-1] == D001 and len(ids(dutch)) >= 4
    assert [h["translated"] for h in dutch["hits"]] == [False] * (len(dutch["hits"]) - 1) + [True]
    assert ids(search(client, "Diplomat"))[0] == D001  # a German word, English as typed: 001 before the Dutch
    assert all("translated" not in h for h in search(client, "diplomaten", translate="0")["hits"])


def test_a_translated_report_with_most_of_the_words_is_found(client: FlaskClient) -> None:
    # 000 (nl) has the translations of "expelled" and "diplomats" only, not of "accredited" or "invasion";
    # 001 has every word as typed. Relaxing is decided on the words as typed and applies to translations too.
    result = search(client, "expelled accredited diplomats invasion")
    assert ids(result)[0] == D001 and D000 in ids(result) and result["match"] == "most"
    assert next(h for h in result["hits"] if h["id"] == D000)["translated"] is True
    assert ids(search(client, "expelled accredited diplomats invasion", translate="0")) == [D001]
    assert D002 in ids(result)  # through "diplomaat" alone, to fill the page
    # A negation is never relaxed, in the translated tiers either: 002, 003 and 004 mention NAVO.
    assert ids(search(client, "expelled accredited diplomats invasion -NAVO")) == [D001, D000]


def test_diplomats_finds_both_reports_of_the_expulsion_and_groups_them(client: FlaskClient) -> None:
    assert {D000, D001} <= set(ids(search(client, "diplomats")))
    grouped = client.get("/api/search", query_string={"q": "diplomats"}).get_json()  # same-story grouping on
    first = grouped["hits"][0]
    assert first["id"] == D001 and D000 in {s["id"] for s in first.get("same_story", [])}


def test_document_page_marks_the_translated_words(client: FlaskClient) -> None:
    doc = client.get(f"/api/documents/{D001}", query_string={"q": "uitgezette diplomaten"}).get_json()
    words = {m.lower() for p in doc["paragraphs"] for m in re.findall(r"<mark>(.*?)</mark>", p["html"])}
    assert {"expelled", "diplomats"} <= words
    page = client.get(f"/documents/{D001}", query_string={"q": "uitgezette diplomaten"}).get_data(as_text=True)
    assert "<mark>expelled</mark>" in page and "<mark>diplomats</mark>" in page


def test_translate_0_carries_to_the_document_page(client: FlaskClient) -> None:
    # Searched with translations off, the result links keep translate=0 and the document marks no translation.
    results = client.get("/search", query_string={"q": "uitgezette diplomaten", "translate": "0"}).get_data(as_text=True)
    assert "translate=0" in results and "found through a translation" not in results
    with_xl = client.get("/search", query_string={"q": "uitgezette diplomaten", "group": "0"}).get_data(as_text=True)
    assert "found through a translation" in with_xl  # 001 (en) matched through expelled/diplomats (unfolded)
    doc = client.get(f"/api/documents/{D001}", query_string={"q": "uitgezette diplomaten", "translate": "0"}).get_json()
    assert not any("<mark>" in p["html"] for p in doc["paragraphs"])
    page = client.get(f"/documents/{D001}", query_string={"q": "uitgezette diplomaten", "translate": "0"})
    assert "<mark>" not in page.get_data(as_text=True)
    bad = client.get(f"/api/documents/{D001}", query_string={"q": "x", "translate": "maybe"})
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_query"


def test_translation_tiers_keep_whoosh_scores(seed_index: Path) -> None:
    # Tiers order the hits; each hit's score is still Whoosh's own for the whole (translated) query.
    from searchsvc import query, rank

    ix, _ = index_mod.open_index(seed_index)
    try:
        with ix.searcher() as s:
            text = "expelled accredited diplomats invasion"
            q, used = query.add_translations(query.parse_query(text, s.schema), text, s.reader(), s.schema)
            assert used
            q = query.expand(q, s.reader())
            whoosh = rank.scores(s, q)
            found = rank.match(s, q, graded=True, need=10)
            mine = dict(zip(found.ids.tolist(), found.scores.tolist()))
            whoosh_or = {h.docnum: h.score for h in s.search(wq.Or(q.subqueries), limit=None)}
    finally:
        ix.close()
    assert found.mode == "most" and found.translated is not None and found.translated.any()
    assert len(mine) > len(whoosh)  # "most words" found more than every word
    for docnum, score in mine.items():
        assert score == pytest.approx(whoosh_or[docnum])  # the clauses' summed scores, as Whoosh sums an Or


def test_translate_0_searches_the_words_as_typed(client: FlaskClient) -> None:
    result = search(client, "uitgezette diplomaten", translate="0")
    assert D001 not in ids(result) and D000 in ids(result)
    assert result["translations"] == {}
    assert ids(search(client, "expelled diplomats", translate="0")) == [D001]


@pytest.mark.parametrize("value", ["2", "yes", "true", "on"])
def test_translate_takes_only_0_or_1(client: FlaskClient, spec: Spec, value: str) -> None:
    r = client.get("/api/search", query_string={"q": "diplomaten", "translate": value})
    assert r.status_code == 400
    spec.validate(r.get_json(), spec.response_schema("/api/search", 400))
    assert "use 1" in r.get_json()["error"]["message"] and "or 0" in r.get_json()["error"]["message"]


def test_negated_and_prefixed_words_are_not_translated(client: FlaskClient) -> None:
    assert "uitgezette" not in search(client, "diplomaten -uitgezette")["translations"]
    assert search(client, "uitgezet* diplomaten")["translations"].keys() == {"diplomaten"}


def test_openapi_describes_the_parameter_and_the_field(spec: Spec) -> None:
    params = {p["name"]: p for p in spec.spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["translate"]["schema"]["enum"] == ["0", "1"]
    assert "translations" in spec.spec["components"]["schemas"]["SearchResponse"]["required"]
    with pytest.raises(AssertionError):  # the field's shape is checked, not just its presence
        spec.validate({"uitgezette": {"en": "expel"}}, "SearchResponse")


def test_page_lists_the_translations_and_offers_to_switch_them_off(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "uitgezette diplomaten"}).get_data(as_text=True)
    line = re.search(r'<p class="translations">(.*?)</p>', page, re.S)
    assert line and "Also searched for: " in line.group(1) and "expel" in line.group(1) and "(en)" in line.group(1)
    assert "translate=0" in line.group(1)  # a plain link switches it off, no JavaScript needed
    box = re.search(r'<input type="checkbox" name="translate" value="0"([^>]*)>', page)
    assert box and "checked" not in box.group(1)
    assert D001 in page


def test_page_checkbox_ticked_searches_without_translations(client: FlaskClient) -> None:
    # What the form sends when the box is ticked: translate=0 beside q.
    page = client.get("/search", query_string={"q": "uitgezette diplomaten", "translate": "0"}).get_data(as_text=True)
    box = re.search(r'<input type="checkbox" name="translate" value="0"([^>]*)>', page)
    assert box and "checked" in box.group(1)
    assert "Also searched for" not in page and "Translations are off" in page
    assert D001 not in page and D000 in page


def test_healthz_reports_the_dictionaries(client: FlaskClient, spec: Spec) -> None:
    body = client.get("/healthz").get_json()
    spec.validate(body, spec.response_schema("/healthz", 200))
    assert body["translation"]["available"] is True and "nl-en" in body["translation"]["pairs"]


def test_cli_translate_switch(seed_index: Path) -> None:
    runner = CliRunner()
    on = runner.invoke(cli_main, ["search", "uitgezette diplomaten", "--index", str(seed_index)])
    off = runner.invoke(cli_main, ["search", "uitgezette diplomaten", "--no-translate", "--index", str(seed_index)])
    assert on.exit_code == 0 and off.exit_code == 0, (on.output, off.output)
    assert "also searched for: " in on.output and "(en)" in on.output and D001 in on.output
    assert "also searched for" not in off.output and D001 not in off.output


@pytest.fixture(scope="module")
def german_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """Return a client over the seeds plus the German report from the admin tests (a private copy)."""
    import shutil

    from conftest import SEEDS

    root = tmp_path_factory.mktemp("xlang-de")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / f"{GERMAN_ID}.txt").write_text(GERMAN, encoding="utf-8")
    index_mod.build(seeds, root / "index", full=True)
    app = create_app({"index_dir": str(root / "index"), "seeds_dir": str(seeds)})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


def test_german_word_finds_the_dutch_seeds_and_the_german_report(german_client: FlaskClient) -> None:
    result = search(german_client, "Diplomat")
    found = ids(result)
    assert GERMAN_ID in found and D000 in found and D002 in found
    assert "diplomaat" in result["translations"]["Diplomat"]["nl"]
    assert search(german_client, "Diplomat", translate="0")["translations"] == {}
    assert D000 not in ids(search(german_client, "Diplomat", translate="0"))


def test_dutch_query_finds_the_german_report(german_client: FlaskClient) -> None:
    result = search(german_client, "uitgezette diplomaten")
    assert GERMAN_ID in ids(result) and result["translations"]["uitgezette"].get("de")
    german = next(h for h in result["hits"] if h["id"] == GERMAN_ID)
    assert "ausgewiesen" in marked(german)


def test_language_filter_limits_the_target_languages(german_client: FlaskClient) -> None:
    result = search(german_client, "uitgezette diplomaten", lang="en")
    assert set(result["translations"]["uitgezette"]) == {"en"}


def test_feature_off_without_dictionaries(seed_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-dictionaries"
    empty.mkdir()
    monkeypatch.setenv("SEARCHSVC_DICT_DIR", str(empty))
    app = create_app({"index_dir": str(seed_index)})
    try:
        client = app.test_client()
        result = search(client, "uitgezette diplomaten")
        assert result["translations"] == {} and D001 not in ids(result)
        health = client.get("/healthz").get_json()["translation"]
        assert health == {"available": False, "dict_dir": str(empty.resolve()), "pairs": []}
        off = "Cross-language search is off: the FreeDict dictionaries are not installed"
        page = client.get("/search", query_string={"q": "uitgezette diplomaten"}).get_data(as_text=True)
        assert off in page and 'name="translate"' not in page
        assert off in client.get("/").get_data(as_text=True)
    finally:
        app.extensions["searchsvc_index"].close()


def test_translation_frequencies_are_the_readers_and_remembered_per_build(seed_index: Path) -> None:
    """Each candidate's document count is the open build's own, looked up once; the same query comes out again."""
    from searchsvc import query, whooshfast
    from searchsvc.schema import body_field

    ix, _ = index_mod.open_index(seed_index)
    try:
        with ix.searcher() as s:
            text = "uitgezette diplomaten spionage"
            first = query.add_translations(query.parse_query(text, s.schema), text, s.reader(), s.schema)
            memo = query._FREQUENCIES[s.reader()]
            assert memo and any(memo.values())
            for (lang, word), n in memo.items():
                toks = [t.text for t in s.schema[body_field(lang)].analyzer(word, mode="query")]
                assert n == min((s.reader().doc_frequency(body_field(lang), t) for t in toks), default=0)
            before = whooshfast.FAST_LOOKUPS
            again = query.add_translations(query.parse_query(text, s.schema), text, s.reader(), s.schema)
            assert whooshfast.FAST_LOOKUPS == before  # every count came from the memo
            assert repr(again) == repr(first)
    finally:
        ix.close()
