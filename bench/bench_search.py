"""Benchmark searchsvc against SQLite FTS5 on the shared corpus, and time issue 5's one-document update.

    .venv/bin/python bench/bench_search.py [--docs N] [--queries Q ...] [--rounds R]
    .venv/bin/python bench/bench_search.py --incremental --docs 100000 --index-dir /tmp/searchsvc-bench-100k

The first form builds both indexes from the same N documents (first N lines of the corpus) and prints
one table: build rate, index size, peak RSS, query latency (median, p95) and the ratio searchsvc/FTS5.
The second form builds (once; reused afterwards) an N-document searchsvc index and times adding one
new document incrementally until a search finds it, with a cProfile breakdown of index.build().
See bench/README.md. Output is printed and also written as JSON under bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing as mp
import os
import pstats
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402
from searchsvc import index, search  # noqa: E402

OUT = HERE / "out"
FTS5_TOKENIZER = "unicode61 remove_diacritics 2"

# (label, kind, searchsvc query, FTS5 MATCH expression). FTS5 has no stemming; where searchsvc would
# match inflected forms through its Snowball fields, the FTS5 side gets the plain words only.
QUERIES: list[tuple[str, str, str, str]] = [
    ("de-1", "word", "Geldwäsche", '"geldwäsche"'),
    ("de-2", "words", "Rechtsverordnung Zustimmung Bundesrat", '"rechtsverordnung" "zustimmung" "bundesrat"'),
    ("de-3", "words", "Ordnungswidrigkeit Geldbuße", '"ordnungswidrigkeit" "geldbuße"'),
    ("de-4", "words", "personenbezogene Daten", '"personenbezogene" "daten"'),
    ("de-5", "phrase", '"Bundesministerium der Finanzen"', '"bundesministerium der finanzen"'),
    ("de-6", "prefix", "Steuererklär*", '"steuererklär"*'),
    ("de-7", "words", "Kündigung Arbeitsverhältnis", '"kündigung" "arbeitsverhältnis"'),
    ("de-8", "words", "Widerspruch Frist", '"widerspruch" "frist"'),
    ("de-9", "or", "Bundeswehr OR Soldaten", '"bundeswehr" OR "soldaten"'),
    ("nl-1", "words", "minister van justitie", '"minister" "van" "justitie"'),
    ("nl-2", "phrase", '"algemene maatregel van bestuur"', '"algemene maatregel van bestuur"'),
    ("nl-3", "words", "gemeente vergunning", '"gemeente" "vergunning"'),
    ("nl-4", "words", "strafbaar feit gevangenisstraf", '"strafbaar" "feit" "gevangenisstraf"'),
    ("nl-5", "prefix", "belasting*", '"belasting"*'),
    ("nl-6", "words", "beroep bestuursrechter", '"beroep" "bestuursrechter"'),
    ("nl-7", "not", "ambtenaar -defensie", '"ambtenaar" NOT "defensie"'),
    ("en-1", "words", "customer service", '"customer" "service"'),
    ("en-2", "words", "restaurant food", '"restaurant" "food"'),
    ("en-3", "phrase", '"highly recommend"', '"highly recommend"'),
    ("en-4", "words", "Iraq government", '"iraq" "government"'),
    ("mix-1", "word", "Europäische Union", '"europäische" "union"'),
]


# --- small helpers ---------------------------------------------------------------------------


def dir_size(path: Path) -> int:
    """Return the bytes of all files under a path (hard-linked files counted once per directory walk)."""
    if path.is_file():
        return path.stat().st_size
    seen: set[tuple[int, int]] = set()
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            st = os.stat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def rss_mb() -> float:
    """Return this process's current resident set size in MB (from /proc)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def timed_cpu(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Return (result, wall seconds, CPU seconds of this process)."""
    cpu = time.process_time()
    out, wall = timed(fn)
    return out, wall, time.process_time() - cpu


