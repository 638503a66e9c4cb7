"""The type of a file from its bytes (magic numbers), not its name."""

from __future__ import annotations

import io
import zipfile

from . import ExtractError

TEXT_EXTENSIONS = (".txt", ".md")
FORMAT_EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx", ".odt": "odt"}
KINDS = ("text", "pdf", "html", "docx", "odt")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title")


def sniff(data: bytes) -> str | None:
    """Return 'pdf', 'docx', 'odt', 'zip' or another binary kind the bytes announce, or None for none."""
    head = data[:1024]
    if b"%PDF-" in head:  # PDF readers accept the header anywhere in the first KB
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    for magic, kind in ((b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"II*\x00", "tiff"),
                        (b"MM\x00*", "tiff"), (b"\xd0\xcf\x11\xe0", "ole (old .doc/.xls)"), (b"\x1f\x8b", "gzip"),
                        (b"{\\rtf", "rtf")):
        if data.startswith(magic):
            return kind
    return None


def _zip_kind(data: bytes) -> str:
    """Tell a Word file from an OpenDocument file from another zip by the names inside."""
    if data[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in data[38:120]:
        return "odt"  # ODF puts an uncompressed mimetype entry first
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"


def looks_html(data: bytes) -> bool:
    """Say whether text bytes start like an HTML page."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_STARTS) or b"<html" in head[:1024]


def detect(data: bytes, name: str) -> str:
    """Return the kind to read a file as ('text', 'pdf', 'html', 'docx', 'odt'); raise ExtractError when unsupported.

    The bytes decide: a `.txt` holding a PDF is read as a PDF; a `.pdf` holding text is refused, since its
    name promises a layout it does not have.
    """
    lower = name.lower()
    ext = lower[lower.rfind("."):] if "." in lower else ""
    claimed = "text" if ext in TEXT_EXTENSIONS else FORMAT_EXTENSIONS.get(ext)
    if claimed is None:
        raise ExtractError(f"unsupported file type {ext or '(no extension)'}; " + supported())
    found = sniff(data)
    if found in ("pdf", "docx", "odt"):
        return found
    if found is not None and claimed == "text":
        return "text"  # an image named .txt: decode() refuses it with its reason, as it always has
    if found is not None:
        raise ExtractError(f"named {ext} but its bytes are {found}, which cannot be indexed")
    if claimed in ("pdf", "docx", "odt"):
        what = "an HTML page" if looks_html(data) else "not a " + claimed.upper() + " file"
        raise ExtractError(f"named {ext} but its bytes are {what} (no {claimed.upper()} signature)")
    return claimed  # text or html: both read as text, an .html page through the web-page extractor


def supported() -> str:
    """Return the sentence listing the file types that can be indexed."""
    return "supported: " + ", ".join([*TEXT_EXTENSIONS, *FORMAT_EXTENSIONS])
