"""Files to documents: read seed files, normalise extracted text into numbered paragraphs, gather metadata."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import docnumbers, langid, metadata
from .extract import ExtractError, Extracted, detect

TEXT_EXTENSIONS = (".txt", ".md")  # ids of these are the file name without extension (stable since the start)
EXTENSIONS = (*TEXT_EXTENSIONS, *detect.FORMAT_EXTENSIONS)
META_SUFFIX = ".meta.json"
META_FIELDS = ("title", "date", "source", "doc_number", "url", "author")
# Paragraphs shorter than this take the document's language: langdetect is unreliable on a few words.
MIN_PARAGRAPH_DETECT_CHARS = 200
MIN_PARAGRAPH_DETECT_PROB = 0.80
SLOW_PARAGRAPH_DETECT_CHARS = 1000
# langdetect costs ~7 ms a call; past this many paragraphs the rest take the document's language.
MAX_PARAGRAPH_DETECTIONS = 200


@dataclass
class Paragraph:
    """One paragraph: its number (from 1), its offsets in the normalised text, and its language."""

    number: int
    start: int
    end: int
    lang: str
    lang_prob: float
    page: int | None = None  # physical page (from 1) where the paragraph starts; None for unpaged sources
    page_label: str | None = None  # the number printed on that page, where known


@dataclass
class Document:
    """One normalised document with its metadata and numbered paragraphs."""

    id: str
    path: str
    sha256: str
    text: str
    paragraphs: list[Paragraph]
    language: str
    language_prob: float
    title: str | None = None
    date: str | None = None
    source: str | None = None
    doc_number: str | None = None
    url: str | None = None
    author: str | None = None
    warnings: list[str] = field(default_factory=list)
    format: str = "text"  # what the bytes were read as: text, pdf, html, docx, odt
    pages: int | None = None  # pages of a paged source
    running: list[str] = field(default_factory=list)  # running heads/feet removed from the pages, once each
    numbers: list[str] = field(default_factory=list)  # document-number keys (docnumbers.key) it is findable by

    def paragraph_text(self, paragraph: Paragraph) -> str:
        """Return the text of one paragraph of this document."""
        return self.text[paragraph.start : paragraph.end]

    def metadata(self) -> dict[str, Any]:
        """Return the document's metadata as a plain dict."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "doc_number": self.doc_number,
            "url": self.url,
            "author": self.author,
            "language": self.language,
            "language_prob": round(self.language_prob, 4),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the whole document as JSON-ready data."""
        return asdict(self)


@dataclass
class Skipped:
    """A seed file that was not indexed, and why."""

    path: str
    reason: str


class SkipFile(Exception):
    """Raised inside ingest when a file cannot be indexed; its message is the reason."""


# --- text normalisation -----------------------------------------------------------------------

_NAV_LINE = re.compile(r"^\s*(\[[^\]\n]+\]\s*){2,}$")
_BOILERPLATE_LINES = (
    re.compile(r"\bSIGN IN\s*$"),
    re.compile(r"^\s*Preview document \(.*origineel\)\s*$"),
)
_BULLET = re.compile(r"^\s*(?:[–•*·]|-\s|\d{1,2}\.\s+(?=[A-Z]))")
_LOWER_START = re.compile(r"^\s*[a-zà-ÿß]")
_SUSPENDED_NEXT = re.compile(r"^(?:en|of|and|or|und|oder|tot|bis|t/m|noch)\b")
# A footnote line at a page bottom: "3 Kamerstuk 22 831, nr. 135".
_FOOTNOTE_LINE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
# A footnote marker glued to a word: "opstellen.1 In", "voorkomen16." (not MH17 or D66: those are upper case).
# Each starts with what is rare (punctuation, a digit) and checks the letters before it in _mark_footnotes:
# a leading look-behind was tried at every character, 4 of the 12 s of a hard-wrapped 8 MB file.
_MARKER_AFTER_PUNCT = re.compile(r"[.!?;:)’”»](\d{1,2})(?=\s|$)")
_MARKER_AFTER_WORD = re.compile(r"(\d{1,2})(?=[.,;:](?:\s|$))")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_THREE_LOWER = re.compile(r"[a-zà-ÿß]{3}")
_TERMINAL = re.compile(r"[.!?:;»\"”’')]\s*$")
_MD_RETURN = re.compile(r"\s*↩︎?")


def _is_boilerplate(line: str) -> bool:
    """Say whether a line is web-site chrome rather than document text."""
    # Substring tests first: a regular expression per line was a third of normalising a large file.
    if "[" in line and _NAV_LINE.match(line):
        return True
    return ("SIGN IN" in line or "Preview document" in line) and any(p.search(line) for p in _BOILERPLATE_LINES)


class _Joined:
    """A paragraph built piece by piece: joining costs time proportional to the new piece only.

    Joining whole strings (left + right) copies the paragraph so far at every line, so a hard-wrapped
    file without blank lines cost time quadratic in its size (19 MB: 204 s). Pieces are kept in a list and
    the join decisions look only at the last two characters, kept in `tail`.
    """

    __slots__ = ("parts", "tail")

    def __init__(self, first: str = ""):
        self.parts: list[str] = [first] if first else []
        self.tail = first[-2:]

    def add(self, right: str) -> None:
        """Join a stripped, non-empty piece as _join_two would: a space, or a repaired hyphenation."""
        if not self.parts:
            self.parts.append(right)
            self.tail = right[-2:]
            return
        tail = self.tail
        if tail.endswith("-") and len(tail) == 2:
            before = tail[0]
            if before.islower() and _LOWER_START.match(right) and not _SUSPENDED_NEXT.match(right):
                last = self.parts[-1][:-1]  # inlichtin- + gendiensten
                if last:
                    self.parts[-1] = last
                else:
                    self.parts.pop()
                self.parts.append(right)
                self._retail()
                return
            if before.isalnum() and not _SUSPENDED_NEXT.match(right):
                self.parts.append(right)  # NAVO- + Ruslandraad keeps its real hyphen
                self.tail = (tail + right)[-2:]
                return
        self.parts.append(" ")
        self.parts.append(right)
        self.tail = (tail + " " + right)[-2:]

    def _retail(self) -> None:
        # Parts are never empty, so the last two characters lie in the last two parts.
        self.tail = "".join(self.parts[-2:])[-2:]

    def text(self) -> str:
        """Return the joined paragraph."""
        return "".join(self.parts)


def _join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, repairing end-of-line hyphenation (linear in their size)."""
    joined = _Joined()
    for raw in lines:
        line = raw.strip()
        if line:
            joined.add(line)
    return joined.text()


