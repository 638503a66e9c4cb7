"""Same-story grouping: fold hits that report the same event as a higher-ranked hit under it.

Two reports are one story when they are near-duplicates (the same words: an agency copy, a re-post) or when
they share enough of what survives translation: names, numbers and dates (29 maart 2022 = March 29, 2022).
Word meaning across languages (diplomaten = diplomats) is not used: no translation is available here yet.
"""

from __future__ import annotations

import datetime
import itertools
import json
import math
import re
import sys
import threading
import unicodedata
import zlib
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import whooshfast
from .lazy import LazyNumpy

if TYPE_CHECKING:
    import numpy as np
else:
    np = LazyNumpy(__name__)  # the build computes each document's features (story_value()) without numpy

DATA = Path(__file__).with_name("data") / "stories.json"
SHINGLE_WORDS = 4  # word 4-grams: short enough to survive small edits, long enough to be specific
MAX_TEXT_CHARS = 8_000  # a story is told in its opening; a long report is compared on that (and cost stays bounded)
CACHE_DOCS = 4096
# Features cache budget per open index, as footprint() counts it, so long documents cannot grow a worker; footprint()
# counts shared strings in every document, so the cache measures less: 9 MB for 3,300 documents of the 100k index
# at 16 MB; 8 MB keeps ~1,650 documents, enough for the pages of recent queries (a worker stays under 300 MB).
CACHE_BYTES = 8_000_000
MEMO_WORDS = 8_192  # non-ASCII words folded and names transliterated, remembered: they recur across documents

# Thresholds, chosen on bench/qrels/stories.json (bench/stories.py prints precision and recall for them).
NEAR_DUPLICATE = 0.35  # Jaccard of word 4-gram sets
MIN_EVENT_SCORE = 6.0  # weighted shared names, numbers and days
MAX_DAYS_APART = 7  # two stated document dates further apart than this are two events
PERSON_WEIGHT = 3.0  # at most, for a name written next to another capitalised word (Sophie Wilmès)
WORD_WEIGHT = 1.0  # at most, for a lone capitalised word (Nederland, Russische): often a topic, not an event
BIG_NUMBER_WEIGHT = 2.0  # 17 diplomats, 298 victims
SMALL_NUMBER_WEIGHT = 0.5  # 3 to 9: common in any report
DAY_WEIGHT = 3.0

_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")
# (text since the last word, word): a word cannot start with what lies between two words, so the words are _WORD's
_GAP_WORD = re.compile(r"([\W_]*)([^\W_]+(?:[.'’-][^\W_]+)*)")
_OPENERS = " \t\"“‘'«("  # may stand between a sentence's end and its first word
_SENTENCE_ENDS = frozenset(".!?:\n»”…-–")
_LITTLE = sys.byteorder == "little"  # shingles are stored as little-endian uint32
_DIGITS = re.compile(r"^\d{1,3}(?:[.,]\d{3})*$|^\d+$")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        "months": data["months"],
        "numbers": data["numbers"],
        "not_names": frozenset(data["not_names"]),
        "special": frozenset(data["months"]) | frozenset(data["numbers"]),  # words extract() looks at lowercased
    }


def not_names() -> frozenset[str]:
    """Return the capitalised words that are not names (articles, weekdays, titles), folded."""
    return _data()["not_names"]


def fold(word: str) -> str:
    """Return a word lowercased without accents, so Wilmès and Wilmes compare equal."""
    if word.isascii():  # NFKD leaves ASCII as it is, and ASCII has no combining marks and no ß
        return word.lower()
    return _fold_unicode(word)


@lru_cache(maxsize=MEMO_WORDS)
def _fold_unicode(word: str) -> str:
    """Return fold() of a non-ASCII word: decomposed, marks dropped, ß spelled ss."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


@dataclass(frozen=True, slots=True)  # slots: no per-instance dict among thousands cached
class Features:
    """What one document offers for comparison."""

    id: str
    language: str | None
    date: str | None
    # CRC-32 of each distinct word 4-gram, sorted, uint32, read-only: 4 bytes a shingle where a frozenset of ints took
    # ~70; left out of == and hash() because an array has no single truth value (the id names the document)
    shingles: np.ndarray = field(compare=False)
    # Sorted tuples, not frozensets: a frozenset of 20 names takes 2.3 KB, a tuple 0.2 KB, and compare() makes a set
    # of one side only for the few pairs that get that far.
    names: tuple[str, ...]  # transliteration keys (Navalny = Nawalny), sorted
    forms: tuple[str, ...]  # each name key's word as written (lowercased), for weights and reasons
    persons: frozenset[str]  # the keys of names written next to another capitalised word
    numbers: frozenset[int]
    days: frozenset[str]  # MM-DD of dates the text mentions (with or without a year)


_NONE: frozenset[Any] = frozenset()  # one empty set for every document without persons, numbers or days


def _no_shingles() -> np.ndarray:
    """Return an empty shingle array, read-only like every document's (made on use: numpy loads lazily here)."""
    return np.frombuffer(b"", dtype="<u4")


