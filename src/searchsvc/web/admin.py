"""Admin: reindex, upload and withdraw documents, over a token-protected JSON API and the /admin page.

API (Authorization: Bearer $SEARCHSVC_ADMIN_TOKEN; 401 without a valid token, 503 when no token is set):
  POST   /api/admin/reindex[?full=1]   start a reindex in the background          -> 202 {"job"}
  GET    /api/admin/jobs/<id>          a job's state, progress and summary        -> 200 | 404
  POST   /api/admin/documents          multipart `files`: .txt/.md (+ .meta.json) -> 202 {"job", "stored"}
  DELETE /api/admin/documents/<id>     move the seed to seeds/.withdrawn          -> 202 {"job"} | 404
  GET    /api/admin/status             documents per language, last build, pending seeds, running job
Every change starts a reindex, and only one reindex runs at a time (see searchsvc.jobs). While one runs,
uploads and withdrawals answer 409 and change nothing: the seeds folder is only written by a request
that holds the reindex lock, so a running build never sees a half-changed folder.

/admin is the same for people: sign in with the token (a signed cookie, CSRF token in every form).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage

from .. import index as index_mod
from .. import ingest, jobs
from ..errors import ReindexRunning
from ..extract import ExtractError, detect
from ..parallel import default_procs
from .errors import error_response

bp = Blueprint("admin", __name__)

WITHDRAWN = ".withdrawn"
COOKIE = "searchsvc_admin"
SESSION_MAX_AGE = 12 * 3600
DISABLED = (
    "admin is switched off because no admin token is configured; set SEARCHSVC_ADMIN_TOKEN "
    "(e.g. `export SEARCHSVC_ADMIN_TOKEN=$(python -c 'import secrets; print(secrets.token_urlsafe(32))')`) "
    "and restart the server"
)
_SAFE_PUNCTUATION = " .,()+'&_-"
MAX_NAME_BYTES = 200


class Refusal(Exception):
    """A request the admin cannot carry out; becomes an error response with this status and code."""

    def __init__(self, status: int, code: str, message: str, **extra: Any):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def _settings() -> dict[str, Any]:
    return current_app.config["SEARCHSVC"]


def _admin_token() -> str:
    return str(_settings().get("admin_token") or "")


def _dirs() -> tuple[Path, Path]:
    s = _settings()
    return Path(s["seeds_dir"]), Path(s["index_dir"])


def _max_bytes() -> int:
    return int(float(_settings()["max_file_mb"]) * 1_000_000)


def _token_ok(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))  # type: ignore[union-attr]


# --- the work, shared by the API and the page -------------------------------------------------


def _busy(exc: ReindexRunning, index_dir: Path, what: str) -> Refusal:
    job = exc.job or index_mod.running_job(index_dir)
    name = f"job {job}" if job else "one started from the command line"
    return Refusal(
        409, "reindex_running",
        f"a reindex is already running ({name}); {what}. Try again when it has finished"
        + (f" (GET /api/admin/jobs/{job})" if job else ""),
        job=job,
    )


def _claim() -> tuple[str, index_mod.WriterLock]:
    seeds_dir, index_dir = _dirs()
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        return jobs.claim(index_dir)
    except ReindexRunning as exc:
        raise _busy(exc, index_dir, "nothing was changed") from None


def _start(job: str, lock: index_mod.WriterLock, full: bool, reason: str) -> dict[str, Any]:
    seeds_dir, index_dir = _dirs()
    s = _settings()
    return jobs.start(
        index_dir, seeds_dir, job, lock, full=full, stemmer=s["stemmer"], max_bytes=_max_bytes(), reason=reason,
        procs=s["build_procs"] or default_procs(),
    )


def start_reindex(full: bool) -> str:
    """Start a reindex; return its job id or raise Refusal(409)."""
    job, lock = _claim()
    _start(job, lock, full, "full reindex" if full else "reindex")
    return job


def safe_name(raw: str) -> str:
    """Return the file name an upload is stored under, or raise Refusal(400) for a name that is not safe.

    Letters of any script, digits, spaces and a little punctuation are kept; other characters become '_'.
    Path separators, '..', a leading dot and control characters are refused outright.
    """
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise Refusal(400, "bad_name", "a file has no name; send each file with its file name")
    shown = json.dumps(raw, ensure_ascii=False)
    if "/" in name or "\\" in name or any(unicodedata.category(c) == "Cc" for c in name):
        raise Refusal(400, "bad_name", f"the file name {shown} contains a path separator or control character; "
                      "send a plain file name such as 'article.txt': files are stored directly in the seeds folder")
    if ".." in name:
        raise Refusal(400, "bad_name", f"the file name {shown} contains '..'; rename the file")
    if name.startswith("."):
        raise Refusal(400, "bad_name", f"the file name {shown} starts with a dot (hidden files are not indexed); rename it")
    name = "".join(c if c in _SAFE_PUNCTUATION or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pd" else "_"
                   for c in re.sub(r"\s+", " ", name))
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise Refusal(400, "bad_name", f"the file name {shown} is longer than {MAX_NAME_BYTES} bytes; shorten it")
    return name


def _inside(seeds_dir: Path, name: str) -> Path:
    target = seeds_dir / name
    root = seeds_dir.resolve()
    if target.resolve().parent != root or target.name != name:
        raise Refusal(400, "bad_name", f"the file name {name!r} would land outside the seeds folder; rename it")
    return target


@dataclass
class Upload:
    """One validated document of an upload, with its optional sidecar."""

    name: str
    data: bytes
    meta_name: str | None = None
    meta: bytes | None = None
    replaced: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return ingest.document_id(Path(self.name))


def _check_meta(name: str, data: bytes) -> None:
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refusal(400, "bad_metadata", f"{name} is not valid JSON ({exc}); nothing was stored") from None
    if not isinstance(meta, dict):
        raise Refusal(400, "bad_metadata", f"{name} must hold a JSON object such as {{\"title\": \"…\"}}; nothing was stored")
    for key in ingest.META_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            raise Refusal(400, "bad_metadata", f"{name}: {key!r} must be a string; nothing was stored")


def validate_upload(files: list[FileStorage], seeds_dir: Path, max_bytes: int) -> list[Upload]:
    """Read and check every uploaded file before anything is written; raise Refusal for the first problem."""
    if not files:
        raise Refusal(400, "no_files", "no files: send one or more .txt, .md, .pdf, .html, .docx or .odt files in the multipart field 'files'")
    docs: dict[str, Upload] = {}
    metas: dict[str, tuple[str, bytes]] = {}
    limit_mb = max_bytes / 1e6
    for storage in files:
        raw_name = storage.filename or ""
        name = safe_name(raw_name)
        data = storage.stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise Refusal(413, "too_large", f"{name} is larger than the limit of {limit_mb:g} MB (SEARCHSVC_MAX_FILE_MB); nothing was stored")
        lower = name.lower()
        if lower.endswith(ingest.META_SUFFIX):
            stem = name[: -len(ingest.META_SUFFIX)]
            name = stem + ingest.META_SUFFIX
            _inside(seeds_dir, name)
            _check_meta(name, data)
            if stem in metas:
                raise Refusal(400, "duplicate_name", f"{name} was sent twice; nothing was stored")
            metas[stem] = (name, data)
            continue
        if not lower.endswith(ingest.EXTENSIONS):
            raise Refusal(415, "unsupported_type", f"{name}: only {', '.join(ingest.EXTENSIONS)} files (each with an "
                          f"optional <name>.meta.json) can be added; nothing was stored")
        _inside(seeds_dir, name)
        try:
            # The bytes decide the type; PDF, Word and ODT text is extracted by the build job, not in this request.
            kind = detect.detect(data, name)
            if kind in ("text", "html"):
                text, _warnings = ingest.decode(data)
                paragraphs, notes = ingest.normalise(text) if kind == "text" else ([text], [])
                if not paragraphs and not notes:
                    raise ingest.SkipFile("no text after normalisation")
        except ExtractError as exc:  # the bytes are not what the name says, or not a format we read
            code = "not_text" if lower.endswith(ingest.TEXT_EXTENSIONS) else "unsupported_type"
            raise Refusal(415, code, f"{name}: {exc}; nothing was stored") from None
        except ingest.SkipFile as exc:
            raise Refusal(415, "not_text", f"{name} is not a text document ({exc}); nothing was stored") from None
        doc_id = ingest.document_id(name)  # x.pdf and x.odt are two documents; x.txt and x.md are one id
        if doc_id in docs:
            raise Refusal(400, "duplicate_name", f"two files in this upload have the id {doc_id!r}; nothing was stored")
        docs[doc_id] = Upload(name, data)
    by_stem = {Path(up.name).stem: key for key, up in docs.items()}  # a sidecar names its document's stem
    for stem, (meta_name, data) in metas.items():
        key = by_stem.get(stem)
        if key is None:
            raise Refusal(400, "bad_metadata", f"{meta_name} has no matching {stem}.txt or {stem}.md in this upload; "
                          "send the sidecar together with its document; nothing was stored")
        docs[key].meta_name, docs[key].meta = meta_name, data
    return list(docs.values())


def _seed_ids(seeds_dir: Path) -> dict[str, Path]:
    paths, _skipped = ingest.discover(seeds_dir)
    return {ingest.document_id(p): p for p in paths}


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def withdraw_file(seeds_dir: Path, path: Path) -> list[str]:
    """Move a seed file and its sidecar to seeds/.withdrawn (a timestamp added when the name is taken)."""
    folder = seeds_dir / WITHDRAWN
    folder.mkdir(exist_ok=True)
    sidecar = ingest.sidecar_path(path)
    moves = [path] + ([sidecar] if sidecar.exists() else [])
    stem = path.stem
    if any((folder / p.name).exists() for p in moves):
        stem = f"{path.stem}.{_stamp()}"
        if (folder / f"{stem}{path.suffix}").exists():
            stem += "-" + uuid.uuid4().hex[:6]
    moved = []
    for p in moves:
        dest = folder / (stem + (ingest.META_SUFFIX if p == sidecar and p != path else path.suffix))
        os.replace(p, dest)
        moved.append(str(dest.relative_to(seeds_dir)))
    return moved


def store_uploads(uploads: list[Upload], seeds_dir: Path) -> list[str]:
    """Write validated uploads into the seeds folder (caller holds the reindex lock); return stored names."""
    existing = _seed_ids(seeds_dir)
    for up in uploads:
        other = existing.get(up.doc_id)
        if other is not None and other.resolve() != (seeds_dir / up.name).resolve():
            raise Refusal(409, "duplicate_id", f"a document with the id {up.doc_id!r} already exists as "
                          f"{other.relative_to(seeds_dir)}; withdraw it first or upload it under that name to replace it; "
                          "nothing was stored")
    stored: list[str] = []
    for up in uploads:
        target = seeds_dir / up.name
        if target.exists() or target.is_symlink():
            # Replacing a document: the old version goes to .withdrawn; an existing sidecar stays unless a new one came.
            side = ingest.sidecar_path(target)
            keep_side = side.exists() and up.meta is None
            if keep_side:
                tmp_side = side.with_name(f".keep-{uuid.uuid4().hex}.tmp")
                os.replace(side, tmp_side)
            up.replaced = withdraw_file(seeds_dir, target)
            if keep_side:
                os.replace(tmp_side, side)
        elif up.meta is not None and ingest.sidecar_path(target).exists():
            up.replaced = withdraw_file_sidecar(seeds_dir, ingest.sidecar_path(target))
        index_mod.write_atomic(target, up.data)
        stored.append(up.name)
        if up.meta is not None and up.meta_name:
            index_mod.write_atomic(seeds_dir / up.meta_name, up.meta)
            stored.append(up.meta_name)
    return stored


def withdraw_file_sidecar(seeds_dir: Path, sidecar: Path) -> list[str]:
    """Move an orphan sidecar out of the way (to .withdrawn) before a new one is written."""
    folder = seeds_dir / WITHDRAWN
    folder.mkdir(exist_ok=True)
    dest = folder / sidecar.name
    if dest.exists():
        dest = folder / f"{sidecar.name[: -len(ingest.META_SUFFIX)]}.{_stamp()}-{uuid.uuid4().hex[:6]}{ingest.META_SUFFIX}"
    os.replace(sidecar, dest)
    return [str(dest.relative_to(seeds_dir))]


def add_documents(files: list[FileStorage]) -> dict[str, Any]:
    """Validate, store and reindex uploaded files; return {"job", "stored", "replaced"} or raise Refusal."""
    seeds_dir, _index_dir = _dirs()
    if not seeds_dir.is_dir():
        raise Refusal(503, "no_seeds_folder", f"the seeds folder {seeds_dir} does not exist; create it or set SEARCHSVC_SEEDS_DIR")
    uploads = validate_upload(files, seeds_dir, _max_bytes())
    job, lock = _claim()
    try:
        stored = store_uploads(uploads, seeds_dir)
    except BaseException:
        lock.release()
        raise
    _start(job, lock, False, "upload: " + ", ".join(stored))
    replaced = [r for up in uploads for r in up.replaced]
    return {"job": job, "stored": stored, "replaced": replaced}


def withdraw_document(doc_id: str) -> dict[str, Any]:
    """Move a document's seed file to seeds/.withdrawn and reindex; raise Refusal(404/409)."""
    seeds_dir, _index_dir = _dirs()
    doc_id = unicodedata.normalize("NFC", doc_id)
    if doc_id not in _seed_ids(seeds_dir):
        raise Refusal(404, "not_found", f"no seed file has the document id {doc_id!r}")
    job, lock = _claim()
    try:
        path = _seed_ids(seeds_dir).get(doc_id)
        if path is None:
            raise Refusal(404, "not_found", f"no seed file has the document id {doc_id!r}")
        moved = withdraw_file(seeds_dir, path)
    except BaseException:
        lock.release()
        raise
    _start(job, lock, False, f"withdraw: {doc_id}")
    return {"job": job, "withdrawn": moved}


