"""The benchmark's fixed query sets, drawn from the corpus, and their translation into FTS5 MATCH syntax.

    .venv/bin/python bench/queries.py      # regenerate bench/queries.json (seeded, so the same every time)

bench/queries.json holds two disjoint sets of distinct queries, drawn from the first 1,000 corpus
documents (so every query can hit at every benchmark size N >= 1,000):

* "set" (250): the latency set, run in-process and over HTTP by one client;
* "load" (9,000): the pool the 8 concurrent HTTP clients draw from, each request a different query. Its first
  6,000 are the pool of before (stop 29 appended 3,000, drawn after them: at 200 req/s, 30 s used up 6,000).

Each query is {"q", "kind"} plus optional "lang" / "from" filters. Kinds: words1..words3 (words of one
paragraph, stopwords of nl/en/de excluded), phrase ("2-3 consecutive words"), filter (words plus
lang=<the document's language> or from=<a year up to the document's>) and prefix (`word*`).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERIES_FILE = HERE / "queries.json"
SEED = 8  # issue 8
SOURCE_DOCS = 1000
SET_SIZE = 250
LOAD_SIZE = 6000
LOAD_MORE = 3000  # appended to the load pool, drawn after everything else so the earlier queries stay as they were
# Share of each kind in both sets.
MIX = {"words1": 0.2, "words2": 0.2, "words3": 0.16, "phrase": 0.16, "filter": 0.16, "prefix": 0.12}
# Only plain letter words, so that searchsvc's tokenizer and FTS5's unicode61 see the same token.
_WORD = re.compile(r"^[^\W\d_]{3,30}$")


def _stopwords() -> set[str]:
    from whoosh.lang import stopwords_for_language

    words: set[str] = set()
    for lang in ("nl", "en", "de"):
        words |= set(stopwords_for_language(lang))
    return words


def _paragraphs(limit: int) -> list[dict[str, Any]]:
    """Return the first `limit` corpus records' paragraphs as token lists, with the record's lang and date."""
    import corpus
    from searchsvc import ingest

    out = []
    for record, _raw in corpus.iter_records(limit=limit):
        paragraphs, _notes = ingest.normalise(record.get("text") or "")
        for para in paragraphs:
            tokens = re.findall(r"[^\W_]+", para)
            if len(tokens) >= 4:
                out.append({"tokens": tokens, "lang": record.get("lang"), "date": record.get("date")})
    return out


def _draw(rng: random.Random, paras: list[dict[str, Any]], stop: set[str], kind: str) -> dict[str, Any] | None:
    """Return one query of a kind from a random paragraph, or None when that paragraph has none to give."""
    para = rng.choice(paras)
    tokens = para["tokens"]
    content = [i for i, t in enumerate(tokens) if _WORD.match(t) and t.lower() not in stop]
    if not content:
        return None
    if kind in ("words1", "words2", "words3", "filter"):
        n = {"words1": 1, "words2": 2, "words3": 3}.get(kind) or rng.choice((1, 2))
        start = rng.choice(content)
        window = [i for i in content if start <= i < start + 12]  # nearby words, so AND usually hits
        if len(window) < n:
            return None
        picked = [tokens[i] for i in sorted(rng.sample(window, n))]
        if len({w.lower() for w in picked}) < n:
            return None
        query: dict[str, Any] = {"q": " ".join(picked), "kind": kind}
        if kind == "filter":
            year = (para["date"] or "")[:4]
            if rng.random() < 0.5 or not year:
                query["lang"] = para["lang"]
            else:
                query["from"] = str(min(int(year), 2000))
        return query
    if kind == "phrase":
        n = rng.choice((2, 3))
        start = rng.choice(content)
        words = tokens[start : start + n]
        if len(words) < n or not all(_WORD.match(w) for w in words) or words[-1].lower() in stop:
            return None
        return {"q": '"' + " ".join(words) + '"', "kind": "phrase"}
    if kind == "prefix":
        long_words = [tokens[i] for i in content if len(tokens[i]) >= 8]
        if not long_words:
            return None
        word = rng.choice(long_words)
        return {"q": word[: rng.randint(5, len(word) - 2)] + "*", "kind": "prefix"}
    raise ValueError(kind)


def key(query: dict[str, Any]) -> tuple[str, str, str]:
    """Return what makes a query distinct: its text (case-folded) and its filters."""
    return (query["q"].casefold(), query.get("lang", ""), query.get("from", ""))


def _pool(rng: random.Random, paras: list[dict[str, Any]], stop: set[str], seen: set[tuple[str, str, str]],
          size: int) -> list[dict[str, Any]]:
    """Draw `size` distinct queries not in `seen` (added to it), each kind its MIX share, shuffled."""
    queries: list[dict[str, Any]] = []
    for kind, share in MIX.items():
        want = round(size * share)
        got = 0
        while got < want:
            query = _draw(rng, paras, stop, kind)
            if query is None or key(query) in seen:
                continue
            seen.add(key(query))
            queries.append(query)
            got += 1
    rng.shuffle(queries)  # kinds interleaved, so a time-limited run sees all kinds
    return queries[:size]


def generate(limit: int = SOURCE_DOCS, seed: int = SEED) -> dict[str, Any]:
    """Return the latency set and the load pool, distinct and disjoint, drawn with a fixed seed."""
    rng = random.Random(seed)
    paras = _paragraphs(limit)
    stop = _stopwords()
    seen: set[tuple[str, str, str]] = set()
    sets = {name: _pool(rng, paras, stop, seen, size) for name, size in (("set", SET_SIZE), ("load", LOAD_SIZE))}
    sets["load"] += _pool(rng, paras, stop, seen, LOAD_MORE)  # drawn last: the queries before stay as they were
    return {"seed": seed, "source": f"first {limit} corpus documents", **sets}


def load(path: Path = QUERIES_FILE) -> dict[str, Any]:
    """Return the committed query sets."""
    return json.loads(path.read_text(encoding="utf-8"))


def params(query: dict[str, Any], passages: int) -> dict[str, str]:
    """Return the /api/search (and parse_request) arguments of a query."""
    out = {"q": query["q"], "passages": str(passages)}
    for name in ("lang", "from"):
        if query.get(name):
            out[name] = query[name]
    return out


def _fts_token(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def to_fts5(query: dict[str, Any]) -> tuple[str, str, list[str]]:
    """Return (MATCH expression, extra WHERE clause, its parameters) doing the same search in FTS5.

    Words become quoted tokens (implicit AND, as searchsvc's default), a phrase an FTS5 phrase, `word*` a
    prefix query, lang/from filters a WHERE on the UNINDEXED columns. FTS5 has no stemming, so it finds
    only the exact (accent-folded) words where searchsvc also finds inflected forms.
    """
    q = query["q"]
    if q.startswith('"') and q.endswith('"'):
        match = _fts_token(q.strip('"'))
    else:
        parts = []
        for word in q.split():
            parts.append(_fts_token(word[:-1]) + "*" if word.endswith("*") else _fts_token(word))
        match = " ".join(parts)
    where, args = "", []
    if query.get("lang"):
        where, args = " AND lang = ?", [query["lang"]]
    elif query.get("from"):
        where, args = " AND date >= ?", [query["from"]]
    return match, where, args


def _dump(data: dict[str, Any]) -> str:
    """Return the sets as JSON with one query a line (readable diffs, small file)."""
    lines = ["{", f'"seed": {data["seed"]},', f'"source": {json.dumps(data["source"])},']
    for name in ("set", "load"):
        items = ",\n".join(json.dumps(q, ensure_ascii=False) for q in data[name])
        lines.append(f'"{name}": [\n{items}\n]' + ("," if name == "set" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def iter_kinds(queries: list[dict[str, Any]]) -> Iterator[tuple[str, int]]:
    """Yield (kind, count) for a query list, in MIX order."""
    for kind in MIX:
        yield kind, sum(1 for q in queries if q["kind"] == kind)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    data = generate()
    QUERIES_FILE.write_text(_dump(data), encoding="utf-8")
    print(f"wrote {QUERIES_FILE}: set {dict(iter_kinds(data['set']))}, load {dict(iter_kinds(data['load']))}")
