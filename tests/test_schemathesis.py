"""Fuzz the API from its own OpenAPI description with schemathesis: no 5xx, every response as described.

The description is read from the real app's /api/openapi.json; every operation, the admin ones too (with
the bearer token), is called on a real app over a private copy of the seeds and index, so uploads and
withdrawals cannot touch the repo's seeds or the session's shared index. On top of schemathesis's own
checks, every JSON body must match its schema with no undeclared keys (the description is complete).
"""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_hypothesis import conforms, examples

from searchsvc import index as index_mod
from searchsvc.web import create_app

REPO = Path(__file__).resolve().parent.parent
TOKEN = "fuzz-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance, response_headers_conformance]

# Serving the description needs no index, so it is loaded when the module is collected: one test per operation.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", create_app({"index_dir": str(REPO / "index" / "no-such-index")}))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fuzz_app(seed_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real app with the admin token over a private copy of the seeds and of the session's index."""
    shared_seeds = seed_index.parent / "seeds"
    before = snapshot(REPO / "seeds"), snapshot(shared_seeds), (seed_index / "CURRENT").read_bytes()
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(seed_index, root / "index", ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    app = create_app({"seeds_dir": str(root / "seeds"), "index_dir": str(root / "index"), "admin_token": TOKEN})
    yield app
    app.extensions["searchsvc_index"].close()
    # Reindexes the fuzzer started run in child processes; let them finish before the folder goes.
    deadline = time.monotonic() + 60
    while index_mod.reindex_running(root / "index") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (snapshot(REPO / "seeds"), snapshot(shared_seeds), (seed_index / "CURRENT").read_bytes()) == before


def declared_body(case: schemathesis.Case, status: int) -> str | None:
    """Return the component schema the description gives this operation's JSON response, or None."""
    responses = schema.raw_schema["paths"][case.operation.path][case.operation.method.lower()]["responses"]
    response = responses.get(str(status))
    if response is None:
        return None
    ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


@schema.parametrize()
@settings(max_examples=examples(30), deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_description(case: schemathesis.Case, fuzz_app: Any) -> None:
    response = case.call_and_validate(app=fuzz_app, headers=AUTH, checks=CHECKS)
    if case.method.upper() in ("HEAD", "OPTIONS"):
        return  # Flask answers these itself, without a body
    assert response.status_code < 500, response.text[:300]
    content_type = response.headers.get("content-type", [""])[0].split(";")[0]
    if content_type != "application/json":
        # CSV export, Atom feeds and the HTML pages of their errors: allowed where the description declares them.
        # A method the fuzzer tried on a page route (405) gets the HTML error page people get.
        if content_type == "text/html" and not case.operation.path.startswith("/api/") and response.status_code == 405:
            return
        declared = schema.raw_schema["paths"][case.operation.path][case.operation.method.lower()]["responses"]
        assert content_type in declared.get(str(response.status_code), {}).get("content", {}), response.headers
        return
    component = declared_body(case, response.status_code) if case.method.upper() == case.operation.method.upper() else None
    # An undocumented status (405 for a method the fuzzer tried) still has the one error shape.
    conforms(response.json(), component or "Error")


def test_admin_answers_the_fuzzer_rarely_reaches_match_the_description(seeds_copy: Path, seed_index: Path, tmp_path: Path) -> None:
    """Job ids and a valid upload are hard to guess: start, upload and withdraw for real, check each body strictly."""
    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    app = create_app({"seeds_dir": str(seeds_copy), "index_dir": str(index_dir), "admin_token": TOKEN})
    client = app.test_client()

    def wait(job: str) -> dict[str, Any]:
        deadline = time.monotonic() + 60
        while True:
            r = client.get(f"/api/admin/jobs/{job}", headers=AUTH)
            assert r.status_code == 200
            conforms(r.get_json(), "Job")
            if r.get_json()["state"] in ("done", "failed"):
                while index_mod.reindex_running(index_dir):  # the child lets go of the lock just after
                    assert time.monotonic() < deadline
                    time.sleep(0.02)
                return r.get_json()
            assert time.monotonic() < deadline
            time.sleep(0.05)

    try:
        started = client.post("/api/admin/reindex?full=1", headers=AUTH)
        assert started.status_code == 202
        conforms(started.get_json(), "JobStarted")
        status = client.get("/api/admin/status", headers=AUTH)
        conforms(status.get_json(), "AdminStatus")
        assert wait(started.get_json()["job"])["state"] == "done"

        upload = client.post(
            "/api/admin/documents", headers=AUTH, content_type="multipart/form-data",
            data={"files": [(io.BytesIO("Warnung: ungültiges UTF-8 \xe9".encode("utf-8") + b"\xff"), "fuzzed.txt")]},
        )
        assert upload.status_code == 202, upload.get_json()
        conforms(upload.get_json(), "JobStarted")
        job = wait(upload.get_json()["job"])
        assert job["state"] == "done" and job["summary"]["warnings"], job  # the invalid byte is a warning, not a skip

        withdraw = client.delete("/api/admin/documents/fuzzed", headers=AUTH)
        assert withdraw.status_code == 202
        conforms(withdraw.get_json(), "JobStarted")
        assert wait(withdraw.get_json()["job"])["state"] == "done"

        jobs = client.get("/api/admin/jobs", headers=AUTH)
        assert jobs.status_code == 200 and len(jobs.get_json()["jobs"]) == 3
        conforms(jobs.get_json(), "JobList")
        conforms(client.get("/api/admin/status", headers=AUTH).get_json(), "AdminStatus")
    finally:
        app.extensions["searchsvc_index"].close()
