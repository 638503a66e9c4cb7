"""Web pages to text with trafilatura: the main text only, with title, date, author and site name."""

from __future__ import annotations

import re

from . import ExtractError, Extracted, Page

MAX_HTML_BYTES = 5_000_000  # of markup left after scripts and styles are dropped
# Scripts and styles never hold the text; dropping them first keeps a 20 MB page of script cheap (one linear scan).
_SCRIPT = re.compile(rb"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def extract(data: bytes) -> Extracted:
    """Return the main text of an HTML page as one unpaged page, with the page's own metadata."""
    import trafilatura  # imported on use: it pulls in lxml, dateparser and friends

    warnings: list[str] = []
    lean = _SCRIPT.sub(b"", data)
    if len(lean) > MAX_HTML_BYTES:
        warnings.append(f"only the first {MAX_HTML_BYTES // 1_000_000} MB of markup were read")
        lean = lean[:MAX_HTML_BYTES]
    try:
        doc = trafilatura.bare_extraction(lean, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # trafilatura raises assorted errors from lxml on broken markup
        raise ExtractError(f"HTML page could not be parsed ({type(exc).__name__})") from None
    if doc is None or not (doc.text or "").strip():
        raise ExtractError("HTML page without main text")
    # One paragraph a line in trafilatura's text; list items start with "- ".
    lines = [re.sub(r"^-\s+", "• ", ln.strip()) for ln in doc.text.split("\n")]
    body = "\n\n".join(ln for ln in lines if ln)
    meta = {
        "title": (doc.title or "").strip() or None,
        "date": doc.date or None,
        "author": doc.author or None,
        "source": doc.sitename or None,
        "url": doc.url or None,
    }
    return Extracted(pages=[Page(None, None, body)], meta=meta, warnings=warnings)
