"""Faults, CI-sized: a damaged or missing index, a full disk during a build, a gunicorn worker killed mid-request,
and builds killed with SIGKILL at random points. Real index, real Flask app, real console scripts, real gunicorn,
a real tmpfs (CI runs as root). The long version with 10,000 documents is bench/soak.py."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from flask.testing import FlaskClient

from searchsvc import index as index_mod
from searchsvc.errors import DiskFull
from searchsvc.web import create_app

pytestmark = pytest.mark.slow

SEARCHSVC = Path(sys.executable).with_name("searchsvc")
REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D000 = "000_1e7f0d94218035f2"
QUERY = "/api/search?q=diplomaten"


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(values)
    return env


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `searchsvc` console script."""
    return subprocess.run([str(SEARCHSVC), *args], env=clean_env(), capture_output=True, text=True, timeout=timeout)


def current_files(index_dir: Path) -> list[Path]:
    build = index_mod.current_build(index_dir)
    assert build
    return sorted(index_mod.build_path(index_dir, build).iterdir())


def segment_file(index_dir: Path, suffix: str) -> Path:
    found = [p for p in current_files(index_dir) if p.name.endswith(suffix)]
    assert found, f"no {suffix} file in {current_files(index_dir)}"
    return found[0]


def tmp_builds(index_dir: Path) -> list[str]:
    return [n for n in os.listdir(index_dir / index_mod.BUILDS) if n.startswith(".tmp-")]


