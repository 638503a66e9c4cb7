"""PDF to pages of text with pypdfium2: hyphens marked for the de-hyphenation rules, running heads and
page-bottom footnotes set apart, paragraphs told by line length, scans sent to OCR."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ExtractError, Extracted, Page, ocr

MAX_PAGES = 1000  # pages read from one PDF; the rest is reported, not indexed (about 1.5 ms a page)
MAX_OCR_PAGES = 30  # scanned pages sent to OCR per document (seconds each)
EDGE_LINES = 3  # lines at the top and bottom of a page that may be a running head or foot
MIN_TEXT_CHARS = 20  # a page with fewer characters has no usable text layer

# pypdfium2 marks a hyphen it found at a line end with \x02 (sometimes U+FFFE); a \x02 inside a line means
# the line break itself was lost ("Soekarno\x02VerDate ..."): both become "-" and a line break.
_SOFT_HYPHEN = re.compile("[\x02\ufffe]\\s*\n?")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_DIGITS = re.compile(r"\d+")
_ALWAYS_RUNNING = (
    re.compile(r"^(?:pagina|page|seite|blatt)\s+\d+(?:\s*(?:van|of|von|/)\s*\d+)?$", re.I),
    re.compile(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$"),
    re.compile(r"^drucksache\s+\d+/\d+\s*[-–—]\s*\d+\s*[-–—]", re.I),
)
_FOOTNOTE = re.compile(r"^(\d{1,3})(?:\s+|(?=[A-ZÀ-Ý]))(\S.*)$")
_BULLET = re.compile(r"^(?:[•▪◦●■–-]\s|\(?[a-z0-9]{1,2}[).]\s)")
_TERMINAL = re.compile(r"[.!?:;]$")


def extract(data: bytes, name: str = "") -> Extracted:
    """Return the pages, footnotes and metadata of a PDF's bytes; raise ExtractError with the reason."""
    try:
        doc = pdfium.PdfDocument(data)  # an empty user password is tried by default
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ExtractError("encrypted PDF that needs a password; it cannot be read") from None
        raise ExtractError(f"not a readable PDF ({msg.rstrip('.')})") from None
    try:
        return _extract(doc)
    finally:
        doc.close()


def _extract(doc: pdfium.PdfDocument) -> Extracted:
    """Read every page (up to MAX_PAGES) of an open document."""
    total = len(doc)
    if total == 0:
        raise ExtractError("PDF without pages")
    out = Extracted(pages=[], page_count=total)
    n = min(total, MAX_PAGES)
    if total > MAX_PAGES:
        out.warnings.append(f"only the first {MAX_PAGES} of {total} pages were indexed (page limit)")
    raw_pages: list[list[str]] = []
    labels: list[str | None] = []
    ocr_pages = 0
    for i in range(n):
        page = doc[i]
        try:
            text = page.get_textpage().get_text_bounded()
            # Only a page that carries a picture can be a scan; a near-empty "Notes:" page is not.
            if len(text.strip()) < MIN_TEXT_CHARS and _has_image(page):
                if ocr_pages < MAX_OCR_PAGES and ocr.available():
                    ocr_pages += 1
                    text = ocr.page_text(page)
                elif not ocr.available():
                    text = ""
        finally:
            page.close()
        raw_pages.append(_lines(text))
        try:
            labels.append(doc.get_page_label(i) or None)
        except Exception:  # a broken /PageLabels tree: fall back to the printed numbers below
            labels.append(None)
    if ocr_pages:
        out.warnings.append(f"{ocr_pages} page(s) without a text layer were read by OCR (Tesseract)")
    if sum(len(" ".join(p)) for p in raw_pages) < MIN_TEXT_CHARS:
        if ocr.available():
            raise ExtractError("no text layer, and OCR found no text either")
        raise ExtractError(f"no text layer; {ocr.INSTALL_HINT}")
    bodies, running = strip_running(raw_pages)
    out.running = running
    inferred = infer_labels(raw_pages, bodies)
    note_no = 1
    for i, lines in enumerate(bodies):
        label = labels[i] if labels[i] and labels[i] != str(i + 1) else (inferred[i] or labels[i])
        lines, notes, note_no = split_footnotes(lines, note_no)
        out.footnotes.extend((note, i + 1, label) for note in notes)
        out.pages.append(Page(i + 1, label, paragraphs(lines)))
    out.meta = _metadata(doc)
    return out


