"""Whoosh analyzers: one per language (nl, en, de) plus a neutral one, used alike for documents and queries."""

from __future__ import annotations

import functools
import re
from typing import Callable

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map as _whoosh_accent_map

# Whoosh folds ß to s; German spells it ss without the letter (Größe, Grösse, Grosse), as Snowball does.
FOLD_MAP: dict[int, str] = {**_whoosh_accent_map, ord("ß"): "ss", ord("ẞ"): "ss"}

from . import lexicon
from .memo import Memo

LANGUAGES = ("nl", "en", "de")
NEUTRAL = "xx"
STEMMERS = ("pystemmer", "nltk")
_SNOWBALL_NAMES = {"nl": "dutch", "en": "english", "de": "german"}

# Letters and digits, with inner dots kept (12.00, o.a.), so identifiers such as 2019D53771 and MH17
# stay whole; hyphens, apostrophes and underscores split words.
TOKEN_PATTERN = r"[^\W_]+(?:\.[^\W_]+)*"

# Forms Snowball leaves apart that searchers expect together, by language: word -> stem it should get.
STEM_OVERRIDES: dict[str, dict[str, str]] = {"nl": {}, "en": {}, "de": {}}
# Whether new analyzers use the verb lexicon (searchsvc.lexicon: irregular and weak verb forms to the stem
# of their infinitive, nl and de). Evaluations switch it off to measure plain Snowball.
USE_LEXICON = True
# Whether new analyzers also index the parts of known nl/de compounds (only when USE_LEXICON is on too).
USE_COMPOUNDS = True
# Whether new analyzers apply the hand-written form rules below (inflected participles, -schafter nouns;
# only when USE_LEXICON is on too). bench/quality.py switches it off to measure them.
USE_FORM_RULES = True


# Hand-written rules on top of the verb lexicon (issue 14, point 7); tests/test_german_forms.py pins them.
# An inflected participle (ausgewiesenen, gekozene) is its participle (ausgewiesen) plus an adjective ending.
# The lexicon gives the bare participle its infinitive's stem; the inflected one keeps Snowball's stem (UD
# lemmatises 'angebotene' as the adjective 'angeboten', and 'gebotene Sorgfalt' is not 'bieten'), and at index
# time ParticipleFilter adds the infinitive's stem beside it, so a search for 'ausgewiesen' finds 'ausgewiesenen'.
_PARTICIPLE_ENDINGS = {"de": ("en", "er", "es", "em", "e"), "nl": ("e",)}
# Snowball takes German -er for an ending, so Botschafter (ambassador) became Botschaft (embassy); an agent
# noun on -schafter keeps its -er in every form (Botschafters, Botschaftern, Botschafterin, Botschafterinnen).
_AGENT_NOUN = {"de": re.compile(r"^(.+schafter)(?:s|n|in|innen)?$")}


# Called for every indexed word (and every word of a passage being marked): cached because words repeat.
# Dutch and German index-time analysis of 1,500 corpus documents: 1.81 -> 0.73 CPU s (/tmp/anal.py-style loop).
@functools.lru_cache(maxsize=lexicon.WORD_CACHE)
def participle_infinitive(lang: str, word: str) -> str | None:
    """Return the infinitive of an inflected participle (ausgewiesenen -> ausweisen), or None for other words."""
    endings = _PARTICIPLE_ENDINGS.get(lang)
    if not endings or lexicon.infinitive(lang, word) is not None:
        return None
    for ending in endings:
        if not word.endswith(ending):
            continue
        participle = word[: -len(ending)]
        # Only ge- participles (ausgewiesen, festgenommen, gekozen): a form without ge- (beschäftigte,
        # verschiedene) is as often a past tense or an adjective of its own, and -end is a present participle.
        if len(participle) < 6 or not participle.endswith(("en", "t", "d")) or participle.endswith("end"):
            continue
        if "ge" not in participle[:-2]:
            continue
        inf = lexicon.infinitive(lang, participle)
        if inf is not None and inf != participle:
            return inf
    return None


lexicon.CACHE_CLEARS.append(participle_infinitive.cache_clear)


@functools.lru_cache(maxsize=None)
def _stem_function(lang: str, backend: str) -> Callable[[str], str]:
    """Return a stemming function for a language from the named Snowball implementation."""
    name = _SNOWBALL_NAMES[lang]
    if backend == "pystemmer":
        import Stemmer

        return Stemmer.Stemmer(name).stemWord
    if backend == "nltk":
        from nltk.stem.snowball import SnowballStemmer

        return SnowballStemmer(name).stem
    raise ValueError(f"unknown stemmer {backend!r}; choose one of {', '.join(STEMMERS)}")


_MEMO_WORDS = 50_000  # distinct words a stemmer remembers before it starts afresh (see WORD_CACHE in lexicon)


