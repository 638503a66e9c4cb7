"""OpenDocument text (.odt) to text from its XML (content.xml, meta.xml): paragraphs and headings in order,
notes last, the document's metadata."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import ExtractError, Extracted, Page, zipguard

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
_T = "{%s}" % NS["text"]
_PARAS = {_T + "p", _T + "h"}


def _text(el: ET.Element, notes: list[str]) -> str:
    """Return an element's text with ODF spaces, tabs and breaks, moving notes into `notes`."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == _T + "s":
            out.append(" " * int(child.get(_T + "c", "1")))
        elif tag in (_T + "tab", _T + "line-break"):
            out.append(" ")
        elif tag == _T + "note":
            cite = child.find(_T + "note-citation")
            body = child.find(_T + "note-body")
            mark = (cite.text or "").strip() if cite is not None else str(len(notes) + 1)
            if body is not None:
                notes.append(f"{mark} " + " ".join(_text(p, notes) for p in body.iter() if p.tag in _PARAS).strip())
            out.append(f"[{mark}]")
        else:
            out.append(_text(child, notes))
        out.append(child.tail or "")
    return "".join(out)


def extract(data: bytes) -> Extracted:
    """Return an OpenDocument text's paragraphs as one unpaged page, its notes and its metadata."""
    zf = zipguard.open_checked(data)
    try:
        content = zipguard.read_member(zf, "content.xml")
        meta_xml = zipguard.read_member(zf, "meta.xml") if "meta.xml" in zf.namelist() else b""
    except KeyError:
        raise ExtractError("OpenDocument file without content.xml") from None
    finally:
        zf.close()
    try:
        root = ET.fromstring(content)  # expat refuses entity expansion bombs (Python 3.11 bundles expat >= 2.4.1)
    except ET.ParseError as exc:
        raise ExtractError(f"OpenDocument content.xml is not well-formed ({exc})") from None
    body = root.find("office:body/office:text", NS)
    if body is None:
        raise ExtractError("OpenDocument file without a text body (a spreadsheet or presentation?)")
    notes: list[str] = []
    paras: list[str] = []
    in_notes = {id(p) for note in body.iter(_T + "note") for p in note.iter() if p.tag in _PARAS}
    for el in body.iter():
        if el.tag in _PARAS and id(el) not in in_notes:
            text = " ".join(_text(el, notes).split())
            if text:
                paras.append(text)
    if not paras:
        raise ExtractError("OpenDocument file without text")
    meta: dict[str, str | None] = {}
    if meta_xml:
        try:
            m = ET.fromstring(meta_xml)
            meta["title"] = (m.findtext(".//dc:title", default="", namespaces=NS) or "").strip() or None
            meta["author"] = (m.findtext(".//meta:initial-creator", default="", namespaces=NS) or "").strip() or None
            meta["pdf_date"] = (m.findtext(".//meta:creation-date", default="", namespaces=NS) or "")[:10] or None
        except ET.ParseError:
            pass
    return Extracted(pages=[Page(None, None, "\n\n".join(paras))], footnotes=[(n, None, None) for n in notes], meta=meta)

