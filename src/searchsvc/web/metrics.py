"""Prometheus metrics: request counts and latencies from every gunicorn worker, index and job state at scrape time.

Per-request metrics go through prometheus_client's multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set
(`searchsvc serve` sets it to a private folder, emptied at start), so a scrape answered by one worker adds
up all of them. What the index holds (documents by language, the current build's age, size and build time)
and the reindex jobs are read at scrape time from the index folder, which every process shares.

This module is also the gunicorn config `searchsvc serve` passes (`python:searchsvc.web.metrics`): its
child_exit and on_exit hooks mark dead workers and remove the private folder.

/metrics answers when SEARCHSVC_METRICS=1 (for a Prometheus on a private network), and otherwise only to
'Authorization: Bearer <SEARCHSVC_ADMIN_TOKEN>'; with neither it is not there (404).
"""

from __future__ import annotations

import calendar
import gc
import hmac
import json
import logging
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any, Iterator, Mapping

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request, template_rendered
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from .. import index as index_mod
from .. import jobs as jobs_mod

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
GC_THRESHOLDS = (20_000, 10, 10)  # a serving worker's collections (CPython's default: 700, 10, 10)
OWNED_ENV = "SEARCHSVC_METRICS_DIR_OWNED"  # set by `searchsvc serve` when it made the folder itself

# Endpoints whose latency is measured, and whose 400/503 answers count as refusals (cost limits, time-outs).
SEARCH_ENDPOINTS = {"api.api_search": "/api/search", "pages.search_page": "/search"}
DOCUMENT_ENDPOINTS = {"api.api_document": "/api/documents", "pages.document_page": "/documents"}
# Codes of 400/503 answers on those endpoints that are the request's own fault or the index's, not a refusal.
NOT_REFUSALS = {"bad_query", "bad_request", "not_found", "index_unavailable", "unavailable", "internal_error"}

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
HIT_BUCKETS = (0, 1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000, 100000)

REQUESTS = Counter("searchsvc_requests", "HTTP requests answered, by endpoint (route) and status.", ["endpoint", "status"])
SEARCH_SECONDS = Histogram(
    "searchsvc_search_duration_seconds", "Time to answer a search, by endpoint.", ["endpoint"], buckets=LATENCY_BUCKETS
)
DOCUMENT_SECONDS = Histogram(
    "searchsvc_document_duration_seconds", "Time to answer a document, by endpoint.", ["endpoint"], buckets=LATENCY_BUCKETS
)
SEARCH_HITS = Histogram(
    "searchsvc_search_hits", "Documents matching each answered search (the total, not the page).", ["endpoint"],
    buckets=HIT_BUCKETS,
)
REFUSALS = Counter(
    "searchsvc_refusals", "Requests refused by a limit (429 rate_limited, 400/503 cost limits), by error code.",
    ["endpoint", "code"],
)

log = logging.getLogger("searchsvc")
bp = Blueprint("metrics", __name__)


def install(app: Flask, settings: Mapping[str, Any]) -> None:
    """Count and time every request, and serve /metrics (see the module docstring for who may read it)."""
    app.before_request(_start)
    app.after_request(_record)
    template_rendered.connect(_rendered, app)
    app.register_blueprint(bp)


def _start() -> Any:
    g.metrics_started = time.perf_counter()
    if request.path == "/metrics" and request.routing_exception is not None:
        # A wrong method on /metrics: the API's JSON error shape (the page errors are for /, /search, ...).
        exc = request.routing_exception
        response = jsonify({"error": {"code": "method_not_allowed", "message": f"{request.method} is not allowed on "
                                      "/metrics; use GET"}})
        response.status_code = getattr(exc, "code", None) or 405
        response.headers["Allow"] = ", ".join(sorted(getattr(exc, "valid_methods", None) or ["GET", "HEAD", "OPTIONS"]))
        return response
    return None


