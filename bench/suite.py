"""Issue 8's benchmark: searchsvc's real product path against SQLite FTS5, one markdown table.

    .venv/bin/python bench/suite.py [--docs 1000,10000,100000] [--only build,incremental,queries,http,memory,profile,features]
                                    [--skip-build] [--build-runs K] [--query-runs R] [--http-runs H] [--http-seconds S]

For each N (first N lines of ../shared/bench/corpus-100k.jsonl.gz, written once as real seed files to
/tmp/searchsvc-bench/seeds-N with corpus.write_seed_files):

* build: `searchsvc index --full` (the console script, language detection included) under a fresh wrapper
  process (bench/procstat.py): wall, CPU, documents/s, peak RSS (largest process and sampled process-tree
  sum), size on disk (du of the build directory). FTS5 peer: bench/fts5peer.py build, same way.
* incremental (largest N only): 1 and 100 new seed files; time from starting `searchsvc index` until a
  fresh open_index() + search finds all of them (in this process, which opened the previous builds, as a
  server worker has); FTS5: INSERT + COMMIT until MATCH finds them. The files
  are removed and the index updated again afterwards, so it is back to N documents.
* queries: the 250 queries of bench/queries.json in-process, `search.search()` with passages=3 and 0;
  FTS5 bm25() top 10 with and without snippet(); p50/p95/p99 per run, median of runs.
* http: the real `searchsvc serve` (gunicorn, SEARCHSVC_WORKERS=2) on loopback: one client over the
  query set, then 8 clients for S seconds, every request a distinct query from the load pool; a fresh
  server per run so no cache survives between runs. FTS5 peer: fts5peer.py serve (2 forked processes).
* memory: RSS and PSS of each server worker after the HTTP runs.
* features: the cost of translation (on/off), same-story grouping (group=1/0), graded matching
  (rank.match graded=True/False on the same parsed queries), /similar and the Atom feed, in-process CPU ms
  per call, FTS5 beside where a peer applies (see features()).
* profile (N=10,000): cProfile of one in-process query pass; a sampling profile (bench/sampler.py) of one
  `searchsvc index --full` (cProfile would slow the build ~5x).

src/ is compiled to bytecode first, as pip does for an installed package. Built indexes are reused when the
seed set and src/ (git tree + uncommitted diff) are unchanged, or always with --skip-build. Output: the table on stdout, bench/out/suite-<time>.json and .md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import dataclasses
import hashlib
import http.client
import io
import json
import os
import platform
import pstats
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import corpus  # noqa: E402
import fts5peer  # noqa: E402
import procstat  # noqa: E402
import queries as queries_mod  # noqa: E402
from searchsvc import index, search  # noqa: E402

OUT = HERE / "out"
WORK = Path(os.environ.get("SEARCHSVC_BENCH_WORK", "/tmp/searchsvc-bench"))
SEARCHSVC = str(Path(sys.executable).parent / "searchsvc")
PARTS = ("build", "incremental", "queries", "http", "memory", "profile", "features")
NEW_PREFIX = "bench-new-"
TARGETS_N = 100_000


def log(msg: str) -> None:
    """Print a progress line to stderr (the table goes to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    """Return the p-th percentile of values (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))
    return ordered[int(k)]


def dist(values: list[float]) -> dict[str, float]:
    """Return p50/p95/p99 and the count of a list of latencies."""
    return {"p50": pct(values, 50), "p95": pct(values, 95), "p99": pct(values, 99), "n": len(values)}


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    """Return the median over runs of one figure."""
    return statistics.median(r[key] for r in runs)


# --- machine and code identity ---------------------------------------------------------------


def git(*args: str) -> str:
    """Return a git command's output in the repository (empty when git fails)."""
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def src_fingerprint() -> str:
    """Return an id of the product code: src/'s git tree plus a hash of any uncommitted change under it."""
    tree = git("rev-parse", "HEAD:src")
    diff = git("diff", "HEAD", "--", "src") + git("ls-files", "--others", "--exclude-standard", "--", "src")
    return tree[:12] + ("+" + hashlib.sha256(diff.encode()).hexdigest()[:8] if diff else "")


def machine() -> dict[str, Any]:
    """Return date, commit, machine and library versions for the table's header."""
    model = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    from importlib.metadata import version

    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--", "src", "bench")),
        "src": src_fingerprint(),
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gib": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "whoosh": version("whoosh-reloaded"),
        "loadavg_start": os.getloadavg(),
    }


# --- seeds and environment -------------------------------------------------------------------


def seeds_dir(n: int) -> Path:
    """Return where the first n records are written as seed files."""
    return WORK / f"seeds-{n}"


def index_dir(n: int) -> Path:
    """Return searchsvc's index folder for N."""
    return WORK / f"index-{n}"


def fts5_db(n: int) -> Path:
    """Return the FTS5 peer's database for N."""
    return WORK / f"fts5-{n}.db"


def corpus_id() -> str:
    """Return an id of the corpus file (path, size, mtime), so changed seeds are noticed."""
    st = corpus.DEFAULT_CORPUS.stat()
    return f"{corpus.DEFAULT_CORPUS}:{st.st_size}:{int(st.st_mtime)}"


def remove_new_files(seeds: Path) -> int:
    """Delete seed files an incremental run added (also after an interrupted run); return how many."""
    gone = 0
    for path in seeds.glob(NEW_PREFIX + "*"):
        path.unlink()
        gone += 1
    return gone


def ensure_seeds(n: int) -> Path:
    """Write the first n corpus records as seed files once (a stamp file says they are there)."""
    seeds = seeds_dir(n)
    stamp = WORK / f"seeds-{n}.stamp"
    if seeds.exists():
        remove_new_files(seeds)
    if stamp.exists() and stamp.read_text() == corpus_id():
        return seeds
    log(f"writing {n} seed files to {seeds}")
    started = time.perf_counter()
    written = corpus.write_seed_files(seeds, limit=n)
    stamp.write_text(corpus_id())
    log(f"  {written} records as seed files in {time.perf_counter() - started:.0f} s")
    return seeds


def product_env(n: int, **extra: str) -> dict[str, str]:
    """Return the environment `searchsvc` gets: this N's seeds and index, plus extra settings."""
    env = dict(os.environ)
    env["SEARCHSVC_SEEDS_DIR"] = str(seeds_dir(n))
    env["SEARCHSVC_INDEX_DIR"] = str(index_dir(n))
    env.update(extra)
    return env