def index_status() -> dict[str, Any]:
    """Return documents per language, the last build, seeds not indexed yet, and the running job."""
    seeds_dir, index_dir = _dirs()
    build = index_mod.current_build(index_dir)
    manifest = index_mod.read_manifest(index_dir, build) or {}
    indexed: dict[str, Any] = manifest.get("documents") or {}
    languages = Counter(d.get("language") or "unknown" for d in indexed.values())
    summary = manifest.get("summary") or {}
    skipped_last = {s["path"]: s["reason"] for s in summary.get("skipped") or []}
    created = manifest.get("created")
    created_ts = time.mktime(time.strptime(created, "%Y-%m-%dT%H:%M:%SZ")) - time.timezone if created else 0.0
    pending: list[dict[str, str]] = []
    seeds_present = seeds_dir.is_dir()
    seed_ids: set[str] = set()
    if seeds_present:
        paths, refused = ingest.discover(seeds_dir)
        for s in refused:
            pending.append({"id": "", "path": s.path, "reason": f"refused: {s.reason}"})
        for p in paths:
            doc_id = ingest.document_id(p)
            seed_ids.add(doc_id)
            rel = str(p.relative_to(seeds_dir))
            entry = indexed.get(doc_id)
            if entry is None:
                reason = f"skipped at the last build: {skipped_last[rel]}" if rel in skipped_last else "new, not indexed yet"
                pending.append({"id": doc_id, "path": rel, "reason": reason})
                continue
            side = ingest.sidecar_path(p)
            mtime = max(p.stat().st_mtime, side.stat().st_mtime if side.exists() else 0.0)
            if entry.get("path") != rel or mtime > created_ts + 1:
                pending.append({"id": doc_id, "path": rel, "reason": "changed since the last build"})
        for doc_id in sorted(set(indexed) - seed_ids):
            pending.append({"id": doc_id, "path": indexed[doc_id].get("path", ""), "reason": "seed file gone; still in the index"})
    running = index_mod.reindex_running(index_dir)
    return {
        "documents": len(indexed),
        "languages": dict(sorted(languages.items())),
        "build": {
            "id": build,
            "created": created,
            "full": summary.get("full"),
            "counts": summary.get("counts"),
            "seconds": summary.get("seconds"),
        } if build else None,
        "seeds_dir": str(seeds_dir),
        "seeds_dir_exists": seeds_present,
        "pending": pending,
        "reindex_running": running,
        "running_job": index_mod.running_job(index_dir) if running else None,
        "max_file_mb": float(_settings()["max_file_mb"]),
    }


