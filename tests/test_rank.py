"""The array engine gives Whoosh's own scores, across segments and after deletions, for every query type."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from searchsvc import index as index_mod
from searchsvc import docsets, parallel, postingarrays, query, rank, search, whooshfast

from test_parallel import make_seeds

# Every kind of query the parser produces: words, phrases, prefixes, wildcards, fuzzy words, OR, AND, NOT,
# -word, +word, ANDNOT, ANDMAYBE, groups, field aliases and schema fields.
QUERIES = [
    "diplomaten", "Diplomaten", "persona non grata", '"persona non grata"', "spionage OR espionage", "artikel*",
    "minister -justitie", "gemeente NOT vergunning", "title:diplomaten", "title:Gesetz OR minister", "body:Bundesregierung", "diplomatne~",
    "expel", "inlichtingendiensten", "Rusland Russische diplomaten", '"die Bundesregierung"', "wet",
    "minister AND justitie", "gemeente ANDNOT vergunning", "minister ANDMAYBE justitie", "+minister wet",
    "(minister OR Bundesregierung) artikel", "gem*nte", "Arti?el", "lang:nl minister", "text:gemeente",
    '"minister van justitie" -vergunning', "diplomaten~1 OR Gesetz*", "NOT vergunning minister",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of two segments (a parallel build) with one document replaced (a deletion)."""
    root = tmp_path_factory.mktemp("rank")
    seeds = make_seeds(root, 40)
    old = parallel.PARALLEL_MIN_FILES
    parallel.PARALLEL_MIN_FILES = 1
    try:
        index_mod.build(seeds, root / "ix", full=True, procs=2)
    finally:
        parallel.PARALLEL_MIN_FILES = old
    (seeds / "gen-001.txt").write_text("Die Bundesregierung wies zwei Diplomaten aus; persona non grata.\n", encoding="utf-8")
    index_mod.build(seeds, root / "ix")
    return root / "ix"


@pytest.mark.parametrize("small", [rank.SMALL_POSTINGS, -1], ids=["rare-terms-in-python", "all-as-arrays"])
@pytest.mark.parametrize("q", QUERIES)
def test_scores_equal_whoosh(index_dir: Path, q: str, small: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rank, "SMALL_POSTINGS", small)
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        assert len(s.subsearchers) >= 2 and s.reader().has_deletions()
        parsed = query.expand(query.parse_query(query.clean_query(q), s.schema), s.reader())
        whoosh = {hit.docnum: hit.score for hit in s.search(parsed, limit=None)}
        mine = rank.scores(s, parsed)
    ix.close()
    assert whoosh, f"{q!r} should match something in the test index"
    assert set(mine) == set(whoosh)
    if "*" in q or "~" in q or "?" in q:
        # Whoosh scores a long OR of expanded words differently on small indexes (it preloads them); the
        # engine always sums, as Whoosh does on indexes over 5,000 documents. The matches must agree.
        return
    for docnum, score in whoosh.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
    found = rank.Found(np.array(sorted(mine)), np.array([mine[d] for d in sorted(mine)]))
    assert rank.top(found, 10)[0].tolist() == [d for d, _ in sorted(whoosh.items(), key=lambda i: (-i[1], i[0]))[:10]]


TRANSLATED = ["gemeente vergunning", "vergunning -grata", "Genehmigung widerrufen", '"minister van justitie" wet']