def _join_two(left: str, right: str) -> str:
    """Join two pieces of one paragraph that a line or page break separated."""
    right = right.strip()
    if not left:
        return right
    joined = _Joined(left.rstrip())
    if right:
        joined.add(right)
    else:
        joined.add("")  # as before: an empty right side still gets the separating space
    return joined.text()


def _split_blocks(text: str) -> list[list[str]]:
    """Split text into blocks of lines separated by blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


# Unicode category Cc (C0, DEL, C1) except the newline: removed in one pass.
_CONTROL_CHARS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def normalise(raw: str) -> tuple[list[str], list[str]]:
    """Return (paragraphs, footnotes) of raw extracted text: NFC, unwrapped, de-hyphenated, chrome dropped."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ")
    text = _CONTROL_CHARS.sub("", text)
    lines = [line for line in text.split("\n") if not _is_boilerplate(line)]
    blocks = _split_blocks("\n".join(lines))

    paragraphs: list[_Joined] = []
    footnotes: list[str] = []
    next_note = 1
    continues = False  # the block started after page-bottom footnotes, so it may continue a paragraph
    for block in blocks:
        # Page-bottom footnotes: leading lines numbered on from the last footnote seen.
        body_start = 0
        while body_start < len(block):
            m = _FOOTNOTE_LINE.match(block[body_start])
            if not m or int(m.group(1)) != next_note or block[body_start].startswith(" "):
                break
            footnotes.append(f"{m.group(1)} {m.group(2).strip()}")
            next_note += 1
            body_start += 1
        if body_start:
            continues = True
        rest = block[body_start:]
        if not rest:
            continue
        # A bullet line starts a paragraph of its own.
        groups: list[list[str]] = [[]]
        for line in rest:
            if groups[-1] and _BULLET.match(line):
                groups.append([])
            groups[-1].append(line)
        for i, group in enumerate(groups):
            para = _join_lines(group)
            para = _MD_RETURN.sub("", para) if "↩" in para else para
            para = re.sub(r"^#{1,6}\s+", "", para)
            para = re.sub(r"[ ]{2,}", " ", para).strip()
            if not para:
                continue
            # Only the previous paragraph's last characters decide the join: a search over the whole
            # paragraph at every block made many short blocks joined into one paragraph quadratic.
            tail = paragraphs[-1].tail if paragraphs else ""
            joinable = i == 0 and tail and (
                tail.endswith("-") or (not _TERMINAL.search(tail) and _LOWER_START.match(para))
            )
            if joinable and (continues or _LOWER_START.match(para)):
                paragraphs[-1].add(para)
            else:
                paragraphs.append(_Joined(para))
        continues = False
    return [_mark_footnotes(p.text()) for p in paragraphs], footnotes


