"""Property test: any text or bytes as seed files, next to a good seed, build with the real index.build.

Each file is either indexed (readable back, and found by one of its words) or listed as skipped with its
reason; the good seed is always indexed and found; the build never raises.
"""

from __future__ import annotations

import codecs

import html
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_hypothesis import conforms, examples

from searchsvc import index as index_mod
from searchsvc.analysis import TOKEN_PATTERN
from searchsvc.ingest import document_id
from searchsvc.web import create_app

REPO = Path(__file__).resolve().parent.parent
GOOD = REPO / "seeds" / "002_9f455500eaf14fbe.txt"
GOOD_ID = GOOD.stem
GOOD_WORD = "Stoltenberg"

TEXT = st.one_of(
    st.text(max_size=400),
    st.text(st.characters(categories=["L", "N", "Zs", "P"]), max_size=400),  # mostly words
    st.lists(st.sampled_from(["\n", "\n\n", " ", "\t", "\r\n", "\x0c", "# ", "- ", "1 ", "diplomaten", "Kamerstuk", "\u00ad", "↩︎", "\ufeff",
                              "[a] [b]", "date 2019-02 ", "Bron: ANP", "\x00", "\x07", "é"]), max_size=40).map("".join),
)
ENCODED = st.builds(lambda text, codec: text.encode(codec, errors="replace"), TEXT, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
UTF8 = TEXT.map(lambda t: t.encode("utf-8"))
CONTENT = st.one_of(UTF8, UTF8, ENCODED, st.binary(max_size=400))  # mostly text: text is what should be indexed
# File stems of any script; never hidden (a leading dot), never a path separator or NUL, short enough for the file system.
ANY_STEM = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"), min_size=1, max_size=24).filter(
    lambda s: not s.startswith(".") and len(s.encode("utf-8")) <= 200
)
PRINTABLE_STEM = st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="/"), min_size=1, max_size=24).filter(
    lambda s: not s.startswith(".") and len(s.encode("utf-8")) <= 200
)
STEM = st.one_of(st.none(), st.none(), PRINTABLE_STEM, ANY_STEM)
FILES = st.lists(st.tuples(STEM, st.sampled_from([".txt", ".md"]), CONTENT), min_size=1, max_size=4)

WORD = re.compile(TOKEN_PATTERN)


def first_word(text: str) -> str | None:
    """Return a word of the text the query parser reads as a plain word, or None."""
    for m in WORD.finditer(text):
        word = m.group(0)
        if word not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"):
            return word
    return None