# --- builds (each in a fresh spawned process, so peak RSS belongs to one engine) --------------


def _load_for_build(n: int) -> tuple[list[Any], float, float]:
    docs, seconds = corpus.load_documents(limit=n)
    return docs, seconds, rss_mb()


def build_searchsvc(n: int, index_dir: str) -> dict[str, Any]:
    """Child process: build a full searchsvc index of the first n documents; return timings and memory."""
    docs, prep, rss_before = _load_for_build(n)
    seeds = Path(index_dir) / "no-seeds"  # documents= replaces the seeds; the path is only recorded
    summary, seconds, cpu = timed_cpu(lambda: index.build(seeds, Path(index_dir), full=True, documents=docs))
    build = index.current_build(Path(index_dir))
    return {
        "documents": summary.documents,
        "prep_seconds": prep,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "bytes": dir_size(index.build_path(Path(index_dir), build)),  # type: ignore[arg-type]
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def fts5_connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def build_fts5(n: int, db_path: str) -> dict[str, Any]:
    """Child process: build an FTS5 index (title, body + unindexed metadata) of the same n documents."""
    docs, prep, rss_before = _load_for_build(n)

    def run() -> None:
        con = fts5_connect(db_path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, lang UNINDEXED, date UNINDEXED, "
            f"source UNINDEXED, tokenize='{FTS5_TOKENIZER}')"
        )
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO docs (id, title, body, lang, date, source) VALUES (?, ?, ?, ?, ?, ?)",
            ((d.id, d.title or "", d.text, d.language, d.date, d.source) for d in docs),
        )
        con.execute("COMMIT")
        con.execute("INSERT INTO docs(docs) VALUES ('optimize')")  # like searchsvc's optimize on a full build
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()

    _none, seconds, cpu = timed_cpu(run)
    return {
        "documents": len(docs),
        "prep_seconds": prep,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "bytes": dir_size(Path(db_path)),
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run fn(*args) in a spawned interpreter and return its result."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


# --- queries ---------------------------------------------------------------------------------


def run_queries(index_dir: Path, db_path: str, queries: list[tuple[str, str, str, str]], rounds: int) -> dict[str, Any]:
    """Time each query `rounds` times (after one warm-up round) on all four paths; return samples in ms."""
    ix, _build = index.open_index(index_dir)
    searcher = ix.searcher()
    con = fts5_connect(db_path)
    sql_rank = "SELECT id, bm25(docs, 2.0, 1.0) AS r FROM docs WHERE docs MATCH ? ORDER BY r LIMIT 10"
    sql_snip = (
        "SELECT id, bm25(docs, 2.0, 1.0) AS r, snippet(docs, 2, '<mark>', '</mark>', '…', 40) FROM docs "
        "WHERE docs MATCH ? ORDER BY r LIMIT 10"
    )

    def full(q: str) -> int:
        return len(search.search(searcher, search.parse_request({"q": q}))["hits"])

    def bare(q: str) -> int:
        parsed = search.parse_query(search.clean_query(q), searcher.schema)
        return len([hit["id"] for hit in searcher.search(parsed, limit=10)])

    def fts_rank(m: str) -> int:
        return len(con.execute(sql_rank, (m,)).fetchall())

    def fts_snip(m: str) -> int:
        return len(con.execute(sql_snip, (m,)).fetchall())

    paths = {"searchsvc_full": (full, 2), "whoosh_bare": (bare, 2), "fts5_rank": (fts_rank, 3), "fts5_snippet": (fts_snip, 3)}
    # Wall time is what a user waits; CPU time (of this process) is less disturbed by a busy machine.
    samples: dict[str, list[float]] = {k: [] for k in paths} | {k + "_cpu": [] for k in paths}
    per_query: dict[str, dict[str, Any]] = {}
    for rnd in range(rounds + 1):
        for label, _kind, q, m in queries:
            row = per_query.setdefault(label, {"q": q, "fts5": m, **{k: [] for k in samples}})
            for name, (fn, col) in paths.items():
                arg = q if col == 2 else m
                cpu = time.process_time()
                started = time.perf_counter()
                hits = fn(arg)
                ms = 1000 * (time.perf_counter() - started)
                cpu_ms = 1000 * (time.process_time() - cpu)
                if rnd == 0:
                    row[name + "_hits"] = hits
                    continue
                samples[name].append(ms)
                row[name].append(ms)
                samples[name + "_cpu"].append(cpu_ms)
                row[name + "_cpu"].append(cpu_ms)
    # Totals: how many documents match, for context (not timed).
    for label, _kind, q, m in queries:
        row = per_query[label]
        row["searchsvc_total"] = search.search(searcher, search.parse_request({"q": q}))["total"]
        row["fts5_total"] = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (m,)).fetchone()[0]
        for name in samples:
            row[name] = statistics.median(row[name])
    searcher.close()
    con.close()
    return {"samples": samples, "per_query": per_query}


