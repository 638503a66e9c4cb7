"""Files to documents: read seed files, normalise extracted text into numbered paragraphs, gather metadata."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import langid, metadata

EXTENSIONS = (".txt", ".md")
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
_MARKER_AFTER_PUNCT = re.compile(r"(?<=[^\W\d_]{2}[.!?;:)’”»])(\d{1,2})(?=\s|$)")
_MARKER_AFTER_WORD = re.compile(r"(?<=[a-zà-ÿß]{3})(\d{1,2})(?=[.,;:](?:\s|$))")
_TERMINAL = re.compile(r"[.!?:;»\"”’')]\s*$")
_MD_RETURN = re.compile(r"\s*↩︎?")


def _is_boilerplate(line: str) -> bool:
    """Say whether a line is web-site chrome rather than document text."""
    if _NAV_LINE.match(line):
        return True
    return any(p.search(line) for p in _BOILERPLATE_LINES)


def _join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, repairing end-of-line hyphenation."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        out = _join_two(out, line)
    return out


def _join_two(left: str, right: str) -> str:
    """Join two pieces of one paragraph that a line or page break separated."""
    right = right.strip()
    if not left:
        return right
    left = left.rstrip()
    if left.endswith("-") and len(left) >= 2:
        before = left[-2]
        if before.islower() and _LOWER_START.match(right) and not _SUSPENDED_NEXT.match(right):
            return left[:-1] + right  # inlichtin- + gendiensten
        if before.isalnum() and not _SUSPENDED_NEXT.match(right):
            return left + right  # NAVO- + Ruslandraad keeps its real hyphen
    return left + " " + right


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

    paragraphs: list[str] = []
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
            prev = paragraphs[-1] if paragraphs else ""
            joinable = i == 0 and prev and (
                prev.endswith("-") or (not _TERMINAL.search(prev) and _LOWER_START.match(para))
            )
            if joinable and (continues or _LOWER_START.match(para)):
                paragraphs[-1] = _join_two(prev, para)
            else:
                paragraphs.append(para)
        continues = False
    paragraphs = [_mark_footnotes(p) for p in paragraphs]
    return paragraphs, footnotes


def _mark_footnotes(paragraph: str) -> str:
    """Set footnote markers apart from the words they are glued to: 'stellen.1' becomes 'stellen.[1]'."""
    paragraph = _MARKER_AFTER_PUNCT.sub(r"[\1]", paragraph)
    return _MARKER_AFTER_WORD.sub(r"[\1]", paragraph)


# --- metadata ---------------------------------------------------------------------------------

def extract_metadata(raw: str, paragraphs: list[str]) -> dict[str, str | None]:
    """Return the metadata a document states about itself in its first lines (rules: searchsvc.metadata)."""
    return metadata.extract(raw, paragraphs)


def read_sidecar(path: Path) -> dict[str, Any]:
    """Return the metadata overrides in a document's .meta.json sidecar, or {} when it has none."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SkipFile(f"its sidecar {sidecar.name} is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SkipFile(f"its sidecar {sidecar.name} must hold a JSON object")
    return {k: data[k] for k in META_FIELDS if k in data}


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
    try:
        side = os.stat(os.path.splitext(name)[0] + META_SUFFIX)
        side_sig = [side.st_size, side.st_mtime_ns, side.st_ino, side.st_ctime_ns]
    except OSError:
        side_sig = [-1, -1, -1, -1]
    newest = max(st.st_mtime_ns, st.st_ctime_ns, side_sig[1], side_sig[3])
    if time.time_ns() - newest < RACY_NS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns, *side_sig]


def sidecar_path(path: Path) -> Path:
    """Return where a seed file's metadata sidecar lives."""
    return path.with_name(path.stem + META_SUFFIX)


# --- files ------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, list[str]]:
    """Return the text of file bytes and any warnings; raise SkipFile for binary or empty content."""
    if not data.strip():
        raise SkipFile("empty file" if not data else "whitespace only")
    if b"\x00" in data[:65536]:
        raise SkipFile("binary file (contains NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not valid UTF-8 (byte {exc.start}); read as Windows-1252")
    controls = sum(1 for ch in text[:65536] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
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
            if not name.lower().endswith(EXTENSIONS):
                continue
            rel = prefix + name
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
            if doc_id in seen:
                skipped.append(Skipped(rel, f"duplicate id {doc_id!r}: {seen[doc_id].relative_to(seeds_dir)} has it"))
                continue
            path = Path(full)
            seen[doc_id] = path
            found.append(path)
    return found, skipped


def document_id(path: str | os.PathLike[str]) -> str:
    """Return a document's id: its file name without extension (a string path is fine, and cheaper)."""
    return unicodedata.normalize("NFC", os.path.splitext(os.path.basename(os.fspath(path)))[0])


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, bytes]:
    """Return a seed file's bytes and its sidecar's; raise SkipFile when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkipFile(f"too large ({size:,} bytes; the limit is {max_bytes / 1e6:g} MB)")
        data = path.read_bytes()
        sidecar = sidecar_path(path)
        side = sidecar.read_bytes() if sidecar.is_file() else b""
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror or exc})") from None
    return data, side


def build_document(path: Path, data: bytes, sha: str, rel: str) -> Document:
    """Return the normalised Document of one seed file's bytes; raise SkipFile when it has no text."""
    text, warnings = decode(data)
    paragraphs, footnotes = normalise(text)
    all_paragraphs = paragraphs + footnotes
    if not all_paragraphs:
        raise SkipFile("no text after normalisation")
    meta = extract_metadata(text, paragraphs)
    meta.update(read_sidecar(path))
    joined = "\n\n".join(all_paragraphs)
    paras: list[Paragraph] = []
    offset = 0
    for para, counted in zip(all_paragraphs, metadata.numbered(all_paragraphs)):
        if counted:  # a dateline, time or byline stays in the text but is not a numbered paragraph
            paras.append(Paragraph(len(paras) + 1, offset, offset + len(para), langid.NEUTRAL, 0.0))
        offset += len(para) + 2
    language, prob = assign_languages(joined, paras)
    return Document(
        id=document_id(path), path=rel, sha256=sha, text=joined, paragraphs=paras,
        language=language, language_prob=prob, warnings=warnings,
        **{k: (str(v) if v is not None else None) for k, v in meta.items() if k in META_FIELDS},
    )


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
