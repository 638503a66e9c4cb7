"""Stem overrides for Dutch and German: irregular verb forms and weak-verb inflections Snowball leaves apart.

Snowball strips endings but knows no verbs: it leaves Dutch 'speelt'/'spelen', 'liep'/'lopen' and German
'sagt'/'sagen', 'ging'/'gehen' on different stems. This module maps such forms to the stem of their
infinitive, before Snowball sees them:

* irregular (strong) verbs, from hand-written tables (data/lexicon/*_irregular.txt, grammar-book principal
  parts), also behind separable and inseparable prefixes (toegeslagen -> toeslaan, umgegangen -> umgehen); forms that are
  mostly nouns (nl 'reden', 'week', de 'Stand', 'Band') are left out on purpose;
* weak verbs by rule: strip a person/tense/participle ending (-t, -de, -te, ge-...-d, -et, -te, ge-...-t)
  and accept the result only when an attested infinitive exists for it (spelling rules rebuild it:
  speel -> spelen, zeg -> zeggen, geef -> geven);
* words that are nouns first (nl after 'de', de written with a capital in running text) are never
  rewritten by the weak-verb rule (wet, staat; Macht).

The infinitive and noun lists were mined from the benchmark corpus (corpus-100k: Dutch and German laws),
never from the UD treebanks the evaluation uses: infinitives after 'te'/'zu' (and 'an|zu|wenden'), seen at
least twice. Regenerate with `python bench/quality.py --mine-lexicon`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Callable, Iterable

# The word lists are data (src/searchsvc/data/lexicon/): the irregular-verb tables are written by hand, the
# infinitive, noun and compound-part lists are written by `python bench/quality.py --mine-lexicon`.
DATA_DIR = Path(__file__).resolve().parent / "data" / "lexicon"
LIST_NAMES = ("irregular", "infinitives", "nouns", "parts")
# Words whose stem, parts and infinitive each cache below remembers. A build and a search's passages each meet a
# distinct word once (their per-word memos sit in front), so only repeated compound parts profit; an lru_cache
# entry costs ~250 bytes, a word's memo entry less: 50,000 a cache held ~30 MB of a serving worker that its
# passages' memo (highlight.MEMO_WORDS) does better with. 4,096 keeps the parts that recur.
WORD_CACHE = 4_096


def data_files(data_dir: Path | None = None) -> list[Path]:
    """Return every lexicon data file, in a fixed order (what the analysis fingerprint hashes)."""
    folder = DATA_DIR if data_dir is None else data_dir
    return [folder / f"{lang}_{name}.txt" for lang in ("nl", "de") for name in LIST_NAMES]


def read_lines(path: Path) -> list[str]:
    """Return the non-empty, non-comment lines of a lexicon data file."""
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_words(path: Path) -> frozenset[str]:
    """Return the words of a one-word-a-line lexicon data file."""
    return frozenset(word for line in read_lines(path) for word in line.split())


def write_words(path: Path, words: Iterable[str], header: str) -> None:
    """Write a word list as a lexicon data file: a comment header, then the sorted words one a line."""
    body = "\n".join(sorted(set(words)))
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    path.write_text(comment + body + "\n", encoding="utf-8")


# Table forms left out because the word is mostly something else (a noun, an adjective).
_NOT_VERB_FORMS = {
    "nl": {"at", "bad", "bond", "lagen", "boog"},
    "de": {"stand", "schloss", "schloß", "zwang", "drang", "klang", "schwamm", "wuchs"},
}
# Prefixes a verb form can carry: separable particles and inseparable prefixes.
NL_PREFIXES = (
    "aan af bij binnen door in mee na neer om onder op over samen terug toe tegen uit vast voor weg los "
    "be ver ont her er ge"
).split()
DE_PREFIXES = (
    "ab an auf aus bei ein fest fort her hin mit nach vor weg zu zurück zusammen dar statt teil um durch "
    "über unter wieder los frei hinzu heraus voran vorbei be er ver zer ent miss"
).split()
# Separable particles: the prefixes listed before the inseparable ones (be-, ver-, ...).
_SEPARABLE = {
    "nl": set(NL_PREFIXES[: NL_PREFIXES.index("be")]),
    "de": set(DE_PREFIXES[: DE_PREFIXES.index("be")]),
}


def _table(lines: list[str], lang: str) -> dict[str, str]:
    """Return form -> infinitive for a table of principal parts (the first table line naming a form wins)."""
    out: dict[str, str] = {}
    for line in lines:
        inf, *forms = line.split()
        for form in forms:
            if form not in _NOT_VERB_FORMS[lang]:
                out.setdefault(form, inf)
        out.setdefault(inf, inf)
    return out


IRREGULAR: dict[str, dict[str, str]] = {}
INFINITIVES: dict[str, frozenset[str]] = {}
NOUNS: dict[str, frozenset[str]] = {}
PARTS: dict[str, frozenset[str]] = {}
PREFIXES = {"nl": NL_PREFIXES, "de": DE_PREFIXES}

_VOWELS = "aeiouyäöüéèë"
_NL_LONG = re.compile(r"^(.*?)(aa|ee|oo|uu)([^aeiou])$")


# The prefixes as tuples: str.startswith(tuple) rejects most words in one C call before the loops below.
_PREFIX_TUPLES = {lang: tuple(prefixes) for lang, prefixes in PREFIXES.items()}
_SEPARABLE_TUPLES = {lang: tuple(prefixes) for lang, prefixes in _SEPARABLE.items()}


def _by_first(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Return the words grouped by their first letter, each group in the given order."""
    out: dict[str, list[str]] = {}
    for word in words:
        out.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in out.items()}