def _mark_footnotes(paragraph: str) -> str:
    """Set footnote markers apart from the words they are glued to: 'stellen.1' becomes 'stellen.[1]'."""

    def after_punct(m: re.Match[str]) -> str:
        start = m.start()
        if start >= 2 and _TWO_LETTERS.fullmatch(paragraph, start - 2, start):
            return f"{paragraph[start]}[{m.group(1)}]"
        return m.group(0)

    paragraph = _MARKER_AFTER_PUNCT.sub(after_punct, paragraph)

    def after_word(m: re.Match[str]) -> str:
        start = m.start()
        if start >= 3 and _THREE_LOWER.fullmatch(paragraph, start - 3, start):
            return f"[{m.group(1)}]"
        return m.group(0)

    return _MARKER_AFTER_WORD.sub(after_word, paragraph)


# --- metadata ---------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "januar": 1, "februar": 2, "märz": 3, "juni_de": 6, "oktober_de": 10, "dezember": 12,
}
_MONTH_ALT = "|".join(sorted((m for m in _MONTHS if "_" not in m), key=len, reverse=True))
# Mastheads of parliamentary papers: the footer line of a Kamerstuk, a Drucksache head, a UN symbol.
_KST_FOOTER = re.compile(r"\bvergaderjaar\s+\d{4}\s*[–-]\s*\d{4},\s*(\d{2}\s?\d{3}(?:-[0-9A-Z]{1,4})?),\s*nr\.\s*(\d{1,4})", re.I)
_KST_HEAD = re.compile(r"^(\d{2} \d{3}(?:-[0-9A-Z]{1,4})?)\s+(.+)\n(?:.*\n){0,2}?Nr\.\s*(\d{1,4})\b\s*(.*)$", re.M)
_MASTHEAD_NUMBER = re.compile(r"^(?:Drucksache\s+\d+/\d+|[SA]/RES/\d+.*|Aanhangsel\s+van\s+de\s+Handelingen.*|kst-\d{5}-\d+|\d{4}D\d{5})$", re.I)
# The masthead line that holds a Drucksache's or UN document's own number, with its issuer beside it
# ('Deutscher Bundestag Drucksache 19/11234', 'United Nations S/RES/2334 (2016)'); a reference in the text
# ('– Drucksache 19/10890 –') has no issuer before it.
_ISSUER_NUMBER = re.compile(r"^(?:Deutscher\s+Bundestag|Bundesrat|United\s+Nations|Vereinte\s+Nationen|Nations\s+Unies)\s+"
                            r"(Drucksache\s+\d+/\d+|[SA]/RES/\d+(?:/\d+)?(?:\s*\(\d{4}\))?)$", re.I)
