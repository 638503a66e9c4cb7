"""Admin state every gunicorn worker shares: signed-in sessions and failed token attempts, in SQLite.

Sessions live on the server (a random id in the signed cookie points at a row), so signing out deletes
the row and a copied cookie stops working in every worker, and a session's age is its row's creation
time, which re-issuing the cookie never changes. Failed token attempts are rows per client address; a
client with too many in the window gets 429 until the oldest leave it. The file is
<index_dir>/admin.sqlite3, next to the rate limiter's state.
"""

from __future__ import annotations

import math
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .ratelimit import open_state_db

STATE_FILE = "admin.sqlite3"
BUSY_TIMEOUT_S = 2.0
SESSION_MAX_AGE = 12 * 3600  # absolute: counted from sign-in, never extended
MAX_FAILURES = 10  # failed token attempts per client ...
FAILURE_WINDOW = 600  # ... in any 10 minutes; then 429 until the oldest leaves the window

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, csrf TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS failures (client TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_client_at ON failures (client, at);
"""


@dataclass(frozen=True)
class Session:
    """A signed-in admin session: its id, its CSRF token and when it began (epoch seconds)."""

    sid: str
    csrf: str
    created: float

    def expires(self) -> float:
        """Return when the session ends, whatever happens in between."""
        return self.created + SESSION_MAX_AGE


class AdminState:
    """Sessions and failed attempts in one SQLite file; one connection per process (never across a fork)."""

    def __init__(self, path: Path):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            # private: session ids are credentials, in the WAL files too.
            conn = open_state_db(self.path, SCHEMA, BUSY_TIMEOUT_S, private=True)
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def create_session(self, now: float | None = None) -> Session:
        """Start a signed-in session and return it."""
        now = time.time() if now is None else now
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), now)
        with self._lock:
            conn = self._connect()
            conn.execute("DELETE FROM sessions WHERE created <= ?", (now - SESSION_MAX_AGE,))
            conn.execute("INSERT INTO sessions (sid, csrf, created) VALUES (?, ?, ?)", (session.sid, session.csrf, session.created))
        return session

    def session(self, sid: str, now: float | None = None) -> Session | None:
        """Return a live session by id, or None when it was ended, expired or never existed."""
        now = time.time() if now is None else now
        with self._lock:
            row = self._connect().execute("SELECT sid, csrf, created FROM sessions WHERE sid = ?", (sid,)).fetchone()
        if row is None:
            return None
        session = Session(*row)
        if not session.created <= now < session.expires():
            return None
        return session

    def end_session(self, sid: str) -> None:
        """End a session in every worker."""
        with self._lock:
            self._connect().execute("DELETE FROM sessions WHERE sid = ?", (sid,))

    def blocked_for(self, client: str, now: float | None = None) -> int:
        """Return the seconds a client must wait before its next token attempt (0: it may try now)."""
        now = time.time() if now is None else now
        with self._lock:
            conn = self._connect()
            conn.execute("DELETE FROM failures WHERE at <= ? OR at > ?", (now - FAILURE_WINDOW, now + 1))
            (count,) = conn.execute("SELECT COUNT(*) FROM failures WHERE client = ?", (client,)).fetchone()
            if count < MAX_FAILURES:
                return 0
            (oldest,) = conn.execute(
                "SELECT at FROM failures WHERE client = ? ORDER BY at LIMIT 1 OFFSET ?", (client, count - MAX_FAILURES),
            ).fetchone()
        return max(1, math.ceil(oldest + FAILURE_WINDOW - now))

    def record_failure(self, client: str, now: float | None = None) -> None:
        """Count one wrong token from a client."""
        now = time.time() if now is None else now
        with self._lock:
            self._connect().execute("INSERT INTO failures (client, at) VALUES (?, ?)", (client, now))
