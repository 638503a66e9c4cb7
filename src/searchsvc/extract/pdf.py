"""PDF to pages of text with pypdfium2: hyphens marked for the de-hyphenation rules, running heads and
page-bottom footnotes set apart, paragraphs told by line length, scans sent to OCR."""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter, defaultdict

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
    column_notes: list[list[str]] = []  # footnotes the column layout set apart, per page
    labels: list[str | None] = []
    ocr_pages = 0
    for i in range(n):
        page = doc[i]
        try:
            text, notes = page_parts(page.get_textpage())
            out.column_pages += bool(notes is not None)
            notes = notes or []
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
        column_notes.append(_lines("\n".join(notes)))
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
        if column_notes[i]:
            more, note_no = number_notes(column_notes[i], note_no)
            notes += more
        out.footnotes.extend((note, i + 1, label) for note in notes)
        out.pages.append(Page(i + 1, label, paragraphs(lines)))
    out.meta = _metadata(doc)
    return out


MIN_GUTTER = 7.0  # points of clear space between two columns; a word space is 2-3 points
MIN_COLUMN_LINES = 6  # full lines of MIN_LINE_CHARS each column needs, so a table or a sidebar is no column
MIN_LINE_CHARS = 25
NARROW = 0.55  # a line narrower than this share of the text's width may be a column's line

Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (y grows upwards)


def page_text(tp: pdfium.PdfTextPage) -> str:
    """Return a page's text in reading order: pdfium's own order, or column by column (footnotes last)."""
    text, notes = page_parts(tp)
    return "\n".join([text, *notes]) if notes else text


def page_parts(tp: pdfium.PdfTextPage) -> tuple[str, list[str] | None]:
    """Return a page's text in reading order and the footnote lines its column layout set apart.

    A one-column page is exactly pdfium's text (and None for notes); a multi-column page is read column by
    column (and its notes are a list, maybe empty).
    """
    x0, y0, x1, y1 = tp.page.get_bbox()
    # pdfium's text (and so ours) is the page box's: a proof's slug printed outside it is no text of the page.
    rects = [r for i in range(tp.count_rects()) if x0 <= ((r := tp.get_rect(i))[0] + r[2]) / 2 <= x1 and y0 <= (r[1] + r[3]) / 2 <= y1]
    gutters, chars = find_gutters(tp, rects)
    if not gutters or chars is None:
        return tp.get_text_bounded(), None  # one column: exactly pdfium's text
    try:
        lines, notes = _column_lines(chars, rects, gutters)
    except (ValueError, IndexError, ZeroDivisionError):  # a layout the column reading did not foresee
        return tp.get_text_bounded(), None  # pdfium's order is still every word of the page
    return "\n".join(lines), notes


_WORD = re.compile("[^ \r\n\x02\ufffe]+")
_HYPHEN_MARK = re.compile("[\x02\ufffe]")


