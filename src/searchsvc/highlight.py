"""Passages, marks and citations: which words of a hit matched, where, and how to cite them."""

from __future__ import annotations

import bisect
import html
import itertools
import json
import math
import re
import sys
import weakref
from dataclasses import dataclass
from typing import Any, Iterable, Iterator
from urllib.parse import quote

from whoosh import query as wq

from . import analysis, langid, lexicon, metadata
from .analysis import TOKEN_PATTERN
from .memo import Memo
from .schema import BODY_FIELDS, body_field, schema_memo, schema_memos
from .whooshfast import WORD_KEYS, FastAnalysis, doc_frequency, key_sections

MAX_PASSAGES = 3
PASSAGE_CHARS = 300


class Terms(dict):  # type: ignore[type-arg]
    """Per field, the indexed terms a query looks for; `phrases` lists the quoted phrases as (field, words).

    A phrase's words are marked only where they occur as the phrase, so they are kept apart from the lone terms.
    """

    def __init__(self) -> None:
        super().__init__()
        self.phrases: list[tuple[str, tuple[str, ...]]] = []

    def __bool__(self) -> bool:
        return bool(len(self) or self.phrases)  # a query of only a phrase still has words to mark


def match_terms(q: Any, reader: Any) -> Terms:
    """Return, per field, the indexed terms a query looks for (expanded for prefix and fuzzy), skipping NOT."""
    terms = Terms()

    def walk(node: Any) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Phrase):
            words = tuple(node.words)
            if words and (node.fieldname, words) not in terms.phrases:
                terms.phrases.append((node.fieldname, words))
            return
        if isinstance(node, wq.MultiTerm):
            # query.expand has already replaced these by their words; kept for a caller that did not expand,
            # through Whoosh's public expanded_terms (bounded: at most 500 words marked).
            found = itertools.islice(node.expanded_terms(reader), 500)
            words = {text.decode("utf-8") if isinstance(text, bytes) else text for _field, text in found}
            terms.setdefault(node.fieldname, set()).update(words)
            return
        if isinstance(node, wq.Term):
            terms.setdefault(node.fieldname, set()).add(node.text)
            return
        for child in node.children():
            walk(child)

    walk(q)
    return terms


@dataclass
class Span:
    """A matched word in a text: character offsets and the query word it answers."""

    start: int
    end: int
    key: str


_TOKEN = re.compile(TOKEN_PATTERN)


def _token_spans(text: str, start: int, end: int, word: str) -> list[tuple[int, int]]:
    """Return the offsets of the tokens of text[start:end] that are `word`, as _TOKEN.finditer finds them there.

    A page needs the offsets of a paragraph's few matching words only; a match object for every token of every
    matching paragraph was a third of finding them. A token is a run of letters and digits (str.isalnum: the
    pattern's word characters but _) joined by single dots, so an occurrence of the word is a token exactly when
    neither side continues it: no letter or digit next to it, and no dot with one beyond.
    """
    out = []
    size = len(word)
    at = text.find(word, start, end)
    while at >= 0:
        stop = at + size
        before = at > start and (text[at - 1].isalnum()
                                 or (text[at - 1] == "." and at - 1 > start and text[at - 2].isalnum()))
        after = stop < end and (text[stop].isalnum()
                                or (text[stop] == "." and stop + 1 < end and text[stop + 1].isalnum()))
        if not before and not after:
            out.append((at, stop))
        at = text.find(word, at + 1, end)
    return out


# Distinct words whose index keys highlighting remembers, all fields and open builds together; past it every
# memo starts afresh. Over 1,500 distinct queries on 100,000 documents (bench/queries.json's load pool), a page
# met ~220 words new to a memo of 100,000 and ~78 to one of 200,000 (which never filled): their analysis fell
# from 3.1 to 1.6 ms a request. With the word caches below cut to lexicon.WORD_CACHE = 4,096 (from 50,000, which
# they filled: ~250 bytes an entry, four caches), the process peaked at 270 MB instead of 297.
MEMO_WORDS = 200_000
CHAIN_WORDS = 0  # words analysed through a Whoosh chain (fields FastAnalysis does not know); tests read it