def extract(doc_id: str, text: str, language: str | None, date: str | None) -> Features:
    """Return a document's shingles, names, numbers and mentioned days."""
    return from_stored(doc_id, language, date, story_value(text))


# What story_value() keeps of a document, in this order: the build writes it to the "story" field (schema.py).
StoryValue = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[str, ...], bytes]


def from_stored(doc_id: str, language: str | None, date: str | None, value: StoryValue) -> Features:
    """Return a document's Features from the value story_value() made for it (at build time, in the "story" field)."""
    keys, forms, persons, numbers, days, shingles = value
    return Features(doc_id, language, date, np.frombuffer(shingles, dtype="<u4"), tuple(keys),
                    tuple(map(sys.intern, forms)),  # one copy of a name's form however many cite it
                    frozenset(persons) or _NONE, frozenset(numbers) or _NONE, frozenset(days) or _NONE)


def story_value(text: str) -> StoryValue:
    """Return a text's same-story features as plain values (no numpy): what the build stores for each document.

    Grouping compares the page's hits by these; computed once at build time, a search only reads them back
    (extract() from the text was a tenth of a request's CPU at 100,000 documents).
    """
    data = _data()
    month_of, number_of, not_name = data["months"], data["numbers"], data["not_names"]
    text = text[:MAX_TEXT_CHARS]
    # Each word with the text in front of it, in one pass made in C: where a word stands (sentence start, next
    # to a name) is read from those gaps, without a match object a word.
    pairs = _GAP_WORD.findall(text)
    lowered = [w.lower() if w.isascii() else _fold_unicode(w) for _gap, w in pairs]  # fold(), without a call a word
    shingles = shingle_bytes(lowered)
    names: dict[str, str] = {}
    persons: set[str] = set()
    numbers: dict[int, list[int]] = {}  # value -> word positions
    days: set[str] = set()
    day_positions: set[int] = set()  # the 29 of 29 maart is a day, not a count
    special = data["special"]
    last = len(pairs) - 1

    def capital(j: int) -> bool:
        return pairs[j][1][0].isupper() and lowered[j] not in not_name

    # Only a capitalised word, a number or a number or month word can count below: the loop visits those
    # (a word never ends with ".", so low.rstrip(".") of the month lookup was low itself).
    candidates = [i for i, ((_gap, w), low) in enumerate(zip(pairs, lowered))
                  if w[0].isupper() or w[0].isdigit() or low in special]
    for i in candidates:
        gap, word = pairs[i]
        low = lowered[i]
        if word[0].isdigit() and _DIGITS.match(word):  # \d is a subset of isdigit(): the test only skips the regex
            value = int(word.replace(".", "").replace(",", ""))
            if not 1900 <= value <= 2100 and value >= 3:
                numbers.setdefault(value, []).append(i)
        else:
            value = number_of.get(low)
            if value is not None and value >= 3:
                numbers.setdefault(value, []).append(i)
        month = month_of.get(low)
        if month is not None and len(low) >= 3:
            found = _day_near(lowered, i)
            if found:
                day, at = found
                days.add(f"{month:02d}-{day:02d}")
                day_positions.add(at)
        if len(word) >= 3 and month is None and low not in number_of and capital(i) \
                and not _sentence_start(gap, i == 0):
            key = translit(low)
            if len(key) < 3:
                continue
            names.setdefault(key, low)
            # First Last: a capitalised neighbour one space away
            if key not in persons and ((i > 0 and gap == " " and capital(i - 1))
                                       or (i < last and pairs[i + 1][0] == " " and capital(i + 1))):
                persons.add(key)
    keys = sorted(names)
    counts = sorted(n for n, at in numbers.items() if not set(at) <= day_positions)
    return (tuple(keys), tuple(names[k] for k in keys), tuple(sorted(persons)), tuple(counts), tuple(sorted(days)),
            shingles)


