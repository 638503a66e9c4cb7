"""Issue 12 (non-query findings 4-8): uploads, sidecars, admin sessions, throttle, form limits, text encodings.

Real parts: the Flask app on a private copy of the seeds and their index; reindexes run in the real job
process. Each test fails on the code before the fix (named in its docstring).
"""

from __future__ import annotations

import codecs
import json
import re
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

from searchsvc import ingest
from searchsvc import index as index_mod
from searchsvc.web import adminstate

from test_admin import AUTH, GERMAN, TOKEN, csrf_of, dirs, make_app, search_ids, sign_in, snapshot, upload, wait_idle, wait_job  # noqa: F401

DOC = "004_9aa5411390716ea1"
WORD_004 = "Terrorismebestrijding"  # only in 004
NEW_TEXT = ("Den Haag, 1 april 2019\n\nDe minister schrijft over de zeldzame wolkenkrabberverordening en haar gevolgen "
            "voor de gemeenten, de provincies en het waterschap in het hele land.\n")


def finished(client: Any, index_dir: Path, job: str) -> dict[str, Any]:
    data = wait_job(client, job, timeout=60)
    wait_idle(index_dir)
    return data


# --- finding 5: one sidecar reader; no replacement without a successful build ---------------------


def test_sidecar_with_bom_replaces_004_and_it_stays_searchable(dirs: tuple[Path, Path]) -> None:
    """Before: the upload check stripped the BOM, the build refused the sidecar, and 004 left search."""
    client = make_app(dirs).test_client()
    seeds, index_dir = dirs
    assert DOC in search_ids(client, WORD_004)
    meta = codecs.BOM_UTF8 + json.dumps({"title": "Heimelijke beïnvloeding", "date": "2018-03-16"}).encode()
    r = upload(client, (NEW_TEXT.encode(), f"{DOC}.txt"), (meta, f"{DOC}.meta.json"))
    assert r.status_code == 202, r.get_json()
    data = finished(client, index_dir, r.get_json()["job"])
    assert data["state"] == "done" and data["summary"]["refused"] == [] and data["summary"]["skipped"] == []
    assert DOC in search_ids(client, "wolkenkrabberverordening")
    doc = client.get(f"/api/documents/{DOC}").get_json()["document"]
    assert doc["title"] == "Heimelijke beïnvloeding"


def test_sidecar_values_are_checked_at_upload_with_the_reason(dirs: tuple[Path, Path]) -> None:
    """Before: a sidecar date '<b>2019</b>' was stored as given."""
    client = make_app(dirs).test_client()
    seeds, _index_dir = dirs
    before = snapshot(seeds)
    for value, reason in (("<b>2019</b>", "real date"), ("2019-02-30", "real date"), ("２０１９", "ASCII digits")):
        r = upload(client, (NEW_TEXT.encode(), "neu.txt"), (json.dumps({"date": value}).encode(), "neu.meta.json"))
        assert r.status_code == 400, value
        err = r.get_json()["error"]
        assert err["code"] == "bad_metadata" and reason in err["message"] and "nothing was stored" in err["message"]
    r = upload(client, (NEW_TEXT.encode(), "neu.txt"), (b'{"title": ["not", "text"]}', "neu.meta.json"))
    assert r.status_code == 400 and "must be a string" in r.get_json()["error"]["message"]
    assert snapshot(seeds) == before
    # The build reads sidecars with the same reader: a bad one on disk is a skipped file with the reason.
    (seeds / "alt.txt").write_text(NEW_TEXT, encoding="utf-8")
    (seeds / "alt.meta.json").write_text('{"date": "<b>2019</b>"}', encoding="utf-8")
    try:
        ingest.load(seeds / "alt.txt", seeds, 10**6)
        raise AssertionError("a bad sidecar date was accepted by the build")
    except ingest.SkipFile as exc:
        assert "real date" in str(exc)


def test_new_version_that_cannot_be_indexed_keeps_the_previous_one(dirs: tuple[Path, Path]) -> None:
    """Before: the upload was refused in the request (415); a version that failed in the build made 004 vanish."""
    client = make_app(dirs).test_client()
    seeds, index_dir = dirs
    old = (seeds / f"{DOC}.txt").read_bytes()
    chrome_only = b"[Home] [Nieuws] [Contact]\n[Over ons] [Zoeken]\n"  # decodes as text; nothing left after normalising
    r = upload(client, (chrome_only, f"{DOC}.txt"))
    assert r.status_code == 202, r.get_json()  # no extraction in the request: the job decides
    data = finished(client, index_dir, r.get_json()["job"])
    assert data["state"] == "done"
    [refused] = data["summary"]["refused"]
    assert refused["id"] == DOC and refused["restored"] is True and "no text after normalisation" in refused["reason"]
    assert "previous version" in refused["message"]
    assert (seeds / f"{DOC}.txt").read_bytes() == old
    assert (seeds / f"{DOC}.meta.json").exists()
    assert DOC in search_ids(client, WORD_004)
    rejected = [p.name for p in (seeds / ".withdrawn").iterdir() if ".rejected-" in p.name]
    assert len(rejected) == 1 and (seeds / ".withdrawn" / rejected[0]).read_bytes() == chrome_only
    # The page shows why.
    csrf = sign_in(client)
    assert csrf and "no text after normalisation" in client.get("/admin").get_data(as_text=True)


