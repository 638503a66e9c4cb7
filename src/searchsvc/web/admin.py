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
import sqlite3
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
from . import adminstate
from .errors import error_response, retry_later
from .ratelimit import client_address

bp = Blueprint("admin", __name__)

WITHDRAWN = ".withdrawn"
COOKIE = "searchsvc_admin"
SESSION_MAX_AGE = adminstate.SESSION_MAX_AGE
MIN_TOKEN_CHARS = 16
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


def _start(job: str, lock: index_mod.WriterLock, full: bool, reason: str,
           changes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    seeds_dir, index_dir = _dirs()
    s = _settings()
    return jobs.start(
        index_dir, seeds_dir, job, lock, full=full, stemmer=s["stemmer"], max_bytes=_max_bytes(), reason=reason,
        procs=s["build_procs"] or default_procs(), changes=changes,
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
    moved: list[list[str]] = field(default_factory=list)

    def change(self) -> dict[str, Any]:
        """Return what the reindex job needs to put the previous version back if this one fails."""
        written = [self.name] + ([self.meta_name] if self.meta_name and self.meta is not None else [])
        return {"id": self.doc_id, "path": self.name, "written": written, "moved": self.moved}

    @property
    def doc_id(self) -> str:
        return ingest.document_id(Path(self.name))


def _check_meta(name: str, data: bytes) -> dict[str, Any]:
    """Check a sidecar with the build's own reader; raise Refusal(400) with its reason."""
    try:
        return ingest.read_sidecar(Path(name[: -len(ingest.META_SUFFIX)] + ".txt"), data)
    except ingest.SkipFile as exc:
        reason = str(exc).removeprefix(f"its sidecar {name}").lstrip(": ")
        raise Refusal(400, "bad_metadata", f"{name}: {reason}; nothing was stored") from None


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
        # Only a cheap check here (the bytes decide the type; linear, a few ms for the largest file): extraction
        # and normalisation happen in the reindex job, which puts the previous version back when the new one fails.
        try:
            kind = detect.detect(data, name)
            if kind == "text":
                ingest.decode(data)
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
    by_stem.update({up.name: key for key, up in docs.items()})  # or its whole name: x.pdf.meta.json (ingest.own_sidecar)
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
            up.moved = [[moved, _original(moved, up.name)] for moved in up.replaced]
        elif up.meta is not None and ingest.sidecar_path(target).exists():
            up.replaced = withdraw_file_sidecar(seeds_dir, ingest.sidecar_path(target))
            up.moved = [[up.replaced[0], ingest.sidecar_path(target).name]]
        index_mod.write_atomic(target, up.data)
        stored.append(up.name)
        if up.meta is not None and up.meta_name:
            index_mod.write_atomic(seeds_dir / up.meta_name, up.meta)
            stored.append(up.meta_name)
    return stored


def _original(moved: str, name: str) -> str:
    """Return the seed-relative name a file moved to .withdrawn had: the document's, or its sidecar's."""
    return ingest.sidecar_path(Path(name)).name if moved.endswith(ingest.META_SUFFIX) else name


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
    _start(job, lock, False, "upload: " + ", ".join(stored), changes=[up.change() for up in uploads])
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


# --- documents: list, restore, metadata ---------------------------------------------------------

PER_PAGE = 50
MAX_PER_PAGE = 200
_WITHDRAWN_STAMP = re.compile(r"\.(?:[0-9]{8}T[0-9]{6}Z(?:-[0-9a-f]{6})?|" + jobs.REJECTED + r"-.*)$")
FORM_FIELDS = (("title", "Title"), ("date", "Date"), ("source", "Source"), ("doc_number", "Number"),
               ("author", "Author"), ("url", "URL"))


def _withdrawn(seeds_dir: Path) -> dict[str, tuple[Path, str]]:
    """Return the newest withdrawn version of each document id and the file name it had (rejected uploads are no versions)."""
    folder = seeds_dir / WITHDRAWN
    found: dict[str, tuple[float, Path, str]] = {}
    if not folder.is_dir():
        return {}
    with os.scandir(folder) as entries:
        listed = list(entries)
    for entry in listed:
        name = entry.name
        if not entry.is_file(follow_symlinks=False) or name.endswith(ingest.META_SUFFIX) or not name.lower().endswith(ingest.EXTENSIONS):
            continue
        stem, suffix = os.path.splitext(name)
        if f".{jobs.REJECTED}-" in stem:
            continue
        original = _WITHDRAWN_STAMP.sub("", stem) + suffix  # withdraw_file() put a time in the name when it was taken
        doc_id = ingest.document_id(original)
        mtime = entry.stat(follow_symlinks=False).st_mtime
        if doc_id not in found or mtime >= found[doc_id][0]:
            found[doc_id] = (mtime, Path(entry.path), original)
    return {k: (v[1], v[2]) for k, v in found.items()}


def _format_of(path: str) -> str:
    return os.path.splitext(path)[1].lstrip(".").lower()


def _title_matches(words: str) -> set[str] | None:
    """Return the ids of indexed documents whose title has every word (the last may be a prefix)."""
    from whoosh import query as wq

    from . import searcher

    try:
        s = searcher()
    except Exception:  # no index yet: only ids can match
        return None
    field = s.schema["title_exact"]
    tokens = list(field.process_text(words, mode="query"))
    if not tokens:
        return None
    parts = [wq.Term("title_exact", t) for t in tokens[:-1]] + [wq.Prefix("title_exact", tokens[-1])]
    return {hit["id"] for hit in s.search(wq.And(parts), limit=None)}


def _titles(ids: list[str]) -> dict[str, dict[str, Any]]:
    from . import searcher

    out: dict[str, dict[str, Any]] = {}
    try:
        s = searcher()
    except Exception:
        return out
    for doc_id in ids:
        stored = s.document(id=doc_id)
        if stored:
            out[doc_id] = json.loads(stored["meta"])
    return out


def list_documents(q: str = "", lang: str = "", fmt: str = "", page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    """Return one page of documents (indexed, waiting, withdrawn), filtered by id/title words, language and format."""
    seeds_dir, index_dir = _dirs()
    manifest = index_mod.read_manifest(index_dir, index_mod.current_build(index_dir)) or {}
    indexed: dict[str, Any] = manifest.get("documents") or {}
    rows: dict[str, dict[str, Any]] = {}
    for doc_id, entry in indexed.items():
        path = entry.get("path") or ""
        rows[doc_id] = {"id": doc_id, "path": path, "language": entry.get("language"), "format": _format_of(path),
                        "state": "indexed"}
    seeds = _seed_ids(seeds_dir) if seeds_dir.is_dir() else {}
    for doc_id, path in seeds.items():
        if doc_id not in rows:
            rel = str(path.relative_to(seeds_dir))
            rows[doc_id] = {"id": doc_id, "path": rel, "language": None, "format": _format_of(rel), "state": "waiting"}
    for doc_id in set(rows) - set(seeds):
        rows[doc_id]["state"] = "gone"  # still in the index until the next build
    for doc_id, (path, _original_name) in _withdrawn(seeds_dir).items():
        if doc_id not in seeds:
            rel = str(path.relative_to(seeds_dir))
            row = rows.setdefault(doc_id, {"id": doc_id, "language": None})
            row.update(path=rel, format=_format_of(rel), state="withdrawn")
    q = unicodedata.normalize("NFC", q.strip())
    chosen = list(rows.values())
    if q:
        folded = q.casefold()
        by_title = _title_matches(q) or set()
        chosen = [r for r in chosen if folded in r["id"].casefold() or r["id"] in by_title]
    if lang:
        chosen = [r for r in chosen if r.get("language") == lang]
    if fmt:
        chosen = [r for r in chosen if r.get("format") == fmt.lower().lstrip(".")]
    chosen.sort(key=lambda r: r["id"])
    total = len(chosen)
    shown = chosen[(page - 1) * per_page : page * per_page]
    metas = _titles([r["id"] for r in shown if r["state"] in ("indexed", "gone")])
    for r in shown:
        meta = metas.get(r["id"]) or {}
        r["title"] = meta.get("title")
        r["date"] = meta.get("date")
    return {"documents": shown, "total": total, "page": page, "per_page": per_page,
            "languages": sorted({str(r["language"]) for r in rows.values() if r.get("language")}),
            "formats": sorted({r["format"] for r in rows.values() if r.get("format")})}


def restore_document(doc_id: str) -> dict[str, Any]:
    """Move the newest withdrawn version of a document back into the seeds folder and reindex."""
    seeds_dir, _index_dir = _dirs()
    doc_id = unicodedata.normalize("NFC", doc_id)
    job, lock = _claim()
    try:
        if doc_id in _seed_ids(seeds_dir):
            raise Refusal(409, "not_withdrawn", f"the document {doc_id!r} is in the seeds folder; only a withdrawn document can be restored")
        found = _withdrawn(seeds_dir).get(doc_id)
        if found is None:
            raise Refusal(404, "not_found", f"no withdrawn document has the id {doc_id!r}")
        source, original = found
        target = _inside(seeds_dir, safe_name(original))
        side = source.with_name(source.stem + ingest.META_SUFFIX)
        os.replace(source, target)
        restored = [target.name]
        if side.is_file():
            os.replace(side, ingest.sidecar_path(target))
            restored.append(ingest.sidecar_path(target).name)
    except BaseException:
        lock.release()
        raise
    _start(job, lock, False, f"restore: {doc_id}")
    return {"job": job, "restored": restored}


def document_meta(doc_id: str) -> dict[str, Any]:
    """Return a seed document's metadata as the form shows it: its sidecar's values over the indexed ones."""
    seeds_dir, _index_dir = _dirs()
    path = _seed_ids(seeds_dir).get(unicodedata.normalize("NFC", doc_id))
    if path is None:
        raise Refusal(404, "not_found", f"no seed file has the document id {doc_id!r}")
    indexed = _titles([ingest.document_id(path)]).get(ingest.document_id(path)) or {}
    values = {k: indexed.get(k) for k in ingest.META_FIELDS}
    try:
        values.update(ingest.read_sidecar(path))
    except ingest.SkipFile:
        pass  # the form shows what the index has; saving writes a valid sidecar
    return {"id": ingest.document_id(path), "path": str(path.relative_to(seeds_dir)), "meta": values,
            "language": indexed.get("language")}


def set_metadata(doc_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Check metadata with the sidecar reader, write the document's sidecar and reindex; raise Refusal."""
    seeds_dir, _index_dir = _dirs()
    doc_id = unicodedata.normalize("NFC", doc_id)
    unknown = sorted(set(values) - set(ingest.META_FIELDS))
    if unknown:
        raise Refusal(400, "bad_metadata", f"unknown field(s) {', '.join(unknown)}; the fields are {', '.join(ingest.META_FIELDS)}")
    job, lock = _claim()
    try:
        path = _seed_ids(seeds_dir).get(doc_id)
        if path is None:
            raise Refusal(404, "not_found", f"no seed file has the document id {doc_id!r}")
        sidecar = ingest.sidecar_path(path)
        current: dict[str, Any] = {}
        if sidecar.is_file():
            try:
                loaded = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
                current = loaded if isinstance(loaded, dict) else {}
            except (UnicodeDecodeError, json.JSONDecodeError, OSError):
                current = {}
        merged = current | values  # other keys (e.g. "notes") are kept
        data = json.dumps(merged, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        try:
            ingest.read_sidecar(path, data)
        except ingest.SkipFile as exc:
            reason = str(exc).removeprefix(f"its sidecar {sidecar.name}").lstrip(": ")
            raise Refusal(400, "bad_metadata", f"{reason}; nothing was changed") from None
        moved: list[list[str]] = []
        if sidecar.is_file():
            kept = withdraw_file_sidecar(seeds_dir, sidecar)
            moved = [[kept[0], str(sidecar.relative_to(seeds_dir))]]
        index_mod.write_atomic(sidecar, data)
    except BaseException:
        lock.release()
        raise
    rel_side = str(sidecar.relative_to(seeds_dir))
    change = {"id": doc_id, "path": str(path.relative_to(seeds_dir)), "written": [rel_side], "moved": moved}
    _start(job, lock, False, f"metadata: {doc_id}", changes=[change])
    return {"job": job, "written": rel_side}


def _public_job(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "created_ts"}


# --- access: token, throttle, sessions ------------------------------------------------------------


def _token_problem() -> str | None:
    """Return why the admin is switched off (no token, or one too short to be safe), or None when it is on."""
    token = str(_settings().get("admin_token") or "")
    if not token:
        return DISABLED
    if len(token) < MIN_TOKEN_CHARS:
        return (f"admin is switched off because SEARCHSVC_ADMIN_TOKEN has {len(token)} characters; it needs at least "
                f"{MIN_TOKEN_CHARS} (a short token can be guessed). Make one with "
                "`python -c \"import secrets; print(secrets.token_urlsafe(24))\"` and restart the server")
    return None


def _state() -> adminstate.AdminState:
    state = current_app.extensions.get("searchsvc_admin_state")
    if state is None:
        state = adminstate.AdminState(_dirs()[1] / adminstate.STATE_FILE)
        current_app.extensions["searchsvc_admin_state"] = state
    return state


def _throttled(client: str) -> Any:
    """Return a 429 response when a client has failed too often, else None."""
    wait = _state().blocked_for(client)
    if not wait:
        return None
    return retry_later(
        "too_many_attempts",
        f"too many wrong admin tokens from your address ({adminstate.MAX_FAILURES} in "
        f"{adminstate.FAILURE_WINDOW // 60} minutes); try again in {wait} s",
        wait,
    )


# --- JSON API -----------------------------------------------------------------------------------


@bp.before_request
def _guard_api() -> Any:
    """Every /api/admin endpoint: 503 when admin is off, 429 after too many failures, 401 without the right token."""
    if not request.path.startswith("/api/admin"):
        return None
    problem = _token_problem()
    if problem:
        return error_response(503, "admin_disabled", problem)
    client = client_address()
    refused = _throttled(client)
    if refused is not None:
        return refused
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not _token_ok(given.strip(), _admin_token()):
        message = "this endpoint needs the header 'Authorization: Bearer <admin token>' (SEARCHSVC_ADMIN_TOKEN)"
        if header:
            _state().record_failure(client)
            message = "the admin token is wrong; " + message
        response = error_response(401, "unauthorized", message)
        response.headers["WWW-Authenticate"] = 'Bearer realm="searchsvc admin"'
        return response
    return None


@bp.errorhandler(Refusal)
def _refusal(exc: Refusal) -> Any:
    if request.path.startswith("/api/"):
        return error_response(exc.status, exc.code, exc.message, **exc.extra)
    if request.method == "POST":
        # Post/redirect/get, also after a failure: the error travels in the cookie, a reload does not post again.
        sess = _session()
        sess["flash"] = exc.message
        return _save(redirect(_next_url(), code=303), sess)
    return _dashboard(error=exc.message, status=exc.status)


@bp.errorhandler(sqlite3.OperationalError)
def _state_busy(exc: sqlite3.OperationalError) -> Any:
    """Answer 503 with Retry-After when the sessions/attempts store cannot be used (locked, disk full): never a 500."""
    current_app.logger.warning("admin state unavailable on %s %s: %s", request.method, request.path, exc)
    response = retry_later("admin_busy", "the admin's session store is busy or unavailable; nothing was changed. Try again in a moment", 1)
    response.status_code = 503
    return response


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


def _list_args() -> dict[str, Any]:
    """Return the document list's query, filters and page from the query string; raise Refusal(400)."""
    args = request.args
    out: dict[str, Any] = {"q": args.get("q", ""), "lang": args.get("lang", ""), "fmt": args.get("format", "")}
    for key, default, high in (("page", 1, 100_000), ("per_page", PER_PAGE, MAX_PER_PAGE)):
        raw = args.get(key, "")
        if raw == "":
            out[key] = default
            continue
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= high:
            raise Refusal(400, "bad_request", f"{key} must be a whole number from 1 to {high}, not {raw!r}")
        out[key] = int(raw)
    return out


@bp.get("/api/admin/documents")
def api_documents() -> Any:
    """List documents (indexed, waiting and withdrawn), filtered and paged."""
    data = list_documents(**_list_args())
    return jsonify({"documents": data["documents"], "total": data["total"], "page": data["page"], "per_page": data["per_page"]})


@bp.post("/api/admin/documents")
def api_add_documents() -> Any:
    """Store uploaded .txt/.md files (with optional sidecars) in the seeds folder and reindex."""
    return _accepted(add_documents(request.files.getlist("files")))


@bp.delete("/api/admin/documents/<path:doc_id>")
def api_withdraw(doc_id: str) -> Any:
    """Move a document's seed file to seeds/.withdrawn and reindex."""
    return _accepted(withdraw_document(doc_id))


@bp.post("/api/admin/documents/<path:doc_id>/restore")
def api_restore(doc_id: str) -> Any:
    """Move a withdrawn document back into the seeds folder and reindex."""
    return _accepted(restore_document(doc_id))


@bp.put("/api/admin/documents/<path:doc_id>/meta")
def api_set_meta(doc_id: str) -> Any:
    """Write a document's metadata sidecar (checked like an uploaded one) and reindex."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Refusal(400, "bad_metadata", "send a JSON object such as {\"title\": \"…\", \"date\": \"2019-05-01\"}; "
                      f"the fields are {', '.join(ingest.META_FIELDS)}")
    return _accepted(set_metadata(doc_id, body))


@bp.get("/api/admin/status")
def api_status() -> Any:
    """Return the index status."""
    return jsonify(index_status())


# --- the /admin pages -----------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    # The app's secret key (random, kept in the index folder, or SEARCHSVC_SECRET_KEY) mixed with the admin
    # token: nothing public reproduces it, every worker shares it, and a new token ends every session.
    secret = str(current_app.config["SECRET_KEY"])
    key = hmac.new(secret.encode("utf-8"), b"searchsvc-admin-session\0" + _admin_token().encode("utf-8"), hashlib.sha256).hexdigest()
    return URLSafeTimedSerializer(key, salt="searchsvc-admin")


def _session() -> dict[str, Any]:
    """Return this browser's session: {"csrf", "flash"?} signed out; also "sid", "auth", "expires" signed in."""
    raw = request.cookies.get(COOKIE)
    if _token_problem() or not raw:
        return {}
    try:
        data = _serializer().loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    sess = {k: data[k] for k in ("csrf", "flash", "sid") if isinstance(data.get(k), str)}
    if "sid" in sess:
        live = _state().session(sess["sid"])
        if live is None:
            return {k: v for k, v in sess.items() if k == "flash"}  # signed out elsewhere, or expired
        sess.update(auth=True, csrf=live.csrf, expires=live.expires())
    return sess


def _save(response: Any, sess: dict[str, Any]) -> Any:
    cookie = {k: sess[k] for k in ("csrf", "flash", "sid") if sess.get(k)}
    if not cookie or _token_problem():
        response.delete_cookie(COOKIE, path="/admin")
        return response
    # A signed-in cookie ends with its session; re-issuing it never moves that end (the server keeps the start).
    max_age = max(0, int(sess["expires"] - time.time())) if sess.get("expires") else None
    response.set_cookie(
        COOKIE, _serializer().dumps(cookie), path="/admin", httponly=True, samesite="Strict", secure=request.is_secure,
        max_age=max_age,
    )
    return response


def _signed_in(sess: dict[str, Any]) -> bool:
    return bool(sess.get("auth")) and bool(sess.get("csrf"))


def _page(template: str, status: int = 200, sess: dict[str, Any] | None = None, **context: Any) -> Any:
    from .pages import LANG_NAMES

    sess = dict(sess if sess is not None else _session())
    if not sess.get("csrf"):
        sess["csrf"] = secrets.token_urlsafe(32)
    flash = sess.pop("flash", None)
    if flash and not context.get("error"):
        context["error"] = flash
    html = render_template(template, args={}, lang_names=LANG_NAMES, csrf=sess["csrf"], **context)
    response = current_app.make_response((html, status))
    response.headers["Cache-Control"] = "no-store"
    if context.get("refresh"):
        response.headers["Refresh"] = str(context["refresh"])
    return _save(response, sess)


def _signed_out_page(sess: dict[str, Any], status: int = 200) -> Any:
    problem = _token_problem()
    if problem:
        return _page("admin_login.html", 503, sess={}, disabled=problem, error=None)
    return _page("admin_login.html", status, sess=sess, error=None, disabled=None)


def _dashboard(error: str | None = None, notice: str | None = None, status: int = 200) -> Any:
    sess = _session()
    if _token_problem() or not _signed_in(sess):
        return _signed_out_page(sess, 401 if status == 200 and error else status)
    _seeds, index_dir = _dirs()
    status_data = index_status()
    recent = jobs.list_jobs(index_dir, 10)
    active = any(j.get("state") in jobs.ACTIVE for j in recent) or status_data["reindex_running"]
    shown = request.args.get("job", "")
    try:
        list_args = _list_args()
    except Refusal as exc:
        list_args, error = {"q": "", "lang": "", "fmt": "", "page": 1, "per_page": PER_PAGE}, exc.message
    docs = list_documents(**list_args)
    return _page(
        "admin.html", status, sess=sess, info=status_data, jobs=recent, error=error, notice=notice,
        refresh=2 if active else None, shown_job=shown, max_file_mb=status_data["max_file_mb"],
        docs=docs, filters=list_args, page_url=_page_url, expires=_expires_text(sess),
    )


def _expires_text(sess: dict[str, Any]) -> str:
    left = int(sess.get("expires", 0) - time.time())
    return f"{left // 3600} h {left % 3600 // 60} min" if left > 0 else ""


def _page_url(filters: dict[str, Any], page: int) -> str:
    """Return the /admin address of another page of the document list with the same filters."""
    from urllib.parse import urlencode

    params = {"q": filters.get("q"), "lang": filters.get("lang"), "format": filters.get("fmt"), "page": page}
    return "/admin?" + urlencode({k: v for k, v in params.items() if v}) + "#documents"


def _check_form() -> dict[str, Any]:
    """Check the CSRF token of a posted form (and that admin is on); return the session."""
    problem = _token_problem()
    if problem:
        raise Refusal(503, "admin_disabled", problem)
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


def _next_url() -> str:
    """Return where a form post goes back to: an /admin address the form names, else /admin."""
    target = request.form.get("next", "") if request.method == "POST" else ""
    if target.startswith("/admin") and "//" not in target and "\\" not in target and not any(c in target for c in "\r\n"):
        return target
    return "/admin"


def _back(job: str | None = None) -> Any:
    base, sep, fragment = _next_url().partition("#")
    if job:
        base += ("&" if "?" in base else "?") + f"job={job}"
    return redirect(base + sep + fragment, code=303)


@bp.get("/admin")
def admin_page() -> Any:
    """The admin page: sign-in form, or status, documents, upload, reindex and jobs."""
    notice = None
    job = request.args.get("job")
    if job and jobs.valid_job_id(job):
        notice = f"Started job {job}."
    return _dashboard(notice=notice)


@bp.post("/admin/login")
def admin_login() -> Any:
    """Sign in with the admin token."""
    sess = _check_form()
    client = client_address()
    refused = _throttled(client)
    if refused is not None:
        return refused
    if not _token_ok(request.form.get("token", ""), _admin_token()):
        _state().record_failure(client)
        sess["flash"] = "That is not the admin token."
        return _save(redirect("/admin", code=303), sess)
    live = _state().create_session()
    return _save(redirect("/admin", code=303), {"sid": live.sid, "csrf": live.csrf, "expires": live.expires()})


@bp.post("/admin/logout")
def admin_logout() -> Any:
    """Sign out: the session ends on the server, so a copy of the cookie stops working too."""
    sess = _check_form()
    if sess.get("sid"):
        _state().end_session(sess["sid"])
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
    """Withdraw a document from the page (after the confirmation page)."""
    _require_signed_in()
    doc_id = (request.form.get("id") or "").strip()
    if not doc_id:
        raise Refusal(400, "bad_request", "give the id of the document to withdraw")
    return _back(withdraw_document(doc_id)["job"])


@bp.get("/admin/documents/<path:doc_id>/withdraw")
def admin_confirm_withdraw(doc_id: str) -> Any:
    """Ask for confirmation before withdrawing a document."""
    sess = _session()
    if _token_problem() or not _signed_in(sess):
        return _signed_out_page(sess, 401)
    info = document_meta(doc_id)
    return _page("admin_withdraw.html", sess=sess, doc=info)


@bp.post("/admin/documents/<path:doc_id>/restore")
def admin_restore(doc_id: str) -> Any:
    """Restore a withdrawn document from the page."""
    _require_signed_in()
    return _back(restore_document(doc_id)["job"])


@bp.get("/admin/documents/<path:doc_id>")
def admin_document(doc_id: str) -> Any:
    """The metadata form of one document."""
    sess = _session()
    if _token_problem() or not _signed_in(sess):
        return _signed_out_page(sess, 401)
    info = document_meta(doc_id)
    job = request.args.get("job")
    notice = f"Saved; started job {job}." if job and jobs.valid_job_id(job) else None
    return _page("admin_document.html", sess=sess, doc=info, fields=FORM_FIELDS, notice=notice)


@bp.post("/admin/documents/<path:doc_id>/meta")
def admin_set_meta(doc_id: str) -> Any:
    """Save the metadata form: write the sidecar and reindex."""
    _require_signed_in()
    values = {key: (request.form.get(key) or "").strip() or None for key, _label in FORM_FIELDS}
    return _back(set_metadata(doc_id, values)["job"])
