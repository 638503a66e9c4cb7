"""Quality evaluation (issue 6): language detection, stemming, relevance, in one table.

    .venv/bin/python bench/quality.py            # the whole table, before (baseline) and after columns
    .venv/bin/python bench/quality.py --quick    # fewer langid lines, for a smoke run
    .venv/bin/python bench/quality.py --mine-lexicon   # rewrite the mined word lists in src/searchsvc/data/lexicon/

'baseline' means plain Snowball (searchsvc.analysis.USE_LEXICON = False); 'lexicon' the shipped analysis.
Data is read from ../shared/ beside the repository (SEARCHSVC_SHARED, SEARCHSVC_BENCH_CORPUS; see bench/QUALITY.md); nothing is copied into the repo.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import math
import random
import re
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from whoosh import scoring  # noqa: E402
from whoosh.support.charset import accent_map  # noqa: E402

from searchsvc import analysis, index, ingest, langid, lexicon, query, rank, schema, search  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/, beside this file: the one corpus reader and the shared-data location)

QUALITY = corpus.QUALITY
SEEDS = REPO / "seeds"
QRELS = REPO / "bench" / "qrels"
LANGID_LANGS = ("nl", "en", "de", "af", "da")
LENGTHS = ("sentences", "word-pairs", "single-words")
SAMPLE_SEED = 6
UD_POS = ("NOUN", "VERB", "ADJ")
UD_SETS = {
    "nl": ["nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu"],
    "nl-alpino": ["nl_alpino-ud-dev.conllu"],
    "nl-lassysmall": ["nl_lassysmall-ud-dev.conllu"],
    "de": ["de_gsd-ud-dev.conllu"],
    "en": ["en_ewt-ud-dev.conllu"],
}
SNOWBALL_DIRS = {"nl": "dutch", "en": "english", "de": "german"}
RELEVANCE_FIRST = 2500  # first N corpus records, plus every English record, plus the seeds

rows: list[tuple[str, str, str, str]] = []  # (section, measure, baseline, lexicon)


def row(section: str, measure: str, before: Any, after: Any = "") -> None:
    rows.append((section, measure, _fmt(before), _fmt(after)))
    print(f"  {section:<10} {measure:<58} {_fmt(before):>12} {_fmt(after):>12}", file=sys.stderr, flush=True)


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{100 * x:.1f} %"
    return str(x)


def fold(word: str) -> str:
    return word.translate(accent_map)


# --- 1. language detection --------------------------------------------------------------------


def _detect(text: str) -> str:
    return langid.detect(text)[0]


def corpus_records(first: int | None = None) -> Iterator[dict[str, Any]]:
    return corpus.records(first)


def eval_langid(pool: Pool, lines: int) -> None:
    short_right = short_analysis_right = short_n = 0
    for length in LENGTHS:
        for lang in LANGID_LANGS:
            texts = (QUALITY / "langid" / f"{lang}.{length}.txt").read_text(encoding="utf-8").splitlines()[:lines]
            got = pool.map(_detect, texts, chunksize=50)
            acc = sum(g == lang for g in got) / len(got)
            row("langid", f"{lang} {length} (n={len(got)})", acc)
            if length == "word-pairs" and lang in langid.SUPPORTED:
                short_n += len(got)
                short_right += sum(g == lang for g in got)
                short_analysis_right += sum(langid.analysis_language(g) == lang for g in got)
    row("langid", "short query proxy: nl/en/de word-pairs, language right", short_right / short_n)
    row("langid", "short query proxy: analyzer language right (xx counts wrong)", short_analysis_right / short_n)
    records = list(corpus_records())
    sample = random.Random(SAMPLE_SEED).sample(records, 5000)
    got = pool.map(_detect, [r["text"] for r in sample], chunksize=50)
    by_lang: dict[str, list[bool]] = collections.defaultdict(list)
    for r, g in zip(sample, got):
        by_lang[r["lang"]].append(g == r["lang"])
    for lang, hits in sorted(by_lang.items()):
        row("langid", f"corpus sample {lang} documents (n={len(hits)})", sum(hits) / len(hits))
    row("langid", f"corpus sample, all (n=5000, seed {SAMPLE_SEED}, whole text)", sum(g == r["lang"] for r, g in zip(sample, got)) / 5000)


# --- 2. stemming --------------------------------------------------------------------------------


def pipeline_stemmer(lang: str, backend: str) -> Callable[[str], str | None]:
    """Return word -> our analyzer's token(s) for it, or None for a stopword."""
    analyzer = analysis.stemming_analyzer(lang, backend)

    def stem(word: str) -> str | None:
        toks = analysis.tokens(analyzer, word)
        return " ".join(toks) if toks else None

    return stem


