"""How often langid's function-word fast path decides, whether it ever disagrees, and what it costs.

    .venv/bin/python bench/langid_fastpath.py

Reads the shared quality sentences (af, da, de, en, nl) and a seeded sample of the benchmark corpus, whose
`lang` field is the truth; prints decided / wrong counts and milliseconds per call.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from searchsvc import ingest, langid  # noqa: E402

import corpus  # noqa: E402  (bench/, beside this file: the one corpus reader and the shared-data location)

QUALITY = corpus.QUALITY / "langid"


def main() -> None:
    """Print the fast path's coverage and errors on sentences, documents and long paragraphs."""
    for lang in ("af", "da", "de", "en", "nl"):
        texts = (QUALITY / f"{lang}.sentences.txt").read_text(encoding="utf-8").splitlines()
        got = [langid.quick_language(t) for t in texts]
        print(f"sentences {lang}: decided {sum(g is not None for g in got)} of {len(got)}, "
              f"wrong {sum(1 for g in got if g and g != lang)}")
    records = list(corpus.records())
    sample = random.Random(1).sample(records, 3000)
    started = time.perf_counter()
    got = [langid.quick_language(r["text"]) for r in sample]
    ms = (time.perf_counter() - started) / len(sample) * 1000
    print(f"corpus documents: decided {sum(g is not None for g in got)} of {len(got)}, "
          f"wrong {sum(1 for g, r in zip(got, sample) if g and g != r['lang'])}, {ms:.3f} ms a document")
    paras = []
    for r in sample[:1000]:
        body, notes = ingest.normalise(r["text"])
        paras += [(p, r["lang"]) for p in body + notes if len(p) >= ingest.MIN_PARAGRAPH_DETECT_CHARS]
    got = [langid.quick_language(p) for p, _ in paras]
    print(f"paragraphs >= {ingest.MIN_PARAGRAPH_DETECT_CHARS} chars: decided {sum(g is not None for g in got)} "
          f"of {len(got)}, wrong {sum(1 for g, (_, lang) in zip(got, paras) if g and g != lang)}")
    # Whole documents through the real assignment (paragraphs, then the document by characters).
    agree = n = 0
    cpu = time.process_time()
    for r in random.Random(3).sample(records, 1500):
        body, notes = ingest.normalise(r["text"])
        parts = body + notes
        if not parts:
            continue
        text = "\n\n".join(parts)
        paras, offset = [], 0
        for number, part in enumerate(parts, start=1):
            paras.append(ingest.Paragraph(number, offset, offset + len(part), langid.NEUTRAL, 0.0))
            offset += len(part) + 2
        lang, _prob = ingest.assign_languages(text, paras)
        agree += lang == r["lang"]
        n += 1
    cpu_ms = (time.process_time() - cpu) / max(n, 1) * 1000
    print(f"assign_languages on {n} corpus documents: {agree} agree with the corpus language, {cpu_ms:.2f} ms CPU a document")


if __name__ == "__main__":
    main()