class _KeyTable:
    """Remembered analysis of one chain: word -> its index keys, and key -> the words that have it.

    The reverse map lets find_spans look up the few keys a query wants among a paragraph's words with set
    operations, instead of visiting every word of every paragraph in Python. A key's words are one str (most
    keys have one word) or a list. Emptied by replacing the table, never in place, so a search that holds it
    sees a memo and a reverse map that agree.
    """

    __slots__ = ("memo", "words_of")

    def __init__(self) -> None:
        # A word's keys are stored compactly: "" for none (a stopword), the key itself for one (most words),
        # else a tuple; the keys are interned, so the words of one stem share it (see keys_of).
        self.memo: dict[str, str | tuple[str, ...]] = {}
        self.words_of: dict[str, str | list[str]] = {}

    def add(self, word: str, keys: tuple[str, ...]) -> None:
        """Remember one word's keys, both ways."""
        keys = tuple(map(sys.intern, keys))
        self.memo[word] = keys[0] if len(keys) == 1 else (keys or "")
        words_of = self.words_of
        for key in keys:
            have = words_of.get(key)
            if have is None:
                words_of[key] = word
            elif type(have) is str:
                words_of[key] = [have, word]
            else:
                have.append(word)


def keys_of(stored: str | tuple[str, ...]) -> tuple[str, ...]:
    """Return the keys a table's memo holds for a word as a tuple (see _KeyTable)."""
    if type(stored) is str:
        return (stored,) if stored else ()
    return stored  # type: ignore[return-value]


class _WordKeys:
    """One field's word -> index keys, by FastAnalysis where it knows the chain, else by the Whoosh chain."""

    def __init__(self, field: Any, fast: FastAnalysis | None):
        self.fast = fast
        self.analyzer = field.analyzer
        self.table = _KeyTable()

    @property
    def memo(self) -> dict[str, str | tuple[str, ...]]:
        """Return the remembered word -> keys of this field's chain (shared by fields with an equal chain)."""
        return self.table.memo

    def learn(self, table: _KeyTable, words: Iterable[str]) -> None:
        """Remember the keys of words new to a table (of this field's chain).

        A chain FastAnalysis knows lowercases a word before anything else, so a capitalised word (a sentence's
        first, a German noun met in lower case too) has the keys the table already holds for its lower case.
        """
        memo, fast = table.memo, self.fast is not None
        for word in sorted(words, key=lambda w: not w.islower()) if fast else words:  # lower case first
            low = word.lower() if fast else word
            have = memo.get(low) if low != word else None
            table.add(word, keys_of(have) if have is not None else self.keys(word))

    def keys(self, word: str) -> tuple[str, ...]:
        """Return the distinct index keys of one word, in the chain's order (none for a stopword)."""
        if self.fast is not None:
            return self.fast.distinct_terms(word)
        global CHAIN_WORDS
        CHAIN_WORDS += 1
        return tuple(dict.fromkeys(t.text for t in self.analyzer(word, mode="index")))


_memo_words = 0  # words added to the memos since they were last emptied


def word_keys(schema: Any, fieldname: str) -> _WordKeys:
    """Return the remembered word -> index keys analysis of one field of a schema."""
    # Per open schema, each searched field's word keys. Fields of one schema with equal chains share one table.
    fields: dict[str, _WordKeys] = schema_memo(schema).setdefault("word_keys", {})
    wk = fields.get(fieldname)
    if wk is None:
        field = schema[fieldname]
        fast = FastAnalysis.of(field)
        wk = _WordKeys(field, fast)
        if fast is not None:
            fast.forget_stems()
            same = next((o for o in fields.values() if o.fast is not None and fast.share_memo(o.fast)), None)
            if same is not None:
                wk.table = same.table
        fields[fieldname] = wk
    return wk


