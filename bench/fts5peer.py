"""The SQLite FTS5 peer of the benchmark: build, search (bm25 top 10, with or without snippet) and a tiny HTTP server.

    python bench/fts5peer.py build DB N      # index the first N corpus records (same normalised text as seeds)
    python bench/fts5peer.py serve DB PORT [WORKERS]   # GET /api/search?q=&lang=&from=&passages= and /healthz

The build indexes the same records searchsvc gets as seed files, normalised the same way (ingest.normalise),
in one transaction followed by FTS5's 'optimize'. The table keeps id, lang, date and source UNINDEXED so the
benchmark's filters become WHERE clauses. No language detection and no stemming: that is the difference.
The server answers with the same JSON shape as /api/search (hits with id, title, score and passages, whose
html is escaped with only <mark> as markup); it forks WORKERS processes on one listening socket, as
gunicorn's sync workers do, and closes each connection after the response, as they do too.
"""

from __future__ import annotations

import html
import json
import os
import sqlite3
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import queries as queries_mod  # noqa: E402

TOKENIZER = "unicode61 remove_diacritics 2"
SNIPPET_TOKENS = 40
# Private-use characters as snippet() markers: they cannot occur in the text, so escaping the snippet and
# then turning them into <mark> leaves our tags as the only markup.
_OPEN, _CLOSE = "\ue000", "\ue001"


def build(db_path: str, n: int) -> dict[str, Any]:
    """Build the FTS5 table of the first n corpus records into a new database; return counts and seconds."""
    import corpus
    from searchsvc import ingest

    if os.path.exists(db_path):
        os.remove(db_path)
    started = time.perf_counter()
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, lang UNINDEXED, date UNINDEXED, "
        f"source UNINDEXED, tokenize='{TOKENIZER}')"
    )
    con.execute("BEGIN")
    count = 0
    for record, _raw in corpus.iter_records(limit=n):
        paragraphs, footnotes = ingest.normalise(record.get("text") or "")
        if not paragraphs and not footnotes:
            continue  # searchsvc skips documents with no text left too
        con.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)",
            (str(record["id"]), record.get("title") or "", "\n\n".join(paragraphs + footnotes),
             record.get("lang"), record.get("date"), record.get("source")),
        )
        count += 1
    con.execute("COMMIT")
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.close()
    return {"documents": count, "seconds": time.perf_counter() - started}


def connect(db_path: str) -> sqlite3.Connection:
    """Open the FTS5 database read-write in autocommit mode."""
    return sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)


def _escape_snippet(text: str) -> str:
    return html.escape(text).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def search(con: sqlite3.Connection, query: dict[str, Any], passages: int, limit: int = 10) -> dict[str, Any]:
    """Run one benchmark query: bm25() top `limit`, with one escaped snippet() per hit when passages > 0."""
    match, where, args = queries_mod.to_fts5(query)
    if passages:
        sql = (
            f"SELECT id, title, bm25(docs), snippet(docs, 2, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}) "
            f"FROM docs WHERE docs MATCH ?{where} ORDER BY bm25(docs) LIMIT ?"
        )
    else:
        sql = f"SELECT id, title, bm25(docs) FROM docs WHERE docs MATCH ?{where} ORDER BY bm25(docs) LIMIT ?"
    hits = []
    for row in con.execute(sql, [match, *args, limit]):
        hit = {"id": row[0], "title": html.escape(row[1] or ""), "score": -row[2], "passages": []}
        if passages:
            hit["passages"] = [{"html": _escape_snippet(row[3])}]
        hits.append(hit)
    return {"query": query["q"], "hits": hits}


def total(con: sqlite3.Connection, query: dict[str, Any]) -> int:
    """Return how many documents match a query (not timed; for the hit-count comparison)."""
    match, where, args = queries_mod.to_fts5(query)
    return int(con.execute(f"SELECT count(*) FROM docs WHERE docs MATCH ?{where}", [match, *args]).fetchone()[0])


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def serve(db_path: str, port: int, workers: int = 2) -> None:
    """Serve /api/search and /healthz on 127.0.0.1:port from `workers` forked processes; runs until killed."""
    server = _Server(("127.0.0.1", port), _Handler)
    for _ in range(workers - 1):
        if os.fork() == 0:
            break
    _Handler.db_path = db_path
    server.serve_forever()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection, like gunicorn's sync workers
    db_path = ""
    _local: dict[int, sqlite3.Connection] = {}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _con(self) -> sqlite3.Connection:
        import threading

        ident = threading.get_ident()
        if ident not in self._local:
            self._local[ident] = connect(self.db_path)
        return self._local[ident]

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urllib.parse.urlsplit(self.path)
        args = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/healthz":
            count = self._con().execute("SELECT count(*) FROM docs").fetchone()[0]
            self._send(200, {"status": "ok", "documents": count, "pid": os.getpid()})
        elif url.path == "/api/search":
            query = {k: v for k, v in args.items() if k in ("q", "lang", "from")}
            try:
                self._send(200, search(self._con(), query, int(args.get("passages", "3"))))
            except sqlite3.Error as exc:
                self._send(400, {"error": {"code": "bad_query", "message": str(exc)}})
        else:
            self._send(404, {"error": {"code": "not_found", "message": url.path}})


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "build" and len(sys.argv) == 4:
        print(json.dumps(build(sys.argv[2], int(sys.argv[3]))))
    elif cmd == "serve" and len(sys.argv) in (4, 5):
        serve(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) == 5 else 2)
    else:
        sys.exit(__doc__)
