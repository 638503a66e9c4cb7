"""Same-story grouping: fold hits that report the same event as a higher-ranked hit under it.

Two reports are one story when they are near-duplicates (the same words: an agency copy, a re-post) or when
they share enough of what survives translation: names, numbers and dates (29 maart 2022 = March 29, 2022).
Word meaning across languages (diplomaten = diplomats) is not used: no translation is available here yet.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

DATA = Path(__file__).with_name("data") / "stories.json"
SHINGLE_WORDS = 4  # word 4-grams: short enough to survive small edits, long enough to be specific
MAX_TEXT_CHARS = 20_000  # bounded cost: a story is told in its opening; long reports are compared on it
CACHE_DOCS = 4096

# Thresholds, chosen on bench/qrels/stories.json (bench/stories.py prints precision and recall for them).
NEAR_DUPLICATE = 0.35  # Jaccard of word 4-gram sets
MIN_EVENT_SCORE = 7.0  # weighted shared names, numbers and dates
MIN_EVENT_SHARE = 0.25  # the shared weight as a share of the smaller document's weight
MAX_DAYS_APART = 7  # two stated document dates further apart than this are two events
NUMBER_WEIGHT = 1.5
DAY_WEIGHT = 3.0
MAX_NAME_WEIGHT = 4.0

_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")
_DIGITS = re.compile(r"^\d{1,3}(?:[.,]\d{3})*$|^\d+$")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        "months": data["months"],
        "numbers": data["numbers"],
        "not_names": frozenset(data["not_names"]),
    }


def fold(word: str) -> str:
    """Return a word lowercased without accents, so Wilmès and Wilmes compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


@dataclass(frozen=True)
class Features:
    """What one document offers for comparison."""

    id: str
    language: str | None
    date: str | None
    shingles: frozenset[int]
    names: frozenset[str]
    numbers: frozenset[int]
    days: frozenset[str]  # MM-DD of dates the text mentions (with or without a year)


def extract(doc_id: str, text: str, language: str | None, date: str | None) -> Features:
    """Return a document's shingles, names, numbers and mentioned days."""
    data = _data()
    text = text[:MAX_TEXT_CHARS]
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    lowered = [fold(w) for w, _ in words]
    shingles = frozenset(
        hash(" ".join(lowered[i : i + SHINGLE_WORDS])) for i in range(max(0, len(lowered) - SHINGLE_WORDS + 1))
    )
    names: set[str] = set()
    numbers: set[int] = set()
    days: set[str] = set()
    for i, (word, start) in enumerate(words):
        low = lowered[i]
        if _DIGITS.match(word):
            value = int(re.sub(r"[.,]", "", word))
            if not 1900 <= value <= 2100 and value >= 3:
                numbers.add(value)
        elif low in data["numbers"] and data["numbers"][low] >= 3:
            numbers.add(data["numbers"][low])
        month = data["months"].get(low.rstrip("."))
        if month is not None and len(low) >= 3:
            day = _day_near(words, lowered, i)
            if day:
                days.add(f"{month:02d}-{day:02d}")
        if word[0].isupper() and len(word) >= 3 and low not in data["not_names"] and month is None \
                and low not in data["numbers"] and not _sentence_start(text, start):
            names.add(low)
    return Features(doc_id, language, date, shingles, frozenset(names), frozenset(numbers), frozenset(days))


