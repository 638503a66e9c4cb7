"""Language identification: the function-word fast path decides only clear nl/en/de text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from searchsvc import langid

NL = (
    "De minister van Buitenlandse Zaken heeft vandaag bekendgemaakt dat twee Russische diplomaten het land "
    "moeten verlaten, omdat zij betrokken waren bij activiteiten die niet verenigbaar zijn met hun status."
)
DE = (
    "Die Bundesregierung hat heute mitgeteilt, dass zwei russische Diplomaten das Land verlassen müssen, weil "
    "sie an Tätigkeiten beteiligt waren, die mit ihrem Status nicht vereinbar sind und die Sicherheit gefährden."
)
EN = (
    "The foreign minister announced today that two Russian diplomats have to leave the country because they "
    "were involved in activities that are not compatible with their status and that endanger national security."
)
AF = (
    "Die minister van buitelandse sake het vandag aangekondig dat twee Russiese diplomate die land moet verlaat, "
    "want hulle was betrokke by aktiwiteite wat nie met hulle status verenigbaar is nie en die veiligheid bedreig."
)
DA = (
    "Udenrigsministeren meddelte i dag, at to russiske diplomater skal forlade landet, fordi de har været "
    "involveret i aktiviteter, som ikke er forenelige med deres status, og som truer den nationale sikkerhed."
)


@pytest.mark.parametrize("text, expected", [(NL, "nl"), (DE, "de"), (EN, "en")])
def test_clear_text_takes_the_fast_path(text: str, expected: str) -> None:
    assert langid.quick_language(text) == expected
    assert langid.detect(text)[0] == expected


@pytest.mark.parametrize("text, expected", [(AF, "af"), (DA, "da")])
def test_neighbour_languages_go_to_langdetect(text: str, expected: str) -> None:
    assert langid.quick_language(text) is None
    assert langid.detect(text)[0] == expected


def test_short_text_goes_to_langdetect() -> None:
    assert langid.quick_language("uitgezette diplomaten") is None
    assert langid.detect("Russische diplomaten uitgezet wegens spionage in Den Haag")[0] == "nl"


def test_fast_path_agrees_with_langdetect_on_clear_text() -> None:
    for text in (NL, DE, EN):
        assert langid.detect_slow(text)[0] == langid.quick_language(text)


SHARED = Path(os.environ.get("SEARCHSVC_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


def test_langdetects_loop_over_arrays_answers_exactly_as_langdetect() -> None:
    """Real sentences, word pairs and single words of five languages (../shared/quality/langid): the array loop
    gives langdetect's own languages and probabilities, float for float, and is the path taken."""
    texts = []
    for path in sorted((SHARED / "quality" / "langid").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()[:60]
    assert len(texts) >= 900
    before = langid.FAST_DETECTIONS
    for text in texts:
        DetectorFactory.seed = langid.SEED
        try:
            want: object = [(lang.lang, lang.prob) for lang in detect_langs(text)]
        except LangDetectException as exc:
            want = str(exc)
        DetectorFactory.seed = langid.SEED
        try:
            got: object = [(lang.lang, lang.prob) for lang in langid._detect_langs(text, arrays=True)]
        except LangDetectException as exc:
            got = str(exc)
        assert got == want, text
    assert langid.FAST_DETECTIONS - before >= len(texts) - 5  # all but texts without a single n-gram
    DetectorFactory.seed = langid.SEED
    assert langid.detect_slow(DA) == ("da", detect_langs(DA)[0].prob)  # either loop, as langdetect answers


@pytest.mark.parametrize("text", [
    "  twee  spaties   en drie   ", " ", "", "a" * 12_000, "zie https://www.rijksoverheid.nl/a  en  info@minbuza.nl  nu",
    "Vie\u0302\u0323t Nam  ti\u00ea\u0301ng  vi\u1ec7t", "tab\tand\u00a0nbsp  end" + " " * 20_000 + "x",
])
def test_detector_text_is_langdetects_append(text: str) -> None:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    theirs = factory.create()
    theirs.append(text)
    assert langid._detector(text).text == theirs.text
