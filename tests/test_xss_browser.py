"""Hostile documents and queries in a real headless Chromium against a real `searchsvc serve` (gunicorn).

The documents carry <script>, <img onerror>, javascript: links, attribute-breaking quotes and HTML entities in
their text, title, metadata and even their file name; the queries carry the same. Every page that echoes them
(results, the search box, "did you mean", the document page, error pages) must show them as text: no dialog,
no injected element, `<mark>` the only markup inside passages. The pages are checked twice: once as served
(with the CSP, which must report no violation: our own pages need nothing it blocks) and once with the CSP
switched off in the browser, so that escaping alone is shown to hold. Then the CSP itself is shown to block
injected script and inline style, and another site is shown unable to frame the pages.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import urllib.parse
from typing import Any, Iterator

import pytest
from _servers import CHROMIUM, serve, server_env

from searchsvc import index as index_mod

ADMIN_TOKEN = "xss-admin-token-0123456789"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"no Chromium at {CHROMIUM}"),
]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click here</a>'
SVG = '"><svg onload=alert(1)>'
IFRAME = "'><iframe src=javascript:alert(1)></iframe>"
ENTITIES = "&lt;b&gt;bold&lt;/b&gt; and AT&amp;T and &quot;quoted&quot;"
TITLE = '<script>alert("title")</script> Zanzibarquokka "><svg onload=alert(1)>'
AUTHOR = "<b onmouseover=alert(1)>Mallory</b> &amp; Eve"
ODD_ID = "q'\"><svg onload=alert(9)>"  # a seed file name that breaks out of attributes

BODY = f"""The embassy report on the zanzibarquokka affair was published on Monday by the ministry of foreign affairs.

Investigators found a note that read {SCRIPT} pinned to the door of the zanzibarquokka office, and the spokesman said the note was a prank.

A second message contained {IMG} and a link {LINK} about the zanzibarquokka case that nobody followed.

The third attempt tried to break out of an attribute: {SVG} and {IFRAME} were found in the zanzibarquokka files.

Entities must stay text: {ENTITIES} describe the zanzibarquokka budget.
"""

# What the tests look for in the DOM: anything our templates never produce.
INJECTED_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['svg', 'iframe', 'img', 'object', 'embed', 'base', 'b', 'frame', 'frameset'].includes(tag)) found.push(tag);
    if (tag === 'script' && new URL(el.src || 'inline:', location.href).pathname !== '/static/app.js') found.push('script ' + (el.src || 'inline'));
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(tag + '[' + attr.name + ']');
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr.name) && /^\\s*javascript:/i.test(attr.value)) found.push(tag + '[' + attr.name + '=javascript:]');
      if (attr.name === 'style') found.push(tag + '[style]');
    }
  }
  return found;
}"""

# Inside passages and document paragraphs only <mark> (and the paragraph-number link) may be elements.
MARKUP_JS = """() => {
  const bad = [];
  for (const q of document.querySelectorAll('blockquote')) {
    for (const el of q.querySelectorAll('*')) if (el.tagName !== 'MARK' || el.children.length) bad.push('blockquote>' + el.tagName);
  }
  for (const p of document.querySelectorAll('article.doc > p[id]')) {
    for (const el of p.querySelectorAll('*')) if (!(el.tagName === 'MARK' && !el.children.length) && !(el.tagName === 'A' && el.className === 'num')) bad.push('p>' + el.tagName);
  }
  return bad;
}"""

WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve an index of the hostile documents with `searchsvc serve` (gunicorn, one worker) on loopback."""
    root = tmp_path_factory.mktemp("xss")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "hostile_en.txt").write_text(BODY, encoding="utf-8")
    meta = {"title": TITLE, "date": "2020-01-02", "source": IMG, "doc_number": SVG, "author": AUTHOR, "url": "javascript:alert(1)"}
    (seeds / "hostile_en.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (seeds / f"{ODD_ID}.txt").write_text(
        "The zanzibarquokka memo was filed by the embassy under an odd file name that breaks attributes.\n", encoding="utf-8"
    )
    summary = index_mod.build(seeds, root / "index", full=True)
    assert summary.documents == 2, summary.skipped
    env = server_env(SEARCHSVC_SEEDS_DIR=str(seeds), SEARCHSVC_INDEX_DIR=str(root / "index"), SEARCHSVC_ADMIN_TOKEN=ADMIN_TOKEN)
    with serve(env, root, root / "serve.log", workers=1) as server:
        yield server.base


def search_url(q: str, **more: str) -> str:
    return "/search?" + urllib.parse.urlencode({"q": q, **more})


def doc_url(doc_id: str, q: str) -> str:
    return "/documents/" + urllib.parse.quote(doc_id, safe="") + "?" + urllib.parse.urlencode({"q": q})


# (url, HTTP status, query expected in the search box or None, texts that must be visible as text)
PAGES: list[tuple[str, int, str | None, list[str]]] = [
    (search_url("zanzibarquokka"), 200, "zanzibarquokka", [TITLE, IMG, "The zanzibarquokka memo"]),
    (search_url(SCRIPT), 200, SCRIPT, [f"for “{SCRIPT}”", SCRIPT, TITLE]),
    (search_url("zanzibarquokka " + IMG), 200, "zanzibarquokka " + IMG, [IMG, LINK]),
    (search_url("attribute " + SVG), 200, "attribute " + SVG, [SVG, IFRAME]),
    (search_url("entities bold"), 200, "entities bold", [ENTITIES]),
    (search_url("&lt;script&gt; zanzibarquokka"), 200, "&lt;script&gt; zanzibarquokka", ["for “&lt;script&gt; zanzibarquokka”"]),
    (search_url("javascript:alert(1)"), 200, "javascript:alert(1)", [LINK]),
    (search_url("zanzibarquoka " + SVG), 200, "zanzibarquoka " + SVG, ["Showing results for zanzibarquokka " + SVG, "Search instead for zanzibarquoka " + SVG]),
    (search_url("zanzibarquokka", lang=IMG), 400, "zanzibarquokka", ["This search cannot be run", IMG]),
    (doc_url("hostile_en", SCRIPT), 200, SCRIPT, [TITLE, f"Words of “{SCRIPT}” are marked", SCRIPT, IMG, LINK, SVG, IFRAME,
                                                  ENTITIES, "javascript:alert(1)", "Mallory</b> &amp; Eve"]),
    (doc_url(ODD_ID, SVG), 200, SVG, [ODD_ID, f"Words of “{SVG}” are marked"]),
    ("/nope" + urllib.parse.quote(SCRIPT), 404, None, ["Not found", "/nope" + SCRIPT]),
]


def visit(page: Any, base: str, url: str, status: int, query: str | None, texts: list[str], dialogs: list[str]) -> None:
    response = page.goto(base + url)
    assert response is not None and response.status == status, (url, response and response.status)
    assert not dialogs, (url, dialogs)
    injected = page.evaluate(INJECTED_JS)
    assert not injected, (url, injected)
    bad_markup = page.evaluate(MARKUP_JS)
    assert not bad_markup, (url, bad_markup)
    text = page.locator("body").inner_text()
    for expected in texts:
        assert expected in text, (url, expected)
    if query is not None:
        assert page.locator("#q").input_value() == query, url
    if url.startswith("/search") and status == 200:
        assert page.title() == f"{query} · searchsvc", url  # the <title> shows the query as text too


def test_hostile_documents_and_queries_show_as_text_with_the_csp(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    page.add_init_script(WATCH_VIOLATIONS)
    try:
        for url, status, query, texts in PAGES:
            console.clear()
            visit(page, base_url, url, status, query, texts, dialogs)
            # Our own pages need nothing the policy blocks; and nothing injected even tried to run.
            assert page.evaluate("window.__violations") == [], url
            noise = [m for m in console if not (status >= 400 and "Failed to load resource" in m)]
            assert not noise, (url, noise)

        # The stylesheet and the script are loaded from our files despite the strict policy.
        page.goto(base_url + search_url("zanzibarquokka"))
        mark = page.locator("blockquote mark").first
        assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 229, 138)"
        assert page.locator("body").evaluate("el => getComputedStyle(el).marginTop") == "0px"
        hit = page.locator("article.hit", has_text=TITLE)
        button = hit.get_by_role("button", name="Copy citation").first
        button.wait_for(state="visible")
        cite = hit.locator("p.cite span").first.inner_text()
        assert TITLE in cite
        button.click()
        page.wait_for_function("() => [...document.querySelectorAll('button[data-copy]')].some(b => b.textContent !== 'Copy citation')")
        assert page.evaluate("navigator.clipboard.readText()") == cite  # the hostile title copied as plain text

        # The hit links work for the document whose id breaks attributes, and the correction links stay on /search.
        with page.expect_navigation():
            page.locator("article.hit h2 a", has_text="The zanzibarquokka memo").click()
        assert urllib.parse.unquote(urllib.parse.urlsplit(page.url).path) == "/documents/" + ODD_ID
        assert page.locator("h1").inner_text().startswith("The zanzibarquokka memo")
        page.goto(base_url + search_url("zanzibarquoka " + SVG))
        hrefs = [a.get_attribute("href") for a in page.locator("p.suggest a").all()]
        assert len(hrefs) == 2 and all(h is not None and h.startswith("/search?q=") for h in hrefs)
        assert not dialogs and page.evaluate("window.__violations") == []
    finally:
        context.close()


def test_escaping_holds_without_the_csp(browser: Any, base_url: str) -> None:
    """With the browser ignoring the CSP, an escaping slip would run script: the dialog watch would see it."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for url, status, query, texts in PAGES:
            visit(page, base_url, url, status, query, texts, dialogs)
        # The bypass is real: script injected now does run.
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__ran = 1\">')")
        page.wait_for_function("() => window.__ran === 1")
    finally:
        context.close()


