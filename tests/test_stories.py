"""Same-story features (searchsvc.stories): fast extract() against a plain reference; the features cache's bounds."""

from __future__ import annotations

import gc
import itertools
import json
import re
import subprocess
import sys
import threading
import tracemalloc
import unicodedata
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from searchsvc import index, stories

REPO = Path(__file__).resolve().parent.parent
# Accents, ß and ẞ, ligatures, Turkish İ, fullwidth and circled digits, Roman numerals: where a fast path could slip.
TRICKY = [
    "Die Straße in GROẞEN Städten: Wilmès traf Selenskyj am 29. März 2022 in Kyjiw, 1.200 Soldaten, ﬁnale.",
    "İstanbul ① ２９ maart: Ⅻ ministers, ＢＲＵＳＳＥＬ, Ǆemal Škoda en Nawalny's vrouw Julia, 17 diplomaten.",
    "Mr. Prigozhin and Mr. Prigoschin met on 3 May; Tscherkassow/Cherkasov said 'eighteen' — twice. Café Noël.",
]


def _fold_reference(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def _next_to_capital_reference(text: str, words: list[tuple[str, int]], capital: list[bool], i: int) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and capital[j]:
            a, b = (j, i) if j < i else (i, j)
            if text[words[a][1] + len(words[a][0]) : words[b][1]] == " ":
                return True
    return False


def _day_near_reference(lowered: list[str], i: int) -> tuple[int, int] | None:
    for j in (i - 1, i + 1):
        if 0 <= j < len(lowered) and lowered[j].isdigit() and 1 <= int(lowered[j]) <= 31 and len(lowered[j]) <= 2:
            return int(lowered[j]), j
    return None


def _sentence_start_reference(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'«(":
        k -= 1
    return k < 0 or text[k] in ".!?:\n»”…-–"


def _shingle_reference(words: list[str]) -> int:
    """Return a 4-gram's shingle: the CRC-32 of its words joined by NUL, in UTF-8."""
    return zlib.crc32("\0".join(words).encode("utf-8"))


def _extract_reference(text: str) -> dict[str, Any]:
    """Return what extract() found before it was made fast: plain sets, every word folded on its own."""
    data = stories._data()
    translit = stories.translit.__wrapped__  # the function itself, not its memo
    text = text[: stories.MAX_TEXT_CHARS]
    words = [(m.group(), m.start()) for m in stories._WORD.finditer(text)]
    lowered = [_fold_reference(w) for w, _ in words]
    n = stories.SHINGLE_WORDS
    shingles = {_shingle_reference(lowered[i : i + n]) for i in range(max(0, len(lowered) - n + 1))}
    names: dict[str, str] = {}
    persons: set[str] = set()
    numbers: dict[int, list[int]] = {}
    days: set[str] = set()
    day_positions: set[int] = set()
    capital = [w[0].isupper() and _fold_reference(w) not in data["not_names"] for w, _ in words]
    for i, (word, start) in enumerate(words):
        low = lowered[i]
        if stories._DIGITS.match(word):
            value = int(re.sub(r"[.,]", "", word))
            if not 1900 <= value <= 2100 and value >= 3:
                numbers.setdefault(value, []).append(i)
        elif low in data["numbers"] and data["numbers"][low] >= 3:
            numbers.setdefault(data["numbers"][low], []).append(i)
        month = data["months"].get(low.rstrip("."))
        if month is not None and len(low) >= 3:
            found = _day_near_reference(lowered, i)
            if found:
                days.add(f"{month:02d}-{found[0]:02d}")
                day_positions.add(found[1])
        if capital[i] and len(word) >= 3 and month is None and low not in data["numbers"] \
                and not _sentence_start_reference(text, start):
            key = translit(low)
            if len(key) < 3:
                continue
            names.setdefault(key, low)
            if _next_to_capital_reference(text, words, capital, i):
                persons.add(key)
    counts = {v for v, at in numbers.items() if not set(at) <= day_positions}
    return {"shingles": shingles, "names": names, "persons": persons, "numbers": counts, "days": days}


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    docs = json.loads((REPO / "bench" / "stories" / "docs.json").read_text(encoding="utf-8"))
    reports = [d["title"] + "\n\n" + d["text"] for d in docs]  # the judged reports of bench/stories.py
    return seeds + reports + TRICKY


def test_extract_finds_what_the_plain_reference_finds() -> None:
    texts = _texts()
    feats = [stories.extract(str(n), text, None, None) for n, text in enumerate(texts)]
    for text, f in zip(texts, feats):
        ref = _extract_reference(text)
        assert f.shingles.tolist() == sorted(ref["shingles"]) and not f.shingles.flags.writeable
        assert list(f.names) == sorted(ref["names"]) and dict(zip(f.names, f.forms)) == ref["names"]
        assert (f.persons, f.numbers, f.days) == (ref["persons"], ref["numbers"], ref["days"])
    assert any(f.persons for f in feats) and any(f.days for f in feats) and any(f.numbers for f in feats)
    # jaccard of the sorted arrays is the set formula, pair by pair (and 0 for a document without 4 words)
    refs = [_extract_reference(t)["shingles"] for t in texts]
    for (a, ra), (b, rb) in itertools.combinations(list(zip(feats, refs)), 2):
        expected = len(ra & rb) / len(ra | rb) if ra and rb else 0.0
        assert stories.jaccard(a.shingles, b.shingles) == expected
    assert stories.jaccard(feats[0].shingles, feats[0].shingles) == 1.0


WORDS = ["Wilmès", "Straße", "GROẞEN", "ﬁnale", "İstanbul", "２９", "Ǆemal", "Noël", "Ⅻ", "Nederland", "O'Brien", "U.S."]


@pytest.mark.parametrize("word", WORDS)
def test_fold_is_nfkd_without_marks(word: str) -> None:
    assert stories.fold(word) == _fold_reference(word)


def test_features_cache_keeps_to_its_byte_budget(seed_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix, _build = index.open_index(seed_index)
    with ix.searcher() as searcher:
        ids = sorted(f["id"] for f in searcher.all_stored_fields())
        sizes = {i: stories.footprint(stories.features_of(searcher, i)) for i in ids}  # a first searcher's memo
    budget = sum(sorted(sizes.values())[:3])  # room for a few of the five, never all
    monkeypatch.setattr(stories, "CACHE_BYTES", budget)
    with ix.searcher() as searcher:
        memo = stories._memo(searcher)
        for i in ids + ids[:2]:
            f = stories.features_of(searcher, i)
            cache = memo["features"]
            assert f is not None and next(reversed(cache)) == i  # the one just asked for stays
            assert memo["bytes"] == sum(stories.footprint(x) for x in cache.values())
            assert memo["sizes"].keys() == cache.keys()
            assert memo["bytes"] <= budget or len(cache) == 1
        assert 1 <= len(cache) < len(ids)
    ix.close()


class _OneReadAtATime:
    """A Whoosh searcher whose stored-document reads take turns: concurrent reads of one searcher can miss."""

    def __init__(self, searcher: Any):
        self.searcher = searcher
        self.lock = threading.Lock()

    def reader(self) -> Any:
        return self.searcher.reader()

    def document(self, **terms: Any) -> Any:
        with self.lock:
            return self.searcher.document(**terms)


def test_features_cache_stays_consistent_under_threads(seed_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A threaded server's requests share one reader's cache; evictions must not lose or double-count a size.
    ix, _build = index.open_index(seed_index)
    with ix.searcher() as whoosh_searcher:
        ids = sorted(f["id"] for f in whoosh_searcher.all_stored_fields())
        searcher = _OneReadAtATime(whoosh_searcher)
        monkeypatch.setattr(stories, "CACHE_BYTES", 1)  # every insertion evicts all but itself
        errors: list[BaseException] = []

        def ask(offset: int) -> None:
            try:
                for n in range(300):
                    assert stories.features_of(searcher, ids[(n + offset) % len(ids)]) is not None
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
        interval = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)  # switch threads often, inside features_of's bookkeeping too
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            sys.setswitchinterval(interval)
        memo = stories._memo(searcher)
        assert not errors and len(memo["features"]) == 1 and memo["sizes"].keys() == memo["features"].keys()
        assert memo["bytes"] == sum(stories.footprint(f) for f in memo["features"].values())
    ix.close()


def test_footprint_does_not_understate_what_the_cache_holds(seed_index: Path) -> None:
    ix, _build = index.open_index(seed_index)
    with ix.searcher() as searcher:
        ids = [f["id"] for f in searcher.all_stored_fields()]
        memo = stories._memo(searcher)
        tracemalloc.start()
        try:
            for i in ids:
                stories.features_of(searcher, i)
            gc.collect()
            held, counted = tracemalloc.get_traced_memory()[0], memo["bytes"]
            memo["features"].clear()
            gc.collect()
            freed = held - tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        assert len(ids) == 5 and counted / 3 < freed <= counted
    ix.close()


@pytest.fixture(scope="module")
def reports_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of the seeds and the 62 judged short reports of bench/stories (dated news of a few events)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import stories as bench_stories  # bench/stories.py: the same collection its precision/recall uses
    finally:
        sys.path.pop(0)
    return bench_stories.build(tmp_path_factory.mktemp("reports"))


def _reference_apply(searcher: Any, result: dict[str, Any]) -> dict[str, Any]:
    """Group a result as apply() did before its date short-cut: every hit's features extracted."""
    hits = result["hits"]
    feats = {h["id"]: stories.features_of(searcher, h["id"]) for h in hits}
    groups = stories.group((feats[h["id"]] for h in hits if feats[h["id"]] is not None), stories.index_weights(searcher))
    return {"leaders": [g[0] for g in groups], "members": groups}


def test_hits_dated_apart_from_all_others_are_not_read_and_grouping_is_unchanged(reports_index: Path) -> None:
    from searchsvc import search

    ix, _ = index.open_index(reports_index)
    skipped = grouped = 0
    with ix.searcher() as s:
        queries = ["diplomats expelled", "diplomaten", "Botschaft", "spy", "Russia", "Nawalny", "minister",
                   "MH17", "persona non grata", "2022", "Wagner", "Gesetz", "embassy"]
        for q in queries:
            result = search.search(s, search.parse_request({"q": q, "per_page": "20"}))
            if len(result["hits"]) < 2:
                continue
            expected = _reference_apply(s, json.loads(json.dumps(result)))
            stories._memo(s)["features"].clear()  # every extraction below is apply()'s own
            dates = [h.get("date") for h in result["hits"]]
            apart = {h["id"] for h, far in zip(result["hits"], stories.dated_apart(dates)) if far}
            folded = stories.apply(s, json.loads(json.dumps(result)))
            leaders = [h["id"] for h in folded["hits"]]
            members = [[h["id"], *(m["id"] for m in h.get("same_story", []))] for h in folded["hits"]]
            assert leaders == expected["leaders"] and members == expected["members"], q
            assert not apart & set(stories._memo(s)["features"]), q  # their texts were never read
            skipped += len(apart)
            grouped += sum(len(m) > 1 for m in members)
    ix.close()
    assert skipped and grouped  # both paths were taken: hits dated apart, and reports folded into stories


def test_grouping_a_search_result_reads_no_document_again(reports_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """apply() takes the page's documents from the search's result: the same groups, no second lookup by id."""
    from searchsvc import search

    ix, _ = index.open_index(reports_index)
    with ix.searcher() as s:
        checked = 0
        for q in ["diplomats expelled", "diplomaten", "Botschaft", "Russia", "minister", "embassy"]:
            result = search.search(s, search.parse_request({"q": q, "per_page": "20"}))
            if len(result["hits"]) < 2:
                continue
            assert set(result.stored) == {h["id"] for h in result["hits"]}
            stories._memo(s)["features"].clear()
            expected = stories.apply(s, json.loads(json.dumps(result)))  # a plain dict: looked up by id
            stories._memo(s)["features"].clear()
            with monkeypatch.context() as m:
                m.setattr(type(s), "document", lambda *a, **k: pytest.fail("a document looked up again"))
                folded = stories.apply(s, result)
            assert json.loads(json.dumps(folded)) == expected, q
            checked += 1
    ix.close()
    assert checked >= 3


def test_grouping_in_the_search_skips_the_passages_of_folded_hits(reports_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """group=True groups as apply() after the search does, and only the hits the page shows get passages."""
    import dataclasses

    from searchsvc import search

    ix, _ = index.open_index(reports_index)
    folded = 0
    with ix.searcher() as s:
        for q in ["diplomats expelled", "diplomaten", "Botschaft", "Russia", "minister", "embassy", "spy"]:
            req = search.parse_request({"q": q, "per_page": "20"})
            plain = search.search(s, req)
            expected = json.loads(json.dumps(stories.apply(s, json.loads(json.dumps(plain)))))
            made = []
            real = search.passages

            def counted(stored: Any, *a: Any, **k: Any) -> Any:
                made.append(json.loads(stored["meta"])["id"])
                return real(stored, *a, **k)

            with monkeypatch.context() as m:
                m.setattr(search, "passages", counted)
                grouped = search.search(s, dataclasses.replace(req, group=True))
            got = json.loads(json.dumps(grouped))
            got.pop("took_ms"), expected.pop("took_ms")
            assert got == expected, q
            assert made == [h["id"] for h in got["hits"]]  # the folded hits' passages were never made
            folded += got.get("folded", 0)
    ix.close()
    assert folded  # some reports were folded, so the skipping was exercised


def test_shingles_are_the_same_in_every_process() -> None:
    """The build stores shingles that searches in other processes compare: no per-process hash seed in them."""
    text = " ".join(_texts())
    here = stories.story_value(text)[5]
    code = "import sys; from searchsvc import stories; print(stories.story_value(sys.stdin.read())[5].hex())"
    for seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                             env={**__import__("os").environ, "PYTHONHASHSEED": seed})
        assert bytes.fromhex(out.stdout.strip()) == here and len(here) > 400


def test_built_documents_carry_their_features_and_grouping_reads_no_text(
    reports_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every built document stores its features (the same as extract() from its text), and grouping a search's
    page uses them: the same groups as extracting each hit, without extract()."""
    from searchsvc import search

    ix, _ = index.open_index(reports_index)
    with ix.searcher() as s:
        docs = list(s.all_stored_fields())
        assert len(docs) > 60
        for stored in docs:
            meta = json.loads(stored["meta"])
            built = stories.from_stored(meta["id"], meta.get("language"), meta.get("date"), stored["story"])
            fresh = stories.extract(meta["id"], stored["text"], meta.get("language"), meta.get("date"))
            assert built == fresh and built.shingles.tolist() == fresh.shingles.tolist(), meta["id"]
            assert built.shingles.dtype == np.dtype("<u4") and not built.shingles.flags.writeable
        grouped = 0
        for q in ["diplomats expelled", "diplomaten", "Botschaft", "Russia", "minister", "embassy", "spy"]:
            result = search.search(s, search.parse_request({"q": q, "per_page": "20"}))
            without = json.loads(json.dumps(result))  # no stored documents: features_of looks each up ...
            stories._memo(s)["features"].clear()
            with monkeypatch.context() as m:  # ... and extracts from the text when the story field is not there
                real = s.document
                m.setattr(s, "document", lambda **k: {key: v for key, v in real(**k).items() if key != "story"})
                expected = stories.apply(s, without)
            stories._memo(s)["features"].clear()
            with monkeypatch.context() as m:
                m.setattr(stories, "extract", lambda *a, **k: pytest.fail("extracted at search time"))
                folded = stories.apply(s, result)
            assert json.loads(json.dumps(folded)) == expected, q
            grouped += folded.get("folded", 0)
        assert grouped
    ix.close()