def _public_job(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "created_ts"}


# --- JSON API -----------------------------------------------------------------------------------


@bp.before_request
def _guard_api() -> Any:
    """Every /api/admin endpoint: 503 when admin is off, 401 without the right bearer token."""
    if not request.path.startswith("/api/admin"):
        return None
    token = _admin_token()
    if not token:
        return error_response(503, "admin_disabled", DISABLED)
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not _token_ok(given.strip(), token):
        message = "this endpoint needs the header 'Authorization: Bearer <admin token>' (SEARCHSVC_ADMIN_TOKEN)"
        if header:
            message = "the admin token is wrong; " + message
        response = error_response(401, "unauthorized", message)
        response.headers["WWW-Authenticate"] = 'Bearer realm="searchsvc admin"'
        return response
    return None


@bp.errorhandler(Refusal)
def _refusal(exc: Refusal) -> Any:
    if request.path.startswith("/api/"):
        return error_response(exc.status, exc.code, exc.message, **exc.extra)
    return _dashboard(error=exc.message, status=exc.status)


def _accepted(body: dict[str, Any]) -> Any:
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = f"/api/admin/jobs/{body['job']}"
    return response


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@bp.post("/api/admin/reindex")
def api_reindex() -> Any:
    """Start a reindex (incremental; ?full=1 rebuilds everything)."""
    return _accepted({"job": start_reindex(_flag(request.args.get("full")))})