class SnowballStem:
    """Picklable stem function: Snowball for one language, after the override table and the verb lexicon."""

    def __init__(self, lang: str, backend: str = "pystemmer", use_lexicon: bool | None = None):
        if lang not in _SNOWBALL_NAMES:
            raise ValueError(f"no stemmer for language {lang!r}")
        _stem_function(lang, backend)  # fail now, not at the first token
        self.lang = lang
        self.backend = backend
        self.use_lexicon = USE_LEXICON if use_lexicon is None else use_lexicon
        self.form_rules = USE_FORM_RULES
        self._memo: Memo = Memo(_MEMO_WORDS)

    def __call__(self, word: str) -> str:
        """Return the stem of one lowercased word (remembered: a plain dict costs less than Whoosh's LFU cache)."""
        stem = self._memo.get(word)
        if stem is None:
            stem = self._memo[word] = self._stem(word)
        return stem

    def _stem(self, word: str) -> str:
        override = STEM_OVERRIDES[self.lang].get(word)
        if override is not None:
            return override
        base = _stem_function(self.lang, self.backend)
        if self.use_lexicon:
            agent = _AGENT_NOUN.get(self.lang) if self.form_rules else None
            if agent is not None and (m := agent.match(word)):
                return m.group(1)  # Botschafter(in) keeps its -er: the ambassador, not the embassy
            return lexicon.stem(self.lang, word, base)
        return base(word)

    def __getstate__(self) -> dict[str, object]:
        return {"lang": self.lang, "backend": self.backend, "use_lexicon": self.use_lexicon, "form_rules": self.form_rules}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.lang = state["lang"]
        self.backend = state["backend"]
        self.use_lexicon = bool(state.get("use_lexicon", False))
        self.form_rules = bool(state.get("form_rules", True))
        self._memo = Memo(_MEMO_WORDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SnowballStem) and (self.lang, self.backend, self.use_lexicon) == (
            other.lang, other.backend, other.use_lexicon
        )

    def __hash__(self) -> int:
        return hash((self.lang, self.backend, self.use_lexicon))

    def __repr__(self) -> str:
        return f"SnowballStem({self.lang!r}, {self.backend!r}, use_lexicon={self.use_lexicon!r})"


class CompoundPartsFilter(Filter):
    """At index time, after a known Dutch or German compound also emit its parts at the same position.

    So 'belasting' finds 'motorrijtuigenbelasting' and 'Spende' finds 'Blutspende'. Queries are not split
    (a compound typed in a query still means the compound), and only compounds whose both parts are in
    searchsvc.lexicon's part list are split, to keep precision.
    """

    def __init__(self, lang: str, enabled: bool | None = None):
        self.lang = lang
        self.enabled = (USE_LEXICON and USE_COMPOUNDS) if enabled is None else enabled

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            text = t.text
            index_mode = t.mode == "index"
            yield t
            if self.enabled and index_mode and not t.stopped:
                for part in lexicon.compound_parts(self.lang, text):
                    t.text = part
                    yield t


class ParticipleFilter(Filter):
    """At index time, after an inflected ge- participle (ausgewiesenen) also emit its infinitive at the same position.

    Queries are not changed: 'ausgewiesen' (the lexicon's infinitive stem) then finds 'ausgewiesenen', and
    'ausgewiesenen' keeps its own, narrower meaning.
    """

    def __init__(self, lang: str, enabled: bool | None = None):
        self.lang = lang
        self.enabled = (USE_LEXICON and USE_FORM_RULES) if enabled is None else enabled

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for t in tokens:
            # Decide before yielding: the filters after this one change the shared token's text.
            wanted = self.enabled and t.mode == "index" and not t.stopped
            inf = participle_infinitive(self.lang, t.text) if wanted else None
            yield t
            if inf is not None:
                t.text = inf
                yield t


def tokenizer() -> RegexTokenizer:
    """Return the Unicode word tokenizer shared by every analyzer."""
    return RegexTokenizer(TOKEN_PATTERN)


def stemming_analyzer(lang: str, backend: str = "pystemmer") -> Analyzer:
    """Return the analyzer for one language: words, lowercase, stopwords, compound parts (nl, de; index only),
    Snowball stems after the verb lexicon, accents folded."""
    chain = tokenizer() | LowercaseFilter() | StopFilter(lang=lang)
    if lang in lexicon.PARTS:
        chain = chain | CompoundPartsFilter(lang)
    if lang in _PARTICIPLE_ENDINGS:
        chain = chain | ParticipleFilter(lang)
    return chain | StemFilter(stemfn=SnowballStem(lang, backend), cachesize=None) | CharsetFilter(FOLD_MAP)


def neutral_analyzer() -> Analyzer:
    """Return the analyzer for other languages and for exact matching: words, lowercase, accents folded."""
    return tokenizer() | LowercaseFilter() | CharsetFilter(FOLD_MAP)


def analyzers(backend: str = "pystemmer") -> dict[str, Analyzer]:
    """Return the analyzer for every language code, the neutral one under 'xx'."""
    table: dict[str, Analyzer] = {lang: stemming_analyzer(lang, backend) for lang in LANGUAGES}
    table[NEUTRAL] = neutral_analyzer()
    return table


def tokens(analyzer: Analyzer, text: str) -> list[str]:
    """Return the token texts an analyzer makes of a text."""
    return [t.text for t in analyzer(text)]
