"""Did-you-mean: replace query words the index does not know by the closest indexed words."""

from __future__ import annotations

import re
from typing import Any, Iterable

from .analysis import FOLD_MAP
from .schema import BODY_FIELDS, TITLE_FIELDS

_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _candidate_words(q: str) -> Iterable[re.Match[str]]:
    """Yield the plain words of a query string: not operators, field names, prefixes, fuzzy terms or numbers."""
    for m in _WORD.finditer(q):
        word = m.group(0)
        before = q[max(0, m.start() - 1) : m.start()]
        after = q[m.end() : m.end() + 1]
        if word in _OPERATORS or after in (":", "*", "~", "?") or before == ":" or len(word) < 3 or word.isdigit():
            continue
        yield m


def is_known(word: str, reader: Any) -> bool:
    """Say whether a word matches anything in the index, exactly or through any language's stemming."""
    if reader.doc_frequency("exact", _fold(word.lower())) > 0:
        return True
    for fieldname in BODY_FIELDS + TITLE_FIELDS:
        for token in reader.schema[fieldname].analyzer(word, mode="query"):
            if reader.doc_frequency(fieldname, token.text) > 0:
                return True
    return False


def suggest(q: str, searcher: Any) -> str | None:
    """Return the query with words the index does not know replaced by the closest indexed words, or None."""
    reader = searcher.reader()
    corrector = None
    out: list[str] = []
    last = 0
    changed = False
    for m in _candidate_words(q):
        word = m.group(0)
        if is_known(word, reader):
            continue
        corrector = corrector or reader.corrector("exact")
        found = corrector.suggest(_fold(word.lower()), limit=1, maxdist=2, prefix=1)
        if found:
            out.append(q[last : m.start()])
            out.append(found[0])
            last = m.end()
            changed = True
    out.append(q[last:])
    return "".join(out) if changed else None


def _fold(word: str) -> str:
    return word.translate(FOLD_MAP)
