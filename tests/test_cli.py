"""The real `searchsvc` console script, run as a subprocess against copies of the seeds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from searchsvc import index, listing

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SCRIPT = Path(sys.executable).parent / "searchsvc"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "searchsvc.cli"]
COMMANDS = ("index", "search", "serve")


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True, timeout=120)


def cli_env(seeds: Path, index_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(SEARCHSVC_SEEDS_DIR=str(seeds), SEARCHSVC_INDEX_DIR=str(index_dir))
    return env


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], subprocess.CompletedProcess[str]]:
    """The environment of a seeds copy that `searchsvc index` indexed, and that first run's result."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(SEEDS, root / "seeds")
    env = cli_env(root / "seeds", root / "index")
    return env, run(env, "index")


def search_json(env: dict[str, str], query: str, *extra: str) -> dict:
    result = run(env, "search", query, "--json", "--limit", "10", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_index_prints_the_summary_line(indexed) -> None:
    env, result = indexed
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"full build \S+: 5 documents; added 5, updated 0, removed 0, unchanged 0, skipped 0 \(\d+\.\d\d s\)\n",
        result.stdout,
    )
    assert index.current_build(Path(env["SEARCHSVC_INDEX_DIR"])) is not None


def test_second_index_is_incremental_and_json(indexed) -> None:
    env, _ = indexed
    result = run(env, "index", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["full"] is False
    assert summary["counts"] == {"added": 0, "updated": 0, "removed": 0, "unchanged": 5, "skipped": 0}


def test_index_lists_skipped_files(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), seeds)
    (seeds / "empty.txt").write_bytes(b"")
    result = run(cli_env(seeds, tmp_path / "index"), "index")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "added 1" in lines[0] and "skipped 1" in lines[0]
    assert lines[1:] == ["  skipped empty.txt: empty file"]


def test_bad_seeds_dir_exits_1_with_one_error_line(tmp_path: Path) -> None:
    result = run(cli_env(tmp_path / "no-such-folder", tmp_path / "index"), "index")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"error: seeds folder {tmp_path / 'no-such-folder'} does not exist\n"


def test_bad_setting_exits_1_with_one_error_line(tmp_path: Path) -> None:
    env = cli_env(SEEDS, tmp_path / "index") | {"SEARCHSVC_STEMMER": "porter"}
    result = run(env, "index")
    assert result.returncode == 1
    assert result.stderr.startswith("error: SEARCHSVC_STEMMER='porter' must be 'pystemmer' or 'nltk'")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "index").exists()


def test_search_without_an_index_exits_1(tmp_path: Path) -> None:
    result = run(cli_env(SEEDS, tmp_path / "index"), "search", "diplomaat")
    assert result.returncode == 1
    assert result.stderr == f"error: no index in {tmp_path / 'index'}; build one with `searchsvc index`\n"


def test_empty_query_exits_1(indexed) -> None:
    env, _ = indexed
    result = run(env, "search", "  ")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


def test_search_phrase(indexed) -> None:
    env, _ = indexed
    result = search_json(env, '"persona non grata"')
    ids = [h["id"] for h in result["hits"]]
    assert sorted(ids) == ["000_1e7f0d94218035f2", "004_9aa5411390716ea1"]
    for hit in result["hits"]:
        assert any("<mark>persona</mark>" in p["html"] for p in hit["passages"]), hit["id"]


def test_search_dutch_stem(indexed) -> None:
    env, _ = indexed
    result = search_json(env, "diplomaat")
    ids = {h["id"] for h in result["hits"]}
    assert {"000_1e7f0d94218035f2", "002_9f455500eaf14fbe"} <= ids
    for hit in result["hits"]:
        if hit["language"] == "nl":
            assert any("<mark>diplomaten</mark>" in p["html"] for p in hit["passages"]), hit["id"]