def _rendered(sender: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:
    """Remember what a page showed: the search's total and an error page's code (the HTML has no JSON to read)."""
    result = context.get("result")
    if isinstance(result, dict) and "total" in result:
        g.metrics_hits = result["total"]
    if template.name == "error.html" and context.get("code"):
        g.metrics_code = context["code"]


def _error_code(response: Response) -> str | None:
    code = g.get("metrics_code")
    if code is None and response.is_json:
        body = response.get_json(silent=True)
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            code = body["error"].get("code")
    return str(code) if code else None


_TOTAL = re.compile(rb'"total":\s*(\d+)')


def _json_total(body: bytes) -> int | None:
    """Return the top-level "total" of a search answer without decoding it (half the cost of recording, else).

    The first '"total":' is that key: "query" (a string, whose quotes are all escaped) is the only key before it.
    """
    m = _TOTAL.search(body)
    return int(m.group(1)) if m else None


def _record(response: Response) -> Response:
    """Count the answer; time searches and documents; note hits and refusals. Never fails the request."""
    try:
        rule = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        status = response.status_code
        REQUESTS.labels(rule, str(status)).inc()
        endpoint = request.endpoint or ""
        started = g.get("metrics_started")
        if endpoint in SEARCH_ENDPOINTS and started is not None:
            SEARCH_SECONDS.labels(SEARCH_ENDPOINTS[endpoint]).observe(time.perf_counter() - started)
            hits = g.get("metrics_hits")
            if hits is None and status == 200 and response.is_json and not response.direct_passthrough:
                hits = _json_total(response.get_data())
            if isinstance(hits, int):
                SEARCH_HITS.labels(SEARCH_ENDPOINTS[endpoint]).observe(hits)
        elif endpoint in DOCUMENT_ENDPOINTS and started is not None:
            DOCUMENT_SECONDS.labels(DOCUMENT_ENDPOINTS[endpoint]).observe(time.perf_counter() - started)
        limited = endpoint in SEARCH_ENDPOINTS or endpoint in DOCUMENT_ENDPOINTS
        if status == 429 or (limited and status in (400, 503)):
            code = _error_code(response) or str(status)
            if status == 429 or code not in NOT_REFUSALS:
                REFUSALS.labels(rule, code).inc()
    except Exception:  # metrics must never cost a request its answer
        log.exception("could not record metrics for %s", request.path)
    return response


def _allowed() -> bool:
    settings = current_app.config["SEARCHSVC"]
    if settings.get("metrics"):
        return True
    token = str(settings.get("admin_token") or "")
    given = request.headers.get("Authorization", "")
    return bool(token) and given.startswith("Bearer ") and hmac.compare_digest(
        given[len("Bearer "):].strip().encode("utf-8"), token.encode("utf-8")
    )


@bp.get("/metrics")
def metrics() -> Any:
    """Return every metric in the Prometheus text format."""
    if not _allowed():
        # JSON in the API's error shape, whoever asks: /metrics is for machines.
        if not current_app.config["SEARCHSVC"].get("admin_token"):
            response = jsonify({"error": {"code": "not_found", "message": "metrics are off: set SEARCHSVC_METRICS=1, "
                                          "or SEARCHSVC_ADMIN_TOKEN and send it as a bearer token"}})
            response.status_code = 404
            return response
        response = jsonify({"error": {"code": "unauthorized", "message": "metrics need SEARCHSVC_METRICS=1 or the "
                                      "header 'Authorization: Bearer <admin token>' (SEARCHSVC_ADMIN_TOKEN)"}})
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="searchsvc metrics"'
        return response
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, SEARCH_SECONDS, DOCUMENT_SECONDS, SEARCH_HITS, REFUSALS):
            registry.register(metric)
    registry.register(IndexCollector(Path(current_app.config["SEARCHSVC"]["index_dir"])))
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_PLAIN_0_0_4, headers={"Cache-Control": "no-store"})


# --- what the index folder says, read at scrape time ---------------------------------------------

_BUILD_FACTS: dict[str, dict[str, Any]] = {}  # build id -> facts; a published build never changes


def _build_facts(index_dir: Path, build: str) -> dict[str, Any]:
    """Return a build's documents by language, size, creation time and build seconds (remembered per build)."""
    facts = _BUILD_FACTS.get(build)
    if facts is not None:
        return facts
    from whoosh import index as whoosh_index
    from whoosh.query import Term

    folder = index_mod.build_path(index_dir, build)
    manifest = index_mod.read_manifest(index_dir, build) or {}
    by_lang: dict[str, int] = {}
    ix = whoosh_index.open_dir(str(folder))
    try:
        with ix.searcher() as searcher:
            for term in searcher.lexicon("lang"):
                lang = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                by_lang[lang] = sum(1 for _ in searcher.docs_for_query(Term("lang", lang)))  # deleted ones left out
    finally:
        ix.close()
    created = manifest.get("created")
    facts = {
        "by_lang": by_lang,
        "bytes": sum(p.stat().st_size for p in folder.iterdir() if p.is_file()),
        "created": calendar.timegm(time.strptime(created, "%Y-%m-%dT%H:%M:%SZ")) if created else None,
        "seconds": (manifest.get("summary") or {}).get("seconds"),
        "documents": len(manifest.get("documents") or {}),
    }
    if len(_BUILD_FACTS) > 8:
        _BUILD_FACTS.clear()
    _BUILD_FACTS[build] = facts
    return facts


def _timestamp(text: str | None) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))) if text else None
    except ValueError:
        return None