def clear_memos() -> None:
    """Forget every remembered word's keys (the word lists changed, or the memory budget is spent)."""
    global _memo_words
    for memo in schema_memos():
        fresh: dict[int, _KeyTable] = {}  # fields that shared a table share the new one
        for wk in memo.get("word_keys", {}).values():
            wk.table = fresh.setdefault(id(wk.table), _KeyTable())
    _memo_words = 0


lexicon.CACHE_CLEARS.append(clear_memos)


# A new word's analysis also leaves an entry in each of these caches (up to lexicon.WORD_CACHE each): emptied with
# our memos as well.
_WORD_CACHES = (lexicon.stem, lexicon.infinitive, lexicon.compound_parts, analysis.participle_infinitive)


def _remember(added: int) -> None:
    """Count words newly remembered; past MEMO_WORDS empty every memo and the caches its words filled."""
    # Evicting the older half instead measured no better (6.06 against 5.79 CPU s over 1,500 distinct queries).
    global _memo_words
    _memo_words += added
    if _memo_words > MEMO_WORDS:
        clear_memos()
        for cache in _WORD_CACHES:
            cache.cache_clear()


def _present(key: str, words_of: dict[str, str | list[str]], words: set[str]) -> list[str]:
    """Return the words of a set that have an index key (by the reverse map)."""
    have = words_of.get(key)
    if have is None:
        return []
    if type(have) is str:
        return [have] if have in words else []
    return [w for w in have if w in words]


def _matching(wk: _WordKeys, table: _KeyTable, words: set[str], wanted: Any) -> tuple[dict[str, str], int]:
    """Learn a text's words new to a field's table; return its words that answer a wanted key (word -> the first
    such key, in the chain's order) and how many of its words were new."""
    memo, words_of = table.memo, table.words_of
    new = words.difference(memo)  # C-speed: most of a page's words were seen before
    wk.learn(table, new)
    # The few words that match, found from the query's keys (or, for a query of more keys than the text has
    # words, such as a wide prefix, from the words).
    if len(wanted) <= len(words):
        candidates = {w for key in wanted for w in _present(key, words_of, words)}
    else:
        candidates = {w for w in words if not wanted.isdisjoint(keys_of(memo[w]))}
    return {w: next(k for k in keys_of(memo[w]) if k in wanted) for w in candidates}, len(new)


KEYED_DOCS = 0  # documents whose words' keys were read from their stored word keys; tests read it


Stored = tuple[list[str], list[str]]  # one field's stored word keys of a document: its words, each one's keys


def _stored_tables(keyed: str | None, fieldnames: Iterable[str]) -> dict[str, Stored] | None:
    """Return each field's stored word keys of a document (whooshfast.WORD_KEYS), or None unless it has them all."""
    if not keyed:
        return None  # a document of a build before them, or written by Whoosh's own writer
    tables = key_sections(keyed, fieldnames)
    if len(tables) < len(set(fieldnames)):
        return None
    global KEYED_DOCS
    KEYED_DOCS += 1
    return tables


def _stored_keys(word: str, keys: str) -> tuple[str, ...]:
    """Return a stored word's keys, in the chain's order ("" stands for the word itself)."""
    return (word,) if not keys else tuple(keys.split(" "))


def _stored_matches(stored: Stored, wanted: Any) -> Iterator[tuple[str, str]]:
    """Yield (word, key) for each wanted key a word of a document's stored word keys has, in the chain's order."""
    for word, keys in zip(*stored):
        if not keys:
            if word in wanted:
                yield word, word
        elif " " not in keys:
            if keys in wanted:
                yield word, keys
        else:
            for key in keys.split(" "):
                if key in wanted:
                    yield word, key


