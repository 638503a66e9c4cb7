"""Background reindex jobs: one at a time across processes, run in a child process, state in files.

How one reindex at a time is guaranteed (across HTTP requests, gunicorn workers and the CLI):

1. The request *claims* the reindex by taking index.WriterLock (an flock on index_dir/.reindex.lock
   that records the job id) without blocking. If another process holds it, the request answers 409
   with the holder's job id. flock is atomic, so of two concurrent requests exactly one wins.
2. The winner writes the job file (state "queued") and starts `python -m searchsvc.jobs run <job>`
   in a new session, handing it the *open lock file descriptor* (pass_fds). The flock belongs to the
   open file description, which the child now shares, so the lock never becomes free in between.
   The request then closes its own descriptor without unlocking; the child alone holds the lock.
3. The child builds under that lock, writes progress and the final state (done/failed) to
   index_dir/jobs/<job>.json (tmp file + os.replace, so readers never see half a file) and exits;
   the kernel releases the lock when it exits, also when it is killed.

A job file that says queued/running while no process holds the lock for that job belongs to a process
that died (SIGKILL, machine restart): read_job() reports it as failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

from . import index as index_mod
from .errors import ReindexRunning
from .parallel import default_procs

JOBS = "jobs"
KEEP_JOBS = 50
LIST_CAP = 1000  # longest list of ids kept in a job's summary
_JOB_ID = re.compile(r"^[0-9]{8}T[0-9]{6}-[0-9a-f]{8}$")
ACTIVE = ("queued", "running")


def jobs_dir(index_dir: Path) -> Path:
    """Return the folder that holds the job files."""
    return Path(index_dir) / JOBS


def new_job_id() -> str:
    """Return a fresh, sortable job id."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]


def valid_job_id(job: str) -> bool:
    """Say whether a string has the shape of a job id (so it is safe as a file name)."""
    return bool(_JOB_ID.match(job))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def job_path(index_dir: Path, job: str) -> Path:
    """Return the file of one job."""
    if not valid_job_id(job):
        raise ValueError(f"not a job id: {job!r}")
    return jobs_dir(index_dir) / f"{job}.json"


