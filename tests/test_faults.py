"""Faults, CI-sized: a damaged or missing index, a full disk during a build, a gunicorn worker killed mid-request,
and builds killed with SIGKILL at random points. Real index, real Flask app, real console scripts, real gunicorn,
a real tmpfs (CI runs as root). The long version with 10,000 documents is bench/soak.py."""

from __future__ import annotations

import hashlib
import http.client
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import pytest
from flask.testing import FlaskClient

from searchsvc import index as index_mod
from searchsvc.errors import DiskFull
from searchsvc.web import create_app
from _servers import free_port

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
        # (A word searched before the damage is answered from the worker's decoded postings, read when
        # they were sound; so the first search here is for a word this worker has not read yet.)
        failed = client.get("/api/search?q=spionage")
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


# --- a gunicorn worker killed mid-request ----------------------------------------------------------



def get_status(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code


def workers_of(master: int) -> list[int]:
    """Return the pids of the gunicorn master's children."""
    try:
        return sorted(int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split())
    except FileNotFoundError:
        return []


def test_worker_killed_mid_request_is_replaced_and_next_requests_succeed(small: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, index_dir = copy_small(small, tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        # `searchsvc serve` execs gunicorn, so this process is the master.
        master = subprocess.Popen(
            [str(SEARCHSVC), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
             "--seeds", str(seeds), "--index", str(index_dir)],
            env=clean_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    stop = threading.Event()
    results: list[tuple[float, int | str]] = []

    def burst() -> None:
        while not stop.is_set():
            try:
                results.append((time.monotonic(), get_status(base + "/search?q=diplomaten&passages=3")))
            except (OSError, http.client.HTTPException) as exc:  # the request the killed worker was answering
                # (killed before its answer: connection reset; killed while writing it: an incomplete read)
                results.append((time.monotonic(), repr(exc)))

    try:
        deadline = time.monotonic() + 30
        while True:
            assert master.poll() is None, log.read_text(errors="replace")
            try:
                if get_status(base + "/healthz", timeout=2) == 200 and len(workers_of(master.pid)) == 2:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up:\n" + log.read_text(errors="replace")
            time.sleep(0.1)
        before = workers_of(master.pid)
        threads = [threading.Thread(target=burst) for _ in range(4)]  # more clients than workers: both stay busy
        for t in threads:
            t.start()
        time.sleep(1.0)
        victim = before[0]
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        while True:
            now = workers_of(master.pid)
            if len(now) == 2 and victim not in now:
                break
            assert time.monotonic() - killed_at < 15, f"the master did not replace worker {victim}: {now}"
            time.sleep(0.01)
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join(15)
        assert master.poll() is None
        failed = [r for r in results if r[1] != 200]
        # With sync workers a worker answers one request at a time: at most that one can fail.
        assert len(failed) <= 1, failed
        assert all(
            isinstance(r, str) and ("Remote" in r or "reset" in r.lower() or "IncompleteRead" in r) for _t, r in failed
        ), failed
        assert len([r for r in results if r[0] > killed_at and r[1] == 200]) > 5  # served on after the kill
        statuses = [get_status(f"{base}/api/search?q=diplomaten") for _ in range(20)]
        assert statuses == [200] * 20
        assert set(workers_of(master.pid)) - set(before), "both workers should not be the old ones"
    finally:
        stop.set()
        master.terminate()
        try:
            master.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(master.pid, signal.SIGKILL)
            master.wait(5)


# --- builds killed with SIGKILL at random points ----------------------------------------------------

WORDS = {
    "en": "the government said that the embassy staff were expelled after the report on espionage".split(),
    "de": "die Regierung erklärte dass die Diplomaten ausgewiesen wurden nachdem der Bericht erschien".split(),
    "nl": "de regering verklaarde dat de diplomaten werden uitgezet nadat het rapport over spionage verscheen".split(),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """Return (seeds, index, seconds a full CLI build takes) for 80 generated letters."""
    root = tmp_path_factory.mktemp("generated")
    seeds = root / "seeds"
    seeds.mkdir()
    rng = random.Random(5)
    for i in range(80):
        words = WORDS[("en", "de", "nl")[i % 3]]
        paras = [" ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(2)]
        (seeds / f"letter{i:03d}.txt").write_text(f"Letter {i}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    started = time.monotonic()
    done = cli("index", "--full", "--seeds", str(seeds), "--index", str(root / "index"))
    assert done.returncode == 0, done.stderr
    return seeds, root / "index", time.monotonic() - started


def test_builds_killed_at_random_points_leave_the_last_good_build_serving(
    generated: tuple[Path, Path, float], tmp_path: Path
) -> None:
    seeds, built, build_s = generated
    index_dir = tmp_path / "index"
    shutil.copytree(built, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    hashes = seed_hashes(seeds)
    app = create_app({"index_dir": str(index_dir)})
    client = app.test_client()
    before = client.get(QUERY).get_json()["total"]
    assert before > 0
    rng = random.Random(11)
    killed_mid_build = 0
    try:
        for _run in range(3):
            previous = index_mod.current_build(index_dir)
            proc = subprocess.Popen(
                [str(SEARCHSVC), "index", "--full", "--seeds", str(seeds), "--index", str(index_dir)],
                env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            try:
                proc.wait(rng.uniform(0.2, 0.9) * build_s)  # a random point of the build (start-up included)
            except subprocess.TimeoutExpired:
                killed_mid_build += bool(tmp_builds(index_dir))
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(10)
            assert proc.returncode in (0, -signal.SIGKILL)
            current = index_mod.current_build(index_dir)
            if current != previous:  # the kill came after the switch (or the build finished): a complete build
                assert index_mod.read_manifest(index_dir, current) is not None
                index_mod.open_index(index_dir)
            assert not index_mod.reindex_running(index_dir)  # the kernel dropped the dead build's lock
            health = client.get("/healthz")
            assert health.status_code == 200 and health.get_json()["index"] == index_mod.current_build(index_dir)
            assert client.get(QUERY).get_json()["total"] == before
            # The next reindex succeeds, removes the half-written build and is what the app serves next.
            nxt = cli("index", "--seeds", str(seeds), "--index", str(index_dir))
            assert nxt.returncode == 0, nxt.stderr
            assert tmp_builds(index_dir) == []
            assert client.get("/healthz").get_json()["index"] == index_mod.current_build(index_dir) != previous
            assert client.get(QUERY).get_json()["total"] == before
        assert killed_mid_build >= 1, "no kill landed while a build was being written; the corpus is too small"
        assert seed_hashes(seeds) == hashes  # no seed file lost or changed
    finally:
        app.extensions["searchsvc_index"].close()
