"""Document numbers (Kamerstukken, Handelingen, Drucksachen, UN documents, Tweede Kamer document ids):
found in text, written as they are cited, and reduced to one key so that every spelling finds the same
document: `35373-1`, `kst-35373-1` and `Kamerstuk 35 373, nr. 1` are all `kst-35373-1`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dossier is five digits, printed "35 373" or "35373", sometimes with a part: "21 501-02".
_DOSSIER = r"(?P<dossier>\d{2}\s?\d{3})(?:-(?P<part>[0-9]{1,2}|[IVX]{1,4}|[A-Z]{1,2}))?"
_NR = r"(?:,\s*|\s+)(?:nr|no)\.?\s*(?P<nr>\d{1,4})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("kst", re.compile(rf"\bkst-(?P<dossier>\d{{5}})(?:-(?P<part>[0-9]{{1,2}}|[IVX]{{1,4}}|[A-Z]{{1,2}}))?-(?P<nr>\d{{1,4}})\b", re.I)),
    ("kst", re.compile(rf"\bKamerstuk(?:ken)?(?:\s+(?:I|II|EK|TK))?(?:\s+\d{{4}}[/–-]\d{{2,4}},?)?\s+{_DOSSIER}{_NR}\b", re.I)),
    ("kst", re.compile(rf"(?<![\d/])\b{_DOSSIER}{_NR}\b", re.I)),
    ("ah", re.compile(r"\bAanhangsel\s+(?:van\s+de\s+)?Handelingen\b[^\n]{0,80}?\bnr\.?\s*(?P<nr>\d{1,5})\b", re.I)),
    ("ah", re.compile(r"\bah-(?:tk|ek)-(?P<year>\d{8})-(?P<nr>\d{1,5})\b", re.I)),
    ("drs", re.compile(r"\bDrucksache\s+(?P<period>\d{1,2})/(?P<nr>\d{1,6})\b", re.I)),
    ("un", re.compile(r"\b(?P<organ>[SA])/RES/(?P<nr>\d{1,5})(?:\s*\((?P<year>\d{4})\))?", re.I)),
    ("tk", re.compile(r"\b(?P<year>(?:19|20)\d{2})(?P<kind>[DZ])(?P<nr>\d{5})\b", re.I)),
]
# Forms that are a document number only when they are the whole query, not anywhere in running text.
_QUERY_ONLY: list[tuple[str, re.Pattern[str]]] = [
    ("kst", re.compile(r"^(?P<dossier>\d{5})(?:-(?P<part>[0-9]{1,2}))?-(?P<nr>\d{1,4})$")),
    ("drs", re.compile(r"^(?P<period>\d{1,2})/(?P<nr>\d{1,6})$")),
]
# In running text a bare "34552-14" is a Kamerstuk reference too (besluitenlijsten use it): linked, not indexed.
_TEXT_BARE = re.compile(r"(?<![\d/.-])\b(?P<dossier>[23]\d{4})-(?P<nr>\d{1,4})\b(?![\d/-])")


@dataclass(frozen=True)
class Found:
    """A document number found in a text: where, its key, and how it is cited."""

    start: int
    end: int
    key: str
    label: str


def _key(kind: str, g: dict[str, str | None]) -> tuple[str, str]:
    """Return (key, citation label) of one match's groups."""
    if kind == "kst":
        dossier = re.sub(r"\s", "", g["dossier"] or "")
        part = g.get("part")
        nr = str(int(g["nr"] or 0))
        key = f"kst-{dossier}-{part.upper()}-{nr}" if part else f"kst-{dossier}-{nr}"
        label = f"Kamerstuk {dossier[:2]} {dossier[2:]}{'-' + part.upper() if part else ''}, nr. {nr}"
        return key.lower(), label
    if kind == "ah":
        nr = str(int(g["nr"] or 0))
        return f"ah-{nr}", f"Aanhangsel van de Handelingen, nr. {nr}"
    if kind == "drs":
        period, nr = int(g["period"] or 0), int(g["nr"] or 0)
        return f"drs-{period}-{nr}", f"Drucksache {period}/{nr}"
    if kind == "un":
        organ, nr = (g["organ"] or "").upper(), int(g["nr"] or 0)
        year = f" ({g['year']})" if g.get("year") else ""
        return f"un-{organ.lower()}-res-{nr}", f"{organ}/RES/{nr}{year}"
    year, kind_letter, nr = g["year"], (g["kind"] or "").upper(), g["nr"]
    return f"{year}{kind_letter}{nr}".lower(), f"{year}{kind_letter}{nr}"


def find(text: str, bare: bool = False) -> list[Found]:
    """Return the document numbers in a text, in order, without overlaps (bare: also '34552-14')."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    patterns = list(_PATTERNS) + ([("kst", _TEXT_BARE)] if bare else [])
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            key, label = _key(kind, m.groupdict())
            found.append(Found(m.start(), m.end(), key, label))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def keys_in(text: str) -> list[str]:
    """Return the distinct keys of the document numbers in a text, in order of appearance."""
    return list(dict.fromkeys(f.key for f in find(text)))


def query_key(q: str) -> str | None:
    """Return the key when a whole query is one document number in any spelling, else None."""
    q = re.sub(r"\s+", " ", q.strip().strip('"'))
    for kind, pattern in _QUERY_ONLY:
        if m := pattern.match(q):
            return _key(kind, m.groupdict())[0]
    hits = find(q)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end >= len(q.rstrip(".,;")):
        return hits[0].key
    return None


def label(key: str) -> str | None:
    """Return how a key is cited ('Kamerstuk 35 373, nr. 1'), or None for a key of no known form."""
    hits = find(key)
    return hits[0].label if hits else None
