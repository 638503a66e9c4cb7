"""Query-word translation between Dutch, English and German from Debian's FreeDict dictionaries (dictd format):
lookup by lemma, by compound parts and through the third language; candidates ranked by the caller's index."""

from __future__ import annotations

import gzip
import math
import mmap
import os
import re
import struct
import threading
import unicodedata
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .memo import Memo

LANGS = ("nl", "en", "de")
CODES = {"nl": "nld", "en": "eng", "de": "deu"}
DEFAULT_DIR = Path("/usr/share/dictd")
DIR_ENV = "SEARCHSVC_DICT_DIR"  # declared in config.SETTINGS (dict_dir); read here so the module needs no app
PER_TARGET = 3  # translations kept per word and target language (Pirkola: the most frequent senses only)
SENSES = 8  # candidates read from one dictionary entry; later ones are rare senses
PIVOTS = 3  # third-language words tried when a pair has no direct entry
PIVOT_ALWAYS = False  # also pivot when a direct entry exists (measured with bench/quality.py --cross-language)
REVERSE_MAX_BYTES = 4_000_000  # dictionaries this small (.dict.dz) are also read backwards (nl<->en, nl<->de)
WHOLE_MAX_BYTES = 16_000_000  # a .dict.dz without dictzip chunks is decompressed whole only up to this size
CHUNK_CACHE = 16  # decompressed dictzip chunks (~58 KB each) kept per dictionary (64 held ~10 MB in a worker)
CHUNK_AHEAD = 4096  # bytes decompressed past the entry asked for (the next entries of a word often follow)
MIN_PART = 3  # shortest compound part
MAX_WORDS = 32  # words translated per call: a query costs a bounded amount of work
MAX_WORD_CHARS = 40
NGRAM = 3  # longest multi-word dictionary entry looked up from adjacent query words
LINKERS = ("", "s", "en", "n", "e", "es", "er")  # Dutch/German linking elements between compound parts

_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_BRACKETS = re.compile(r"\[[^\]]*\]|<[^>]*>|\([^)]*\)|\{[^}]*\}")
_SKIP_LINE = ("see:", "note:", "synonym", "antonym", '"', "syn.", "ant.", "usage", "example")
_GRAMMAR = re.compile(r"\b(?:sb|sth|so|jdn|jdm|jds|etw|iem|iets|zich|sich|someone|something)\.?(?=\s|$)", re.I)
_NUMBERED = re.compile(r"^\d+\.\s*")
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def _b64(text: str) -> int:
    """Decode a dictd index number (base64 digits, most significant first)."""
    value = 0
    for ch in text:
        value = value * 64 + _B64[ch]
    return value


def normalise(text: str) -> str:
    """Return the lookup key of a word or headword: NFKC (the ĳ ligature becomes ij), case-folded, hyphens plain."""
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(text.casefold().split())


def _key_variants(head: str) -> list[str]:
    """Return the keys a headword is found under: itself and, for 'jdn. ausweisen' or 'to expel', the bare word."""
    key = normalise(head).replace("\t", " ").strip("-…. ")
    keys = [key] if key else []
    bare = " ".join(_GRAMMAR.sub(" ", re.sub(r"^to\s+", "", key)).split())
    if bare and bare != key:
        keys.append(bare)
    return keys


def clean_entry(text: str) -> list[str]:
    """Return a FreeDict definition's translations, best first: no grammar notes, brackets, examples or cross-refs."""
    out: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n")[1:]:  # the first line is the headword, its pronunciation and grammar
        line = line.strip()
        if not line or line.casefold().startswith(_SKIP_LINE):
            continue
        line = _BRACKETS.sub(" ", _NUMBERED.sub("", line))
        for part in re.split(r"[,;]|:\s", line):  # Ding lists some alternatives as "except: excepting"
            word = _tidy(part)
            if word and word.casefold() not in seen:
                seen.add(word.casefold())
                out.append(word)
    return out


def _tidy(part: str) -> str:
    """Return one candidate translation tidied, or '' when it is not a usable word or short phrase."""
    part = unicodedata.normalize("NFKC", part).replace("\u2010", "-")
    part = re.sub(r"^\s*to\s+", "", part)
    part = " ".join(_GRAMMAR.sub(" ", part).split()).strip(" .…!?:")
    if not part or "/" in part or part.endswith("-") or part.startswith("-") or _HAS_DIGIT.search(part):
        return ""
    if len(part.split()) > NGRAM or not any(ch.isalpha() for ch in part):
        return ""
    return part