def _stored_hits(stored: Stored, wanted: Any) -> dict[str, str]:
    """Return the words of a document's stored keys that answer a wanted key: word -> its first such key, in the
    chain's order (what _matching finds, without analysing a word)."""
    hits: dict[str, str] = {}
    for word, key in _stored_matches(stored, wanted):
        hits.setdefault(word, key)
    return hits


def _stored_words_of(stored: Stored, wanted: Any) -> dict[str, set[str]]:
    """Return wanted key -> the words that have it, of a document's stored word keys (keys no word has left out)."""
    words_of: dict[str, set[str]] = {}
    for word, key in _stored_matches(stored, wanted):
        words_of.setdefault(key, set()).add(word)
    return words_of


def _indexes(schema: Any, fieldname: str) -> Any:
    """Return a function that says whether a word of a field's text becomes any index key (is no stopword)."""
    fast = word_keys(schema, fieldname).fast
    assert fast is not None  # stored word keys are written only for fields FastAnalysis analyses
    return fast.keeps


def _stored_table(stored: Stored, words: Iterable[str]) -> _KeyTable:
    """Return a _KeyTable of one document's words from its stored keys; its other words have none (stopwords)."""
    table = _KeyTable()
    for word in words:
        table.memo[word] = ""
    for word, keys in zip(*stored):
        table.add(word, _stored_keys(word, keys))
    return table


def find_spans(text: str, lang: str, terms: dict[str, set[str]], schema: Any) -> list[Span]:
    """Return the spans of words in text (of an analyzer language) that match the query terms.

    A quoted phrase's words are matched only where they stand together as the phrase. Every filter after
    the tokenizer treats one word at a time, so a word's index keys are the analyzer's output for that word
    alone: each distinct word is analysed once and remembered (see MEMO_WORDS).
    """
    return _spans(text, [(0, len(text), lang)], terms, schema)[0]


def paragraph_spans(text: str, paras: list[list[Any]], terms: dict[str, set[str]], schema: Any,
                    keyed: str | None = None) -> list[list[Span]]:
    """Return find_spans of each stored paragraph (start, end, language, …) of a text, offsets within it.

    `keyed` is the document's stored word keys (WORD_KEYS): with them no word of the text is analysed.
    """
    return _spans(text, [(p[0], p[1], langid.analysis_language(p[2])) for p in paras], terms, schema, keyed)