class Chars:
    """A page's characters by where they stand (their baseline origin), to read the text inside a box.

    One pass over the page (two calls a word) instead of pdfium's bounded text, which reads
    the whole page again for every box asked (0.2 ms each, hundreds of boxes on a page of columns).
    """

    def __init__(self, tp: pdfium.PdfTextPage) -> None:
        self.text = text = tp.get_text_range()
        n = tp.count_chars()
        if len(text) != n:  # a character outside the BMP: indices and text would not line up
            self.text = text = ""
            n = 0
        x, y = ctypes.c_double(), ctypes.c_double()
        px, py, raw, origin = ctypes.byref(x), ctypes.byref(y), tp.raw, pdfium_c.FPDFText_GetCharOrigin
        self.xs = xs = [0.0] * n
        self.ys = ys = [0.0] * n
        self.rows: dict[int, list[int]] = defaultdict(list)  # whole point of the baseline -> char indices
        rows = self.rows
        # One call for the first and one for the last character of a word, the ones between spaced evenly:
        # a word keeps to one line, and the calls are what costs (about a microsecond each).
        for m in _WORD.finditer(text):
            first, end = m.span()
            origin(raw, first, px, py)
            x0, base = x.value, y.value
            x1 = x0
            if end - first > 1:
                origin(raw, end - 1, px, py)
                x1 = x.value
                if abs(y.value - base) >= 1:  # turned on its side, or a raised note number at its end
                    for i in range(first, end):
                        origin(raw, i, px, py)
                        xs[i], ys[i] = x.value, y.value
                        rows[int(y.value)].append(i)
                    continue
            step = (x1 - x0) / max(end - first - 1, 1)
            row = rows[int(base)]
            for i in range(first, end):
                xs[i], ys[i] = x0 + step * (i - first), base
                row.append(i)
        for hyphen in _HYPHEN_MARK.finditer(text):  # it ends its line, wherever pdfium puts it
            i = hyphen.start()
            if i and text[i - 1] not in " \r\n":
                xs[i], ys[i] = xs[i - 1] + 0.1, ys[i - 1]
                rows[int(ys[i])].append(i)
        for row in rows.values():
            row.sort()
        self.used = bytearray(n)

    def read(self, left: float, bottom: float, right: float, top: float, take: bool = True) -> str:
        """Return the characters whose origin lies in the box, in pdfium's order (taken: not given twice)."""
        found = [i for row in range(int(bottom), int(top) + 1) for i in self.rows.get(row, ())
                 if not self.used[i] and left <= self.xs[i] <= right and bottom <= self.ys[i] <= top]
        found.sort()
        if take:
            for i in found:
                self.used[i] = 1
        text = self.text
        # Characters that do not follow one another in pdfium's order (a space, a line break, another
        # column's words between them) are words apart.
        return "".join(text[i] if not k or i == found[k - 1] + 1 else " " + text[i] for k, i in enumerate(found))


def find_gutters(tp: pdfium.PdfTextPage, rects: list[Rect]) -> tuple[list[tuple[float, float]], Chars | None]:
    """Return the (left, right) x ranges of clear space between text columns ([] for a one-column page),
    and the page's characters when it has columns.

    A gutter is a vertical strip that (almost) no column-wide line crosses, with at least MIN_COLUMN_LINES
    full lines of text on each side: so a table's cell gaps or a letter's side column of short address
    lines are no gutters. Lines as wide as the page (headings, lines pdfium ran across columns) are left
    out of the count; they are read on their own later.
    """
    rects = [r for r in rects if r[2] - r[0] > 1 and r[3] - r[1] > 1]
    if len(rects) < 2 * MIN_COLUMN_LINES:
        return [], None
    left, right = min(r[0] for r in rects), max(r[2] for r in rects)
    width = right - left
    narrow = [r for r in rects if r[2] - r[0] < NARROW * width]
    if len(narrow) < 2 * MIN_COLUMN_LINES:
        return [], None
    x0 = int(left)
    cover = [0] * (int(right) - x0 + 2)
    for r in narrow:
        cover[int(r[0]) - x0] += 1
        cover[int(r[2]) - x0 + 1] -= 1
    allowed = len(narrow) // 50  # a stray figure label or footnote mark may cross a gutter
    gutters: list[tuple[float, float]] = []
    run_start = None
    depth = 0
    margin = 0.1 * width
    for i, step in enumerate(cover):
        depth += step
        x = x0 + i
        if depth <= allowed and left + margin < x < right - margin:
            run_start = x if run_start is None else run_start
            continue
        if run_start is not None and x - run_start >= MIN_GUTTER:
            gutters.append((run_start - 0.5, x - 0.5))
        run_start = None
    if not gutters:
        return [], None
    bounds = [left - 1] + [(a + b) / 2 for a, b in gutters] + [right + 1]
    full_lines = []
    for c_left, c_right in zip(bounds, bounds[1:]):
        full = [r for r in narrow if r[0] >= c_left and r[2] <= c_right and r[2] - r[0] >= 0.6 * (c_right - c_left)]
        if len(full) < MIN_COLUMN_LINES:
            return [], None
        full_lines.append(full)
    chars = Chars(tp)
    if not chars.text:
        return [], None  # its characters could not be placed: pdfium's order it is
    for full in full_lines:
        long_lines = 0
        for r in full:
            long_lines += len(chars.read(*r, take=False)) >= MIN_LINE_CHARS
            if long_lines >= MIN_COLUMN_LINES:
                break
        else:
            return [], None
    return gutters, chars