def shingle_bytes(lowered: list[str]) -> bytes:
    """Return the sorted distinct shingles of the word 4-grams as little-endian uint32: each run's CRC-32.

    A run is its four words' UTF-8 joined by NUL (no word holds one), read as a slice of the whole text
    encoded once. zlib's CRC-32 is the same in every process, so shingles written by the build compare with
    shingles made at search time (Python's str hash differs per process).
    """
    n = len(lowered) - SHINGLE_WORDS + 1
    if n <= 0:
        return b""
    encoded = "\0".join(lowered).encode("utf-8")
    # Byte offset of each word's start: the previous start, its length and the NUL.
    starts = list(itertools.accumulate((len(w.encode("utf-8")) + 1 for w in lowered), initial=0))
    view = memoryview(encoded)
    crc = zlib.crc32
    runs = sorted({crc(view[starts[i] : starts[i + SHINGLE_WORDS] - 1]) for i in range(n)})
    out = array("I", runs)
    if not _LITTLE:
        out.byteswap()
    return out.tobytes()


_TRANSLIT = [("tsch", "ch"), ("tsj", "ch"), ("sch", "sh"), ("sj", "sh"), ("zh", "sh"), ("kh", "ch"), ("oe", "u"),
             ("ph", "f"), ("ck", "k"), ("w", "v"), ("z", "s"), ("j", "y"), ("ie", "i"), ("ij", "y"), ("ks", "x")]


@lru_cache(maxsize=MEMO_WORDS)
def translit(word: str) -> str:
    """Return a key that spellings of one name in nl/en/de transliteration share: consonants, folded.

    Navalny/Nawalny, Prigozhin/Prigoschin, Cherkasov/Tsjerkasov/Tscherkassow, Zelensky/Selenskyj all meet.
    """
    key = word
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters
    return key[0] + re.sub(r"[aeiouy'’.-]", "", key[1:]) if key else key


def _day_near(lowered: list[str], i: int) -> tuple[int, int] | None:
    """Return (day, its position) written next to the month word at i (29 maart, 29. März, March 29), or None."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(lowered) and lowered[j].isdigit() and 1 <= int(lowered[j]) <= 31 and len(lowered[j]) <= 2:
            return int(lowered[j]), j
    return None


def _sentence_start(gap: str, first: bool) -> bool:
    """Say whether a word with this text in front of it opens a sentence or line (where any word is capitalised)."""
    gap = gap.rstrip(_OPENERS)
    # With nothing but openers in front, the character before is the previous word's last: a letter or digit.
    return gap[-1] in _SENTENCE_ENDS if gap else first


class Weights:
    """How telling a shared name is: rarer in the index weighs more (idf), capped; remembered per word."""

    def __init__(self, doc_count: int, doc_frequency: Any):
        self.doc_count = doc_count
        self.doc_frequency = doc_frequency  # callable(term) -> int
        self._idf: dict[str, float] = {}

    def idf(self, term: str) -> float:
        """Return log(1 + N / (df + 1)) of a word in the exact field."""
        found = self._idf.get(term)
        if found is None:
            found = self._idf[term] = math.log(1 + self.doc_count / (self.doc_frequency(term) + 1))
        return found


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return |a ∩ b| / |a ∪ b| of two sorted arrays of distinct values (0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    return shared / (len(a) + len(b) - shared)


def _day_number(date: str | None) -> int | None:
    """Return a stated date's day number (YYYY-MM-DD…), or None when it has none or an invalid one."""
    if not date or len(date) < 10:
        return None
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def _days_apart(a: str | None, b: str | None) -> int | None:
    day_a, day_b = _day_number(a), _day_number(b)
    return None if day_a is None or day_b is None else abs(day_a - day_b)


def compare(a: Features, b: Features, w: Weights) -> tuple[bool, float, str]:
    """Return (same story?, score, why) for two documents."""
    apart = _days_apart(a.date, b.date)
    if apart is not None and apart > MAX_DAYS_APART:
        return False, 0.0, f"dated {apart} days apart"
    days = a.days & b.days
    if a.days and b.days and not days:  # even a near-copy: a template report of another day's event
        return False, 0.0, "mention different days"
    dup = jaccard(a.shingles, b.shingles)
    if dup >= NEAR_DUPLICATE:
        return True, dup, f"near-duplicate text ({dup:.0%} shared 4-word runs)"
    names = set(a.names).intersection(b.names)
    forms = dict(zip(a.names, a.forms))
    persons = names.intersection(a.persons, b.persons)
    score = 0.0
    for key in sorted(names):  # one order: the float sum does not depend on the process's hash seed
        cap = PERSON_WEIGHT if key in persons else WORD_WEIGHT
        score += min(cap, w.idf(forms[key]))
    numbers = a.numbers & b.numbers
    score += sum(BIG_NUMBER_WEIGHT if n >= 10 else SMALL_NUMBER_WEIGHT for n in numbers)
    score += DAY_WEIGHT * len(days)
    kinds = sum(1 for s in (names, numbers, days) if s)
    same = score >= MIN_EVENT_SCORE and (kinds >= 2 or len(persons) >= 3)
    shared = sorted(forms[k] for k in persons)[:4] + [str(n) for n in sorted(numbers)[:3]] + sorted(days)[:2]
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


