"""The gunicorn worker `searchsvc serve` runs: gunicorn's own error answers in our shape and with our headers.

Gunicorn answers some requests itself, before (or instead of) the app: a request line over
--limit-request-line (414), headers it cannot parse or too many of them (400/431), and a request that
outlived --timeout, whose worker it aborts (a plain 500). Its answer is a bare HTML page without the
security headers. This worker class keeps gunicorn's handling and changes only what is written: the JSON
error shape {"error": {"code", "message"}} (for /api/… and for requests whose path gunicorn never read)
or a short HTML page, both with the app's security headers. Gunicorn offers no hook for these answers;
worker_class is its documented way to change a worker's behaviour.
"""

from __future__ import annotations

import html
import json
from typing import Any

from gunicorn.http import errors as gerr
from gunicorn.workers.sync import SyncWorker

from . import SECURITY_HEADERS

# (exception class, status, reason, code); the first match wins, anything else is a 500.
_CLIENT_ERRORS: tuple[tuple[type[BaseException], int, str, str], ...] = (
    (gerr.LimitRequestLine, 414, "URI Too Long", "uri_too_long"),
    (gerr.LimitRequestHeaders, 431, "Request Header Fields Too Large", "headers_too_large"),
    (gerr.ForbiddenProxyRequest, 403, "Forbidden", "forbidden"),
    (gerr.ParseException, 400, "Bad Request", "bad_request"),
)
_MESSAGES = {
    "uri_too_long": "the request line is longer than this server accepts ({detail}); shorten the query",
    "headers_too_large": "the request headers are too large or too many ({detail})",
    "forbidden": "this request is not allowed",
    "bad_request": "the request is not valid HTTP ({detail})",
    "timeout": "the request took longer than the server's time limit and was stopped; try a simpler query",
    "internal_error": "something went wrong on our side; the error was logged",
}


def error_answer(exc: BaseException, path: str | None, timed_out: bool) -> bytes:
    """Return the full HTTP response gunicorn sends for an error it handles itself."""
    status, reason, code = 500, "Internal Server Error", "internal_error"
    if timed_out:
        status, reason, code = 503, "Service Unavailable", "timeout"
    else:
        for cls, st, rs, cd in _CLIENT_ERRORS:
            if isinstance(exc, cls):
                status, reason, code = st, rs, cd
                break
    message = _MESSAGES[code].format(detail=str(exc)[:200])
    if path is None or path.startswith("/api/") or path in ("/api", "/healthz"):
        body = json.dumps({"error": {"code": code, "message": message}}).encode("utf-8")
        ctype = "application/json"
    else:
        body = (f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{status} {reason}</title>"
                f"<h1>{status} {html.escape(reason)}</h1><p>{html.escape(message)}</p>"
                "<p><a href=\"/\">Search</a></p></html>").encode("utf-8")
        ctype = "text/html; charset=utf-8"
    headers = [("Connection", "close"), ("Content-Type", ctype), ("Content-Length", str(len(body))),
               ("Cache-Control", "no-store"), *SECURITY_HEADERS.items()]
    if status == 503:
        headers.append(("Retry-After", "1"))
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("latin-1") + body


class JsonErrorWorker(SyncWorker):
    """gunicorn's sync worker whose own error answers carry our error shape and security headers."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Log and account the error as gunicorn does, then write our answer instead of gunicorn's page."""
        from gunicorn import util

        # A worker aborted for its timeout is no longer alive when its request unwinds.
        timed_out = isinstance(exc, SystemExit) and not self.alive
        # A header error carries the request it was reading (gunicorn uses it for the access log).
        path = getattr(req if req is not None else getattr(exc, "req", None), "path", None)
        answer = error_answer(exc, path, timed_out)
        original = util.write_error

        def write(sock: Any, *_args: Any) -> None:
            util.write_nonblock(sock, answer)

        # gunicorn's handle_error logs, writes the access-log line, then calls util.write_error: only
        # that last call is replaced, for this one answer.
        util.write_error = write
        try:
            super().handle_error(req, client, addr, exc)
        finally:
            util.write_error = original
