"""What a document says about itself, read as a reader would: title, date, source, number, and which lines are
metadata (datelines, times, bylines) rather than numbered paragraphs. Unknown stays None: nothing is guessed."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

FIELDS = ("title", "date", "source", "doc_number", "url", "author")
_DATA = json.loads((Path(__file__).with_name("data") / "datelines.json").read_text(encoding="utf-8"))

MONTHS: dict[str, int] = {}
for _names in _DATA["months"].values():
    MONTHS.update(_names)
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_DATA["weekdays"], key=len, reverse=True))
_TIME_WORDS = "|".join(re.escape(w) for w in sorted(_DATA["time_words"], key=len, reverse=True))
_BYLINE = "|".join(re.escape(w) for w in _DATA["byline_words"])
_ADDRESSEE = tuple(_DATA["addressee_starts"])
_MINISTRY_WORDS = frozenset(_DATA["ministry_words"])
_SOURCE_LABELS = "|".join(_DATA["source_labels"])

HEAD_LINES = 60  # a document states its own metadata in its first lines
MAX_HEADLINE_CHARS = 160
MAX_LETTERHEAD_CHARS = 80

_D = r"(?<![0-9])"
_PLACE = r"(?:[^\W\d_][\w'’ .-]{1,30},\s+(?:(?:den|le)\s+)?)?"
_WEEKDAY_PART = rf"(?:(?:{_WEEKDAY}),?\s+(?:(?:den)\s+)?)?"
_TIME = rf"(?:[0-9]{{1,2}}[u:.h][0-9]{{2}}(?:\s*(?:{_TIME_WORDS})\b)?|[0-9]{{1,2}}\s*(?:uur|uhr|am|pm)\b)"
_TIME_TAIL = rf"(?:,?\s+(?:om\s+|um\s+|at\s+|-\s+|\|\s+)?{_TIME})?"
# 12. April 2024 / 16 maart 2018 / 27 March 2018 (day first), March 27, 2018 (month first)
_DAY_MONTH_YEAR = rf"{_D}([0-9]{{1,2}})\.?\s+({_MONTH})\.?\s+([0-9]{{4}})"
_MONTH_DAY_YEAR = rf"({_MONTH})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})"
_NUMERIC = r"([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{1,2})[.-]([0-9]{1,2})[.-]([0-9]{4})|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}"

# 'June 2023' under a report's title: a date line too, though it names no day (so it gives no date).
_MONTH_YEAR = rf"(?:{_MONTH})\.?\s+[0-9]{{4}}"
DATE_LINE = re.compile(
    rf"^\s*{_PLACE}{_WEEKDAY_PART}(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC}|{_MONTH_YEAR}){_TIME_TAIL}\s*$", re.I
)
TIME_LINE = re.compile(rf"^\s*{_TIME}\s*$", re.I)
# 'Door Jan de Vries', 'Von Anna Schmidt', 'By John Smith': a byline word, then names (capitalised words and
# the particles of names), so 'Door de regen' stays text.
_NAME = r"(?:[A-ZÀ-Ý][\w.'’-]*|van|de|der|den|ter|von|zu|und|and|en|&)"
BYLINE = re.compile(rf"^\s*(?i:{_BYLINE}):?\s+[A-ZÀ-Ý][\w.'’-]*(?:,?\s+{_NAME}){{0,6}}\s*$")
_DATUM = re.compile(r"\bdatum:\s*([0-9]{4}-[0-9]{2}-[0-9]{2})", re.I)
_LEADING_DATE = re.compile(r"^\s*date\s+([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)\b\s*(.*)$", re.I)
_SOURCE = re.compile(rf"\b(?i:{_SOURCE_LABELS}):\s*([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)")
_NUMMER = re.compile(r"\bNummer:\s*([0-9]{4}[A-Z][0-9]+)")
_KST = re.compile(r"\(kst-(\d+)-(\d+)\)")
_SUBJECT = re.compile(r"^\s*(?:betreft|onderwerp|subject|re|betreff)\s*:\s*(\S.{2,200}?)\s*$", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    """Return YYYY-MM-DD for a day that exists, else None."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> str | None:
    """Return the ISO date a line that is only a (place,) date (and time) states, or None.

    'Berlin, 12. April 2024', 'Den Haag, 16 maart 2018', '27 March 2018', 'March 27, 2018', '27.03.2018'.
    Slashed dates (03/04/2018) are a dateline but give no date: day and month order differ by country.
    """
    m = DATE_LINE.match(line)
    if not m:
        return None
    g = m.groups()
    if g[0]:
        return _iso(int(g[2]), MONTHS[g[1].lower()], int(g[0]))
    if g[3]:
        return _iso(int(g[5]), MONTHS[g[3].lower()], int(g[4]))
    if g[6]:
        return _iso(int(g[6]), int(g[7]), int(g[8]))
    if g[9]:
        return _iso(int(g[11]), int(g[10]), int(g[9]))
    return None