@bp.get("/api/admin/jobs/<job>")
def api_job(job: str) -> Any:
    """Return one job's state."""
    _seeds, index_dir = _dirs()
    data = jobs.read_job(index_dir, job)
    if data is None:
        return error_response(404, "not_found", f"no job {job!r}; job ids come from POST /api/admin/reindex or /api/admin/documents")
    return jsonify(_public_job(data))


@bp.get("/api/admin/jobs")
def api_jobs() -> Any:
    """Return the last jobs, newest first."""
    _seeds, index_dir = _dirs()
    return jsonify({"jobs": [_public_job(j) for j in jobs.list_jobs(index_dir, 20)]})


@bp.post("/api/admin/documents")
def api_add_documents() -> Any:
    """Store uploaded .txt/.md files (with optional sidecars) in the seeds folder and reindex."""
    return _accepted(add_documents(request.files.getlist("files")))


@bp.delete("/api/admin/documents/<path:doc_id>")
def api_withdraw(doc_id: str) -> Any:
    """Move a document's seed file to seeds/.withdrawn and reindex."""
    return _accepted(withdraw_document(doc_id))


@bp.get("/api/admin/status")
def api_status() -> Any:
    """Return the index status."""
    return jsonify(index_status())


# --- the /admin page ------------------------------------------------------------------------------


