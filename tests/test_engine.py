"""The engine's query semantics and limits through the real Flask app: graded matching, exact forms first,
expansion limits (400 too_costly) and the search deadline (503 timeout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from searchsvc import index as index_mod
from searchsvc import query
from searchsvc.web import create_app

from test_search import D000, D001, D004, api, ids


@pytest.mark.parametrize(
    "q, first",
    [
        ("hoeveel russische diplomaten zijn er nog in nederland", D000),
        ("which diplomats were expelled by Belgium", D001),
        ("Hoeveel Russische diplomaten zijn uitgezet?", D000),
    ],
)
def test_questions_find_the_document_that_answers_them(client: FlaskClient, q: str, first: str) -> None:
    r = api(client, q=q)
    assert ids(r)[:1] == [first], (q, ids(r))
    assert r["match"] in ("all", "most")


def test_common_words_never_make_a_document_fail(client: FlaskClient) -> None:
    # 'which', 'were' and 'by' are English stopwords: 001 lacks none of the other words, so it matches all.
    r = api(client, q="which diplomats were expelled by Belgium")
    assert r["match"] == "all" and ids(r) == [D001]
    # ... but they still count where they match: the same words without them score lower.
    plain = api(client, q="diplomats expelled Belgium")
    assert r["hits"][0]["score"] > plain["hits"][0]["score"]


def test_phrases_negations_and_explicit_and_keep_their_meaning(client: FlaskClient) -> None:
    phrase = api(client, q='"persona non grata" spionnen nederland')
    assert phrase["total"] >= 1
    strict = api(client, q='"persona non grata"')
    assert set(ids(phrase)) <= set(ids(strict))  # relaxing never drops the phrase
    negated = api(client, q="russische diplomaten spionnen -nederland")
    assert not {D000, D004} & set(ids(negated))  # both say 'Nederland'
    assert api(client, q="russische AND diplomaten AND spionnen AND belgium")["total"] == 0


def test_most_mode_is_said_on_the_results_page(client: FlaskClient) -> None:
    page = client.get("/search", query_string={"q": "hoeveel russische diplomaten zijn er nog in nederland"})
    assert page.status_code == 200
    assert "No document has all your words; showing those with most of them" in page.get_data(as_text=True)
    page = client.get("/search", query_string={"q": "diplomaten"})
    assert "showing those with most of them" not in page.get_data(as_text=True)


@pytest.fixture(scope="module")
def forms_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Return a client over two Dutch documents that differ only in the form of one word."""
    root = tmp_path_factory.mktemp("forms")
    seeds = root / "seeds"
    seeds.mkdir()
    body = "De {w} van het ministerie vertrokken gisteren met de trein uit Den Haag naar Brussel en Berlijn.\n"
    (seeds / "a.txt").write_text(body.format(w="diplomaten"), encoding="utf-8")
    (seeds / "b.txt").write_text(body.format(w="diplomaat"), encoding="utf-8")
    index_mod.build(seeds, root / "ix", full=True)
    app = create_app({"index_dir": str(root / "ix")})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


@pytest.mark.parametrize("q, first", [("diplomaten", "a"), ("diplomaat", "b")])
def test_the_typed_form_ranks_above_stem_only_matches(forms_client: FlaskClient, q: str, first: str) -> None:
    r = api(forms_client, q=q)
    assert [h["id"] for h in r["hits"]][0] == first and r["total"] == 2
    assert r["hits"][0]["score"] > r["hits"][1]["score"]