# --- finding 8: encodings -------------------------------------------------------------------------


def test_utf16_and_utf8_bom_text_files_are_read() -> None:
    """Before: a UTF-16 text file was refused as 'binary'."""
    text = "Größere Diplomaten – überall\n\nZweiter Absatz."
    for data in (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
                 text.encode("utf-16"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-32")):
        assert ingest.decode(data) == (text, [])
    try:
        ingest.decode(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
        raise AssertionError("broken UTF-16 accepted")
    except ingest.SkipFile as exc:
        assert "UTF-16" in str(exc)


def test_utf16_upload_is_indexed(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    _seeds, index_dir = dirs
    r = upload(client, (GERMAN.encode("utf-16"), "utf16.txt"))
    assert r.status_code == 202, r.get_json()
    assert finished(client, index_dir, r.get_json()["job"])["summary"]["added"] == ["utf16"]
    assert "utf16" in search_ids(client, "Nachrichtendienst")


# --- finding 4: linear ingest -------------------------------------------------------------------


def test_large_hard_wrapped_file_without_blank_lines(tmp_path: Path) -> None:
    """A 6 MB hard-wrapped file without blank lines is one paragraph, hyphenation repaired (quadratic before)."""
    line = "de regering heeft het voorstel van de commissie over de inlichtin-\ngendiensten en de NAVO-\nRuslandraad besproken en"
    count = 6_000_000 // (len(line) + 1)
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join([line] * count) + " dat was het.\n", encoding="utf-8")
    started = time.perf_counter()
    doc = ingest.load(path, tmp_path, 20_000_000)
    seconds = time.perf_counter() - started
    assert len(doc.paragraphs) == 1
    text = doc.paragraph_text(doc.paragraphs[0])
    assert text.count("inlichtingendiensten") == count and text.count("NAVO-Ruslandraad") == count
    assert text.endswith("dat was het.") and "\n" not in text
    print(f"6 MB hard-wrapped file loaded in {seconds:.2f} s")


def test_many_blocks_joined_into_one_paragraph() -> None:
    """Blocks that continue the previous paragraph (lower case, no full stop) join without re-scanning it."""
    raw = "\n\n".join(["begin van de zin zonder punt"] * 20_000)
    [para], _notes = ingest.normalise(raw)
    assert para.count("begin van de zin zonder punt") == 20_000


# --- finding 6: session key, token length, throttle ---------------------------------------------


def test_random_session_key_kept_0600_in_the_index_folder(dirs: tuple[Path, Path]) -> None:
    """Before: the cookie key was derived from the admin token alone, so a cookie let the token be guessed offline."""
    _seeds, index_dir = dirs
    a, b = make_app(dirs), make_app(dirs)  # two workers
    key_file = index_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 64 and a.config["SECRET_KEY"] == b.config["SECRET_KEY"] == key
    assert TOKEN.encode() not in key.encode()
    # A cookie signed in one worker works in the other.
    ca, cb = a.test_client(), b.test_client()
    sign_in(ca)
    cookie = ca.get_cookie("searchsvc_admin", path="/admin")
    cb.set_cookie("searchsvc_admin", cookie.value, path="/admin")
    assert "Sign out" in cb.get("/admin").get_data(as_text=True)
    # SEARCHSVC_SECRET_KEY, when set, is used as it is.
    assert make_app(dirs, secret_key="configured-key-" + "x" * 20).config["SECRET_KEY"] == "configured-key-" + "x" * 20


def test_short_admin_token_switches_the_admin_off(dirs: tuple[Path, Path]) -> None:
    """Before: any token length was accepted (the review recovered 's3cret' offline)."""
    client = make_app(dirs, admin_token="s3cret").test_client()
    r = client.get("/api/admin/status", headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 503
    message = r.get_json()["error"]["message"]
    assert "at least 16" in message and "secrets.token_urlsafe" in message and "s3cret" not in message
    page = client.get("/admin")
    assert page.status_code == 503 and "at least 16" in page.get_data(as_text=True)
    assert make_app(dirs, admin_token="x" * 16).test_client().get("/api/admin/status", headers={"Authorization": "Bearer " + "x" * 16}).status_code == 200


def test_failed_tokens_are_throttled_per_client_across_workers(dirs: tuple[Path, Path]) -> None:
    """Before: 860 wrong bearer tokens a second were answered with no slow-down."""
    worker1, worker2 = make_app(dirs).test_client(), make_app(dirs).test_client()
    for i in range(adminstate.MAX_FAILURES):
        r = (worker1 if i % 2 else worker2).get("/api/admin/status", headers={"Authorization": f"Bearer wrong-{i}"})
        assert r.status_code == 401
    for client, headers in ((worker1, {"Authorization": "Bearer wrong"}), (worker2, AUTH)):
        r = client.get("/api/admin/status", headers=headers)
        assert r.status_code == 429  # even the right token: a guess must not be confirmed
        assert r.get_json()["error"]["code"] == "too_many_attempts"
        assert 0 < int(r.headers["Retry-After"]) <= adminstate.FAILURE_WINDOW
    # The sign-in form is throttled the same way (same client address).
    page = worker1.get("/admin")
    r = worker1.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.get_data(as_text=True))})
    assert r.status_code == 429 and "Retry-After" in r.headers
    assert "Sign out" not in worker1.get("/admin").get_data(as_text=True)
    # Another client address is not affected.
    other = make_app(dirs).test_client()
    assert other.get("/api/admin/status", headers=AUTH, environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200


def test_login_form_failures_count(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    for _ in range(adminstate.MAX_FAILURES):
        csrf = csrf_of(client.get("/admin").get_data(as_text=True))
        assert client.post("/admin/login", data={"token": "wrong", "csrf": csrf}).status_code == 303
    csrf = csrf_of(client.get("/admin").get_data(as_text=True))
    assert client.post("/admin/login", data={"token": "wrong", "csrf": csrf}).status_code == 429
    assert client.get("/api/admin/status", headers=AUTH).status_code == 429


# --- finding 7: logout ends the session; absolute lifetime --------------------------------------


def test_cookie_copied_before_logout_no_longer_works(dirs: tuple[Path, Path]) -> None:
    """Before: a cookie copied before POST /admin/logout still worked afterwards."""
    app = make_app(dirs)
    client = app.test_client()
    csrf = sign_in(client)
    copied = client.get_cookie("searchsvc_admin", path="/admin").value
    thief = make_app(dirs).test_client()  # another worker
    thief.set_cookie("searchsvc_admin", copied, path="/admin")
    assert "Sign out" in thief.get("/admin").get_data(as_text=True)
    assert client.post("/admin/logout", data={"csrf": csrf}).status_code == 303
    thief.set_cookie("searchsvc_admin", copied, path="/admin")
    page = thief.get("/admin").get_data(as_text=True)
    assert 'type="password"' in page and "Sign out" not in page
    assert thief.post("/admin/reindex", data={"csrf": csrf}).status_code == 403


def test_session_lifetime_is_absolute(dirs: tuple[Path, Path]) -> None:
    """Before: every GET /admin re-issued the cookie with a fresh time, so the 12-hour limit kept sliding."""
    _seeds, index_dir = dirs
    client = make_app(dirs).test_client()
    sign_in(client)
    first = client.get("/admin")
    expires = re.search(r"Max-Age=(\d+)", first.headers["Set-Cookie"])
    assert expires and int(expires.group(1)) <= adminstate.SESSION_MAX_AGE
    # Time passes on the server's clock: the session began 12 hours ago minus a minute.
    with sqlite3.connect(index_dir / adminstate.STATE_FILE) as conn:
        conn.execute("UPDATE sessions SET created = created - ?", (adminstate.SESSION_MAX_AGE - 60,))
    again = client.get("/admin")
    assert "Sign out" in again.get_data(as_text=True)
    reissued = re.search(r"Max-Age=(\d+)", again.headers["Set-Cookie"])
    assert reissued and int(reissued.group(1)) <= 60  # re-issuing did not extend it
    with sqlite3.connect(index_dir / adminstate.STATE_FILE) as conn:
        conn.execute("UPDATE sessions SET created = created - 61")
    page = client.get("/admin").get_data(as_text=True)
    assert 'type="password"' in page and "Sign out" not in page


# --- finding 8: form-part limit -------------------------------------------------------------------


def test_too_many_form_parts_states_the_real_limit(dirs: tuple[Path, Path]) -> None:
    """Before: 'the request body is 0.1 MB; the limit is 101.0 MB' for a 1,002-part upload."""
    client = make_app(dirs).test_client()
    seeds, _index_dir = dirs
    before = snapshot(seeds)
    # Plain fields, not files: Werkzeug leaves the temporary files of an aborted form for the garbage collector.
    parts = {f"field{i}": "x" for i in range(1002)}
    r = client.post("/api/admin/documents", headers=AUTH, data=parts, content_type="multipart/form-data")
    assert r.status_code == 413
    message = r.get_json()["error"]["message"]
    assert "1,000 parts" in message and "at most 1,000 files" in message
    assert snapshot(seeds) == before


def test_an_unusable_session_store_is_a_503_with_retry_after_not_a_500(dirs: tuple[Path, Path]) -> None:
    """Before: sqlite3 'database is locked' (or any store error) in the admin throttle was an unhandled 500."""
    _seeds, index_dir = dirs
    (index_dir / adminstate.STATE_FILE).mkdir()  # a directory where the SQLite file should be: it cannot open
    client = make_app(dirs).test_client()
    r = client.post("/api/admin/reindex", headers=AUTH)
    assert r.status_code == 503, r.get_data(as_text=True)
    assert r.headers["Retry-After"] == "1"
    assert r.get_json()["error"]["code"] == "admin_busy"
