"""The admin's document management in a real headless Chromium against a real `searchsvc serve` (gunicorn).

As an admin would: sign in, find a document in the list, withdraw it (after the confirmation step), restore
it, edit its title in the metadata form; each step searchable within seconds, nothing destroyed. Screenshots
of each admin page at phone (390x844) and desktop width go to $SEARCHSVC_SCREENSHOTS (else a temporary folder).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from test_xss_browser import ARGS, CHROMIUM, free_port

REPO = Path(__file__).resolve().parents[1]
SEARCHSVC = Path(sys.executable).parent / "searchsvc"
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
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    env.update(SEARCHSVC_SEEDS_DIR=str(root / "seeds"), SEARCHSVC_INDEX_DIR=str(root / "index"), SEARCHSVC_ADMIN_TOKEN=TOKEN)
    log = root / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([str(SEARCHSVC), "serve", "--port", str(port), "--workers", "2"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.1)
        shots = Path(os.environ.get("SEARCHSVC_SCREENSHOTS") or root / "shots")
        shots.mkdir(parents=True, exist_ok=True)
        yield {"base": base, "seeds": root / "seeds", "shots": shots}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


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


def shoot(page: Any, shots: Path, name: str) -> None:
    for label, size in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
        page.set_viewport_size(size)
        page.screenshot(path=str(shots / f"{name}-{label}.png"), full_page=True)
        # Nothing may stick out sideways on a phone: the table scrolls inside its own box.
        if label == "phone":
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name


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