def _has_image(page: pdfium.PdfPage) -> bool:
    """Say whether a page holds an image object (a scan is one)."""
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _lines(text: str) -> list[str]:
    """Return the stripped lines of a page's text: NFKC, line-end hyphens as '-', no control characters."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SOFT_HYPHEN.sub("-\n", text)
    text = _CONTROL.sub("", text)
    return [line.strip() for line in text.split("\n")]


def _key(line: str) -> str:
    """Return a line with its numbers blanked, for telling a running head on every page."""
    return re.sub(r"\s+", " ", _DIGITS.sub("#", line)).strip().lower()


def strip_running(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Remove running heads and feet (repeated at a page's top or bottom, numbers aside); return them once."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = [ln for ln in lines if ln]
        counts.update({_key(ln) for ln in edge[:EDGE_LINES] + edge[-EDGE_LINES:]})
    # Mirrored odd and even pages each carry their own head: half the pages is enough.
    needed = max(2, int(0.4 * len(pages) + 0.5)) if len(pages) > 2 else 2
    running_keys = {k for k, c in counts.items() if c >= needed and len(k) > 1 and k != "#" or (c >= needed and k == "#")}
    kept: dict[str, str] = {}
    bodies = []
    for original in pages:
        lines = list(original)
        for rng in (range(len(lines)), range(len(lines) - 1, -1, -1)):
            seen = 0
            for j in rng:
                line = lines[j]
                if not line:
                    continue
                if seen >= EDGE_LINES:
                    break
                seen += 1
                key = _key(line)
                if key in running_keys or any(p.match(line) for p in _ALWAYS_RUNNING):
                    kept.setdefault(key, line)
                    lines[j] = ""
                    seen -= 1  # the next line may be a head too
                elif not line.strip():
                    continue
                else:
                    break
        if not any(lines) and any(original):
            lines = [ln if not any(p.match(ln) for p in _ALWAYS_RUNNING) else "" for ln in original]  # never empty a page
        bodies.append(lines)
    return bodies, [v for v in kept.values() if not _ALWAYS_RUNNING[1].match(v)][:8]


def infer_labels(raw: list[list[str]], bodies: list[list[str]]) -> list[str | None]:
    """Return each page's printed number, read from the numbers in its removed heads when they count on."""
    offsets: list[set[int]] = []
    for i, (before, after) in enumerate(zip(raw, bodies)):
        removed = [b for b, a in zip(before, after) if b and not a]
        nums = {int(m) for line in removed for m in _DIGITS.findall(line) if len(m) <= 6}
        offsets.append({v - (i + 1) for v in nums})
    tally: Counter[int] = Counter(o for s in offsets for o in s)
    if not tally:
        return [None] * len(raw)
    best, count = tally.most_common(1)[0]
    if count < max(2, len(raw) // 2):
        return [None] * len(raw)
    return [str(i + 1 + best) if i + 1 + best > 0 else None for i in range(len(raw))]


def split_footnotes(lines: list[str], next_no: int) -> tuple[list[str], list[str], int]:
    """Move a page's bottom footnotes (numbered on from the last one seen) out of its lines."""
    filled = [j for j, ln in enumerate(lines) if ln]
    start = None
    for j in filled[-25:]:
        m = _FOOTNOTE.match(lines[j])
        # A note or two may have been missed on an earlier page: a small gap in the numbering is fine.
        if j != filled[0] and m and next_no <= int(m.group(1)) <= next_no + 3:
            start, next_no = j, int(m.group(1))
            break
    if start is None:
        return lines, [], next_no
    notes: list[str] = []
    expect = next_no
    for j in range(start, len(lines)):
        line = lines[j]
        if not line:
            continue
        m = _FOOTNOTE.match(line)
        if m and int(m.group(1)) == expect:
            notes.append(f"{m.group(1)} {m.group(2)}")
            expect += 1
        else:
            notes[-1] = _join(notes[-1], line)
        # pdfium sometimes runs two notes into one line: "... nr. 2953. 2 Brokers zijn ...".
        while inline := re.search(rf"(?<=[.)])\s+{expect}\s+(?=[A-ZÀ-Ý])", notes[-1]):
            notes[-1], rest = notes[-1][: inline.start()], notes[-1][inline.start() :].strip()
            notes.append(rest)
            expect += 1
    return lines[:start], notes, expect


def _join(left: str, right: str) -> str:
    """Join a wrapped footnote line; the de-hyphenation of body text happens later, in ingest."""
    return left[:-1] + right if left.endswith("-") and right[:1].islower() else left + " " + right


def paragraphs(lines: list[str]) -> str:
    """Return page text with a blank line after every line that ends a paragraph (a short line)."""
    filled = [ln for ln in lines if ln]
    if not filled:
        return ""
    widths = sorted(len(ln) for ln in filled)
    full = widths[int(0.8 * (len(widths) - 1))]
    out: list[str] = []
    for line in filled:
        if out and out[-1] != "" and _BULLET.match(line):
            out.append("")  # a bullet or a lettered item starts a paragraph
        out.append(line)
        short = len(line) < 0.7 * full
        if short and not line.endswith("-") and (_TERMINAL.search(line) or len(line) < 0.5 * full or not line[-1:].isalpha()):
            out.append("")
    return "\n".join(out).strip()


_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str | None]:
    """Return title, author and date from a PDF's document information, when they look real."""
    info = doc.get_metadata_dict()
    meta: dict[str, str | None] = {}
    title = (info.get("Title") or "").strip()
    # Word templates leave titles like "Toelichting invullen fiche mededeling" or "Microsoft Word - x.doc".
    if title and not re.search(r"^(microsoft word|untitled|document\d*$)|\.(docx?|pdf)$", title, re.I):
        meta["pdf_title"] = title
    author = (info.get("Author") or "").strip()
    if author:
        meta["author"] = author
    if m := _PDF_DATE.match(info.get("CreationDate") or ""):
        meta["pdf_date"] = "-".join(g for g in m.groups() if g)
    return meta

