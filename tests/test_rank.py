"""The block-wise BM25F ranker gives Whoosh's own scores, across segments and after deletions."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchsvc import index as index_mod
from searchsvc import parallel, query, rank

from test_parallel import make_seeds

QUERIES = [
    "diplomaten", "Diplomaten", "persona non grata", '"persona non grata"', "spionage OR espionage", "artikel*",
    "minister -justitie", "gemeente NOT vergunning", "title:Gesetz", "body:Bundesregierung", "diplomatne~",
    "expel", "inlichtingendiensten", "Rusland Russische diplomaten", '"die Bundesregierung"', "wet",
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
    assert set(mine) == set(whoosh)
    if "*" in q or "~" in q:
        # Whoosh scores a long OR of expanded words differently on small indexes (it preloads them); the
        # ranker always sums, as Whoosh does on indexes over 5,000 documents. The matches must agree.
        return
    for docnum, score in whoosh.items():
        assert mine[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)
    assert [d for d, _ in rank.top(mine, 10)] == [d for d, _ in sorted(whoosh.items(), key=lambda i: (-i[1], i[0]))[:10]]


def test_unsupported_queries_fall_back(index_dir: Path) -> None:
    from whoosh import query as wq

    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        with pytest.raises(rank.Unsupported):
            rank.scores(s, wq.Every())
    ix.close()