def _headword(text: str) -> str:
    """Return the headword as the entry's first line spells it (the index may have folded its case)."""
    first = unicodedata.normalize("NFKC", text.split("\n", 1)[0])
    return re.split(r"\s+[/<\[]", first, maxsplit=1)[0].strip()


class _DictData:
    """Random access to a .dict.dz: dictzip chunks when the header lists them, else the whole (small) file."""

    def __init__(self, path: Path):
        self.path = path
        self.chunk_len = 0
        self.chunks: list[tuple[int, int]] = []  # (file offset, compressed size) of each chunk
        self._whole: bytes | None = None
        # chunk number -> [text decompressed so far, its decompressor and the compressed bytes it has not read,
        # both None once the chunk's end is reached]
        self._cache: OrderedDict[int, list] = OrderedDict()  # type: ignore[type-arg]
        self._lock = threading.Lock()
        self._read_header()
        self._fd: int | None = None

    def _read_header(self) -> None:
        with open(self.path, "rb") as fh:
            head = fh.read(10)
            if len(head) < 10 or head[:2] != b"\x1f\x8b":
                raise ValueError(f"{self.path} is not gzip data")
            flags = head[3]
            extra = b""
            if flags & 4:
                (xlen,) = struct.unpack("<H", fh.read(2))
                extra = fh.read(xlen)
            if flags & 8:
                while fh.read(1) not in (b"\0", b""):
                    pass
            if flags & 16:
                while fh.read(1) not in (b"\0", b""):
                    pass
            if flags & 2:
                fh.read(2)
            start = fh.tell()
        pos = 0
        while pos + 4 <= len(extra):
            sub, size = extra[pos : pos + 2], struct.unpack("<H", extra[pos + 2 : pos + 4])[0]
            body = extra[pos + 4 : pos + 4 + size]
            if sub == b"RA" and len(body) >= 6:
                _ver, chunk_len, count = struct.unpack("<HHH", body[:6])
                sizes = struct.unpack(f"<{count}H", body[6 : 6 + 2 * count])
                offset = start
                for csize in sizes:
                    self.chunks.append((offset, csize))
                    offset += csize
                self.chunk_len = chunk_len
            pos += 4 + size

    def read(self, offset: int, length: int) -> bytes:
        """Return length bytes of the uncompressed text from offset."""
        if not self.chunks:
            return self._read_whole(offset, length)
        first, last = offset // self.chunk_len, (offset + length - 1) // self.chunk_len
        last = min(last, len(self.chunks) - 1)
        end = offset + length - last * self.chunk_len  # bytes needed of the last chunk
        data = b"".join(self._chunk(i, self.chunk_len if i < last else end) for i in range(first, last + 1))
        skip = offset - first * self.chunk_len
        return data[skip : skip + length]

    def _chunk(self, number: int, need: int) -> bytes:
        """Return a chunk's text, decompressed at least up to `need` bytes (or to its end).

        An entry is a few hundred bytes of a ~58 KB chunk: decompressing only up to it (and a little more,
        continued when a later entry lies further on) halves a missed chunk's cost on average.
        """
        with self._lock:  # one decompressor per chunk, continued by one thread at a time
            entry = self._cache.get(number)
            if entry is None:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_RDONLY)  # pread: no shared file position between threads
                where, size = self.chunks[number]
                entry = [b"", zlib.decompressobj(-zlib.MAX_WBITS), os.pread(self._fd, size, where)]
                self._cache[number] = entry
                while len(self._cache) > CHUNK_CACHE:
                    self._cache.popitem(last=False)
            else:
                self._cache.move_to_end(number)
            text, inflater, tail = entry
            if inflater is not None and len(text) < need:
                ask = need - len(text) + CHUNK_AHEAD
                more = inflater.decompress(tail, ask)
                text = entry[0] = text + more
                entry[2] = inflater.unconsumed_tail  # the compressed bytes not read yet
                if len(more) < ask:  # fewer bytes than asked for: the chunk's end
                    entry[1] = entry[2] = None
            return text

    def _read_whole(self, offset: int, length: int) -> bytes:
        if self._whole is None and self.path.stat().st_size <= WHOLE_MAX_BYTES:
            with gzip.open(self.path, "rb") as fh:
                self._whole = fh.read()
        if self._whole is not None:
            return self._whole[offset : offset + length]
        with gzip.open(self.path, "rb") as fh:  # a large plain gzip file: slow, but correct
            fh.seek(offset)
            return fh.read(length)