def _strip(r: Rect) -> tuple[float, float]:
    """Return the band a line's own characters fill: two boxes whose bands overlap are one line."""
    h = r[3] - r[1]
    return r[1] + 0.05 * h, r[3] - 0.1 * h


def _column_lines(tp: Chars, rects: list[Rect], gutters: list[tuple[float, float]]) -> tuple[list[str], list[str]]:
    """Return the lines of a multi-column page (each column top to bottom, bands cut by full-width lines)
    and its footnote lines.

    Small-type lines at the foot of a column that start with a note number (and their continuation at the
    foot of the next column) are footnotes, set apart so that a sentence running on into the next column
    stays whole; vertical text (a printer's slug in the margin) comes last, as pdfium puts it.
    """
    upright = [r for r in rects if not _vertical(r)]
    left, right = min(r[0] for r in upright) - 1, max(r[2] for r in upright) + 1
    bounds = [left] + [(a + b) / 2 for a, b in gutters] + [right]
    columns = list(zip(bounds, bounds[1:]))
    pieces: list[tuple[int, Rect]] = []  # (column, part of a line within it)
    spanning: list[Rect] = []
    for r in upright:
        crossed = [g for g in gutters if r[0] < g[0] and r[2] > g[1]]
        if not crossed:
            centre = (r[0] + r[2]) / 2
            pieces.append((next(i for i, (a, b) in enumerate(columns) if centre <= b or i == len(columns) - 1), r))
            continue
        if any(tp.read(a, r[1], b, r[3], take=False) for a, b in crossed):
            spanning.append(r)  # text runs through the gutter: a heading or a line as wide as the page
            continue
        for i, (a, b) in enumerate(columns):  # pdfium ran the lines of several columns into one: cut them apart
            if r[0] < b and r[2] > a:
                pieces.append((i, (max(r[0], a), r[1], min(r[2], b), r[3])))
    # A full-width line takes the pieces beside it (a page number on its baseline) as one line of its own.
    rows: list[list[Rect]] = []
    for r in sorted(spanning, key=lambda r: -r[3]):
        if rows and _same_line(rows[-1][0], r):
            rows[-1].append(r)
        else:
            rows.append([r])
    for row in rows:
        ref = row[0]
        row.extend(p[1] for p in pieces if _same_line(ref, p[1]))
        pieces = [p for p in pieces if not _same_line(ref, p[1])]
    # Body type is the common tall one (a page can hold as many lines of notes as of text).
    body_height = sorted(r[3] - r[1] for _c, r in pieces)[3 * len(pieces) // 4] if pieces else 0.0
    out: list[str] = []
    notes: list[str] = []  # the footnotes at the foot of the band's columns
    head_lines: list[str] = []
    foot_lines: list[str] = []
    cuts = [min(r[1] for r in row) for row in rows] + [float("-inf")]
    above = float("inf")
    foot_before = False  # the column before ended in footnotes
    for cut, row in zip(cuts, rows + [[]]):
        band = [p for p in pieces if cut < (p[1][1] + p[1][3]) / 2 <= above]
        if above == float("inf"):
            band = _masthead_first(tp, band, columns, body_height, left, right, out)
        for i, (a, b) in enumerate(columns):
            lines = _lines_of(tp, [r for c, r in band if c == i], a, b)
            # A page number centred under (or over) the columns falls into the middle one: it is the page's.
            if lines and any(p.match(lines[-1][0]) for p in _ALWAYS_RUNNING):
                foot_lines.append(lines.pop()[0])
            if lines and any(p.match(lines[0][0]) for p in _ALWAYS_RUNNING):
                head_lines.append(lines.pop(0)[0])
            foot = len(lines)
            while foot > 0 and lines[foot - 1][1] < 0.85 * body_height:
                foot -= 1
            # Only a block that starts with a note number is footnotes (or goes on with the notes of the
            # column before); small print elsewhere stays put.
            while foot < len(lines) and not (notes and foot_before) and not _FOOTNOTE.match(lines[foot][0]):
                foot += 1
            foot_before = foot < len(lines)
            if foot == 0:
                foot = len(lines)  # a column of small print only is text
            out.extend(text for text, _h in lines[:foot])
            notes.extend(text for text, _h in lines[foot:])
        foot_before = False
        if row:
            out.extend(text for text, _h in _lines_of(tp, row, left, right))
        above = cut
    margin = [tp.read(*r) for r in rects if _vertical(r)]
    return head_lines + out + foot_lines + [m for m in margin if m], notes


def _masthead_first(tp: Chars, band: list[tuple[int, Rect]], columns: list[tuple[float, float]],
                    body_height: float, left: float, right: float, out: list[str]) -> list[tuple[int, Rect]]:
    """Read a masthead above the columns line by line across the page (into out); return the rest of the band.

    The masthead is what stands higher than the top of the column that starts lowest, when it holds type of
    another size than the body ('Proposed Rules' over one column, the date over another): so a column that
    merely starts a line lower than the others is no masthead.
    """
    tops = [max(r[3] for c, r in band if c == i) for i in range(len(columns)) if any(c == i for c, _r in band)]
    if len(tops) < 2:
        return band
    start = min(tops)
    head = [p for p in band if (p[1][1] + p[1][3]) / 2 > start]
    if not any(abs((r[3] - r[1]) - body_height) > 0.2 * body_height for _c, r in head if r[2] - r[0] > 10):
        return band
    out.extend(text for text, _h in _lines_of(tp, [r for _c, r in head], left, right))
    return [p for p in band if p not in head]


def _vertical(r: Rect) -> bool:
    """Say whether a text box is turned on its side (a slug along the margin): far taller than wide."""
    return r[3] - r[1] > 3 * (r[2] - r[0]) and r[3] - r[1] > 20


def _same_line(a: Rect, b: Rect) -> bool:
    """Say whether two text boxes sit on one line (their vertical middles fall inside each other)."""
    return a[1] <= (b[1] + b[3]) / 2 <= a[3] or b[1] <= (a[1] + a[3]) / 2 <= b[3]


def _lines_of(tp: Chars, boxes: list[Rect], left: float, right: float) -> list[tuple[str, float]]:
    """Return (text, height) of the lines of boxes within [left, right], top to bottom, each read as one line."""
    lines: list[list[Rect]] = []
    floor = float("inf")  # the lowest reach of the current line's band
    for r in sorted(boxes, key=lambda r: -(r[1] + r[3])):
        low, high = _strip(r)
        # Boxes whose bands overlap are one line (a raised note number, a word set a little higher).
        if lines and (high > floor or any(_same_line(q, r) for q in lines[-1])):
            lines[-1].append(r)
            floor = min(floor, low)
        else:
            lines.append([r])
            floor = low
    out = []
    for line in lines:
        ref = max(line, key=lambda r: r[2] - r[0])  # the widest box is body text, not a raised note number
        # Each run of boxes with no gutter-wide gap is read in its own band: two columns the gutters missed
        # may have their baselines a little apart, and one band over both would catch the tops of letters.
        runs: list[list[Rect]] = []
        for r in sorted(line):
            if runs and r[0] - max(q[2] for q in runs[-1]) < MIN_GUTTER:
                runs[-1].append(r)
            else:
                runs.append([r])
        parts = []
        for run in runs:
            a = left if run is runs[0] else min(r[0] for r in run) - 2  # an origin stands left of its glyph
            b = right if run is runs[-1] else max(r[2] for r in run) + 0.5
            parts.append(tp.read(a, min(r[1] for r in run), b, max(r[3] for r in run)))
        text = " ".join(p for p in parts if p)
        if text:
            out.append((text, ref[3] - ref[1]))
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


def number_notes(lines: list[str], next_no: int) -> tuple[list[str], int]:
    """Return footnote lines as notes (a numbered line starts one, others go on) and the next number."""
    notes: list[str] = []
    for line in lines:
        if not line:
            continue
        m = _FOOTNOTE.match(line)
        # The next number (or one after a missed note) starts a note; "14 CFR 25.1581" inside one does not.
        if m and (not notes or next_no <= int(m.group(1)) <= next_no + 1):
            notes.append(f"{m.group(1)} {m.group(2)}")
            next_no = int(m.group(1)) + 1
        elif notes:
            notes[-1] = _join(notes[-1], line)
        else:
            notes.append(line)  # the end of a note begun on the page before
    return notes, next_no


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