def _spans(text: str, parts: list[tuple[int, int, str]], terms: dict[str, set[str]], schema: Any,
           keyed: str | None = None) -> list[list[Span]]:
    """Return find_spans of each (start, end, analyzer language) part of a text, a document's words looked up once.

    Per paragraph, the lookups cost more than the words: a page's hits have ~50 paragraphs and most match
    nothing. So each field's matching words are found once among the document's distinct words, and a
    paragraph is read word by word only when it holds one of them. A document's stored word keys say which
    of its words have which keys (the parts being its paragraphs, which the build analysed field by field).
    """
    result: list[list[Span]] = [[] for _ in parts]
    phrases = getattr(terms, "phrases", [])
    # The fields a part is searched in follow from its language: decided once a language, not once a part.
    searched = {lang: [f for f in (body_field(lang), "exact") if terms.get(f) or any(name == f for name, _p in phrases)]
                for lang in {lang for _start, _end, lang in parts}}
    if len(searched) == 1:  # one language: every field covers every part
        whole = next(iter(searched.values()))
        if not whole:
            return result
        if _apart(text, parts):
            return _spans_whole(text, parts, terms, schema, whole, keyed)
    fields: dict[str, list[int]] = {}  # field -> the parts it is searched in
    for n, (_start, _end, lang) in enumerate(parts):
        for fieldname in searched[lang]:
            fields.setdefault(fieldname, []).append(n)
    if not fields:
        return result
    if all(len(numbers) == len(parts) for numbers in fields.values()) and _apart(text, parts):
        return _spans_whole(text, parts, terms, schema, list(fields), keyed)
    tokens = [_TOKEN.findall(text, start, end) for start, end, _lang in parts]
    tables = _stored_tables(keyed, fields)
    added = 0
    # Per field: the table read (held for this document: another thread may replace the field's table meanwhile),
    # its words that answer a query key (word -> the first key of it, in the chain's order, the query wants) and
    # the field's phrases all of whose keys the document has.
    found: dict[str, tuple[_KeyTable, dict[str, str], list[tuple[str, ...]]]] = {}
    for fieldname, numbers in fields.items():
        words = set().union(*(tokens[n] for n in numbers))
        wanted = terms.get(fieldname) or ()
        if tables is not None:
            table = _stored_table(tables[fieldname], words)
            hits = _stored_hits(tables[fieldname], wanted)
        else:
            wk = word_keys(schema, fieldname)
            table = wk.table
            hits, new = _matching(wk, table, words, wanted)
            added += new
        words_of = table.words_of
        field_phrases = [p for name, p in phrases if name == fieldname and all(_present(k, words_of, words) for k in p)]
        if hits or field_phrases:
            found[fieldname] = (table, hits, field_phrases)
    for n, (start, end, lang) in enumerate(parts):
        words_here = tokens[n]
        spans: dict[tuple[int, int], Span] = {}
        matches: list[re.Match[str]] | None = None
        for fieldname in (body_field(lang), "exact"):
            entry = found.get(fieldname)
            if entry is None:
                continue
            table, hits, field_phrases = entry
            memo, words_of = table.memo, table.words_of
            if field_phrases:
                here = set(words_here)
                field_phrases = [p for p in field_phrases if all(_present(k, words_of, here) for k in p)]
            if not field_phrases:  # the matching words' own offsets: no match object for the paragraph's other words
                if hits.keys().isdisjoint(words_here):
                    continue
                for word in hits.keys() & set(words_here):
                    key = hits[word]
                    for a, b in _token_spans(text, start, end, word):
                        spans.setdefault((a - start, b - start), Span(a - start, b - start, key))
                continue
            # A phrase to mark: every token's offsets, for the runs of indexed words below.
            if matches is None:
                matches = list(_TOKEN.finditer(text, start, end))
            for i in [i for i, word in enumerate(words_here) if word in hits]:
                a, b = matches[i].start() - start, matches[i].end() - start
                spans.setdefault((a, b), Span(a, b, hits[words_here[i]]))
            # The words the index holds (stopwords drop out), with their keys: a phrase is a run of them.
            seq = [(matches[i], keys_of(memo[word])) for i, word in enumerate(words_here) if memo[word]]
            for phrase in field_phrases:
                size = len(phrase)
                for i in range(len(seq) - size + 1):
                    if all(phrase[k] in seq[i + k][1] for k in range(size)):
                        for k in range(size):
                            a, b = seq[i + k][0].start() - start, seq[i + k][0].end() - start
                            spans.setdefault((a, b), Span(a, b, phrase[k]))
        if spans:
            result[n] = sorted(spans.values(), key=lambda s: s.start)
    if added:
        _remember(added)
    return result


def _apart(text: str, parts: list[tuple[int, int, str]]) -> bool:
    """Say whether the parts follow each other with only whitespace between them (as stored paragraphs do)."""
    for (_a, end, _l), (start, _b, _m) in zip(parts, parts[1:]):
        if start <= end or not text[end:start].isspace():
            return False
    return True


