"""Text out of real files (PDF, web pages, Word, OpenDocument, scans): one module per format, one shape out."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractError(Exception):
    """Raised by an extractor when a file cannot be read; its message is the reason shown in the summary."""


@dataclass
class Page:
    """One page of extracted text: paragraphs separated by blank lines, lines by newlines."""

    number: int | None  # physical page, from 1; None for unpaged sources (web pages, Word, ODT)
    label: str | None  # the printed page number where known ("32", "iv"), else None
    text: str


@dataclass
class Extracted:
    """What an extractor found: pages of body text, footnotes, metadata and notes on what it dropped."""

    pages: list[Page]
    footnotes: list[tuple[str, int | None, str | None]] = field(default_factory=list)  # (text, page, label)
    meta: dict[str, str | None] = field(default_factory=dict)
    running: list[str] = field(default_factory=list)  # running headers/footers removed, each kept once
    warnings: list[str] = field(default_factory=list)
    page_count: int | None = None  # pages in the source (paged formats only)
    column_pages: int = 0  # pages read column by column (PDF)