HOSTILE = [
    " OR ".join(f"*q{c}*" for c in "abcdefghijklmnopqrstuvwxyz" * 3)[:612],
    "*iplomaten",
    "d?plomaten",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_leading_and_infix_wildcards_are_refused_with_a_clear_message(client: FlaskClient, q: str) -> None:
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "too_costly" and "make the wildcards longer" in error["message"]
    assert client.get("/search", query_string={"q": q}).status_code == 400


def test_expansion_limits_per_term_and_per_query(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    assert client.get("/api/search", query_string={"q": "d*"}).status_code == 200
    monkeypatch.setattr(query, "MAX_TERM_EXPANSION", 5)
    r = client.get("/api/search", query_string={"q": "d*"})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "too_costly"
    monkeypatch.setattr(query, "MAX_TERM_EXPANSION", 1000)
    monkeypatch.setattr(query, "MAX_QUERY_EXPANSION", 40)
    prefixes = " ".join(f"{p}*" for p in ("di", "de", "un", "vo", "be", "ge", "in", "ru", "na", "ve"))
    r = client.get("/api/search", query_string={"q": prefixes.replace(" ", " OR ")})
    assert r.status_code == 400 and "too many words" in r.get_json()["error"]["message"]


def test_a_search_past_its_deadline_answers_503_timeout(seed_index: Path) -> None:
    app = create_app({"index_dir": str(seed_index), "search_timeout": "0.000001"})
    c = app.test_client()
    r = c.get("/api/search", query_string={"q": "diplomaten"})
    assert r.status_code == 503
    assert r.get_json()["error"]["code"] == "timeout"
    page = c.get("/search", query_string={"q": "diplomaten"})
    assert page.status_code == 503 and "text/html" in page.content_type
    ok = create_app({"index_dir": str(seed_index)}).test_client()
    assert ok.get("/api/search", query_string={"q": "diplomaten"}).status_code == 200
    # Similar documents are a search too: the API answers 503 timeout, the document page shows without the list.
    doc_id = ok.get("/api/search", query_string={"q": "diplomaten"}).get_json()["hits"][0]["id"]
    r = c.get(f"/api/documents/{doc_id}/similar")
    assert (r.status_code, r.get_json()["error"]["code"]) == (503, "timeout")
    page = c.get(f"/documents/{doc_id}")
    assert page.status_code == 200 and "finding them took longer" in page.get_data(as_text=True)
    assert "Similar documents" in ok.get(f"/documents/{doc_id}").get_data(as_text=True)
    app.extensions["searchsvc_index"].close()


@pytest.mark.parametrize("q", ["-0~00", "diplomaten -diplomatne~", "diplomaten ANDNOT russ*", "diplomaten ANDMAYBE russ*", "lang:n*"])
def test_negated_and_paired_expansions_are_expanded(client: FlaskClient, q: str) -> None:
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code in (200, 400), (q, r.get_data(as_text=True)[:300])


def test_deadline_and_cost_limits_through_real_gunicorn(seed_index: Path, tmp_path: Path) -> None:
    """Through `searchsvc serve` (2 workers): past the deadline a 503 timeout, an over-costly query a 400,
    and no worker is killed or restarted."""
    import json
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.parse
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, SEARCHSVC_INDEX_DIR=str(seed_index), SEARCHSVC_SEEDS_DIR=str(tmp_path), SEARCHSVC_ADMIN_TOKEN="",
               SEARCHSVC_SEARCH_TIMEOUT="0.000001")
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "searchsvc"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def get(q: str) -> tuple[int, dict[str, Any]]:
        url = f"http://127.0.0.1:{port}/api/search?" + urllib.parse.urlencode({"q": q})
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read())

    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
        for _ in range(6):
            status, body = get("diplomaten")
            assert (status, body["error"]["code"]) == (503, "timeout")
            status, body = get(" OR ".join(f"*q{c}*" for c in "abcdefghij"))
            assert (status, body["error"]["code"]) == (400, "too_costly")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert "WORKER TIMEOUT" not in text and text.count("Booting worker") == 2, text[-2000:]


# --- plain words without the parser's tokenizer and plugins (query._plain_words) ------------------------


def _plain_queries() -> list[str]:
    """Return queries people type, as parse_query sees them: the benchmark's, and 1-6 words of real nl/en/de text."""
    import json
    import os

    repo = Path(__file__).resolve().parent.parent
    shared = Path(os.environ.get("SEARCHSVC_SHARED") or repo.parent / "shared")
    bench = json.loads((repo / "bench" / "queries.json").read_text(encoding="utf-8"))
    texts = [q["q"] for q in bench["load"][:3000] + bench["set"]]
    for lang in ("nl", "en", "de"):
        lines = (shared / "quality" / "langid" / f"{lang}.sentences.txt").read_text(encoding="utf-8").splitlines()[:300]
        texts += [" ".join(line.split()[:k]) for line in lines for k in (1, 2, 3, 6)]
    texts += ["wer wer", "Wer wer", "the", "the the", "de het een", "scenario s", "2018 2019 2018", "Ärger ärger"]
    return [t for t in (query._sanitise(query.clean_query(t)) for t in texts) if t]


def test_plain_words_are_parsed_as_the_parser_parses_them() -> None:
    """Plain words skip the parser's tokenizer and plugins: the query is the one the parser makes, every field,
    boost and group the same (stopwords dropping fields, a word typed twice, words some field splits)."""
    from searchsvc.schema import make_schema

    schema = make_schema()
    fast = 0
    for text in _plain_queries():
        got = query._plain_words(text, schema)
        if got is None:
            continue
        fast += 1
        want = query.make_parser(schema).parse(text)
        assert got == want and repr(got) == repr(want), text
    assert fast > 5000  # most of them are plain words
    for text in ('"persona non grata"', "diplomat*", "diplomaten~", "title:spionage", "spionage OR spionnage",
                 "-Rusland diplomaten", "Noord-Afrika", "scenario's", "(spionage)", "persona AND grata"):
        assert query._plain_words(text, schema) is None, text  # anything else goes through the parser


def test_query_word_analyses_are_remembered_and_forgotten_with_the_word_lists() -> None:
    """query_tokens gives what the field's analyzer gives, remembered per schema; loading the word lists
    (which decide stems and verb forms) empties the memo."""
    from searchsvc import lexicon
    from searchsvc.schema import make_schema, schema_memo

    schema = make_schema()
    for word in ("uitgezette", "Diplomaten", "wurden", "the", "ausgewiesen", "2018"):
        for name in query.SEARCH_FIELDS:
            want = tuple(t.text for t in schema[name].analyzer(word, mode="query"))
            assert query.query_tokens(schema, name, word) == want == query.query_tokens(schema, name, word)
    assert schema_memo(schema)["query_tokens"]
    lexicon.load()
    assert not schema_memo(schema).get("query_tokens")