# A word's loops below try only the prefixes that start with its first letter (in the lists' order, the
# separable ones too: a set's order would change with the process's hash seed), and only the endings that end
# with its last: every word of a page's passages and of a build goes through them.
_PREFIXES_BY_FIRST = {lang: _by_first(prefixes) for lang, prefixes in PREFIXES.items()}
_SEPARABLE_BY_FIRST = {lang: _by_first(p for p in PREFIXES[lang] if p in _SEPARABLE[lang]) for lang in PREFIXES}


def _irregular(lang: str, word: str) -> str | None:
    """Return the infinitive of an irregular verb form, also behind one prefix, or None."""
    table = IRREGULAR[lang]
    inf = table.get(word)
    if inf:
        return inf
    if not word.startswith(_PREFIX_TUPLES[lang]):
        return None
    for prefix in _PREFIXES_BY_FIRST[lang][word[0]]:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            inf = table.get(rest)
            if inf is None and prefix not in _SEPARABLE[lang] and rest.endswith("en"):
                inf = table.get("ge" + rest)  # no ge- after an inseparable prefix: ontslagen, erhoben
            if inf:
                return prefix + inf
    return None


def _nl_infinitives(root: str) -> list[str]:
    """Return the infinitives Dutch spelling allows for a verb root (speel -> spelen, zeg -> zeggen)."""
    if len(root) < 2:
        return []
    last = root[-1]
    out = []
    if last in _VOWELS:
        out.append(root + "n")  # sta(at) -> staan, doe(t) -> doen
    elif len(root) >= 3 and root[-2] in _VOWELS and root[-3] not in _VOWELS:
        out.append(root + last + "en")  # a short vowel: zeg -> zeggen, stel -> stellen (not stelen)
    out.append(root + "en")
    voiced = {"f": "v", "s": "z"}.get(last)
    m = _NL_LONG.match(root)
    if m:
        short = m.group(1) + m.group(2)[0] + m.group(3)  # speel -> spel
        out.append(short + "en")
        if voiced:
            out.append(short[:-1] + voiced + "en")  # geef -> geven, lees -> lezen
    elif voiced:
        out.append(root[:-1] + voiced + "en")  # blijf -> blijven, kies -> kiezen
    return out


_NL_ENDINGS = ("dt", "t", "den", "ten", "de", "te", "ende", "end", "d")
_DE_ENDINGS = ("eten", "etest", "etet", "ete", "test", "tet", "ten", "te", "est", "et", "st", "t",
               "endes", "enden", "endem", "ender", "ende", "end")
_DE_ADJ = ("e", "en", "er", "es", "em")
_DE_PARTICIPLE_ADJ = tuple(("t" + adj, adj) for adj in _DE_ADJ)
# Each ending list's endings by their last letter, in the list's order.
_ENDINGS_BY_LAST = {lang: {last: tuple(e for e in endings if e[-1] == last) for last in {e[-1] for e in endings}}
                    for lang, endings in (("nl", _NL_ENDINGS), ("de", _DE_ENDINGS))}


def _roots(lang: str, word: str) -> list[str]:
    """Return the verb roots a word may be an inflection of, most likely first."""
    roots: list[str] = []
    endings = _NL_ENDINGS if lang == "nl" else _DE_ENDINGS
    by_last = _ENDINGS_BY_LAST[lang]
    stems = [word]
    if word.startswith("ge") and len(word) > 5:
        stems.append(word[2:])  # participle ge-...-d/t
    if lang == "de":
        for t_adj, adj in _DE_PARTICIPLE_ADJ:  # declined participles: gesagte, bestimmten
            if word.endswith(t_adj) and len(word) > len(adj) + 4:
                stems.append(word[: -len(adj)])
                if word.startswith("ge"):
                    stems.append(word[2 : -len(adj)])
    elif word.endswith(("de", "te")) and word.startswith("ge"):
        stems.append(word[2:-1])  # gespeelde -> speeld
    for stem in stems:
        if not stem.endswith(endings):
            continue
        for ending in by_last[stem[-1]]:
            if stem.endswith(ending) and len(stem) - len(ending) >= 2:
                root = stem[: -len(ending)]
                if ending == "dt":
                    root = stem[:-1]  # wordt -> word
                roots.append(root)
    return roots


