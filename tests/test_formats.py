"""Real documents in: PDF, web pages, Word, OpenDocument and scans, read from ../shared/formats (never copied into
the repository), indexed by the real build and searched through the real Flask app; bad files crafted here."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from searchsvc import docnumbers, index, ingest
from searchsvc.extract import ExtractError, detect, docx, html, ocr, odt, pdf, zipguard
from searchsvc.web import create_app

REPO = Path(__file__).resolve().parent.parent
FORMATS = Path(os.environ.get("SEARCHSVC_SHARED") or REPO.parent / "shared") / "formats"
BNC = FORMATS / "pdf" / "nl_bnc-fiche-5_mifid-herziening_2022.pdf"
MOTION_PDF = FORMATS / "pdf" / "nl_kamerstuk_motie_kst-32545-143.pdf"
MOTION_ODT = FORMATS / "odt" / "nl_kamerstuk_motie_kst-32545-143.odt"
SCAN = FORMATS / "pdf" / "en_us_senate_exdoc25_1871_scan_encrypted.pdf"
IRS = FORMATS / "pdf" / "en_irs_instructions_1040nr_2007.pdf"  # two and three columns, interleaved by pdfium
FEDREG = FORMATS / "pdf" / "en_federal_register_2020-17221.pdf"  # three columns, footnotes at their feet
PICKED = [
    BNC, MOTION_PDF, MOTION_ODT,
    FORMATS / "pdf" / "de_digitalcheck_begleitende_dokumentation_2024.pdf",
    FORMATS / "pdf" / "de_berliner_informationsgesetzbuch_2008.pdf",
    FORMATS / "html" / "en_bbc_obama-gun-laws.html",
    FORMATS / "docx" / "nl_aiia2.0_invultemplate.docx",
]


def load(path: Path) -> ingest.Document:
    return ingest.build_document(path, path.read_bytes(), "sha", path.name)


# --- crafted files ------------------------------------------------------------------------------


def objs_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """Return a PDF of the given objects with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


def text_pdf(pages: list[list[str]], password_protected: bool = False) -> bytes:
    """Return a PDF with one Helvetica text line per entry, one page per list."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages))) + b"] /Count %d >>" % len(pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        stream = b"BT /F1 11 Tf 72 760 Td 14 TL " + b" ".join(b"(%s) '" % ln.encode("cp1252") for ln in lines) + b" ET"
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    extra = b""
    if password_protected:  # a standard security handler whose /U no empty password matches
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>")
        extra = b"/Encrypt %d 0 R /ID [<" % len(objs) + b"01" * 16 + b"> <" + b"01" * 16 + b">] "
    return objs_pdf(objs, extra)


def placed_pdf(pages: list[list[tuple[float, float, int, str]]]) -> bytes:
    """Return a PDF with each (x, y, font size, text) placed where a real layout puts it, one page per list."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages))) + b"] /Count %d >>" % len(pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, items in enumerate(pages):
        stream = b" ".join(b"BT /F1 %d Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj ET" % (size, x, y, text.encode("cp1252"))
                           for x, y, size, text in items)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return objs_pdf(objs)


