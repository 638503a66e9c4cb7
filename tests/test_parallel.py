"""Full builds on several processes: the same index as one process builds, bad files still skipped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchsvc import highlight
from searchsvc import index as index_mod
from searchsvc import parallel, search, whooshfast

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUERIES = ["diplomaten", '"persona non grata"', "Bundesregierung", "spionage OR espionage", "inlichtingendiensten", "artikel*"]


def make_seeds(root: Path, extra: int) -> Path:
    """Return a seeds folder: the five seeds plus `extra` short generated documents in three languages."""
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    texts = {
        "nl": "De minister van Justitie heeft artikel {n} van de wet gewijzigd, zodat de gemeente de vergunning kan intrekken.",
        "de": "Die Bundesregierung hat Artikel {n} des Gesetzes geändert, damit die Gemeinde die Genehmigung widerrufen kann.",
        "en": "The minister of justice amended article {n} of the act, so that the municipality can withdraw the permit.",
    }
    for n in range(extra):
        lang = ("nl", "de", "en")[n % 3]
        (seeds / f"gen-{n:03d}.txt").write_text(texts[lang].format(n=n) + "\n", encoding="utf-8")
    return seeds


def hits(index_dir: Path, q: str) -> tuple[int, set[str]]:
    """Return a query's total and the ids of its first 50 hits."""
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        result = search.search(s, search.parse_request({"q": q, "per_page": "50", "passages": "0"}))
    ix.close()
    return result["total"], {h["id"] for h in result["hits"]}


def test_parallel_build_equals_single_process_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    seeds = make_seeds(tmp_path, 60)
    (seeds / "empty.txt").write_text("   \n", encoding="utf-8")
    one = index_mod.build(seeds, tmp_path / "one", full=True, procs=1)
    two = index_mod.build(seeds, tmp_path / "two", full=True, procs=2)
    assert one.documents == two.documents == 65
    assert sorted(one.added) == sorted(two.added)
    assert one.skipped == two.skipped == [{"path": "empty.txt", "reason": "whitespace only"}]
    ix, _ = index_mod.open_index(tmp_path / "two")
    assert ix.doc_count() == 65 and len(ix._segments()) == 2  # one segment per worker
    ix.close()
    for q in QUERIES:
        assert hits(tmp_path / "one", q) == hits(tmp_path / "two", q), q
    manifest_one = index_mod.read_manifest(tmp_path / "one")["documents"]  # type: ignore[index]
    manifest_two = index_mod.read_manifest(tmp_path / "two")["documents"]  # type: ignore[index]
    def without_stat(docs: dict) -> dict:
        return {k: {f: v for f, v in entry.items() if f != "stat"} for k, entry in docs.items()}

    assert without_stat(manifest_one) == without_stat(manifest_two)


def test_incremental_build_after_a_parallel_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    seeds = make_seeds(tmp_path, 20)
    index_mod.build(seeds, tmp_path / "ix", full=True, procs=2)
    (seeds / "gen-000.txt").unlink()
    (seeds / "new.txt").write_text("Een nieuw document over uitgezette diplomaten en spionage.\n", encoding="utf-8")
    summary = index_mod.build(seeds, tmp_path / "ix", procs=2)
    assert (summary.added, summary.removed, len(summary.unchanged)) == (["new"], ["gen-000"], 24)
    assert "new" in hits(tmp_path / "ix", "spionage")[1]
    assert "gen-000" not in hits(tmp_path / "ix", "artikel")[1]


def test_killed_parallel_build_leaves_no_workers_and_keeps_the_index(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path, 0)
    index_mod.build(seeds, tmp_path / "ix", full=True)
    before = index_mod.current_build(tmp_path / "ix")
    big = seeds / "big"
    big.mkdir()
    for n in range(parallel.PARALLEL_MIN_FILES + 10):
        (big / f"d{n}.txt").write_text(f"De gemeente wijzigt artikel {n} van de verordening over vergunningen.\n" * 3, encoding="utf-8")
    env = dict(os.environ, SEARCHSVC_SEEDS_DIR=str(seeds), SEARCHSVC_INDEX_DIR=str(tmp_path / "ix"), SEARCHSVC_BUILD_PROCS="2")
    proc = subprocess.Popen([sys.executable, "-m", "searchsvc.cli", "index", "--full"], env=env, start_new_session=False)
    deadline = time.monotonic() + 30
    children: list[int] = []
    while time.monotonic() < deadline and len(children) < 2:
        time.sleep(0.1)
        children = _children(proc.pid)
    assert len(children) >= 2, "the build did not start its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children), "build workers outlived the killed build"
    assert index_mod.current_build(tmp_path / "ix") == before
    summary = index_mod.build(seeds, tmp_path / "ix", full=True, procs=2)
    assert summary.documents == 5 + parallel.PARALLEL_MIN_FILES + 10
    assert not [p for p in (tmp_path / "ix" / "builds").iterdir() if p.name.startswith(".tmp-")]


