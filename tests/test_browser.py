"""The search page in a real headless Chromium: type a phrase, read the marked passage, follow the citation."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from werkzeug.serving import make_server

from searchsvc.web import create_app

CHROMIUM = os.environ.get("SEARCHSVC_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path("/tmp/searchsvc-phone.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def base_url(seed_index: Path) -> Iterator[str]:
    app = create_app({"index_dir": str(seed_index)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        app.extensions["searchsvc_index"].close()


def test_search_read_passage_and_follow_citation(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))

            page.goto(base_url + "/")
            page.get_by_label("Search Dutch, English and German documents").fill("persona non grata")
            with page.expect_navigation():
                page.get_by_role("button", name="Search").click()
            assert "/search?" in page.url and "q=persona+non+grata" in page.url

            first_hit = page.locator("article.hit").first
            expect(first_hit).to_be_visible()
            mark = first_hit.locator("blockquote mark", has_text=re.compile(r"^persona$", re.I)).first
            expect(mark).to_be_visible()
            assert mark.inner_text().lower() == "persona"

            cite = first_hit.locator("p.cite").first
            assert "par." in cite.inner_text()
            # The copy button is shown once the script runs (CSP allows our own script only).
            expect(cite.get_by_role("button", name="Copy citation")).to_be_visible()

            link = cite.get_by_role("link", name=re.compile(r"go to paragraph \d+"))
            number = re.search(r"\d+", link.inner_text()).group(0)  # type: ignore[union-attr]
            with page.expect_navigation():
                link.click()
            assert page.url.endswith(f"#p{number}"), page.url
            assert "/documents/" in page.url
            target = page.locator(f"#p{number}")
            expect(target).to_have_count(1)
            expect(target).to_be_in_viewport()
            expect(target.locator("mark").first).to_be_visible()
            assert page.evaluate("location.hash") == f"#p{number}"
            assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == f"p{number}"
            assert not problems, problems
        finally:
            browser.close()


def test_phone_screenshot_of_results(base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            page = context.new_page()
            page.goto(base_url + "/search?q=%22persona+non+grata%22")
            page.screenshot(path=str(SCREENSHOT), full_page=False)
            # Nothing sticks out sideways on a phone, and the first passage starts on the first screen.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
            box = page.locator("article.hit blockquote").first.bounding_box()
            assert box is not None and box["width"] > 250
            assert box["y"] < 844, f"the first passage starts at {box['y']}px, below the first screen"
            context.close()
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 10_000
