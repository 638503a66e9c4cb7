"""Language identification: the function-word fast path decides only clear nl/en/de text."""

from __future__ import annotations

import pytest

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
