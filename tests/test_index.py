"""Index builds: bad seed files, incremental against full, the atomic switch, crashes, the lock, reopening."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from searchsvc import index, search
from searchsvc.errors import IndexMissing, ReindexRunning

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD = "002_9f455500eaf14fbe"  # the shortest seed with a sidecar: quick to index


def copy_seeds(target: Path, *prefixes: str) -> Path:
    """Copy the named seeds (all when none are named), with their sidecars, into target."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.iterdir()):
        if not prefixes or path.name[:3] in prefixes:
            shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def one_seed(tmp_path: Path) -> Path:
    """A seeds folder holding the one good seed, to which a test adds a bad file."""
    return copy_seeds(tmp_path / "seeds", "002")


def run_search(index_dir: Path, q: str, **args: str) -> dict:
    ix, _build = index.open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            # correct=false, translate=0: these tests ask what the index holds, not what a misspelling would be
            # corrected to or what the words' translations find.
            return search.search(searcher, search.parse_request(
                {"q": q, "per_page": "50", "correct": "false", "translate": "0", **args}))
    finally:
        ix.close()


def hit_ids(index_dir: Path, q: str) -> list[str]:
    return [h["id"] for h in run_search(index_dir, q)["hits"]]


def skipped(summary: index.BuildSummary) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in summary.skipped}


def build_dirs(index_dir: Path) -> list[str]:
    return sorted(os.listdir(index_dir / index.BUILDS))


# --- bad input: each bad file is skipped with a reason or indexed; the good seed is always indexed ---