def write_job(index_dir: Path, data: dict[str, Any], durable: bool = False) -> None:
    """Write a job's state atomically: readers see the old or the new file, never a mix."""
    path = job_path(index_dir, data["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    index_mod.write_atomic(path, json.dumps(data, ensure_ascii=False), durable=durable)


def _load(index_dir: Path, job: str) -> dict[str, Any] | None:
    try:
        return json.loads(job_path(index_dir, job).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def read_job(index_dir: Path, job: str) -> dict[str, Any] | None:
    """Return a job's state, or None when there is no such job; a job whose process died reads as failed."""
    if not valid_job_id(job):
        return None
    data = _load(index_dir, job)
    if data is None or data.get("state") not in ACTIVE:
        return data
    if index_mod.reindex_running(index_dir) and index_mod.lock_holder(index_dir) == job:
        return data
    # Nobody holds the lock for this job. It may have finished a moment ago: read again.
    data = _load(index_dir, job)
    if data is None or data.get("state") not in ACTIVE:
        return data
    if time.time() - data.get("created_ts", 0) < 2 and data.get("state") == "queued":
        return data  # the hand-over is still in progress in the request that created it
    data.update(state="failed", finished=_now(), error="the reindex process ended without finishing (killed or crashed)")
    write_job(index_dir, data)
    return data


def list_jobs(index_dir: Path, limit: int = 10) -> list[dict[str, Any]]:
    """Return the newest jobs first."""
    folder = jobs_dir(index_dir)
    if not folder.is_dir():
        return []
    names = sorted((n[:-5] for n in os.listdir(folder) if n.endswith(".json") and valid_job_id(n[:-5])), reverse=True)
    out = []
    for job in names[:limit]:
        data = read_job(index_dir, job)
        if data:
            out.append(data)
    return out


def _prune(index_dir: Path) -> None:
    folder = jobs_dir(index_dir)
    names = sorted((n for n in os.listdir(folder) if valid_job_id(n.split(".")[0])), reverse=True)
    ids = sorted({n.split(".")[0] for n in names}, reverse=True)
    for old in ids[KEEP_JOBS:]:
        for suffix in (".json", ".log"):
            try:
                (folder / f"{old}{suffix}").unlink()
            except FileNotFoundError:
                pass


# --- claiming and starting --------------------------------------------------------------------


FINISHING_WAIT_S = 2.0  # how long claim() waits for a job that has finished to let go of the lock


def claim(index_dir: Path) -> tuple[str, index_mod.WriterLock]:
    """Take the reindex lock for a new job id; raise ReindexRunning (naming the running job) when taken."""
    job = new_job_id()
    deadline = time.monotonic() + FINISHING_WAIT_S
    while True:
        try:
            lock = index_mod.WriterLock(Path(index_dir), job).acquire()
            return job, lock
        except ReindexRunning as exc:
            # A job that has written its final state lets go of the lock a moment later: wait for that.
            holder = _load(Path(index_dir), exc.job) if exc.job and valid_job_id(exc.job) else None
            if holder is None or holder.get("state") in ACTIVE or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def start(
    index_dir: Path,
    seeds_dir: Path,
    job: str,
    lock: index_mod.WriterLock,
    *,
    full: bool = False,
    stemmer: str = "pystemmer",
    max_bytes: int = 20_000_000,
    reason: str = "reindex",
    procs: int = 1,
    changes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Start the claimed job in a child process that inherits the lock; return the job's first state.

    The caller must hold `lock` (from claim()). On return the lock belongs to the child, whatever happens.
    `changes` are documents a request just wrote (see check_changes): the job indexes them first and puts
    back the previous version of any that cannot be indexed.
    """
    index_dir = Path(index_dir)
    data: dict[str, Any] = {
        "id": job,
        "kind": "full" if full else "incremental",
        "reason": reason,
        "state": "queued",
        "created": _now(),
        "created_ts": time.time(),
        "started": None,
        "finished": None,
        "progress": {"done": 0, "total": None},
        "summary": None,
        "error": None,
        "params": {
            "seeds_dir": str(Path(seeds_dir).resolve()),
            "index_dir": str(index_dir.resolve()),
            "full": bool(full),
            "stemmer": stemmer,
            "max_bytes": int(max_bytes),
            "procs": int(procs),
            "changes": changes or [],
        },
    }
    fd = lock._fd
    try:
        write_job(index_dir, data, durable=True)
        _prune(index_dir)
        assert fd is not None, "the lock is not held"
        log = open(jobs_dir(index_dir) / f"{job}.log", "ab")
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "searchsvc.jobs", "run", job, "--index-dir", str(index_dir.resolve()), "--lock-fd", str(fd)],
                pass_fds=(fd,),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a worker timeout or Ctrl+C on the server does not kill the build
                close_fds=True,
            )
        finally:
            log.close()
    except BaseException as exc:
        lock.release()
        data.update(state="failed", finished=_now(), error=f"could not start the reindex process: {exc}")
        write_job(index_dir, data)
        raise
    # Hand over: close our descriptor WITHOUT unlocking; the child's copy keeps the flock.
    os.close(fd)
    lock._fd = None
    threading.Thread(target=proc.wait, name=f"reap-{job}", daemon=True).start()
    return data


def start_reindex(settings: dict[str, Any], *, full: bool = False, reason: str = "reindex") -> dict[str, Any]:
    """Claim and start a reindex as the settings say; raise ReindexRunning when one runs."""
    index_dir = Path(settings["index_dir"])
    index_dir.mkdir(parents=True, exist_ok=True)
    job, lock = claim(index_dir)
    return start(
        index_dir, Path(settings["seeds_dir"]), job, lock, full=full, stemmer=settings["stemmer"],
        max_bytes=int(settings["max_file_mb"] * 1_000_000), reason=reason,
        procs=settings["build_procs"] or default_procs(),
    )


# --- documents a request changed ----------------------------------------------------------------


REJECTED = "rejected"


def check_changes(seeds_dir: Path, max_bytes: int, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Read each changed document as the build will; put back the previous version of any that fails.

    A change is {"id", "path", "written": [seed-relative files the request wrote],
    "moved": [[where the previous file went, where it was], ...]}. A document whose new version cannot be
    indexed gets its new files moved to .withdrawn (named *.rejected-<time>) and its previous files moved
    back, so the build that follows keeps serving the previous version. Returns what was refused and why.
    """
    from . import ingest

    refused: list[dict[str, Any]] = []
    for change in changes:
        path = seeds_dir / change["path"]
        try:
            ingest.load(path, seeds_dir, max_bytes)
            continue
        except ingest.SkipFile as exc:
            reason = str(exc)
        # Restorable when the previous files were moved aside, or when only a sidecar was added (removing it restores).
        restored = bool(change.get("moved")) or change["path"] not in (change.get("written") or [])
        if restored:
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
            folder = seeds_dir / ".withdrawn"
            folder.mkdir(exist_ok=True)
            for rel in change.get("written") or []:
                src = seeds_dir / rel
                name = src.name
                stem, suffix = (name[: -len(ingest.META_SUFFIX)], ingest.META_SUFFIX) if name.endswith(ingest.META_SUFFIX) else (src.stem, src.suffix)
                if src.exists():
                    os.replace(src, folder / f"{stem}.{REJECTED}-{stamp}{suffix}")
            for kept, original in change["moved"]:
                if (seeds_dir / kept).exists():
                    os.replace(seeds_dir / kept, seeds_dir / original)
        refused.append({
            "id": change["id"], "path": change["path"], "reason": reason, "restored": restored,
            "message": f"{change['path']} was not indexed: {reason}; "
            + ("the previous version was put back and stays searchable" if restored else "there was no previous version"),
        })
    return refused


# --- the child process ------------------------------------------------------------------------


def _summary_dict(summary: index_mod.BuildSummary) -> dict[str, Any]:
    data = summary.to_dict()
    for key in ("added", "updated", "removed", "unchanged"):
        data[key] = data[key][:LIST_CAP]
    return data


def _release(lock_fd: int) -> None:
    """Drop the reindex lock now (the build is finished or has failed); exiting would drop it later."""
    import fcntl

    try:
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
        os.close(lock_fd)
    except OSError:
        pass  # already closed: the kernel has released it


def run(job: str, index_dir: Path, lock_fd: int) -> int:
    """Run a claimed job: build under the inherited lock, recording progress and the outcome."""
    import fcntl

    data = _load(index_dir, job)
    if data is None:
        print(f"no job file for {job}", file=sys.stderr)
        return 2
    # The lock must already be ours (same open file description): this re-lock is a no-op then.
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        data.update(state="failed", finished=_now(), error="the reindex lock was not handed over")
        write_job(index_dir, data, durable=True)
        return 1
    os.lseek(lock_fd, 0, os.SEEK_SET)
    os.ftruncate(lock_fd, 0)
    os.write(lock_fd, json.dumps({"pid": os.getpid(), "job": job, "since": time.time()}).encode())

    params = data["params"]
    data.update(state="running", started=_now())
    write_job(index_dir, data)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= 0.2:
            last[0] = now
            data["progress"] = {"done": done, "total": total}
            write_job(index_dir, data)

    try:
        refused = check_changes(Path(params["seeds_dir"]), int(params["max_bytes"]), params.get("changes") or [])
        # build() would take the lock itself; we already hold it (handed over), so build under it.
        summary = index_mod.build_locked(
            Path(params["seeds_dir"]), Path(params["index_dir"]), full=bool(params["full"]),
            stemmer=params["stemmer"], max_bytes=int(params["max_bytes"]), progress=progress,
            procs=int(params.get("procs", 1)),
        )
    except BaseException as exc:  # record every failure, then drop the lock
        data.update(state="failed", finished=_now(), error=f"{type(exc).__name__}: {exc}")
        write_job(index_dir, data, durable=True)
        _release(lock_fd)
        traceback.print_exc()
        return 1
    data.update(state="done", finished=_now(), summary=_summary_dict(summary) | {"refused": refused})
    if data["progress"]["total"] is None:
        data["progress"] = {"done": 0, "total": 0}
    write_job(index_dir, data, durable=True)
    # The final state first (read_job takes an active job without the lock for a dead one), then the lock at
    # once: left to the interpreter's exit it stayed held while a client that read "done" started the next
    # reindex and got 409 "already running" (claim() waits out the remaining moment).
    _release(lock_fd)
    print(summary.line())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m searchsvc.jobs run <job> --index-dir DIR --lock-fd N`."""
    parser = argparse.ArgumentParser(prog="python -m searchsvc.jobs")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_run = sub.add_parser("run", help="run a claimed reindex job (started by the web app)")
    p_run.add_argument("job")
    p_run.add_argument("--index-dir", required=True, type=Path)
    p_run.add_argument("--lock-fd", required=True, type=int)
    args = parser.parse_args(argv)
    if not valid_job_id(args.job):
        parser.error(f"not a job id: {args.job!r}")
    return run(args.job, args.index_dir, args.lock_fd)


__all__ = ["ReindexRunning", "claim", "list_jobs", "read_job", "start", "start_reindex"]

if __name__ == "__main__":
    sys.exit(main())
