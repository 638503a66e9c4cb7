"""Word (.docx) files to text with docx2python: body paragraphs and tables, footnotes last, headers and
footers kept once as running text, the document's properties as metadata."""

from __future__ import annotations

import io
import re
from typing import Any

from . import ExtractError, Extracted, Page, zipguard

_TAG = re.compile(r"</?a\b[^>]*>")
_IMAGE = re.compile(r"----(?:Image alt text---->.*?<)?----media/[^-]*----|----Image alt text---->.*?<----[^-]*----")
_NOTE_REF = re.compile(r"----(?:footnote|endnote)(\d+)----")
_NOTE_HEAD = re.compile(r"^(?:footnote|endnote)(\d+)\)\s*")
_BULLET = re.compile(r"^(?:--|\d+\)|[a-z]\))\t")


def _flatten(tree: Any) -> list[str]:
    """Return the paragraphs of docx2python's nested tables/rows/cells/paragraphs, in order."""
    if isinstance(tree, str):
        return [tree]
    out: list[str] = []
    for item in tree:
        out.extend(_flatten(item))
    return out


def _clean(text: str) -> str:
    """Return a paragraph without docx2python's link tags, image markers and tab bullets."""
    text = _IMAGE.sub("", text)
    text = _TAG.sub("", text)
    text = _NOTE_REF.sub(r"[\1]", text)
    text = _BULLET.sub("• ", text)
    return text.replace("\t", " ").strip()


def extract(data: bytes) -> Extracted:
    """Return a Word file's text as one unpaged page, its footnotes and its properties."""
    from docx2python import docx2python

    zipguard.open_checked(data).close()  # sizes checked before docx2python decompresses anything
    try:
        with docx2python(io.BytesIO(data)) as doc:
            body = [_clean(p) for p in _flatten(doc.body)]
            notes = [_clean(_NOTE_HEAD.sub(r"\1 ", p)) for p in _flatten(doc.footnotes) + _flatten(doc.endnotes)]
            running = [_clean(p) for p in _flatten(doc.header) + _flatten(doc.footer)]
            props = doc.core_properties or {}
    except ExtractError:
        raise
    except Exception as exc:  # docx2python raises KeyError/XMLSyntaxError/... on broken files
        raise ExtractError(f"Word file could not be read ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(p for p in body if p)
    if not text.strip():
        raise ExtractError("Word file without text")
    meta = {
        "title": (props.get("title") or "").strip() or None,
        "author": (props.get("creator") or "").strip() or None,
        "pdf_date": (props.get("created") or "")[:10] or None,
    }
    return Extracted(
        pages=[Page(None, None, text)],
        footnotes=[(n, None, None) for n in notes if n and not n.isdigit()],
        meta=meta,
        running=list(dict.fromkeys(r for r in running if r))[:8],
    )