# 'Resolution 2334 (2016)', the title line of a Security Council or General Assembly resolution.
_UN_TITLE = re.compile(r"^Resolution\s+\d+(?:/\d+)?(?:\s*\(\d{4}\))?$", re.I)
# A Drucksache's date stands beside the electoral term: '19. Wahlperiode 12.07.2019'.
_TERM_DATE = re.compile(r"^\d{1,2}\.\s*Wahlperiode\s+(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_PREFIX_DATE = re.compile(rf"^\s*(?:Voorgesteld|Datum|Vastgesteld|Ontvangen|Date|Dated|Datum:|(?:maan|dins|woens|donder|vrij|zater|zon)dag|(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+(\d{{1,2}})\.?\s+({_MONTH_ALT})\s+(\d{{4}})\b", re.I)
_NUMERIC_DATE = re.compile(r"^\s*(?:[A-ZÄÖÜ][\w. -]{1,30},\s*(?:den\s+)?)?(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_SUBJECT = re.compile(r"^\s*(?:Onderwerp|Betreft|Betreff|Subject)\s*:?\s+(\S.{3,200})$", re.I)
_PARLIAMENTS = ("Tweede Kamer der Staten-Generaal", "Eerste Kamer der Staten-Generaal", "Deutscher Bundestag",
                "Bundesrat", "Security Council", "General Assembly")


def _iso(day: str, month: str, year: str) -> str | None:
    """Return an ISO date from day, month name and year, or None when it is no real date."""
    m = _MONTHS.get(month.lower())
    if not m:
        return None
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{m:02d}-{d:02d}"


def extract_metadata(raw: str, paragraphs: list[str]) -> dict[str, str | None]:
    """Return the metadata a document states about itself in its first lines (rules: searchsvc.metadata),
    completed from the masthead of a parliamentary paper (number, title, date, source)."""
    meta = metadata.extract(raw, paragraphs)
    for key in META_FIELDS:
        meta.setdefault(key, None)
    head_lines = [line.strip() for line in raw.splitlines()[:60] if line.strip()]
    _masthead(head_lines, "\n".join(head_lines), meta)
    return meta


def _masthead(head_lines: list[str], head: str, meta: dict[str, str | None]) -> None:
    """Fill number, title, date and source from the masthead of a parliamentary paper or a letter."""
    if meta["doc_number"] is None:
        if m := _KST_HEAD.search(head):
            meta["doc_number"] = f"Kamerstuk {m.group(1)}, nr. {int(m.group(3))}"
            # The masthead's title beats a headline guessed from the top line ('Tweede Kamer der Staten-Generaal 2').
            if not meta["title"] or meta["title"] in head_lines[:3]:
                meta["title"] = m.group(4).strip() or m.group(2).strip()
        elif m := _KST_FOOTER.search(head):
            dossier = re.sub(r"\s", "", m.group(1))
            meta["doc_number"] = f"Kamerstuk {dossier[:2]} {dossier[2:]}, nr. {int(m.group(2))}"
        else:
            for line in head_lines[:12]:
                own = m.group(1) if (m := _ISSUER_NUMBER.match(line)) else line
                if (m or _MASTHEAD_NUMBER.match(line)) and (found := docnumbers.find(own)):
                    meta["doc_number"] = found[0].label
                    _masthead_title(head_lines, found[0].key, meta)
                    break
    for line in head_lines[:40]:
        if meta["date"] is None and (m := _PREFIX_DATE.match(line)):
            meta["date"] = _iso(*m.groups())
        if meta["date"] is None and (m := _NUMERIC_DATE.match(line) or _TERM_DATE.match(line)):
            d, mo, y = (int(g) for g in m.groups())
            if 1 <= d <= 31 and 1 <= mo <= 12:
                meta["date"] = f"{y:04d}-{mo:02d}-{d:02d}"
        if meta["title"] is None and (m := _SUBJECT.match(line)):
            meta["title"] = m.group(1).strip()
    if meta["source"] is None:
        meta["source"] = next((p for p in _PARLIAMENTS if p in "\n".join(head_lines[:12])), None)


def _masthead_title(head_lines: list[str], key: str, meta: dict[str, str | None]) -> None:
    """Set the title a Drucksache's or UN resolution's masthead gives, over a headline guessed from the top."""
    title = None
    if key.startswith("drs-"):
        title = metadata.drucksache_title(head_lines)
    elif key.startswith("un-"):
        title = next((line for line in head_lines[:15] if _UN_TITLE.match(line)), None)
    if title:
        meta["title"] = title
    elif meta["title"] and (meta["title"] in head_lines[:3] and docnumbers.find(meta["title"])):
        meta["title"] = None  # the masthead's number line is no title


MAX_META_CHARS = 1000  # longest sidecar value kept; a title or author is far shorter
_META_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


def _meta_value(key: str, value: Any) -> str | None:
    """Return a sidecar value as stored, or raise ValueError saying why it is refused."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{key!r} must be a string")
    text = unicodedata.normalize("NFC", str(value)).strip()
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise ValueError(f"{key!r} contains a control character")
    if len(text) > MAX_META_CHARS:
        raise ValueError(f"{key!r} is longer than {MAX_META_CHARS} characters")
    if not text:
        return None
    if key == "date":
        m = _META_DATE.match(text)
        try:
            if not m:
                raise ValueError
            year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"'date' must be a real date written YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits), "
                             f"not {json.dumps(text, ensure_ascii=False)}") from None
    return text


def read_sidecar(path: Path, data: bytes | None = None) -> dict[str, str | None]:
    """Return the checked metadata overrides of a document's .meta.json sidecar ({} when it has none).

    The one reader for sidecars: the build reads the file next to `path`; an upload (or the admin's
    metadata form) passes the sidecar's bytes as `data` to get the same checks before anything is stored.
    A UTF-8 byte-order mark is accepted. (A URL is kept as text: pages link only http(s) addresses.) Raises SkipFile with the reason for a sidecar that cannot be used.
    """
    sidecar = sidecar_path(path)
    if data is None:
        if not sidecar.is_file():
            return {}  # none, or only an ambiguous shared one (build_document warns about that)
        try:
            data = sidecar.read_bytes()
        except OSError as exc:
            raise SkipFile(f"its sidecar {sidecar.name} cannot be read ({exc.strerror or exc})") from None
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SkipFile(f"its sidecar {sidecar.name} is not valid JSON ({exc})") from None
    if not isinstance(parsed, dict):
        raise SkipFile(f"its sidecar {sidecar.name} must hold a JSON object such as {{\"title\": \"…\"}}")
    meta: dict[str, str | None] = {}
    for key in META_FIELDS:
        if key in parsed:
            try:
                meta[key] = _meta_value(key, parsed[key])
            except ValueError as exc:
                raise SkipFile(f"its sidecar {sidecar.name}: {exc}") from None
    return meta


RACY_NS = 2_000_000_000  # file times tick coarsely: a file changed this recently may change again unseen


def file_stat(path: Path) -> list[int] | None:
    """Return a seed file's and its sidecar's size, times and inode (unchanged means not re-read), or None.

    None when either was modified in the last RACY_NS, since a second change within the same clock tick
    would leave the same times (git's "racy" case): such a file is hashed again next time.
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError:
        return None
    applies, ambiguous = _sidecar_names(name)
    side_sig = [-1, -1, -1, -1]
    if applies or ambiguous:
        try:
            side = os.stat(applies or ambiguous or "")
            # An ambiguous sidecar is not read, but adding or changing one must still reach the build's warning.
            side_sig = [side.st_size if applies else -2, side.st_mtime_ns, side.st_ino, side.st_ctime_ns]
        except OSError:
            pass
    newest = max(st.st_mtime_ns, st.st_ctime_ns, side_sig[1], side_sig[3])
    if time.time_ns() - newest < RACY_NS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns, *side_sig]


def sidecar_path(path: Path) -> Path:
    """Return the sidecar that applies to a seed file, or where its own one would be written when none does."""
    applies, _ambiguous = _sidecar_names(os.fspath(path))
    return Path(applies) if applies else Path(own_sidecar(os.fspath(path)))


def own_sidecar(name: str) -> str:
    """Return the sidecar named after a file's id: `x.meta.json` for x.txt/x.md, `x.pdf.meta.json` for x.pdf."""
    base, ext = os.path.splitext(name)
    return (base if ext.lower() in TEXT_EXTENSIONS or not ext else name) + META_SUFFIX


def _sidecar_names(name: str) -> tuple[str | None, str | None]:
    """Return the sidecar that applies to a seed file (or None) and a shared one it cannot claim (or None).

    A file's own sidecar (`<id>.meta.json`) always applies. The older `x.meta.json` also applies to `x.pdf`
    when nothing else claims it: not when `x.txt`/`x.md` is there (it is their own), and not when another
    `x.odt`/`x.html`/… without its own sidecar shares it; then it is ambiguous, applies to neither and is
    reported. Plain strings and stat calls only: this runs for every file of a 100,000-file build.
    """
    own = own_sidecar(name)
    if os.path.isfile(own):
        return own, None
    base, ext = os.path.splitext(name)
    shared = base + META_SUFFIX
    if shared == own or not os.path.isfile(shared):
        return None, None
    others = [e for e in EXTENSIONS if e != ext.lower()]
    siblings = [base + e for e in others] + [base + e.upper() for e in others]
    if any(os.path.isfile(s) for s in siblings if s.lower().endswith(TEXT_EXTENSIONS)):
        return None, None  # x.meta.json is x.txt's own sidecar
    if any(os.path.isfile(s) and not os.path.isfile(s + META_SUFFIX) for s in siblings):
        return None, shared
    return shared, None


def sidecar_warning(path: Path) -> str | None:
    """Return the warning for a seed file whose shared `x.meta.json` also fits another file, or None."""
    _applies, ambiguous = _sidecar_names(os.fspath(path))
    if not ambiguous:
        return None
    amb, own = os.path.basename(ambiguous), os.path.basename(own_sidecar(os.fspath(path)))
    return (f"sidecar {amb} fits more than one file named {amb[: -len(META_SUFFIX)]}.*, so it was not applied; "
            f"rename it {own} (each file's own sidecar is <file name>.meta.json)")


# --- files ------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, list[str]]:
    """Return the text of file bytes and any warnings; raise SkipFile for binary or empty content."""
    if not data.strip():
        raise SkipFile("empty file" if not data else "whitespace only")
    for bom, codec in _BOMS:
        # A byte-order mark names the encoding: UTF-16 text is full of NUL bytes but is text all the same.
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise SkipFile(f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} (byte {exc.start + len(bom)})") from None
            return _check_text(text, [])
    if b"\x00" in data[:65536]:
        raise SkipFile("binary file (contains NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not valid UTF-8 (byte {exc.start}); read as Windows-1252")
    return _check_text(text, warnings)


# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


# Unicode category Cc (U+0000-U+001F, U+007F-U+009F) but the line and page breaks and the tab: counted by the
# regex engine, not a Python step a character (it was ~2 % of a build).
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str, warnings: list[str]) -> tuple[str, list[str]]:
    """Refuse decoded text that is control characters or blank; return it with its warnings."""
    controls = len(_BINARY_CONTROLS.findall(text, 0, 65536))
    if controls > 0.01 * min(len(text), 65536):
        raise SkipFile("binary file (control characters), not text")
    if not text.strip():
        raise SkipFile("whitespace only")
    return text, warnings


def file_sha256(data: bytes, sidecar: bytes = b"") -> str:
    """Return the content hash that decides whether a file changed: its bytes plus its sidecar's."""
    digest = hashlib.sha256(data)
    digest.update(b"\0meta\0")
    digest.update(sidecar)
    return digest.hexdigest()


_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, newline included


def discover(seeds_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """Return the seed files under a folder, in name order, and the ones refused before reading."""
    root = seeds_dir.resolve()
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(seeds_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # Plain strings, not Path objects, per file: pathlib cost seconds per 100,000 files.
        rel_dir = os.path.relpath(dirpath, seeds_dir)
        prefix = "" if rel_dir == "." else rel_dir + os.sep
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(META_SUFFIX):
                continue
            rel = prefix + name
            if not name.lower().endswith(EXTENSIONS):
                ext = os.path.splitext(name)[1].lower() or "(no extension)"
                skipped.append(Skipped(rel, f"unsupported file type {ext}; {detect.supported()}"))
                continue
            full = os.path.join(dirpath, name)
            if _NAME_CONTROL.search(name):
                # A newline in the id would make the document unreachable at /documents/<id>; uploads refuse these too.
                skipped.append(Skipped(rel, "the file name contains a control character; rename the file"))
                continue
            if os.path.islink(full):
                target = Path(full).resolve()
                if not target.is_relative_to(root):
                    skipped.append(Skipped(rel, "symlink points outside the seeds folder"))
                    continue
                if not target.is_file():
                    skipped.append(Skipped(rel, "symlink to nothing"))
                    continue
            doc_id = document_id(name)
            path = Path(full)
            if doc_id in seen:
                holder = seen[doc_id]
                if not looks_indexable(holder) and looks_indexable(path):
                    # A broken twin (x.md empty, x.txt good) must not hide the one that can be indexed.
                    found[found.index(holder)] = path
                    seen[doc_id] = path
                    skipped.append(Skipped(str(holder.relative_to(seeds_dir)), f"duplicate id {doc_id!r}: {rel} has it"))
                    continue
                skipped.append(Skipped(rel, f"duplicate id {doc_id!r}: {holder.relative_to(seeds_dir)} has it"))
                continue
            seen[doc_id] = path
            found.append(path)
    return found, skipped


_SNIFF_BYTES = 65536


def looks_indexable(path: str | os.PathLike[str]) -> bool:
    """Say whether a file's first bytes could be a document (not empty, not a binary with NUL bytes in text).

    Used only to choose between two files that would get the same id; the build still decides for real.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    if not head.strip():
        return False
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")):
        return True  # PDF, zipped Word/ODT, UTF-16/32 text: NUL bytes are normal there
    return b"\x00" not in head


def document_id(path: str | os.PathLike[str]) -> str:
    """Return a document's id: a .txt/.md file's name without extension, any other file's whole name.

    So `x.pdf` and `x.odt` (the same Kamerstuk in two formats) are two documents, and `x.txt` keeps its id.
    """
    name = os.path.basename(os.fspath(path))
    stem, ext = os.path.splitext(name)
    return unicodedata.normalize("NFC", stem if ext.lower() in TEXT_EXTENSIONS or not ext else name)


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, bytes]:
    """Return a seed file's bytes and its sidecar's; raise SkipFile when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"too large ({size:,} bytes; the limit is {max_bytes / 1e6:g} MB)")
        data = path.read_bytes()
        applies, ambiguous = _sidecar_names(os.fspath(path))
        side = Path(applies).read_bytes() if applies else b""
        if ambiguous:  # so the content hash changes when a shared sidecar becomes ambiguous or is added
            side = b"\0ambiguous\0" + os.path.basename(ambiguous).encode()
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc})") from None
    return data, side


def build_document(path: Path, data: bytes, sha: str, rel: str) -> Document:
    """Return the normalised Document of one seed file's bytes; raise SkipFile when it has no text."""
    try:
        kind = detect.detect(data, path.name)
        extracted = _extract(kind, data) if kind != "text" else None
    except ExtractError as exc:
        raise SkipFile(str(exc)) from None
    if extracted is None:
        text, warnings = decode(data)
        paragraphs, footnotes = normalise(text)
        pieces: list[tuple[str, int | None, str | None]] = [(p, None, None) for p in paragraphs + footnotes]
        meta = extract_metadata(text, paragraphs)
        extra: dict[str, Any] = {}
    else:
        pieces, head = _paged_paragraphs(extracted)
        warnings = list(extracted.warnings)
        meta = extract_metadata(head, [p for p, _, _ in pieces])
        for key, value in extracted.meta.items():  # the masthead beats the file's properties
            if key in META_FIELDS and value and not meta.get(key):
                meta[key] = value
        if not meta.get("title"):
            meta["title"] = _file_title(extracted, pieces)
        if not meta.get("date") and extracted.meta.get("pdf_date") and kind != "pdf":
            meta["date"] = extracted.meta["pdf_date"]
        extra = {"pages": extracted.page_count, "running": extracted.running}
        if kind != "pdf" and extracted.page_count is None:
            extra["pages"] = None
    if not pieces:
        raise SkipFile("no text after normalisation")
    if kind == "text" and path.suffix.lower() not in TEXT_EXTENSIONS:
        warnings.append(f"named {path.suffix} but read as plain text")
    elif kind != "text" and path.suffix.lower() in TEXT_EXTENSIONS:
        warnings.append(f"named {path.suffix} but its bytes are {kind.upper()}; read as {kind.upper()}")
    meta.update(read_sidecar(path))
    if note := sidecar_warning(path):
        warnings.append(note)
    joined = "\n\n".join(p for p, _, _ in pieces)
    paras: list[Paragraph] = []
    offset = 0
    for (para, page, label), counted in zip(pieces, metadata.numbered([p for p, _, _ in pieces])):
        if counted:  # a dateline, time or byline stays in the text but is not a numbered paragraph
            paras.append(Paragraph(len(paras) + 1, offset, offset + len(para), langid.NEUTRAL, 0.0, page, label))
        offset += len(para) + 2
    language, prob = assign_languages(joined, paras)
    numbers = docnumbers.keys_in(" ".join(str(meta.get(k) or "") for k in ("doc_number", "title")) + " " + path.name)
    return Document(
        id=document_id(path), path=rel, sha256=sha, text=joined, paragraphs=paras,
        language=language, language_prob=prob, warnings=warnings, format=kind, numbers=numbers, **extra,
        **{k: (str(v) if v is not None else None) for k, v in meta.items() if k in META_FIELDS},
    )


def _extract(kind: str, data: bytes) -> Extracted:
    """Run the extractor of one format (imported on use: a text-only build never loads PDFium)."""
    if kind == "pdf":
        from .extract import pdf as module
    elif kind == "html":
        from .extract import html as module  # type: ignore[no-redef]
    elif kind == "docx":
        from .extract import docx as module  # type: ignore[no-redef]
    else:
        from .extract import odt as module  # type: ignore[no-redef]
    return module.extract(data)


def _paged_paragraphs(ex: Extracted) -> tuple[list[tuple[str, int | None, str | None]], str]:
    """Return (paragraph, page, label) of extracted pages, joined across page breaks, footnotes last; and the head.

    Each paragraph goes through normalise() (unwrapping, de-hyphenation, footnote markers); a paragraph a
    page break cut (the last one ends in a hyphen or without a full stop, the next starts in lower case) is
    joined by the same rule as a line break, and keeps the page where it started.
    """
    out: list[tuple[str, int | None, str | None]] = []
    notes: list[tuple[str, int | None, str | None]] = []
    for page in ex.pages:
        # The extractor decided the paragraphs (blank lines); normalise() unwraps each one on its own, so a
        # lettered item "a) Titel" stays apart from the heading before it.
        for block in page.text.split("\n\n"):
            if not block.strip():
                continue
            paragraphs, lead_notes = normalise(block)
            for para in lead_notes + paragraphs:  # a block that starts "1 Inleiding" is no footnote here
                if out and _continues(out[-1][0], para) and not _ITEM.match(para):
                    prev, p_page, p_label = out[-1]
                    out[-1] = (_join_two(prev, para), p_page, p_label)
                else:
                    out.append((para, page.number, page.label))
    for text, page_no, label in ex.footnotes:
        for para in normalise(text)[0]:
            notes.append((para, page_no, label))
    head = "\n".join(p.text for p in ex.pages[:2])
    return out + notes, head


_DATE_OR_ADDRESS = re.compile(r"^(?:>|\d|[A-Z][\w' .-]{1,30},\s+\d|versie\b|version\b|stand\b)|retouradres|postbus", re.I)


def _file_title(ex: Extracted, pieces: list[tuple[str, int | None, str | None]]) -> str | None:
    """Return the title a file states: its properties' title when its first page bears it out, else its heading."""
    first_page = " ".join(p for p, page, _ in pieces[:40] if page in (None, 1)).lower()
    stated = re.sub(r"\s{3,}", " ", ex.meta.get("pdf_title") or "").strip()
    words = [w for w in re.findall(r"\w{4,}", stated.lower())]
    if stated and words and sum(w in first_page for w in words) >= 0.6 * len(words):
        return stated
    for i, (para, page, _) in enumerate(pieces[:5]):
        if page not in (None, 1):
            break
        if i == 0 and 160 < len(para) <= 250 and para[-1] not in ".!?:;":
            return para  # a long title page heading
        dated = len(para) < 40 and re.search(rf"\b({_MONTH_ALT})\s+\d{{4}}\b", para, re.I)
        if 8 <= len(para) <= 160 and not dated and not _DATE_OR_ADDRESS.search(para) and not _TERMINAL.search(para[-1:]):
            return para
    return None


_ITEM = re.compile(r"^(?:[a-z]{1,2}\)|[ivx]{1,4}\.|[•▪◦–-])\s")


def _continues(prev: str, nxt: str) -> bool:
    """Say whether a paragraph continues the one before (a line or page break cut it)."""
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalnum():
        return True
    return not _TERMINAL.search(prev) and bool(_LOWER_START.match(nxt))


def assign_languages(text: str, paragraphs: list[Paragraph]) -> tuple[str, float]:
    """Detect each long paragraph's language; return the document's, the majority by characters."""
    by_chars: dict[str, int] = {}
    probs: dict[str, list[float]] = {}
    detected: dict[int, tuple[str, float]] = {}
    long_ones = [p for p in paragraphs if p.end - p.start >= MIN_PARAGRAPH_DETECT_CHARS][:MAX_PARAGRAPH_DETECTIONS]
    # Function words decide most paragraphs at once; langdetect (~7 ms a call) only decides the rest when
    # none was clear, or when a paragraph is long enough to be a passage in another language.
    quick = {p.number: langid.quick_language(text[p.start : p.end]) for p in long_ones}
    any_quick = any(quick.values())
    for p in long_ones:
        lang = quick[p.number]
        if lang is not None:
            prob = langid.QUICK_PROB
        elif not any_quick or p.end - p.start >= SLOW_PARAGRAPH_DETECT_CHARS:
            lang, prob = langid.detect_slow(text[p.start : p.end])
        else:
            continue  # short and unclear: takes the document's language below
        detected[p.number] = (lang, prob)
        by_chars[lang] = by_chars.get(lang, 0) + (p.end - p.start)
        probs.setdefault(lang, []).append(prob)
    if by_chars:
        doc_lang = max(by_chars, key=lambda k: by_chars[k])
        doc_prob = by_chars[doc_lang] / sum(by_chars.values()) * (sum(probs[doc_lang]) / len(probs[doc_lang]))
    else:
        doc_lang, doc_prob = langid.detect(text)
    for p in paragraphs:
        lang, prob = detected.get(p.number, (doc_lang, 0.0))
        if p.number in detected and (prob < MIN_PARAGRAPH_DETECT_PROB or langid.analysis_language(lang) == langid.NEUTRAL):
            lang, prob = doc_lang, 0.0
        p.lang, p.lang_prob = lang, round(prob, 4)
    return doc_lang, doc_prob


def load(path: Path, seeds_dir: Path, max_bytes: int) -> Document:
    """Return the Document of one seed file; raise SkipFile with the reason when it cannot be indexed."""
    data, side = read_bytes(path, max_bytes)
    return build_document(path, data, file_sha256(data, side), str(path.relative_to(seeds_dir)))


def iter_documents(seeds_dir: Path, max_bytes: int) -> Iterator[Document | Skipped]:
    """Yield a Document or a Skipped for every seed file under a folder."""
    paths, skipped = discover(seeds_dir)
    yield from skipped
    for path in paths:
        try:
            yield load(path, seeds_dir, max_bytes)
        except SkipFile as exc:
            yield Skipped(str(path.relative_to(seeds_dir)), str(exc))
