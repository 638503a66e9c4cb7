"""Per-client rate limit on searches, shared by every gunicorn worker through a small SQLite database.

Each allowed search is one row (client address, time). A search is refused when the client already has
`requests` rows in the last `seconds`: a sliding window, so no client gets more than the limit in any
window, not even across a minute boundary. The state lives in <index_dir>/ratelimit.sqlite3 so that all
workers of one server share it; when it cannot be used the limiter lets searches through and logs why.
"""

from __future__ import annotations

import logging
import math
import os
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from flask import Flask, current_app, request

from ..config import RateLimit

log = logging.getLogger("searchsvc")

STATE_FILE = "ratelimit.sqlite3"
# Requests that always run a search, counted before the view runs. The Atom feeds count in their views
# (spend()), after a feed reader's conditional request has had its free 304; the document page counts only
# for its "Similar documents" list, which it leaves out when the client's budget is spent.
LIMITED_ENDPOINTS = frozenset({"api.api_search", "pages.search_page", "api.api_similar"})
BUSY_TIMEOUT_S = 0.5  # a worker waits this long for another's transaction before letting the search through
SETUP_TIMEOUT_S = 2.0  # how long opening a state file retries while other workers create it
WARN_EVERY_S = 60.0  # at most one "limiter unavailable" warning per process per minute
PRUNE_CHANCE = 0.01  # about one search in a hundred also clears every client's expired rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS hits (client TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS hits_client_at ON hits (client, at);
CREATE INDEX IF NOT EXISTS hits_at ON hits (at);
"""


def open_state_db(path: Path, schema: str, busy_timeout: float, *pragmas: str, private: bool = False) -> sqlite3.Connection:
    """Open (and create) a small SQLite state file that every gunicorn worker shares: WAL, autocommit, schema.

    private=True makes the file and its WAL/SHM files readable by the owner only (they hold credentials).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(busy_timeout, SETUP_TIMEOUT_S)
    while True:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            for pragma in pragmas:
                conn.execute(pragma)
            conn.executescript(schema)
            break
        except sqlite3.OperationalError as exc:
            conn.close()
            # SQLite does not call the busy handler for the lock that switching a new file to WAL takes, so
            # workers opening the file at the same moment get "database is locked" at once: retry briefly.
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.005, 0.03))
        except sqlite3.Error:
            conn.close()
            raise
    if private:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.chmod(f"{path}{suffix}", 0o600)
            except FileNotFoundError:
                pass
    return conn


@dataclass(frozen=True)
class Verdict:
    """The limiter's answer: allowed, or refused with the seconds until the next search is allowed."""

    allowed: bool
    retry_after: int = 0


class SharedLimiter:
    """A sliding-window limiter whose counts live in an SQLite file every worker process opens."""

    def __init__(self, limit: RateLimit, path: Path, clock: Callable[[], float] = time.time):
        self.limit = limit
        self.path = path
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()  # one connection per process; gunicorn sync workers are single-threaded anyway
        self._warned_at = -math.inf

    def _connect(self) -> sqlite3.Connection:
        # A connection must not cross a fork, so each process opens its own on first use.
        if self._conn is None or self._pid != os.getpid():
            # synchronous=NORMAL: losing the last counts in a power cut is harmless.
            conn = open_state_db(self.path, SCHEMA, BUSY_TIMEOUT_S, "PRAGMA synchronous=NORMAL")
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def hit(self, client: str) -> Verdict:
        """Count one search by client and say whether it is allowed; fail open when the state is unusable."""
        try:
            with self._lock:
                return self._hit(client)
        except (sqlite3.Error, OSError) as exc:
            self._reset()
            now = time.monotonic()
            if now - self._warned_at >= WARN_EVERY_S:
                self._warned_at = now
                log.warning("rate limit state %s cannot be used (%s); searches are not limited until it can", self.path, exc)
            return Verdict(True)

    def _hit(self, client: str) -> Verdict:
        conn = self._connect()
        now = self.clock()
        window = self.limit.seconds
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Rows in the future mean the clock was set back; dropping them keeps a client from being locked out.
            conn.execute("DELETE FROM hits WHERE client = ? AND (at <= ? OR at > ?)", (client, now - window, now + 1))
            if random.random() < PRUNE_CHANCE:
                conn.execute("DELETE FROM hits WHERE at <= ?", (now - window,))
            (count,) = conn.execute("SELECT COUNT(*) FROM hits WHERE client = ?", (client,)).fetchone()
            if count >= self.limit.requests:
                # The search becomes possible when enough of the oldest rows have left the window.
                (oldest,) = conn.execute(
                    "SELECT at FROM hits WHERE client = ? ORDER BY at LIMIT 1 OFFSET ?",
                    (client, count - self.limit.requests),
                ).fetchone()
                conn.execute("COMMIT")
                return Verdict(False, max(1, math.ceil(oldest + window - now)))
            conn.execute("INSERT INTO hits (client, at) VALUES (?, ?)", (client, now))
            conn.execute("COMMIT")
            return Verdict(True)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _reset(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Close this process's connection to the state file."""
        with self._lock:
            self._reset()


def install(app: Flask, settings: Mapping[str, Any]) -> None:
    """Limit searches per client when the rate_limit setting is set; do nothing when it is empty."""
    limit: RateLimit | None = settings.get("rate_limit")
    if limit is None:
        return
    app.extensions["searchsvc_ratelimit"] = SharedLimiter(limit, Path(settings["index_dir"]) / STATE_FILE)
    app.before_request(check)


def client_address() -> str:
    """Return the address a request counts against: the peer address, never X-Forwarded-For."""
    return request.remote_addr or "unknown"


def check() -> Any:
    """Refuse a search over the limit with 429, Retry-After and the error shape; let anything else through."""
    if request.endpoint not in LIMITED_ENDPOINTS:
        return None
    if request.endpoint == "pages.search_page" and not (request.args.get("q") or "").strip():
        return None  # /search without a query is the search form, not a search
    return spend()


def may_search() -> bool:
    """Count one search against the client's budget and say whether it may run (always, without a limit)."""
    limiter: SharedLimiter | None = current_app.extensions.get("searchsvc_ratelimit")
    return limiter is None or limiter.hit(client_address()).allowed


def spend() -> Any:
    """Count one search against the client's budget: None when it may run, else the 429 to answer with."""
    limiter: SharedLimiter | None = current_app.extensions.get("searchsvc_ratelimit")
    if limiter is None:
        return None
    verdict = limiter.hit(client_address())
    if verdict.allowed:
        return None
    from .errors import retry_later

    limit = limiter.limit
    return retry_later(
        "rate_limited",
        f"too many searches from your address: the limit is {limit.requests} per {_period(limit.seconds)}; "
        f"try again in {verdict.retry_after} s",
        verdict.retry_after,
    )


def _period(seconds: int) -> str:
    return {1: "second", 60: "minute", 3600: "hour"}.get(seconds, f"{seconds} s")