# --- the comparison --------------------------------------------------------------------------


def compare(args: argparse.Namespace) -> dict[str, Any]:
    queries = [q for q in QUERIES if not args.queries or q[0] in args.queries or q[2] in args.queries]
    work = Path(tempfile.mkdtemp(prefix="searchsvc-bench-", dir=args.tmp))
    ss_dir, db_path = work / "searchsvc", str(work / "fts5.db")
    log(f"comparison on the first {args.docs} corpus documents; work dir {work}")
    try:
        ss = in_child(build_searchsvc, args.docs, str(ss_dir))
        log(f"searchsvc built {ss['documents']} documents in {ss['seconds']:.1f} s")
        fts = in_child(build_fts5, args.docs, db_path)
        log(f"FTS5 built {fts['documents']} documents in {fts['seconds']:.1f} s")

        # Language detection cost on a sample (the builds above took `lang` from the corpus).
        sample_docs = list(corpus.iter_documents(limit=min(args.docs, args.langdetect_sample)))
        ld = corpus.sample_langdetect(sample_docs)
        log(f"langdetect sample: {ld['documents']} documents, {ld['calls']} calls, {ld['ms_per_call']:.1f} ms/call")

        log(f"queries: {len(queries)} x {args.rounds} rounds on 4 paths")
        qr = run_queries(ss_dir, db_path, queries, args.rounds)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result = {"docs": args.docs, "rounds": args.rounds, "loadavg_end": os.getloadavg(), "searchsvc": ss, "fts5": fts, "langdetect": ld, "queries": qr}
    print_table(result)
    return result


