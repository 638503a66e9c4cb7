"""A Dutch letter that quotes English is searchable in both: each paragraph is analysed in its own language."""

from __future__ import annotations

from pathlib import Path

from searchsvc import index as index_mod
from searchsvc import search as search_mod

DUTCH = (
    "De minister van Buitenlandse Zaken heeft de Kamer vandaag geïnformeerd over de uitzetting van "
    "zeventien Russische diplomaten. Volgens het kabinet vormden zij een bedreiging voor de nationale "
    "veiligheid, omdat zij in het geheim voor de inlichtingendiensten werkten en informatie verzamelden."
)
ENGLISH = (
    "The Belgian foreign minister said the decision was made solely for reasons of national security. "
    "The governments expelled the accredited diplomats because the intelligence threat remains high and "
    "the presence of these intelligence officers is highly undesirable, she told reporters on Tuesday."
)


def _search(index_dir: Path, q: str) -> dict:
    ix, _ = index_mod.open_index(index_dir)
    with ix.searcher() as s:
        return search_mod.search(s, search_mod.parse_request({"q": q, "translate": "0"}))  # within each language


def test_mixed_document_is_stemmed_per_paragraph(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "gemengd.txt").write_text(f"{DUTCH}\n\n{ENGLISH}\n\n{DUTCH}\n", encoding="utf-8")
    index_mod.build(seeds, tmp_path / "index")

    ix, _ = index_mod.open_index(tmp_path / "index")
    with ix.searcher() as s:
        doc = search_mod.get_document(s, "gemengd")
    assert doc["document"]["language"] == "nl"  # the majority by characters
    assert [p["language"] for p in doc["paragraphs"]] == ["nl", "en", "nl"]

    # 'expel' reaches 'expelled' only through English stemming of the quoted paragraph ...
    english = _search(tmp_path / "index", "expel")
    assert [h["id"] for h in english["hits"]] == ["gemengd"]
    passage = english["hits"][0]["passages"][0]
    assert passage["paragraph"] == 2 and "<mark>expelled</mark>" in passage["html"]
    # ... and 'diplomaat' reaches 'diplomaten' through Dutch stemming of the letter itself.
    dutch = _search(tmp_path / "index", "diplomaat")
    assert [h["id"] for h in dutch["hits"]] == ["gemengd"]
    assert {p["paragraph"] for p in dutch["hits"][0]["passages"]} == {1, 3}