def test_the_csp_blocks_injected_script_and_inline_style(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    try:
        page.goto(base_url + search_url("zanzibarquokka"))
        page.evaluate("""() => {
          document.body.insertAdjacentHTML('beforeend', '<img id="x1" src="/x" onerror="window.__ran = 1">');
          const s = document.createElement('script'); s.textContent = 'window.__ran2 = 1'; document.body.append(s);
          document.body.insertAdjacentHTML('beforeend', '<p id="styled" style="color: rgb(1, 2, 3)">x</p>');
          const a = document.createElement('a'); a.href = 'javascript:window.__ran3 = 1'; a.id = 'js'; a.textContent = 'js';
          document.body.append(a);
        }""")
        page.locator("#js").click()
        page.wait_for_function("() => window.__violations.length >= 4")
        assert page.evaluate("[window.__ran, window.__ran2, window.__ran3]") == [None, None, None]
        assert page.locator("#styled").evaluate("el => getComputedStyle(el).color") != "rgb(1, 2, 3)"
        directives = {v.split()[0] for v in page.evaluate("window.__violations")}
        assert {"script-src-attr", "script-src-elem", "style-src-attr"} <= directives, directives

    finally:
        context.close()


def test_another_site_cannot_frame_the_pages(browser: Any, base_url: str) -> None:
    """frame-ancestors 'none' (and X-Frame-Options: DENY), seen from a page of another origin that frames ours."""
    embedding = f'<!doctype html><title>other site</title><iframe src="{base_url}/search?q=zanzibarquokka"></iframe>'.encode()

    class Embedder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(embedding)))
            self.end_headers()
            self.wfile.write(embedding)

        def log_message(self, *args: Any) -> None:
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Embedder)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context()
    try:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        page.goto(f"http://127.0.0.1:{other.server_port}/")  # waits for the frame's load event too
        assert page.frame_locator("iframe").locator("#q").count() == 0
        assert page.frames[1].url.startswith("chrome-error://"), page.frames[1].url  # Chromium's blocked-frame page
        assert any("frame-ancestors 'none'" in m for m in console), console
    finally:
        context.close()
        other.shutdown()
        other.server_close()
        thread.join(timeout=5)


def test_admin_pages_render_styled_without_csp_violations(browser: Any, base_url: str) -> None:
    """The admin pages lost their style attributes to the stylesheet: they must still look right under the CSP."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    try:
        page.goto(base_url + "/admin")
        page.get_by_label("Admin token").fill(ADMIN_TOKEN)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        assert page.locator("h1").inner_text() == "Admin"
        assert page.locator("#doc-count").inner_text() == "2"
        assert page.locator("nav.admin-nav").evaluate("el => getComputedStyle(el).display") == "flex"
        assert page.locator("form.inline").first.evaluate("el => getComputedStyle(el).display") == "inline"
        assert page.evaluate(INJECTED_JS) == []
        assert page.evaluate("window.__violations") == [] and not console, console
    finally:
        context.close()