def print_table(r: dict[str, Any]) -> None:
    ss, fts, s = r["searchsvc"], r["fts5"], r["queries"]["samples"]
    rows: list[tuple[str, float, float, str]] = [
        ("index build, docs/s", ss["documents"] / ss["seconds"], fts["documents"] / fts["seconds"], ".0f"),
        ("index build, wall s", ss["seconds"], fts["seconds"], ".1f"),
        ("index build, CPU s", ss["cpu_seconds"], fts["cpu_seconds"], ".1f"),
        ("index size, MB", ss["bytes"] / 1e6, fts["bytes"] / 1e6, ".1f"),
        ("peak RSS of build process, MB", ss["peak_rss_mb"], fts["peak_rss_mb"], ".0f"),
        ("  of which build (peak - before), MB", ss["peak_rss_mb"] - ss["rss_before_mb"], fts["peak_rss_mb"] - fts["rss_before_mb"], ".0f"),
        ("query median, ms: full search | bm25+snippet", statistics.median(s["searchsvc_full"]), statistics.median(s["fts5_snippet"]), ".2f"),
        ("query p95, ms:    full search | bm25+snippet", pct(s["searchsvc_full"], 95), pct(s["fts5_snippet"], 95), ".2f"),
        ("query median, ms: bare Whoosh | bm25 only", statistics.median(s["whoosh_bare"]), statistics.median(s["fts5_rank"]), ".2f"),
        ("query p95, ms:    bare Whoosh | bm25 only", pct(s["whoosh_bare"], 95), pct(s["fts5_rank"], 95), ".2f"),
        ("query median, ms: bare Whoosh | bm25+snippet", statistics.median(s["whoosh_bare"]), statistics.median(s["fts5_snippet"]), ".2f"),
        ("query median, CPU ms: full | bm25+snippet", statistics.median(s["searchsvc_full_cpu"]), statistics.median(s["fts5_snippet_cpu"]), ".2f"),
        ("query p95, CPU ms:    full | bm25+snippet", pct(s["searchsvc_full_cpu"], 95), pct(s["fts5_snippet_cpu"], 95), ".2f"),
        ("query median, CPU ms: bare | bm25 only", statistics.median(s["whoosh_bare_cpu"]), statistics.median(s["fts5_rank_cpu"]), ".2f"),
        ("query p95, CPU ms:    bare | bm25 only", pct(s["whoosh_bare_cpu"], 95), pct(s["fts5_rank_cpu"], 95), ".2f"),
    ]
    n_q = len(r["queries"]["per_query"])
    print()
    print(f"searchsvc vs SQLite {sqlite3.sqlite_version} FTS5 ({FTS5_TOKENIZER}), first {ss['documents']} corpus documents,")
    print(f"{n_q} queries x {r['rounds']} timed rounds (after a warm-up round); medians/p95 over all query runs")
    print(f"(load average at the end: {' '.join(f'{x:.1f}' for x in r['loadavg_end'])} on {os.cpu_count()} cores)")
    print(f"{'':46} {'searchsvc':>10} {'FTS5':>10} {'ratio':>7}")
    for name, a, b, f in rows:
        print(f"{name:46} {a:>10{f}} {b:>10{f}} {a / b:>7.2f}")
    ld = r["langdetect"]
    print(
        f"\nDocument and paragraph languages came from the corpus' `lang` field, not langdetect. langdetect on a "
        f"{ld['documents']}-document sample: {ld['calls']} calls, {ld['ms_per_call']:.1f} ms a call "
        f"({ld['cpu_ms_per_call']:.1f} ms CPU), "
        f"{ld['ms_per_document']:.1f} ms a document (agrees with `lang` for {100 * ld['agreement_with_corpus_lang']:.0f}%); "
        f"at that rate langdetect alone would add {ld['ms_per_document'] * ss['documents'] / 1000:.0f} s to this build "
        f"(build would be {ss['documents'] / (ss['seconds'] + ld['ms_per_document'] * ss['documents'] / 1000):.0f} docs/s)."
    )
    print(
        f"Reading+normalising the corpus into Documents (not in the build figures): "
        f"{ss['documents'] / ss['prep_seconds']:.0f} docs/s."
    )
    print("\nper query (median wall ms; hits = total matches; searchsvc stems, FTS5 does not):")
    print(f"{'query':38} {'full':>7} {'bare':>7} {'f5rank':>7} {'f5snip':>7} {'ss hits':>8} {'f5 hits':>8}")
    for label, row in r["queries"]["per_query"].items():
        print(
            f"{(label + ' ' + row['q'])[:38]:38} {row['searchsvc_full']:>7.2f} {row['whoosh_bare']:>7.2f} "
            f"{row['fts5_rank']:>7.2f} {row['fts5_snippet']:>7.2f} {row['searchsvc_total']:>8} {row['fts5_total']:>8}"
        )


# --- issue 5: one new document into a big index ----------------------------------------------

