"""Query-word translation (issue 15): dictd files made here, then the real FreeDict dictionaries `make` installs."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import pytest

from searchsvc import translate

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(number: int) -> str:
    """Encode a number as a dictd index does."""
    out = ""
    while True:
        out = B64[number % 64] + out
        number //= 64
        if not number:
            return out


def dictzip(data: bytes, chunk: int) -> bytes:
    """Return data as a dictzip file: gzip with independently inflatable chunks listed in the RA header field."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    parts = []
    pieces = [data[i : i + chunk] for i in range(0, len(data), chunk)]
    for n, piece in enumerate(pieces):
        parts.append(comp.compress(piece) + comp.flush(zlib.Z_FINISH if n == len(pieces) - 1 else zlib.Z_FULL_FLUSH))
    ra = struct.pack("<HHH", 1, chunk, len(parts)) + b"".join(struct.pack("<H", len(p)) for p in parts)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\x03" + struct.pack("<H", len(extra)) + extra
    return header + b"".join(parts) + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def write_dictd(folder: Path, pair: str, entries: list[tuple[str, str]], chunked: bool = False) -> None:
    """Write freedict-<pair>.index and .dict.dz: each entry a headword and its definition text (FreeDict layout)."""
    data = b""
    index = [f"00databaseshort\t{b64(0)}\t{b64(0)}"]
    for head, body in entries:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    (folder / f"freedict-{pair}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    packed = dictzip(data, 40) if chunked else gzip.compress(data)
    (folder / f"freedict-{pair}.dict.dz").write_bytes(packed)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A folder of tiny nl/en/de dictionaries in FreeDict's layout (grammar notes, numbering, examples, see: lines)."""
    write_dictd(tmp_path, "nld-eng", [
        ("huis", "huis /həʏs/\n1. house\n2. family\n"),
        ("boom", "boom /bom/\n1. tree\n2. boom, pole\n"),
        ("kat", "kat /kɑt/\ncat\n"),
        ("navo", "navo /navo/\nNATO\n"),
        ("rutte", "rutte /rʏtə/\nhorsetail\n"),
        ("hond", "hond /hɔnt/\n1. dog\n2. hound\n"),
        ("mensenrechten", "mensenrechten /mɛnsə(n)rɛxtə(n)/\nhuman rights\n"),
    ], chunked=True)
    write_dictd(tmp_path, "eng-nld", [("dog", "dog /dɒɡ/\nhond\n")])
    write_dictd(tmp_path, "nld-deu", [("huis", "huis /həʏs/\nHaus <n>\n")])
    write_dictd(tmp_path, "eng-deu", [
        ("cat", "cat /kat/\nKatze <f> [zool.]\n   Synonym: {puss}\n\n see: {cats}\n"),
        ("human rights", "human rights /hjˈuːmən ɹˈaɪts/\nMenschenrechte <pl>\n see: {human right}\n"),
    ])
    write_dictd(tmp_path, "deu-eng", [
        ("ausweisen", "ausweisen /ˈaʊsvˌaɪzən/ <vt>\n [adm.] to expel sb. <v>, deport <v> [Br.]\n"
         '      "jdn. ausweisen"  - to expel sb.\n         Note: aus einem Land\n see: {ausgewiesen}\n'),
    ])
    return tmp_path


def test_reading_a_dictd_dictionary_cleans_freedict_entries(small: Path) -> None:
    dicts = translate.dictionaries(small)
    assert sorted(dicts.pairs) == [("de", "en"), ("en", "de"), ("en", "nl"), ("nl", "de"), ("nl", "en")]
    nl_en = dicts.pairs[("nl", "en")]
    assert nl_en.has("Huis") and not nl_en.has("00databaseshort") and not nl_en.has("huisje")
    assert nl_en.translations("boom") == ["tree", "boom", "pole"]  # dictzip chunks of 40 bytes: entries span them
    # Pronunciation, <grammar>, [domain], examples, notes, 'to' and 'sb.' removed; the senses stay in order.
    assert dicts.pairs[("de", "en")].translations("Ausweisen") == ["expel", "deport"]
    result = translate.translate_words(["ausweisen"], "de", ["en"], folder=small)
    assert result == {"ausweisen": {"en": ["expel", "deport"]}}


def test_a_dictionary_reads_a_words_entries_once(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """translations() remembers each word's (up to TRANSLATION_WORDS, then afresh); callers get their own list."""
    monkeypatch.setattr(translate, "TRANSLATION_WORDS", 2)
    nl_en = translate.Dictionary(small / "freedict-nld-eng.index", small / "freedict-nld-eng.dict.dz")
    read: list[str] = []
    entries = nl_en.entries
    monkeypatch.setattr(nl_en, "entries", lambda word: read.append(word) or entries(word))
    first = nl_en.translations("boom")
    first.append("changed by a caller")
    assert nl_en.translations("boom") == ["tree", "boom", "pole"] and read == ["boom"]
    nl_en.translations("huis"), nl_en.translations("kat")  # the memo is full: it starts afresh
    assert nl_en.translations("boom") == ["tree", "boom", "pole"] and read == ["boom", "huis", "kat", "boom"]

def test_a_large_index_is_sorted_once_into_the_cache_and_mapped(small: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translate, "CACHE_MIN_BYTES", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    index_path, dict_path = small / "freedict-nld-eng.index", small / "freedict-nld-eng.dict.dz"
    first = translate.Dictionary(index_path, dict_path)
    assert first.translations("huis") == ["house", "family"]
    cached = sorted(p.name for p in (tmp_path / "cache" / "searchsvc" / "dictd").iterdir())
    assert [n.rsplit(".", 1)[1] for n in cached] == ["keys", "starts"]
    second = translate.Dictionary(index_path, dict_path)
    assert second.translations("huis") == ["house", "family"] and second.has("kat") and not second.has("katten")
    assert not isinstance(second._load().blob, bytes)  # the second process maps the cache file


def test_words_are_looked_up_by_lemma(small: Path) -> None:
    result = translate.translate_words(["huizen"], "nl", ["en", "de"], folder=small)
    assert result["huizen"]["en"][0] == "house" and result["huizen"]["de"] == ["Haus"]


def test_compounds_are_split_into_known_headwords(small: Path) -> None:
    result = translate.translate_words(["boomhuis"], "nl", ["en"], folder=small)
    assert result["boomhuis"]["en"][0] == "tree house"


def test_a_missing_pair_pivots_through_the_third_language(small: Path) -> None:
    # nld-deu has no `kat`: nl -> en (`cat`) -> de (`Katze`).
    assert translate.translate_words(["kat"], "nl", ["de"], folder=small) == {"kat": {"de": ["Katze"]}}


def test_a_small_dictionary_is_also_read_backwards(small: Path) -> None:
    # eng-nld lacks `hound`; nld-eng's `hond` entry gives it.
    assert translate.translate_words(["hound"], "en", ["nl"], folder=small) == {"hound": {"nl": ["hond"]}}


def test_multi_word_entries_translate_as_phrases(small: Path) -> None:
    result = translate.translate_words(["human", "rights"], "en", ["de", "nl"], folder=small)
    assert result["human rights"] == {"de": ["Menschenrechte"], "nl": ["mensenrechten"]}


def test_names_numbers_and_document_numbers_are_left_alone(small: Path) -> None:
    words = ["NAVO", "2018Z04885", "1,5", "42", "Rutte", "kat"]
    result = translate.translate_words(words, None, ["en"], folder=small)
    assert list(result) == ["kat"]
    # The capital that starts a sentence-like query is not a name's.
    assert "Kat" in translate.translate_words(["Kat", "en", "hond", "lopen"], "nl", ["en"], folder=small)
    # Lower case, the same headwords do translate: the rule is about the form typed.
    assert translate.translate_words(["navo"], "nl", ["en"], folder=small)["navo"]["en"] == ["NATO"]


def test_stop_words_are_not_translated(small: Path) -> None:
    write_dictd(small, "nld-eng", [("de", "de /də/\nthe\n"), ("kat", "kat /kɑt/\ncat\n")])
    fresh = small / "again"
    fresh.mkdir()
    for name in small.glob("freedict-*"):
        (fresh / name.name).write_bytes(name.read_bytes())
    assert list(translate.translate_words(["de", "kat"], "nl", ["en"], folder=fresh)) == ["kat"]


def test_the_index_frequency_ranks_and_drops_translations(small: Path) -> None:
    counts = {("en", "pole"): 30, ("en", "tree"): 3, ("en", "boom"): 50}
    result = translate.translate_words(["boom"], "nl", ["en"], lambda lang, w: counts.get((lang, w), 0), folder=small)
    # The frequent `pole` rises above the first sense; `boom` is the word itself (already searched) and dropped.
    assert result == {"boom": {"en": ["pole", "tree"]}}
    assert translate.translate_words(["boom"], "nl", ["en"], lambda lang, w: 0, folder=small) == {}  # matches nothing


def test_an_unsure_language_translates_from_every_language_that_has_the_word(small: Path) -> None:
    # `kat` is only in the nl dictionaries; the query language is not given and too short to detect.
    assert translate.query_language(["kat"]) is None
    assert translate.translate_words(["kat"], None, ["en", "de"], folder=small) == {"kat": {"en": ["cat"], "de": ["Katze"]}}
    assert translate.query_language("hoe is het met de kat".split()) == "nl"


def test_without_dictionaries_the_feature_is_off(tmp_path: Path) -> None:
    assert translate.available(tmp_path) is False
    assert translate.status(tmp_path) == {"available": False, "dict_dir": str(tmp_path.resolve()), "pairs": []}
    assert translate.translate_words(["diplomaten"], "nl", folder=tmp_path) == {}


def test_a_broken_dictionary_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "freedict-nld-eng.index").write_text("kat\tA\tB\n", encoding="utf-8")
    (tmp_path / "freedict-nld-eng.dict.dz").write_bytes(b"not gzip")
    with pytest.raises(ValueError, match="freedict-nld-eng.dict.dz"):
        translate.dictionaries(tmp_path).pairs[("nl", "en")].translations("kat")


def test_alternatives_joined_by_a_colon_are_two_translations(tmp_path: Path) -> None:
    """Ding's German-English data writes some alternatives as "except: excepting": each is a translation of its own."""
    write_dictd(tmp_path, "deu-eng", [("außer", "außer /ˈaʊsɜ/ <prep>\nexcept: excepting <prep>, but <prep>\n"),
                                      ("Aronstab", "Aronstab <m>\ncommon arum <n>, starch-root: cuckoo-pint <n>\n")])
    de_en = translate.dictionaries(tmp_path).pairs[("de", "en")]
    assert de_en.translations("außer") == ["except", "excepting", "but"]
    assert de_en.translations("Aronstab") == ["common arum", "starch-root", "cuckoo-pint"]


# --- the real FreeDict dictionaries (installed by `make test` / `make run`) ---------------------------------


def test_real_freedict_dictionaries_translate_the_seed_query() -> None:
    assert translate.available(), f"no FreeDict dictionaries in {translate.dict_dir()}: run `make dictionaries`"
    result = translate.translate_words(["uitgezette", "diplomaten"], None)
    assert any(w.startswith("expel") for w in result["uitgezette"]["en"]), result
    assert {"diplomat", "diplomats"} & set(result["diplomaten"]["en"]), result
    assert "Diplomat" in result["diplomaten"]["de"], result
    assert "diplomaat" in translate.translate_words(["Diplomat"], "de", ["nl"])["Diplomat"]["nl"]
    # English to German through the 470,000-headword dictionary (dictzip random access), by lemma.
    assert "Diplomaten" in translate.translate_words(["diplomats"], "en", ["de"])["diplomats"]["de"]


def test_a_memo_gives_each_words_translations_of_its_own_query() -> None:
    """translate_words with a memo answers as without one, for a word met again in another query: its
    language, its place at a sentence's start and the targets are the memo's key, not the word alone."""
    assert translate.available(), f"no FreeDict dictionaries in {translate.dict_dir()}: run `make dictionaries`"
    counts = {}

    def frequency(lang: str, word: str) -> int:
        return counts.setdefault((lang, word), 1 + len(word) % 7)

    queries = [(["uitgezette", "diplomaten"], None, ["en", "de"]), (["diplomaten"], None, ["en"]),
               (["Diplomaten", "wurden", "ausgewiesen"], None, ["nl", "en"]), (["human", "rights"], "en", ["nl", "de"]),
               (["Human", "rights", "are", "universal"], None, ["nl", "de"]), (["uitgezette", "diplomaten"], None, ["en", "de"])]
    memo: dict[tuple[object, ...], dict[str, list[str]]] = {}
    for words, lang, targets in queries:
        assert translate.translate_words(words, lang, targets, frequency, memo=memo) == \
            translate.translate_words(words, lang, targets, frequency), words
    assert ("diplomaten", None, False, ("en",)) in memo and ("human rights", "en", None, ("nl", "de")) in memo


def test_dictzip_reads_are_the_texts_bytes_however_far_a_chunk_was_decompressed() -> None:
    """_DictData decompresses a chunk only as far as an entry needs, continuing it for a later one: every read,
    within a chunk, across chunks and at the file's end, equals the same bytes of the whole decompressed text."""
    import gzip
    import random

    assert translate.available(), f"no FreeDict dictionaries in {translate.dict_dir()}: run `make dictionaries`"
    path = translate.dict_dir() / "freedict-deu-eng.dict.dz"
    whole = gzip.open(path).read()
    data = translate._DictData(path)
    assert len(data.chunks) > 1000  # a dictzip file: chunks, not read whole
    rng = random.Random(5)
    chunk = data.chunk_len
    for _ in range(3000):
        near = rng.randrange(40) * chunk + rng.choice([0, 1, chunk // 2, chunk - 300, chunk - 1])
        start = near if rng.random() < 0.5 else rng.randrange(len(whole))
        length = rng.choice([1, 40, 300, 5000, chunk, 3 * chunk])
        assert data.read(start, length) == whole[start : start + length], (start, length)
    assert data.read(len(whole) - 25, 25) == whole[-25:]


def test_sampled_key_lookup_finds_what_bisecting_every_key_finds() -> None:
    # find() narrows by every 64th line's opening bytes before bisecting: it must land where plain bisection does,
    # for headwords, keys between and around them, prefixes, keys shorter and longer than 8 bytes, and the ends.
    import bisect
    import random

    found = translate.dictionaries()
    assert found.pairs
    rng = random.Random(7)
    for d in [found.pairs[p] for p in sorted(found.pairs)][:3]:
        keys = d._load()
        heads = [keys[rng.randrange(len(keys))] for _ in range(400)] + [keys[0], keys[len(keys) - 1]]
        probes = set(heads)
        for head in heads:
            probes |= {head[:3], head[:8], head[:9], head + b"a", head + b"\x7f", head[:-1], head[:-1] + b"\xff"}
        probes |= {b"", b"a", b"zzzzzzzzzzzz", b"\xff"}
        for key in sorted(probes):
            assert keys.find(key) == bisect.bisect_left(keys, key), key
        hits = sum(1 for key in probes if (i := keys.find(key)) < len(keys) and keys[i] == key)
        assert hits >= 300  # most probes were headwords: found, not just bounded


def test_real_freedict_translations_hold_no_colon() -> None:
    """The query `außer` searches `except`, not the phrase "except: excepting" the raw entry reads."""
    found = translate.translate_words(["außer"], "de", ["en"])
    assert "except" in found["außer"]["en"]
    assert not [w for by_lang in found.values() for words in by_lang.values() for w in words if ":" in w]
