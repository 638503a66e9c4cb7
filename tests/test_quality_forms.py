"""Forms the verb lexicon (searchsvc.lexicon) brings together, and forms it must leave apart."""

from __future__ import annotations

import pickle

import pytest

from searchsvc import analysis


def stems(lang: str, words: list[str], backend: str = "pystemmer") -> list[str]:
    analyzer = analysis.stemming_analyzer(lang, backend)
    out = []
    for word in words:
        toks = analysis.tokens(analyzer, word)
        assert len(toks) == 1, (word, toks)
        out.append(toks[0])
    return out


SAME_STEM = [
    # Dutch strong verbs, also behind prefixes and particles
    ("nl", ["lopen", "liep", "liepen", "gelopen", "loopt"]),
    ("nl", ["komen", "kwam", "kwamen", "gekomen", "komt"]),
    ("nl", ["vinden", "vond", "vonden", "gevonden", "vindt"]),
    ("nl", ["blijven", "bleef", "bleven", "gebleven", "blijft"]),
    ("nl", ["verliezen", "verloor", "verloren", "verliest"]),
    ("nl", ["toeslaan", "toegeslagen", "toeslaat"]),
    ("nl", ["ontslaan", "ontslaat", "ontslagen"]),
    ("nl", ["geven", "gaf", "gegeven", "geeft"]),
    # Dutch weak verbs: present -t, past -de/-te, participle ge-...-d/t
    ("nl", ["bepalen", "bepaalt", "bepaalde", "bepaald"]),
    ("nl", ["stellen", "stelt", "stelde", "gesteld"]),
    ("nl", ["maken", "maakt", "maakte", "gemaakt"]),
    ("nl", ["vaststellen", "vastgesteld", "vaststelt"]),
    # German strong and irregular verbs
    ("de", ["gehen", "ging", "gingen", "gegangen", "geht"]),
    ("de", ["geben", "gibt", "gab", "gaben", "gegeben"]),
    ("de", ["nehmen", "nimmt", "nahm", "genommen"]),
    ("de", ["annehmen", "angenommen", "annimmt"]),
    ("de", ["umgehen", "umgegangen", "umgeht"]),
    ("de", ["bleiben", "blieb", "geblieben", "bleibt"]),
    # German weak verbs, participles and zu-infinitives
    ("de", ["zahlen", "zahlt", "zahlte", "gezahlt"]),
    ("de", ["erheben", "erhebt", "erhoben"]),
    ("de", ["anwenden", "anzuwenden", "angewendet"]),
    ("de", ["übermitteln", "übermittelt", "übermittelte"]),
]

DIFFERENT_STEM = [
    # nouns that look like verb forms stay apart from the verb
    ("nl", "wet", "weten"),
    ("nl", "wetten", "weten"),
    ("nl", "reden", "rijden"),
    ("nl", "week", "wijken"),
    ("de", "stand", "stehen"),
    ("nl", "staat", "staan"),
]


@pytest.mark.parametrize("backend", analysis.STEMMERS)
@pytest.mark.parametrize(("lang", "words"), SAME_STEM, ids=[f"{l}:{w[0]}" for l, w in SAME_STEM])
def test_verb_forms_share_a_stem(lang: str, words: list[str], backend: str) -> None:
    got = stems(lang, words, backend)
    assert len(set(got)) == 1, dict(zip(words, got))


@pytest.mark.parametrize(("lang", "a", "b"), DIFFERENT_STEM, ids=[f"{l}:{a}" for l, a, _ in DIFFERENT_STEM])
def test_nouns_stay_apart_from_verbs(lang: str, a: str, b: str) -> None:
    sa, sb = stems(lang, [a, b])
    assert sa != sb


def test_lexicon_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "USE_LEXICON", False)
    assert len(set(stems("nl", ["lopen", "liep"]))) == 2


def test_analyzer_with_lexicon_pickles() -> None:
    analyzer = analysis.stemming_analyzer("de", "pystemmer")
    copy = pickle.loads(pickle.dumps(analyzer))
    assert analysis.tokens(copy, "ging") == analysis.tokens(analyzer, "gehen")


def test_english_is_untouched() -> None:
    analysis.USE_LEXICON = True
    assert stems("en", ["went"]) != stems("en", ["go"])


COMPOUNDS = [
    ("nl", "motorrijtuigenbelasting", "belasting"),
    ("nl", "politieambtenaren", "politie"),
    ("nl", "verblijfsvergunning", "vergunning"),
    ("de", "Zwangsvollstreckung", "Vollstreckung"),
    ("de", "Blutspende", "Spende"),
    ("de", "Arbeitsvertrag", "Arbeit"),
]
NOT_COMPOUNDS = [("nl", "toestand"), ("de", "Bestand"), ("de", "Gesundheitsamt"), ("de", "Verkehr")]


def index_tokens(lang: str, text: str) -> list[str]:
    return [t.text for t in analysis.stemming_analyzer(lang)(text, mode="index")]


@pytest.mark.parametrize(("lang", "compound", "part"), COMPOUNDS, ids=[c for _, c, _ in COMPOUNDS])
def test_compound_parts_are_indexed(lang: str, compound: str, part: str) -> None:
    toks = index_tokens(lang, compound)
    assert toks[0] == stems(lang, [compound])[0]
    assert stems(lang, [part])[0] in toks[1:]


@pytest.mark.parametrize(("lang", "word"), NOT_COMPOUNDS, ids=[w for _, w in NOT_COMPOUNDS])
def test_words_that_are_no_known_compound_stay_whole(lang: str, word: str) -> None:
    assert len(index_tokens(lang, word)) == 1


def test_queries_are_not_split() -> None:
    analyzer = analysis.stemming_analyzer("nl")
    assert len([t.text for t in analyzer("motorrijtuigenbelasting", mode="query")]) == 1


def test_compound_parts_share_the_position() -> None:
    analyzer = analysis.stemming_analyzer("de")
    positions = [t.pos for t in analyzer("die Zwangsvollstreckung beginnt", mode="index", positions=True)]
    assert positions[0] == positions[1] == positions[2] < positions[3]


def test_compound_analyzer_pickles() -> None:
    analyzer = analysis.stemming_analyzer("nl")
    copy = pickle.loads(pickle.dumps(analyzer))
    assert [t.text for t in copy("verblijfsvergunning", mode="index")] == index_tokens("nl", "verblijfsvergunning")