def test_search_english_stem(indexed) -> None:
    env, _ = indexed
    result = search_json(env, "expel", "--no-translate")  # within English; test_xlang_search has translations
    assert [h["id"] for h in result["hits"]] == ["001_a1e633dddb5f6fbd"]
    assert any("<mark>expelled</mark>" in p["html"] for p in result["hits"][0]["passages"])


def test_search_dehyphenated_word(indexed) -> None:
    env, _ = indexed
    result = search_json(env, "inlichtingendiensten")
    assert "004_9aa5411390716ea1" in [h["id"] for h in result["hits"]]
    hit = next(h for h in result["hits"] if h["id"] == "004_9aa5411390716ea1")
    assert any("<mark>inlichtingendiensten</mark>" in p["html"] for p in hit["passages"])


def test_search_text_output(indexed) -> None:
    env, _ = indexed
    result = run(env, "search", "expel", "--limit", "1", "--no-translate")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"1 documents match 'expel' \(\d+(\.\d+)? ms\)", lines[0])
    assert "(001_a1e633dddb5f6fbd)" in result.stdout
    assert "expelled" in result.stdout and "<mark>" not in result.stdout


def test_index_while_locked_exits_1(indexed) -> None:
    env, _ = indexed
    index_dir = Path(env["SEARCHSVC_INDEX_DIR"])
    before = index.current_build(index_dir)
    with index.WriterLock(index_dir, job="test"):
        result = run(env, "index")
    assert result.returncode == 1
    assert result.stderr == "error: a reindex is already running\n"
    assert index.current_build(index_dir) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command: str) -> None:
    result = run(dict(os.environ), command, "--help")
    assert result.returncode == 0, result.stderr
    examples = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Example:")]
    assert len(examples) == 1
    assert examples[0].startswith(f"Example: searchsvc {command}")


def test_main_help_lists_every_command_and_the_readme_mentions_them() -> None:
    result = run(dict(os.environ), "--help")
    assert result.returncode == 0
    listed = re.findall(r"^  (\w+)\s", result.stdout.split("Commands:", 1)[1], flags=re.M)
    assert sorted(listed) == sorted(COMMANDS)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"searchsvc {command}" in readme, command


def test_a_new_file_is_found_through_the_early_listing(tmp_path: Path) -> None:
    """`searchsvc index` lists the seeds folder in a child while it starts; a new file (odd name included) is indexed."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    env = cli_env(seeds, tmp_path / "index")
    assert run(env, "index").returncode == 0
    (seeds / "Nieuw bericht é.txt").write_text("De uitgezette diplomaten vertrokken gisteren met het xylofoonbericht.\n", encoding="utf-8")
    result = run(env, "index", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["counts"]["added"] == 1 and summary["counts"]["unchanged"] == 5, summary
    found = search_json(env, "xylofoonbericht")
    assert found["total"] == 1 and "xylofoonbericht" in found["hits"][0]["passages"][0]["html"], found


def test_early_listing_equals_listdir_and_is_dropped_when_the_folder_changed(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    names = ["a.txt", "b c.txt", "ä ö.md", "x.meta.json", os.fsdecode(b"bad-\xff.txt")]
    for name in names:
        (folder / name).write_bytes(b"x")
    key = lambda: (os.stat(folder).st_ino, os.stat(folder).st_mtime_ns)  # noqa: E731
    listing.start(folder)
    assert sorted(listing.take(folder, key()) or []) == sorted(os.listdir(folder)) == sorted(names)
    assert listing.take(folder, key()) is None  # taken once
    listing.start(folder)
    (folder / "new.txt").write_bytes(b"x")  # after the listing began: the folder's mtime moved
    assert listing.take(folder, key()) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    listing.start(empty)
    assert listing.take(empty, (os.stat(empty).st_ino, os.stat(empty).st_mtime_ns)) == []
    listing.start(folder)
    listing.discard()  # a build that did not need it: the child is stopped and reaped (no ResourceWarning)
    assert listing.take(folder, key()) is None
