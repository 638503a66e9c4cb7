"""The lexicon's word lists as data files, and the analysis fingerprint that makes a changed list re-analyse."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from searchsvc import index, lexicon, search

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SPIES = "000_1e7f0d94218035f2"  # Dutch: "... economische spionage in de hightechsector ..."


@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Iterator[Path]:
    """Return a writable copy of the lexicon data folder; the package's lists are loaded again afterwards."""
    target = tmp_path / "lexicon-data"
    shutil.copytree(lexicon.DATA_DIR, target)
    yield target
    lexicon.load()


def test_data_files_load_and_cover_what_the_code_lists_held() -> None:
    assert [p.name for p in lexicon.data_files()] == [
        f"{lang}_{name}.txt" for lang in ("nl", "de") for name in ("irregular", "infinitives", "nouns", "parts")
    ]
    assert all(p.is_file() and p.parent == lexicon.DATA_DIR for p in lexicon.data_files())
    # The sizes of the word lists as they were in lexicon.py (commit 0c2309f), before they became files.
    sizes = {p.name: len(lexicon.read_words(p)) for p in lexicon.data_files() if "irregular" not in p.name}
    assert sizes == {
        "nl_infinitives.txt": 854, "nl_nouns.txt": 72, "nl_parts.txt": 1482,
        "de_infinitives.txt": 1935, "de_nouns.txt": 430, "de_parts.txt": 4604,
    }
    assert len(lexicon.read_lines(lexicon.DATA_DIR / "nl_irregular.txt")) == 119
    assert len(lexicon.read_lines(lexicon.DATA_DIR / "de_irregular.txt")) == 113
    # Each kind of list at work: irregular, weak by rule, prefixed, noun protection, compound parts.
    assert lexicon.infinitive("nl", "liep") == "lopen" and lexicon.infinitive("de", "ging") == "gehen"
    assert lexicon.infinitive("nl", "zegt") == "zeggen" and lexicon.infinitive("de", "arbeitete") == "arbeiten"
    assert lexicon.infinitive("nl", "opstelt") == "opstellen"
    assert lexicon.infinitive("nl", "toegeslagen") == "toeslaan"
    assert lexicon.infinitive("nl", "wetten") is None  # a noun first
    assert lexicon.compound_parts("nl", "motorrijtuigenbelasting") == ("motorrijtuig", "belasting")
    assert lexicon.compound_parts("de", "blutspende") == ("blut", "spende")


def test_write_words_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "nl_parts.txt"
    lexicon.write_words(path, ["sector", "hightech", "sector"], "nl compound parts\nsecond line")
    assert path.read_text(encoding="utf-8") == "# nl compound parts\n# second line\nhightech\nsector\n"
    assert lexicon.read_words(path) == {"hightech", "sector"}


def test_miner_writes_the_data_files(tmp_path: Path) -> None:
    """bench/quality.py --mine-lexicon writes all six mined lists, here from a small corpus it reads by env."""
    import gzip
    import json

    corpus = tmp_path / "corpus.jsonl.gz"
    nl = "Het is moeilijk te spelen en te werken. De aanvraag van de belastingdienst en de dienstregeling. " * 3
    de = "Es ist schwer zu spielen und zu arbeiten. Die Steuerbehörde und die Behördenleitung. " * 3
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for i, (lang, text) in enumerate([("nl", nl), ("de", de)] * 10):
            fh.write(json.dumps({"id": str(i), "lang": lang, "title": "", "text": text}) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    env = {"SEARCHSVC_BENCH_CORPUS": str(corpus), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "quality.py"), "--mine-lexicon", "--lexicon-out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{lang}_{n}.txt" for lang in ("nl", "de") for n in ("infinitives", "nouns", "parts"))
    assert {"spelen", "werken"} <= lexicon.read_words(out / "nl_infinitives.txt")
    assert {"spielen", "arbeiten"} <= lexicon.read_words(out / "de_infinitives.txt")
    assert "corpus.jsonl.gz" in (out / "nl_parts.txt").read_text(encoding="utf-8").splitlines()[0]


def test_a_changed_lexicon_entry_reanalyses_unchanged_files(tmp_path: Path, lexicon_copy: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.glob("000_*"):
        shutil.copy(path, seeds / path.name)
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir)
    assert first.added == [SPIES]
    key = index.read_manifest(ix_dir)["analysis"]

    def hits(q: str) -> list[str]:
        ix, _build = index.open_index(ix_dir)
        try:
            with ix.searcher() as searcher:
                return [h["id"] for h in search.search(searcher, search.parse_request({"q": q, "lang": "nl"}))["hits"]]
        finally:
            ix.close()

    assert hits("hightech") == []  # 'hightech' is no known part, so 'hightechsector' is not split

    # One new entry in the compound-part list; the seed file itself does not change.
    parts = lexicon_copy / "nl_parts.txt"
    parts.write_text(parts.read_text(encoding="utf-8") + "hightech\n", encoding="utf-8")
    lexicon.load(lexicon_copy)
    assert lexicon.compound_parts("nl", "hightechsector") == ("hightech", "sector")

    second = index.build(seeds, ix_dir)
    assert second.full and second.added == [SPIES] and second.unchanged == []
    assert index.read_manifest(ix_dir)["analysis"]["fingerprint"] != key["fingerprint"]
    assert hits("hightech") == [SPIES]

    # Nothing changed since: the next build is incremental again.
    third = index.build(seeds, ix_dir)
    assert not third.full and third.unchanged == [SPIES]
