"""The array engine gives Whoosh's own scores, across segments and after deletions, for every query type."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq

from searchsvc import index as index_mod
from searchsvc import parallel, query, rank, search, whooshfast

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


@pytest.mark.parametrize("q", QUERIES)
def test_scores_equal_whoosh(index_dir: Path, q: str) -> None:
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
        # A Whoosh upgrade that changed the block matcher must fail loudly, not fall back to slow reading.
        monkeypatch.setattr(whooshfast, "W3LeafMatcher", type("Other", (), {}))
        with pytest.raises(whooshfast.NotFast):
            whooshfast.postings(leaf, "exact", b"wet", lambda: None)
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