def indexed_count(n: int, idx: Path | None = None) -> int:
    """Return how many documents the current build of index-N (or of idx) holds (from its manifest)."""
    manifest = index.read_manifest(idx or index_dir(n))
    return len(manifest["documents"]) if manifest else 0


# --- build -----------------------------------------------------------------------------------


def run_searchsvc_build(n: int) -> dict[str, Any]:
    """Run `searchsvc index --full` once under the measuring wrapper; return its figures."""
    res = procstat.run_measured([SEARCHSVC, "index", "--full"], env=product_env(n))
    if res["returncode"] != 0:
        raise RuntimeError(f"searchsvc index --full failed: {res['stderr'][-2000:]}")
    build = index.current_build(index_dir(n))
    res["documents"] = indexed_count(n)
    res["bytes"] = procstat.du_bytes(index.build_path(index_dir(n), build))  # type: ignore[arg-type]
    res["summary"] = res.pop("stdout").strip().splitlines()[0] if res.get("stdout") else ""
    res.pop("stderr", None)
    return res


def run_fts5_build(n: int) -> dict[str, Any]:
    """Build the FTS5 peer's database once under the measuring wrapper; return its figures."""
    db = fts5_db(n)
    res = procstat.run_measured([sys.executable, str(HERE / "fts5peer.py"), "build", str(db), str(n)])
    if res["returncode"] != 0:
        raise RuntimeError(f"fts5peer build failed: {res['stderr'][-2000:]}")
    res["documents"] = json.loads(res.pop("stdout"))["documents"]
    res["bytes"] = os.stat(db).st_blocks * 512
    res.pop("stderr", None)
    return res


def builds(n: int, runs: int, skip: bool) -> dict[str, Any]:
    """Build both engines' indexes `runs` times (or reuse the last results when code and seeds are unchanged)."""
    stamp = WORK / f"index-{n}.json"
    ensure_seeds(n)
    fingerprint = src_fingerprint()
    old = json.loads(stamp.read_text()) if stamp.exists() else None
    have_both = index.current_build(index_dir(n)) is not None and fts5_db(n).exists()
    if old and have_both and (skip or (old["src"] == fingerprint and old["seeds"] == corpus_id() and len(old["searchsvc"]) >= runs)):
        why = "--skip-build" if skip else "src/ and seeds unchanged"
        log(f"N={n}: reusing the built indexes ({why}; built {old['when']}, src {old['src']})")
        old["reused"] = True
        return old
    if skip and not have_both:
        log(f"N={n}: --skip-build, but there is no index to reuse; building")
    result: dict[str, Any] = {"src": fingerprint, "seeds": corpus_id(), "when": time.strftime("%Y-%m-%d %H:%M"), "searchsvc": [], "fts5": []}
    for run in range(runs):
        log(f"N={n}: searchsvc index --full, run {run + 1}/{runs}")
        res = run_searchsvc_build(n)
        log(f"  {res['documents']} documents in {res['wall_s']:.1f} s ({res['cpu_s']:.1f} CPU s), "
            f"max RSS {res['maxrss_mb']:.0f} MB, tree {res['tree_peak_rss_mb']:.0f} MB, {res['bytes'] / 1e6:.1f} MB")
        result["searchsvc"].append(res)
        log(f"N={n}: FTS5 build, run {run + 1}/{runs}")
        res = run_fts5_build(n)
        log(f"  {res['documents']} documents in {res['wall_s']:.1f} s, max RSS {res['maxrss_mb']:.0f} MB, {res['bytes'] / 1e6:.1f} MB")
        result["fts5"].append(res)
    stamp.write_text(json.dumps(result, indent=1))
    result["reused"] = False
    return result


# --- incremental -----------------------------------------------------------------------------

NEW_TEXT = (
    "(1) Dieses Schreiben wurde nach dem Aufbau des Index hinzugefügt. Es enthält das Wort {word} "
    "und das Kennwort {doc_word}, die sonst nirgends vorkommen.\n\n"
    "(2) Die Bundesregierung wird ermächtigt, durch Rechtsverordnung Näheres zu regeln."
)


def _letters(k: int, salt: str) -> str:
    """Return k pseudo-random lowercase letters (a word no corpus document has)."""
    digest = hashlib.sha256(f"{time.time_ns()}{salt}".encode()).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:k])


def add_new_files(seeds: Path, count: int) -> tuple[str, list[tuple[str, str]]]:
    """Write `count` new seed files sharing one made-up word; return the word and their (id, text)."""
    word = "qzbench" + _letters(10, "batch")
    docs = []
    for i in range(count):
        name = f"{NEW_PREFIX}{word}-{i}"
        text = NEW_TEXT.format(word=word, doc_word="qzdoc" + _letters(8, str(i)))
        (seeds / f"{name}.meta.json").write_text(json.dumps({"title": f"Neues Schreiben {i}", "date": "2026-11-23", "source": "bench"}))
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        docs.append((name, text))
    return word, docs


def found_in_index(idx: Path, word: str) -> int:
    """Return how many documents a fresh open of the current build finds for a word (in-process API)."""
    ix, _build = index.open_index(idx)
    with ix.searcher() as s:
        return int(search.search(s, search.parse_request({"q": word, "passages": "0"}))["total"])