def eval_snowball_reference(backend: str) -> None:
    for lang, name in SNOWBALL_DIRS.items():
        voc = (QUALITY / "snowball" / name / "voc.txt").read_text(encoding="utf-8").split()
        out = (QUALITY / "snowball" / name / "output.txt").read_text(encoding="utf-8").split()
        raw = analysis._stem_function(lang, backend)
        raw_acc = sum(raw(w) == o for w, o in zip(voc, out)) / len(voc)
        results = []
        for use in (False, True):
            analysis.USE_LEXICON = use
            stem = pipeline_stemmer(lang, backend)
            n = agree = 0
            for w, o in zip(voc, out):
                got = stem(w)
                if got is None or " " in got:  # stopword dropped, or a word our tokenizer splits
                    continue
                n += 1
                agree += got == fold(o)
            results.append((agree / n, n))
        analysis.USE_LEXICON = True
        row("stem-ref", f"{lang} {backend} raw Snowball vs reference (n={len(voc)})", raw_acc)
        row("stem-ref", f"{lang} {backend} our pipeline vs folded reference (n={results[0][1]})", results[0][0], results[1][0])


def read_ud(files: list[str]) -> list[tuple[str, str]]:
    out = []
    for name in files:
        for line in (QUALITY / "ud" / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0] or cols[3] not in UD_POS:
                continue
            out.append((cols[1].lower(), cols[2].lower()))
    return out


def conflation(pairs: list[tuple[str, str]], stem: Callable[[str], str | None]) -> tuple[float, float, int]:
    """Return (conflation, collision, lemma groups): see QUALITY.md for the definitions."""
    groups: dict[str, set[str]] = collections.defaultdict(set)
    for form, lemma in pairs:
        groups[lemma].add(form)
    stems: dict[str, str | None] = {f: stem(f) for g in groups.values() for f in g}
    multi = []
    for lemma, forms in groups.items():
        kept = {f for f in forms if stems[f] is not None}  # forms the analyzer drops as stopwords do not count
        if len(kept) >= 2:
            multi.append({stems[f] for f in kept})
    conf = sum(len(s) == 1 for s in multi) / len(multi)
    lemmas_of: dict[str, set[str]] = collections.defaultdict(set)
    for lemma, forms in groups.items():
        for f in forms:
            if stems[f] is not None:
                lemmas_of[stems[f]].add(lemma)
    coll = sum(len(v) > 1 for v in lemmas_of.values()) / len(lemmas_of)
    return conf, coll, len(multi)


def search_conflation(pairs: list[tuple[str, str]], lang: str, backend: str) -> tuple[float, float]:
    """Return (conflation, collision) as a search sees them: a query's keys against the documents' index keys.

    Index-time filters (compound parts, inflected participles) add keys that the query-mode measure above
    cannot see. Conflation: share of lemma groups where a query for any form finds every other form.
    Collision: share of query keys that find forms of more than one lemma.
    """
    analyzer = analysis.stemming_analyzer(lang, backend)
    groups: dict[str, set[str]] = collections.defaultdict(set)
    for form, lemma in pairs:
        groups[lemma].add(form)
    forms = {f for g in groups.values() for f in g}
    qkeys = {f: {t.text for t in analyzer(f, mode="query")} for f in forms}
    ikeys = {f: {t.text for t in analyzer(f, mode="index")} for f in forms}
    multi = [[f for f in g if qkeys[f]] for g in groups.values()]
    multi = [g for g in multi if len(g) >= 2]
    conf = sum(all(qkeys[a] & ikeys[b] for a in g for b in g) for g in multi) / len(multi)
    lemmas_of: dict[str, set[str]] = collections.defaultdict(set)
    for lemma, g in groups.items():
        for f in g:
            for key in ikeys[f]:
                lemmas_of[key].add(lemma)
    query_keys = {k for f in forms for k in qkeys[f]}
    coll = sum(len(lemmas_of[k]) > 1 for k in query_keys) / len(query_keys)
    return conf, coll