@pytest.mark.parametrize("q", TRANSLATED)
def test_translated_queries_score_as_whoosh_and_strip_to_the_words_as_typed(index_dir: Path, q: str) -> None:
    """Translations score as the Or they are (across segments); rank.originals gives back the query as typed."""
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        typed = query.parse_query(query.clean_query(q), s.schema)
        translated, used = query.add_translations(typed, q, s.reader(), s.schema)
        whoosh = {hit.docnum: hit.score for hit in s.search(translated, limit=None)}
        mine = rank.scores(s, translated)
        stripped = rank.originals(translated)
        as_typed = rank.scores(s, stripped)
        typed_scores = rank.scores(s, typed)
        unchanged = rank.originals(typed)
    ix.close()
    assert used and "Translations" in _node_types(translated)  # the generated documents' other languages
    assert set(mine) == set(whoosh) and set(mine) >= set(as_typed)
    for docnum, score in whoosh.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
    assert "Translations" not in _node_types(stripped) and as_typed.keys() == typed_scores.keys()
    for docnum, score in typed_scores.items():
        assert as_typed[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
    assert unchanged is typed  # a query without translations is returned as it is, not copied


def _node_types(q: object) -> set[str]:
    out = {type(q).__name__}
    for child in q.children():  # type: ignore[attr-defined]
        out |= _node_types(child)
    return out


def test_every_query_type_takes_the_fast_path(index_dir: Path) -> None:
    """Each query type the parser produces is scored from whooshfast's arrays; nothing falls back to Whoosh."""
    ix, _ = index_mod.open_index(index_dir)
    seen: set[str] = set()
    with ix.searcher() as s:
        before = rank.cache_of(s).decoded
        for q in QUERIES:
            seen |= _node_types(query.parse_query(query.clean_query(q), s.schema))
            result = search.search(s, search.parse_request({"q": q, "passages": "1"}), timeout=600)
            assert result["total"] > 0, q
            by_date = search.search(s, search.parse_request({"q": q, "sort": "date", "lang": "nl,de,en"}), timeout=600)
            assert by_date["total"] <= result["total"]
        assert rank.cache_of(s).decoded > before
    ix.close()
    assert {"Term", "Phrase", "Prefix", "Wildcard", "FuzzyTerm", "Or", "And", "Not", "AndNot", "AndMaybe"} <= seen


def test_unknown_nodes_and_formats_raise_instead_of_falling_back(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        with pytest.raises(whooshfast.NotFast):
            rank.scores(s, wq.Every())
        with pytest.raises(whooshfast.NotFast):
            rank.scores(s, wq.DisjunctionMax([wq.Term("exact", "wet")]))
        leaf = whooshfast.leaves(s)[0][0]
        # A Whoosh upgrade that changed the postings' layout must fail loudly, not fall back to slow reading:
        # read in one piece (a rare term) ...
        with monkeypatch.context() as m:
            m.setattr(whooshfast, "WHOOSH3_HEADER_MAGIC", b"W4Bl")
            with pytest.raises(whooshfast.NotFast):
                whooshfast.postings(leaf, "exact", b"wet", lambda: None)
        # ... and walked block by block through Whoosh's matcher (a common one).
        monkeypatch.setattr(whooshfast, "_ONE_READ_BYTES", 0)
        monkeypatch.setattr(whooshfast, "W3LeafMatcher", type("Other", (), {}))
        with pytest.raises(whooshfast.NotFast):
            whooshfast.postings(leaf, "exact", b"wet", lambda: None)
    ix.close()


def test_one_term_lookup_per_segment_gives_postings_and_idf(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A term costs one term-table lookup per segment (our pread probes): no `in` check, no second lookup."""
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        cache = rank.cache_of(s)
        word = s.reader().most_frequent_terms("body_nl", 1)[0][1]
        lookups = []
        real = whooshfast._TermTable.get

        def counted(self: object, key: bytes) -> object:
            lookups.append(key)
            return real(self, key)

        monkeypatch.setattr(whooshfast._TermTable, "get", counted)
        for name in ("term_info", "__contains__", "doc_frequency"):  # Whoosh's own, slower lookups: none
            monkeypatch.setattr(whooshfast.W3TermsReader, name, lambda *a, n=name: pytest.fail(f"Whoosh's {n}"))
        ids, _factors, idf = cache.term(s, "body_nl", word, rank.NO_LIMIT)
        assert len(ids) and len(lookups) == len(whooshfast.leaves(s)) >= 2
        monkeypatch.undo()
        assert idf == s.idf("body_nl", word.decode())  # Whoosh's own idf, from the same document frequency
        assert cache.term(s, "body_nl", b"zzzgeenwoord", rank.NO_LIMIT)[0].size == 0
    ix.close()


@pytest.mark.parametrize("fixture", ["index_dir", "long_index"])  # separate segment files; compound segments
def test_fast_term_lookup_equals_whooshs_for_every_term(fixture: str, request: pytest.FixtureRequest) -> None:
    """The pread term table gives Whoosh's own term info for every term of every segment, and None where it has none."""
    from whoosh.reading import TermNotFound

    from whoosh import index as whoosh_index

    path = request.getfixturevalue(fixture)
    ix = whoosh_index.open_dir(str(path)) if fixture == "long_index" else index_mod.open_index(path)[0]
    with ix.searcher() as s:
        reader = s.reader()
        checked = 0
        for leaf, _offset in whooshfast.leaves(s):
            for fieldname, btext in list(leaf._terms.terms()):
                for probe in (btext, btext + b"\x00zz", btext[:-1]):  # present, absent, perhaps present
                    try:
                        want = leaf._terms.term_info(fieldname, probe)
                    except TermNotFound:
                        want = None
                    got = whooshfast.term_info(leaf, fieldname, probe)
                    assert (got is None) == (want is None), (fieldname, probe)
                    if want is not None:
                        assert vars(got) == vars(want), (fieldname, probe)
                    checked += 1
        assert checked > 3_000
        tables = {type(leaf._terms._tindex.dbfile.file).__name__ for leaf, _ in whooshfast.leaves(s)}
        assert tables == ({"BytesIO"} if fixture == "long_index" else {"BufferedReader"})  # both ways of reading
        for fieldname in [f for f in ("exact", "body_nl", "body_de") if f in reader.schema]:
            for _n, btext in reader.most_frequent_terms(fieldname, 50):
                assert whooshfast.doc_frequency(reader, fieldname, btext) == reader.doc_frequency(fieldname, btext)
        assert whooshfast.doc_frequency(reader, "nosuchfield", "wet") == 0
        before = whooshfast.FAST_LOOKUPS
        whooshfast.doc_frequency(reader, "exact", "wet")
        assert whooshfast.FAST_LOOKUPS - before == len(whooshfast.leaves(s))  # the fast path, once per segment
    ix.close()


def test_posting_cache_stays_within_its_budget(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rank, "POSTING_CACHE_BYTES", 2_000)
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        cache = rank.cache_of(s)
        for word in ("minister", "gemeente", "artikel", "wet", "vergunning", "justitie"):
            rank.scores(s, wq.Term("exact", word))
        assert cache._bytes <= 2_000 or len(cache._postings) == 1
        assert rank.scores(s, wq.Term("exact", "minister"))  # evicted terms are read again, same answer
    ix.close()


def test_search_module_does_not_import_the_build_machinery() -> None:
    code = (
        "import sys, searchsvc.search; "
        "bad = [m for m in ('searchsvc.index', 'searchsvc.parallel', 'searchsvc.jobs', 'searchsvc.ingest') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- word positions as arrays (phrases, proximity) -------------------------------------------------------
LONG_WORDS = ["de", "het", "wet", "lid", "eerste", "artikel", "bedoelde", "minister", "van", "gemeente", "zie"]


@pytest.fixture(scope="module")
def long_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a Whoosh index whose words span many posting blocks, in three segments, with deleted documents."""
    import random

    from whoosh import fields
    from whoosh import index as whoosh_index

    root = tmp_path_factory.mktemp("positions")
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), exact=fields.TEXT(phrase=True))
    ix = whoosh_index.create_in(str(root), schema)
    rng = random.Random(13)
    for seg in range(3):
        writer = ix.writer()
        for n in range(400):
            text = " ".join(rng.choice(LONG_WORDS) for _ in range(rng.randint(1, 3 if n % 7 == 0 else 80)))
            writer.add_document(id=f"{seg}-{n}", exact=text)
        writer.commit(merge=False)
    writer = ix.writer()
    for doc_id in ("0-5", "1-130", "1-131", "2-399"):
        writer.delete_by_term("id", doc_id)
    writer.commit(merge=False)
    ix.close()
    return root


def _open_long(root: Path) -> tuple[object, object]:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(root))
    return ix, ix.searcher()


def _whoosh_positions(leaf: object, word: str) -> dict[int, list[int]]:
    """Return a word's positions per live local document, read through Whoosh's own matcher."""
    out: dict[int, list[int]] = {}
    if ("exact", word.encode()) not in leaf:  # type: ignore[operator]
        return out
    m = leaf.postings("exact", word.encode())  # type: ignore[attr-defined]
    while m.is_active():
        out[m.id()] = m.value_as("positions")
        m.next()
    return out


def test_position_blocks_decode_as_whoosh_does(long_index: Path) -> None:
    ix, s = _open_long(long_index)
    cache = rank.cache_of(s)
    assert len(cache.leaves) >= 3 and s.reader().has_deletions()
    blocks_seen = 0
    for segment_no, (leaf, _offset, _dead) in enumerate(cache.leaves):
        for word in LONG_WORDS:
            expected = _whoosh_positions(leaf, word)
            blocks_seen = max(blocks_seen, len(whooshfast.block_directory(leaf, "exact", word.encode())[0]))
            docs = np.array(sorted(expected), dtype=np.int64)
            live = np.array([d for d in range(leaf.doc_count_all()) if not leaf.is_deleted(d)], dtype=np.int64)
            after_last = live[live > (docs[-1] if len(docs) else -1)]  # callers ask for live documents only
            for wanted in (docs, docs[::5], docs[-1:], live, after_last):
                got_docs, got_pos = cache.positions(segment_no, "exact", word.encode(), wanted, rank.NO_LIMIT)
                pairs = [(d, p) for d in wanted.tolist() for p in expected.get(d, [])]
                assert list(zip(got_docs.tolist(), got_pos.tolist())) == pairs, (segment_no, word)
    assert blocks_seen > 1  # common words span several blocks: the block directory is exercised
    s.close()
    ix.close()


PHRASES = [
    ["eerste", "lid"], ["eerste", "lid", "bedoelde"], ["de", "de"], ["van", "de", "wet"], ["zie", "artikel", "zie"],
    ["lid", "van", "de", "gemeente"], ["onbekend", "lid"],
]


@pytest.mark.parametrize("slop", [1, 2, 3])
@pytest.mark.parametrize("words", PHRASES)
def test_phrases_over_many_blocks_equal_whoosh(long_index: Path, words: list[str], slop: int) -> None:
    ix, s = _open_long(long_index)
    q = wq.Phrase("exact", words, slop=slop)
    whoosh = {hit.docnum: hit.score for hit in s.search(q, limit=None)}
    mine = rank.scores(s, q)
    assert set(mine) == set(whoosh)
    for docnum, score in whoosh.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
    s.close()
    ix.close()


def _reference_proximity(s: object, docs: list[int], clauses: list[list[str]], width: int) -> list[int]:
    """Return the most clauses within one window per document, by a plain sliding window over Whoosh's positions."""
    out = []
    for d in docs:
        hits = []
        for leaf, offset in whooshfast.leaves(s):
            if offset <= d < offset + leaf.doc_count_all():
                for n, words in enumerate(clauses):
                    for w in set(words):
                        hits += [(p, n) for p in _whoosh_positions(leaf, w).get(d - offset, [])]
        hits.sort()
        best = start = 0
        for end in range(len(hits)):
            while hits[end][0] - hits[start][0] >= width:
                start += 1
            best = max(best, len({n for _p, n in hits[start : end + 1]}))
        out.append(best)
    return out


@pytest.mark.parametrize("clauses", [[["eerste"], ["lid"]], [["minister"], ["gemeente", "wet"], ["zie"]], [["de"], ["de"], ["onbekend"]]])
def test_proximity_counts_as_a_sliding_window_does(long_index: Path, clauses: list[list[str]]) -> None:
    ix, s = _open_long(long_index)
    live = [d for d in range(s.doc_count_all()) if not s.reader().is_deleted(d)]
    docs = np.array(live[::-3][:150], dtype=np.int64)  # unsorted, across segments, as match() passes them
    nodes = [wq.Or([wq.Term("exact", w) for w in words]) if len(words) > 1 else wq.Term("exact", words[0]) for words in clauses]
    got = rank._proximity(s, docs, nodes, rank.NO_LIMIT)
    assert got.tolist() == _reference_proximity(s, docs.tolist(), clauses, len(clauses) + rank.PROXIMITY_SLACK)
    assert got.max() >= 2
    s.close()
    ix.close()


def test_position_cache_stays_within_its_budget(long_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rank, "POSITION_CACHE_BYTES", 5_000)
    ix, s = _open_long(long_index)
    expected = {" ".join(w): set(rank.scores(s, wq.Phrase("exact", w))) for w in PHRASES}
    cache = rank.cache_of(s)
    assert cache._positions.bytes <= 5_000 or len(cache._positions.entries) == 1
    for words in PHRASES:  # evicted blocks are decoded again, same answer
        assert set(rank.scores(s, wq.Phrase("exact", words))) == expected[" ".join(words)]
    s.close()
    ix.close()


def test_position_reading_raises_instead_of_falling_back(long_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix, s = _open_long(long_index)
    leaf = whooshfast.leaves(s)[0][0]
    offsets, _maxids = whooshfast.block_directory(leaf, "exact", b"lid")
    with pytest.raises(whooshfast.NotFast):
        whooshfast.decode_positions((b"\x00\x00\x00\x01not a pickle",))
    monkeypatch.setattr(whooshfast, "W3LeafMatcher", type("Other", (), {}))
    with pytest.raises(whooshfast.NotFast):
        whooshfast.position_blocks(leaf, "exact", b"lid", offsets.tolist(), lambda: None)
    with pytest.raises(whooshfast.NotFast):
        rank.scores(s, wq.Phrase("exact", ["eerste", "lid"]))
    s.close()
    ix.close()


def _whoosh_postings(leaf: object, fieldname: str, btext: bytes) -> tuple[list[int], list[float]]:
    """Return a term's (live local document numbers, weights) through Whoosh's own matcher."""
    m = leaf.postings(fieldname, btext)  # type: ignore[attr-defined]
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return ids, weights


@pytest.mark.parametrize("one_read", [whooshfast._ONE_READ_BYTES, 0], ids=["read-whole", "block-by-block"])
def test_postings_skip_the_position_values_and_equal_whoosh(
    long_index: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch, one_read: int
) -> None:
    import pickle
    import types

    # Postings up to _ONE_READ_BYTES are read in one piece and walked in memory, longer ones through Whoosh's matcher.
    monkeypatch.setattr(whooshfast, "_ONE_READ_BYTES", one_read)

    loaded: list[bytes] = []

    def spy(data: bytes) -> object:
        loaded.append(data)
        return pickle.loads(data)

    monkeypatch.setattr(whooshfast, "pickle", types.SimpleNamespace(loads=spy, UnpicklingError=pickle.UnpicklingError))
    from whoosh import index as whoosh_index

    checked = set()
    for ix in (whoosh_index.open_dir(str(long_index)), index_mod.open_index(index_dir)[0]):
        with ix.searcher() as s:
            for leaf, _offset in whooshfast.leaves(s):
                for fieldname, btext in leaf.all_terms():
                    if not s.schema[fieldname].format:
                        continue
                    loaded.clear()
                    ids, weights = whooshfast.postings(leaf, fieldname, btext, lambda: None)
                    expected = _whoosh_postings(leaf, fieldname, btext)
                    live = [not leaf.is_deleted(d) for d in ids.tolist()]
                    assert (ids[live].tolist(), weights[live].tolist()) == expected, (fieldname, btext)
                    if s.schema[fieldname].format.supports("positions"):
                        # No block's position lists were unpickled: every pickle loaded was cut before them.
                        assert loaded and not any(whooshfast._VALUES_START in data for data in loaded), (fieldname, btext)
                    checked.add(type(s.schema[fieldname].format).__name__)
        ix.close()
    assert {"Positions", "Frequency", "Existence"} <= checked


def test_rare_terms_decoded_in_python_equal_the_arrays_to_the_bit(
    long_index: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every term of both indexes (several segments, deletions), each field's BM25 factors included.
    taken = []
    small = rank.IndexCache._small

    def spy(self: rank.IndexCache, *args: object) -> object:
        found = small(self, *args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(rank.IndexCache, "_small", spy)
    from whoosh import index as whoosh_index

    for ix in (whoosh_index.open_dir(str(long_index)), index_mod.open_index(index_dir)[0]):
        with ix.searcher() as s:
            assert s.reader().has_deletions()
            python, arrays = rank.IndexCache(s), rank.IndexCache(s)
            for fieldname, btext in s.reader().all_terms():
                if not s.schema[fieldname].format:
                    continue
                monkeypatch.setattr(rank, "SMALL_POSTINGS", 10**9)
                a = python._decode(s, fieldname, btext, rank.NO_LIMIT)
                monkeypatch.setattr(rank, "SMALL_POSTINGS", -1)
                b = arrays._decode(s, fieldname, btext, rank.NO_LIMIT)
                assert (a[0].dtype, a[1].dtype, a[2]) == (b[0].dtype, b[1].dtype, b[2]), (fieldname, btext)
                assert a[0].tobytes() == b[0].tobytes() and a[1].tobytes() == b[1].tobytes(), (fieldname, btext)
        ix.close()
    assert any(taken) and not all(taken)  # rare terms took the Python path; terms of several blocks did not


def test_block_directory_kept_from_the_postings_walk_equals_a_fresh_walk(long_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rank, "DIRECTORY_MIN_BLOCKS", 0)
    ix, s = _open_long(long_index)
    cache = rank.cache_of(s)
    for word in (b"eerste", b"lid"):
        cache.term(s, "exact", word, rank.NO_LIMIT)  # decoding the postings alone keeps the directories
    for segment_no, (leaf, _offset, _dead) in enumerate(cache.leaves):
        for word in (b"eerste", b"lid"):
            kept = cache._positions.get(("blocks", segment_no, "exact", word))
            fresh = whooshfast.block_directory(leaf, "exact", word)
            assert kept is not None and [a.tolist() for a in kept] == [a.tolist() for a in fresh]
    q = wq.Phrase("exact", ["eerste", "lid"])
    assert set(rank.scores(s, q)) == {hit.docnum for hit in s.search(q, limit=None)}
    s.close()
    ix.close()


@pytest.fixture(scope="module")
def arrays_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of two segments with deletions (a build, then six documents replaced) whose builds wrote
    posting arrays for every term with 2 or more postings (MIN_POSTINGS lowered so that a small index has many;
    in this process, so one build process: spawned build workers would read the shipped value)."""
    root = tmp_path_factory.mktemp("arrays")
    seeds = make_seeds(root, 40)
    old = postingarrays.MIN_POSTINGS
    postingarrays.MIN_POSTINGS = 2
    try:
        index_mod.build(seeds, root / "ix", full=True, procs=1)
        for n in range(1, 7):
            (seeds / f"gen-00{n}.txt").write_text(
                f"Die Bundesregierung wies {n} Diplomaten aus; persona non grata. Der Minister der Justiz.\n", encoding="utf-8")
        index_mod.build(seeds, root / "ix", procs=1)
    finally:
        postingarrays.MIN_POSTINGS = old
    return root / "ix"


def test_posting_arrays_equal_the_decoded_blocks(arrays_index: Path) -> None:
    ix, _ = index_mod.open_index(arrays_index)
    with ix.searcher() as s:
        cache = rank.cache_of(s)
        assert sum(bool(a and a.directory) for a in cache.arrays) >= 2 and s.reader().has_deletions()
        compared = 0
        for (leaf, _offset, _dead), arrays in zip(cache.leaves, cache.arrays):
            if arrays is None:
                continue
            for fieldname, btext in leaf.all_terms():
                found = arrays.get(fieldname, btext)
                ids, weights = whooshfast.postings(leaf, fieldname, btext, lambda: None)
                if found is None:
                    assert len(ids) < 2 or not s.schema[fieldname].format.supports("positions"), (fieldname, btext)
                    continue
                assert found[0].tolist() == ids.tolist() and found[1].tolist() == weights.tolist(), (fieldname, btext)
                compared += 1
        assert compared > 100
    ix.close()


@pytest.mark.parametrize("q", QUERIES)
def test_scores_from_posting_arrays_equal_whoosh(arrays_index: Path, q: str) -> None:
    ix, _ = index_mod.open_index(arrays_index)
    with ix.searcher() as s:
        parsed = query.expand(query.parse_query(query.clean_query(q), s.schema), s.reader())
        whoosh = {hit.docnum: hit.score for hit in s.search(parsed, limit=None)}
        mine = rank.scores(s, parsed)
    ix.close()
    assert set(mine) == set(whoosh), q
    if not ("*" in q or "~" in q or "?" in q):  # as in test_scores_equal_whoosh
        assert all(mine[d] == pytest.approx(whoosh[d], rel=1e-9, abs=1e-12) for d in whoosh)


def test_positions_from_the_posting_arrays_equal_the_blocks(arrays_index: Path) -> None:
    import random

    rng = random.Random(5)
    ix, _ = index_mod.open_index(arrays_index)
    with ix.searcher() as s:
        cache = rank.cache_of(s)
        compared = 0
        for segment_no, ((leaf, _offset, _dead), arrays) in enumerate(zip(cache.leaves, cache.arrays)):
            if arrays is None:
                continue
            for fieldname, btext in leaf.all_terms():
                if arrays.directory.get((fieldname, btext), (0, 0, -1))[2] < 0:
                    continue
                ids = whooshfast.postings(leaf, fieldname, btext, lambda: None)[0]
                for docs in (ids, np.array(sorted(rng.sample(ids.tolist(), max(1, len(ids) // 2)))),
                             np.array(sorted(set(rng.sample(range(leaf.doc_count_all()), 5)) | {int(ids[-1])}))):
                    got = arrays.positions(fieldname, btext, docs)
                    cache.arrays[segment_no] = None  # the same question answered from Whoosh's blocks
                    try:
                        expected = cache.positions(segment_no, fieldname, btext, docs, rank.NO_LIMIT)
                    finally:
                        cache.arrays[segment_no] = arrays
                    assert got is not None and [a.tolist() for a in got] == [a.tolist() for a in expected], (fieldname, btext)
                    compared += 1
        assert compared > 100
    ix.close()


def test_common_terms_come_from_the_posting_arrays(arrays_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix, _ = index_mod.open_index(arrays_index)
    with ix.searcher() as s:
        cache = rank.cache_of(s)
        decoded = []
        real = whooshfast.postings
        monkeypatch.setattr(whooshfast, "postings", lambda leaf, f, t, *a: decoded.append((leaf, f, t)) or real(leaf, f, t, *a))
        monkeypatch.setattr(rank, "SMALL_POSTINGS", -1)  # rare terms through postings() too, where this test sees them
        rank.scores(s, query.parse_query("Diplomaten Bundesregierung Minister", s.schema))
        reads = sum(a.reads for a in cache.arrays if a is not None)
        # Every (segment, field, term) with 2 or more postings came from the arrays; only rarer ones were decoded.
        assert reads >= 4
        assert decoded  # the rare terms
        for leaf, fieldname, btext in decoded:
            assert len(real(leaf, fieldname, btext, lambda: None)[0]) < 2, (fieldname, btext)
    ix.close()


def test_a_damaged_posting_array_file_is_ignored(arrays_index: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "ix"
    shutil.copytree(arrays_index, copy)
    damaged = sorted(copy.rglob("*" + postingarrays.EXTENSION))
    assert damaged
    for path in damaged:
        path.write_bytes(path.read_bytes()[:-5])  # cut off: no trailer, as after a crash mid-write
    ix, _ = index_mod.open_index(copy)
    with ix.searcher() as s:
        assert all(a is None for a in rank.cache_of(s).arrays)
        parsed = query.parse_query("Diplomaten minister", s.schema)
        assert set(rank.scores(s, parsed)) == {hit.docnum for hit in s.search(parsed, limit=None)}
    ix.close()


# Private attributes used outside whooshfast.py that belong to searchsvc's own objects, not to Whoosh's.
_OWN_PRIVATE = {
    ("index.py", "_NAME_CONTROL"), ("jobs.py", "_fd"), ("stories.py", "_idf"),
    ("langid.py", "_extract_ngrams"),  # langdetect's: its loop over arrays lives there, tests/test_langid.py checks it
}


def test_whoosh_internals_live_in_whooshfast_only() -> None:
    # Every `x._name` outside whooshfast.py is on our own modules or objects (self, our imports, the allowlist;
    # `_searchsvc_*` marks our attributes on Whoosh objects), so a Whoosh upgrade breaks one module's tests.
    import ast

    import searchsvc

    root = Path(searchsvc.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "whooshfast.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {"self", "cls", "os", "sys"}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module is not None and (node.level or node.module.startswith("searchsvc")):
                own |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module is None and node.level:
                own |= {a.asname or a.name for a in node.names}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
                continue
            if node.attr.startswith("_searchsvc") or (path.name, node.attr) in _OWN_PRIVATE:
                continue
            if isinstance(node.value, ast.Name) and node.value.id in own:
                continue
            found.append(f"{path.relative_to(root)}:{node.lineno}: .{node.attr} on {ast.unparse(node.value)}")
    assert found == [], "Whoosh internals outside whooshfast.py (move them there):\n" + "\n".join(found)


def _whoosh_facets(s: object) -> tuple[dict[str, list[object]], list[int]]:
    """Return every document's facet values and sort date as Whoosh's own column readers give them."""
    reader = s.reader()  # type: ignore[attr-defined]
    values = {name: [reader.column_reader(field)[d] for d in range(reader.doc_count_all())]
              for name, field in docsets.FACET_FIELDS.items()}
    dates = [int(d.replace("-", "")) if d else -1 for d in (reader.column_reader("date_sort")[d] for d in range(reader.doc_count_all()))]
    return values, dates


def test_facet_tables_are_made_from_segments_read_once(tmp_path: Path) -> None:
    """A new build decodes only its new segment's facet columns; the table still equals Whoosh's columns."""
    seeds = make_seeds(tmp_path, 12)
    index_mod.build(seeds, tmp_path / "ix", full=True, procs=1)
    ix, _ = index_mod.open_index(tmp_path / "ix")
    with ix.searcher() as s:
        first = docsets.facet_table(s)
        old = {whooshfast.segment_id(leaf): docsets._segment_facets(leaf) for leaf, _ in whooshfast.leaves(s)}
    ix.close()
    (seeds / "late.txt").write_text("Die Bundesregierung wies zwei Diplomaten aus; persona non grata.\n", encoding="utf-8")
    (seeds / "late.meta.json").write_text(json.dumps({"title": "Spät", "date": "1999-03-04", "source": "Nieuwe Bron"}), encoding="utf-8")
    (seeds / "gen-001.txt").write_text("Die Bundesregierung wies Diplomaten aus.\n", encoding="utf-8")  # a deletion
    index_mod.build(seeds, tmp_path / "ix", procs=1)
    ix, _ = index_mod.open_index(tmp_path / "ix")
    with ix.searcher() as s:
        leaves = whooshfast.leaves(s)
        assert len(leaves) >= 2 and s.reader().has_deletions()
        kept = [leaf for leaf, _ in leaves if whooshfast.segment_id(leaf) in old]
        assert kept and all(docsets._segment_facets(leaf) is old[whooshfast.segment_id(leaf)] for leaf in kept)
        table = docsets.facet_table(s)
        assert table is not first and table.size == s.doc_count_all()
        values, dates = _whoosh_facets(s)
        for name, column in values.items():
            assert [table.labels[name][c] for c in table.codes[name].tolist()] == column, name
        assert table.dates.tolist() == dates and 19990304 in dates
        everything = np.arange(table.size)
        assert table.facets(everything)[0]["source"]["Nieuwe Bron"] == 1
    ix.close()


def test_facets_are_whooshs_column_counts_largest_first(tmp_path: Path) -> None:
    """FacetTable.facets counts Whoosh's column values by the name shown (no value is "unknown"), largest first,
    then by name, for any set of documents; a document without a source counts as "unknown"."""
    seeds = make_seeds(tmp_path, 30)
    (seeds / "nosource.txt").write_text("Een brief zonder bron over uitgezette diplomaten.\n", encoding="utf-8")
    index_mod.build(seeds, tmp_path / "ix", full=True, procs=1)
    ix, _ = index_mod.open_index(tmp_path / "ix")
    with ix.searcher() as s:
        table = docsets.facet_table(s)
        values, _dates = _whoosh_facets(s)
        rng = np.random.default_rng(7)
        sets = [np.arange(table.size), np.empty(0, np.int64)]
        sets += [np.sort(rng.choice(table.size, k, replace=False)) for k in (1, 5, 17)]
        for docs in sets:
            got, more = table.facets(docs)
            assert list(got) == ["language", "year", "source"] and more == {"language": 0, "year": 0, "source": 0}
            for name, column in values.items():
                counts: dict[str, int] = {}
                for d in docs.tolist():
                    shown = column[d].decode("utf-8") if isinstance(column[d], bytes) else column[d]
                    shown = shown if shown not in (None, "") else "unknown"
                    counts[shown] = counts.get(shown, 0) + 1
                want = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                assert list(got[name].items()) == want, name
                for limit in (0, 1, 3):  # the first `limit` names of the full list; the rest are counted
                    top, left = table.facets(docs, limit)
                    assert list(top[name].items()) == want[:limit] and left[name] == len(want) - len(want[:limit]), name
        assert table.facets(np.arange(table.size))[0]["source"].get("unknown", 0) >= 1
    ix.close()