def _children(pid: int) -> list[int]:
    """Return the pids of a process's descendants."""
    out = subprocess.run(["ps", "-o", "pid=,ppid=", "-A"], capture_output=True, text=True).stdout.split("\n")
    parent_of = {int(a): int(b) for a, b in (line.split() for line in out if line.strip())}
    found, frontier = [], {pid}
    while frontier:
        frontier = {c for c, p in parent_of.items() if p in frontier}
        found.extend(frontier)
    return found


def _alive(pid: int) -> bool:
    """Say whether a process exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


# --- the writer's fast paths write what Whoosh's own writer writes ------------------------------------

TRICKY = [
    "De de het een: in 1999 werd art. 3.1.2 van de Wet op de motorrijtuigenbelasting gewijzigd (o.a. door MH17).",
    "Die Größe der GROSSE Straße; Bundesregierung, Blutspende und Kraftfahrzeugsteuer — ß ẞ é É ñ.",
    "The the THE a an of: the municipality's permit_holder withdrew x y z 12.00 and 2019D53771 again again again.",
    "Ça va? Éléphant, naïve café; résumé — ÅÄÖ øæ. İstanbul ǅemal ﬁnance ¹²³ ٣٤ 一二三",
    "", "   ", "a", "de", "...", "ab ab ab ab",
]


def _segment_contents(path: Path) -> tuple:
    """Return every posting (with its value), term statistic, stored field and field length of an index."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(path))
    with ix.reader() as r:
        postings = {}
        for fieldname, text in r.all_terms():
            m = r.postings(fieldname, text)
            items = []
            while m.is_active():
                # With each posting, the statistics of its block (several blocks for a term in over 128 documents).
                items.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length(), m.block_max_weight()))
                m.next()
            ti = r.term_info(fieldname, text)
            postings[(fieldname, text)] = (items, ti.weight(), ti.doc_frequency(), ti.max_weight(), ti.min_length(), ti.max_length())
        count = r.doc_count_all()
        stored = [r.stored_fields(i) for i in range(count)]
        lengths = {f: [r.doc_field_length(i, f) for i in range(count)] for f in r.schema.scorable_names()}
    ix.close()
    return postings, stored, lengths