KEY_FUNCTIONS = [
    ("read old manifest (JSON)", "index.py", "read_manifest"),
    ("_remove_stale", "index.py", "_remove_stale"),
    ("_link_copy (hard links)", "index.py", "_link_copy"),
    ("whoosh open_dir", "index.py", "open_dir"),
    ("_changed_documents loop", "index.py", "_changed_documents"),
    ("whoosh_fields", "index.py", "whoosh_fields"),
    ("writer.add_document", "writing.py", "add_document"),
    ("writer.commit", "writing.py", "commit"),
    ("BuildSummary.to_dict (asdict)", "index.py", "to_dict"),
    ("json.dumps (manifest)", "__init__.py", "dumps"),
    ("write_text (manifest)", "pathlib.py", "write_text"),
    ("os.fsync", None, "fsync"),
]


def profile_breakdown(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Return (name, cumulative seconds) for the interesting functions in a build profile."""
    out = []
    raw = stats.stats  # type: ignore[attr-defined]
    for name, filename, func in KEY_FUNCTIONS:
        if func is None:
            continue
        total = 0.0
        for (fname, _line, fn), (_cc, _nc, _tt, ct, _callers) in raw.items():
            if (fn == func and (filename is None or fname.endswith(filename))) or (filename is None and func in fn):
                total += ct
        out.append((name, total))
    return out


def incremental(args: argparse.Namespace) -> dict[str, Any]:
    index_dir = Path(args.index_dir)
    seeds = index_dir / "no-seeds"
    result: dict[str, Any] = {"docs": args.docs, "index_dir": str(index_dir)}
    if args.rebuild and index_dir.exists():
        shutil.rmtree(index_dir)
    manifest = index.read_manifest(index_dir)
    if manifest is None:
        log(f"full build of the first {args.docs} corpus documents into {index_dir} (streamed, lang from corpus)")
        started = time.perf_counter()
        summary = index.build(seeds, index_dir, full=True, documents=corpus.iter_documents(limit=args.docs))
        seconds = time.perf_counter() - started
        size = dir_size(index.build_path(index_dir, summary.build))
        result["full_build"] = {
            "documents": summary.documents, "seconds": seconds, "docs_per_s": summary.documents / seconds,
            "bytes": size, "peak_rss_mb": peak_rss_mb(),
        }
        log(f"full build: {summary.line()}; {summary.documents / seconds:.0f} docs/s incl. normalising; "
            f"{size / 1e6:.0f} MB; peak RSS {peak_rss_mb():.0f} MB")
    else:
        log(f"reusing the index in {index_dir} (build {manifest['build']}, {len(manifest['documents'])} documents)")
        result["full_build"] = manifest.get("summary")

    log("materialising the Documents for the incremental builds (read + normalise, lang from corpus)")
    cpu = time.process_time()
    docs, prep = corpus.load_documents(limit=args.docs)
    prep_cpu = time.process_time() - cpu
    result["prepare"] = {"documents": len(docs), "seconds": prep, "cpu_seconds": prep_cpu, "docs_per_s": len(docs) / prep}
    log(f"  {len(docs)} Documents in {prep:.1f} s, {prep_cpu:.1f} CPU s ({len(docs) / prep:.0f} docs/s wall)")

    existing = set(index.read_manifest(index_dir)["documents"])  # type: ignore[index]
    base = int(time.time())
    news: list[Any] = []
    extra_old = [doc_id for doc_id in existing if doc_id.startswith("bench-new-")]
    # Keep documents an earlier run added, so each timed build adds exactly one and removes none.
    extra_docs = [corpus.new_document(int(x.rsplit("-", 1)[1])) for x in extra_old]
    runs = []
    for rep in range(args.repeats + 1):
        profile = rep == args.repeats  # the last run is profiled (cProfile slows it down)
        news.append(corpus.new_document(base + rep))
        word = corpus.unique_word(base + rep)
        all_docs = docs + extra_docs + news
        prof = cProfile.Profile() if profile else None
        started = time.perf_counter()
        cpu = time.process_time()
        if prof:
            prof.enable()
        summary = index.build(seeds, index_dir, documents=all_docs)
        if prof:
            prof.disable()
        t_build = time.perf_counter() - started
        cpu_build = time.process_time() - cpu
        ix, build = index.open_index(index_dir)
        searcher = ix.searcher()
        t_open = time.perf_counter() - started - t_build
        res = search.search(searcher, search.parse_request({"q": word}))
        t_found = time.perf_counter() - started
        cpu_found = time.process_time() - cpu
        found = [h["id"] for h in res["hits"]]
        searcher.close()
        run = {
            "profiled": profile, "build_s": t_build, "open_s": t_open, "search_s": t_found - t_build - t_open,
            "until_found_s": t_found, "build_cpu_s": cpu_build, "until_found_cpu_s": cpu_found, "found": found, "counts": summary.counts(), "build_reported_s": summary.seconds,
            "build_dir_files": len(os.listdir(index.build_path(index_dir, build))),
            "manifest_bytes": (index.build_path(index_dir, build) / index.MANIFEST).stat().st_size,
        }
        log(f"run {rep}{' (cProfile)' if profile else ''}: build {t_build:.2f} s ({cpu_build:.2f} CPU s), open {t_open:.3f} s, search "
            f"{run['search_s']:.3f} s -> found {found} after {t_found:.2f} s ({cpu_found:.2f} CPU s); {summary.line()}")
        if prof:
            buf = io.StringIO()
            stats = pstats.Stats(prof, stream=buf)
            OUT.mkdir(exist_ok=True)
            stats.dump_stats(str(OUT / "incremental.prof"))
            stats.sort_stats("cumulative").print_stats(30)
            run["profile_top"] = buf.getvalue()
            run["breakdown"] = profile_breakdown(stats)
            print(buf.getvalue())
        runs.append(run)
    result["runs"] = runs
    plain = [r for r in runs if not r["profiled"]] or runs
    print(f"\nissue 5 figure: one new document into {len(docs) + len(extra_docs) + len(news) - 1} documents "
          f"(Documents already in memory; lang from corpus)")
    print(f"  until searchable, median of {len(plain)}: {statistics.median(r['until_found_s'] for r in plain):.2f} s wall, "
          f"{statistics.median(r['until_found_cpu_s'] for r in plain):.2f} CPU s "
          f"(build {statistics.median(r['build_s'] for r in plain):.2f} s, open_index+searcher "
          f"{statistics.median(r['open_s'] for r in plain):.3f} s, search {statistics.median(r['search_s'] for r in plain):.3f} s)")
    print(f"  plus producing the {len(docs)} Documents the caller must pass: {prep:.1f} s wall, {prep_cpu:.1f} CPU s "
          f"(without langdetect; with it add ~{len(docs)} x the per-document langdetect cost)")
    if runs[-1].get("breakdown"):
        print("  cProfile breakdown of the profiled build (cumulative s, overlapping):")
        for name, secs in runs[-1]["breakdown"]:
            print(f"    {name:32} {secs:8.3f}")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000, help="first N corpus documents (default 10000)")
    ap.add_argument("--queries", nargs="*", help="only these query labels (de-1, nl-2, ...) or query strings")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds over the query set (default 5)")
    ap.add_argument("--langdetect-sample", type=int, default=300, help="documents to run langdetect on (default 300)")
    ap.add_argument("--tmp", default="/tmp", help="where the comparison builds its indexes (default /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the comparison's index directories")
    ap.add_argument("--incremental", action="store_true", help="time one new document into an N-document index")
    ap.add_argument("--index-dir", default="/tmp/searchsvc-bench-100k", help="index dir for --incremental")
    ap.add_argument("--rebuild", action="store_true", help="with --incremental: rebuild the base index")
    ap.add_argument("--repeats", type=int, default=3, help="with --incremental: timed one-document builds (default 3)")
    args = ap.parse_args(argv)
    result = incremental(args) if args.incremental else compare(args)
    OUT.mkdir(exist_ok=True)
    name = f"{'incremental' if args.incremental else 'compare'}-{args.docs}.json"
    (OUT / name).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    log(f"wrote {OUT / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