def assert_good_indexed(summary: index.BuildSummary, index_dir: Path) -> None:
    assert GOOD in summary.added
    assert GOOD in hit_ids(index_dir, "NAVO-Ruslandraad")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n   \r\n", "whitespace only"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file (contains NUL bytes), not text"),
        ("controls.md", bytes(range(1, 9)) * 50, "binary file (control characters), not text"),
    ],
)
def test_unreadable_files_are_skipped_with_a_reason(one_seed: Path, tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (one_seed / name).write_bytes(content)
    summary = index.build(one_seed, tmp_path / "index")
    assert skipped(summary) == {name: reason}
    assert summary.documents == 1
    assert_good_indexed(summary, tmp_path / "index")


def test_invalid_utf8_is_read_as_cp1252_with_a_warning(one_seed: Path, tmp_path: Path) -> None:
    (one_seed / "windows.txt").write_bytes("Caf\u00e9 \u2013 de na\u00efeve diplomaten werden uitgezet.\n".encode("cp1252"))
    summary = index.build(one_seed, tmp_path / "index")
    assert summary.skipped == []
    assert sorted(summary.added) == [GOOD, "windows"]
    assert summary.warnings == [{"path": "windows.txt", "warning": "not valid UTF-8 (byte 3); read as Windows-1252"}]
    assert_good_indexed(summary, tmp_path / "index")
    assert hit_ids(tmp_path / "index", "café") == ["windows"]
    assert hit_ids(tmp_path / "index", "naïeve") == ["windows"]


def test_file_over_the_given_limit_is_skipped(one_seed: Path, tmp_path: Path) -> None:
    (one_seed / "big.txt").write_text("diplomaten " * 1000, encoding="utf-8")  # 11,000 bytes
    summary = index.build(one_seed, tmp_path / "index", max_bytes=10_000)
    assert skipped(summary) == {"big.txt": "too large (11,000 bytes; the limit is 0.01 MB)"}
    assert_good_indexed(summary, tmp_path / "index")


def test_file_over_the_default_20_mb_limit_is_skipped(one_seed: Path, tmp_path: Path) -> None:
    line = b"De Russische diplomaten werden uitgezet wegens spionage.\n"
    with open(one_seed / "huge.txt", "wb") as fh:
        fh.write(line * (20_000_000 // len(line) + 1000))
    size = (one_seed / "huge.txt").stat().st_size
    assert size > 20_000_000
    summary = index.build(one_seed, tmp_path / "index")
    assert skipped(summary) == {"huge.txt": f"too large ({size:,} bytes; the limit is 20 MB)"}
    assert_good_indexed(summary, tmp_path / "index")


def test_file_name_with_spaces_and_non_ascii_letters(one_seed: Path, tmp_path: Path) -> None:
    (one_seed / "Brief über Spionage.txt").write_text("Een brief over spionage door Russische diplomaten.\n", encoding="utf-8")
    # the same kind of name written decomposed (as macOS does) gets the composed id
    nfd = unicodedata.normalize("NFD", "Notitie Oekraïne.md")
    (one_seed / nfd).write_text("Notitie over spionage en de Oekraïne.\n", encoding="utf-8")
    summary = index.build(one_seed, tmp_path / "index")
    assert summary.skipped == []
    assert sorted(summary.added) == sorted([GOOD, "Brief über Spionage", "Notitie Oekraïne"])
    assert_good_indexed(summary, tmp_path / "index")
    assert sorted(hit_ids(tmp_path / "index", "spionage")) == ["Brief über Spionage", "Notitie Oekraïne"]
    ix, _ = index.open_index(tmp_path / "index")
    with ix.searcher() as searcher:
        doc = search.get_document(searcher, "Brief über Spionage")
    ix.close()
    assert doc["document"]["path"] == "Brief über Spionage.txt"


def test_symlink_outside_the_seeds_folder_is_skipped(one_seed: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("Geheime notitie over spionage.\n", encoding="utf-8")
    (one_seed / "link.txt").symlink_to(outside / "secret.txt")
    (one_seed / "abs.txt").symlink_to("/etc/hostname")
    # a link inside the folder is fine; it is indexed under its own name
    (one_seed / "sub").mkdir()
    (one_seed / "sub" / "inner.txt").write_text("Notitie over spionage binnen de map.\n", encoding="utf-8")
    (one_seed / "alias.txt").symlink_to(one_seed / "sub" / "inner.txt")
    (one_seed / "dangling.txt").symlink_to(one_seed / "nothing.txt")
    summary = index.build(one_seed, tmp_path / "index")
    assert skipped(summary) == {
        "link.txt": "symlink points outside the seeds folder",
        "abs.txt": "symlink points outside the seeds folder",
        "dangling.txt": "symlink to nothing",
    }
    assert sorted(summary.added) == sorted([GOOD, "alias", "inner"])
    assert_good_indexed(summary, tmp_path / "index")
    assert "Geheime" not in json.dumps(run_search(tmp_path / "index", "geheime"))
    assert run_search(tmp_path / "index", "geheime")["total"] == 0


@pytest.mark.parametrize("sidecar", ["{not json", '["a list"]', "\ufffe"])
def test_invalid_sidecar_is_skipped_with_a_reason(one_seed: Path, tmp_path: Path, sidecar: str) -> None:
    (one_seed / "brief.txt").write_text("Brief over spionage.\n", encoding="utf-8")
    (one_seed / "brief.meta.json").write_text(sidecar, encoding="utf-8")
    summary = index.build(one_seed, tmp_path / "index")
    reasons = skipped(summary)
    assert list(reasons) == ["brief.txt"]
    assert reasons["brief.txt"].startswith("its sidecar brief.meta.json ")
    assert_good_indexed(summary, tmp_path / "index")


def test_all_bad_files_together(one_seed: Path, tmp_path: Path) -> None:
    (one_seed / "empty.txt").write_bytes(b"")
    (one_seed / "blank.md").write_bytes(b"\n \n")
    (one_seed / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    (one_seed / "notes.pdf").write_bytes(b"%PDF-1.4")  # a PDF header and nothing else: skipped with its reason
    (one_seed / ".hidden.txt").write_text("verborgen", encoding="utf-8")
    summary = index.build(one_seed, tmp_path / "index")
    assert set(skipped(summary)) == {"empty.txt", "blank.md", "image.txt", "notes.pdf"}
    assert skipped(summary)["notes.pdf"].startswith("not a readable PDF")
    assert summary.documents == 1
    assert "skipped 4" in summary.line()
    assert_good_indexed(summary, tmp_path / "index")


# --- incremental builds ---------------------------------------------------------------------

QUERIES = ["diplomaten", "spionnen", '"persona non grata"', "ambassade", "NAVO", "expel", "Rusland -NAVO", "inlichtingendiensten", "title:Ruslandstrategie", "MH17"]


def test_incremental_equals_full(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    inc = tmp_path / "inc"
    first = index.build(seeds, inc)
    assert first.full and len(first.added) == 5

    changed = next(seeds.glob("000_*.txt"))
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("diplomaten", "diplomaten en spionnen", 1)
        + "\n\nExtra alinea over de ambassade in Den Haag.\n",
        encoding="utf-8",
    )
    (seeds / "005_nieuw.txt").write_text(
        "Nieuwe brief over Russische diplomaten en spionage in Nederland. De ambassade bevestigde de uitzetting.\n",
        encoding="utf-8",
    )
    for path in seeds.glob("002_*"):
        path.unlink()

    second = index.build(seeds, inc)
    assert not second.full
    assert second.counts() == {"added": 1, "updated": 1, "removed": 1, "unchanged": 3, "skipped": 0}
    assert (second.added, second.updated, second.removed) == (["005_nieuw"], ["000_1e7f0d94218035f2"], [GOOD])
    assert sorted(second.unchanged) == ["001_a1e633dddb5f6fbd", "003_e24eff640925fc20", "004_9aa5411390716ea1"]
    assert second.documents == 5

    full = tmp_path / "full"
    index.build(seeds, full, full=True)
    for q in QUERIES:
        a, b = run_search(inc, q), run_search(full, q)
        assert a["total"] == b["total"], q
        assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]], q
        assert [h["passages"] for h in a["hits"]] == [h["passages"] for h in b["hits"]], q
        assert [(h["title"], h["date"], h["source"]) for h in a["hits"]] == [(h["title"], h["date"], h["source"]) for h in b["hits"]]
        assert a["facets"] == b["facets"], q
        # Scores are not compared: Whoosh keeps deleted documents in its term and length statistics
        # until segments merge, so an incremental build's BM25 scores drift from a full build's.
    assert hit_ids(inc, "spionnen") == ["000_1e7f0d94218035f2"]
    assert "005_nieuw" in hit_ids(inc, "ambassade")
    assert GOOD not in hit_ids(inc, "NAVO-Ruslandraad")
    assert index.read_manifest(inc)["documents"].keys() == index.read_manifest(full)["documents"].keys()


def test_unchanged_files_are_not_reanalysed(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir)
    first_dir = index.build_path(ix_dir, first.build)
    second = index.build(seeds, ix_dir)
    assert not second.full
    assert sorted(second.unchanged) == ["000_1e7f0d94218035f2", GOOD]
    assert second.added == second.updated == second.removed == [] and second.documents == 2
    # the segments were taken over by hard links, not written again
    second_dir = index.build_path(ix_dir, second.build)
    segments = [n for n in os.listdir(first_dir) if n.startswith("MAIN_") and not n.endswith(".lock")]
    assert segments
    for name in segments:
        assert os.stat(first_dir / name).st_ino == os.stat(second_dir / name).st_ino

    # a changed sidecar alone makes the document 'updated'
    sidecar = next(seeds.glob("000_*.meta.json"))
    sidecar.write_text(json.dumps({"title": "Zeventien Russische diplomaten uitgezet"}), encoding="utf-8")
    third = index.build(seeds, ix_dir)
    assert (third.updated, third.unchanged) == (["000_1e7f0d94218035f2"], [GOOD])
    assert run_search(ix_dir, "title:zeventien")["hits"][0]["title"] == "Zeventien Russische diplomaten uitgezet"


def test_full_flag_and_analysis_change_rebuild_everything(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    index.build(seeds, ix_dir)
    again = index.build(seeds, ix_dir, full=True)
    assert again.full and again.added == [GOOD] and again.unchanged == []
    other = index.build(seeds, ix_dir, stemmer="nltk")  # another stemmer: the old index cannot be reused
    assert other.full and other.added == [GOOD]
    assert index.read_manifest(ix_dir)["analysis"]["stemmer"] == "nltk"


# --- the atomic switch, old builds, crashes ----------------------------------------------------


def test_pointer_switch_keeps_previous_build_and_removes_older(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    with pytest.raises(IndexMissing):
        index.open_index(ix_dir)
    ids = []
    for i in range(3):
        (seeds / "extra.txt").write_text(f"Versie {i} van een notitie over diplomaten.\n", encoding="utf-8")
        ids.append(index.build(seeds, ix_dir).build)
    assert len(set(ids)) == 3
    assert (ix_dir / index.POINTER).read_text(encoding="ascii") == ids[2] + "\n"
    assert index.current_build(ix_dir) == ids[2]
    assert build_dirs(ix_dir) == sorted(ids[1:])  # the current build and the one before it
    assert index.read_manifest(ix_dir)["build"] == ids[2]
    assert index.read_manifest(ix_dir, ids[1])["build"] == ids[1]
    assert not [n for n in os.listdir(ix_dir) if n.endswith(".tmp")]  # no half-written pointer
    assert hit_ids(ix_dir, "versie") == ["extra"]
    assert run_search(ix_dir, "versie")["hits"][0]["passages"][0]["html"] == "<mark>Versie</mark> 2 van een notitie over diplomaten."


def test_crash_mid_build_keeps_previous_index(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    ix_dir = tmp_path / "index"
    good = index.build(seeds, ix_dir).build
    (seeds / "003_nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")

    def boom(done: int, total: int) -> None:
        if done == 1:  # the new file comes first: it is indexed before the other files' stats are compared
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        index.build(seeds, ix_dir, progress=boom)
    assert index.current_build(ix_dir) == good
    assert build_dirs(ix_dir) == [good]
    assert hit_ids(ix_dir, "ambassade") == []
    assert sorted(hit_ids(ix_dir, "diplomaten")) == ["000_1e7f0d94218035f2", GOOD]
    assert not index.reindex_running(ix_dir)

    after = index.build(seeds, ix_dir)
    assert after.added == ["003_nieuw"]
    assert hit_ids(ix_dir, "ambassade") == ["003_nieuw"]


def test_killed_build_leaves_no_tmp_dir_after_the_next_build(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    good = index.build(seeds, ix_dir).build
    (seeds / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    # a process that dies hard in the middle of a build, leaving its half-built directory behind
    code = (
        "import os, sys; from pathlib import Path; from searchsvc import index\n"
        "index.build(Path(sys.argv[1]), Path(sys.argv[2]), progress=lambda d, t: os._exit(7))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(seeds), str(ix_dir)], capture_output=True, timeout=60)
    assert proc.returncode == 7, proc.stderr
    left = [n for n in build_dirs(ix_dir) if n.startswith(".tmp-")]
    assert len(left) == 1
    assert index.current_build(ix_dir) == good
    assert hit_ids(ix_dir, "NAVO") == [GOOD]
    assert not index.reindex_running(ix_dir)  # the kernel let go of the dead process's lock

    after = index.build(seeds, ix_dir)
    assert not [n for n in build_dirs(ix_dir) if n.startswith(".tmp-")]
    assert build_dirs(ix_dir) == sorted([good, after.build])
    assert hit_ids(ix_dir, "ambassade") == ["nieuw"]


# --- the writer lock ---------------------------------------------------------------------------


def test_second_build_while_locked_raises(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    with index.WriterLock(ix_dir, job="job-1"):
        assert index.reindex_running(ix_dir)
        with pytest.raises(ReindexRunning, match="^a reindex is already running$") as err:
            index.build(seeds, ix_dir)
        assert err.value.job == "job-1"
        assert index.current_build(ix_dir) is None
    assert not index.reindex_running(ix_dir)
    assert index.build(seeds, ix_dir).added == [GOOD]


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    code = (
        "import sys; from pathlib import Path; from searchsvc import index\n"
        "with index.WriterLock(Path(sys.argv[1]), job='other'):\n"
        "    print('locked', flush=True); sys.stdin.read()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(ix_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ReindexRunning, match="a reindex is already running") as err:
            index.build(seeds, ix_dir)
        assert err.value.job == "other"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert index.build(seeds, ix_dir).documents == 1


# --- readers notice new builds -----------------------------------------------------------------


def test_index_handle_follows_new_builds(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    handle = index.IndexHandle(ix_dir)
    with pytest.raises(IndexMissing):
        handle.searcher()
    first = index.build(seeds, ix_dir)
    try:
        s1 = handle.searcher()
        assert handle.build == first.build
        assert handle.searcher() is s1  # no new build: the same searcher
        assert s1.doc_count() == 1

        (seeds / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
        second = index.build(seeds, ix_dir)
        s2 = handle.searcher()
        assert s2 is not s1
        assert handle.build == second.build != first.build
        assert s2.doc_count() == 2
        assert search.search(s2, search.parse_request({"q": "ambassade"}))["total"] == 1

        # a broken pointer keeps the last good searcher serving
        (ix_dir / index.POINTER).write_text("no-such-build\n", encoding="ascii")
        assert handle.searcher() is s2
        assert handle.build == second.build
    finally:
        handle.close()


def test_build_ids_sort_in_creation_order() -> None:
    ids = [index.new_build_id() for _ in range(200)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 200


def test_unchanged_files_are_known_by_their_stat_and_changes_still_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from searchsvc import ingest

    monkeypatch.setattr(ingest, "RACY_NS", 200_000_000)  # 0.2 s instead of 2 s, to keep the test short
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    doc = seeds / "a.txt"
    doc.write_text("De minister heeft twee Russische diplomaten uitgezet.\n", encoding="utf-8")
    fresh = index.build(seeds, tmp_path / "ix")
    entry = index.read_manifest(tmp_path / "ix")["documents"]["a"]  # type: ignore[index]
    assert fresh.added == ["a"] and entry["stat"] is None  # just written: its times cannot be trusted yet
    time.sleep(0.3)
    index.build(seeds, tmp_path / "ix")  # re-hashed (the times changed), same content: stat now kept
    entry = index.read_manifest(tmp_path / "ix")["documents"]["a"]  # type: ignore[index]
    assert entry["stat"] is not None
    # Same size, new content: the change time moves, so the file is read again and found changed.
    doc.write_text("De minister heeft twee Russische diplomaten verjaagd.\n", encoding="utf-8")
    assert doc.stat().st_size == entry["stat"][0]
    changed = index.build(seeds, tmp_path / "ix")
    assert changed.updated == ["a"]


# --- incremental builds that do not grow with the collection ------------------------------------


def test_incremental_scan_finds_what_discover_finds(tmp_path: Path) -> None:
    from searchsvc import ingest

    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    (seeds / "sub" / "deeper").mkdir(parents=True)
    (seeds / "sub" / "b.md").write_text("Een notitie in een map.\n", encoding="utf-8")
    (seeds / "sub" / "deeper" / "c.txt").write_text("Nog dieper.\n", encoding="utf-8")
    (seeds / "sub" / "000_1e7f0d94218035f2.txt").write_text("Dezelfde naam, een andere map.\n", encoding="utf-8")
    (seeds / "a.md").write_text("Zelfde id als a.txt.\n", encoding="utf-8")
    (seeds / "a.txt").write_text("Zelfde id als a.md.\n", encoding="utf-8")
    (seeds / ".hidden.txt").write_text("verborgen\n", encoding="utf-8")
    (seeds / ".git").mkdir()
    (seeds / ".git" / "x.txt").write_text("niet hier\n", encoding="utf-8")
    (seeds / "notes.pdf").write_bytes(b"%PDF")
    (seeds / "bad\x07name.txt").write_text("controle\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("buiten\n", encoding="utf-8")
    (seeds / "out.txt").symlink_to(tmp_path / "outside.txt")
    (seeds / "dangling.txt").symlink_to(seeds / "nothing.txt")
    (seeds / "inside.txt").symlink_to(seeds / "a.txt")
    (seeds / "linked").symlink_to(seeds / "sub")  # a symlinked folder is not followed
    (seeds / "Cafe\u0301.txt").write_text("NFD-naam\n", encoding="utf-8")

    paths, refused = ingest.discover(seeds)
    expected = ([(str(p.relative_to(seeds)), str(p), ingest.document_id(p)) for p in paths], [{"path": s.path, "reason": s.reason} for s in refused])
    assert index._scan(seeds, {}) == expected
    known = {rel: doc_id for rel, _full, doc_id in expected[0]}
    assert index._scan(seeds, known) == expected  # names seen before take the quick path, same answer


def test_manifest_is_sqlite_and_an_old_json_manifest_is_taken_over(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir)
    build_dir = index.build_path(ix_dir, first.build)
    assert (build_dir / index.MANIFEST).read_bytes().startswith(b"SQLite format 3")
    manifest = index.read_manifest(ix_dir)
    assert manifest["build"] == first.build and sorted(manifest["documents"]) == ["000_1e7f0d94218035f2", GOOD]
    assert manifest["documents"][GOOD]["path"] == GOOD + ".txt" and manifest["documents"][GOOD]["language"] == "nl"
    # a build written by the code before: its JSON manifest is read, and converted by the next build
    (build_dir / index.MANIFEST).unlink()
    (build_dir / index.LEGACY_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert index.read_manifest(ix_dir) == manifest
    (seeds / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    second = index.build(seeds, ix_dir)
    assert not second.full and second.added == ["nieuw"] and second.documents == 3
    assert sorted(index.read_manifest(ix_dir)["documents"]) == ["000_1e7f0d94218035f2", GOOD, "nieuw"]
    assert (index.build_path(ix_dir, second.build) / index.MANIFEST).is_file()


def test_new_file_is_searchable_before_the_stat_sweep(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "001", "002")
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir).build
    (seeds / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    changed = next(seeds.glob("000_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nExtra alinea over spionnen.\n", encoding="utf-8")
    seen: list[tuple[int, str | None, list[str]]] = []

    def watch(done: int, total: int) -> None:
        seen.append((done, index.current_build(ix_dir), hit_ids(ix_dir, "ambassade")))

    summary = index.build(seeds, ix_dir, progress=watch)
    assert (summary.added, summary.updated, sorted(summary.unchanged)) == (["nieuw"], ["000_1e7f0d94218035f2"], ["001_a1e633dddb5f6fbd", GOOD])
    assert seen[0][1] == first  # while the new file is indexed, the old build serves
    assert seen[1][1] != first and "nieuw" in seen[1][2]  # switched before the other files are compared
    assert index.current_build(ix_dir) == summary.build != seen[1][1]  # the in-place change: a second switch
    assert hit_ids(ix_dir, "spionnen") == ["000_1e7f0d94218035f2"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete"])
def test_damaged_manifest_means_a_full_build(tmp_path: Path, damage: str) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir)
    manifest = index.build_path(ix_dir, first.build) / index.MANIFEST
    size = manifest.stat().st_size
    if damage == "truncate":
        with open(manifest, "r+b") as fh:
            fh.truncate(size // 2)
    elif damage == "garbage":
        manifest.write_bytes(b"\x00garbage" * (size // 8))
    else:
        manifest.unlink()
    again = index.build(seeds, ix_dir)
    assert again.full and sorted(again.added) == ["000_1e7f0d94218035f2", GOOD]
    assert sorted(index.read_manifest(ix_dir)["documents"]) == ["000_1e7f0d94218035f2", GOOD]


# --- indexed_at across full rebuilds, the first step of incremental builds, segment merging ----------------


def indexed_times(index_dir: Path) -> dict[str, str]:
    """Return each document's indexed_at, checking that its stored copy and its sort column agree."""
    ix, _build = index.open_index(index_dir)
    out = {}
    with ix.searcher() as s:
        reader = s.reader()
        column = reader.column_reader("indexed_at")
        for docnum, stored in reader.iter_docs():
            stamp = json.loads(stored["meta"])["indexed_at"]
            assert column[docnum] == stamp
            out[stored["id"]] = stamp
    ix.close()
    return out


def test_full_rebuild_keeps_indexed_at_of_unchanged_documents(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "001", "002")
    ix_dir = tmp_path / "index"
    index.build(seeds, ix_dir)
    before = indexed_times(ix_dir)
    changed = next(seeds.glob("001_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEen toegevoegde alinea.\n", encoding="utf-8")
    (seeds / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    rebuilt = index.build(seeds, ix_dir, full=True)
    assert rebuilt.full and rebuilt.documents == 4
    after = indexed_times(ix_dir)
    kept = ["000_1e7f0d94218035f2", GOOD]
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}
    # new content is a new arrival: it goes to the top of the feeds
    assert min(after["001_a1e633dddb5f6fbd"], after["nieuw"]) > max(before.values())

    # a build whose manifest has no times (written before they were kept there): taken from the index itself
    build_dir = index.build_path(ix_dir, index.current_build(ix_dir))  # type: ignore[arg-type]
    import sqlite3

    with sqlite3.connect(build_dir / index.MANIFEST) as db:
        db.execute("UPDATE documents SET indexed_at = NULL")
    db.close()
    index.build(seeds, ix_dir, full=True)
    assert indexed_times(ix_dir) == after


def test_new_file_is_published_before_the_full_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = copy_seeds(tmp_path / "seeds", "000", "002")
    (seeds / "sub").mkdir()
    (seeds / "sub" / "eerder.txt").write_text("Een eerdere notitie.\n", encoding="utf-8")
    ix_dir = tmp_path / "index"
    first = index.build(seeds, ix_dir)
    (seeds / "sub" / "nieuw.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    (seeds / "sub" / "leeg.txt").write_text("", encoding="utf-8")  # refused: the full scan reports it, once
    published_during_scan = []
    scan = index._scan

    def watched_scan(*args: object, **kwargs: object) -> object:
        published_during_scan.append(hit_ids(ix_dir, "ambassade"))
        return scan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index, "_scan", watched_scan)
    second = index.build(seeds, ix_dir)
    assert published_during_scan == [["nieuw"]]  # searchable before the other files were looked at
    assert second.added == ["nieuw"] and second.documents == 4 and second.build == index.current_build(ix_dir)
    assert sorted(second.unchanged) == ["000_1e7f0d94218035f2", GOOD, "eerder"]
    assert second.skipped == [{"path": os.path.join("sub", "leeg.txt"), "reason": "empty file"}]
    assert second.build != first.build and index.read_manifest(ix_dir)["documents"]["nieuw"]["path"] == os.path.join("sub", "nieuw.txt")
    # a file with the id of an indexed one is no new document: the full scan decides between the two
    (seeds / "002_9f455500eaf14fbe.md").write_text("Een tweelingbestand.\n", encoding="utf-8")
    third = index.build(seeds, ix_dir)
    assert third.added == [] and third.documents == 4
    twins = {path: reason for path, reason in skipped(third).items() if path.startswith("002_")}
    assert len(twins) == 1 and "duplicate id '002_9f455500eaf14fbe'" in next(iter(twins.values()))


def test_added_and_removed_files_leave_no_empty_segments(tmp_path: Path) -> None:
    from searchsvc import whooshfast

    seeds = copy_seeds(tmp_path / "seeds", "002")
    ix_dir = tmp_path / "index"
    index.build(seeds, ix_dir)
    for n in range(6):
        (seeds / f"nieuw-{n}.txt").write_text(f"Notitie {n} over de ambassade.\n", encoding="utf-8")
        index.build(seeds, ix_dir)
        (seeds / f"nieuw-{n}.txt").unlink()
        assert index.build(seeds, ix_dir).removed == [f"nieuw-{n}"]
        ix, _build = index.open_index(ix_dir)
        counts = [(seg.doc_count_all(), seg.doc_count()) for seg in ix._segments()]
        ix.close()
        assert all(live > 0 for _all, live in counts), counts  # emptied segments are dropped, none written empty
        assert len(counts) <= whooshfast.SMALL_SEGMENT
        assert hit_ids(ix_dir, "ambassade") == [] and hit_ids(ix_dir, "NAVO-Ruslandraad") == [GOOD]


def test_first_step_knows_indexed_names_with_spaces_accents_and_sidecars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first step reads the manifest's paths as one newline-joined string and drops sidecars from the listing:
    # names with spaces and accents must still be known as indexed, and a new sidecar alone is no new document.
    seeds = copy_seeds(tmp_path / "seeds", "002")
    (seeds / "oude notitie é.txt").write_text("Een oude notitie over het consulaat.\n", encoding="utf-8")
    ix_dir = tmp_path / "index"
    index.build(seeds, ix_dir)
    (seeds / "nieuwe notitie ü.txt").write_text("Nieuwe notitie over de ambassade.\n", encoding="utf-8")
    (seeds / "oude notitie é.meta.json").write_text('{"title": "Oude notitie"}', encoding="utf-8")
    quick: list[list[str]] = []
    new_names = index._new_names

    def watched(*args: object, **kwargs: object) -> object:
        found = new_names(*args, **kwargs)  # type: ignore[arg-type]
        quick.append([rel for rel, _full, _id in found[0]])
        return found

    monkeypatch.setattr(index, "_new_names", watched)
    summary = index.build(seeds, ix_dir)
    assert quick == [["nieuwe notitie ü.txt"]]  # the indexed name with spaces and an accent is known, the sidecar skipped
    # the new sidecar changed an indexed document: the full scan, not the first step, updates it
    assert (summary.added, summary.updated) == (["nieuwe notitie ü"], ["oude notitie é"])
    assert hit_ids(ix_dir, "ambassade") == summary.added


def test_an_incremental_build_that_adds_a_document_never_imports_numpy(tmp_path: Path) -> None:
    """`searchsvc index` adding a few documents runs without numpy (~0.12 s of its start): none of their terms
    has posting arrays, and the query modules stay unimported."""
    seeds = copy_seeds(tmp_path / "seeds")
    index.build(seeds, tmp_path / "ix", full=True, procs=1)
    (seeds / "new.txt").write_text("Die Bundesregierung wies zwei Diplomaten aus; persona non grata.\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from searchsvc import cli, index; "
        f"s = index.build(Path({str(seeds)!r}), Path({str(tmp_path / 'ix')!r}), procs=1); "
        "print(s.added, 'numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['new']", "False"]
    assert hit_ids(tmp_path / "ix", "persona non grata")[:1] and "new" in hit_ids(tmp_path / "ix", "Diplomaten")