@pytest.mark.parametrize("limitmb", [1, 64])  # 1 MB: the posting pool spills sorted runs to disk and merges them
def test_fast_writer_writes_the_same_index_as_whoosh(tmp_path: Path, limitmb: int) -> None:
    from whoosh import index as whoosh_index
    from whoosh.writing import SegmentWriter

    from searchsvc import ingest
    from searchsvc.schema import make_schema, whoosh_fields

    seeds = make_seeds(tmp_path, 30)
    paths, _ = ingest.discover(seeds)
    docs = []
    for path in paths:
        data, side = ingest.read_bytes(path, 20_000_000)
        docs.append(whoosh_fields(ingest.build_document(path, data, ingest.file_sha256(data, side), path.name)))
    for i, text in enumerate(TRICKY):
        docs.append({"id": f"tricky-{i}", "exact": text, "body_nl": text, "body_de": text, "body_en": text, "body_xx": text,
                     "title_nl": text, "title_de": text, "title_exact": text, "text": text})
    # Terms in more documents than a posting block holds (128), with lengths and frequencies that vary by block.
    for i in range(300):
        text = " ".join(["Sanktionen gegen Diplomaten"] * (1 + i % 3) + [f"wort{j}" for j in range(i % 17)])
        docs.append({"id": f"many-{i}", "exact": text, "body_de": text, "title_de": "Sanktionen" if i % 2 else None,
                     "title_exact": "Sanktionen", "text": text, "lang": "de", "year": str(2000 + i % 3),
                     "numbers": "kst-36045-1 " * (1 + i % 2) + f"drs-20-{i}" if i % 2 else None})
    schema = make_schema()
    assert all(whooshfast.FastAnalysis.of(f) for name, f in schema.items() if name.startswith(("body_", "title_")) or name == "exact")
    built = []
    for name, cls in (("whoosh", SegmentWriter), ("fast", whooshfast.Writer)):
        ix = whoosh_index.create_in(str(tmp_path / name), schema) if (tmp_path / name).mkdir() is None else None
        writer = cls(ix, compound=False, limitmb=limitmb)
        for fields in docs:
            writer.add_document(**fields)
        writer.commit()
        built.append(_segment_contents(tmp_path / name))
    # The fast writer also stores each document's word keys (Whoosh's keeps the empty placeholder): the same index
    # besides them, and they are each keyed field's words with the keys the field's Whoosh chain gives them.
    keyed = [stored.pop(whooshfast.WORD_KEYS, None) for stored in built[1][1]]
    assert all(stored.pop(whooshfast.WORD_KEYS, "") == "" for stored in built[0][1])
    assert built[0][0] and built[0] == built[1]
    assert max(len(items) for items, *_stats in built[0][0].values()) > 2 * 128  # terms of three blocks
    # Whoosh-analysed fields too: ids, filters and document numbers (values of a fixed size), in several blocks.
    assert len(built[0][0][("numbers", b"kst-36045-1")][0]) > 128 and len(built[0][0][("lang", b"de")][0]) > 2 * 128
    fieldnames = schema[whooshfast.WORD_KEYS].keyed
    checked = 0
    for fields, keys in zip(docs, keyed):
        if whooshfast.WORD_KEYS not in fields:
            assert keys is None
            continue
        sections = whooshfast.key_sections(keys, fieldnames)
        assert sections.keys() == {name for name in fieldnames if fields.get(name) is not None}
        for name, (words, keys) in sections.items():
            expected = {}
            for word in dict.fromkeys(highlight._TOKEN.findall(fields[name])):  # each distinct word, in order
                chain = tuple(dict.fromkeys(t.text for t in schema[name].analyzer(word, mode="index")))
                if chain:
                    expected[word] = chain
            assert dict(zip(words, (highlight._stored_keys(w, k) for w, k in zip(words, keys)))) == expected
            assert words == list(expected)
            checked += len(expected)
    assert checked > 2000


def test_parallel_full_rebuild_keeps_indexed_at_of_unchanged_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    seeds = make_seeds(tmp_path, 6)
    ix_dir = tmp_path / "index"

    def times() -> dict[str, str]:
        ix, _ = index_mod.open_index(ix_dir)
        with ix.searcher() as s:
            out = {stored["id"]: json.loads(stored["meta"])["indexed_at"] for _n, stored in s.reader().iter_docs()}
        ix.close()
        return out

    index_mod.build(seeds, ix_dir, full=True, procs=2)
    before = times()
    (seeds / "gen-003.txt").write_text("Een geheel nieuwe tekst over de ambassade.\n", encoding="utf-8")
    index_mod.build(seeds, ix_dir, full=True, procs=2)
    after = times()
    assert after["gen-003"] > max(before.values())
    del before["gen-003"], after["gen-003"]
    assert after == before and len(after) == 10


def test_fast_writer_remembers_low_positions_only(tmp_path: Path) -> None:
    """A huge text's positions are written right, and the one-position caches keep only positions below the bound."""
    from whoosh import index as whoosh_index

    from searchsvc.schema import make_schema

    words = [f"w{i}" for i in range(whooshfast.CACHED_POSITIONS + 5_000)]
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    writer = whooshfast.Writer(ix, compound=False)
    writer.add_document(id="huge", exact=" ".join(words), text="")
    writer.commit()
    with ix.searcher() as s:
        for i in (0, whooshfast.CACHED_POSITIONS - 1, whooshfast.CACHED_POSITIONS, len(words) - 1):
            m = s.reader().postings("exact", words[i])
            assert m.value_as("positions") == [i]
    assert max(whooshfast._ONE_TAIL) < whooshfast.CACHED_POSITIONS
    assert max(whooshfast._ONE_POSITION) < whooshfast.CACHED_POSITIONS
    ix.close()