def _spans_whole(text: str, parts: list[tuple[int, int, str]], terms: dict[str, set[str]], schema: Any,
                 fieldnames: list[str], keyed: str | None = None) -> list[list[Span]]:
    """Return _spans of parts that every field covers, reading the text as one.

    Whitespace alone between the parts: no token crosses from one into the next and a word's neighbours
    are the same, so the tokens of the whole run are the parts' tokens and a matching word's offsets
    there are its offsets in its part. Most of a page's paragraphs match nothing; this finds the few
    matching words' offsets in one pass each and hands them to their paragraphs by bisection, instead
    of visiting every paragraph. A phrase is looked for from each occurrence of a word with its first key,
    reading on through the words of that paragraph the index holds (stopwords drop out). With the document's
    stored word keys, the matching words are read from them: the text is not split into words at all unless a
    phrase is looked for.
    """
    result: list[list[Span]] = [[] for _ in parts]
    low, high = parts[0][0], parts[-1][1]
    tables = _stored_tables(keyed, fieldnames)
    words = set(_TOKEN.findall(text, low, high)) if tables is None else set()
    starts = [start for start, _end, _lang in parts]
    spans: dict[tuple[int, int], tuple[int, Span]] = {}
    phrases = getattr(terms, "phrases", [])
    added = 0

    def add(a: int, b: int, key: str, n: int = -1) -> None:
        if (a, b) not in spans:
            n = n if n >= 0 else bisect.bisect_right(starts, a) - 1
            spans[(a, b)] = (n, Span(a - starts[n], b - starts[n], key))

    # The paragraphs' own field before "exact" (the order _spans gives them): an offset keeps its first key.
    for fieldname in sorted(fieldnames, key=lambda name: name == "exact"):
        wanted = terms.get(fieldname) or ()
        if tables is not None:
            stored = tables[fieldname]
            hits = _stored_hits(stored, wanted)
        else:
            wk = word_keys(schema, fieldname)
            table = wk.table  # held: another thread may replace the field's table meanwhile
            hits, new = _matching(wk, table, words, wanted)
            added += new
        for word, key in hits.items():
            for a, b in _token_spans(text, low, high, word):
                add(a, b, key)
        with_key: dict[str, set[str]] | None = None
        for name, phrase in phrases:
            if name != fieldname:
                continue
            # Per word of the phrase, the words that have its key; whether a word is in the index at all.
            if tables is not None:
                if with_key is None:
                    with_key = _stored_words_of(stored, {k for name, p in phrases if name == fieldname for k in p})
                if not all(k in with_key for k in phrase):
                    continue
                having = [with_key[k] for k in phrase]
                firsts: Iterable[str] = sorted(having[0])
                indexed = _indexes(schema, fieldname)

                def has(word: str, k: int, having: list[set[str]] = having) -> bool:
                    return word in having[k]
            else:
                memo, words_of = table.memo, table.words_of
                if not all(_present(k, words_of, words) for k in phrase):
                    continue
                firsts = _present(phrase[0], words_of, words)
                indexed = memo.__getitem__

                def has(word: str, k: int, phrase: tuple[str, ...] = phrase, memo: Any = memo) -> bool:
                    return phrase[k] in keys_of(memo[word])
            for word in firsts:
                for a, b in _token_spans(text, low, high, word):
                    n = bisect.bisect_right(starts, a) - 1
                    run = [(a, b)]
                    if len(phrase) > 1:
                        for m in _TOKEN.finditer(text, b, parts[n][1]):
                            follower = m.group()
                            if not indexed(follower):
                                continue  # a stopword: not in the index, so not between a phrase's words
                            if not has(follower, len(run)):
                                break
                            run.append(m.span())
                            if len(run) == len(phrase):
                                break
                    if len(run) == len(phrase):
                        for k, (x, y) in enumerate(run):
                            add(x, y, phrase[k], n)
    for n, span in sorted(spans.values(), key=lambda item: (item[0], item[1].start)):
        result[n].append(span)
    if added:
        _remember(added)
    return result