def is_metadata_paragraph(text: str) -> bool:
    """Say whether a paragraph is only a dateline, a time or a byline: metadata, not a numbered paragraph."""
    text = text.strip()
    if not text or len(text) > 80:
        return False
    return bool(DATE_LINE.match(text) or TIME_LINE.match(text) or BYLINE.match(text))


def numbered(paragraphs: list[str]) -> list[bool]:
    """Return, per paragraph, whether a reader counts it: not datelines, times and bylines, nor a letter's head."""
    head = letter_head(paragraphs)
    counted = [i >= head and not is_metadata_paragraph(p) for i, p in enumerate(paragraphs)]
    return counted if any(counted) else [True] * len(paragraphs)  # a text of datelines only is still text


_LETTER_LABELS = tuple(_DATA["letterhead_labels"])
_POSTCODE = re.compile(r"^(?:[0-9]{4}\s?[A-Z]{2}|(?:D-)?[0-9]{5})\s+[^\W\d_]")  # 2500 EA Den Haag, 11011 Berlin
_CONTACT = re.compile(r"^(?:www\.\S+|https?://\S+|\S+@\S+\.\w+|(?:T|F|M|Tel\.?|Fax)\s*:?\s*[+(0-9][0-9 ()./-]{6,})$", re.I)
_STREET = re.compile(r"^[^\W\d_][\w'’.-]*(?: [\w'’.-]+){0,3} [0-9]{1,4}[a-z]?$")  # Turfmarkt 147, Platz der Republik 1
LETTER_HEAD_PARAGRAPHS = 12  # a letter's head (letterhead, addresses, date, reference, subject) is this short


def is_letterhead_line(text: str) -> bool:
    """Say whether a paragraph is a line of a letter's head: a label ('Datum …', 'Ons kenmerk …', 'Postbus …'),
    a street and number, a postcode and town, or a web, mail or phone address."""
    text = text.strip()
    low = text.lower().lstrip("> ")
    if not text or len(text) > 160:
        return False
    labelled = any(low.startswith(label) and low[len(label) : len(label) + 1] in (" ", ":", "") for label in _LETTER_LABELS)
    return labelled or bool(_POSTCODE.match(text) or _CONTACT.match(text) or _STREET.match(text))


def letter_head(paragraphs: list[str]) -> int:
    """Return how many opening paragraphs are a letter's head, which a reader does not count (0: no letter).

    A letter names its addressee ('Aan de Voorzitter …', or a return address) and a date (a dateline or
    'Datum …') before its first paragraph of text; everything before that paragraph is its head.
    """
    opening = paragraphs[:LETTER_HEAD_PARAGRAPHS]
    addressed = any(_is_addressee(p) or p.strip().lower().lstrip("> ").startswith("retouradres") for p in opening)
    dated = any(DATE_LINE.match(p.strip()) or p.strip().lower().startswith("datum ") for p in opening)
    if not (addressed and dated):
        return 0
    head = 0
    for para in opening:
        if not (is_front_matter(para) or is_letterhead_line(para)):
            break
        head += 1
    return head if head < len(paragraphs) else 0


def _is_addressee(text: str) -> bool:
    return text.strip().lower().startswith(_ADDRESSEE) and len(text) < 120


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and len(text.split()) >= 2


def is_front_matter(text: str) -> bool:
    """Say whether a paragraph is a letter's or article's front matter: letterhead, addressee, dateline, byline."""
    text = text.strip()
    return (
        is_metadata_paragraph(text)
        or _is_addressee(text)
        or (_is_caps(text) and len(text) <= MAX_LETTERHEAD_CHARS)
        or bool(_SOURCE.match(text) and len(text) < 60)
    )


def _title_case(text: str) -> str:
    small = {"en", "van", "de", "der", "het", "voor", "und", "für", "of", "and", "the"}
    words = text.split()
    return " ".join(w.lower() if i and w.lower() in small else w[:1] + w[1:].lower() for i, w in enumerate(words))


def letterhead_source(text: str) -> str | None:
    """Return the source a ministry letterhead names ('BINNENLANDSE ZAKEN EN …' -> 'Ministerie van …'), or None."""
    text = " ".join(text.split())
    if not _is_caps(text) or len(text) > MAX_LETTERHEAD_CHARS:
        return None
    name = _title_case(text)
    if name.lower().startswith("ministerie"):
        return name
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", name)}
    if words & _MINISTRY_WORDS:
        return _DATA["ministry_prefix"]["nl"] + name
    return None


def _is_headline(text: str, raw_lines: set[str]) -> bool:
    """Say whether a paragraph reads as a headline: one short line of its own, not a sentence or front matter."""
    text = text.strip()
    return (
        text in raw_lines
        and 3 <= len(text) <= MAX_HEADLINE_CHARS
        and len(text.split()) >= 2
        and text[:1].isupper()
        and not text.endswith((".", ",", ":", ";"))
        and not is_front_matter(text)
    )


