"""A guard for zip-based formats (Word, OpenDocument): sizes checked before anything is decompressed."""

from __future__ import annotations

import io
import zipfile

from . import ExtractError

MAX_UNCOMPRESSED = 200_000_000  # bytes all members may expand to
MAX_RATIO = 200  # a member expanding more than this many times its stored size is a bomb, not a document
MAX_MEMBERS = 10_000


def open_checked(data: bytes) -> zipfile.ZipFile:
    """Return the open zip of a file's bytes; raise ExtractError for a corrupt archive or a zip bomb."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractError(f"corrupt zip container ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise ExtractError(f"zip container with {len(infos):,} members (the limit is {MAX_MEMBERS:,})")
    total = sum(i.file_size for i in infos)  # as the central directory states it; reading is capped below too
    if total > MAX_UNCOMPRESSED:
        raise ExtractError(f"zip bomb guard: it would expand to {total:,} bytes (the limit is {MAX_UNCOMPRESSED:,})")
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ExtractError(f"zip bomb guard: {info.filename} expands {info.file_size // max(info.compress_size, 1):,} times")
    return zf


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """Return one member's bytes, reading no more than its declared size (a lying header cannot inflate it)."""
    info = zf.getinfo(name)
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ExtractError(f"zip bomb guard: {name} is larger than its header says")
    return data