def seed_hashes(seeds: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(seeds.iterdir())}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return (seeds, index): the three short seed letters and their index, built once (do not modify)."""
    root = tmp_path_factory.mktemp("small")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted(REPO_SEEDS.iterdir()):
        if path.name[:3] in ("000", "001", "002"):
            shutil.copy(path, seeds / path.name)
    index_mod.build(seeds, root / "index", full=True)
    return seeds, root / "index"


def copy_small(small: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """Return a private copy of the small seeds and index."""
    seeds, index_dir = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(small[0], seeds)
    shutil.copytree(small[1], index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    return seeds, index_dir


# --- a damaged or missing index ------------------------------------------------------------------


def truncate_postings(index_dir: Path) -> None:
    path = segment_file(index_dir, ".pst")
    os.truncate(path, path.stat().st_size // 2)


def garbage_terms(index_dir: Path) -> None:
    path = segment_file(index_dir, ".trm")
    path.write_bytes(random.Random(1).randbytes(path.stat().st_size))


def delete_column(index_dir: Path) -> None:
    segment_file(index_dir, "._stored.col").unlink()


def bit_rot_postings(index_dir: Path) -> None:
    """Overwrite the postings in place and put the old times back: nothing on disk looks changed but the bytes."""
    path = segment_file(index_dir, ".pst")
    st = path.stat()
    with open(path, "r+b") as fh:
        fh.write(random.Random(2).randbytes(st.st_size))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def pointer_to_missing_build(index_dir: Path) -> None:
    (index_dir / index_mod.POINTER).write_text("20990101T000000000000-gone00\n", encoding="ascii")


def delete_index_dir(index_dir: Path) -> None:
    shutil.rmtree(index_dir)


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    # name: (what to do, words the 503 message must contain)
    "truncated postings": (truncate_postings, "damaged"),
    "garbage terms file": (garbage_terms, "damaged"),
    "deleted stored-fields file": (delete_column, "damaged"),
    "bit rot, file times kept": (bit_rot_postings, "damaged"),
    "CURRENT names a missing build": (pointer_to_missing_build, "does not exist"),
    "index folder deleted": (delete_index_dir, "no index"),
}


def assert_503(client: FlaskClient, words: str, search_first: bool = False) -> str:
    """Check /healthz, the API, a document and the HTML page all say 503 with a readable reason; return it."""
    if search_first:
        # Bit rot inside a file a worker already has open shows at the first search that reads it; that
        # search gets the 503 and the worker stops using the build, so /healthz says so from then on.
        failed = client.get(QUERY)
        assert failed.status_code == 503 and words in failed.get_json()["error"]["message"], failed.get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503, health.get_data(as_text=True)
    body = health.get_json()
    assert body["status"] == "unavailable" and body["error"]["code"] == "index_unavailable"
    message = body["error"]["message"]
    assert words in message and "searchsvc index" in message, message
    for path in (QUERY, f"/api/documents/{D000}"):
        resp = client.get(path)
        assert resp.status_code == 503, (path, resp.get_data(as_text=True))
        assert resp.get_json()["error"]["code"] == "index_unavailable"
        assert words in resp.get_json()["error"]["message"]
    page = client.get("/search?q=diplomaten")
    assert page.status_code == 503 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Search is not available" in html and words in html
    return message


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_answers_503_and_index_full_recovers(
    damage: str, small: tuple[Path, Path], tmp_path: Path
) -> None:
    seeds, index_dir = copy_small(small, tmp_path)
    good = index_mod.current_build(index_dir)
    warm_app = create_app({"index_dir": str(index_dir)})  # a worker that had the index open before the damage
    warm = warm_app.test_client()
    before = warm.get(QUERY).get_json()["total"]
    assert before > 0
    do, words = DAMAGE[damage]
    do(index_dir)

    cold_app = create_app({"index_dir": str(index_dir)})  # a worker started (or restarted) after it
    cold = cold_app.test_client()
    try:
        message = assert_503(cold, words)
        if damage == "CURRENT names a missing build":
            # The old build is intact: a worker that has it open keeps answering from it, but says the
            # index needs a rebuild, so monitoring sees it.
            health = warm.get("/healthz")
            assert health.status_code == 503 and words in health.get_json()["error"]["message"]
            assert health.get_json()["index"] == good
            assert warm.get(QUERY).get_json()["total"] == before
        else:
            assert assert_503(warm, words, search_first=damage.startswith("bit rot")) == message

        result = cli("index", "--full", "--seeds", str(seeds), "--index", str(index_dir))
        assert result.returncode == 0, result.stderr
        assert "full build" in result.stdout
        # Both recover without a restart: the next request opens the new build.
        for client in (cold, warm):
            health = client.get("/healthz")
            assert health.status_code == 200, health.get_data(as_text=True)
            assert health.get_json()["index"] == index_mod.current_build(index_dir) != good
            assert client.get(QUERY).get_json()["total"] == before
            assert client.get("/search?q=diplomaten").status_code == 200
    finally:
        warm_app.extensions["searchsvc_index"].close()
        cold_app.extensions["searchsvc_index"].close()


def test_cli_search_on_damaged_index_is_one_error_line(small: tuple[Path, Path], tmp_path: Path) -> None:
    _seeds, index_dir = copy_small(small, tmp_path)
    garbage_terms(index_dir)
    result = cli("search", "diplomaten", "--index", str(index_dir))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the index build") and "damaged" in lines[0], result.stderr


# --- a full disk ----------------------------------------------------------------------------------


TMPFS_KB = 384  # room for one build of the three short letters (about 264 kB), not for a second one


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """Mount a small tmpfs, unmounted afterwards."""
    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_KB}k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"the disk-full test mounts a tmpfs and needs root (CI runs as root): {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_disk_full_during_build_fails_clearly_and_previous_build_serves(tmpfs: Path, small: tuple[Path, Path]) -> None:
    seeds = small[0]
    index_dir = tmpfs / "index"
    shutil.copytree(small[1], index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    good = index_mod.current_build(index_dir)
    used = shutil.disk_usage(tmpfs).used
    assert used < TMPFS_KB * 1024 < 2 * used, f"{used} bytes used: adjust TMPFS_KB"
    app = create_app({"index_dir": str(index_dir)})
    client = app.test_client()
    before = client.get(QUERY).get_json()["total"]
    assert before > 0
    try:
        result = cli("index", "--full", "--seeds", str(seeds), "--index", str(index_dir))
        assert result.returncode == 1, result.stdout
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: disk full: no space left on the device holding " + str(index_dir)), lines[0]
        assert f"build {good} still serves" in lines[0]
        assert index_mod.current_build(index_dir) == good
        assert tmp_builds(index_dir) == []
        assert sorted(os.listdir(index_dir / index_mod.BUILDS)) == [good]
        assert shutil.disk_usage(tmpfs).used <= used + 16 * 1024  # the half-written build's space is back
        health = client.get("/healthz")
        assert health.status_code == 200 and health.get_json()["index"] == good
        assert client.get(QUERY).get_json()["total"] == before
        # In-process (the admin reindex job's path) it is the same typed error, and the same clean-up.
        with pytest.raises(DiskFull, match="disk full"):
            index_mod.build(seeds, index_dir, full=True)
        assert tmp_builds(index_dir) == [] and index_mod.current_build(index_dir) == good
        assert shutil.disk_usage(tmpfs).used <= used + 16 * 1024
        assert client.get(QUERY).get_json()["total"] == before
    finally:
        app.extensions["searchsvc_index"].close()
