"""Language identification: a function-word count for clear nl/en/de text, langdetect (fixed seed) otherwise."""

from __future__ import annotations

import re
import threading

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException
from whoosh.lang.stopwords import stoplists

SUPPORTED = ("nl", "en", "de")
NEUTRAL = "xx"
SEED = 0
# langdetect's answer costs ~7 ms whatever the length; its first few thousand characters decide it.
_MAX_CHARS = 4000
_lock = threading.Lock()

# Function words decide long nl/en/de text as well as langdetect does at ~1/100 of the cost (bench/README.md).
# Near neighbours compete, so Afrikaans, Danish or Swedish text is never taken for Dutch, German or English:
# when a neighbour comes close, langdetect decides.
_AFRIKAANS = frozenset(
    "die en van is het nie in te om wat dat vir op met n ek sy hy word was ons aan uit ook maar na tot deur "
    "as kan sal moet hulle julle baie hierdie daar so al nog jy my jou oor by sien gesê sou".split()
)
_FUNCTION_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words) for lang, words in stoplists.items()}
_FUNCTION_WORDS["af"] = _AFRIKAANS
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in sorted(_FUNCTION_WORDS.items()):
    for _word in _words:
        _LANGS_OF[_word] = _LANGS_OF.get(_word, ()) + (_lang,)
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
FAST_MIN_WORDS = 20  # shorter text has too few function words to be sure: langdetect decides
FAST_MIN_SHARE = 0.12  # nl/en/de prose is 30-50 % function words, law text with its numbers less
QUICK_PROB = 0.99  # the probability reported for a function-word decision
FAST_MIN_MARGIN = 1.5  # the winner has at least 1.5 times the runner-up's function words


def quick_language(text: str) -> str | None:
    """Return nl, en or de when the text's function words say so clearly, else None (let langdetect decide)."""
    words = [w.lower() for w in _WORDS.findall(text[:_MAX_CHARS])]
    if len(words) < FAST_MIN_WORDS:
        return None
    hits = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in words:
        for lang in _LANGS_OF.get(word, ()):
            hits[lang] += 1
    counts = sorted(((n, lang) for lang, n in hits.items()), reverse=True)
    (best, lang), (second, _) = counts[0], counts[1]
    if lang in SUPPORTED and best >= FAST_MIN_SHARE * len(words) and best >= FAST_MIN_MARGIN * second:
        return lang
    return None


def detect(text: str) -> tuple[str, float]:
    """Return (language code, probability) for text, or ("xx", 0.0) when it has no letters to go on."""
    sample = text[:_MAX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return NEUTRAL, 0.0
    quick = quick_language(sample)
    if quick is not None:
        return quick, QUICK_PROB
    return detect_slow(sample)


def detect_slow(text: str) -> tuple[str, float]:
    """Return langdetect's (language code, probability) for text, under the fixed seed."""
    with _lock:  # the seed is global state in langdetect
        DetectorFactory.seed = SEED
        try:
            best = detect_langs(text[:_MAX_CHARS])[0]
        except LangDetectException:
            return NEUTRAL, 0.0
    return best.lang, float(best.prob)


def analysis_language(lang: str) -> str:
    """Return the analyzer language for a detected language: nl, en, de or the neutral xx."""
    return lang if lang in SUPPORTED else NEUTRAL