_SAMPLE_EVERY = 64  # lines between two sampled keys: 8 bytes of sample a 64 lines (~130 KB for all dictionaries)


class _Keys(Sequence[bytes]):
    """The sorted index as a sequence of keys, for bisect, without a Python object per headword."""

    def __init__(self, blob: bytes | mmap.mmap, starts: array):
        self.blob, self.starts = blob, starts
        self._sample: array | None = None

    def find(self, key: bytes) -> int:
        """Return bisect_left(self, key): first among every 64th line's opening 8 bytes, then among 64 keys.

        Bisecting all keys made a Python slice a step, ~20 steps a lookup and ~50 lookups a request. A line's
        opening bytes (key, tab, …) compare with the key's first 8 (zero-padded) as the key does wherever they
        differ, and a sampled line whose bytes are below the key's has a key below it, above: not below it.
        """
        sample = self._sample
        if sample is None:
            sample = self._sample = array("Q", (
                int.from_bytes(bytes(self.blob[s : s + 8]).ljust(8, b"\0"), "big")
                for s in self.starts[::_SAMPLE_EVERY]))
        probe = int.from_bytes(key[:8].ljust(8, b"\0"), "big")
        lo = max(bisect_left(sample, probe) - 1, 0) * _SAMPLE_EVERY
        hi = min(bisect_right(sample, probe) * _SAMPLE_EVERY, len(self.starts))
        return bisect_left(self, key, lo, hi)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        start = self.starts[i]
        return self.blob[start : self.blob.find(b"\t", start)]


def _sorted_index(path: Path) -> tuple[bytes, array]:
    """Return a dictd index re-sorted by our lookup key as one blob of 'key\toffset\tlength' lines, and line starts."""
    heads, wheres = [], []
    for line in path.read_bytes().decode("utf-8", "replace").split("\n"):
        head, sep, where = line.partition("\t")
        if sep and not head.startswith(("00database", "00-database")):
            heads.append(head)
            wheres.append(where.rstrip("\r"))
    # Fold all headwords in one call each: per-line calls made loading the 500,000-line de-en index ten times slower.
    folded = unicodedata.normalize("NFKC", "\n".join(heads)).replace("\u2010", "-").replace("\u2011", "-").casefold()
    keys = folded.split("\n")
    if len(keys) != len(heads):  # a headword NFKC would split: fold line by line
        keys = [normalise(h) for h in heads]
    lines = []
    for key, where in zip(keys, wheres):
        if " " in key or "\t" in key:
            for variant in _key_variants(key):
                lines.append(f"{variant}\t{where}")
        else:
            key = key.strip("-…. ")
            if key:
                lines.append(f"{key}\t{where}")
    blob = "\n".join(sorted(lines)).encode("utf-8") + b"\n"
    return blob, _line_starts(blob)


def _line_starts(blob: bytes) -> array:
    """Return where each line of a blob of newline-ended lines starts (none for an empty blob)."""
    if not blob:
        return array("I")
    starts = array("I", [0])
    find = blob.find
    pos = find(b"\n")
    while pos != -1 and pos + 1 < len(blob):
        starts.append(pos + 1)
        pos = find(b"\n", pos + 1)
    return starts


CACHE_MIN_BYTES = 2_000_000  # indexes this large (en<->de) are sorted once and kept in the user's cache folder
CACHE_VERSION = 1