def _memo(searcher: Any) -> dict[str, Any]:
    """Return this open index's memo of features and word weights (a new build starts an empty one)."""
    reader = searcher.reader()
    memo = getattr(reader, "_searchsvc_stories", None)
    if memo is None:
        memo = {"features": OrderedDict(), "sizes": {}, "bytes": 0, "lock": threading.Lock(), "idf": {}}
        reader._searchsvc_stories = memo
    return memo


def features_of(searcher: Any, doc_id: str, stored: dict[str, Any] | None = None) -> Features | None:
    """Return a document's features, remembered for this open index (ids name one version per build).

    stored is the document's stored fields when the caller has read them already (the search has, for its
    passages): looking the document up by id again was a sixth of grouping's cost.
    """
    memo = _memo(searcher)
    cache: OrderedDict[str, Features] = memo["features"]
    sizes: dict[str, int] = memo["sizes"]
    with memo["lock"]:  # a threaded server's requests share the cache: its order and byte count change together
        found = cache.get(doc_id)
        if found is not None:
            cache.move_to_end(doc_id)
            return found
    if stored is None:
        stored = searcher.document(id=doc_id)
    if stored is None:
        return None
    meta = json.loads(stored["meta"])
    value = stored.get("story")
    if value is not None:  # written by the build
        found = from_stored(doc_id, meta.get("language"), meta.get("date"), value)
    else:  # a build from before the field
        found = extract(doc_id, stored.get("text") or "", meta.get("language"), meta.get("date"))
    size = footprint(found)
    with memo["lock"]:
        if doc_id in cache:  # another request extracted it meanwhile
            cache.move_to_end(doc_id)
            return cache[doc_id]
        cache[doc_id], sizes[doc_id] = found, size
        memo["bytes"] += size
        while len(cache) > CACHE_DOCS or (memo["bytes"] > CACHE_BYTES and len(cache) > 1):
            gone, _ = cache.popitem(last=False)  # the least recently used
            memo["bytes"] -= sizes.pop(gone)
    return found


def footprint(f: Features) -> int:
    """Return about how many bytes a Features holds (its containers and strings; shared strings counted each time)."""
    shingles = f.shingles
    size = sys.getsizeof(f) + sys.getsizeof(shingles) + (shingles.nbytes if shingles.base is not None else 0)
    size += sum(sys.getsizeof(x) for x in (f.id, f.language, f.date) if x is not None)
    for items in (f.names, f.forms, f.persons, f.numbers, f.days):
        size += sys.getsizeof(items) + sum(map(sys.getsizeof, items))
    return size


def index_weights(searcher: Any) -> Weights:
    """Return name weights from the open index: document frequency in the exact (accent-folded) field."""
    reader = searcher.reader()
    weights = Weights(reader.doc_count(), lambda term: whooshfast.doc_frequency(reader, "exact", term))
    weights._idf = _memo(searcher)["idf"]  # shared by every request on this index
    return weights


def dated_apart(dates: list[str | None]) -> list[bool]:
    """Say, for each date, whether it is more than MAX_DAYS_APART from every other one (all of them stated)."""
    days = [_day_number(d) for d in dates]  # each date parsed once, not once per pair
    return [
        all(day is not None and other is not None and abs(day - other) > MAX_DAYS_APART
            for j, other in enumerate(days) if j != i)
        for i, day in enumerate(days)
    ]


def apply(searcher: Any, result: dict[str, Any]) -> dict[str, Any]:
    """Fold the result page's hits that are the same story as a higher-ranked hit under it (same_story)."""
    hits = result.get("hits") or []
    stored = getattr(result, "stored", None) or {}  # search.Result: the page's documents, read for the passages
    apart = dated_apart([hit.get("date") for hit in hits])  # the stored meta's date, as features_of reads it
    feats = {}
    for i, hit in enumerate(hits):
        if apart[i]:
            # compare() answers "dated N days apart" for every pair with this hit before it reads any feature,
            # so its text is not read: about half the hits of a page (250 benchmark queries: 1,164 of 2,291).
            feats[hit["id"]] = Features(hit["id"], hit.get("language"), hit.get("date"), _no_shingles(), (), (),
                                        frozenset(), frozenset(), frozenset())
            continue
        f = features_of(searcher, hit["id"], stored.get(hit["id"]))
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
