"""Issue 18 point 7: the admin manages documents (list, withdraw with confirmation, restore, metadata), API and page.

Real parts: the Flask app on a private copy of the seeds and their index; reindexes run in the real job process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_admin import AUTH, csrf_of, dirs, make_app, search_ids, sign_in, snapshot, wait_idle, wait_job  # noqa: F401

DOC = "004_9aa5411390716ea1"
WORD_004 = "Terrorismebestrijding"


def finished(client: Any, index_dir: Path, job: str) -> dict[str, Any]:
    data = wait_job(client, job, timeout=60)
    wait_idle(index_dir)
    assert data["state"] == "done", data
    return data


def listing(client: Any, **params: Any) -> dict[str, Any]:
    r = client.get("/api/admin/documents", headers=AUTH, query_string=params)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_list_filter_and_page(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    everything = listing(client)
    assert everything["total"] == 5 and [d["id"] for d in everything["documents"]] == sorted(d["id"] for d in everything["documents"])
    assert {d["state"] for d in everything["documents"]} == {"indexed"} and {d["format"] for d in everything["documents"]} == {"txt"}
    titled = [d for d in everything["documents"] if d["title"]]
    assert titled, everything
    # By title words (the last one a prefix), by part of the id, by language and by format.
    word = titled[0]["title"].split()[0]
    assert titled[0]["id"] in [d["id"] for d in listing(client, q=word[:-1] if len(word) > 3 else word)["documents"]]
    assert [d["id"] for d in listing(client, q="9aa541")["documents"]] == [DOC]
    langs = {d["language"] for d in everything["documents"]}
    for lang in langs:
        got = listing(client, lang=lang)
        assert got["total"] == sum(1 for d in everything["documents"] if d["language"] == lang)
    assert listing(client, format="md")["total"] == 0 and listing(client, format="txt")["total"] == 5
    # Paged: two per page, three pages, nothing lost or repeated.
    pages = [listing(client, per_page=2, page=p) for p in (1, 2, 3)]
    assert [d["id"] for p in pages for d in p["documents"]] == [d["id"] for d in everything["documents"]]
    assert all(p["total"] == 5 for p in pages)
    for bad in ({"page": "0"}, {"per_page": "1000"}, {"page": "１"}):
        r = client.get("/api/admin/documents", headers=AUTH, query_string=bad)
        assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_withdraw_then_restore_through_the_api(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    seeds, index_dir = dirs
    original = snapshot(seeds)
    r = client.delete(f"/api/admin/documents/{DOC}", headers=AUTH)
    assert r.status_code == 202
    finished(client, index_dir, r.get_json()["job"])
    assert DOC not in search_ids(client, WORD_004)
    [row] = listing(client, q=DOC)["documents"]
    assert row["state"] == "withdrawn"
    r = client.post(f"/api/admin/documents/{DOC}/restore", headers=AUTH)
    assert r.status_code == 202 and r.get_json()["restored"] == [f"{DOC}.txt", f"{DOC}.meta.json"]
    finished(client, index_dir, r.get_json()["job"])
    assert DOC in search_ids(client, WORD_004)
    assert listing(client, q=DOC)["documents"][0]["state"] == "indexed"
    assert snapshot(seeds) == original  # nothing destroyed, nothing left behind
    r = client.post(f"/api/admin/documents/{DOC}/restore", headers=AUTH)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "not_withdrawn"
    r = client.post("/api/admin/documents/no-such-doc/restore", headers=AUTH)
    assert r.status_code == 404


def test_metadata_through_the_api(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    seeds, index_dir = dirs
    r = client.put(f"/api/admin/documents/{DOC}/meta", headers=AUTH, json={"title": "Heimelijke beïnvloeding door staten", "date": "2018-03"})
    assert r.status_code == 202, r.get_json()
    job = finished(client, index_dir, r.get_json()["job"])
    assert job["summary"]["refused"] == [] and job["summary"]["updated"] == [DOC]
    doc = client.get(f"/api/documents/{DOC}").get_json()["document"]
    assert doc["title"] == "Heimelijke beïnvloeding door staten" and doc["date"] == "2018-03"
    side = json.loads((seeds / f"{DOC}.meta.json").read_text(encoding="utf-8"))
    assert side["author"] == "F.B.J. Grapperhaus; K.H. Ollongren" and "notes" in side  # other keys kept
    assert any(p.name.startswith(DOC) for p in (seeds / ".withdrawn").iterdir())  # the previous sidecar is kept
    assert DOC in search_ids(client, "beïnvloeding staten")
    # Refused values, with the reason; nothing changes.
    before = snapshot(seeds)
    for body, reason in (({"date": "<b>2019</b>"}, "real date"), ({"author": "a\u0007b"}, "control character"), ({"colour": "red"}, "unknown field"),
                         ({"title": "x" * 1001}, "longer than")):
        r = client.put(f"/api/admin/documents/{DOC}/meta", headers=AUTH, json=body)
        assert r.status_code == 400 and reason in r.get_json()["error"]["message"], body
    r = client.put(f"/api/admin/documents/{DOC}/meta", headers=AUTH, data="not json", content_type="application/json")
    assert r.status_code == 400
    assert client.put("/api/admin/documents/nope/meta", headers=AUTH, json={"title": "x"}).status_code == 404
    assert snapshot(seeds) == before


def test_page_lists_confirms_withdraw_restores_and_edits(dirs: tuple[Path, Path]) -> None:
    client = make_app(dirs).test_client()
    seeds, index_dir = dirs
    csrf = sign_in(client)
    html = client.get("/admin?q=9aa541").get_data(as_text=True)
    assert f'data-id="{DOC}"' in html and 'id="doc-total">1 document' in html
    # Withdraw asks first; the confirmation page changes nothing.
    confirm = client.get(f"/admin/documents/{DOC}/withdraw")
    assert confirm.status_code == 200 and "Withdraw this document?" in confirm.get_data(as_text=True)
    assert (seeds / f"{DOC}.txt").exists()
    r = client.post("/admin/withdraw", data={"csrf": csrf, "id": DOC, "next": "/admin#documents"})
    assert r.status_code == 303 and r.headers["Location"].startswith("/admin?job=") and r.headers["Location"].endswith("#documents")
    finished(client, index_dir, r.headers["Location"].split("job=")[1].split("#")[0])
    html = client.get("/admin?q=9aa541").get_data(as_text=True)
    assert "withdrawn" in html and f"/admin/documents/{DOC}/restore" in html
    r = client.post(f"/admin/documents/{DOC}/restore", data={"csrf": csrf, "next": "/admin#documents"})
    assert r.status_code == 303
    finished(client, index_dir, r.headers["Location"].split("job=")[1].split("#")[0])
    assert DOC in search_ids(client, WORD_004)
    # The metadata form; a refused value redirects back with the reason (post/redirect/get).
    form = client.get(f"/admin/documents/{DOC}").get_data(as_text=True)
    assert 'name="title"' in form and "F.B.J. Grapperhaus" in form
    values = {"title": "", "date": "2018-02-30", "source": "", "doc_number": "", "author": "", "url": ""}
    r = client.post(f"/admin/documents/{DOC}/meta", data={"csrf": csrf, "next": f"/admin/documents/{DOC}", **values})
    assert r.status_code == 303 and r.headers["Location"] == f"/admin/documents/{DOC}"
    assert "real date" in client.get(r.headers["Location"]).get_data(as_text=True)
    values.update(title="Brief over heimelijke beïnvloeding", date="2018-03-16")
    r = client.post(f"/admin/documents/{DOC}/meta", data={"csrf": csrf, "next": f"/admin/documents/{DOC}", **values})
    assert r.status_code == 303 and "job=" in r.headers["Location"]
    finished(client, index_dir, r.headers["Location"].split("job=")[1])
    assert client.get(f"/api/documents/{DOC}").get_json()["document"]["title"] == "Brief over heimelijke beïnvloeding"
    # A redirect target outside /admin is ignored.
    r = client.post("/admin/reindex", data={"csrf": csrf, "next": "//evil.example/admin"})
    assert r.status_code == 303 and r.headers["Location"].startswith("/admin?job=")
