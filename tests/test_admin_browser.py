"""The admin's document management in a real headless Chromium against a real `searchsvc serve` (gunicorn).

As an admin would: sign in, find a document in the list, withdraw it (after the confirmation step), restore
it, edit its title in the metadata form; each step searchable within seconds, nothing destroyed. Screenshots
of each admin page at phone (390x844) and desktop width go to $SEARCHSVC_SCREENSHOTS (else a temporary folder).
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
from _servers import CHROMIUM, screenshots_dir, serve, server_env, shoot

REPO = Path(__file__).resolve().parents[1]
TOKEN = "browser-admin-token-0123456789"
DOC = "004_9aa5411390716ea1"
WORD = "Terrorismebestrijding"  # only in 004

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def served(seed_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("admin-browser")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(seed_index, root / "index", ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    env = server_env(SEARCHSVC_SEEDS_DIR=str(root / "seeds"), SEARCHSVC_INDEX_DIR=str(root / "index"), SEARCHSVC_ADMIN_TOKEN=TOKEN)
    with serve(env, root, root / "serve.log", workers=2) as server:
        yield {"base": server.base, "seeds": root / "seeds", "shots": screenshots_dir(root / "shots")}


def hits(base: str, q: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode({"q": q}), timeout=10) as r:
        return [h["id"] for h in json.loads(r.read())["hits"]]


def wait_for(check: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not within the time limit"
        time.sleep(0.2)


def wait_jobs_done(page: Any, base: str) -> None:
    """Reload /admin until no job runs (the page refreshes itself while one does)."""
    def idle() -> bool:
        page.goto(base + "/admin")
        return page.locator("td.state", has_text="running").count() == 0 and page.locator("td.state", has_text="queued").count() == 0
    wait_for(idle)


def test_list_withdraw_confirm_restore_and_edit_metadata(browser: Any, served: dict[str, Any]) -> None:
    base, seeds, shots = served["base"], served["seeds"], served["shots"]
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(base + "/admin")
        shoot(page, shots, "admin-login")
        page.get_by_label("Admin token").fill(TOKEN)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        rows = page.locator("#doc-list tbody tr")
        assert rows.count() == 5
        shoot(page, shots, "admin-documents")

        # Find 004 by part of its id.
        page.get_by_label("Id or title").fill("9aa541")
        with page.expect_navigation():
            page.get_by_role("button", name="Filter").click()
        assert rows.count() == 1 and page.locator("#doc-total").inner_text().startswith("1 document")

        # Withdraw: a confirmation page first; "No" changes nothing.
        with page.expect_navigation():
            rows.first.get_by_role("link", name="Withdraw…").click()
        assert page.locator("h1").inner_text() == "Withdraw this document?"
        shoot(page, shots, "admin-withdraw-confirm")
        with page.expect_navigation():
            page.get_by_role("link", name="No, keep it").click()
        assert (seeds / f"{DOC}.txt").exists()
        page.goto(base + f"/admin/documents/{DOC}/withdraw")
        with page.expect_navigation():
            page.get_by_role("button", name=f"Yes, withdraw {DOC}").click()
        assert "/admin?job=" in page.url  # post/redirect/get: a reload does not withdraw again
        wait_for(lambda: DOC not in hits(base, WORD))
        assert not (seeds / f"{DOC}.txt").exists() and (seeds / ".withdrawn" / f"{DOC}.txt").exists()

        # Restore it from the list.
        wait_jobs_done(page, base)
        page.goto(base + "/admin?q=9aa541")
        assert rows.first.locator("td.state").inner_text() == "withdrawn"
        with page.expect_navigation():
            rows.first.get_by_role("button", name="Restore").click()
        wait_for(lambda: DOC in hits(base, WORD))
        assert (seeds / f"{DOC}.txt").exists()

        # Edit its title in the metadata form: a bad date first (refused, shown after the redirect), then a good one.
        wait_jobs_done(page, base)
        page.goto(base + "/admin?q=9aa541")
        with page.expect_navigation():
            rows.first.get_by_role("link", name="Metadata").click()
        assert page.get_by_label("Author").input_value() == "F.B.J. Grapperhaus; K.H. Ollongren"
        page.get_by_label("Date").fill("2018-02-30")
        with page.expect_navigation():
            page.get_by_role("button", name="Save and reindex").click()
        assert page.url.endswith(f"/admin/documents/{DOC}") and "real date" in page.locator("[role=alert]").inner_text()
        page.get_by_label("Title").fill("Zeldzame heimelijke beïnvloeding")
        page.get_by_label("Date").fill("2018-03-16")
        with page.expect_navigation():
            page.get_by_role("button", name="Save and reindex").click()
        assert "job=" in page.url
        shoot(page, shots, "admin-metadata")
        wait_for(lambda: DOC in hits(base, "zeldzame"))
        page.goto(base + f"/documents/{DOC}")
        assert "Zeldzame heimelijke beïnvloeding" in page.locator("h1").inner_text()
        assert dialogs == []
    finally:
        context.close()