def extract(raw: str, paragraphs: list[str]) -> dict[str, str | None]:
    """Return the metadata a document states about itself in its first lines; None for what it does not state."""
    meta: dict[str, str | None] = dict.fromkeys(FIELDS)
    raw_lines = [line.strip() for line in raw.splitlines()[:HEAD_LINES]]
    head_lines = [line for line in raw_lines if line]
    head = "\n".join(head_lines)
    if m := _DATUM.search(head):
        meta["date"] = m.group(1)
    first = head_lines[0] if head_lines else ""
    if m := _LEADING_DATE.match(first):
        meta["date"] = meta["date"] or m.group(1)
        title = re.sub(r"\s+[A-Z]{1,3}$", "", m.group(2)).strip()  # trailing photo credit such as 'HR'
        meta["title"] = title or None
    for line in head_lines:
        iso = parse_date_line(line)
        if iso:
            if meta["date"] is None or iso.startswith(meta["date"]):
                meta["date"] = iso  # a full date refines a month
            break
    if m := _SOURCE.search(head):
        meta["source"] = m.group(1)
    if m := _NUMMER.search(head):
        meta["doc_number"] = m.group(1)
    elif m := _KST.search(head):
        meta["doc_number"] = f"Kamerstuk {m.group(1)[:2]} {m.group(1)[2:]}, nr. {m.group(2)}"
    if meta["title"] is None and raw.lstrip().startswith("# "):
        heading = raw.lstrip()[2:].splitlines()  # empty for a file that is only "# "
        meta["title"] = (heading[0].strip() if heading else "") or None
    if meta["title"] is None:
        meta.update({k: v for k, v in _front(paragraphs[:8], set(raw_lines)).items() if v and not meta.get(k)})
    return meta


def _front(paragraphs: list[str], raw_lines: set[str]) -> dict[str, str | None]:
    """Return the title (and a letterhead's source) from a document's opening paragraphs.

    A headline is a short first line of its own. In a letter, the letterhead names the sender (the source),
    and the title is a subject line ('Betreft: …') or a short line of its own before the first body paragraph.
    """
    found: dict[str, str | None] = {"title": None, "source": None}
    if len(paragraphs) < 2:
        return found
    first = paragraphs[0].strip()
    letter = _is_caps(first) and any(_is_addressee(p) or parse_date_line(p) for p in paragraphs[1:4])
    if not letter:
        if _is_headline(first, raw_lines):
            found["title"] = first
        return found
    found["source"] = letterhead_source(first)
    for para in paragraphs[1:]:
        if m := _SUBJECT.match(para):
            found["title"] = m.group(1)
            break
        if is_front_matter(para):
            continue
        if _is_headline(para, raw_lines):
            found["title"] = para.strip()
        break  # the first body paragraph ends the letter's head
    return found


_DRS_KINDS = frozenset(k.lower() for k in _DATA["drucksache_kinds"])
_DRS_AUTHORS_END = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _DATA["drucksache_authors_end"]) + r")\b")
_DRS_REFERENCE = re.compile(r"^[–-]\s*Drucksache\s+\d+/\d+\s*[–-]$")
_DRS_BODY = re.compile(r"^(?:Der (?:Deutsche )?Bundestag|Der Bundesrat|Vorbemerkung|Wir fragen|A\.\s|I\.\s)")


def drucksache_title(lines: list[str]) -> str | None:
    """Return a Drucksache's title from its masthead lines, or None when the layout is not the usual one.

    The head reads: kind ('Antrag', 'Kleine Anfrage', 'Antwort'), authors ('der Abgeordneten … und der
    Fraktion X', 'der Bundesregierung', an answer's '– Drucksache 19/10890 –'), then the title line(s).
    """
    start = next((i for i, line in enumerate(lines[:15]) if line.strip().lower() in _DRS_KINDS), None)
    if start is None:
        return None
    block = lines[start + 1 : start + 10]
    end = next((i for i, line in enumerate(block) if _DRS_REFERENCE.match(line.strip())), None)
    if end is None:
        end = next((i for i, line in enumerate(block) if _DRS_AUTHORS_END.search(line)), None)
        if end is None:
            return None
        if re.search(r"\bder Fraktion(?:en)?$", block[end].strip()):
            end += 1  # the party's name wrapped onto the next line
    rest = [line.strip() for line in block[end + 1 :] if line.strip()]
    if not rest or _DRS_BODY.match(rest[0]):
        return None
    title = rest[0]
    if len(rest) > 1 and rest[1][:1].islower() and not title.endswith((".", ":", ";")):
        title = f"{title} {rest[1]}"  # a title wrapped onto a second line
    return title if len(title) <= MAX_HEADLINE_CHARS else None


def lead_paragraph(paragraphs: list[str]) -> str:
    """Return the first paragraph a reader reads as text: past letterhead, addressee, datelines and bylines."""
    for para in paragraphs:
        if not is_front_matter(para):
            return para
    return paragraphs[0] if paragraphs else ""