def as_text(data: bytes) -> str:
    """Read bytes as a text editor would: a UTF-32/UTF-16 byte-order mark names the encoding, else UTF-8."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    return data.decode("utf-8-sig", errors="replace")


@settings(max_examples=examples(25), suppress_health_check=[HealthCheck.too_slow])
@given(files=FILES)
@example(files=[(None, ".txt", b""), (None, ".md", b"   \n\t "), ("bin", ".txt", b"\x00\x01\x02abc")])
@example(files=[("NAVO", ".txt", "NAVO stuurt diplomaten weg.".encode("cp1252")), ("navo", ".md", b"\xff\xfe")])
@example(files=[("Ａ", ".txt", b"full width"), ("A", ".txt", b"ascii")])
@example(files=[("e\u0301", ".txt", b"decomposed name"), ("\u00e9", ".md", b"composed name")])
@example(files=[("0\n", ".txt", b"a newline in the name"), (None, ".txt", b"# ")])  # both crashed or hid a document once
def test_any_seed_file_is_indexed_or_skipped_with_a_reason(files: list[tuple[str | None, str, bytes]]) -> None:
    root = Path(tempfile.mkdtemp(prefix="searchsvc-prop-"))
    try:
        seeds = root / "seeds"
        seeds.mkdir()
        shutil.copy(GOOD, seeds)
        shutil.copy(GOOD.with_suffix(".meta.json"), seeds)
        written: dict[str, bytes] = {}
        for i, (stem, suffix, data) in enumerate(files):
            name = f"{stem if stem is not None else f'fuzz{i}'}{suffix}"
            if name in written or name == GOOD.name or Path(name).stem == GOOD_ID:
                continue
            (seeds / name).write_bytes(data)
            written[name] = data

        summary = index_mod.build(seeds, root / "index", full=True)

        skipped = {s["path"]: s["reason"] for s in summary.skipped}
        manifest = index_mod.read_manifest(root / "index") or {}
        indexed = {d["path"]: doc_id for doc_id, d in manifest["documents"].items()}
        assert GOOD.name in indexed and GOOD.name not in skipped
        assert set(indexed) | set(skipped) == set(written) | {GOOD.name}, (indexed, skipped)
        assert not set(indexed) & set(skipped)
        assert summary.documents == len(indexed)
        for path, reason in skipped.items():
            event("skipped: " + re.sub(r"[\d,']+|\(.*", "", reason).strip())
            assert reason.strip(), path
            data = written[path]
            if reason in ("empty file", "whitespace only"):
                assert not data.strip() or not as_text(data).strip()
            elif "NUL" in reason:
                assert b"\x00" in data
            elif reason.startswith("duplicate id"):
                # Two names that are the same after Unicode normalisation: only one can have the id.
                other = [p for p in indexed if document_id(Path(p)) == document_id(Path(path))]
                assert other, (path, indexed)
        event(f"indexed {len(indexed) - 1} of {len(written)}")

        app = create_app({"index_dir": str(root / "index")})
        try:
            client = app.test_client()
            found = client.get("/api/search", query_string={"q": GOOD_WORD, "per_page": "100"}).get_json()
            assert GOOD_ID in [h["id"] for h in found["hits"]]
            for path, doc_id in indexed.items():
                r = client.get("/api/documents/" + quote(doc_id, safe=""))
                assert r.status_code == 200, (path, r.get_data(as_text=True)[:300])
                doc = r.get_json()
                conforms(doc, "Document")
                assert doc["document"]["id"] == doc_id and doc["paragraphs"]
                for p in doc["paragraphs"]:
                    assert "<" not in p["html"] and html.unescape(p["html"]) == p["text"]
                page = client.get("/documents/" + quote(doc_id, safe=""))
                assert page.status_code == 200
                word = first_word("\n".join(p["text"] for p in doc["paragraphs"]))
                if word is None:
                    continue
                r = client.get("/api/search", query_string={"q": word, "per_page": "100"})
                assert r.status_code == 200, (word, r.get_json())
                assert doc_id in [h["id"] for h in r.get_json()["hits"]], (path, word)
        finally:
            app.extensions["searchsvc_index"].close()
    finally:
        shutil.rmtree(root)


def test_the_seed_checks_see_a_skipped_file(tmp_path: Path) -> None:
    """A NUL byte file next to the good seed is skipped with its reason, so the property above can fail."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(GOOD, seeds)
    (seeds / "bin.txt").write_bytes(b"ab\x00cd")
    summary = index_mod.build(seeds, tmp_path / "index", full=True)
    assert summary.documents == 1
    assert summary.skipped == [{"path": "bin.txt", "reason": "binary file (contains NUL bytes), not text"}]


def test_a_file_that_is_only_a_heading_mark_is_indexed(tmp_path: Path) -> None:
    """Regression (found by the property test): a file holding just "# " made every build raise IndexError."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(GOOD, seeds)
    for i, content in enumerate([b"# ", b"  # \n\n", b"#  \r\n"]):
        (seeds / f"hash{i}.md").write_bytes(content)
    summary = index_mod.build(seeds, tmp_path / "index", full=True)
    assert summary.documents == 4 and summary.skipped == []
    app = create_app({"index_dir": str(tmp_path / "index")})
    try:
        doc = app.test_client().get("/api/documents/hash0").get_json()
        assert doc["document"]["stated_title"] is None and doc["document"]["title"] == doc["document"]["display_title"] == "#"
    finally:
        app.extensions["searchsvc_index"].close()


def test_a_file_name_with_a_control_character_is_skipped_with_a_reason(tmp_path: Path) -> None:
    """Regression (found by the property test): a newline in a file name made a document no URL could reach."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(GOOD, seeds)
    (seeds / "two\nlines.txt").write_bytes(b"Stoltenberg spoke.")
    (seeds / "bell\x07.txt").write_bytes(b"Stoltenberg spoke.")
    summary = index_mod.build(seeds, tmp_path / "index", full=True)
    assert summary.documents == 1
    reason = "the file name contains a control character; rename the file"
    assert sorted(summary.skipped, key=lambda s: s["path"]) == [
        {"path": "bell\x07.txt", "reason": reason}, {"path": "two\nlines.txt", "reason": reason},
    ]
