"""Language identification with langdetect under a fixed seed, so the same text always gets the same answer."""

from __future__ import annotations

import threading

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

SUPPORTED = ("nl", "en", "de")
NEUTRAL = "xx"
SEED = 0
# langdetect's answer costs ~7 ms whatever the length; its first few thousand characters decide it.
_MAX_CHARS = 4000
_lock = threading.Lock()


def detect(text: str) -> tuple[str, float]:
    """Return (language code, probability) for text, or ("xx", 0.0) when it has no letters to go on."""
    sample = text[:_MAX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return NEUTRAL, 0.0
    with _lock:  # the seed is global state in langdetect
        DetectorFactory.seed = SEED
        try:
            best = detect_langs(sample)[0]
        except LangDetectException:
            return NEUTRAL, 0.0
    return best.lang, float(best.prob)


def analysis_language(lang: str) -> str:
    """Return the analyzer language for a detected language: nl, en, de or the neutral xx."""
    return lang if lang in SUPPORTED else NEUTRAL
