"""Seed files to documents: normalisation, paragraphs and offsets, metadata from text and sidecars."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from searchsvc import analysis, ingest, metadata

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FORMATS = Path(os.environ.get("SEARCHSVC_SHARED") or SEEDS.parent.parent / "shared") / "formats"  # as test_formats
MAX = 20_000_000


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="module")
def docs() -> dict[str, ingest.Document]:
    """The five seeds, loaded once with their sidecars, by three-digit prefix."""
    return {p.name[:3]: ingest.load(p, SEEDS, MAX) for p in sorted(SEEDS.glob("*.txt"))}


def words(text: str) -> list[str]:
    """Return the unstemmed words of a text as the index sees them."""
    return analysis.tokens(analysis.neutral_analyzer(), text)


# --- de-hyphenation ---------------------------------------------------------------------------

DEHYPHENATION = [
    # a word broken at the end of a line is joined without its hyphen
    ("over de Amerikaanse inlichtin-\ngendiensten dat", "over de Amerikaanse inlichtingendiensten dat"),
    ("Sociale Zaken en Werkgele-\ngenheid, in deze", "Sociale Zaken en Werkgelegenheid, in deze"),
    ("van het Ministerie van Binnenlandse Zaken en Koninkrijks-\nrelaties zijn", "van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties zijn"),
    # real hyphens stay, whether or not they fall at a line end
    ("nationale\n(veiligheids-)belangen in het", "nationale (veiligheids-)belangen in het"),
    ("zoals Syrië), Noord-\nAfrika en", "zoals Syrië), Noord-Afrika en"),
    ("zoals Syrië), Noord-Afrika en", "zoals Syrië), Noord-Afrika en"),
    ("in de NAVO-\nRuslandraad op", "in de NAVO-Ruslandraad op"),
    # a suspended hyphen keeps its hyphen and its space
    ("de Nederlandse inlichtingen-\nen veiligheidsdiensten doen", "de Nederlandse inlichtingen- en veiligheidsdiensten doen"),
    ("de Nederlandse inlichtingen- en veiligheidsdiensten doen", "de Nederlandse inlichtingen- en veiligheidsdiensten doen"),
    ("de Evaluatie- en\nAdviescommissie", "de Evaluatie- en Adviescommissie"),
]


@pytest.mark.parametrize(("raw", "expected"), DEHYPHENATION, ids=[e[1][:40] for e in DEHYPHENATION])
def test_dehyphenation(raw: str, expected: str) -> None:
    assert ingest.normalise(raw) == ([expected], [])


@pytest.mark.parametrize(
    "word",
    ["inlichtingendiensten", "Werkgelegenheid", "(veiligheids-)belangen", "NAVO-Ruslandraad", "inlichtingen- en veiligheidsdiensten"],
)
def test_dehyphenation_in_the_seeds(docs: dict[str, ingest.Document], word: str) -> None:
    assert any(word in d.text for d in docs.values())
    assert "inlichtin-" not in docs["004"].text and "Werkgele-" not in docs["004"].text


def test_seed_004_hyphenation(docs: dict[str, ingest.Document]) -> None:
    text = docs["004"].text
    assert "Amerikaanse inlichtingendiensten dat" in text
    assert "Sociale Zaken en Werkgelegenheid, in deze brief" in text
    assert "(veiligheids-)belangen" in text
    assert "De Nederlandse inlichtingen- en veiligheidsdiensten doen" in text
    assert "Noord-Afrika" in docs["003"].text
    assert "NAVO-Ruslandraad" in docs["002"].text


# --- boilerplate and footnotes ----------------------------------------------------------------


def test_navigation_line_dropped(docs: dict[str, ingest.Document]) -> None:
    assert "[overzicht]" in seed_path("003").read_text(encoding="utf-8")
    text = docs["003"].text
    assert "[overzicht]" not in text and "[toezeggingen]" not in text and "uitgebreid zoeken" not in text
    assert docs["003"].paragraph_text(docs["003"].paragraphs[0]).startswith("Uitvoering van de gewijzigde motie")


def test_newsletter_line_dropped(docs: dict[str, ingest.Document]) -> None:
    assert "SIGN IN" in seed_path("001").read_text(encoding="utf-8")
    text = docs["001"].text
    assert "SIGN IN" not in text and "FAZ Newsletter" not in text
    assert "expelled eight accredited diplomats for espionage." in text  # the paragraph before it stays


@pytest.mark.parametrize(
    "line",
    ["[overzicht] [activiteiten] [besluiten]", "FAZ Newsletter Ukraine Daily at 12.00 p.m SIGN IN"],
)
def test_boilerplate_lines_dropped(line: str) -> None:
    paragraphs, _ = ingest.normalise(f"Eerste alinea.\n\n{line}\n\nTweede alinea.")
    assert paragraphs == ["Eerste alinea.", "Tweede alinea."]


def test_footnote_marker_not_glued_to_word(docs: dict[str, ingest.Document]) -> None:
    assert "op te stellen.1 In de motie" in seed_path("003").read_text(encoding="utf-8")
    toks = words(docs["003"].text)
    assert "stellen.1" not in toks
    assert not any(t.startswith("stellen.") for t in toks)
    assert "op te stellen.[1] In de motie" in docs["003"].text
    # identifiers ending in digits are no footnote markers
    assert "mh17" in toks and "d66" in toks
    assert "MH17" in docs["003"].text and "[17]" not in docs["003"].text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("een Ruslandstrategie op te stellen.1 In de motie", "een Ruslandstrategie op te stellen.[1] In de motie"),
        ("te voorkomen16. Daarna", "te voorkomen[16]. Daarna"),
        ("vlucht MH17 en D66.", "vlucht MH17 en D66."),
        ("om 12.00 uur", "om 12.00 uur"),
    ],
)
def test_footnote_markers(raw: str, expected: str) -> None:
    assert ingest.normalise(raw)[0] == [expected]


def test_page_bottom_footnotes_moved_out_of_running_text(docs: dict[str, ingest.Document]) -> None:
    doc = docs["004"]
    texts = [doc.paragraph_text(p) for p in doc.paragraphs]
    notes = [t for t in texts if t.split(" ", 1)[0].isdigit() and "Kamerstuk" in t or t.startswith("5 Aanhangsel")]
    assert len(notes) == 10
    # the footnotes come after the running text, in order, each once
    first_note = texts.index(notes[0])
    assert texts[first_note:] == notes
    assert [n.split(" ", 1)[0] for n in notes] == [str(i) for i in range(1, 11)]
    body = "\n\n".join(texts[:first_note])
    assert "Kamerstuk 26 643, nr. 496 en 497" not in body
    assert "Aanhangsel Handelingen II 2016/17" not in body
    # the sentence the footnotes interrupted is one paragraph again
    assert any("desinformatie of cyberoperaties – betreft, wordt dat hybride dreiging" in t for t in texts[:first_note])
    assert "informatiepositie" in words(body)
    assert "gemeenteraadsverkiezingen op 21 maart 2018" in body  # broken across a blank line


def test_footnotes_synthetic() -> None:
    raw = (
        "Het kabinet heeft dit gemeld.1 Wanneer dit een doel is van\n\n"
        "1 Kamerstuk 26 643, nr. 496\n"
        "2 Kamerstuk 32 824, nr. 194\n"
        " meerdere middelen, heet het hybride dreiging.2\n"
    )
    paragraphs, notes = ingest.normalise(raw)
    assert paragraphs == ["Het kabinet heeft dit gemeld.[1] Wanneer dit een doel is van meerdere middelen, heet het hybride dreiging.[2]"]
    assert notes == ["1 Kamerstuk 26 643, nr. 496", "2 Kamerstuk 32 824, nr. 194"]


# --- paragraphs and offsets -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_paragraph_numbers_and_offsets(docs: dict[str, ingest.Document], prefix: str) -> None:
    doc = docs[prefix]
    assert [p.number for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    assert len(doc.paragraphs) >= 5
    pieces = []
    for p in doc.paragraphs:
        piece = doc.text[p.start : p.end]
        assert piece == doc.paragraph_text(p)
        assert piece and piece == piece.strip() and "\n\n" not in piece
        pieces.append(piece)
    # The text holds every block; the ones not numbered are datelines, times and bylines (metadata), and the
    # head of a letter before its first paragraph of text.
    blocks = doc.text.split("\n\n")
    unnumbered = [b for b in blocks if b not in pieces]
    assert [b for b in blocks if b in pieces] == pieces
    head = blocks[: metadata.letter_head(blocks)]
    assert all(metadata.is_metadata_paragraph(b) or b in head for b in unnumbered), unnumbered
    assert doc.paragraphs[-1].end == len(doc.text)


@pytest.mark.parametrize(
    ("paragraphs", "head"),
    [
        # Seed 004: letterhead, addressee, dateline; the letter's text is its paragraph 1.
        (["BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
          "Den Haag, 16 maart 2018", "Naar aanleiding van de toezegging van de Minister berichten wij u."], 3),
        # A Kamerbrief as its PDF reads: return address, addressee, address, date, reference and subject labels.
        (["> Retouradres Postbus 20301 2500 EH Den Haag Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
          "Postbus 20018", "2500 EA DEN HAAG", "Datum 1 maart 2011", "Ons kenmerk 5687928/11", "Onderwerp Draagmoederschap",
          "Draagmoederschap is een complex onderwerp waar de samenleving zich betrokken bij voelt."], 6),
        # German: street and postcode lines, 'Betreff:'; the salutation is where the head ends.
        (["BUNDESMINISTERIUM DES INNERN UND FÜR HEIMAT", "An den Präsidenten des Deutschen Bundestages",
          "Platz der Republik 1", "11011 Berlin", "Berlin, 12. April 2024", "Betreff: Ausweisung russischer Diplomaten",
          "Sehr geehrte Frau Präsidentin,", "die Bundesregierung hat heute zwei Diplomaten ausgewiesen."], 6),
        (["JUSTITIE EN VEILIGHEID", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "www.rijksoverheid.nl",
          "T 070 370 79 11", "Den Haag, 3 oktober 2019", "Hierbij informeer ik uw Kamer."], 5),
        # No letter: a news text with a dateline (the dateline alone is unnumbered, as before) ...
        (["NAVO stuurt Russische diplomaten weg", "27 maart 2018", "De NAVO stuurt zeven Russische diplomaten weg."], 0),
        # ... a letterhead and addressee without any date, a head that does not start the text, a head only.
        (["JUSTITIE EN VEILIGHEID", "Aan de Voorzitter van de Tweede Kamer", "Hierbij informeer ik uw Kamer."], 0),
        (["Hierbij informeer ik uw Kamer.", "Aan de Voorzitter van de Tweede Kamer", "Datum 1 maart 2011"], 0),
        (["JUSTITIE EN VEILIGHEID", "Aan de Voorzitter van de Tweede Kamer", "Datum 1 maart 2011"], 0),
    ],
)
def test_letter_head_is_not_numbered(paragraphs: list[str], head: int) -> None:
    assert metadata.letter_head(paragraphs) == head
    counted = metadata.numbered(paragraphs)
    assert counted[:head] == [False] * head and counted[head] is True


def test_letter_head_of_seed_004_and_the_kamerbrief_pdf(docs: dict[str, ingest.Document]) -> None:
    seed = docs["004"]
    assert seed.paragraph_text(seed.paragraphs[0]).startswith("Naar aanleiding van de toezegging")
    assert seed.text.startswith("BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\nAan de Voorzitter")  # kept as text
    assert (seed.source, seed.date) == ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "2018-03-16")
    letter = FORMATS / "pdf" / "nl_kamerbrief_draagmoederschap_2011.pdf"
    doc = ingest.build_document(letter, letter.read_bytes(), "sha", letter.name)
    assert doc.paragraph_text(doc.paragraphs[0]).startswith("Draagmoederschap is een complex onderwerp")
    assert (doc.title, doc.date) == ("Draagmoederschap", "2011-03-01")


def test_paragraphs_split_on_blank_lines_and_bullets() -> None:
    raw = "Eerste regel\nloopt door.\n\nTweede alinea:\n– punt een\nloopt door\n– punt twee\n"
    assert ingest.normalise(raw)[0] == ["Eerste regel loopt door.", "Tweede alinea:", "– punt een loopt door", "– punt twee"]


# --- metadata ---------------------------------------------------------------------------------

SIDECAR_META = {
    "000": {"title": None, "date": None, "source": None, "doc_number": None, "author": None, "language": "nl"},
    "001": {"title": None, "date": None, "source": "FAZ", "doc_number": None, "author": "Thomas Gutschker", "language": "en"},
    "002": {
        "title": "NAVO stuurt Russische diplomaten weg, Rusland beschuldigt VS ervan andere landen onder druk te zetten",
        "date": "2018-03-27", "source": "ANP", "doc_number": None, "author": None, "language": "nl",
    },
    "003": {
        "title": "Uitvoering van de gewijzigde motie van de leden Stoffer en Verhoeven over opstellen van een Ruslandstrategie",
        "date": "2019-12-22", "source": "Minister van Buitenlandse Zaken",
        "doc_number": "Kamerstuk 35 373, nr. 1 (2019D53771)", "author": "S.A. Blok", "language": "nl",
    },
    "004": {
        "title": None, "date": "2018-03-16", "source": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "doc_number": None, "author": "F.B.J. Grapperhaus; K.H. Ollongren", "language": "nl",
    },
}


@pytest.mark.parametrize("prefix", sorted(SIDECAR_META))
def test_seed_metadata_with_sidecars(docs: dict[str, ingest.Document], prefix: str) -> None:
    doc = docs[prefix]
    meta = doc.metadata()
    assert {k: meta[k] for k in SIDECAR_META[prefix]} == SIDECAR_META[prefix]
    assert doc.id == seed_path(prefix).stem
    assert doc.path == seed_path(prefix).name
    assert doc.language_prob > 0.8
    assert doc.warnings == []
    # the sidecar holds the same values the test expects
    sidecar = json.loads(ingest.sidecar_path(seed_path(prefix)).read_text(encoding="utf-8"))
    for key in ("title", "date", "source", "doc_number", "author"):
        assert sidecar[key] == meta[key]
    assert "2019D53771" in (docs["003"].doc_number or "")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("003", {"date": "2019-12-22", "doc_number": "2019D53771"}),
        ("002", {"date": "2018-03-27", "source": "ANP",
                 "title": "NAVO stuurt Russische diplomaten weg, Rusland beschuldigt VS ervan andere landen onder druk te zetten"}),
        ("004", {"date": "2018-03-16", "doc_number": None}),
        ("000", {"date": None, "title": None}),
    ],
)
def test_metadata_without_sidecar(tmp_path: Path, prefix: str, expected: dict) -> None:
    src = seed_path(prefix)
    shutil.copy(src, tmp_path / src.name)
    assert not ingest.sidecar_path(tmp_path / src.name).exists()
    doc = ingest.load(tmp_path / src.name, tmp_path, MAX)
    assert {k: getattr(doc, k) for k in expected} == expected
    assert doc.language == ("en" if prefix == "001" else "nl")


def test_sidecar_overrides_extracted_values(tmp_path: Path) -> None:
    src = seed_path("002")
    target = tmp_path / src.name
    shutil.copy(src, target)
    ingest.sidecar_path(target).write_text(
        json.dumps({"title": "Eigen titel", "source": "NOS", "url": "https://example.org/a", "notes": "ignored", "unknown": 1}),
        encoding="utf-8",
    )
    doc = ingest.load(target, tmp_path, MAX)
    assert (doc.title, doc.source, doc.url) == ("Eigen titel", "NOS", "https://example.org/a")
    assert doc.date == "2018-03-27"  # not in the sidecar: the extracted value stays
    assert "notes" not in doc.metadata() and "unknown" not in doc.metadata()


def test_sidecar_changes_the_content_hash(tmp_path: Path) -> None:
    src = seed_path("000")
    target = tmp_path / src.name
    shutil.copy(src, target)
    before = ingest.load(target, tmp_path, MAX).sha256
    ingest.sidecar_path(target).write_text('{"title": "Zeventien Russische diplomaten uitgezet"}', encoding="utf-8")
    after = ingest.load(target, tmp_path, MAX)
    assert after.sha256 != before
    assert after.title == "Zeventien Russische diplomaten uitgezet"


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "is not valid JSON"), ('["a list"]', "must hold a JSON object"), (b"\xff\xfe{}", "is not valid JSON")],
)
def test_bad_sidecar_is_a_skip_reason(tmp_path: Path, content: str | bytes, reason: str) -> None:
    target = tmp_path / "brief.txt"
    target.write_text("Een korte brief over spionage.\n", encoding="utf-8")
    side = ingest.sidecar_path(target)
    side.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ingest.SkipFile, match=reason) as err:
        ingest.load(target, tmp_path, MAX)
    assert "brief.meta.json" in str(err.value)


def test_markdown_title_and_language(tmp_path: Path) -> None:
    target = tmp_path / "notitie.md"
    target.write_text(
        "# Spionage in Brussel\n\nThe Netherlands expelled seventeen Russian diplomats who were accused of espionage. "
        "They must leave the country within two weeks, the government said on Tuesday in a letter to parliament.\n",
        encoding="utf-8",
    )
    doc = ingest.load(target, tmp_path, MAX)
    assert doc.title == "Spionage in Brussel"
    assert doc.language == "en"
    assert doc.paragraph_text(doc.paragraphs[0]) == "Spionage in Brussel"


def test_decode_refusals() -> None:
    with pytest.raises(ingest.SkipFile, match="empty file"):
        ingest.decode(b"")
    with pytest.raises(ingest.SkipFile, match="whitespace only"):
        ingest.decode(b" \n\t\r\n")
    with pytest.raises(ingest.SkipFile, match="binary"):
        ingest.decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    text, warnings = ingest.decode("Caf\u00e9 \u2013 na\u00efef".encode("cp1252"))
    assert text == "Caf\u00e9 \u2013 na\u00efef"
    assert warnings and "not valid UTF-8" in warnings[0]
    assert ingest.decode("Diplomaten".encode("utf-8-sig")) == ("Diplomaten", [])
