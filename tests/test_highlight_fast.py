"""find_spans through FastAnalysis marks exactly what the Whoosh analyzer chain would, on real nl/en/de text."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from searchsvc import highlight, langid
from searchsvc.highlight import Span, Terms, find_spans, paragraph_spans
from searchsvc.schema import BODY_FIELDS, body_field, make_schema

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SEARCHSVC_SHARED") or REPO.parent / "shared")  # as bench/corpus.py finds it
LANGS = ("nl", "en", "de")


def real_texts(lang: str) -> list[str]:
    """Return real paragraphs of a language: the UDHR (preamble, 30 articles) and 300 Leipzig sentences in fours."""
    udhr = SHARED / "quality" / "parallel" / "udhr-nl-en-de.jsonl"
    texts = [d["text"] for line in udhr.read_text(encoding="utf-8").splitlines() if (d := json.loads(line))["lang"] == lang]
    lines = (SHARED / "quality" / "langid" / f"{lang}.sentences.txt").read_text(encoding="utf-8").splitlines()[:300]
    texts += [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    assert len(texts) > 100
    return texts


def chain_keys(analyzer: Any, word: str) -> tuple[str, ...]:
    """Return a word's distinct index keys as the field's Whoosh chain makes them."""
    return tuple(dict.fromkeys(t.text for t in analyzer(word, mode="index")))


def chain_spans(text: str, lang: str, terms: Terms, schema: Any) -> list[Span]:
    """Return the spans find_spans gave when it ran the Whoosh chain on every word (the reference)."""
    spans: dict[tuple[int, int], Span] = {}
    for fieldname in (body_field(lang), "exact"):
        wanted = terms.get(fieldname) or set()
        words = []
        for m in highlight._TOKEN.finditer(text):
            keys = chain_keys(schema[fieldname].analyzer, m.group())
            if not keys:
                continue
            words.append((m.start(), m.end(), keys))
            key = next((k for k in keys if k in wanted), None)
            if key is not None:
                spans.setdefault((m.start(), m.end()), Span(m.start(), m.end(), key))
        for name, phrase in terms.phrases:
            if name != fieldname:
                continue
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if all(phrase[k] in words[i + k][2] for k in range(n)):
                    for k in range(n):
                        spans.setdefault((words[i + k][0], words[i + k][1]), Span(words[i + k][0], words[i + k][1], phrase[k]))
    return sorted(spans.values(), key=lambda s: s.start)


def query_terms(text: str, lang: str, schema: Any, step: int) -> Terms:
    """Return terms a query could have for a text: every step-th word's keys (a compound's part among them), a phrase."""
    terms = Terms()
    body = body_field(lang)
    words = highlight._TOKEN.findall(text)
    for i, word in enumerate(words[::step]):
        keys = chain_keys(schema[body].analyzer, word)
        if keys:
            terms.setdefault(body, set()).add(keys[-1])  # the last key: a compound's part when it has parts
        if i % 3 == 0:
            terms.setdefault("exact", set()).update(chain_keys(schema["exact"].analyzer, word))
    kept = [k for w in words[len(words) // 2 :] if (k := chain_keys(schema[body].analyzer, w))][:2]
    if len(kept) == 2:
        terms.phrases.append((body, (kept[0][0], kept[1][0])))
    return terms


@pytest.mark.parametrize("lang", LANGS)
def test_fast_spans_are_the_whoosh_chains_spans_on_real_text(lang: str) -> None:
    schema = make_schema()
    before = highlight.CHAIN_WORDS
    marked = 0
    for n, text in enumerate(real_texts(lang)):
        terms = query_terms(text, lang, schema, step=5 + n % 4)
        spans = find_spans(text, lang, terms, schema)
        assert spans == chain_spans(text, lang, terms, schema), text
        marked += len(spans)
    assert marked > 500  # the texts had words and phrases to mark
    assert highlight.CHAIN_WORDS == before  # every word went through FastAnalysis


@pytest.mark.parametrize("mixed", [True, False], ids=["languages mixed", "one language"])
def test_a_documents_paragraphs_get_each_paragraphs_own_spans(mixed: bool) -> None:
    # passages() looks a document's words up once for all its paragraphs: each paragraph must still get exactly
    # the spans of its own language's chain, phrases only inside it, and none from its neighbours' words.
    # A document of one language is read as one text (highlight._spans_whole), a mixed one paragraph by paragraph.
    schema = make_schema()
    texts = {lang: real_texts(lang) for lang in LANGS}
    marked = empty = across = 0
    for n in range(40):
        langs = [LANGS[(n + k) % 3] if mixed else LANGS[n % 3] for k in range(6)]
        parts = [(lang, texts[lang][(7 * n + k) % 100]) for k, lang in enumerate(langs)]
        if mixed:
            parts.append(("fr", "Le Conseil de sécurité des Nations unies"))  # no analyzer of its own: body_xx
        text, paras = "", []
        for lang, para in parts:
            start = len(text) + 2
            text += "\n\n" + para
            paras.append([start, len(text), lang, 0.99])
        terms = query_terms(parts[n % 3][1], parts[n % 3][0], schema, step=3 + n % 5)
        more = query_terms(parts[3 + n % 3][1], parts[3 + n % 3][0], schema, step=6)
        for fieldname, keys in more.items():
            terms.setdefault(fieldname, set()).update(keys)
        terms.phrases += more.phrases
        # A phrase of one paragraph's last word and the next one's first: never marked (no phrase crosses them).
        body = body_field(langid.analysis_language(parts[2][0]))
        last = [k for w in highlight._TOKEN.findall(parts[2][1]) if (k := chain_keys(schema[body].analyzer, w))]
        first = [k for w in highlight._TOKEN.findall(parts[3][1]) if (k := chain_keys(schema[body].analyzer, w))]
        if last and first and parts[3][0] == parts[2][0]:
            terms.phrases.append((body, (last[-1][0], first[0][0])))
            across += 1
        got = paragraph_spans(text, paras, terms, schema)
        for (start, end, lang, _prob), spans in zip(paras, got):
            assert spans == chain_spans(text[start:end], langid.analysis_language(lang), terms, schema), text[start:end]
            marked += len(spans)
            empty += not spans
    assert marked > 300 and empty > (20 if mixed else 3)  # both kinds of paragraph were met
    assert mixed or across > 35  # a mixed document's neighbours differ in language: no such phrase


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_gets_the_chains_keys(lang: str) -> None:
    schema = make_schema()
    words = {w for text in real_texts(lang) for w in highlight._TOKEN.findall(text)}
    for fieldname in (body_field(lang), "exact"):
        keys = highlight.word_keys(schema, fieldname)
        analyzer = schema[fieldname].analyzer
        differ = [w for w in sorted(words) if keys.keys(w) != chain_keys(analyzer, w)]
        assert not differ
    # some words of these texts have more than one key (compound parts, participles), and stopwords none
    stemmed = highlight.word_keys(schema, body_field(lang))
    assert any(not stemmed.keys(w) for w in words)
    if lang != "en":
        assert any(len(stemmed.keys(w)) > 1 for w in words)


def test_body_and_exact_fields_do_not_fall_back_to_the_whoosh_chain() -> None:
    schema = make_schema()
    for fieldname in [*BODY_FIELDS, "exact"]:
        assert highlight.word_keys(schema, fieldname).fast is not None, fieldname
    before = highlight.CHAIN_WORDS
    terms = Terms()
    for lang in ("nl", "en", "de", "xx"):
        terms[body_field(lang)] = {"zzz"}
    terms["exact"] = {"zzz"}
    for lang in ("nl", "en", "de", "xx"):
        find_spans("Ein völlig neues Wort: Kraftfahrzeugsteuerbescheide und motorrijtuigenbelastingen", lang, terms, schema)
    assert highlight.CHAIN_WORDS == before


def test_equal_chains_share_one_memo() -> None:
    schema = make_schema()
    # body_xx and exact have the same chain (words, lowercase, fold): one memo; the stemmed ones their own
    assert highlight.word_keys(schema, "body_xx").memo is highlight.word_keys(schema, "exact").memo
    assert highlight.word_keys(schema, "body_nl").memo is not highlight.word_keys(schema, "body_de").memo


def test_memos_stay_within_the_budget_and_spans_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = make_schema()
    highlight.clear_memos()
    monkeypatch.setattr(highlight, "MEMO_WORDS", 200)
    biggest = 0
    for n, text in enumerate(real_texts("de")[:60]):
        terms = query_terms(text, "de", schema, step=4)
        assert find_spans(text, "de", terms, schema) == chain_spans(text, "de", terms, schema)
        memos = {id(m): len(m) for m in (highlight.word_keys(schema, f).memo for f in (body_field("de"), "exact"))}
        biggest = max(biggest, sum(memos.values()))
    assert 0 < biggest <= 200


TOKEN_CHARS = ["a", "b", "ab", "é", "e\u0301", "ß", "İ", "Ⅻ", "²", "٣", "7", "_", ".", "..", " ", "-", "'", "’", "\n",
               "中", "ﬁ", "\u200b", "U.S", ".a", "a."]


def test_token_spans_are_the_patterns_tokens() -> None:
    """_token_spans finds a word's tokens where _TOKEN.finditer does, within any bounds, on text made to be tricky:
    dotted tokens, underscores, accents as combining marks, digits of other scripts, words inside other words."""
    import random

    rng = random.Random(27)
    texts = [real_texts(lang)[n] for lang in LANGS for n in (0, 5, 50)]
    texts += ["".join(rng.choice(TOKEN_CHARS) for _ in range(rng.randint(1, 60))) for _ in range(3000)]
    checked = 0
    for text in texts:
        for start, end in [(0, len(text)), *((a, rng.randint(a, len(text))) for a in [rng.randint(0, len(text))])]:
            found = [m for m in highlight._TOKEN.finditer(text, start, end)]
            for word in {m.group() for m in found}:
                expected = [m.span() for m in found if m.group() == word]
                assert highlight._token_spans(text, start, end, word) == expected, (text, start, end, word)
                checked += 1
    assert checked > 5000


def test_a_documents_passages_do_not_follow_the_hash_seed(tmp_path: Path) -> None:
    """Two paragraphs with the same query words score the same: the first one comes first in every process.

    A paragraph's score adds its words' IDFs; added in a set's order, which follows the process's hash seed
    (and the order the set was filled in), the two sums could differ in their last bit, and which paragraph
    came first depended on the worker that answered.
    """
    import subprocess
    import sys

    from searchsvc import index as index_mod

    words = ("diplomaten spionage ambassade inmenging sancties verdrag ministerie kabinet parlement "
             "veiligheid inlichtingen uitwijzing").split()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first, second = " ".join(words), " ".join(reversed(words))
    (seeds / "doc.txt").write_text(f"{first}.\n\n{second}.\n", encoding="utf-8")
    for n in range(8):  # other documents, so the words' IDFs differ from each other
        (seeds / f"other{n}.txt").write_text(" ".join(words[: n + 2]) + " en nog meer tekst.\n", encoding="utf-8")
    index_mod.build(seeds, tmp_path / "ix", full=True, procs=1)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from searchsvc import index, search\n"
        "ix, _ = index.open_index(Path(sys.argv[1]))\n"
        "with ix.searcher() as s:\n"
        "    r = search.search(s, search.parse_request({'q': sys.argv[2], 'translate': '0', 'group': '0'}))\n"
        "    hit = next(h for h in r['hits'] if h['id'].startswith('doc'))\n"
        "    print([p['paragraph'] for p in hit['passages']])\n"
    )
    query = " OR ".join(words)
    seen = set()
    for seed in range(8):
        out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ix"), query], capture_output=True,
                             text=True, check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)})
        seen.add(out.stdout.strip())
    assert seen == {"[1, 2]"}, seen


def test_passages_from_stored_word_keys_are_the_passages_of_the_analysed_words(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A hit's passages read from its stored word keys (no word analysed) are those of analysing its words.

    A real index of real nl/en/de paragraphs, documents of one language and of mixed ones, searched for words,
    phrases, prefixes and alternatives taken from the documents, with and without translations; the document
    view as well. The stored keys must be read for every hit: analysing a word then fails the test.
    """
    import shutil

    from searchsvc import index as index_mod
    from searchsvc import search

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in (REPO / "seeds").iterdir():
        shutil.copy(path, seeds / path.name)
    texts = {lang: real_texts(lang) for lang in LANGS}
    words: list[str] = []
    pairs: list[str] = []
    for n in range(36):
        mixed = n % 3 == 0
        paras = [texts[LANGS[(n + k) % 3] if mixed else LANGS[n % 3]][(5 * n + k) % 100] for k in range(5)]
        (seeds / f"doc{n:02d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        tokens = highlight._TOKEN.findall(paras[n % 5])
        words += [w for w in tokens if len(w) > 4][:: 7]
        pairs += [f'"{a} {b}"' for a, b in zip(tokens[::9], tokens[1::9])]  # phrases the document has
    index_mod.build(seeds, tmp_path / "ix", full=True, procs=1)
    queries = ["persona non grata", '"persona non grata"', "uitgezette diplomaten", "spion*", "Russian diplomats expelled"]
    for i in range(0, len(words) - 3, 3):
        a, b, c = words[i : i + 3]
        queries += [a, f"{a} {b}", f'"{a} {b}"', f"{c[:4]}*", f"{a} OR {c}"]
    queries += pairs + [f"{pair} {word}" for pair, word in zip(pairs, words)]
    ix, _ = index_mod.open_index(tmp_path / "ix")
    runs = []
    with ix.searcher() as s:
        for keyed in (True, False):
            with monkeypatch.context() as m:
                if keyed:  # the stored keys answer every word: none is analysed
                    m.setattr(highlight._WordKeys, "learn", lambda *a: pytest.fail("a word was analysed"))
                    before = highlight.KEYED_DOCS
                else:
                    m.setattr(highlight, "WORD_KEYS", "no such field")
                    m.setattr(search, "WORD_KEYS", "no such field")
                    highlight.clear_memos()
                pages, documents = [], []
                for q in queries:
                    for translate in ("0", "1"):
                        found = search.search(s, search.parse_request({"q": q, "translate": translate, "per_page": "50"}))
                        pages.append([(h["id"], h["passages"]) for h in found["hits"]])
                        for hit in found["hits"][:2]:
                            documents.append(search.get_document(s, hit["id"], q, translate=translate == "1")["paragraphs"])
                if keyed:
                    read = highlight.KEYED_DOCS - before
            runs.append((pages, documents))
    assert runs[0] == runs[1]
    pages, documents = runs[0]
    hits = sum(len(page) for page in pages)
    marked = sum("<mark>" in p["html"] for page in pages for _id, passages in page for p in passages)
    marked_paragraphs = sum("<mark>" in p["html"] for paragraphs in documents for p in paragraphs)
    assert len(queries) > 150 and hits > 1000 and marked > 500 and marked_paragraphs > 500
    assert read >= hits + len(documents)