def mark(text: str, spans: list[Span], offset: int = 0) -> str:
    """Return text HTML-escaped, with the given spans (relative to offset) wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for span in spans:
        s, e = span.start - offset, span.end - offset
        if s < pos or s < 0 or e > len(text):
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+(?=[\"“«(‘'A-ZÀ-Ý0-9–-])")


def _window(text: str, spans: list[Span]) -> tuple[int, int]:
    """Return the (start, end) of the ~PASSAGE_CHARS window of whole sentences with the most distinct matches."""
    if len(text) <= PASSAGE_CHARS * 1.4:
        return 0, len(text)
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    sentences = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]
    best = (0, 0, len(text))
    best_score = (-1, 0)
    for i, (start, _) in enumerate(sentences):
        end = start
        for j in range(i, len(sentences)):
            if end - start > 0 and sentences[j][1] - start > PASSAGE_CHARS:
                break
            end = sentences[j][1]
        inside = [s for s in spans if start <= s.start < end]
        score = (len({s.key for s in inside}), len(inside))
        if score > best_score:
            best_score, best = score, (i, start, end)
    _, start, end = best
    if end - start > PASSAGE_CHARS * 1.6:  # one very long sentence: cut around the first match
        first = next((s.start for s in spans if start <= s.start < end), start)
        start = max(start, first - PASSAGE_CHARS // 3)
        end = min(end, start + PASSAGE_CHARS)
        while start > 0 and not text[start - 1].isspace():
            start += 1
        while end < len(text) and not text[end].isspace() and end > start:
            end -= 1
    return start, end


# Per open reader (one per build a worker has open), each word's IDF for choosing passages: looking it up in
# Whoosh's term tables for every hit of every search was a fifth of the slowest queries' time at 100,000 documents.
_IDF_CACHE: "weakref.WeakKeyDictionary[Any, Memo]" = weakref.WeakKeyDictionary()
_IDF_WORDS = 100_000  # words remembered per reader before starting afresh


def _idf(reader: Any, key: str, fields: Iterable[str]) -> float:
    fields = tuple(fields)
    try:
        memo = Memo.kept_in(_IDF_CACHE, reader, _IDF_WORDS)
    except TypeError:  # a reader that cannot be weakly referenced: no memo
        memo = {}
    cached = memo.get((key, fields))
    if cached is not None:
        return cached
    n = max(reader.doc_count(), 1)
    df = max((doc_frequency(reader, f, key) for f in fields), default=0)
    value = memo[(key, fields)] = math.log(1 + (n - df + 0.5) / (df + 0.5))
    return value


def passages(
    stored: dict[str, Any],
    terms: dict[str, set[str]],
    reader: Any,
    limit: int = MAX_PASSAGES,
    meta: dict[str, Any] | None = None,
    base: str = "",
) -> list[dict[str, Any]]:
    """Return up to `limit` best passages of a stored document, each with marked HTML and a citation."""
    text: str = stored["text"]
    meta = meta if meta is not None else load_meta(stored)
    paras = json.loads(stored["paras"])
    scored = []
    idf_cache: dict[str, float] = {}
    keyed = stored.get(WORD_KEYS)
    for number, (start, end, _lang, _prob, *page), spans in zip(itertools.count(1), paras,
                                                                paragraph_spans(text, paras, terms, reader.schema, keyed)):
        if not spans:
            continue
        para = text[start:end]
        score = 0.0
        for key in sorted({s.key for s in spans}):  # one order: the float sum does not follow the hash seed
            if key not in idf_cache:
                idf_cache[key] = _idf(reader, key, [*BODY_FIELDS, "exact"])
            score += idf_cache[key]
        score += 0.1 * math.log1p(len(spans))
        scored.append((score, number, start, para, spans, page))
    if not scored and paras:  # matched on the title only: show the opening paragraph
        start, end = paras[0][0], paras[0][1]
        scored.append((0.0, 1, start, text[start:end], [], paras[0][4:]))
    scored.sort(key=lambda x: (-x[0], x[1]))
    result = []
    for _score, number, start, para, spans, page in scored[:limit]:
        w_start, w_end = _window(para, spans)
        while w_end > w_start and para[w_end - 1].isspace():
            w_end -= 1
        chunk = para[w_start:w_end]
        inside = [s for s in spans if w_start <= s.start and s.end <= w_end]
        prefix = "… " if w_start > 0 else ""
        suffix = " …" if w_end < len(para) else ""
        result.append(
            {
                "paragraph": number,
                "text": prefix + chunk + suffix,
                "html": html.escape(prefix) + mark(chunk, inside, w_start) + html.escape(suffix),
                "start": start + w_start,
                "end": start + w_end,
                "citation": citation(meta, number, base, *page),
            }
        )
    return result


LEAD_CHARS = 80


def load_meta(stored: dict[str, Any]) -> dict[str, Any]:
    """Return a stored document's metadata, with the lead words of its text for documents without a title."""
    meta: dict[str, Any] = json.loads(stored["meta"])
    if not meta.get("title"):
        text = stored.get("text") or ""
        paras = [text[p[0] : p[1]] for p in json.loads(stored.get("paras") or "[]")[:12]]
        # Past a letterhead, addressee or dateline: the words a reader reads first.
        meta["lead"] = lead(metadata.lead_paragraph(paras) if paras else text)
    return meta