def eval_ud(backend: str) -> None:
    for name, files in UD_SETS.items():
        lang = name[:2]
        pairs = read_ud(files)
        raw = analysis._stem_function(lang, backend)
        c, k, n = conflation(pairs, raw)
        row("stem-ud", f"{name} {backend} snowball conflation (groups={n})", c)
        row("stem-ud", f"{name} {backend} snowball collision", k)
        res = []
        for use in (False, True):
            analysis.USE_LEXICON = use
            res.append(conflation(pairs, pipeline_stemmer(lang, backend)))
        analysis.USE_LEXICON = True
        row("stem-ud", f"{name} {backend} searchsvc conflation (groups={res[1][2]})", res[0][0], res[1][0])
        row("stem-ud", f"{name} {backend} searchsvc collision", res[0][1], res[1][1])
        if lang in ("nl", "de"):  # issue 14 point 7: the form rules, seen as a search sees them
            found = []
            for use in (False, True):
                analysis.USE_FORM_RULES = use
                found.append(search_conflation(pairs, lang, backend))
            analysis.USE_FORM_RULES = True
            row("stem-ud", f"{name} {backend} search conflation, form rules off | on", found[0][0], found[1][0])
            row("stem-ud", f"{name} {backend} search collision, form rules off | on", found[0][1], found[1][1])


# --- 3. relevance -------------------------------------------------------------------------------


def record_document(rec: dict[str, Any]) -> ingest.Document:
    """Return an ingest.Document for a corpus record; paragraphs take the record's (true) language."""
    paras, notes = ingest.normalise(rec["text"])
    parts = paras + notes
    text = "\n\n".join(parts)
    out, offset = [], 0
    for number, para in enumerate(parts, start=1):
        out.append(ingest.Paragraph(number, offset, offset + len(para), rec["lang"], 1.0))
        offset += len(para) + 2
    sha = hashlib.sha256(rec["text"].encode()).hexdigest()
    return ingest.Document(
        id=rec["id"], path=rec["id"], sha256=sha, text=text, paragraphs=out, language=rec["lang"],
        language_prob=1.0, title=rec.get("title"), date=rec.get("date"), source=rec.get("source"),
    )


def relevance_records() -> list[dict[str, Any]]:
    out = []
    for i, rec in enumerate(corpus_records()):
        if i < RELEVANCE_FIRST or rec["lang"] == "en":
            out.append(rec)
    return out


_seed_docs: list[ingest.Document] | None = None
_records: list[dict[str, Any]] = []


def _build_task(task: tuple[Path, str, str, bool, float | None]) -> None:
    """Build one relevance index (run in a worker process; module constants are patched there only)."""
    tmp, name, stemmer, use, title_boost = task
    analysis.USE_LEXICON = use
    analysis.USE_COMPOUNDS = name != "py-nocompound"
    if title_boost is not None:
        schema.TITLE_BOOST = title_boost
    index.build(tmp / "no-seeds", tmp / name, full=True, stemmer=stemmer, documents=relevance_documents(_records))


def relevance_documents(records: list[dict[str, Any]]) -> Iterator[ingest.Document]:
    global _seed_docs
    if _seed_docs is None:
        _seed_docs = [d for d in ingest.iter_documents(SEEDS, 20_000_000) if isinstance(d, ingest.Document)]
    yield from _seed_docs
    for rec in records:
        yield record_document(rec)