def _serializer(token: str) -> URLSafeTimedSerializer:
    # Keyed by the admin token (and SEARCHSVC_SECRET_KEY when set): the same in every gunicorn worker and
    # after restarts, and every session ends when the token changes.
    secret = str(_settings().get("secret_key") or "")
    key = hmac.new(token.encode("utf-8"), b"searchsvc-admin-session\0" + secret.encode("utf-8"), hashlib.sha256).hexdigest()
    return URLSafeTimedSerializer(key, salt="searchsvc-admin")


def _session() -> dict[str, Any]:
    token = _admin_token()
    raw = request.cookies.get(COOKIE)
    if not token or not raw:
        return {}
    try:
        data = _serializer(token).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def _save(response: Any, sess: dict[str, Any]) -> Any:
    token = _admin_token()
    if not sess:
        response.delete_cookie(COOKIE, path="/admin")
        return response
    response.set_cookie(
        COOKIE, _serializer(token).dumps(sess), path="/admin", httponly=True, samesite="Strict", secure=request.is_secure,
    )
    return response


def _signed_in(sess: dict[str, Any]) -> bool:
    return bool(sess.get("auth")) and bool(sess.get("csrf"))


def _page(template: str, status: int = 200, sess: dict[str, Any] | None = None, **context: Any) -> Any:
    from .pages import LANG_NAMES

    sess = dict(sess if sess is not None else _session())
    if not sess.get("csrf"):
        sess["csrf"] = secrets.token_urlsafe(32)
    html = render_template(template, args={}, lang_names=LANG_NAMES, csrf=sess["csrf"], **context)
    response = current_app.make_response((html, status))
    response.headers["Cache-Control"] = "no-store"
    if context.get("refresh"):
        response.headers["Refresh"] = str(context["refresh"])
    return _save(response, sess)


