"""The per-language analyzers: tokens, stems, stopwords, identifiers, accents, both Snowball backends, pickling."""

from __future__ import annotations

import pickle

import pytest

from searchsvc import analysis


@pytest.fixture(scope="module")
def table() -> dict:
    return analysis.analyzers("pystemmer")


@pytest.fixture(scope="module")
def nltk_table() -> dict:
    return analysis.analyzers("nltk")


# (language, text, the exact tokens the default (pystemmer) analyzer makes)
EXACT = [
    ("nl", "De Russische diplomaten zijn uitgezet", ["russisch", "diplomaat", "uitzet"]),
    ("nl", "spionnen", ["spion"]),
    ("nl", "Vlucht MH17 en Kamerstuk 2019D53771", ["vlucht", "mh17", "kamerstuk", "2019d53771"]),
    ("nl", "de het een en van dat die in is", []),
    ("nl", "Oekraïne", ["oekraine"]),
    ("nl", "o.a. om 12.00 uur", ["o.a", "12.00", "uur"]),
    ("nl", "NAVO-Ruslandraad", ["navo", "ruslandraad"]),
    ("en", "The Netherlands expelled seventeen Russian diplomats", ["netherland", "expel", "seventeen", "russian", "diplomat"]),
    ("en", "expelled", ["expel"]),
    ("en", "the of and a to in is", []),
    ("en", "Wilmès", ["wilme"]),
    ("de", "Die Ausweisungen der russischen Diplomaten", ["ausweis", "russisch", "diplomat"]),
    ("de", "der die das und", []),
    ("xx", "De Russische diplomaten MH17 Oekraïne", ["de", "russische", "diplomaten", "mh17", "oekraine"]),
    ("xx", "2019D53771 o.a. 12.00", ["2019d53771", "o.a", "12.00"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), EXACT, ids=[f"{c[0]}:{c[1][:30]}" for c in EXACT])
def test_tokens(table: dict, lang: str, text: str, expected: list[str]) -> None:
    assert analysis.tokens(table[lang], text) == expected


# (language, two forms that must get one and the same token)
SHARED = [
    ("nl", "diplomaten", "diplomaat"),
    ("nl", "spionnen", "spion"),
    ("nl", "inlichtingendiensten", "inlichtingendienst"),
    ("nl", "ambassades", "ambassade"),
    ("nl", "Oekraïne", "Oekraine"),
    ("nl", "uitgezet", "uitzetten"),
    ("en", "expelled", "expel"),
    ("en", "expelling", "expels"),
    ("en", "diplomats", "diplomat"),
    ("de", "Ausweisungen", "Ausweisung"),
    ("de", "Diplomaten", "Diplomat"),
    ("de", "Botschaften", "Botschaft"),
    ("xx", "Oekraïne", "Oekraine"),
    ("xx", "MH17", "mh17"),
]


@pytest.mark.parametrize(("lang", "a", "b"), SHARED, ids=[f"{c[0]}:{c[1]}={c[2]}" for c in SHARED])
def test_shared_stems(table: dict, lang: str, a: str, b: str) -> None:
    ta, tb = analysis.tokens(table[lang], a), analysis.tokens(table[lang], b)
    assert len(ta) == 1
    assert ta == tb


@pytest.mark.parametrize("lang", ["nl", "en", "de", "xx"])
@pytest.mark.parametrize("ident", ["2019D53771", "MH17", "2019Z26157"])
def test_identifiers_stay_whole(table: dict, lang: str, ident: str) -> None:
    toks = analysis.tokens(table[lang], f"zie {ident}.")
    assert toks[-1] == ident.lower()
    assert not any(t != ident.lower() and t in ident.lower() for t in toks)  # no pieces of it


@pytest.mark.parametrize(("lang", "stopword"), [("nl", "de"), ("nl", "het"), ("en", "the"), ("de", "der"), ("de", "und")])
def test_stopwords_dropped_but_kept_by_neutral(table: dict, lang: str, stopword: str) -> None:
    assert analysis.tokens(table[lang], stopword) == []
    assert analysis.tokens(table["xx"], stopword) == [stopword]


def test_neutral_does_not_stem(table: dict) -> None:
    assert analysis.tokens(table["xx"], "diplomaten expelled Ausweisungen") == ["diplomaten", "expelled", "ausweisungen"]


@pytest.mark.parametrize("backend", analysis.STEMMERS)
def test_analyzers_survive_pickle(backend: str) -> None:
    text = "De Russische diplomaten werden uitgezet; Ausweisungen expelled MH17 2019D53771 Oekraïne"
    for lang, analyzer in analysis.analyzers(backend).items():
        before = analysis.tokens(analyzer, text)
        clone = pickle.loads(pickle.dumps(analyzer))
        assert analysis.tokens(clone, text) == before, lang
        assert before  # the analyzer does make tokens of this text


def test_stem_function_pickles_by_name() -> None:
    stem = analysis.SnowballStem("nl", "nltk")
    clone = pickle.loads(pickle.dumps(stem))
    assert clone == stem and hash(clone) == hash(stem)
    assert clone("spionnen") == stem("spionnen")


def test_backends_differ_on_dutch_but_both_work(table: dict, nltk_table: dict) -> None:
    # Snowball's newer Dutch stemmer (PyStemmer) undoubles 'spionn'; NLTK's older one does not.
    assert analysis.tokens(table["nl"], "spionnen") == ["spion"]
    assert analysis.tokens(nltk_table["nl"], "spionnen") == ["spionn"]
    # Both still stem, drop stopwords and agree where Dutch stemming is uncontroversial.
    for t in (table, nltk_table):
        assert analysis.tokens(t["nl"], "de diplomaten") == analysis.tokens(t["nl"], "diplomaat")
        assert analysis.tokens(t["en"], "expelled") == ["expel"]
        assert analysis.tokens(t["de"], "Ausweisungen") == analysis.tokens(t["de"], "Ausweisung")


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown stemmer"):
        analysis.SnowballStem("nl", "porter")
    with pytest.raises(ValueError, match="no stemmer for language"):
        analysis.SnowballStem("fr")


@pytest.mark.parametrize("lang", ["de", "xx"])
def test_sharp_s_folds_to_ss_like_german_spelling_without_it(lang: str) -> None:
    """Größe, Grösse and Grosse must meet in both the German and the exact/neutral fields."""
    from searchsvc.analysis import analyzers, tokens

    analyzer = analyzers()[lang]
    assert len({tuple(tokens(analyzer, w)) for w in ("Größe", "Grösse", "Grosse")}) == 1