def _weak(lang: str, word: str) -> str | None:
    """Return the attested infinitive of a weak verb form, or None."""
    infinitives = INFINITIVES[lang]
    for root in _roots(lang, word):
        candidates = _nl_infinitives(root) if lang == "nl" else [root + "en", root + "n"]
        for cand in candidates:
            if cand in infinitives:
                return cand
    return None


@functools.lru_cache(maxsize=WORD_CACHE)
def infinitive(lang: str, word: str) -> str | None:
    """Return the infinitive a lowercased Dutch or German verb form belongs to, or None to leave it alone."""
    if lang not in IRREGULAR or len(word) < 2:
        return None
    inf = _irregular(lang, word)
    if inf:
        return inf
    if word in NOUNS[lang] or word in INFINITIVES[lang]:
        return None
    inf = _weak(lang, word)
    if inf:
        return inf
    # A separable particle in front: opstelt -> op + stellen, uitgeschakeld -> uit + schakelen.
    if not word.startswith(_SEPARABLE_TUPLES[lang]):
        return None
    for prefix in _SEPARABLE_BY_FIRST[lang][word[0]]:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 3:
            if lang == "de" and rest.startswith("zu") and prefix + rest[2:] in INFINITIVES[lang]:
                return prefix + rest[2:]  # anzuwenden -> anwenden
            if rest in NOUNS[lang]:
                continue
            inf = _irregular(lang, rest) or _weak(lang, rest)
            if inf:
                return prefix + inf
    return None


@functools.lru_cache(maxsize=WORD_CACHE)
def stem(lang: str, word: str, base: Callable[[str], str]) -> str:
    """Return the stem of a lowercased word: Snowball's stem of its infinitive when it is a known verb form."""
    inf = infinitive(lang, word)
    return base(inf if inf else word)


# Part-list words that mostly appear as the end of another part plus a linking -s (Gesundheit-s-amt).
_NOT_PARTS = {"samt", "sende", "sorte", "sorten", "staken"}
# Linking elements between the parts of a compound, longest first (Arbeit-s-vertrag, boek-en-kast).
_LINKS = {"nl": ("en", "s", "e", ""), "de": ("es", "en", "er", "s", "n", "e", "")}
MIN_PART = 4
MIN_COMPOUND = 8


@functools.lru_cache(maxsize=WORD_CACHE)
def compound_parts(lang: str, word: str) -> tuple[str, ...]:
    """Return (head, tail) of a lowercased compound whose both parts are known, or () when it is none.

    Both parts must be in the language's part list (words that start or end several corpus compounds) and
    at least MIN_PART letters long, so short accidental matches (be-stand, ver-kehr) are not split. The
    longest known tail wins: motorrijtuigenbelasting -> motorrijtuig + belasting.
    """
    parts = PARTS.get(lang)
    if not parts or len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[i:]
        if tail not in parts:
            continue
        joined = word[:i]
        for link in _LINKS[lang]:
            if link and not joined.endswith(link):
                continue
            head = joined[: len(joined) - len(link)]
            if len(head) >= MIN_PART and head in parts:
                return (head, tail)
    return ()


CACHE_CLEARS: list[Callable[[], None]] = []


def load(data_dir: Path | None = None) -> None:
    """Read the word lists from a data folder (the package's by default) into the tables, forgetting cached results."""
    global DATA_DIR
    DATA_DIR = Path(data_dir) if data_dir is not None else Path(__file__).resolve().parent / "data" / "lexicon"

    def data(lang: str, name: str) -> Path:
        return DATA_DIR / f"{lang}_{name}.txt"

    for lang in ("nl", "de"):
        IRREGULAR[lang] = _table(read_lines(data(lang, "irregular")), lang)
        INFINITIVES[lang] = read_words(data(lang, "infinitives")) | frozenset(IRREGULAR[lang].values())
        NOUNS[lang] = read_words(data(lang, "nouns"))
        PARTS[lang] = read_words(data(lang, "parts")) - _NOT_PARTS
    stem.cache_clear()
    compound_parts.cache_clear()
    infinitive.cache_clear()
    for clear in CACHE_CLEARS:  # caches of other modules built on these tables (analysis.participle_infinitive)
        clear()


def fingerprint() -> str:
    """Return a hash of everything here that decides a token: the loaded data files and this module's code."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in data_files():
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


load()