def time_searchsvc_new(n: int, idx: Path, count: int) -> dict[str, Any]:
    """Add `count` seed files, run `searchsvc index`, and time until a fresh searcher finds all of them."""
    seeds = seeds_dir(n)
    word, _docs = add_new_files(seeds, count)
    before = index.current_build(idx)
    started = time.perf_counter()
    proc = subprocess.Popen([SEARCHSVC, "index"], env=product_env(n, SEARCHSVC_INDEX_DIR=str(idx)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found_s = moved_s = None
    while found_s is None:
        current = index.current_build(idx)
        if current != before:
            if moved_s is None:  # the writer's part: until the first switch to a new build
                moved_s = time.perf_counter() - started
            if found_in_index(idx, word) >= count:
                found_s = time.perf_counter() - started
                break
            before = current
        if proc.poll() is not None and index.current_build(idx) == before:
            break
        time.sleep(0.005)
    out, err = proc.communicate()
    exited_s = time.perf_counter() - started
    if proc.returncode != 0 or found_s is None:
        raise RuntimeError(f"incremental searchsvc index did not make {count} new documents searchable: {out} {err}")
    return {"count": count, "found_s": found_s, "moved_s": moved_s, "exited_s": exited_s, "summary": out.strip()}


def time_fts5_new(n: int, count: int) -> dict[str, Any]:
    """Insert `count` rows into the FTS5 peer and time until MATCH finds all of them; then delete them."""
    con = fts5peer.connect(str(fts5_db(n)))
    word = "qzbench" + _letters(10, "fts")
    rows = [(f"{NEW_PREFIX}{word}-{i}", f"Neues Schreiben {i}", NEW_TEXT.format(word=word, doc_word="qzdoc" + _letters(8, str(i))),
             "de", "2026-11-23", "bench") for i in range(count)]
    started = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")
    check = fts5peer.connect(str(fts5_db(n)))  # a fresh connection, as another reader would see it
    got = check.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (f'"{word}"',)).fetchone()[0]
    found_s = time.perf_counter() - started
    check.close()
    assert got == count, (got, count)
    con.execute("DELETE FROM docs WHERE id LIKE ?", (NEW_PREFIX + "%",))
    con.close()
    return {"count": count, "found_s": found_s}


def incremental(n: int, runs: int) -> dict[str, Any]:
    """Time 1 and 100 new documents into the N-document index, `runs` times each, restoring N after each."""
    seeds = seeds_dir(n)
    # Work on a hard-linked copy of the index (builds never modify a file in place), so the extra segments
    # the incremental builds leave do not reach later query runs that reuse index-N.
    idx = WORK / f"index-{n}-incremental"
    shutil.rmtree(idx, ignore_errors=True)
    shutil.copytree(index_dir(n), idx, copy_function=os.link)
    env = product_env(n, SEARCHSVC_INDEX_DIR=str(idx))
    subprocess.run([SEARCHSVC, "index"], env=env, check=True, capture_output=True)  # in sync with the seeds
    con = fts5peer.connect(str(fts5_db(n)))
    con.execute("DELETE FROM docs WHERE id LIKE ?", (NEW_PREFIX + "%",))  # left by an interrupted run
    con.close()
    base = indexed_count(n, idx)
    out: dict[str, Any] = {"n": n, "base_documents": base, "searchsvc": {}, "fts5": {}}
    for count in (1, 100):
        ss, f5 = [], []
        for run in range(runs):
            res = time_searchsvc_new(n, idx, count)
            log(f"N={n}: {count} new -> searchable after {res['found_s']:.2f} s (index exited {res['exited_s']:.2f} s)")
            ss.append(res)
            remove_new_files(seeds)
            subprocess.run([SEARCHSVC, "index"], env=env, check=True, capture_output=True)
            assert indexed_count(n, idx) == base, "cleanup did not restore the index"
            f5.append(time_fts5_new(n, count))
        out["searchsvc"][str(count)] = ss
        out["fts5"][str(count)] = f5
    shutil.rmtree(idx, ignore_errors=True)
    return out


def label(query: dict[str, Any]) -> str:
    """Return a query as a readable one-liner: the text plus its filters."""
    return query["q"] + "".join(f" {k}={query[k]}" for k in ("lang", "from") if query.get(k))


# --- in-process queries ----------------------------------------------------------------------


def inprocess(n: int, qset: list[dict[str, Any]], warm: list[dict[str, Any]], runs: int) -> dict[str, Any]:
    """Run the query set `runs` times on four paths, interleaved per query; return per-run latency figures."""
    ix, _build = index.open_index(index_dir(n))
    searcher = ix.searcher()
    segments = len(list(searcher.leaf_searchers()))
    con = fts5peer.connect(str(fts5_db(n)))

    paths: dict[str, Callable[[dict[str, Any]], Any]] = {
        "ss_p3": lambda q: search.search(searcher, search.parse_request(queries_mod.params(q, 3))),
        "ss_p0": lambda q: search.search(searcher, search.parse_request(queries_mod.params(q, 0))),
        "f5_snip": lambda q: fts5peer.search(con, q, 3),
        "f5_rank": lambda q: fts5peer.search(con, q, 0),
    }
    for q in warm:
        for fn in paths.values():
            fn(q)
    per_run: list[dict[str, Any]] = []
    per_query: dict[str, list[float]] = {label(q): [] for q in qset}
    errors: list[str] = []
    for run in range(runs):
        samples: dict[str, list[float]] = {name: [] for name in paths}
        for q in qset:
            for name, fn in paths.items():
                started = time.perf_counter()
                try:
                    fn(q)
                except Exception as exc:  # a query the product rejects is an error, not a crash of the run
                    errors.append(f"{name} {q}: {exc}")
                    continue
                ms = 1000 * (time.perf_counter() - started)
                samples[name].append(ms)
                if name == "ss_p3":
                    per_query[label(q)].append(ms)
        per_run.append({name: dist(values) for name, values in samples.items()})
        log(f"N={n}: in-process run {run + 1}/{runs}: searchsvc p95 {per_run[-1]['ss_p3']['p95']:.1f} ms "
            f"(passages 3), FTS5 p95 {per_run[-1]['f5_snip']['p95']:.2f} ms (snippet)")
    hits = {"ss": [], "f5": []}
    for q in qset:
        try:
            hits["ss"].append(search.search(searcher, search.parse_request(queries_mod.params(q, 0)))["total"])
        except Exception:
            hits["ss"].append(-1)
        hits["f5"].append(fts5peer.total(con, q))
    searcher.close()
    con.close()
    slowest = sorted(((statistics.median(v), k) for k, v in per_query.items() if v), reverse=True)[:10]
    return {"runs": per_run, "errors": errors, "hits": hits, "slowest_ss_p3": slowest, "segments": segments}


# --- features: translation, grouping, graded matching, /similar, feeds (issues 14, 15, 17) ------


SIMILAR_DOCS = 100  # documents whose /similar is timed, spread evenly over the index


def _parsed(searcher: Any, req: Any) -> tuple[Any, Any]:
    """Return a request's query as /search scores it (parsed, translated when asked, expanded) and its filter mask."""
    from searchsvc import docsets, rank
    from searchsvc import query as query_mod
    from searchsvc.schema import sort_date

    reader = searcher.reader()
    q = query_mod.parse_query(req.q, searcher.schema)
    if req.translate:
        q, _used = query_mod.add_translations(q, req.q, reader, searcher.schema, req.langs)
    q = query_mod.expand(q, reader, rank.Budget(600))
    table = docsets.facet_table(searcher)
    mask = docsets.allowed(searcher, table, req.langs, sort_date(req.date_from) if req.date_from else None,
                           query_mod.end_of(req.date_to) if req.date_to else None, [])
    return q, mask


def features(n: int, qset: list[dict[str, Any]], warm: list[dict[str, Any]], runs: int) -> dict[str, Any]:
    """Time the cost of issue 14/15/17 features in-process, CPU and wall ms per call, beside FTS5 where one applies.

    Per query of the set, interleaved: search() with translation on and off (3 passages, as /api/search);
    grouping (search() with translation on and group=True, as /api/search's group=1: the page's hits grouped
    before their passages, a folded hit getting none; group=0 is the translation-on search); rank.match +
    rank.top(10) with graded=True and graded=False on the same parsed query (graded=False is what /search
    does for a query with an explicit AND: no switch turns grading off); the Atom feed (feeds.newest); FTS5's
    bm25+snippet and bm25-only. Then /similar (similar.similar, limit 10 as the API) for SIMILAR_DOCS documents.
    """
    from searchsvc import feeds, rank, similar, translate

    ix, _build = index.open_index(index_dir(n))
    searcher = ix.searcher()
    # Read-only: this part may run on an index another benchmark built and still owns.
    con = sqlite3.connect(f"file:{fts5_db(n)}?mode=ro", uri=True, check_same_thread=False)
    can_translate = translate.available()
    if can_translate:
        translate.warm()  # once per process (a worker does it at start), not a query's cost

    def req_of(q: dict[str, Any], tr: bool) -> Any:
        return search.parse_request({**queries_mod.params(q, 3), "translate": "1" if tr else "0"})

    parsed: dict[str, tuple[Any, Any]] = {}
    modes = {"most": 0, "all": 0}
    for q in qset:
        try:
            parsed[label(q)] = _parsed(searcher, req_of(q, True))
        except Exception as exc:  # noqa: BLE001 - a rejected query has no match timing
            log(f"N={n}: features: cannot parse {label(q)!r}: {exc}")

    def run_query(q: dict[str, Any], samples: dict[str, list[tuple[float, float]]]) -> None:
        def timed(name: str, fn: Callable[[], Any]) -> Any:
            c0, w0 = time.process_time(), time.perf_counter()
            out = fn()
            samples.setdefault(name, []).append((1000 * (time.process_time() - c0), 1000 * (time.perf_counter() - w0)))
            return out

        timed("tr1", lambda: search.search(searcher, req_of(q, True)))
        timed("group1", lambda: search.search(searcher, dataclasses.replace(req_of(q, True), group=True)))
        timed("tr0", lambda: search.search(searcher, req_of(q, False)))
        if label(q) in parsed:
            pq, mask = parsed[label(q)]
            timed("graded", lambda: rank.top(rank.match(searcher, pq, graded=True, need=10, allowed=mask), 10))
            timed("strict", lambda: rank.top(rank.match(searcher, pq, graded=False, need=10, allowed=mask), 10))
            if label(q) in relaxed:  # where grading does its extra work: fewer than 10 documents have all the words
                samples.setdefault("graded_relaxed", []).append(samples["graded"][-1])
                samples.setdefault("strict_relaxed", []).append(samples["strict"][-1])
        timed("feed", lambda: feeds.newest(searcher, req_of(q, False)))
        timed("f5_snip", lambda: fts5peer.search(con, q, 3))
        timed("f5_rank", lambda: fts5peer.search(con, q, 0))
        if label(q) in relaxed:
            samples.setdefault("f5_rank_relaxed", []).append(samples["f5_rank"][-1])

    relaxed = set()
    for name, (pq, mask) in parsed.items():
        mode = rank.match(searcher, pq, graded=True, need=10, allowed=mask).mode
        modes[mode] += 1
        if mode == "most":
            relaxed.add(name)
    for q in warm:
        run_query(q, {})
    size = searcher.doc_count_all()
    step = max(1, size // SIMILAR_DOCS)
    sample_ids = []
    for docnum in range(0, size, step):
        if not searcher.reader().is_deleted(docnum):
            sample_ids.append(searcher.stored_fields(docnum)["id"])
    sample_ids = sample_ids[:SIMILAR_DOCS]
    for doc_id in sample_ids[:5]:
        similar.similar(searcher, doc_id)  # warm the stopword lists and the first terms
    per_run: list[dict[str, Any]] = []
    errors: list[str] = []
    for run in range(runs):
        samples: dict[str, list[tuple[float, float]]] = {}
        for q in qset:
            try:
                run_query(q, samples)
            except Exception as exc:  # noqa: BLE001 - a query the product rejects is an error, not a crash
                errors.append(f"{label(q)}: {exc}")
        for doc_id in sample_ids:
            c0, w0 = time.process_time(), time.perf_counter()
            similar.similar(searcher, doc_id)
            samples.setdefault("similar", []).append((1000 * (time.process_time() - c0), 1000 * (time.perf_counter() - w0)))
        per_run.append({name: {"cpu": dist([c for c, _w in v]), "wall": dist([w for _c, w in v])} for name, v in samples.items()})
        r = per_run[-1]
        log(f"N={n}: features run {run + 1}/{runs}: CPU p95 ms translate on {r['tr1']['cpu']['p95']:.1f}, "
            f"off {r['tr0']['cpu']['p95']:.1f}; group on {r['group1']['cpu']['p95']:.1f}; graded "
            f"{r.get('graded', {}).get('cpu', {}).get('p95', float('nan')):.1f}, all words "
            f"{r.get('strict', {}).get('cpu', {}).get('p95', float('nan')):.1f}; similar {r['similar']['cpu']['p95']:.1f}; "
            f"feed {r['feed']['cpu']['p95']:.1f}; FTS5 snippet {r['f5_snip']['cpu']['p95']:.2f}")
    searcher.close()
    con.close()
    return {"runs": per_run, "errors": errors, "translation": can_translate, "graded_modes": modes,
            "similar_docs": len(sample_ids), "queries": len(qset), "parsed": len(parsed)}


# --- HTTP ------------------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on loopback that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server process on loopback (the real `searchsvc serve`, or the FTS5 peer), started and stopped by us."""

    def __init__(self, engine: str, n: int, log_path: Path, workers: int = 2):
        self.engine, self.n = engine, n
        self.port = free_port()
        self.log = open(log_path, "ab")
        if engine == "searchsvc":
            argv = [SEARCHSVC, "serve"]
            env = product_env(n, SEARCHSVC_WORKERS=str(workers), SEARCHSVC_HOST="127.0.0.1", SEARCHSVC_PORT=str(self.port))
        else:
            argv = [sys.executable, str(HERE / "fts5peer.py"), "serve", str(fts5_db(n)), str(self.port), "2"]
            env = dict(os.environ)
        self.proc = subprocess.Popen(argv, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, documents: int, timeout: float = 120) -> None:
        """Wait until /healthz answers with the expected document count."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.engine} server exited with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                body = json.loads(conn.getresponse().read())
                conn.close()
                if body.get("documents") == documents:
                    return
            except (OSError, ValueError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.engine} server not ready within {timeout} s")

    def workers(self) -> list[int]:
        """Return the pids that serve requests: gunicorn's workers, or the peer's processes."""
        tree = procstat.children_map()
        if self.engine == "searchsvc":
            return sorted(tree.get(self.proc.pid, []))
        return sorted(procstat.descendants(self.proc.pid, tree))

    def memory(self) -> dict[str, Any]:
        """Return RSS/PSS/USS of each worker (and of gunicorn's master)."""
        out = {"workers": [procstat.memory(pid) | {"pid": pid} for pid in self.workers()]}
        if self.engine == "searchsvc":
            out["master"] = procstat.memory(self.proc.pid)
        return out

    def stop(self) -> None:
        """Stop the server and every process of its session."""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()


def request(conn: http.client.HTTPConnection, query: dict[str, Any], passages: int) -> bool:
    """Send one /api/search and say whether it succeeded (200 with a hits list)."""
    conn.request("GET", "/api/search?" + urllib.parse.urlencode(queries_mod.params(query, passages)))
    resp = conn.getresponse()
    body = resp.read()
    return resp.status == 200 and isinstance(json.loads(body).get("hits"), list)


def sequential(port: int, qset: list[dict[str, Any]]) -> dict[str, Any]:
    """One client, one request at a time over the query set (passages=3); return latencies and errors."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, errors = [], 0
    for q in qset:
        started = time.perf_counter()
        try:
            ok = request(conn, q, 3)
        except (OSError, ValueError, http.client.HTTPException):
            ok = False
            conn.close()
        times.append(1000 * (time.perf_counter() - started))
        errors += not ok
    conn.close()
    return dist(times) | {"errors": errors}


def load(port: int, pool: list[dict[str, Any]], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads, each with its own connection, for `seconds`; every request takes the next distinct query."""
    lock = threading.Lock()
    feed: Iterator[dict[str, Any]] = iter(pool)
    state = {"taken": 0, "repeats": 0}
    times: list[float] = []
    errors: list[int] = [0]

    def next_query() -> dict[str, Any]:
        nonlocal feed
        with lock:
            try:
                q = next(feed)
            except StopIteration:  # pool used up: start again, and say so in the table
                feed = iter(pool)
                q = next(feed)
            state["taken"] += 1
            state["repeats"] += state["taken"] > len(pool)
            return q

    def client(deadline: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        bad = 0
        while True:
            q = next_query()
            started = time.perf_counter()
            if started >= deadline:
                break
            try:
                ok = request(conn, q, 3)
            except (OSError, ValueError, http.client.HTTPException):
                ok = False
                conn.close()
            done = time.perf_counter()
            if done > deadline:  # only requests that finished inside the window count
                break
            mine.append(1000 * (done - started))
            bad += not ok
        conn.close()
        with lock:
            times.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    deadline = started + seconds
    threads = [threading.Thread(target=client, args=(deadline,)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = min(time.perf_counter(), deadline) - started
    return dist(times) | {"rps": len(times) / elapsed, "errors": errors[0], "requests": len(times), "repeats": state["repeats"]}


def serve_once(engine: str, n: int, documents: int, qsets: dict[str, Any], seconds: float, clients: int,
               log_path: Path) -> dict[str, Any]:
    """Start a fresh server, warm it with 20 requests, run one client over the latency set, then `clients` clients
    for `seconds` (none when 0), read its workers' memory and stop it; return what was measured."""
    server = Server(engine, n, log_path)
    try:
        started = time.perf_counter()
        server.wait_ready(documents)
        ready_s = time.perf_counter() - started
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for q in qsets["load"][-20:]:  # not used by the load run unless the pool runs out
            request(conn, q, 3)
        conn.close()
        res: dict[str, Any] = {"ready_s": ready_s, "sequential": sequential(server.port, qsets["set"])}
        if seconds:
            res["load"] = load(server.port, qsets["load"][:-20], clients, seconds)
        res["memory"] = server.memory()
    finally:
        server.stop()
    return res


def http_runs(n: int, qsets: dict[str, Any], runs: int, seconds: float, clients: int, do_load: bool) -> dict[str, Any]:
    """Start each server afresh per run; one client over the set, then the load; memory after; return all runs."""
    OUT.mkdir(exist_ok=True)
    con = fts5peer.connect(str(fts5_db(n)))
    expected = {"searchsvc": indexed_count(n), "fts5": con.execute("SELECT count(*) FROM docs").fetchone()[0]}
    con.close()
    out: dict[str, Any] = {"searchsvc": [], "fts5": [], "seconds": seconds, "clients": clients}
    for run in range(runs):
        for engine in ("searchsvc", "fts5"):
            res = serve_once(engine, n, expected[engine], qsets, seconds if do_load else 0, clients,
                             OUT / f"server-{engine}-{n}.log")
            seq = res["sequential"]
            msg = f"N={n}: HTTP run {run + 1}/{runs} {engine}: one client p95 {seq['p95']:.1f} ms, errors {seq['errors']}"
            if do_load:
                msg += f"; {clients} clients {res['load']['rps']:.1f} req/s, p95 {res['load']['p95']:.0f} ms, errors {res['load']['errors']}"
            rss = ", ".join(f"{w['rss_mb']:.0f}" for w in res["memory"]["workers"])
            log(msg + f"; worker RSS {rss} MB")
            out[engine].append(res)
    return out


# --- profile ---------------------------------------------------------------------------------


def profile(n: int, qset: list[dict[str, Any]]) -> dict[str, str]:
    """Profile one in-process query pass (cProfile, passages=3) and one full build (sampling); write bench/out/profile-*.txt."""
    OUT.mkdir(exist_ok=True)
    files = {}
    ix, _build = index.open_index(index_dir(n))
    searcher = ix.searcher()
    prof = cProfile.Profile()
    prof.enable()
    for q in qset:
        search.search(searcher, search.parse_request(queries_mod.params(q, 3)))
    prof.disable()
    searcher.close()
    files["queries"] = _write_profile(prof, OUT / f"profile-queries-{n}.txt", f"{len(qset)} queries, search.search(passages=3), N={n}")

    prof_dir = WORK / f"profile-index-{n}"
    shutil.rmtree(prof_dir, ignore_errors=True)
    env = product_env(n, SEARCHSVC_INDEX_DIR=str(prof_dir))
    log(f"N={n}: profiling `searchsvc index --full` (sampling profiler, bench/sampler.py)")
    path = OUT / f"profile-build-{n}.txt"
    subprocess.run([sys.executable, str(HERE / "sampler.py"), str(path), "-m", "searchsvc.cli", "index", "--full"],
                   env=env, check=True, capture_output=True)
    shutil.rmtree(prof_dir, ignore_errors=True)
    log(f"wrote {path}")
    files["build"] = str(path)
    return files


def _write_profile(prof: Any, path: Path, title: str) -> str:
    """Write a profile's top functions by cumulative and own time; return the path."""
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    buf.write(f"{title}\n\n=== by cumulative time ===\n")
    stats.sort_stats("cumulative").print_stats(45)
    buf.write("\n=== by own time ===\n")
    stats.sort_stats("tottime").print_stats(30)
    path.write_text(buf.getvalue(), encoding="utf-8")
    log(f"wrote {path}")
    return str(path)


# --- the table -------------------------------------------------------------------------------


def _cell(ss: float | None, f5: float | None, fmt: str) -> str:
    """Return one table cell: 'searchsvc / FTS5 (ratio×)'."""
    if ss is None:
        return ""
    if f5 is None:
        return f"{ss:{fmt}}"
    if ss == f5 == 0:
        return "0 / 0"
    ratio = ss / f5 if f5 else float("inf")
    return f"{ss:{fmt}} / {f5:{fmt}} ({ratio:.3g}×)"


def table(res: dict[str, Any]) -> str:
    """Return the markdown table: one row per figure, one column per N, cells 'searchsvc / FTS5 (ratio)'."""
    per = res["per_n"]
    ns = [n for n in res["docs"] if str(n) in per]  # a partial save has only the sizes done so far
    largest = max(ns)
    rows: list[tuple[str, Callable[[dict[str, Any]], tuple[float | None, float | None]], str, str]] = []

    def b(f: Callable[[dict[str, Any]], float]) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        return lambda p: (statistics.median(f(r) for r in p["build"]["searchsvc"]), statistics.median(f(r) for r in p["build"]["fts5"])) if "build" in p else (None, None)

    rows += [
        ("build: wall s", b(lambda r: r["wall_s"]), ".1f", "≤ 150"),
        ("build: documents/s", b(lambda r: r["documents"] / r["wall_s"]), ".0f", ""),
        ("build: CPU s (user+sys, all processes)", b(lambda r: r["cpu_s"]), ".1f", ""),
        ("build: cores used (CPU s / wall s)", b(lambda r: r["cpu_s"] / r["wall_s"]), ".2f", "≈ 2"),
        ("build: peak RSS of largest process, MB", b(lambda r: r["maxrss_mb"]), ".0f", ""),
        ("build: peak RSS of process tree, MB", b(lambda r: r["tree_peak_rss_mb"]), ".0f", ""),
        ("index size on disk, MB", b(lambda r: r["bytes"] / 1e6), ".1f", ""),
    ]

    def inc(count: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        def get(p: dict[str, Any]) -> tuple[float | None, float | None]:
            if "incremental" not in p:
                return None, None
            i = p["incremental"]
            return statistics.median(r["found_s"] for r in i["searchsvc"][count]), statistics.median(r["found_s"] for r in i["fts5"][count])
        return get

    rows += [
        ("1 new document searchable after, s", inc("1"), ".3f", "≤ 1"),
        ("100 new documents searchable after, s", inc("100"), ".3f", ""),
    ]

    def q(path_ss: str, path_f5: str, p_: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        def get(p: dict[str, Any]) -> tuple[float | None, float | None]:
            if "queries" not in p:
                return None, None
            runs = p["queries"]["runs"]
            return statistics.median(r[path_ss][p_] for r in runs), statistics.median(r[path_f5][p_] for r in runs)
        return get

    for p_ in ("p50", "p95", "p99"):
        rows.append((f"in-process {p_} ms, 3 passages / bm25+snippet", q("ss_p3", "f5_snip", p_), ".2f",
                     "p95 ≤ 20" if p_ == "p95" else ""))
    for p_ in ("p50", "p95", "p99"):
        rows.append((f"in-process {p_} ms, no passages / bm25 only", q("ss_p0", "f5_rank", p_), ".2f", ""))

    def hits(p: dict[str, Any]) -> tuple[float | None, float | None]:
        if "queries" not in p:
            return None, None
        h = p["queries"]["hits"]
        return sum(1 for x in h["ss"] if x > 0), sum(1 for x in h["f5"] if x > 0)

    rows.append(("queries with ≥ 1 hit (of the set)", hits, ".0f", ""))

    def h(part: str, key: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        def get(p: dict[str, Any]) -> tuple[float | None, float | None]:
            if "http" not in p or not p["http"]["searchsvc"] or part not in p["http"]["searchsvc"][0]:
                return None, None
            vals = [statistics.median(r[part][key] for r in p["http"][e]) for e in ("searchsvc", "fts5")]
            return vals[0], vals[1]
        return get

    for p_ in ("p50", "p95", "p99"):
        rows.append((f"HTTP one client {p_} ms (3 passages)", h("sequential", p_), ".1f", "p95 ≤ 30" if p_ == "p95" else ""))
    rows.append(("HTTP one client errors", h("sequential", "errors"), ".0f", "0"))
    clients = next((p["http"]["clients"] for p in per.values() if "http" in p), 8)
    seconds = next((p["http"]["seconds"] for p in per.values() if "http" in p), 30)
    rows.append((f"HTTP {clients} clients × {seconds:g} s: requests/s", h("load", "rps"), ".1f", "≥ 200"))
    for p_ in ("p50", "p95", "p99"):
        rows.append((f"HTTP {clients} clients {p_} ms", h("load", p_), ".0f", ""))
    rows.append((f"HTTP {clients} clients errors", h("load", "errors"), ".0f", "0"))
    rows.append((f"HTTP {clients} clients repeated queries", h("load", "repeats"), ".0f", "0"))

    def mem(key: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        def get(p: dict[str, Any]) -> tuple[float | None, float | None]:
            if "http" not in p or not p["http"]["searchsvc"]:
                return None, None
            vals = [statistics.median(max(w[key] for w in r["memory"]["workers"]) for r in p["http"][e]) for e in ("searchsvc", "fts5")]
            return vals[0], vals[1]
        return get

    rows.append(("server worker RSS, MB (largest worker)", mem("rss_mb"), ".0f", "≤ 300"))
    rows.append(("server worker PSS, MB (largest worker)", mem("pss_mb"), ".0f", ""))
    rows += feature_rows()

    header = "| figure | " + " | ".join(f"N = {n:,}" for n in ns) + f" | target (N = {TARGETS_N:,}) |"
    lines = [header, "|---|" + "---:|" * len(ns) + "---|"]
    for label, get, fmt, target in rows:
        cells = [_cell(*get(per[str(n)]), fmt) for n in ns]
        if not any(cells):
            continue
        mark = ""
        if target and largest == TARGETS_N:
            mark = _check(label, get(per[str(largest)])[0], target)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target}{mark} |")
    return "\n".join(lines)


def feature_rows() -> list[tuple[str, Callable[[dict[str, Any]], tuple[float | None, float | None]], str, str]]:
    """Return the table rows of the features part: CPU ms per call, median of runs, FTS5 beside where one applies."""

    def f(path: str, peer: str | None, p_: str) -> Callable[[dict[str, Any]], tuple[float | None, float | None]]:
        def get(p: dict[str, Any]) -> tuple[float | None, float | None]:
            runs = p.get("features", {}).get("runs") or []
            if not runs or path not in runs[0]:
                return None, None
            ours = statistics.median(r[path]["cpu"][p_] for r in runs)
            return ours, statistics.median(r[peer]["cpu"][p_] for r in runs) if peer else None
        return get

    rows = []
    for path, peer, what in [
        ("tr1", "f5_snip", "search, translation on (3 passages) / bm25+snippet"),
        ("tr0", "f5_snip", "search, translation off (3 passages) / bm25+snippet"),
        ("group1", "f5_snip", "search, grouping on (group=1, translation on) / bm25+snippet"),
        ("tr1", "f5_snip", "search, grouping off (group=0, translation on) / bm25+snippet"),
        ("graded", "f5_rank", "rank.match+top 10, graded / bm25 only"),
        ("strict", "f5_rank", "rank.match+top 10, all words (graded=False) / bm25 only"),
        ("graded_relaxed", "f5_rank_relaxed", "rank.match+top 10, graded, the queries that relax to most words / bm25 only"),
        ("strict_relaxed", "f5_rank_relaxed", "rank.match+top 10, all words, the same queries / bm25 only"),
        ("similar", None, "/similar (similar.similar, 10 hits; no FTS5 peer)"),
        ("feed", None, "/search.atom (feeds.newest, 20 entries; no FTS5 peer)"),
    ]:
        for p_ in ("p50", "p95"):
            rows.append((f"features: CPU {p_} ms, {what}", f(path, peer, p_), ".2f", ""))
    return rows


def _check(label: str, value: float | None, target: str) -> str:
    """Return ' ✓' or ' ✗' for a value against a target such as '≤ 50', '≥ 100', '0' or '≈ 2'."""
    if value is None:
        return ""
    ops = {"≤": lambda a, b: a <= b, "≥": lambda a, b: a >= b}
    for op, fn in ops.items():
        if op in target:
            return " ✓" if fn(value, float(target.split(op)[1])) else " ✗"
    if target == "0":
        return " ✓" if value == 0 else " ✗"
    if target.startswith("≈"):
        return " ✓" if value >= 0.75 * float(target[1:]) else " ✗"
    return ""


def report(res: dict[str, Any]) -> str:
    """Return the header, the table and the notes as markdown."""
    m = res["machine"]
    lines = [
        f"**searchsvc vs SQLite {m['sqlite']} FTS5** — {m['date']}, commit {m['commit']}{' (uncommitted changes)' if m['dirty'] else ''} "
        f"(src {m['src']}); {m['nproc']} × {m['cpu']}, {m['ram_gib']} GiB RAM; Python {m['python']}, Whoosh {m['whoosh']}; "
        f"load average {' '.join(f'{x:.1f}' for x in m['loadavg_start'])} at the start, "
        f"{' '.join(f'{x:.1f}' for x in res['loadavg_end'])} at the end.",
        "",
        f"`{res['command']}`",
        "",
        table(res),
        "",
        "Cells: searchsvc / FTS5 (ratio searchsvc ÷ FTS5)."
    ]
    notes = []
    for n in res["docs"]:
        p = res["per_n"].get(str(n), {})
        if "build" in p:
            bl = p["build"]
            k = len(bl["searchsvc"])
            reused = f", reused from {bl['when']} (src {bl['src']})" if bl.get("reused") else ""
            notes.append(f"N={n:,}: build median of {k} run{'s' * (k > 1)}{reused}; {bl['searchsvc'][-1].get('summary', '')}")
        if "queries" in p:
            qr = p["queries"]
            notes.append(f"N={n:,}: in-process queries: {len(res['query_set'])} queries × {len(qr['runs'])} runs (p-figures per run, "
                         f"median of runs) on {qr.get('segments', '?')} Whoosh segment(s); errors {len(qr['errors'])}; slowest (3 passages, median ms): "
                         + "; ".join(f"{ms:.0f} ms `{name}`" for ms, name in qr["slowest_ss_p3"][:5]))
        if "features" in p:
            fr = p["features"]
            notes.append(f"N={n:,}: features: {fr['queries']} queries × {len(fr['runs'])} runs, CPU ms per call (process_time; wall "
                         f"in the JSON), median of runs; translation {'available' if fr['translation'] else 'NOT installed'}; "
                         f"graded matching relaxed to most words on {fr['graded_modes']['most']} of {fr['parsed']} queries; "
                         f"/similar over {fr['similar_docs']} documents spread over the index; errors {len(fr['errors'])}; "
                         f"first (cold) run CPU p95: group=1 {fr['runs'][0]['group1']['cpu']['p95']:.1f} ms, group=0 "
                         f"{fr['runs'][0]['tr1']['cpu']['p95']:.1f} ms (stories caches each document's features on first use)")
        if "http" in p:
            hr = p["http"]
            notes.append(f"N={n:,}: HTTP: {len(hr['searchsvc'])} runs, a fresh server each; "
                         f"searchsvc worker RSS per run: {[[round(w['rss_mb']) for w in r['memory']['workers']] for r in hr['searchsvc']]} MB")
        if "incremental" in p:
            i = p["incremental"]
            notes.append(f"N={n:,}: incremental into {i['base_documents']:,} documents, median of {len(i['searchsvc']['1'])} runs each; "
                         f"`searchsvc index` exited after {statistics.median(r['exited_s'] for r in i['searchsvc']['1']):.2f} s (1 new) "
                         f"and {statistics.median(r['exited_s'] for r in i['searchsvc']['100']):.2f} s (100 new)")
    lines += ["", *[f"- {x}" for x in notes]]
    lines += [
        "- searchsvc stems (nl/en/de Snowball, compound parts) and detects languages per paragraph; FTS5 only folds case and "
        "accents, so their hit lists differ. FTS5 gives one snippet() of up to 40 tokens per hit, searchsvc 3 passages "
        "with citations, facets and a spelling suggestion.",
        "- The HTTP clients run in the benchmark's own process on the same 2 cores as the server.",
    ]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for at each N and print the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default="1000,10000,100000", help="sizes N, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--only", default=",".join(PARTS), help=f"parts to run, comma-separated, of {','.join(PARTS)}")
    ap.add_argument("--skip-build", action="store_true", help="reuse the built indexes as they are")
    ap.add_argument("--build-runs", type=int, default=0, help="builds per N (default 3, and 1 at N >= 100,000)")
    ap.add_argument("--query-runs", type=int, default=3, help="runs over the query set in-process (default 3)")
    ap.add_argument("--http-runs", type=int, default=3, help="HTTP runs, each with a fresh server (default 3)")
    ap.add_argument("--http-seconds", type=float, default=30, help="length of the concurrent load (default 30)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients (default 8)")
    ap.add_argument("--incremental-runs", type=int, default=3, help="runs of 1 and of 100 new documents (default 3)")
    ap.add_argument("--profile-docs", type=int, default=10_000, help="N to profile at (default 10000, when in --docs)")
    args = ap.parse_args(argv)
    docs = sorted(int(x.replace("_", "")) for x in args.docs.split(",") if x.strip())
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown or not docs:
        ap.error(f"unknown part(s) {sorted(unknown)}; choose from {', '.join(PARTS)}" if unknown else "--docs needs a size")
    WORK.mkdir(parents=True, exist_ok=True)
    # The product as installed: pip compiles an installed package's modules to bytecode, an editable install
    # under PYTHONDONTWRITEBYTECODE (set on this machine) compiles them at every start (~0.13 s of each
    # `searchsvc index`); compiling once here measures the installed product. Up-to-date files are skipped.
    compileall.compile_dir(ROOT / "src", quiet=1)
    qsets = queries_mod.load()
    res: dict[str, Any] = {"machine": machine(), "docs": docs, "parts": parts, "query_set": qsets["set"],
                           "command": "bench/suite.py " + " ".join(sys.argv[1:] if argv is None else argv), "per_n": {}}
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in docs:
        p: dict[str, Any] = {}
        res["per_n"][str(n)] = p
        runs = args.build_runs or (1 if n >= 100_000 else 3)
        # Every part needs the indexes; with "build" not asked for, an existing one is reused as it is.
        p_build = builds(n, runs, args.skip_build or "build" not in parts)
        if "build" in parts:
            p["build"] = p_build
        if "queries" in parts:
            p["queries"] = inprocess(n, qsets["set"], qsets["load"][-20:], args.query_runs)
        if "features" in parts:
            p["features"] = features(n, qsets["set"], qsets["load"][-20:], args.query_runs)
        if "http" in parts or "memory" in parts:
            p["http"] = http_runs(n, qsets, args.http_runs if "http" in parts else 1, args.http_seconds, args.clients, "http" in parts)
        # After the queries: each incremental build adds a small segment, and queries are to run on a fresh build.
        if "incremental" in parts and n == max(docs):
            p["incremental"] = incremental(n, args.incremental_runs)
        if "profile" in parts and n == args.profile_docs:
            p["profile"] = profile(n, qsets["set"])
        save(res, stamp, final=n == docs[-1])  # after each N, so a long run that fails later keeps what it has
    print(report(res))
    return 0


def save(res: dict[str, Any], stamp: str, final: bool) -> None:
    """Write the results so far as JSON and the table as markdown to bench/out/suite-<stamp>.*."""
    res["loadavg_end"] = os.getloadavg()
    res["complete"] = final
    OUT.mkdir(exist_ok=True)
    (OUT / f"suite-{stamp}.json").write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    (OUT / f"suite-{stamp}.md").write_text(report(res) + "\n", encoding="utf-8")
    log(f"wrote {OUT / f'suite-{stamp}.json'} and .md{'' if final else ' (partial)'}")


if __name__ == "__main__":
    raise SystemExit(main())