def zip_bomb() -> bytes:
    """Return a zip that looks like a Word file and expands a 20 kB member to 20 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b"\0" * 20_000_000 + b"</w:document>")
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


def test_bnc_fiche_pages_running_heads_and_footnotes() -> None:
    doc = load(BNC)
    assert doc.format == "pdf" and doc.pages == 15
    assert doc.title == "Fiche 5: Herziening verordening en richtlijn markten voor financiële instrumenten"
    assert "Pagina" not in doc.text  # "Pagina N van 15" is a running head: kept once, as metadata
    assert doc.running == ["Pagina 1 van 15"]
    pages = {p.page for p in doc.paragraphs}
    assert pages == set(range(1, 16))
    subsidiarity = next(p for p in doc.paragraphs if doc.paragraph_text(p).startswith("b) Subsidiariteit"))
    assert (subsidiarity.page, subsidiarity.page_label) == (9, "9")
    # Page-bottom footnotes go to the end of the document, after the body of page 15.
    note = next(p for p in doc.paragraphs if doc.paragraph_text(p).startswith("3 De best execution"))
    assert note.page == 2 and note.number > max(p.number for p in doc.paragraphs if p.page == 15 and not doc.paragraph_text(p)[0].isdigit())


# Sentences that run down one column of a page (and, the last, on into the next column).
COLUMN_SENTENCES = [
    (IRS, 4, "If you are claiming a reduced rate of, or exemption from, tax based on a tax treaty, you must generally be "
              "a resident of the particular treaty country within the meaning of the treaty and you cannot have a "
              "permanent establishment or fixed base in the United States."),
    (IRS, 4, "You can use certain private delivery services designated by the IRS to meet the “timely mailing as timely "
              "filing/ paying” rule for tax returns and payments."),
    (IRS, 12, "If the total distribution was rolled over in a qualified rollover, enter -0- on line 16b."),
    (FEDREG, 3, "The FAA also proposes requiring an additional software update that would alert the flightcrew to a "
                "disagreement between the two AOA sensors."),
]


@pytest.mark.parametrize(("path", "page", "sentence"), COLUMN_SENTENCES, ids=["irs-p4", "irs-p4-next-column", "irs-p12", "fedreg-p3"])
def test_multi_column_pages_are_read_column_by_column(path: Path, page: int, sentence: str) -> None:
    doc = load(path)
    found = [p for p in doc.paragraphs if sentence in doc.paragraph_text(p)]
    assert [p.page for p in found] == [page]


def test_column_footnotes_go_to_the_end_and_one_column_pages_stay_as_pdfium_reads_them() -> None:
    doc = load(FEDREG)
    note = next(p for p in doc.paragraphs if doc.paragraph_text(p).startswith("10 A flight control law generates commands"))
    body = [p for p in doc.paragraphs if not re.match(r"\d+ [A-Z]", doc.paragraph_text(p))]
    assert note.page == 3 and note.number > max(p.number for p in body)
    assert not any("flight control law generates commands" in doc.paragraph_text(p) for p in body)
    assert doc.date == "2020-08-06"  # from the masthead over the third column of page 1
    # A page without columns is exactly pdfium's text (the letter's side column of address lines is no column).
    import pypdfium2 as pdfium

    for path in (BNC, FORMATS / "pdf" / "nl_kamerbrief_draagmoederschap_2011.pdf", FORMATS / "pdf" / "en_eu_vet_finland_icdar2013_eu-013.pdf"):
        document = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(document)):
                textpage = document[i].get_textpage()
                assert pdf.page_text(textpage) == textpage.get_text_bounded()
        finally:
            document.close()


def test_crafted_two_column_page() -> None:
    left = ["The embassy said on Tuesday that two", "diplomats had been asked to leave the", "country within a week after the report", "was published by the security service.",
            "Both ministries declined to comment on", "the names of the diplomats or on the", "work they did here."]
    right = ["Parliament will debate the expulsion", "next month, the speaker announced, and", "the minister has promised a letter that", "sets out which measures the cabinet has",
             "taken since the first reports appeared", "in the newspapers earlier this spring.", "A vote will follow."]
    items = [(57, 760, 16, "Two diplomats expelled")]
    for i, (a, b) in enumerate(zip(left, right)):
        items += [(57, 720 - 14 * i, 10, a), (310, 720 - 14 * i, 10, b)]
    data = placed_pdf([items])
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    assert "two diplomats had" not in " ".join(document[0].get_textpage().get_text_bounded().split())  # pdfium interleaves
    document.close()
    doc = ingest.build_document(Path("kolommen.pdf"), data, "sha", "kolommen.pdf")
    texts = [doc.paragraph_text(p) for p in doc.paragraphs]
    # (The heading runs into the first paragraph: paragraphs are told by line length, and it is not short enough.)
    assert texts == [" ".join(["Two diplomats expelled", *left]), " ".join(right)]


def test_pdfium_hyphen_marks_go_through_dehyphenation() -> None:
    doc = load(FORMATS / "pdf" / "de_digitalcheck_begleitende_dokumentation_2024.pdf")
    assert "\x02" not in doc.text and "\ufffe" not in doc.text
    assert "Regelungsvorhabens" in doc.text and "Re-gelungs" not in doc.text


def test_word_split_by_a_page_break_is_joined() -> None:
    data = text_pdf([["Kopfzeile Bericht", "Der Botschafter wurde wegen Spionage ausgewie-"],
                     ["Kopfzeile Bericht", "sen, teilte das Ministerium mit."],
                     ["Kopfzeile Bericht", "Eine dritte Seite mit Text."]])
    extracted = pdf.extract(data)
    assert extracted.running == ["Kopfzeile Bericht"]
    path = Path("bericht.pdf")
    doc = ingest.build_document(path, data, "sha", "bericht.pdf")
    first = doc.paragraph_text(doc.paragraphs[0])
    assert first == "Der Botschafter wurde wegen Spionage ausgewiesen, teilte das Ministerium mit."
    assert doc.paragraphs[0].page == 1 and doc.paragraphs[1].page == 3


def test_printed_page_numbers_become_labels() -> None:
    doc = load(FORMATS / "pdf" / "en_eu_vet_finland_icdar2013_eu-013.pdf")  # an excerpt printed as pp. 32-43
    assert doc.paragraphs[0].page == 1 and doc.paragraphs[0].page_label == "32"
    assert {p.page_label for p in doc.paragraphs if p.page == 12} == {"43"}


def test_kamerstuk_masthead_and_same_motion_as_odt() -> None:
    as_pdf, as_odt = load(MOTION_PDF), load(MOTION_ODT)
    for doc in (as_pdf, as_odt):
        assert doc.doc_number == "Kamerstuk 32 545, nr. 143"
        assert doc.title == "MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS"
        assert doc.date == "2021-07-06"
        assert doc.source == "Tweede Kamer der Staten-Generaal"
        assert "kst-32545-143" in doc.numbers
        assert "grensspaarsaldo" in doc.text
    assert as_pdf.id != as_odt.id  # x.pdf and x.odt never hide one another
    assert (as_pdf.id, as_odt.id) == (MOTION_PDF.name, MOTION_ODT.name)


# Mastheads of a Bundestag-Drucksache and a UN resolution: issuer and number on one baseline, the date beside
# the electoral term, the title after the kind and the authors. No such real file is in ../shared/formats.
DRS_ANTRAG = [(57, 780, 12, "Deutscher Bundestag"), (400, 780, 12, "Drucksache 19/11234"),
              (57, 765, 10, "19. Wahlperiode"), (480, 765, 10, "12.07.2019"),
              (57, 720, 14, "Antrag"),
              (57, 700, 10, "der Abgeordneten Dr. Anna Beispiel, Max Muster und der Fraktion"),
              (57, 686, 10, "BEISPIEL"),
              (57, 660, 14, "Transparenz bei Lobbykontakten der Bundesregierung"),
              (57, 630, 10, "Der Bundestag wolle beschliessen:"),
              (57, 610, 10, "Die Offenlegung von Treffen mit Interessenvertretern staerkt das Vertrauen in die Gesetzgebung.")]
DRS_ANTWORT = [(57, 780, 12, "Deutscher Bundestag"), (400, 780, 12, "Drucksache 19/11300"),
               (57, 765, 10, "19. Wahlperiode"), (480, 765, 10, "03.07.2019"),
               (57, 720, 14, "Antwort"),
               (57, 700, 10, "der Bundesregierung"),
               (57, 686, 10, "auf die Kleine Anfrage der Abgeordneten Max Muster und der Fraktion BEISPIEL"),
               (57, 672, 10, "- Drucksache 19/10890 -"),
               (57, 650, 14, "Cyberangriffe auf Bundesbehoerden"),
               (57, 620, 10, "Vorbemerkung der Fragesteller"),
               (57, 600, 10, "Die Bundesregierung beantwortet die Fragen wie folgt und nennt die Zahl der Angriffe.")]
UN_RESOLUTION = [(57, 790, 10, "United Nations"), (420, 790, 14, "S/RES/2334 (2016)"),
                 (57, 770, 12, "Security Council"), (420, 770, 10, "Distr.: General"),
                 (420, 755, 10, "23 December 2016"),
                 (57, 700, 14, "Resolution 2334 (2016)"),
                 (57, 680, 10, "Adopted by the Security Council at its 7853rd meeting, on 23 December 2016"),
                 (57, 650, 10, "The Security Council,"),
                 (57, 630, 10, "Reaffirming its relevant resolutions on the situation in the Middle East.")]


@pytest.mark.parametrize(
    ("name", "layout", "expected"),
    [
        ("antrag.pdf", DRS_ANTRAG, ("Transparenz bei Lobbykontakten der Bundesregierung", "2019-07-12",
                                    "Drucksache 19/11234", "Deutscher Bundestag", "drs-19-11234")),
        ("antwort.pdf", DRS_ANTWORT, ("Cyberangriffe auf Bundesbehoerden", "2019-07-03", "Drucksache 19/11300",
                                      "Deutscher Bundestag", "drs-19-11300")),
        ("resolutie.pdf", UN_RESOLUTION, ("Resolution 2334 (2016)", "2016-12-23", "S/RES/2334 (2016)",
                                          "Security Council", "un-s-res-2334")),
        # The same mastheads as plain text, one line each, through the same metadata path.
        ("antrag.txt", DRS_ANTRAG, ("Transparenz bei Lobbykontakten der Bundesregierung", "2019-07-12",
                                    "Drucksache 19/11234", "Deutscher Bundestag", "drs-19-11234")),
        ("resolutie.txt", UN_RESOLUTION, ("Resolution 2334 (2016)", "2016-12-23", "S/RES/2334 (2016)",
                                          "Security Council", "un-s-res-2334")),
    ],
)
def test_drucksache_and_un_mastheads(name: str, layout: list[tuple[float, float, int, str]], expected: tuple[str, ...]) -> None:
    if name.endswith(".pdf"):
        data = placed_pdf([layout])
    else:
        data = "\n".join(text for _x, _y, _size, text in layout).encode()
    doc = ingest.build_document(Path(name), data, "sha", name)
    title, date, number, source, key = expected
    assert (doc.title, doc.date, doc.doc_number, doc.source) == (title, date, number, source)
    assert doc.numbers == [key]  # its own number only, not the Drucksache an answer replies to


def test_masthead_numbers_are_found_by_search(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "antwort.pdf").write_bytes(placed_pdf([DRS_ANTWORT]))
    (seeds / "resolutie.pdf").write_bytes(placed_pdf([UN_RESOLUTION]))
    assert sorted(index.build(seeds, tmp_path / "index").added) == ["antwort.pdf", "resolutie.pdf"]
    client = create_app({"seeds_dir": str(seeds), "index_dir": str(tmp_path / "index")}).test_client()
    assert [h["id"] for h in hits(client, "19/11300")][:1] == ["antwort.pdf"]
    assert [h["id"] for h in hits(client, "Drucksache 19/11300")][:1] == ["antwort.pdf"]
    assert [h["id"] for h in hits(client, "S/RES/2334 (2016)")][:1] == ["resolutie.pdf"]


# --- web pages, Word, OpenDocument ----------------------------------------------------------------


def test_web_page_main_text_and_metadata() -> None:
    doc = load(FORMATS / "html" / "en_bbc_obama-gun-laws.html")
    assert doc.format == "html" and doc.pages is None
    assert doc.title == "Obama admits US gun laws are his 'biggest frustration'"
    assert doc.date == "2015-07-24"
    assert "biggest frustration" in doc.text
    assert "Share this page" not in doc.text and "<script" not in doc.text


def test_word_file_runs_are_joined_and_field_codes_dropped() -> None:
    nl = load(FORMATS / "docx" / "nl_aiia2.0_invultemplate.docx")
    assert "blauwe vragen" in nl.text and "b lauwe" not in nl.text
    v2 = load(FORMATS / "docx" / "de_digitalcheck_dokumentation_vorlage_v2.docx")
    assert "HYPERLINK" not in v2.text and "<a href" not in v2.text
    assert v2.title == "Dokumentation der Digitaltauglichkeit"


def test_odt_text_and_properties() -> None:
    extracted = odt.extract(MOTION_ODT.read_bytes())
    assert "verzoekt de regering" in extracted.pages[0].text


# --- bad files ----------------------------------------------------------------------------------


def test_password_protected_pdf_is_refused_with_reason() -> None:
    with pytest.raises(ExtractError, match="encrypted PDF that needs a password"):
        pdf.extract(text_pdf([["geheim"]], password_protected=True))


def test_truncated_pdf_is_refused_with_reason() -> None:
    with pytest.raises(ExtractError, match="not a readable PDF"):
        pdf.extract(BNC.read_bytes()[:100_000])


def test_page_limit() -> None:
    data = text_pdf([[f"Blatt {i} ueber Spionage und Diplomaten."] for i in range(pdf.MAX_PAGES + 500)])
    extracted = pdf.extract(data)
    assert len(extracted.pages) == pdf.MAX_PAGES and extracted.page_count == pdf.MAX_PAGES + 500
    assert extracted.warnings == [f"only the first {pdf.MAX_PAGES} of {pdf.MAX_PAGES + 500} pages were indexed (page limit)"]


def test_zip_bomb_disguised_as_docx_is_refused_before_decompressing() -> None:
    bomb = zip_bomb()
    assert detect.detect(bomb, "rapport.docx") == "docx"
    with pytest.raises(ExtractError, match="zip bomb guard"):
        docx.extract(bomb)
    with pytest.raises(ExtractError, match="zip bomb guard"):
        zipguard.open_checked(bomb)


def test_twenty_megabytes_of_script_keep_the_text() -> None:
    page = (b"<html><head><title>Spionage</title></head><body><article><p>"
            + "Der Diplomat wurde wegen Spionage ausgewiesen, meldete das Ministerium am Montag. ".encode() * 5
            + b"</p></article>" + b"<script>" + b"var x = 1;\n" * 2_000_000 + b"</script></body></html>")
    assert len(page) > 20_000_000
    extracted = html.extract(page)
    assert "wegen Spionage ausgewiesen" in extracted.pages[0].text


def test_name_and_bytes_disagree() -> None:
    data = text_pdf([["Ein PDF, das sich als Text ausgibt."]])
    assert detect.detect(data, "notiz.txt") == "pdf"
    doc = ingest.build_document(Path("notiz.txt"), data, "sha", "notiz.txt")
    assert doc.format == "pdf" and doc.id == "notiz"  # a .txt keeps its id whatever it holds
    assert doc.warnings == ["named .txt but its bytes are PDF; read as PDF"]
    with pytest.raises(ExtractError, match=r"named \.pdf but its bytes are not a PDF file"):
        detect.detect(b"just words", "bericht.pdf")
    with pytest.raises(ExtractError, match=r"unsupported file type \.xlsx"):
        detect.detect(b"PK\x03\x04", "tabelle.xlsx")


def test_image_only_scan_is_read_by_ocr_or_skipped_with_reason() -> None:
    if ocr.available():  # `make test` installs Tesseract; without it the reason says how to get it
        doc = load(SCAN)
        assert "PRESIDENT" in doc.text.upper() and doc.paragraphs[0].page == 1
        assert doc.warnings == ["1 page(s) without a text layer were read by OCR (Tesseract)"]
    else:
        with pytest.raises(ingest.SkipFile, match="no text layer; install tesseract-ocr to read scans"):
            load(SCAN)


def test_build_lists_every_bad_file_with_reason_and_indexes_the_rest(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(MOTION_PDF, seeds)
    (seeds / "kapot.pdf").write_bytes(BNC.read_bytes()[:50_000])
    (seeds / "slot.pdf").write_bytes(text_pdf([["geheim"]], password_protected=True))
    (seeds / "bom.docx").write_bytes(zip_bomb())
    (seeds / "tabel.xlsx").write_bytes(b"PK\x03\x04")
    (seeds / "nep.pdf").write_text("Gewoon tekst.", encoding="utf-8")
    summary = index.build(seeds, tmp_path / "index")
    reasons = {s["path"]: s["reason"] for s in summary.skipped}
    assert set(reasons) == {"kapot.pdf", "slot.pdf", "bom.docx", "tabel.xlsx", "nep.pdf"}
    assert reasons["slot.pdf"] == "encrypted PDF that needs a password; it cannot be read"
    assert reasons["bom.docx"].startswith("zip bomb guard")
    assert reasons["tabel.xlsx"].startswith("unsupported file type .xlsx; supported: .txt, .md, .pdf")
    assert summary.added == [MOTION_PDF.name]


def test_same_name_as_pdf_and_odt_each_keep_their_own_sidecar(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(MOTION_PDF, seeds / "motie.pdf")
    shutil.copy(MOTION_ODT, seeds / "motie.odt")
    (seeds / "motie.pdf.meta.json").write_text('{"title": "Motie (PDF)"}', encoding="utf-8")
    (seeds / "motie.odt.meta.json").write_text('{"title": "Motie (ODT)"}', encoding="utf-8")
    (seeds / "motie.meta.json").write_text('{"source": "shared"}', encoding="utf-8")  # each has its own: unused
    summary = index.build(seeds, tmp_path / "index")
    assert sorted(summary.added) == ["motie.odt", "motie.pdf"] and summary.skipped == [] and summary.warnings == []
    client = create_app({"seeds_dir": str(seeds), "index_dir": str(tmp_path / "index")}).test_client()
    titles = {d: client.get(f"/api/documents/{d}").get_json()["document"] for d in ("motie.pdf", "motie.odt")}
    assert {d: (v["title"], v["source"]) for d, v in titles.items()} == {
        "motie.pdf": ("Motie (PDF)", "Tweede Kamer der Staten-Generaal"),
        "motie.odt": ("Motie (ODT)", "Tweede Kamer der Staten-Generaal"),
    }


@pytest.mark.parametrize(
    ("files", "applies"),
    [
        # A lone x.pdf keeps reading the older x.meta.json; x.txt keeps x.meta.json as its own.
        (["x.pdf"], {"x.pdf": "x.meta.json"}),
        (["x.txt", "x.pdf"], {"x.txt": "x.meta.json", "x.pdf": None}),
        (["x.pdf", "x.odt", "x.odt.meta.json"], {"x.pdf": "x.meta.json", "x.odt": "x.odt.meta.json"}),
        (["x.pdf", "x.odt"], {"x.pdf": None, "x.odt": None}),  # ambiguous: applies to neither, reported
    ],
)
def test_which_sidecar_applies(tmp_path: Path, files: list[str], applies: dict[str, str | None]) -> None:
    (tmp_path / "x.meta.json").write_text('{"title": "Gedeeld"}', encoding="utf-8")
    for name in files:
        data = MOTION_PDF.read_bytes() if name.endswith(".pdf") else MOTION_ODT.read_bytes() if name.endswith(".odt") else b"{}"
        (tmp_path / name).write_bytes(data if not name.endswith(".txt") else "Een brief.\n".encode())
    for name, side in applies.items():
        doc = ingest.load(tmp_path / name, tmp_path, 10_000_000)
        assert (doc.title == "Gedeeld") == (side == "x.meta.json"), name
        ambiguous = "x.txt" not in files and side is None
        assert any("sidecar x.meta.json fits more than one file" in w and f"rename it {name}.meta.json" in w
                   for w in doc.warnings) == ambiguous, doc.warnings


def test_ambiguous_sidecar_is_reported_in_the_build_and_both_files_are_indexed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(MOTION_PDF, seeds / "motie.pdf")
    (seeds / "motie.meta.json").write_text('{"title": "Alleen de PDF"}', encoding="utf-8")
    first = index.build(seeds, tmp_path / "index")
    assert first.added == ["motie.pdf"] and first.warnings == []
    shutil.copy(MOTION_ODT, seeds / "motie.odt")  # now motie.meta.json fits two files
    second = index.build(seeds, tmp_path / "index")
    assert second.added == ["motie.odt"] and second.updated == ["motie.pdf"]  # its sidecar no longer applies
    assert sorted(w["path"] for w in second.warnings if "motie.meta.json fits more than one file" in w["warning"]) == [
        "motie.odt", "motie.pdf"]
    client = create_app({"seeds_dir": str(seeds), "index_dir": str(tmp_path / "index")}).test_client()
    assert client.get("/api/documents/motie.pdf").get_json()["document"]["title"] != "Alleen de PDF"


# --- document numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("35373-1", "kst-35373-1"),
        ("kst-35373-1", "kst-35373-1"),
        ("Kamerstuk 35 373 nr. 1", "kst-35373-1"),
        ("Kamerstuk 35 373, nr. 1", "kst-35373-1"),
        ("Kamerstukken II 2020/21, 22 112 nr. 2953", "kst-22112-2953"),
        ("21 501-02, nr. 1234", "kst-21501-02-1234"),
        ("19/1234", "drs-19-1234"),
        ("Drucksache 19/1234", "drs-19-1234"),
        ("S/RES/2334 (2016)", "un-s-res-2334"),
        ("2019D53771", "2019d53771"),
        ("spionage", None),
        ("2019", None),
    ],
)
def test_document_number_spellings_share_a_key(query: str, key: str | None) -> None:
    assert docnumbers.query_key(query) == key


# --- the whole path: build, search, cite, open --------------------------------------------------


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("formats")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in PICKED:
        shutil.copy(path, seeds)
    summary = index.build(seeds, root / "index")
    assert summary.skipped == [] and len(summary.added) == len(PICKED)
    return create_app({"seeds_dir": str(seeds), "index_dir": str(root / "index")}).test_client()


def hits(client: Any, q: str, **params: str) -> list[dict[str, Any]]:
    r = client.get("/api/search", query_string={"q": q, **params})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["hits"]


def test_hit_on_page_nine_cites_page_nine_and_opens_the_pdf_there(app_client: Any) -> None:
    found = hits(app_client, "subsidiariteit proportionaliteit")
    assert found[0]["id"] == BNC.name
    cite = found[0]["passages"][0]["citation"]
    assert cite["page"] == 9 and cite["page_label"] == "9"
    assert re.search(r", p\. 9, par\. \d+, http://\S+#p\d+$", cite["text"])
    assert cite["original_url"] == f"http://localhost/documents/{BNC.name}/original#page=9"
    for hit in hits(app_client, "verordening"):
        assert all("Pagina" not in p["text"] for p in hit["passages"])
    r = app_client.get(cite["original_url"].split("#")[0])
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert r.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Disposition"].startswith("inline")
    assert r.data == BNC.read_bytes()
    r.close()


def test_web_page_original_is_a_sandboxed_download(app_client: Any) -> None:
    r = app_client.get("/documents/en_bbc_obama-gun-laws.html/original")
    assert r.status_code == 200 and r.mimetype == "application/octet-stream"
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    r.close()
    assert app_client.get("/documents/no-such.pdf/original").status_code == 404


def test_phrase_running_down_a_column_finds_the_document_and_its_page(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(IRS, seeds)
    shutil.copy(FEDREG, seeds)
    assert len(index.build(seeds, tmp_path / "index").added) == 2
    client = create_app({"seeds_dir": str(seeds), "index_dir": str(tmp_path / "index")}).test_client()
    found = hits(client, '"particular treaty country within the meaning of the treaty and you cannot have a permanent establishment"')
    assert [h["id"] for h in found] == [IRS.name]
    assert found[0]["passages"][0]["citation"]["page"] == 4


@pytest.mark.parametrize("q", ["32545-143", "kst-32545-143", "Kamerstuk 32 545 nr. 143", "Kamerstuk 32 545, nr. 143"])
def test_motion_found_as_pdf_and_odt_by_its_number(app_client: Any, q: str) -> None:
    # The ODT is the same text as the PDF: grouping folds it under the PDF; group=0 lists both first.
    assert {h["id"] for h in hits(app_client, q, group="0")[:2]} == {MOTION_PDF.name, MOTION_ODT.name}
    first = hits(app_client, q)[0]
    assert {first["id"], *(s["id"] for s in first.get("same_story", []))} >= {MOTION_PDF.name, MOTION_ODT.name}


def test_document_page_shows_page_boundaries_and_links_numbers(app_client: Any) -> None:
    body = app_client.get(f"/documents/{BNC.name}").get_data(as_text=True)
    assert body.count('class="pagebreak"') == 15
    assert f'<a href="/documents/{BNC.name}/original#page=9">Page 9</a>' in body
    assert "Pagina 9 van 15" not in body
    motion = app_client.get(f"/documents/{MOTION_PDF.name}").get_data(as_text=True)
    assert 'href="/search?q=kst-32545-143"' in motion
    r = app_client.get(f"/api/documents/{BNC.name}")
    paras = r.get_json()["paragraphs"]
    assert {p["page"] for p in paras} == set(range(1, 16))
    assert json.loads(json.dumps(r.get_json()["document"]))["format"] == "pdf"


def test_uploading_a_pdf_through_admin_makes_it_searchable(seeds_copy: Path, seed_index: Path, tmp_path: Path) -> None:
    from test_admin import TOKEN, upload, wait_job

    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    client = create_app({"seeds_dir": str(seeds_copy), "index_dir": str(index_dir), "admin_token": TOKEN}).test_client()
    r = upload(client, (MOTION_PDF.read_bytes(), MOTION_PDF.name))
    assert r.status_code == 202, r.get_json()
    summary = wait_job(client, r.get_json()["job"])["summary"]
    assert summary["added"] == [MOTION_PDF.name]
    assert [h["id"] for h in hits(client, "32545-143")][:1] == [MOTION_PDF.name]
    r = upload(client, (b"not a pdf at all", "fake.pdf"))
    assert r.status_code == 415 and r.get_json()["error"]["code"] == "unsupported_type"


def test_upload_of_the_same_motion_as_pdf_and_odt_stores_both(seeds_copy: Path, seed_index: Path, tmp_path: Path) -> None:
    from test_admin import TOKEN, upload, wait_idle, wait_job

    index_dir = tmp_path / "index"
    shutil.copytree(seed_index, index_dir, ignore=shutil.ignore_patterns(".reindex.lock", "jobs"))
    client = create_app({"seeds_dir": str(seeds_copy), "index_dir": str(index_dir), "admin_token": TOKEN}).test_client()
    meta = json.dumps({"source": "officielebekendmakingen.nl"}).encode()
    r = upload(client, (MOTION_PDF.read_bytes(), "motie.pdf"), (MOTION_ODT.read_bytes(), "motie.odt"), (meta, "motie.meta.json"))
    assert r.status_code == 202, r.get_json()
    summary = wait_job(client, r.get_json()["job"])["summary"]
    assert sorted(summary["added"]) == ["motie.odt", "motie.pdf"]
    # motie.meta.json fits both: it applies to neither, and the job says so; each file's own sidecar can be sent.
    assert sorted(w["path"] for w in summary["warnings"] if "motie.meta.json fits more than one file" in w["warning"]) == [
        "motie.odt", "motie.pdf"]
    own = json.dumps({"title": "Motie als PDF"}).encode()
    wait_idle(index_dir)
    r = upload(client, (MOTION_PDF.read_bytes(), "motie.pdf"), (own, "motie.pdf.meta.json"))
    assert r.status_code == 202, r.get_json()
    wait_job(client, r.get_json()["job"])
    assert client.get("/api/documents/motie.pdf").get_json()["document"]["title"] == "Motie als PDF"
