"""Did-you-mean: replace query words that no field of the index knows by close, indexed words, at bounded cost."""

from __future__ import annotations

import re
import time
from typing import Any, Iterable

from whoosh.lang.stopwords import stoplists

from . import lexicon, whooshfast
from .analysis import FOLD_MAP, LANGUAGES
from .schema import BODY_FIELDS, TITLE_FIELDS

_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Function words of any of our languages are never corrected: 'wie' or 'which' is a word, not a typo,
# even where the index holds no text in that language.
_FUNCTION_WORDS = frozenset(w for lang in LANGUAGES for w in stoplists[lang])

# The cost of a suggestion grows with the word's length (a Levenshtein automaton walked over the term
# list): a 1,000-letter word took 9.5 s. These bound the work of one query (bench/spelling_cost.py).
MIN_WORD_CHARS = 4  # shorter words (gab, wie) are too often right in some language to correct
MAX_WORD_CHARS = 24  # longer words are left alone: names, compounds, or noise
MAX_WORDS = 4  # unknown words looked up per query; the rest are left as typed
MIN_TWO_EDIT_CHARS = 9  # two edits only for long words: short words two edits apart are other words
MAX_TWO_EDIT_CHARS = 16  # and not for very long ones: the two-edit walk costs ~0.1 s there
MAX_CANDIDATES = 200  # indexed words considered per looked-up word
BUDGET_SECONDS = 0.15  # no further words are looked up once a query's suggestion work has taken this long


def _candidate_words(q: str) -> Iterable[re.Match[str]]:
    """Yield the plain words of a query string: not operators, field names, prefixes, fuzzy terms, numbers."""
    previous = ""
    for m in _WORD.finditer(q):
        word, negated = m.group(0), previous == "NOT"
        previous = word
        before = q[max(0, m.start() - 1) : m.start()]
        after = q[m.end() : m.end() + 1]
        if word in _OPERATORS or negated or after in (":", "*", "~", "?") or before in (":", "-"):
            continue
        if not MIN_WORD_CHARS <= len(word) <= MAX_WORD_CHARS or any(ch.isdigit() for ch in word):
            continue
        if word.lower() in _FUNCTION_WORDS or _in_lexicon(word.lower()):
            continue
        yield m


def _in_lexicon(word: str) -> bool:
    """Say whether our Dutch or German word data knows the word (a verb form such as gab, a compound part)."""
    return any(
        word in lexicon.PARTS.get(lang, ()) or word in lexicon.NOUNS.get(lang, ()) or lexicon.infinitive(lang, word)
        for lang in ("nl", "de")
    )


def is_known(word: str, reader: Any) -> bool:
    """Say whether a word matches anything in any field of the index, exactly or through any language's stemming."""
    if whooshfast.doc_frequency(reader, "exact", _fold(word.lower())) > 0:
        return True
    if whooshfast.doc_frequency(reader, "title_exact", _fold(word.lower())) > 0:
        return True
    for fieldname in BODY_FIELDS + TITLE_FIELDS:
        for token in reader.schema[fieldname].analyzer(word, mode="query"):
            if whooshfast.doc_frequency(reader, fieldname, token.text) > 0:
                return True
    return False


def correct_word(word: str, reader: Any) -> str | None:
    """Return the most frequent indexed word one edit (or a swap of two letters) away, two for long words."""
    text = _fold(word.lower())
    best: tuple[int, str] | None = None
    # A swap of neighbouring letters is the commonest typo (diplomatne); Whoosh's automaton counts it as two.
    for i in range(len(text) - 1):
        swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if swapped != text:
            best = _better(best, swapped, reader)
    # The first letters are rarely the mistyped ones, and keeping them shrinks the walk over the term list.
    if best is None:
        best = _within(text, 1, 2, reader)
    if best is None and MIN_TWO_EDIT_CHARS <= len(text) <= MAX_TWO_EDIT_CHARS:
        best = _within(text, 2, 3, reader)
    return best[1] if best else None


def _within(text: str, maxdist: int, prefix: int, reader: Any) -> tuple[int, str] | None:
    """Return (frequency, word) of the most frequent indexed word within maxdist edits, first letters kept."""
    best = None
    for n, candidate in enumerate(reader.terms_within("exact", text, maxdist, prefix=prefix)):
        if n >= MAX_CANDIDATES:
            break
        if candidate != text:
            best = _better(best, candidate, reader)
    return best


def _better(best: tuple[int, str] | None, candidate: str, reader: Any) -> tuple[int, str] | None:
    """Return the more frequent of the best so far and a candidate (when the index has it)."""
    freq = whooshfast.doc_frequency(reader, "exact", candidate)
    if freq and (best is None or (freq, candidate) > best):
        return freq, candidate
    return best


def suggest(q: str, searcher: Any) -> str | None:
    """Return the query with words no field of the index knows replaced by the closest indexed words, or None."""
    reader = searcher.reader()
    out: list[str] = []
    last = 0
    changed = False
    looked_up = 0
    started = time.perf_counter()
    for m in _candidate_words(q):
        word = m.group(0)
        if is_known(word, reader):
            continue
        if looked_up >= MAX_WORDS or time.perf_counter() - started > BUDGET_SECONDS:
            break
        looked_up += 1
        found = correct_word(word, reader)
        if found:
            out.append(q[last : m.start()])
            out.append(found.capitalize() if word[:1].isupper() and not word.isupper() else found)
            last = m.end()
            changed = True
    out.append(q[last:])
    return "".join(out) if changed else None


def _fold(word: str) -> str:
    return word.translate(FOLD_MAP)