def lead(text: str) -> str:
    """Return the first sentence of a text, cut at a word to about LEAD_CHARS characters."""
    first = text.split("\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0]
    if len(sentence) <= LEAD_CHARS:
        return sentence
    cut = sentence[:LEAD_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + " …"


def display_title(meta: dict[str, Any]) -> str:
    """Return the title to show: the stated one, else the document's opening words, else its id."""
    return meta.get("title") or meta.get("lead") or meta["id"]


def document_url(doc_id: str, paragraph: int | None = None, base: str = "") -> str:
    """Return the link to a document's page (absolute when a base such as http://host is given), at a paragraph."""
    url = base.rstrip("/") + "/documents/" + quote(doc_id, safe="")
    return url + (f"#p{paragraph}" if paragraph else "")


def hit_fields(meta: dict[str, Any], score: float, base: str = "") -> dict[str, Any]:
    """Return the facts of one hit as the API shows them (search results and similar documents alike)."""
    return {
        "id": meta["id"],
        "title": display_title(meta),
        "language": meta.get("language"),
        "date": meta.get("date"),
        "source": meta.get("source"),
        "doc_number": meta.get("doc_number"),
        "author": meta.get("author"),
        "score": round(float(score), 4),
        "url": document_url(meta["id"], base=base),
    }


def original_url(doc_id: str, page: int | None = None, base: str = "") -> str:
    """Return the link to a document's original file, at a page for a PDF (the viewer's #page=N)."""
    url = base.rstrip("/") + "/documents/" + quote(doc_id, safe="") + "/original"
    return url + (f"#page={page}" if page else "")


def citation(
    meta: dict[str, Any], paragraph: int, base: str = "", page: int | None = None, page_label: str | None = None
) -> dict[str, Any]:
    """Return the citation of one paragraph: the facts and a line to paste into a memo.

    The line names the title (or, where the document states none, its first words in quotes), source, date,
    number, page where known (its printed label when the PDF has one), paragraph and link:
    “Title”, Source, 2018-03-27, nr., p. 3, par. 4, http://…#p4.
    """
    page = page if page is not None else meta.get("page")
    url = document_url(meta["id"], paragraph, base)
    named = meta.get("title") or meta.get("lead")
    parts = [f"“{named}”" if named else meta["id"]]
    parts += [meta[k] for k in ("source", "date", "doc_number") if meta.get(k)]
    if page:
        parts.append(f"p. {page_label or page}")
    parts.append(f"par. {paragraph}")
    parts.append(url)
    return {
        "title": meta.get("title"),
        "display_title": display_title(meta),
        "source": meta.get("source"),
        "date": meta.get("date"),
        "doc_number": meta.get("doc_number"),
        "page": page,
        "paragraph": paragraph,
        "page_label": page_label,
        "original_url": original_url(meta["id"], page, base) if meta.get("format") else None,
        "url": url,
        "text": ", ".join(parts),
    }