def _cache_dir() -> Path:
    """Return the per-user cache folder for sorted dictionary indexes (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "searchsvc" / "dictd"


def _cached_index(path: Path) -> tuple[bytes | mmap.mmap, array]:
    """Return _sorted_index(path), for a large index from a cache file mapped into memory (shared by workers).

    Sorting the 540,000-line de-en index costs seconds and ~100 MB of transient memory in every process; the cache
    file (named by the index's size and mtime, so a dictionary upgrade makes a new one) costs a map instead.
    """
    stat = path.stat()
    if stat.st_size < CACHE_MIN_BYTES:
        return _sorted_index(path)
    name = f"{path.stem}-{stat.st_size}-{int(stat.st_mtime)}-v{CACHE_VERSION}"
    keys_path, starts_path = _cache_dir() / f"{name}.keys", _cache_dir() / f"{name}.starts"
    try:
        with open(keys_path, "rb") as fh:
            blob = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        starts = array("I")
        starts.frombytes(starts_path.read_bytes())
        if blob[-1:] == b"\n" and starts and starts[-1] < len(blob):
            return blob, starts
    except (OSError, ValueError):
        pass  # no cache yet, or a partial one: build it
    blob_bytes, starts = _sorted_index(path)
    try:
        keys_path.parent.mkdir(parents=True, exist_ok=True)
        for target, data in ((starts_path, starts.tobytes()), (keys_path, blob_bytes)):
            tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)  # atomic: a concurrent worker sees the old state or the whole file
    except OSError:
        pass  # a read-only home: keep the sorted index in memory only
    return blob_bytes, starts


# Words a dictionary remembers the translations of before starting afresh. A query's words reach the same entries
# again through the third language (geest -> Geist -> spirit): a quarter of the lookups of 800 distinct queries.
TRANSLATION_WORDS = 4_096


class Dictionary:
    """One dictd dictionary: its index sorted by our key in one bytes blob (loaded once), definitions on demand."""

    def __init__(self, index_path: Path, dict_path: Path):
        self.index_path, self.dict_path = index_path, dict_path
        self._keys: _Keys | None = None
        self._data: _DictData | None = None
        self._reverse: _Reverse | None = None
        self._small: bool | None = None
        self._lock = threading.Lock()
        self._translations = Memo(TRANSLATION_WORDS)

    @property
    def small(self) -> bool:
        """Say whether this dictionary is small enough to be read backwards as well."""
        if self._small is None:  # asked ~40 times a request: the file's size is read once
            self._small = self.dict_path.stat().st_size <= REVERSE_MAX_BYTES
        return self._small

    def _load(self) -> _Keys:
        with self._lock:
            if self._keys is None:
                self._keys = _Keys(*_cached_index(self.index_path))
                self._data = _DictData(self.dict_path)
            return self._keys

    def has(self, word: str) -> bool:
        """Say whether the dictionary has an entry for word (any case)."""
        keys = self._load()
        key = normalise(word).encode()
        i = keys.find(key)
        return i < len(keys) and keys[i] == key

    def entries(self, word: str) -> list[str]:
        """Return the raw definitions of every entry whose headword is word (any case)."""
        keys = self._load()
        key = normalise(word).encode()
        i = keys.find(key)
        out = []
        while i < len(keys) and keys[i] == key and len(out) < 16:
            line = keys.blob[keys.starts[i] : keys.blob.find(b"\n", keys.starts[i])]
            _, offset, length = line.split(b"\t")[:3]
            assert self._data is not None
            out.append(self._data.read(_b64(offset.decode()), _b64(length.decode())).decode("utf-8", "replace"))
            i += 1
        return out

    def translations(self, word: str) -> list[str]:
        """Return word's translations from every entry, best first (entries in order, senses in order)."""
        memo = self._translations
        found = memo.get(word)
        if found is None:
            out: list[str] = []
            lists = [clean_entry(text)[:SENSES] for text in self.entries(word)]
            for rank in range(SENSES):  # interleave: each entry's first sense before any entry's second
                for senses in lists:
                    if rank < len(senses) and senses[rank] not in out:
                        out.append(senses[rank])
            found = memo[word] = tuple(out)
        return list(found)

    def reverse(self, word: str) -> list[tuple[str, int]]:
        """Return (headword, sense rank) of entries that give word as a translation (small dictionaries only)."""
        if not self.small:
            return []
        with self._lock:
            if self._reverse is None:
                self._reverse = self._read_reverse()
        return self._reverse.get(normalise(word), [])

    def _read_reverse(self) -> "_Reverse":
        with gzip.open(self.dict_path, "rb") as fh:
            data = fh.read()  # offsets count bytes, so slice before decoding
        table: list[tuple[bytes, str, int]] = []
        with open(self.index_path, "rb") as fh:
            for raw in fh:
                parts = raw.rstrip(b"\r\n").split(b"\t")
                if len(parts) < 3 or parts[0].startswith(b"00database"):
                    continue
                start = _b64(parts[1].decode())
                body = data[start : start + _b64(parts[2].decode())].decode("utf-8", "replace")
                head = _headword(body)
                if not head or head.endswith(("-", "\u2010", "…")):
                    continue
                for rank, word in enumerate(clean_entry(body)[:SENSES]):
                    key = normalise(word)
                    if key and "\t" not in key + head and "\n" not in key + head:
                        table.append((key.encode("utf-8"), head, rank))
        return _Reverse(table)


class _Reverse:
    """A dictionary read backwards: translation -> [(headword, sense rank)], as one sorted blob of lines.

    As a dict of lists of tuples the four small pairs' tables were 320,000 objects, ~20 MB in every worker.
    """

    def __init__(self, rows: list[tuple[bytes, str, int]]) -> None:
        rows.sort(key=lambda row: row[0])  # stable: one key's entries stay in the dictionary's order
        self.blob = b"".join(key + b"\t" + head.encode("utf-8") + b"\t%d\n" % rank for key, head, rank in rows)
        self.starts = _line_starts(self.blob)
        self.keys = _Keys(self.blob, self.starts)

    def get(self, key: str, default: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Return (headword, rank) of every entry giving key as a translation, in dictionary order, or default."""
        wanted = key.encode("utf-8")
        i = self.keys.find(wanted)
        out = []
        while i < len(self.keys) and self.keys[i] == wanted:
            start = self.starts[i]
            _, head, rank = self.blob[start : self.blob.find(b"\n", start)].split(b"\t")
            out.append((head.decode("utf-8"), int(rank)))
            i += 1
        return out or default


# --- the dictionaries of one folder -----------------------------------------------------------------


class Dictionaries:
    """The FreeDict dictionaries between nl, en and de found in one folder, opened lazily."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pairs: dict[tuple[str, str], Dictionary] = {}
        for src in LANGS:
            for tgt in LANGS:
                if src == tgt:
                    continue
                stem = folder / f"freedict-{CODES[src]}-{CODES[tgt]}"
                index_path, dict_path = stem.with_name(stem.name + ".index"), stem.with_name(stem.name + ".dict.dz")
                if not dict_path.exists():
                    dict_path = stem.with_name(stem.name + ".dict")
                if index_path.is_file() and dict_path.is_file():
                    self.pairs[(src, tgt)] = Dictionary(index_path, dict_path)

    def known(self, word: str, src: str) -> bool:
        """Say whether a dictionary from src has word as a headword, or a small one into src as a translation."""
        return any(d.has(word) for (s, _), d in self.pairs.items() if s == src) or any(
            d.small and d.reverse(word) for (_, t), d in self.pairs.items() if t == src
        )

    def proper(self, word: str, src: str) -> bool:
        """Say whether a dictionary from src spells word capitalised as a headword (a place or body, not a name)."""
        return any(word in (_headword(text) for text in d.entries(word)) for (s, _), d in self.pairs.items() if s == src)


_lock = threading.Lock()
_opened: dict[Path, Dictionaries] = {}  # by resolved folder
_given: dict[Path, Dictionaries] = {}  # by the folder as asked for: resolving it took ~0.1 ms, five times a request


def dict_dir() -> Path:
    """Return the dictionary folder: SEARCHSVC_DICT_DIR, else /usr/share/dictd."""
    value = os.environ.get(DIR_ENV, "")
    return Path(value) if value else DEFAULT_DIR


def dictionaries(folder: Path | None = None) -> Dictionaries:
    """Return the (cached, lazily loaded) dictionaries of folder, by default the configured one."""
    given = folder or dict_dir()
    found = _given.get(given)
    if found is not None:
        return found
    folder = given.resolve()
    with _lock:
        if folder not in _opened:
            _opened[folder] = Dictionaries(folder)
        found = _given[given] = _opened[folder]
        return found


def available(folder: Path | None = None) -> bool:
    """Say whether cross-language search can run: at least one dictionary between nl, en and de is installed."""
    return bool(dictionaries(folder).pairs)


def status(folder: Path | None = None) -> dict[str, object]:
    """Return what /healthz reports: whether translation is on, the folder and the language pairs found."""
    found = dictionaries(folder)
    return {
        "available": bool(found.pairs),
        "dict_dir": str(found.folder),
        "pairs": sorted(f"{s}-{t}" for s, t in found.pairs),
    }


# --- word lists ---------------------------------------------------------------------------------------


def _data_lines(name: str) -> Iterable[str]:
    text = resources.files("searchsvc").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def skip_words() -> dict[str, frozenset[str]]:
    """Return, per language, the words never translated (function words): from data/translate_skip.txt."""
    table: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for line in _data_lines("translate_skip.txt"):
        lang, word = line.split(None, 1)
        for target in LANGS if lang == "*" else (lang,):
            table[target].add(normalise(word))
    return {lang: frozenset(words) for lang, words in table.items()}


@lru_cache(maxsize=1)
def extra_entries() -> dict[tuple[str, str, str], list[str]]:
    """Return the senses FreeDict lacks, {(src, lemma key, tgt): translations}: from data/translate_extra.tsv."""
    table: dict[tuple[str, str, str], list[str]] = {}
    for line in _data_lines("translate_extra.tsv"):
        src, lemma, tgt, words = line.split("\t")
        table[(src, normalise(lemma), tgt)] = [w.strip() for w in words.split(",") if w.strip()]
    return table


# --- lemmas, names, languages ---------------------------------------------------------------------------


# simplemma's data costs memory per language (measured RSS as dicts: nl +41 MB, en +30 MB, de +117 MB). The 470,000- and
# 540,000-headword en<->de dictionaries list most inflected forms as headwords, so English and German are looked up
# as typed and without their inflection endings instead; Dutch, with its small dictionaries, needs the lemmatiser.
LEMMA_LANGS = ("nl",)
_ENDINGS = {
    "de": (("ern", ""), ("en", ""), ("em", ""), ("er", ""), ("es", ""), ("n", ""), ("e", ""), ("s", ""), ("te", "en"),
           ("ten", "en"), ("test", "en")),
    "en": (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
           ("ing", "e")),
}


@lru_cache(maxsize=8192)
def _lemmas(word: str, lang: str) -> tuple[str, ...]:
    forms = [word]
    if lang in LEMMA_LANGS:
        import simplemma  # its language data loads on first use (~1 s per language), so only when translating

        # low_memory: simplemma reads its front-coded data on demand (same lemmas, measured: +5 MB RSS instead of
        # +41 MB for Dutch in every worker, 1.7 µs a lookup instead of 0.5 µs, behind this function's own cache).
        candidates = [simplemma.lemmatize(word, lang=lang, low_memory=True),
                      simplemma.lemmatize(word.lower(), lang=lang, low_memory=True)]
    else:
        candidates = [word[: -len(end)] + new for end, new in _ENDINGS.get(lang, ()) if word.endswith(end)]
        candidates = [c for c in candidates if len(c) >= 3]
        # expelled -> expell -> expel, stoppen -> stopp -> stop: an ending after a doubled consonant
        candidates += [c[:-1] for c in candidates if len(c) >= 4 and c[-1] == c[-2] and c[-1] not in "aeiouy"]
    for form in candidates:
        if form and normalise(form) not in {normalise(f) for f in forms}:
            forms.append(form)
    return tuple(forms)


def lemmas(word: str, lang: str) -> list[str]:
    """Return the forms to look word up by in lang: as typed, then its lemma or the word without inflection endings."""
    return list(_lemmas(word, lang))


def is_untranslatable(word: str) -> bool:
    """Say whether a word is left as typed: numbers, document numbers (letters with digits) and acronyms."""
    return bool(_HAS_DIGIT.search(word)) or (len(word) >= 2 and word.isupper()) or not _WORD.fullmatch(word)


def query_language(words: Sequence[str]) -> str | None:
    """Return nl, en or de when the query's function words say so clearly, else None (then every language counts)."""
    stops = skip_words()
    counts = {lang: sum(1 for w in words if normalise(w) in stops[lang]) for lang in LANGS}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, n), (_, second) = ranked[0], ranked[1]
    if n >= 2 and n >= 2 * second:
        return best
    if len(words) >= 20:
        from . import langid

        return langid.quick_language(" ".join(words))
    return None


# --- translation ------------------------------------------------------------------------------------------

Candidates = dict[str, float]  # translation -> weight (summed over the ways it was found)


def _add(out: Candidates, word: str, weight: float) -> None:
    for have in out:
        if have.casefold() == word.casefold():
            out[have] += weight
            return
    out[word] = weight


def _direct(dicts: Dictionaries, forms: Sequence[str], src: str, tgt: str) -> Candidates:
    """Return translations of a word (its forms) from src to tgt: forward entries, reverse entries, our extras."""
    out: Candidates = {}
    forward, backward = dicts.pairs.get((src, tgt)), dicts.pairs.get((tgt, src))
    extras = extra_entries()
    for form in forms:
        for rank, word in enumerate(extras.get((src, normalise(form), tgt), [])):
            _add(out, word, 1.5 / (1 + 0.25 * rank))
        if forward is not None:
            for rank, word in enumerate(forward.translations(form)):
                _add(out, word, 1.0 / (1 + 0.25 * rank))
        if backward is not None:
            for head, rank in backward.reverse(form):
                _add(out, head, 0.8 / (1 + 0.25 * rank))
        if out:
            break  # the form as typed has entries: its lemma would only add noise
    return out


def _top(cands: Candidates, n: int) -> list[tuple[str, float]]:
    return sorted(cands.items(), key=lambda item: -item[1])[:n]


def _split(dicts: Dictionaries, word: str, src: str) -> tuple[str, str] | None:
    """Return (modifier, head) when word is a Dutch or German compound of two known headwords, longest head first."""
    lower = word.casefold()
    for i in range(MIN_PART, len(lower) - MIN_PART + 1):
        head = lower[i:]
        if not any(dicts.known(form, src) for form in lemmas(head, src)):
            continue
        for link in LINKERS:
            mod = lower[:i]
            if link and mod.endswith(link):
                mod = mod[: -len(link)]
            elif link:
                continue
            if len(mod) >= MIN_PART and any(dicts.known(form, src) for form in lemmas(mod, src)):
                return mod, (head.capitalize() if src == "de" else head)
    return None


@lru_cache(maxsize=4096)
def _candidates(folder: Path, word: str, src: str, tgt: str, split: bool) -> tuple[tuple[str, float], ...]:
    """Return weighted translations of word from src to tgt: direct, else via the third language, else by parts."""
    dicts = dictionaries(folder)
    forms = lemmas(word, src)
    found = _direct(dicts, forms, src, tgt)
    if not found or PIVOT_ALWAYS:
        # Through the third language too: a second dictionary's agreement lifts the right sense (geest -> Geist ->
        # spirit, where nld-eng gives only soul, intellect, mind).
        third = next(lang for lang in LANGS if lang not in (src, tgt))
        share = 0.25 if found else 0.5  # beside direct entries, pivoted ones mostly confirm
        for pivot, weight in _top(_direct(dicts, forms, src, third), PIVOTS):
            for out, w in _top(_direct(dicts, lemmas(pivot, third), third, tgt), PER_TARGET):
                _add(found, out, share * weight * w)
    if not found and split and src in ("nl", "de"):
        parts = _split(dicts, word, src)
        if parts is not None:
            mods = _top(dict(_candidates(folder, parts[0], src, tgt, False)), 2)
            heads = _top(dict(_candidates(folder, parts[1], src, tgt, False)), 2)
            for mod, mw in mods:
                for head, hw in heads:
                    # Two words in every target: German and Dutch documents have their compounds' parts indexed.
                    _add(found, f"{mod} {head}", 0.5 * mw * hw)
    return tuple(_top(found, 2 * SENSES))


def _sources(dicts: Dictionaries, word: str, lang: str | None, sentence_start: bool = False) -> list[str]:
    """Return the languages word is translated from: the query's language when it knows the word, else all that do."""
    known = [src for src in LANGS if any(dicts.known(f, src) for f in lemmas(word, src)) or _extra_known(word, src)]
    if word[:1].isupper() and not sentence_start:
        # A capitalised word is a name (Rutte, Brown) unless German, where nouns are capitalised, or the dictionary
        # spells it so (Nederland, Verenigde Naties).
        known = [src for src in known if src == "de" or dicts.proper(word, src)]
        if not known:
            return []
    if lang in known:
        return [lang]
    if known:
        return known
    # No dictionary has it as a headword: perhaps a compound; a capitalised word is a name unless the query is German.
    if lang is not None:
        return [lang] if (lang == "de" or not word[:1].isupper()) and lang != "en" else []
    return [src for src in ("nl", "de") if src == "de" or not word[:1].isupper()]


def _extra_known(word: str, src: str) -> bool:
    extras = extra_entries()
    return any((src, normalise(f), tgt) in extras for f in lemmas(word, src) for tgt in LANGS)


def translate_words(
    words: list[str],
    source_lang: str | None,
    targets: Iterable[str] = LANGS,
    frequency: Callable[[str, str], int] | None = None,
    folder: Path | None = None,
    memo: Memo | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Return {word: {lang: translations}} for the query's words, best first, at most PER_TARGET per language.

    source_lang is the query's language when known (else it is guessed; when unsure every language whose dictionary
    has the word is a source). frequency(lang, word) is the number of documents of that language with the word; a
    translation it gives 0 for is dropped, and it ranks the rest. Adjacent words that form a dictionary entry
    (`human rights`) also get a key of their own, with the entry's translations. Untranslatable words are absent.
    memo (the caller's, one per open build since frequency reads it) keeps each word's result for its next query.
    """
    dicts = dictionaries(folder)
    if not dicts.pairs:
        return {}
    words = [w for w in words if w and len(w) <= MAX_WORD_CHARS][:MAX_WORDS]
    lang = source_lang if source_lang in LANGS else query_language(words)
    targets = [t for t in targets if t in LANGS]
    stops = skip_words()
    freq_cache: dict[tuple[str, str], int] = {}

    def df(tgt: str, phrase: str) -> int:
        if frequency is None:
            return 1
        counts = []
        for part in phrase.split():
            if (tgt, part) not in freq_cache:
                freq_cache[(tgt, part)] = int(frequency(tgt, part))
            counts.append(freq_cache[(tgt, part)])
        return min(counts)

    def rank(word: str, sources: list[str]) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for tgt in targets:
            pooled: Candidates = {}
            for src in sources:
                if src != tgt:
                    for cand, weight in _candidates(dicts.folder, word, src, tgt, True):
                        if normalise(cand) != normalise(word):
                            _add(pooled, cand, weight)
            scored = []
            for cand, weight in pooled.items():
                n = df(tgt, cand)
                if n > 0:  # precision first: a translation that matches nothing is dropped
                    scored.append((weight * math.log(2 + n), cand))
            scored.sort(key=lambda item: -item[0])
            if scored:
                result[tgt] = [cand for _, cand in scored[:PER_TARGET]]
        return result

    # A capital on the first word of a sentence-like query (`Alle mensen worden vrij …`) is not a name's.
    sentence = len(words) >= 3 and sum(w[:1].islower() for w in words[1:]) * 2 >= len(words) - 1
    out: dict[str, dict[str, list[str]]] = {}
    for position, word in enumerate(words):
        if word in out or is_untranslatable(word) or any(normalise(word) in stops[s] for s in ([lang] if lang else LANGS)):
            continue
        # A word's result depends on it, the query's language, whether it opens a sentence and the targets only.
        key = (word, lang, sentence and position == 0, tuple(targets))
        found = memo.get(key) if memo is not None else None
        if found is None:
            sources = _sources(dicts, word, lang, sentence and position == 0)
            if len(sources) > 1 and frequency is not None:
                # Unsure of the language: the word's own documents decide (`human` is English, though nl has `humaan`).
                counts = {src: df(src, word) for src in sources}
                most = max(counts.values())
                sources = [src for src in sources if counts[src] * 10 >= most] if most else sources
            found = rank(word, sources) if sources else {}
            if memo is not None:
                memo[key] = found
        if found:
            out[word] = found
    for size in range(2, NGRAM + 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if any(is_untranslatable(w) for w in words[i : i + size]) or phrase in out:
                continue
            key = (phrase, lang, None, tuple(targets))
            found = memo.get(key) if memo is not None else None
            if found is None:
                sources = [s for s in ([lang] if lang else LANGS) if dicts.known(phrase, s)]
                found = rank(phrase, sources) if sources else {}
                if memo is not None:
                    memo[key] = found
            if found:
                out[phrase] = found
    return out


_WARMED: set[str] = set()  # folders whose dictionaries are loaded in this process


def warm(folder: Path | None = None) -> None:
    """Load the dictionaries' indexes and the lemma data now (e.g. at worker start) instead of on the first query."""
    key = str(folder)
    if key in _WARMED:
        return
    dicts = dictionaries(folder)
    for d in dicts.pairs.values():
        d.has("a")
        if d.small:
            d.reverse("a")  # the small pairs' reverse tables: ~2.5 s that the first query would otherwise pay
    for lang in LEMMA_LANGS:
        lemmas("huizen", lang)
    _WARMED.add(key)