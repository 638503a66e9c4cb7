"""The benchmarks find the shared data at ../shared/ beside the repository (or where the environment says),
through the one corpus reader, and nothing in the repository names a machine's absolute path."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"


def bench_python(code: str, **env: str) -> str:
    """Run Python code with bench/ on the path, as the bench scripts see it; return its output."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SEARCHSVC_SHARED", "SEARCHSVC_BENCH_CORPUS")}
    proc = subprocess.run([sys.executable, "-c", code], cwd=BENCH, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_shared_folder_is_beside_the_repository_unless_overridden(tmp_path: Path) -> None:
    code = "import corpus, quality; print(corpus.SHARED); print(corpus.DEFAULT_CORPUS); print(quality.QUALITY)"
    shared, corpus_file, quality = bench_python(code).split()
    assert Path(shared) == REPO.parent / "shared"
    assert Path(corpus_file) == REPO.parent / "shared" / "bench" / "corpus-100k.jsonl.gz"
    assert Path(quality) == REPO.parent / "shared" / "quality"

    shared, corpus_file, quality = bench_python(code, SEARCHSVC_SHARED=str(tmp_path)).split()
    assert (Path(shared), Path(corpus_file), Path(quality)) == (
        tmp_path, tmp_path / "bench" / "corpus-100k.jsonl.gz", tmp_path / "quality")
    other = tmp_path / "small.jsonl.gz"
    _shared, corpus_file, _quality = bench_python(code, SEARCHSVC_SHARED=str(tmp_path), SEARCHSVC_BENCH_CORPUS=str(other)).split()
    assert Path(corpus_file) == other


@pytest.mark.slow
def test_langid_fastpath_reads_the_shared_folder_it_is_given(tmp_path: Path) -> None:
    """bench/langid_fastpath.py end to end on a small shared folder of our own: sentences and a corpus."""
    langid_dir = tmp_path / "quality" / "langid"
    langid_dir.mkdir(parents=True)
    sentences = {
        "nl": "Het kabinet heeft de diplomaten uitgezet omdat zij voor de inlichtingendienst werkten.",
        "en": "The government expelled the diplomats because they worked for the intelligence service.",
        "de": "Die Regierung hat die Diplomaten ausgewiesen, weil sie für den Geheimdienst arbeiteten.",
        "af": "Die regering het die diplomate uitgesit omdat hulle vir die intelligensiediens gewerk het.",
        "da": "Regeringen udviste diplomaterne, fordi de arbejdede for efterretningstjenesten.",
    }
    for lang, text in sentences.items():
        (langid_dir / f"{lang}.sentences.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "bench").mkdir()
    with gzip.open(tmp_path / "bench" / "corpus-100k.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i in range(3000):
            lang = ("nl", "en", "de")[i % 3]
            fh.write(json.dumps({"id": f"d{i}", "lang": lang, "title": "", "text": sentences[lang]}) + "\n")
    proc = subprocess.run([sys.executable, str(BENCH / "langid_fastpath.py")], cwd=tmp_path,
                          env={**os.environ, "SEARCHSVC_SHARED": str(tmp_path)}, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "sentences nl: decided" in proc.stdout
    assert "corpus documents: decided" in proc.stdout and "of 3000" in proc.stdout


def test_no_absolute_machine_paths_in_the_repository() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for name in files:
        path = REPO / name
        if path.is_file() and b"/" + b"work/" in path.read_bytes():  # spelt in two, or this file would match
            offenders.append(name)
    assert offenders == []
