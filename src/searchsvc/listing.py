"""A folder's names, listed by a child process while this one starts: `searchsvc index` lists the seeds
folder this way while it imports the build modules, so that a new document's first step does not wait for both."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

# -I -S: no site packages and no environment to read, so the child starts in ~15 ms; names are joined by NUL,
# the one byte a file name cannot hold.
_CHILD = "import os, sys; sys.stdout.buffer.write(b'\\0'.join(os.listdir(os.fsencode(sys.argv[1]))))"
WAIT_SECONDS = 60  # a child that has not listed the folder by then is killed and the caller lists it itself


@dataclass
class _Early:
    key: tuple[int, int]  # the folder's inode and mtime, read before the child started listing
    proc: subprocess.Popen[bytes]


_pending: dict[str, _Early] = {}


def start(folder: str | os.PathLike[str]) -> None:
    """Start listing a folder in a child process; `take` returns the names, `discard` drops them."""
    path = os.path.abspath(folder)
    if path in _pending:
        return
    try:
        st = os.stat(path)
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _CHILD, path],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return  # the caller lists the folder itself
    _pending[path] = _Early((st.st_ino, st.st_mtime_ns), proc)


def take(folder: str | os.PathLike[str], key: tuple[int, int] | list[int]) -> list[str] | None:
    """Return a folder's names as os.listdir would, when listed early and the folder's (inode, mtime) is still
    `key`; None when there is no early listing or the folder changed since (the caller lists it then)."""
    early = _pending.pop(os.path.abspath(folder), None)
    if early is None:
        return None
    try:
        out, _err = early.proc.communicate(timeout=WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        _stop(early)
        return None
    # The key was read before the listing began: any change after it moved the folder's mtime past `key`.
    if early.proc.returncode != 0 or early.key != tuple(key):
        return None
    if not out:
        return []
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        # Decoded in one go: the same strings as os.listdir's (NUL is never part of a UTF-8 sequence).
        return out.decode("utf-8", sys.getfilesystemencodeerrors()).split("\0")
    return [os.fsdecode(name) for name in out.split(b"\0")]


def discard() -> None:
    """Stop every early listing not taken (an index build that did not need it)."""
    while _pending:
        _stop(_pending.popitem()[1])


def _stop(early: _Early) -> None:
    if early.proc.poll() is None:
        early.proc.kill()
    early.proc.communicate()
