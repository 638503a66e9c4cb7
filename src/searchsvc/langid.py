"""Language identification: a function-word count for clear nl/en/de text, langdetect (fixed seed) otherwise.

The one module that uses langdetect's internals: its detection loop runs here over numpy arrays, with the same
random draws and the same floating-point steps, so it answers exactly as langdetect does (tests/test_langid.py).
"""

from __future__ import annotations

import re
import threading
from typing import Any

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram
from whoosh.lang.stopwords import stoplists

from .lazy import LazyNumpy
from .memo import Memo

np = LazyNumpy(__name__)  # loaded by the first text langdetect decides: a search never needs it here

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
    with _lock:  # one factory (and its array rows) for every thread
        try:
            best = _detect_langs(text[:_MAX_CHARS])[0]
        except LangDetectException:
            return NEUTRAL, 0.0
    return best.lang, float(best.prob)


FAST_DETECTIONS = 0  # texts _detect_langs decided with the array loop; tests read it to see the fast path taken
# Texts a process leaves to langdetect's own loop before the array loop: numpy's import (~0.12 s) pays off over a
# full build's thousands of texts, not for the few of `searchsvc index` adding a document.
FAST_AFTER = 32
_decided = 0
_factory: DetectorFactory | None = None
# An n-gram's language probabilities as an array, for the n-grams met most recently (~0.5 KB each).
_ROWS_MAX = 20_000
_ROWS: Memo = Memo(_ROWS_MAX)
_SPACE_RUNS = re.compile(" {2,}")


def _detector(text: str) -> Any:
    """Return a langdetect Detector of text from our own factory: langdetect's profiles, our seed."""
    global _factory
    if _factory is None:
        factory = DetectorFactory()  # what langdetect's detect_langs loads, without its global seed
        factory.load_profile(PROFILES_DIRECTORY)
        factory.set_seed(SEED)
        _factory = factory
    detector = _factory.create()
    # Detector.append, giving the same text: each of its substitutions runs only on text that has what its
    # pattern needs (the mail one alone cost ~20 µs a paragraph), and its loop a character, which drops a
    # space after a space, is one regex (~2 % of a build's CPU).
    if "http" in text:
        text = detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = detector.MAIL_RE.sub(" ", text)
    if any(mark in text for mark in NGram.DMARK_CLASS):
        text = NGram.normalize_vi(text)
    detector.text += _SPACE_RUNS.sub(" ", text[: detector.max_text_length])
    return detector


def _detect_langs(text: str, arrays: bool | None = None) -> list[Any]:
    """Return langdetect's detect_langs(text) under our seed: its sorted Language list.

    langdetect multiplies 55 language probabilities by each drawn n-gram's one at a time in Python (~9 % of a
    build's CPU, for the 4 % of paragraphs the function words leave to it). Past FAST_AFTER texts (or with
    arrays=True) the loop runs here over arrays, taking the same steps in the same order (the seeded draws,
    weight + p, the products row after row, a sum in Python's order, the division), so every probability is
    the same float.
    """
    global FAST_DETECTIONS, _decided
    detector = _detector(text)
    _decided += 1
    if arrays is None:
        arrays = _decided > FAST_AFTER
    if not arrays or detector.verbose or detector.prior_map is not None:
        return detector.get_probabilities()
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    word_probs = detector.word_lang_prob_map
    rows = _ROWS
    n_trial = detector.n_trial
    n_langs = len(detector.langlist)
    langprob = np.zeros(n_langs)
    rand = detector.random
    rand.seed(detector.seed)
    choice = rand.choice
    limit, threshold = detector.ITERATION_LIMIT, detector.CONV_THRESHOLD
    for _trial in range(n_trial):
        prob = np.full(n_langs, 1.0 / n_langs)  # langdetect's start without a prior map
        alpha = detector.alpha + rand.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        i, step = 0, 1  # langdetect checks after draw 0, 5, 10, …: the draws up to a check are made together
        while True:
            drawn = [prob]
            for _ in range(step):
                word = choice(ngrams)
                row = rows.get(word)
                if row is None:
                    row = rows[word] = np.array(word_probs[word], dtype=np.float64)
                drawn.append(row)
            factors = np.array(drawn)
            factors[1:] += weight
            prob = np.multiply.reduce(factors, axis=0)  # row after row, as langdetect multiplies
            i += step - 1
            total = sum(prob.tolist())  # Python's sum, in langdetect's order
            if total == 0.0:
                raise ZeroDivisionError("float division by zero")  # as langdetect's prob[i] / sump
            prob /= total
            if max(0.0, float(prob.max())) > threshold or i >= limit:
                break
            i, step = i + 1, 5
        langprob += prob / n_trial
    detector.langprob = langprob.tolist()
    FAST_DETECTIONS += 1
    return detector.get_probabilities()


def analysis_language(lang: str) -> str:
    """Return the analyzer language for a detected language: nl, en, de or the neutral xx."""
    return lang if lang in SUPPORTED else NEUTRAL