def _dashboard(error: str | None = None, notice: str | None = None, status: int = 200) -> Any:
    sess = _session()
    if not _admin_token():
        return _page("admin_login.html", 503, sess={}, disabled=DISABLED, error=None)
    if not _signed_in(sess):
        return _page("admin_login.html", 401 if status == 200 and error else status, sess=sess, error=error, disabled=None)
    _seeds, index_dir = _dirs()
    status_data = index_status()
    recent = jobs.list_jobs(index_dir, 10)
    active = any(j.get("state") in jobs.ACTIVE for j in recent) or status_data["reindex_running"]
    shown = request.args.get("job", "")
    return _page(
        "admin.html", status, sess=sess, info=status_data, jobs=recent, error=error, notice=notice,
        refresh=2 if active else None, shown_job=shown, max_file_mb=status_data["max_file_mb"],
    )


def _check_form() -> dict[str, Any]:
    """Check the CSRF token of a posted form (and that admin is on); return the session."""
    if not _admin_token():
        raise Refusal(503, "admin_disabled", DISABLED)
    sess = _session()
    given = request.form.get("csrf", "")
    if not sess.get("csrf") or not given or not hmac.compare_digest(given.encode(), str(sess["csrf"]).encode()):
        raise _CsrfError()
    return sess


class _CsrfError(Exception):
    pass


@bp.errorhandler(_CsrfError)
def _csrf_error(_exc: _CsrfError) -> Any:
    from .pages import LANG_NAMES

    html = render_template(
        "error.html", status=403, code="csrf", args={}, lang_names=LANG_NAMES,
        message="This form is missing its security token or it has expired (CSRF check). Go back to /admin, reload it, and try again.",
    )
    return html, 403


def _require_signed_in() -> dict[str, Any]:
    sess = _check_form()
    if not _signed_in(sess):
        raise Refusal(401, "unauthorized", "sign in with the admin token first")
    return sess


def _back(job: str | None = None) -> Any:
    return redirect("/admin" + (f"?job={job}" if job else ""), code=303)


@bp.get("/admin")
def admin_page() -> Any:
    """The admin page: sign-in form, or status, upload, reindex and jobs."""
    notice = None
    job = request.args.get("job")
    if job and jobs.valid_job_id(job):
        notice = f"Started job {job}."
    return _dashboard(notice=notice)


@bp.post("/admin/login")
def admin_login() -> Any:
    """Sign in with the admin token."""
    sess = _check_form()
    if not _token_ok(request.form.get("token", ""), _admin_token()):
        time.sleep(0.25)  # slows down guessing a little
        return _page("admin_login.html", 401, sess=sess, error="That is not the admin token.", disabled=None)
    return _save(_back(), {"auth": True, "csrf": secrets.token_urlsafe(32), "since": int(time.time())})


@bp.post("/admin/logout")
def admin_logout() -> Any:
    """Sign out."""
    _check_form()
    return _save(redirect("/admin", code=303), {})


@bp.post("/admin/reindex")
def admin_reindex() -> Any:
    """Start a reindex from the page."""
    _require_signed_in()
    return _back(start_reindex(_flag(request.form.get("full"))))


@bp.post("/admin/upload")
def admin_upload() -> Any:
    """Upload files from the page."""
    _require_signed_in()
    files = [f for f in request.files.getlist("files") if f.filename]
    return _back(add_documents(files)["job"])


@bp.post("/admin/withdraw")
def admin_withdraw() -> Any:
    """Withdraw a document from the page."""
    _require_signed_in()
    doc_id = (request.form.get("id") or "").strip()
    if not doc_id:
        raise Refusal(400, "bad_request", "give the id of the document to withdraw")
    return _back(withdraw_document(doc_id)["job"])