def _day_near(words: list[tuple[str, int]], lowered: list[str], i: int) -> int | None:
    """Return the day of month written next to the month word at i (29 maart, 29. März, March 29), or None."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and lowered[j].isdigit() and 1 <= int(lowered[j]) <= 31 and len(lowered[j]) <= 2:
            return int(lowered[j])
    return None


def _sentence_start(text: str, start: int) -> bool:
    """Say whether the word at start opens a sentence or line (where any word is capitalised)."""
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'«(":
        k -= 1
    return k < 0 or text[k] in ".!?:\n»”…-–"


@dataclass
class Weights:
    """How telling a name is: rarer in the index weighs more (idf), capped."""

    doc_count: int
    doc_frequency: Any  # callable(term) -> int

    def name(self, term: str) -> float:
        df = self.doc_frequency(term)
        return min(MAX_NAME_WEIGHT, math.log(1 + self.doc_count / (df + 1)))


def _total(f: Features, w: Weights) -> float:
    return (
        sum(w.name(n) for n in f.names)
        + NUMBER_WEIGHT * len(f.numbers)
        + DAY_WEIGHT * len(f.days)
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Return |a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) < 10 or len(b) < 10:
        return None
    try:
        return abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def compare(a: Features, b: Features, w: Weights) -> tuple[bool, float, str]:
    """Return (same story?, score, why) for two documents."""
    apart = _days_apart(a.date, b.date)
    if apart is not None and apart > MAX_DAYS_APART:
        return False, 0.0, f"dated {apart} days apart"
    dup = jaccard(a.shingles, b.shingles)
    if dup >= NEAR_DUPLICATE:
        return True, dup, f"near-duplicate text ({dup:.0%} shared 4-word runs)"
    names = a.names & b.names
    numbers = a.numbers & b.numbers
    days = a.days & b.days
    if a.days and b.days and not days:
        return False, 0.0, "mention different days"
    score = sum(w.name(n) for n in names) + NUMBER_WEIGHT * len(numbers) + DAY_WEIGHT * len(days)
    smaller = min(_total(a, w), _total(b, w)) or 1.0
    kinds = sum(1 for s in (names, numbers, days) if s)
    same = score >= MIN_EVENT_SCORE and score / smaller >= MIN_EVENT_SHARE and kinds >= 2
    shared = sorted(names)[:4] + [str(n) for n in sorted(numbers)[:3]] + sorted(days)[:2]
    return same, round(score, 3), "shares " + ", ".join(shared)


def group(items: Iterable[Features], w: Weights) -> list[list[str]]:
    """Return groups of ids in rank order: each later item joins the first earlier leader it is the same story as."""
    leaders: list[tuple[Features, list[str]]] = []
    for f in items:
        for leader, members in leaders:
            if compare(leader, f, w)[0]:
                members.append(f.id)
                break
        else:
            leaders.append((f, [f.id]))
    return [members for _, members in leaders]


_cache: OrderedDict[tuple[str, str], Features] = OrderedDict()


def features_of(searcher: Any, doc_id: str) -> Features | None:
    """Return a document's features, remembered per document version (id and content hash)."""
    stored = searcher.document(id=doc_id)
    if stored is None:
        return None
    meta = json.loads(stored["meta"])
    key = (doc_id, meta.get("sha256") or "")
    found = _cache.get(key)
    if found is not None:
        _cache.move_to_end(key)
        return found
    found = extract(doc_id, stored.get("text") or "", meta.get("language"), meta.get("date"))
    _cache[key] = found
    if len(_cache) > CACHE_DOCS:
        _cache.popitem(last=False)
    return found


def index_weights(searcher: Any) -> Weights:
    """Return name weights from the open index: document frequency in the exact (accent-folded) field."""
    reader = searcher.reader()
    return Weights(reader.doc_count(), lambda term: reader.doc_frequency("exact", term))


def apply(searcher: Any, result: dict[str, Any]) -> dict[str, Any]:
    """Fold the result page's hits that are the same story as a higher-ranked hit under it (same_story)."""
    hits = result.get("hits") or []
    feats = {}
    for hit in hits:
        f = features_of(searcher, hit["id"])
        if f is not None:
            feats[hit["id"]] = f
    groups = group((feats[h["id"]] for h in hits if h["id"] in feats), index_weights(searcher))
    by_id = {h["id"]: h for h in hits}
    folded_ids: set[str] = set()
    for members in groups:
        by_id[members[0]]["same_story"] = [
            {k: by_id[m].get(k) for k in ("id", "title", "language", "date")} for m in members[1:]
        ]
        folded_ids.update(members[1:])
    result["hits"] = [h for h in hits if h["id"] not in folded_ids]  # rank order kept
    result["folded"] = len(folded_ids)
    return result


def wanted(args: dict[str, str]) -> bool:
    """Say whether the request asks for grouping: on unless group=0 (or false/no/off)."""
    return (args.get("group") or "1").strip().lower() not in ("0", "false", "no", "off")
