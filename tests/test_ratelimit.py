"""The per-client search rate limit (SEARCHSVC_RATE_LIMIT) through the Flask test client: 429 with Retry-After
and the error shape, the window passing, clients counted apart, off when unset, bad settings refused, and
searching going on when the shared state cannot be used."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask import Flask

from searchsvc import config
from searchsvc.errors import ConfigError
from searchsvc.web import create_app
from searchsvc.web.ratelimit import STATE_FILE, SharedLimiter

SEARCH = "/api/search?q=diplomaten&passages=0"


@pytest.fixture
def index_dir(seed_index: Path, tmp_path: Path) -> Path:
    """A private copy of the seed index, so that each test has its own rate-limit state next to it."""
    target = tmp_path / "index"
    shutil.copytree(seed_index, target, ignore=shutil.ignore_patterns(".reindex.lock", "jobs", STATE_FILE + "*"))
    return target


@pytest.fixture
def make_app(index_dir: Path) -> Iterator[Any]:
    apps: list[Flask] = []

    def make(**settings: Any) -> Flask:
        app = create_app({"index_dir": str(index_dir), **settings})
        apps.append(app)
        return app

    yield make
    for app in apps:
        if "searchsvc_ratelimit" in app.extensions:
            app.extensions["searchsvc_ratelimit"].close()
        app.extensions["searchsvc_index"].close()


def assert_rate_limited(r: Any, limit_words: str) -> int:
    assert r.status_code == 429, r.get_data(as_text=True)[:300]
    assert r.mimetype == "application/json"
    assert r.get_json() == {"error": {"code": "rate_limited", "message": r.get_json()["error"]["message"]}}
    message = r.get_json()["error"]["message"]
    assert limit_words in message and "try again in" in message, message
    retry = int(r.headers["Retry-After"])
    assert retry >= 1
    assert f"try again in {retry} s" in message
    return retry


def test_over_the_limit_is_429_with_retry_after_then_allowed_after_the_window(make_app: Any) -> None:
    c = make_app(rate_limit="3/second").test_client()
    started = time.monotonic()
    for _ in range(3):
        assert c.get(SEARCH).status_code == 200
    refused = c.get(SEARCH)
    if time.monotonic() - started < 0.9:  # (on a very slow machine the first searches may have left the window)
        retry = assert_rate_limited(refused, "3 per second")
        assert retry == 1
    # Refused searches are not counted: once the window has passed the client is allowed again.
    time.sleep(1.05)
    for _ in range(3):
        assert c.get(SEARCH).status_code == 200
    assert c.get(SEARCH).status_code == 429


def test_retry_after_says_when_the_oldest_search_leaves_the_window(make_app: Any) -> None:
    c = make_app(rate_limit="2/minute").test_client()
    assert c.get(SEARCH).status_code == 200
    assert c.get(SEARCH).status_code == 200
    retry = assert_rate_limited(c.get(SEARCH), "2 per minute")
    assert 58 <= retry <= 60


def test_the_page_and_the_api_share_one_budget_and_the_page_gets_a_friendly_429(make_app: Any) -> None:
    c = make_app(rate_limit="2/hour").test_client()
    assert c.get("/search?q=diplomaten").status_code == 200
    assert c.get(SEARCH).status_code == 200
    page = c.get("/search?q=spionage")
    assert page.status_code == 429 and page.mimetype == "text/html"
    assert int(page.headers["Retry-After"]) > 3500
    html = page.get_data(as_text=True)
    assert "Too many searches" in html and "2 per hour" in html
    assert_rate_limited(c.get(SEARCH), "2 per hour")
    # Not searches, so not limited: the form, documents, health, the spec and static files.
    for url in ("/", "/search", "/documents/000_1e7f0d94218035f2", "/api/documents/000_1e7f0d94218035f2", "/healthz",
                "/api/openapi.json"):
        assert c.get(url).status_code == 200, url
    css = c.get("/static/style.css")
    assert css.status_code == 200
    css.close()


def test_clients_are_counted_apart_and_x_forwarded_for_is_not_trusted(make_app: Any) -> None:
    c = make_app(rate_limit="2/minute").test_client()
    a = {"REMOTE_ADDR": "192.0.2.1"}
    b = {"REMOTE_ADDR": "2001:db8::2"}
    for _ in range(2):
        assert c.get(SEARCH, environ_base=a).status_code == 200
    assert c.get(SEARCH, environ_base=a).status_code == 429
    # A forged X-Forwarded-For does not give the client a fresh budget ...
    for forged in ("203.0.113.7", "198.51.100.9, 203.0.113.8"):
        assert c.get(SEARCH, environ_base=a, headers={"X-Forwarded-For": forged}).status_code == 429
    # ... nor does it use up someone else's.
    assert c.get(SEARCH, environ_base=b, headers={"X-Forwarded-For": "192.0.2.1"}).status_code == 200
    assert c.get(SEARCH, environ_base=b).status_code == 200
    assert c.get(SEARCH, environ_base=b).status_code == 429


def test_two_apps_on_one_index_share_the_counts(make_app: Any) -> None:
    """Like two gunicorn workers: both open <index>/ratelimit.sqlite3, so the limit holds across them."""
    one = make_app(rate_limit="3/minute").test_client()
    two = make_app(rate_limit="3/minute").test_client()
    assert one.get(SEARCH).status_code == 200
    assert two.get(SEARCH).status_code == 200
    assert one.get(SEARCH).status_code == 200
    assert_rate_limited(two.get(SEARCH), "3 per minute")
    assert_rate_limited(one.get(SEARCH), "3 per minute")


def test_off_when_unset(make_app: Any, index_dir: Path) -> None:
    app = make_app()
    assert app.config["SEARCHSVC"]["rate_limit"] is None
    assert "searchsvc_ratelimit" not in app.extensions
    c = app.test_client()
    for _ in range(50):
        assert c.get(SEARCH).status_code == 200
    assert not (index_dir / STATE_FILE).exists()


def test_off_when_the_variable_is_empty(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEARCHSVC_RATE_LIMIT", "")
    assert "searchsvc_ratelimit" not in make_app().extensions
    monkeypatch.setenv("SEARCHSVC_RATE_LIMIT", "5/minute")
    assert make_app().extensions["searchsvc_ratelimit"].limit == config.RateLimit(5, 60, "5/minute")


@pytest.mark.parametrize(
    ("value", "requests", "seconds"),
    [("120/minute", 120, 60), (" 10/Second ", 10, 1), ("5000/hour", 5000, 3600), ("2/minutes", 2, 60)],
)
def test_good_settings(value: str, requests: int, seconds: int) -> None:
    limit = config.load_settings(environ={"SEARCHSVC_RATE_LIMIT": value})["rate_limit"]
    assert (limit.requests, limit.seconds) == (requests, seconds)


@pytest.mark.parametrize("value", ["120", "120/", "/minute", "x/minute", "0/minute", "-5/minute", "1.5/second", "10/day", "10 per minute", "10/minute/2"])
def test_bad_settings_are_config_errors_with_a_hint(value: str, make_app: Any) -> None:
    with pytest.raises(ConfigError) as err:
        config.load_settings(environ={"SEARCHSVC_RATE_LIMIT": value})
    message = str(err.value)
    assert message.startswith(f"SEARCHSVC_RATE_LIMIT={value!r} must look like N/second, N/minute or N/hour"), message
    assert "e.g. 120/minute" in message
    with pytest.raises(ConfigError):  # the app refuses to start with it too
        make_app(rate_limit=value)


def test_unusable_state_lets_searches_through_and_logs_a_warning(make_app: Any, index_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    (index_dir / STATE_FILE).mkdir()  # a folder where the database file should be
    c = make_app(rate_limit="1/minute").test_client()
    with caplog.at_level(logging.WARNING, logger="searchsvc"):
        for _ in range(3):
            assert c.get(SEARCH).status_code == 200
    warnings = [r for r in caplog.records if "rate limit state" in r.getMessage()]
    assert len(warnings) == 1, "one warning, not one per search"
    assert str(index_dir / STATE_FILE) in warnings[0].getMessage()


def test_corrupt_state_lets_searches_through(make_app: Any, index_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    (index_dir / STATE_FILE).write_bytes(b"this is not an sqlite database" * 100)
    c = make_app(rate_limit="1/minute").test_client()
    with caplog.at_level(logging.WARNING, logger="searchsvc"):
        assert c.get(SEARCH).status_code == 200
        assert c.get(SEARCH).status_code == 200
    assert any("rate limit state" in r.getMessage() for r in caplog.records)


def test_state_locked_by_another_process_lets_searches_through(make_app: Any, index_dir: Path) -> None:
    import sqlite3

    c = make_app(rate_limit="1/minute").test_client()
    assert c.get(SEARCH).status_code == 200
    holder = sqlite3.connect(index_dir / STATE_FILE, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # a stuck writer elsewhere
        started = time.monotonic()
        assert c.get(SEARCH).status_code == 200  # would be 429, but the limiter cannot know: fail open
        assert time.monotonic() - started < 3
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert c.get(SEARCH).status_code == 429  # and it counts again once the state is free


def test_clock_set_back_does_not_lock_a_client_out(tmp_path: Path) -> None:
    now = [1_000_000.0]
    limiter = SharedLimiter(config.RateLimit(2, 60, "2/minute"), tmp_path / STATE_FILE, clock=lambda: now[0])
    try:
        assert limiter.hit("a").allowed and limiter.hit("a").allowed
        refused = limiter.hit("a")
        assert not refused.allowed and refused.retry_after == 60
        now[0] += 30
        assert limiter.hit("a").retry_after == 30
        now[0] += 30
        assert limiter.hit("a").allowed  # both earlier searches have left the window
        now[0] -= 3600  # the clock jumps back an hour
        assert limiter.hit("a").allowed
    finally:
        limiter.close()


def test_429_is_described_in_the_openapi_document_and_matches_it(make_app: Any) -> None:
    from jsonschema import Draft202012Validator

    c = make_app(rate_limit="1/minute").test_client()
    doc = c.get("/api/openapi.json").get_json()
    described = doc["paths"]["/api/search"]["get"]["responses"]["429"]
    assert described["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert described["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Error"
    schema = {**doc["components"]["schemas"]["Error"]}
    schema["properties"] = {"error": {**schema["properties"]["error"], "additionalProperties": False}}
    schema["additionalProperties"] = False
    assert c.get(SEARCH).status_code == 200
    r = c.get(SEARCH)
    assert r.status_code == 429
    Draft202012Validator(schema).validate(r.get_json())


def test_serve_refuses_to_start_with_a_bad_rate_limit(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from searchsvc.cli import main

    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "index"), "--seeds", str(tmp_path)],
                                env={"SEARCHSVC_RATE_LIMIT": "lots"})
    assert result.exit_code == 1
    assert "SEARCHSVC_RATE_LIMIT='lots' must look like N/second, N/minute or N/hour" in result.output
    assert not (tmp_path / "index").exists()  # stopped before building or serving anything


def test_workers_opening_a_new_state_file_at_once_all_get_a_connection(tmp_path: Path) -> None:
    # Four gunicorn workers (here threads) create the same state file at the same moment: SQLite answers
    # "database is locked" to the WAL switch without waiting, which once made an admin request a 500.
    import threading

    from searchsvc.web.ratelimit import SCHEMA, open_state_db

    for round_ in range(20):
        path = tmp_path / f"state-{round_}.sqlite3"
        barrier = threading.Barrier(8)
        errors: list[BaseException] = []

        def open_one() -> None:
            barrier.wait()
            try:
                open_state_db(path, SCHEMA, 0.5, "PRAGMA synchronous=NORMAL").close()
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=open_one) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert errors == []


# --- feeds and similar documents are searches too ---------------------------------------------------

D000, D001 = "000_1e7f0d94218035f2", "001_a1e633dddb5f6fbd"
FEED = "/search.atom?q=diplomaten"
SIMILAR = f"/api/documents/{D001}/similar"


def test_feeds_and_similar_share_the_search_budget(make_app: Any) -> None:
    c = make_app(rate_limit="4/hour").test_client()
    assert c.get(FEED).status_code == 200
    assert c.get("/new.atom").status_code == 200
    similar = c.get(SIMILAR)
    assert similar.status_code == 200 and similar.get_json()["hits"][0]["id"] == D000
    assert c.get(SEARCH).status_code == 200  # the fourth search of the hour
    # Every kind is now refused, whichever one spent the budget.
    assert_rate_limited(c.get(SIMILAR), "4 per hour")
    assert_rate_limited(c.get(SEARCH), "4 per hour")
    for url in (FEED, "/new.atom", "/search.atom?q=spionage"):
        feed = c.get(url)
        assert feed.status_code == 429 and feed.mimetype == "text/html", url
        assert int(feed.headers["Retry-After"]) > 3500
        assert "Too many searches" in feed.get_data(as_text=True) and "4 per hour" in feed.get_data(as_text=True)
    # Another client still has its own budget for all of them.
    other = {"REMOTE_ADDR": "192.0.2.77"}
    assert c.get(SIMILAR, environ_base=other).status_code == 200
    assert c.get(FEED, environ_base=other).status_code == 200


def test_a_feed_readers_conditional_poll_answered_304_costs_no_search(make_app: Any) -> None:
    c = make_app(rate_limit="2/hour").test_client()
    first = c.get(FEED)
    assert first.status_code == 200
    tag = first.headers["ETag"]
    for _ in range(5):  # a reader polling an unchanged feed: 304s, none of them counted
        again = c.get(FEED, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.headers["ETag"] == tag
    assert c.get(SEARCH).status_code == 200  # so the second search of the hour is still allowed
    assert c.get(FEED).status_code == 429  # an unconditional fetch is a search: over the limit
    assert c.get(FEED, headers={"If-None-Match": tag}).status_code == 304  # the poll still costs nothing
    # A feed that has changed (another query) would need a search: refused, not answered from a wrong tag.
    assert c.get("/search.atom?q=spionage", headers={"If-None-Match": tag}).status_code == 429


def test_the_document_page_shows_its_similar_list_within_the_budget_and_the_document_without_it(make_app: Any) -> None:
    c = make_app(rate_limit="1/hour").test_client()
    page = c.get(f"/documents/{D001}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Similar documents" in html and f'href="/documents/{D000}' in html  # the list: one search
    assert c.get(SEARCH).status_code == 429  # ... which used the whole budget
    again = c.get(f"/documents/{D001}")
    assert again.status_code == 200  # reading a document is not refused ...
    html = again.get_data(as_text=True)
    assert "Not shown: too many searches" in html  # ... but its similar list (a search) is left out
    assert f'href="/documents/{D000}' not in html
    assert c.get(f"/api/documents/{D001}").status_code == 200  # the document API runs no search


def test_without_a_limit_feeds_similar_and_the_document_page_are_not_counted(make_app: Any, index_dir: Path) -> None:
    c = make_app().test_client()
    for url in (FEED, "/new.atom", SIMILAR):
        assert c.get(url).status_code == 200, url
    assert "Not shown" not in c.get(f"/documents/{D001}").get_data(as_text=True)
    assert not (index_dir / STATE_FILE).exists()