def load_qrels() -> tuple[list[tuple[str, str, str]], dict[str, dict[str, int]]]:
    queries = []
    for line in (QRELS / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            qid, lang, text = line.split("\t")
            queries.append((qid, lang, text))
    qrels: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for line in (QRELS / "qrels.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            qid, doc, grade = line.split()
            qrels[qid][doc] = int(grade)
    return queries, qrels


def metrics(ranked: list[str], judged: dict[str, int]) -> tuple[float, float, float]:
    gains = [judged.get(d, 0) for d in ranked[:10]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    relevant = {d for d, g in judged.items() if g > 0}
    recall = len(relevant & set(ranked[:10])) / len(relevant) if relevant else 0.0
    rr = next((1 / (i + 1) for i, d in enumerate(ranked[:10]) if d in relevant), 0.0)
    return (dcg / idcg if idcg else 0.0), recall, rr


def run_queries(index_dir: Path, queries: list[tuple[str, str, str]], qrels: dict[str, dict[str, int]],
                weighting: Any = None, translate: str = "1") -> dict[str, tuple[float, float, float]]:
    ix, _ = index.open_index(index_dir)
    searcher = ix.searcher(weighting=weighting) if weighting is not None else ix.searcher()
    by_lang: dict[str, list[tuple[float, float, float]]] = collections.defaultdict(list)
    try:
        for qid, lang, text in queries:
            try:
                res = search.search(searcher, search.parse_request({"q": text, "per_page": "10", "translate": translate}))
                ranked = [h["id"] for h in res["hits"]]
            except Exception:  # a query the parser refuses scores zero
                ranked = []
            m = metrics(ranked, qrels.get(qid, {}))
            by_lang[lang].append(m)
            by_lang["all"].append(m)
    finally:
        searcher.close()
        ix.close()
    return {k: tuple(sum(x[i] for x in v) / len(v) for i in range(3)) for k, v in by_lang.items()}  # type: ignore[misc]


# --- 3b. questions (issue 14): natural questions and half-sentences, one answering document each ---------


def load_questions() -> list[tuple[str, str, str, str]]:
    """Return (id, lang, answering doc id, question) from bench/qrels/questions.tsv."""
    out = []
    for line in (QRELS / "questions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            qid, lang, doc, text = line.split("\t")
            out.append((qid, lang, doc, text))
    return out


SHOW_MISSES = False  # --show-misses: print each question whose answer is not in the top 10


def show_misses(index_dir: Path, translate: str) -> None:
    """Print each question whose answer is not in the top 10: the answer's rank (in the top 50) and the top 3 titles."""
    ix, _ = index.open_index(index_dir)
    searcher = ix.searcher()
    try:
        for qid, _lang, doc, text in load_questions():
            # Pages of 10, as the figures are measured (a page's size decides how far matching relaxes).
            ranked, res = [], None
            for page in range(1, 6):
                got = search.search(searcher, search.parse_request(
                    {"q": text, "per_page": "10", "page": str(page), "translate": translate}))
                res = res or got
                ranked += [h["id"] for h in got["hits"]]
                if doc in ranked or page >= got["pages"]:
                    break
            rank_ = ranked.index(doc) + 1 if doc in ranked else None
            if rank_ is not None and rank_ <= 10:
                continue
            where = f"rank {rank_}" if rank_ else ("rank >50" if len(ranked) < res["total"] else "not found")
            print(f"miss (translate={translate}) {qid}: {text!r} -> {doc}, {where} "
                  f"(match {res.get('match')}, {res['total']} found)")
            for h in res["hits"][:3]:
                print(f"    {h['id']}: {(h.get('title') or h.get('display_title') or '')[:80]}")
    finally:
        searcher.close()
        ix.close()


def eval_questions(label: str, before: Path | None, after: Path, translate: tuple[str, str] = ("1", "1")) -> None:
    """Report recall@10 and MRR of the question set (the answering document counts as relevant, grade 2)."""
    if SHOW_MISSES and before is not None and before == after:  # the translate=0 | 1 comparison on one index
        for flag in translate:
            show_misses(after, flag)
    questions = load_questions()
    queries = [(qid, lang, text) for qid, lang, _doc, text in questions]
    qrels = {qid: {doc: 2} for qid, _lang, doc, _text in questions}
    res_before = run_queries(before, queries, qrels, translate=translate[0]) if before else {}
    res_after = run_queries(after, queries, qrels, translate=translate[1])
    for lang in ("all", "nl", "de", "en"):
        n = sum(q[1] == lang for q in questions) if lang != "all" else len(questions)
        for i, mname in ((1, "recall@10"), (2, "MRR")):
            row("questions", f"{label} [{lang}, n={n}] {mname}", res_before[lang][i] if res_before else "", res_after[lang][i])


def eval_relevance(tmp: Path, main_only: bool = False) -> None:
    queries, qrels = load_qrels()
    records = relevance_records()
    n_docs = len(records) + 5
    row("relevance", f"collection: seeds + first {RELEVANCE_FIRST} corpus docs + all en docs = {n_docs} docs", "")
    row("relevance", f"queries judged: {len(queries)} ({', '.join(f'{l} {sum(q[1] == l for q in queries)}' for l in ('nl', 'de', 'en'))}), "
        f"judgements {sum(len(v) for v in qrels.values())}", "")

    def report(label: str, before: dict[str, Any], after: dict[str, Any], langs: Iterable[str] = ("all", "nl", "de", "en")) -> None:
        for lang in langs:
            for i, mname in enumerate(("nDCG@10", "recall@10", "MRR")):
                row("relevance", f"{label} [{lang}] {mname}", before[lang][i] if before else "", after[lang][i])

    (tmp / "no-seeds").mkdir()
    global _records
    _records = records
    tasks = [(tmp, "py-base", "pystemmer", False, None), (tmp, "py-lex", "pystemmer", True, None),
             (tmp, "py-nocompound", "pystemmer", True, None),
             (tmp, "nltk-lex", "nltk", True, None), (tmp, "tb1-lex", "pystemmer", True, 1.0)]
    if main_only:  # --questions: the shipped analysis and plain Snowball only, no variants
        tasks = tasks[:2]
    with Pool(2) as pool:  # whoosh builds are single-threaded: two at a time
        pool.map(_build_task, tasks, chunksize=1)
    ix = {t[1]: tmp / t[1] for t in tasks}
    base_py, lex_py = ix["py-base"], ix["py-lex"]
    report("pystemmer (real ranking)", run_queries(base_py, queries, qrels), run_queries(lex_py, queries, qrels))
    eval_questions("questions (bench/qrels/questions.tsv)", base_py, lex_py)
    # Cross-language search (issue 15) must not cost the monolingual figures: shipped analysis, translate=0 | 1.
    report("shipped analysis, columns translate=0 | translate=1", run_queries(lex_py, queries, qrels, translate="0"),
           run_queries(lex_py, queries, qrels, translate="1"))
    eval_questions("questions, columns translate=0 | translate=1", lex_py, lex_py, ("0", "1"))
    if main_only:
        return
    # One-column variants (lexicon only) keep the run to a few minutes: each is a full index build.
    report("verb lexicon without compound parts", {}, run_queries(ix["py-nocompound"], queries, qrels))
    report("nltk stemmer", {}, run_queries(ix["nltk-lex"], queries, qrels), ("all", "nl", "de"))
    report(f"index TITLE_BOOST=1.0 (default {schema.TITLE_BOOST})", {}, run_queries(ix["tb1-lex"], queries, qrels), ("all",))
    saved = dict(schema.FIELD_BOOSTS)
    title_fields = {f: 1.0 for f in schema.TITLE_FIELDS}
    variants = [("query-time title boost x2 (title fields 2.0)", {**saved, **{f: 2.0 for f in title_fields}}),
                ("query-time title boost x0.5", {**saved, **{f: 0.5 for f in title_fields}})]
    variants += [(f"exact-field boost {e} (default {saved['exact']})", {**saved, "exact": e, "title_exact": e})
                 for e in (0.0, 1.0, 2.0)]
    for label, boosts in variants:
        schema.FIELD_BOOSTS.clear()
        schema.FIELD_BOOSTS.update(boosts)
        report(label, run_queries(base_py, queries, qrels), run_queries(lex_py, queries, qrels), ("all",))
    schema.FIELD_BOOSTS.clear()
    schema.FIELD_BOOSTS.update(saved)
    for b_, k1 in ((0.75, 1.2), (0.3, 1.2), (0.9, 1.2), (0.75, 0.6), (0.75, 2.0)):
        w = scoring.BM25F(B=b_, K1=k1)
        report(f"BM25F B={b_} K1={k1}", run_queries(base_py, queries, qrels, w), run_queries(lex_py, queries, qrels, w), ("all",))


# --- lexicon mining ---

# Determiners and pronouns in -en that follow 'te'/'zu' without being verbs (zu den, zu einen).
NOT_INFINITIVES = {
    "nl": {"den", "een", "allen", "anderen", "beiden", "velen"},
    "de": {"den", "denen", "einen", "allen", "diesen", "jenen", "seinen", "ihren", "unseren", "meinen", "deinen",
           "euren", "keinen", "welchen", "solchen", "anderen", "beiden", "vielen", "wenigen", "jeden", "manchen",
           "deren", "dessen", "ihnen", "eigenen"},
}


_word_counts: dict[str, collections.Counter[str]] = {"nl": collections.Counter(), "de": collections.Counter()}


def mine_parts(lang: str, min_uses: int) -> list[str]:
    """Return compound parts: frequent words (>= 10 times, >= 4 letters) that start or end >= min_uses compounds."""
    from whoosh.lang import stopwords_for_language

    stop = set(stopwords_for_language(lang))
    vocab = {w for w, n in _word_counts[lang].items() if n >= 10 and len(w) >= 4 and w.isalpha() and w not in stop}
    links = lexicon._LINKS[lang]
    used: collections.Counter[str] = collections.Counter()
    for w in _word_counts[lang]:
        if len(w) < 8 or not w.isalpha():
            continue
        for i in range(4, len(w) - 3):
            tail = w[i:]
            if tail not in vocab:
                continue
            head = next((w[:i][: i - len(k)] for k in links if w[:i].endswith(k) and len(w[:i]) - len(k) >= 4
                         and w[:i][: i - len(k)] in vocab), None)
            if head:
                used[head] += 1
                used[tail] += 1
                break
    return sorted(p for p, k in used.items() if k >= min_uses)


def mine_lexicon(out: Path | None = None) -> None:
    """Write the infinitive, noun and compound-part lists (src/searchsvc/data/lexicon/), mined from the benchmark corpus."""
    inf: dict[str, collections.Counter[str]] = {"nl": collections.Counter(), "de": collections.Counter()}
    _word_counts["nl"].clear()
    _word_counts["de"].clear()
    low: collections.Counter[str] = collections.Counter()
    cap: collections.Counter[str] = collections.Counter()
    after_de: collections.Counter[str] = collections.Counter()
    word = re.compile(r"[^\W\d_]+")
    nl_part = lexicon._SEPARABLE["nl"]
    de_particles = sorted(lexicon._SEPARABLE["de"] | {"bekannt", "gleich", "hoch", "herbei", "vorweg", "offen"})
    de_zu = re.compile(r"(%s)zu(\w{3,}(?:en|eln|ern))" % "|".join(de_particles))
    for rec in corpus_records():
        lang = rec["lang"]
        if lang not in inf:
            continue
        toks = word.findall(rec["text"])
        _word_counts[lang].update(t.lower() for t in toks)
        for i, t in enumerate(toks):
            tl = t.lower()
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if lang == "nl":
                if tl == "te" and nxt.islower() and nxt.endswith("en"):
                    inf["nl"][nxt] += 1
                    if i and toks[i - 1].lower() in nl_part:
                        inf["nl"][toks[i - 1].lower() + nxt] += 1
                if tl == "de" and nxt.islower():
                    after_de[nxt] += 1
            else:
                if t.islower():
                    low[tl] += 1
                    if m := de_zu.fullmatch(t):
                        inf["de"][m.group(1) + m.group(2)] += 1
                if tl == "zu" and nxt.islower() and nxt.endswith("n"):
                    inf["de"][nxt] += 1
                if i and t[0].isupper() and toks[i - 1].islower():
                    cap[tl] += 1
    out_dir = lexicon.DATA_DIR if out is None else out
    source = f"mined from {corpus.DEFAULT_CORPUS.name} by `python bench/quality.py --mine-lexicon`; one word a line"
    for lang in inf:
        stop = NOT_INFINITIVES[lang]
        words = sorted(w for w, c in inf[lang].items() if c >= 2 and len(w) >= 4 and w not in stop and w.isalpha())
        lexicon.write_words(out_dir / f"{lang}_infinitives.txt", words, f"{lang} infinitives seen at least twice after 'te'/'zu', {source}.")
        print(f"{lang}_infinitives.txt: {len(words)} words")
    participle = re.compile(r"^(?:%s)?ge" % "|".join(lexicon.NL_PREFIXES))
    nl_nouns = sorted(w for w, c in after_de.items() if c >= 2 and lexicon.infinitive("nl", w)
                      and not w.endswith(("de", "te", "end", "ende")) and not participle.match(w))
    de_nouns = sorted(w for w, c in cap.items() if c >= 2 and c > low.get(w, 0) and lexicon.infinitive("de", w))
    for lang, nouns in (("nl", nl_nouns), ("de", de_nouns)):
        lexicon.write_words(out_dir / f"{lang}_nouns.txt", nouns, f"{lang} verb-like forms that are mostly nouns, {source}.")
        print(f"{lang}_nouns.txt: {len(nouns)} words")
    for lang, min_uses in (("nl", 3), ("de", 5)):
        parts = mine_parts(lang, min_uses)
        lexicon.write_words(out_dir / f"{lang}_parts.txt", parts, f"{lang} compound parts, {source}.")
        print(f"{lang}_parts.txt: {len(parts)} words")
    print(f"written to {out_dir} (the noun lists are computed with the lexicon as it was loaded: "
          "run again on empty noun files to rebuild them from scratch)")


# --- 4. cross-language (issue 15) ------------------------------------------------------------------------
# Each UDHR article's nl, en and de versions are separate documents among corpus distractors; a query made from one
# version should find the other two. Self-contained: its own paths, index and table (`--cross-language`).

XL_DISTRACTORS = 300  # per language: the first corpus records of each of nl, en and de (English is rare early on)
XL_WORDS = 4  # distinctive words per query
XL_SENTENCE_WORDS = 12  # a first-sentence query keeps this many words
XL_LANGS = ("nl", "en", "de")


def _xl_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def xl_queries(docs: list[dict[str, Any]], distractors: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """Return (kind, group, lang, query): each version's rarest words by in-language document frequency, and its
    first sentence (cut to XL_SENTENCE_WORDS words)."""
    from whoosh.lang.stopwords import stoplists

    df: dict[str, collections.Counter[str]] = {lang: collections.Counter() for lang in XL_LANGS}
    for rec in docs + distractors:
        if rec["lang"] in df:
            df[rec["lang"]].update({w.lower() for w in _xl_words(rec["text"])})
    out = []
    for rec in docs:
        lang, words = rec["lang"], _xl_words(rec["text"])
        stops = stoplists.get(lang, set())
        tf = collections.Counter(w.lower() for w in words if len(w) > 3 and w.lower() not in stops)
        # The header word ("Artikel", "Article") is in every version of every article: not distinctive.
        scored = sorted(tf, key=lambda w: (-tf[w] * math.log(len(docs) / df[lang][w]), w))
        out.append(("words", rec["group"], lang, " ".join(scored[:XL_WORDS])))
        body = re.sub(r"^(Artikel|Article|Preambule|Präambel|Preamble)\s*\d*\.?\s*", "", rec["text"])
        first = re.split(r"(?<=[.;:])\s", body, maxsplit=1)[0]
        out.append(("sentence", rec["group"], lang, " ".join(_xl_words(first)[:XL_SENTENCE_WORDS])))
    return out


def eval_cross_language(tmp: Path) -> None:
    """Report same-language and cross-language recall@10 on the UDHR, with translation off and on."""
    import dataclasses

    parallel = QUALITY / "parallel" / "udhr-nl-en-de.jsonl"
    docs = [json.loads(line) for line in parallel.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d["lang"] in XL_LANGS]
    distractors: list[dict[str, Any]] = []
    per_lang: collections.Counter[str] = collections.Counter()
    for rec in corpus.records():
        if rec["lang"] in XL_LANGS and per_lang[rec["lang"]] < XL_DISTRACTORS:
            per_lang[rec["lang"]] += 1
            distractors.append(rec)
            if len(distractors) >= XL_DISTRACTORS * len(XL_LANGS):
                break
    (tmp / "no-seeds").mkdir(exist_ok=True)
    index.build(tmp / "no-seeds", tmp / "xlang", full=True,
                documents=(record_document(r) for r in docs + distractors))
    queries = xl_queries(docs, distractors)
    supported = "translate" in {f.name for f in dataclasses.fields(search.SearchRequest)}
    row("xlang", f"collection: {len(docs)} UDHR versions ({len(docs) // 3} articles x nl/en/de) + {len(distractors)} "
        f"corpus distractors; {len(queries)} queries; columns translate=0 | translate=1", "")
    if not supported:
        row("xlang", "search.SearchRequest has no `translate` field: translate=1 column not measured", "")
    ix, _ = index.open_index(tmp / "xlang")
    results: dict[int, dict[tuple[str, str, str], list[str]]] = {}
    timings: dict[int, list[float]] = {}
    try:
        with ix.searcher() as searcher:
            for flag in (0, 1) if supported else (0,):
                results[flag], timings[flag] = {}, []
                for kind, group, lang, text in queries:
                    started = time.perf_counter()
                    try:
                        res = search.search(searcher, search.parse_request(
                            {"q": text, "per_page": "10", "passages": "0", "translate": str(flag)}))
                        ranked = [h["id"] for h in res["hits"]]
                    except Exception:  # a query the parser refuses finds nothing
                        ranked = []
                    timings[flag].append(time.perf_counter() - started)
                    results[flag][(kind, group, lang)] = ranked
    finally:
        ix.close()

    def recall(flag: int, kind: str, src: str, tgt: str) -> float:
        hits = [f"{g}-{tgt}" in ranked for (k, g, lang), ranked in results[flag].items() if k == kind and lang == src]
        return sum(hits) / len(hits) if hits else 0.0

    for kind in ("words", "sentence"):
        for src in XL_LANGS:
            row("xlang", f"{kind}: same-language recall@10 [{src}]",
                *(recall(flag, kind, src, src) for flag in sorted(results)))
        for src in XL_LANGS:
            for tgt in XL_LANGS:
                if src != tgt:
                    row("xlang", f"{kind}: cross-language recall@10 [{src} -> {tgt}]",
                        *(recall(flag, kind, src, tgt) for flag in sorted(results)))
        for flag in sorted(results):
            same = sum(recall(flag, kind, s, s) for s in XL_LANGS) / 3
            cross = sum(recall(flag, kind, s, t) for s in XL_LANGS for t in XL_LANGS if s != t) / 6
            row("xlang", f"{kind}: translate={flag}: cross / same-language recall@10",
                f"{100 * cross:.1f} / {100 * same:.1f} % = {cross / same if same else 0:.2f}")
    for flag in sorted(results):
        ms = sorted(1000 * t for t in timings[flag])
        row("xlang", f"translate={flag}: query p50 / p95 (ms, in-process, no passages)",
            f"{ms[len(ms) // 2]:.1f} / {ms[int(len(ms) * 0.95)]:.1f}")


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="200 langid lines per file instead of 1000")
    ap.add_argument("--skip", default="", help="comma-separated sections to skip: langid,stem,relevance,xlang")
    ap.add_argument("--questions", action="store_true",
                    help="only the relevance section's two main indexes: keyword queries and the question set")
    ap.add_argument("--mine-lexicon", action="store_true", help="rewrite the mined lexicon word lists and exit")
    ap.add_argument("--lexicon-out", type=Path, help="folder for --mine-lexicon's files (default: src/searchsvc/data/lexicon)")
    ap.add_argument("--cross-language", action="store_true",
                    help="only the cross-language section (UDHR nl/en/de): recall@10 with translate=0 and 1")
    ap.add_argument("--xl-boost", type=float, help="weight of translations against the word (query.TRANSLATION_BOOST)")
    ap.add_argument("--xl-share", help="shares of the words' weight a document found through translations needs, "
                    "tried in turn until a page is full (rank.MOST_SHARE_TRANSLATED, e.g. 0.5 or 0.34,0)")
    ap.add_argument("--show-misses", action="store_true",
                    help="with --questions: print each question whose answer is not in the top 10 (rank, top 3 titles)")
    args = ap.parse_args()
    global SHOW_MISSES
    SHOW_MISSES = args.show_misses
    if args.xl_boost is not None:
        query.TRANSLATION_BOOST = args.xl_boost
    if args.xl_share:
        rank.MOST_SHARE_TRANSLATED = tuple(float(x) for x in args.xl_share.split(","))
    if args.mine_lexicon:
        mine_lexicon(args.lexicon_out)
        return
    skip = set(filter(None, args.skip.split(",")))
    if args.questions:
        skip |= {"langid", "stem"}
    started = time.perf_counter()
    if args.cross_language:
        with tempfile.TemporaryDirectory(prefix="quality-xlang-") as tmp:
            eval_cross_language(Path(tmp))
        print("| section | measure | translate=0 | translate=1 |\n|---|---|---:|---:|")
        for section, measure, before, after in rows:
            print(f"| {section} | {measure} | {before} | {after} |")
        print(f"\n(cross-language recall@10: the share of queries made from one language's version of a UDHR article "
              f"that have the other language's version in the top 10; {time.perf_counter() - started:.0f} s)")
        return
    if "langid" not in skip:
        with Pool(2) as pool:
            eval_langid(pool, 200 if args.quick else 1000)
    if "stem" not in skip:
        for backend in analysis.STEMMERS:
            eval_snowball_reference(backend)
        for backend in analysis.STEMMERS:
            eval_ud(backend)
    if "relevance" not in skip:
        with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
            eval_relevance(Path(tmp), main_only=args.questions)
    if "xlang" not in skip:
        with tempfile.TemporaryDirectory(prefix="quality-xlang-") as tmp:
            eval_cross_language(Path(tmp))
    width = max(len(r[1]) for r in rows)
    print(f"| section | measure{' ' * (width - 7)} | baseline | lexicon |")
    print(f"|---|{'-' * (width + 2)}|---:|---:|")
    for section, measure, before, after in rows:
        print(f"| {section} | {measure.ljust(width)} | {before} | {after} |")
    print(f"\n(baseline = plain Snowball, searchsvc.analysis.USE_LEXICON=False; lexicon = shipped analysis (verb lexicon + compound parts); "
          f"rows with one number do not depend on the lexicon; {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
