"""Admin API and /admin page, through the Flask test client on a private seeds folder and index.

Real parts throughout: the reindex runs in a real child process (python -m searchsvc.jobs) that takes
over the real flock; the tests wait for its job file to say done.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from searchsvc import index as index_mod
from searchsvc import jobs
from searchsvc.web import create_app

TOKEN = "s3cret-admin-token-✓"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GERMAN = (
    "Der Diplomat wurde ausgewiesen, nachdem die Regierung ihm Spionage für einen fremden Nachrichtendienst "
    "vorgeworfen hatte. Das Auswärtige Amt bestätigte am Montag, dass der Botschaftsrat das Land binnen "
    "achtundvierzig Stunden verlassen muss, und kündigte weitere Schritte gegen das Netzwerk an.\n\n"
    "Die Opposition verlangte eine Sitzung des Ausschusses, um die Hintergründe der Affäre zu klären."
)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def dirs(seeds_copy: Path, seed_index: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A private seeds folder and a private copy of the session's index of those seeds."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    return seeds_copy, index_dir


def make_app(dirs: tuple[Path, Path], **settings: Any) -> Any:
    seeds, index_dir = dirs
    config = {"seeds_dir": str(seeds), "index_dir": str(index_dir), "admin_token": TOKEN} | settings
    app = create_app(config)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(dirs: tuple[Path, Path]) -> Any:
    return make_app(dirs).test_client()


def wait_job(client: Any, job: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/api/admin/jobs/{job}", headers=AUTH)
        assert r.status_code == 200, r.get_json()
        data = r.get_json()
        if data["state"] not in ("queued", "running"):
            return data
        assert time.monotonic() < deadline, f"job {job} still {data['state']} after {timeout} s"
        time.sleep(0.05)


def wait_idle(index_dir: Path, timeout: float = 10.0) -> None:
    """Wait until the job process has exited and let go of the lock."""
    deadline = time.monotonic() + timeout
    while index_mod.reindex_running(index_dir):
        assert time.monotonic() < deadline
        time.sleep(0.02)


def upload(client: Any, *files: tuple[bytes, str], headers: dict[str, str] | None = None) -> Any:
    data = {"files": [(io.BytesIO(content), name) for content, name in files]}
    return client.post("/api/admin/documents", headers=AUTH if headers is None else headers, data=data,
                       content_type="multipart/form-data")


def search_ids(client: Any, q: str) -> list[str]:
    r = client.get("/api/search", query_string={"q": q, "per_page": 100})
    assert r.status_code == 200, r.get_json()
    return [h["id"] for h in r.get_json()["hits"]]


# --- auth -----------------------------------------------------------------------------------


ENDPOINTS = [
    ("post", "/api/admin/reindex"),
    ("post", "/api/admin/reindex?full=1"),
    ("get", "/api/admin/jobs/20250101T000000-abcdef01"),
    ("get", "/api/admin/jobs"),
    ("post", "/api/admin/documents"),
    ("delete", "/api/admin/documents/000_1e7f0d94218035f2"),
    ("get", "/api/admin/status"),
]


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_without_valid_token_401_and_nothing_changes(client: Any, dirs: tuple[Path, Path], method: str, path: str) -> None:
    seeds, index_dir = dirs
    before = snapshot(seeds)
    build = index_mod.current_build(index_dir)
    for header in (None, "Bearer wrong-token", "Basic " + TOKEN, "Bearer", TOKEN, "Bearer " + TOKEN[:-1]):
        headers = {"Authorization": header} if header is not None else {}
        kwargs: dict[str, Any] = {"headers": headers}
        if path == "/api/admin/documents":
            kwargs.update(data={"files": [(io.BytesIO(GERMAN.encode()), "x.txt")]}, content_type="multipart/form-data")
        r = getattr(client, method)(path, **kwargs)
        assert r.status_code == 401, header
        body = r.get_json()
        assert body["error"]["code"] == "unauthorized" and "Authorization: Bearer" in body["error"]["message"]
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert TOKEN not in r.get_data(as_text=True)
    assert snapshot(seeds) == before
    assert not (index_dir / "jobs").exists()
    assert not index_mod.reindex_running(index_dir)
    assert index_mod.current_build(index_dir) == build


def test_right_token_is_accepted(client: Any) -> None:
    r = client.get("/api/admin/status", headers=AUTH)
    assert r.status_code == 200
    data = r.get_json()
    assert data["documents"] == 5 and data["pending"] == [] and data["build"]["id"]
    assert set(data["languages"]) <= {"nl", "en", "de"}


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_no_token_configured_503(dirs: tuple[Path, Path], method: str, path: str) -> None:
    client = make_app(dirs, admin_token="").test_client()
    r = getattr(client, method)(path, headers=AUTH)
    assert r.status_code == 503
    body = r.get_json()
    assert body["error"]["code"] == "admin_disabled"
    assert "SEARCHSVC_ADMIN_TOKEN" in body["error"]["message"]
    page = client.get("/admin")
    assert page.status_code == 503 and "SEARCHSVC_ADMIN_TOKEN" in page.get_data(as_text=True)


# --- reindex and jobs -----------------------------------------------------------------------


def test_reindex_job_runs_in_background_and_reports(client: Any, dirs: tuple[Path, Path]) -> None:
    _seeds, index_dir = dirs
    old = index_mod.current_build(index_dir)
    r = client.post("/api/admin/reindex?full=1", headers=AUTH)
    assert r.status_code == 202
    job = r.get_json()["job"]
    assert r.headers["Location"] == f"/api/admin/jobs/{job}"
    data = wait_job(client, job)
    assert data["state"] == "done", data
    assert data["kind"] == "full" and data["progress"] == {"done": 5, "total": 5}
    s = data["summary"]
    assert s["full"] and s["counts"]["added"] == 5 and s["skipped"] == []
    for key in ("added", "updated", "removed", "unchanged", "skipped"):
        assert key in s
    assert index_mod.current_build(index_dir) == s["build"] != old
    listed = client.get("/api/admin/jobs", headers=AUTH).get_json()["jobs"]
    assert listed[0]["id"] == job


def test_unknown_job_404(client: Any) -> None:
    for job in ("20250101T000000-abcdef01", "nonsense", "..%2f..%2fetc%2fpasswd"):
        r = client.get(f"/api/admin/jobs/{job}", headers=AUTH)
        assert r.status_code == 404
        assert r.get_json()["error"]["code"] == "not_found"


def test_reindex_while_lock_held_409_with_running_job(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    before = snapshot(seeds)
    with index_mod.WriterLock(index_dir, "cli-job-42"):
        r = client.post("/api/admin/reindex", headers=AUTH)
        assert r.status_code == 409
        err = r.get_json()["error"]
        assert err["code"] == "reindex_running" and err["job"] == "cli-job-42" and "cli-job-42" in err["message"]
        # Uploads and withdrawals are refused too, and write nothing.
        r = upload(client, (GERMAN.encode(), "neu.txt"))
        assert r.status_code == 409 and r.get_json()["error"]["job"] == "cli-job-42"
        r = client.delete("/api/admin/documents/000_1e7f0d94218035f2", headers=AUTH)
        assert r.status_code == 409
        assert snapshot(seeds) == before
        status = client.get("/api/admin/status", headers=AUTH).get_json()
        assert status["reindex_running"] and status["running_job"] == "cli-job-42"
    r = client.post("/api/admin/reindex", headers=AUTH)
    assert r.status_code == 202
    assert wait_job(client, r.get_json()["job"])["state"] == "done"


def test_concurrent_reindex_requests_exactly_one_wins(dirs: tuple[Path, Path]) -> None:
    # Two app instances stand for two gunicorn workers; a barrier lines their requests up.
    _seeds, index_dir = dirs
    for _round in range(2):
        clients = [make_app(dirs).test_client() for _ in range(4)]
        barrier = threading.Barrier(len(clients))
        results: list[Any] = [None] * len(clients)

        def fire(i: int) -> None:
            barrier.wait()
            r = clients[i].post("/api/admin/reindex", headers=AUTH)
            results[i] = (r.status_code, r.get_json())

        threads = [threading.Thread(target=fire, args=(i,)) for i in range(len(clients))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        codes = sorted(code for code, _ in results)
        assert codes == [202, 409, 409, 409], results
        winner = next(body["job"] for code, body in results if code == 202)
        for code, body in results:
            if code == 409:
                assert body["error"]["code"] == "reindex_running"
                assert body["error"]["job"] == winner
        assert wait_job(clients[0], winner)["state"] == "done"
        wait_idle(index_dir)


def test_job_whose_process_died_reads_as_failed(dirs: tuple[Path, Path], client: Any) -> None:
    _seeds, index_dir = dirs
    job = jobs.new_job_id()
    jobs.write_job(index_dir, {"id": job, "state": "running", "created_ts": time.time() - 60, "progress": {"done": 1, "total": 5}})
    data = client.get(f"/api/admin/jobs/{job}", headers=AUTH).get_json()
    assert data["state"] == "failed" and "ended without finishing" in data["error"]


# --- upload -----------------------------------------------------------------------------------


def test_upload_german_article_found_by_stemmed_form(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, _index_dir = dirs
    assert search_ids(client, "Diplomaten") == [] or "Ausweisung" not in search_ids(client, "Diplomaten")
    meta = json.dumps({"title": "Diplomat ausgewiesen", "date": "2024-03-04", "source": "Testzeitung"}).encode()
    r = upload(client, (GERMAN.encode(), "Ausweisung eines Diplomaten – Bericht.txt"),
               (meta, "Ausweisung eines Diplomaten – Bericht.meta.json"))
    assert r.status_code == 202, r.get_json()
    body = r.get_json()
    name = "Ausweisung eines Diplomaten – Bericht"
    assert body["stored"] == [f"{name}.txt", f"{name}.meta.json"]
    assert (seeds / f"{name}.txt").read_text(encoding="utf-8") == GERMAN
    data = wait_job(client, body["job"])
    assert data["state"] == "done" and data["summary"]["added"] == [name]
    assert name in search_ids(client, "Diplomaten")  # the article says 'Diplomat'
    doc = client.get(f"/api/documents/{name}").get_json()["document"]
    assert doc["language"] == "de" and doc["title"] == "Diplomat ausgewiesen" and doc["source"] == "Testzeitung"


def test_upload_replaces_and_keeps_old_version(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    r = upload(client, (GERMAN.encode(), "artikel.md"))
    assert wait_job(client, r.get_json()["job"])["state"] == "done"
    wait_idle(index_dir)
    r = upload(client, (GERMAN.replace("Montag", "Dienstag").encode(), "artikel.md"))
    assert r.status_code == 202
    assert r.get_json()["replaced"] == [".withdrawn/artikel.md"]
    assert "Montag" in (seeds / ".withdrawn" / "artikel.md").read_text(encoding="utf-8")
    data = wait_job(client, r.get_json()["job"])
    assert data["summary"]["updated"] == ["artikel"]
    wait_idle(index_dir)
    # The same id under another extension is refused: it would be a duplicate id.
    before = snapshot(seeds)
    r = upload(client, (GERMAN.encode(), "artikel.txt"))
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "duplicate_id"
    assert snapshot(seeds) == before


BINARY = bytes(range(256)) * 3  # under the 1000-byte limit of the refusal tests


@pytest.mark.parametrize(
    "files,status,code",
    [
        ([(b"x" * 2000, "gross.txt")], 413, "too_large"),
        ([(BINARY, "bild.txt")], 415, "not_text"),
        ([(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "bild.md")], 415, "not_text"),
        ([(b"   \n\n  ", "leer.txt")], 415, "not_text"),
        ([(GERMAN.encode(), "../evil.txt")], 400, "bad_name"),
        ([(GERMAN.encode(), "sub/evil.txt")], 400, "bad_name"),
        ([(GERMAN.encode(), "..\\evil.txt")], 400, "bad_name"),
        ([(GERMAN.encode(), ".hidden.txt")], 400, "bad_name"),
        ([(GERMAN.encode(), "")], 400, None),
        ([(GERMAN.encode(), "bericht.pdf")], 415, "unsupported_type"),  # a supported extension, but not a PDF inside
        ([(GERMAN.encode(), "bericht")], 415, "unsupported_type"),
        ([(GERMAN.encode(), "a.txt"), (b"{not json", "a.meta.json")], 400, "bad_metadata"),
        ([(GERMAN.encode(), "a.txt"), (b"[1, 2]", "a.meta.json")], 400, "bad_metadata"),
        ([(GERMAN.encode(), "a.txt"), (b'{"title": "x"}', "b.meta.json")], 400, "bad_metadata"),
        ([(GERMAN.encode(), "a.txt"), (GERMAN.encode(), "a.md")], 400, "duplicate_name"),
        # one good file and one bad one: nothing of the good one is written either
        ([(GERMAN.encode(), "gut.txt"), (BINARY, "schlecht.txt")], 415, "not_text"),
        ([(GERMAN.encode(), "gut.txt"), (b"x" * 2000, "gross.txt")], 413, "too_large"),
    ],
)
def test_upload_refusals_write_nothing(dirs: tuple[Path, Path], files: list[tuple[bytes, str]], status: int, code: str | None) -> None:
    seeds, index_dir = dirs
    client = make_app(dirs, max_file_mb=0.001).test_client()  # 1000 bytes
    before = snapshot(seeds)
    r = upload(client, *files)
    assert r.status_code == status, r.get_json()
    err = r.get_json()["error"]
    if code:
        assert err["code"] == code
    assert err["message"]
    if status != 400 or code != "bad_name":
        assert "nothing was stored" in err["message"] or code is None
    assert snapshot(seeds) == before
    assert not (seeds.parent / "evil.txt").exists()
    assert not (index_dir / "jobs").exists()


def test_upload_without_files_400(client: Any) -> None:
    r = client.post("/api/admin/documents", headers=AUTH, data={}, content_type="multipart/form-data")
    assert r.status_code == 400 and "files" in r.get_json()["error"]["message"]


def test_safe_names_keep_letters_and_spaces() -> None:
    from searchsvc.web.admin import Refusal, safe_name

    assert safe_name("Straße und Café – Bericht (2).txt") == "Straße und Café – Bericht (2).txt"
    assert safe_name("Über die Lage.md") == "Über die Lage.md"
    assert safe_name("a<b>|c?.txt") == "a_b__c_.txt"
    assert safe_name("  spaced   out .txt ") == "spaced out .txt"
    for bad in ("../x.txt", "/etc/passwd.txt", "a/../../b.txt", ".env.txt", "a\x00.txt", "C:\\x.txt", ".."):
        with pytest.raises(Refusal):
            safe_name(bad)


# --- withdraw -------------------------------------------------------------------------------


def test_withdraw_moves_file_and_document_disappears(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    r = upload(client, (GERMAN.encode(), "diplomat.txt"), (b'{"title": "T"}', "diplomat.meta.json"))
    assert wait_job(client, r.get_json()["job"])["state"] == "done"
    wait_idle(index_dir)
    assert "diplomat" in search_ids(client, "Diplomaten")

    r = client.delete("/api/admin/documents/diplomat", headers=AUTH)
    assert r.status_code == 202
    assert not (seeds / "diplomat.txt").exists() and not (seeds / "diplomat.meta.json").exists()
    assert (seeds / ".withdrawn" / "diplomat.txt").read_text(encoding="utf-8") == GERMAN
    assert (seeds / ".withdrawn" / "diplomat.meta.json").exists()
    data = wait_job(client, r.get_json()["job"])
    assert data["state"] == "done" and data["summary"]["removed"] == ["diplomat"]
    assert "diplomat" not in search_ids(client, "Diplomaten")
    assert client.get("/api/documents/diplomat").status_code == 404
    wait_idle(index_dir)

    # Upload and withdraw again: the second copy in .withdrawn gets a timestamp, nothing is overwritten.
    r = upload(client, (GERMAN.encode() + b"\n\nZweite Fassung.", "diplomat.txt"))
    assert wait_job(client, r.get_json()["job"])["state"] == "done"
    wait_idle(index_dir)
    r = client.delete("/api/admin/documents/diplomat", headers=AUTH)
    assert r.status_code == 202
    withdrawn = sorted(p.name for p in (seeds / ".withdrawn").iterdir())
    assert "diplomat.txt" in withdrawn and "diplomat.meta.json" in withdrawn
    stamped = [n for n in withdrawn if re.fullmatch(r"diplomat\.\d{8}T\d{6}Z(-[0-9a-f]{6})?\.txt", n)]
    assert len(stamped) == 1 and b"Zweite Fassung" in (seeds / ".withdrawn" / stamped[0]).read_bytes()
    assert wait_job(client, r.get_json()["job"])["state"] == "done"


def test_withdraw_unknown_404(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    before = snapshot(seeds)
    for doc_id in ("no-such-document", "../000_1e7f0d94218035f2"):
        r = client.delete(f"/api/admin/documents/{doc_id}", headers=AUTH)
        assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    assert snapshot(seeds) == before and not (index_dir / "jobs").exists()


def test_status_lists_seeds_not_yet_indexed(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, _index_dir = dirs
    (seeds / "neu.txt").write_text(GERMAN, encoding="utf-8")
    (seeds / "000_1e7f0d94218035f2.txt").rename(seeds / "gone.bak")
    pending = client.get("/api/admin/status", headers=AUTH).get_json()["pending"]
    reasons = {p["id"]: p["reason"] for p in pending}
    assert reasons["neu"].startswith("new")
    assert "gone" in reasons["000_1e7f0d94218035f2"]


def test_openapi_lists_admin_paths(client: Any) -> None:
    spec = client.get("/api/openapi.json").get_json()
    for path in ("/api/admin/reindex", "/api/admin/jobs/{id}", "/api/admin/documents", "/api/admin/documents/{id}", "/api/admin/status"):
        assert path in spec["paths"], path
    assert "/api/search" in spec["paths"]


# --- the /admin page ------------------------------------------------------------------------------


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html
    return m.group(1)


def sign_in(client: Any) -> str:
    page = client.get("/admin")
    assert page.status_code == 200 and 'type="password"' in page.get_data(as_text=True)
    r = client.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.get_data(as_text=True))})
    assert r.status_code == 303 and r.headers["Location"].endswith("/admin")
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    page = client.get("/admin")
    assert page.status_code == 200
    return csrf_of(page.get_data(as_text=True))


def test_admin_page_sign_in_and_csrf(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    page = client.get("/admin")
    html = page.get_data(as_text=True)
    assert "Content-Security-Policy" in page.headers and "<script>" not in html
    csrf = csrf_of(html)
    # Wrong token: refused, not signed in.
    r = client.post("/admin/login", data={"token": "nope", "csrf": csrf})
    # Post/redirect/get, also after a failure: the error shows on the page the redirect leads to.
    assert r.status_code == 303 and r.headers["Location"] == "/admin"
    assert "not the admin token" in client.get("/admin").get_data(as_text=True)
    assert "not the admin token" not in client.get("/admin").get_data(as_text=True)  # shown once
    # No CSRF token, or a wrong one: refused even with the right admin token.
    for form in ({"token": TOKEN}, {"token": TOKEN, "csrf": "forged"}):
        r = client.post("/admin/login", data=form)
        assert r.status_code == 403 and "CSRF" in r.get_data(as_text=True)
    assert 'type="password"' in client.get("/admin").get_data(as_text=True)

    csrf = sign_in(client)
    html = client.get("/admin").get_data(as_text=True)
    assert "Documents" in html and "Last build" in html and 'id="pending"' in html
    assert index_mod.current_build(index_dir) in html

    # Signed in, but a form without its CSRF token changes nothing.
    before = snapshot(seeds)
    r = client.post("/admin/reindex", data={})
    assert r.status_code == 403
    r = client.post("/admin/upload", data={"files": [(io.BytesIO(GERMAN.encode()), "x.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 403
    assert snapshot(seeds) == before and not (index_dir / "jobs").exists()

    # A different browser (no cookie) cannot use the page's CSRF token either.
    other = make_app(dirs).test_client()
    r = other.post("/admin/reindex", data={"csrf": csrf})
    assert r.status_code == 403
    assert not (index_dir / "jobs").exists()

    # Sign out: the page asks for the token again.
    r = client.post("/admin/logout", data={"csrf": csrf})
    assert r.status_code == 303
    assert 'type="password"' in client.get("/admin").get_data(as_text=True)


def test_admin_page_upload_reindex_and_watch(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    csrf = sign_in(client)
    r = client.post(
        "/admin/upload",
        data={"csrf": csrf, "files": [(io.BytesIO(GERMAN.encode()), "Ausweisung.txt"), (io.BytesIO(b'{"title": "Ausweisung"}'), "Ausweisung.meta.json")]},
        content_type="multipart/form-data",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    job = r.headers["Location"].split("job=")[1]
    assert (seeds / "Ausweisung.txt").exists()
    page = client.get(f"/admin?job={job}")
    html = page.get_data(as_text=True)
    assert job in html
    assert wait_job(client, job)["state"] == "done"
    wait_idle(index_dir)
    page = client.get(f"/admin?job={job}")
    html = page.get_data(as_text=True)
    assert 'http-equiv="refresh"' not in html  # nothing runs: no more refreshing
    assert "added 1" in html
    assert "Ausweisung" in search_ids(client, "Diplomaten")

    # The reindex button, and a refused upload shown on the page.
    r = client.post("/admin/reindex", data={"csrf": csrf})
    assert r.status_code == 303
    job2 = r.headers["Location"].split("job=")[1]
    page = client.get(f"/admin?job={job2}")
    html = page.get_data(as_text=True)
    running = jobs.read_job(index_dir, job2)["state"] in ("queued", "running")  # type: ignore[index]
    if running:
        assert 'http-equiv="refresh"' in html and page.headers.get("Refresh") == "2"
    assert wait_job(client, job2)["state"] == "done"
    wait_idle(index_dir)
    before = snapshot(seeds)
    r = client.post("/admin/upload", data={"csrf": csrf, "files": [(io.BytesIO(BINARY), "bild.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 303 and "bild.txt is not a" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert snapshot(seeds) == before


def test_skipped_files_shown_in_jobs(client: Any, dirs: tuple[Path, Path]) -> None:
    seeds, index_dir = dirs
    (seeds / "kaputt.txt").write_bytes(BINARY)
    csrf = sign_in(client)
    r = client.post("/admin/reindex", data={"csrf": csrf})
    job = r.headers["Location"].split("job=")[1]
    data = wait_job(client, job)
    assert data["summary"]["skipped"][0]["path"] == "kaputt.txt"
    wait_idle(index_dir)
    html = client.get("/admin").get_data(as_text=True)
    assert "kaputt.txt" in html and "binary" in html
    assert os.path.exists(seeds / "kaputt.txt")


def test_a_job_that_reads_done_has_let_go_of_the_lock(dirs: tuple[Path, Path]) -> None:
    # Before: the job wrote "done" and kept the lock until its interpreter had shut down, so a reindex
    # started on seeing "done" could get 409 "already running" (seen in the admin browser test under load).
    _seeds, index_dir = dirs
    client = make_app(dirs).test_client()
    for _round in range(6):
        r = client.post("/api/admin/reindex", headers=AUTH)
        assert r.status_code == 202, r.get_json()
        assert wait_job(client, r.get_json()["job"])["state"] == "done"  # the next round starts at once
    wait_idle(index_dir)