class IndexCollector:
    """Gauges read from the index folder at scrape time: the current build and the recent reindex jobs."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir

    def collect(self) -> Iterator[GaugeMetricFamily]:
        """Yield the index and job gauges (nothing about a build when there is none)."""
        build = index_mod.current_build(self.index_dir)
        if build is not None:
            try:
                facts = _build_facts(self.index_dir, build)
            except Exception:  # a damaged or vanished build: healthz reports it; leave its gauges out
                log.exception("metrics could not read build %s", build)
                facts = None
            if facts is not None:
                docs = GaugeMetricFamily("searchsvc_index_documents", "Documents in the current build, by language.",
                                         labels=["language"])
                for lang, n in sorted(facts["by_lang"].items()):
                    docs.add_metric([lang], n)
                yield docs
                yield GaugeMetricFamily("searchsvc_index_size_bytes", "Size of the current build's files.",
                                        value=facts["bytes"])
                if facts["created"] is not None:
                    yield GaugeMetricFamily("searchsvc_index_build_timestamp_seconds",
                                            "When the current build was made (Unix time).", value=facts["created"])
                    yield GaugeMetricFamily("searchsvc_index_build_age_seconds", "Age of the current build.",
                                            value=max(0.0, time.time() - facts["created"]))
                if facts["seconds"] is not None:
                    yield GaugeMetricFamily("searchsvc_index_build_duration_seconds",
                                            "How long the current build took to make.", value=facts["seconds"])
        yield from self._jobs()

    def _jobs(self) -> Iterator[GaugeMetricFamily]:
        jobs = jobs_mod.list_jobs(self.index_dir, limit=jobs_mod.KEEP_JOBS)
        states = GaugeMetricFamily("searchsvc_jobs", "Reindex jobs on record (the last %d), by state." % jobs_mod.KEEP_JOBS,
                                   labels=["state"])
        counts = {state: 0 for state in ("queued", "running", "done", "failed")}
        for job in jobs:
            counts[str(job.get("state"))] = counts.get(str(job.get("state")), 0) + 1
        for state, n in sorted(counts.items()):
            states.add_metric([state], n)
        yield states
        finished = [j for j in jobs if j.get("state") in ("done", "failed")]
        if finished:
            last = finished[0]  # newest first
            started, ended = _timestamp(last.get("started") or last.get("created")), _timestamp(last.get("finished"))
            duration = GaugeMetricFamily("searchsvc_last_job_duration_seconds",
                                         "How long the newest finished reindex job ran, by its outcome.", labels=["state"])
            if started is not None and ended is not None:
                duration.add_metric([str(last["state"])], max(0.0, ended - started))
            yield duration
            failed = [j for j in finished if j.get("state") == "failed"]
            if failed:
                yield GaugeMetricFamily("searchsvc_last_job_failure_timestamp_seconds",
                                        "When the newest failed reindex job ended (Unix time).",
                                        value=_timestamp(failed[0].get("finished")) or 0.0)


# --- gunicorn: this module doubles as the config `searchsvc serve` passes -------------------------


def prepare_multiproc_dir(environ: dict[str, str]) -> Path:
    """Make (or empty) the folder multiprocess metrics live in, and name it in environ; return it."""
    given = environ.get(MULTIPROC_ENV)
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.glob("*.db"):  # counts of an earlier run would add to this one's
            path.unlink()
        environ.pop(OWNED_ENV, None)
    else:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="searchsvc-metrics-"))
        environ[OWNED_ENV] = "1"
    environ[MULTIPROC_ENV] = str(folder)
    return folder


def child_exit(server: Any, worker: Any) -> None:
    """Gunicorn hook: a worker ended; its live gauges go (its counts stay in the totals)."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker: Any) -> None:
    """Gunicorn hook (this module is `searchsvc serve`'s gunicorn config): load the translation dictionaries
    before the worker accepts requests, so a new or replaced worker never makes a search wait seconds for them
    while the other workers serve; then set the worker's garbage collection for serving (GC_THRESHOLDS)."""
    from .. import translate

    if translate.available():
        translate.warm()
    # What the worker loaded so far (the app, its modules, the dictionaries' indexes) lives as long as the worker:
    # kept out of every collection. The memos a worker fills make a young generation of 700 objects collect
    # hundreds of times a second; 20,000 collects a few times.
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def on_exit(server: Any) -> None:
    """Gunicorn hook: the server stops; remove the metrics folder when `searchsvc serve` made it."""
    folder = os.environ.get(MULTIPROC_ENV)
    if folder and os.environ.get(OWNED_ENV) == "1":
        shutil.rmtree(folder, ignore_errors=True)


try:  # gunicorn is there when serving; the app itself does not need it
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover - gunicorn is a dependency
    _GunicornLogger = object  # type: ignore[assignment,misc]


class JsonAccessLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
    """Gunicorn logger whose access log has one JSON object a line (SEARCHSVC_LOG_FORMAT=json)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        """Write one access-log line as JSON: time, client, method, path, query, status, bytes, seconds, pid."""
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict or self.cfg.syslog):
            return
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or "",
            "status": int(str(getattr(resp, "status", "0")).split()[0] or 0),
            "bytes": getattr(resp, "sent", None),
            "seconds": round(request_time.total_seconds(), 6),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False))
        except Exception:
            self.exception("could not write the access log")
