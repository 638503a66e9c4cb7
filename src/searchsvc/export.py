"""Export a search result as CSV that a spreadsheet opens safely: one row per hit, formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = ["id", "title", "date", "source", "number", "language", "url", "citation"]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); tab and CR too (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Return a cell's text, prefixed with an apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def rows(result: dict[str, Any], base_url: str) -> list[list[str]]:
    """Return the CSV rows (header first) of a search result; URLs made absolute with base_url."""
    out = [COLUMNS]
    for hit in result["hits"]:
        best = hit["passages"][0] if hit.get("passages") else None
        url = best["citation"]["url"] if best else hit["url"]
        url = url if url.startswith(("http://", "https://")) else base_url + url  # hits carry absolute links
        cells = [
            hit["id"], hit["title"], hit.get("date"), hit.get("source"), hit.get("doc_number"),
            hit.get("language"), url, best["citation"]["text"] if best else "",
        ]
        out.append([safe_cell(c) for c in cells])
    return out


def to_csv(result: dict[str, Any], base_url: str) -> str:
    """Return a search result as CSV text (RFC 4180, CRLF line ends), with a byte-order mark for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows(result, base_url))
    # The BOM makes Excel read the file as UTF-8 (otherwise ë and ß come out garbled).
    return "\ufeff" + buffer.getvalue()
