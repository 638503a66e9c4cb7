"""Same-story grouping quality: pairwise precision and recall on the judged set bench/qrels/stories.json.

    .venv/bin/python bench/stories.py            # the shipped thresholds, plus a small sweep around them
    .venv/bin/python bench/stories.py --sweep 0  # only the shipped thresholds
    .venv/bin/python bench/stories.py --sweep 0 --cost 100  # and request times (67 documents, not 100k)

Builds a real index (seeds + the short reports in bench/stories/docs.json) in a temporary folder and runs the
same code the web layer runs (stories.features_of, stories.compare, stories.group). A predicted pair is two
documents folded into one group; a gold pair is two documents of one judged group. Groups are formed in
several orders of the documents (grouping is greedy in rank order), and the figures are averaged over them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from searchsvc import index, similar, stories  # noqa: E402

DOCS = REPO / "bench" / "stories" / "docs.json"
QRELS = REPO / "bench" / "qrels" / "stories.json"
SEEDS = REPO / "seeds"
ORDERS = 20


def build(root: Path) -> Path:
    """Write the seeds and the bench reports into a seeds folder, index them, and return the index folder."""
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    for doc in json.loads(DOCS.read_text(encoding="utf-8")):
        (seeds / f"{doc['id']}.txt").write_text(doc["title"] + "\n\n" + doc["text"] + "\n", encoding="utf-8")
        meta = {"title": doc["title"], "date": doc["date"]}
        (seeds / f"{doc['id']}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    index_dir = root / "index"
    index.build(seeds, index_dir, full=True)
    return index_dir


def pairs_of(groups: list[list[str]]) -> set[frozenset[str]]:
    """Return every unordered pair of ids that share a group."""
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def evaluate(feats: dict[str, Any], weights: Any, gold: set[frozenset[str]], hard: set[frozenset[str]]) -> dict[str, Any]:
    """Return pairwise precision/recall of raw decisions and of greedy grouping (averaged over orders)."""
    ids = sorted(feats)
    decided = {frozenset((a, b)) for a, b in itertools.combinations(ids, 2) if stories.compare(feats[a], feats[b], weights)[0]}
    rng = random.Random(17)
    precisions, recalls, hard_folded = [], [], []
    for n in range(ORDERS):
        order = ids[:] if n == 0 else rng.sample(ids, len(ids))
        predicted = pairs_of(stories.group([feats[i] for i in order], weights))
        precisions.append(len(predicted & gold) / len(predicted) if predicted else 1.0)
        recalls.append(len(predicted & gold) / len(gold))
        hard_folded.append(len(predicted & hard))
    return {
        "pairs_p": len(decided & gold) / len(decided) if decided else 1.0,
        "pairs_r": len(decided & gold) / len(gold),
        "group_p": sum(precisions) / ORDERS,
        "group_r": sum(recalls) / ORDERS,
        "group_p_min": min(precisions),
        "hard": sum(hard_folded) / ORDERS,
        "wrong": sorted(tuple(sorted(p)) for p in decided - gold),
        "missed": sorted(tuple(sorted(p)) for p in gold - decided),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sweep", type=int, default=1, help="1 also tries thresholds around the shipped ones")
    parser.add_argument("--cost", type=int, default=0, help="N: also time N requests each of search with grouping "
                        "on and off and of /similar, through the real app (p50/p95)")
    args = parser.parse_args()
    qrels = json.loads(QRELS.read_text(encoding="utf-8"))
    gold = pairs_of(qrels["groups"])
    hard = {frozenset(p) for p in qrels["different"]}
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = build(Path(tmp))
        ix, _build = index.open_index(index_dir)
        with ix.searcher() as searcher:
            ids = [f["id"] for f in searcher.all_stored_fields()]
            started = time.perf_counter()
            feats = {i: stories.features_of(searcher, i) for i in ids}
            extract_ms = (time.perf_counter() - started) * 1000 / len(ids)
            weights = stories.index_weights(searcher)
            started = time.perf_counter()
            n_pairs = 0
            for a, b in itertools.combinations(ids, 2):
                stories.compare(feats[a], feats[b], weights)
                n_pairs += 1
            compare_us = (time.perf_counter() - started) * 1e6 / n_pairs
            print(f"documents {len(ids)}, judged groups {len(qrels['groups'])}, gold pairs {len(gold)}, "
                  f"hard different pairs {len(hard)}; features {extract_ms:.2f} ms/doc, compare {compare_us:.1f} µs/pair")
            shipped = (stories.NEAR_DUPLICATE, stories.MIN_EVENT_SCORE)
            grid = [shipped]
            if args.sweep:
                grid += [(d, s) for d in (0.25, 0.35, 0.5) for s in (4.0, 5.0, 6.0, 7.0, 9.0) if (d, s) != shipped]
            print(f"{'near-dup':>8} {'score':>5} | {'pair P':>6} {'pair R':>6} | {'group P':>7} "
                  f"{'(min)':>6} {'group R':>7} | hard pairs folded")
            for dup, score in grid:
                stories.NEAR_DUPLICATE, stories.MIN_EVENT_SCORE = dup, score
                r = evaluate(feats, weights, gold, hard)
                mark = "  <- shipped" if (dup, score) == shipped else ""
                print(f"{dup:8.2f} {score:5.1f} | {r['pairs_p']:6.3f} {r['pairs_r']:6.3f} | "
                      f"{r['group_p']:7.3f} {r['group_p_min']:6.3f} {r['group_r']:7.3f} | {r['hard']:.1f}{mark}")
                if (dup, score) == shipped:
                    shipped_result = r
            stories.NEAR_DUPLICATE, stories.MIN_EVENT_SCORE = shipped
            print("wrongly paired (shipped):", shipped_result["wrong"])
            print("missed (shipped):", shipped_result["missed"])
            # More like this, judged by the same groups: of a report's other reports of the story, how many are
            # among its 5 most similar documents, and is the first one of them?
            found = total = first = docs = 0
            for group in qrels["groups"]:
                for doc_id in group:
                    top = [h["id"] for h in similar.similar(searcher, doc_id, limit=5)["hits"]]
                    mates = set(group) - {doc_id}
                    found += len(mates & set(top))
                    total += len(mates)
                    first += bool(top) and top[0] in mates
                    docs += 1
            print(f"similar: same-story recall@5 {found / total:.3f} ({found}/{total}), "
                  f"first hit same story {first / docs:.3f} ({first}/{docs})")
        ix.close()
        if args.cost:
            cost(index_dir, ids, args.cost)


def cost(index_dir: Path, ids: list[str], n: int) -> None:
    """Print p50/p95 of /api/search (100 hits) with grouping on and off, and of /similar, in milliseconds."""
    from searchsvc.web import create_app

    app = create_app({"index_dir": str(index_dir)})
    client = app.test_client()
    urls = {
        "search group=1": "/api/search?q=diplomats+OR+diplomaten+OR+Diplomaten&per_page=100&passages=1",
        "search group=0": "/api/search?q=diplomats+OR+diplomaten+OR+Diplomaten&per_page=100&passages=1&group=0",
    }
    for label, url in urls.items():
        client.get(url)  # warm: open the index, fill caches
        times = []
        for _ in range(n):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        print(f"{label}: p50 {times[n // 2]:.1f} ms, p95 {times[int(n * 0.95) - 1]:.1f} ms ({n} requests)")
    times = []
    for i in range(n):
        started = time.perf_counter()
        assert client.get(f"/api/documents/{ids[i % len(ids)]}/similar").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"similar: p50 {times[n // 2]:.1f} ms, p95 {times[int(n * 0.95) - 1]:.1f} ms ({n} requests, every document)")
    app.extensions["searchsvc_index"].close()


if __name__ == "__main__":
    main()
