"""Field names, the Whoosh schema and a document's fields: shared by the build and the query path."""

from __future__ import annotations

import datetime
import json
import weakref
from typing import TYPE_CHECKING, Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from . import langid, stories
from .analysis import LANGUAGES, NEUTRAL, analyzers, neutral_analyzer
from .whooshfast import WORD_KEYS

if TYPE_CHECKING:  # the query path imports this module; it must not pull in the ingest machinery
    from .ingest import Document

ALL_LANGS = (*LANGUAGES, NEUTRAL)
TITLE_BOOST = 2.0


# Per open schema, by identity (Whoosh's schemas compare by value, so they cannot be dict keys): the caches the
# query path keeps of its analysis (highlighting's word keys, the parser's query-word terms), dropped with it.
_MEMOS: dict[int, tuple["weakref.ref[Any]", dict[str, Any]]] = {}


def schema_memo(schema: Any) -> dict[str, Any]:
    """Return the dict of caches kept for one open schema (each module keeps its own entry in it)."""
    entry = _MEMOS.get(id(schema))
    if entry is None or entry[0]() is not schema:
        sid = id(schema)
        entry = _MEMOS[sid] = (weakref.ref(schema, lambda _r: _MEMOS.pop(sid, None)), {})
    return entry[1]


def schema_memos() -> list[dict[str, Any]]:
    """Return the dicts of caches of every open schema (to empty them when the word lists change)."""
    return [memo for _ref, memo in list(_MEMOS.values())]


def body_field(lang: str) -> str:
    """Return the stemmed body field for an analyzer language."""
    return f"body_{lang}"


def title_field(lang: str) -> str:
    """Return the stemmed title field for an analyzer language."""
    return f"title_{lang}"


class SortColumn(ID):
    """An ID kept as a sortable column only, with no terms: for values that order documents but are never looked up."""

    # A term a document (the indexed_at stamp is unique) was ~2 % of a build's CPU, for postings no query read.
    indexed = False


def make_schema(stemmer: str = "pystemmer") -> Schema:
    """Return the schema: per-language stemmed title and body fields, exact fields, filters and stored data."""
    table = analyzers(stemmer)
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "lang": ID(sortable=True),
        "year": ID(sortable=True),
        "source": ID(sortable=True),
        "date_sort": ID(sortable=True),
        "indexed_at": SortColumn(sortable=True),  # when this version entered the index: feeds list newest first
        "exact": TEXT(analyzer=neutral_analyzer(), phrase=True, spelling=True),
        "title_exact": TEXT(analyzer=neutral_analyzer(), phrase=True, field_boost=TITLE_BOOST),
        "numbers": KEYWORD(lowercase=True, scorable=True),  # docnumbers keys: "kst-35373-1", "drs-19-1234"
        "meta": STORED(),
        "paras": STORED(),
        "text": STORED(),
        "story": STORED(),  # same-story features (stories.story_value), made once here instead of at every search
    }
    for lang in ALL_LANGS:
        fields[body_field(lang)] = TEXT(analyzer=table[lang], phrase=True)
        fields[title_field(lang)] = TEXT(analyzer=table[lang], phrase=True, field_boost=TITLE_BOOST)
    # Per document, each word of the fields passages are marked in with its index keys (written by the build's
    # writer: whooshfast.WORD_KEYS), so marking a hit's passages analyses none of its words.
    keys = fields[WORD_KEYS] = STORED()
    keys.keyed = (*(body_field(lang) for lang in ALL_LANGS), "exact")
    return Schema(**fields)


def whoosh_fields(doc: Document) -> dict[str, Any]:
    """Return the Whoosh fields of one document: each paragraph goes into its own language's body field."""
    bodies: dict[str, list[str]] = {}
    for p in doc.paragraphs:
        bodies.setdefault(langid.analysis_language(p.lang), []).append(doc.paragraph_text(p))
    doc_lang = langid.analysis_language(doc.language)
    meta = doc.metadata()
    indexed_at = now_utc()
    meta.update(path=doc.path, sha256=doc.sha256, warnings=doc.warnings, indexed_at=indexed_at)
    if doc.format != "text":
        meta.update(format=doc.format, pages=doc.pages, running=doc.running)
    out: dict[str, Any] = {
        "id": doc.id,
        "lang": doc.language,
        "year": (doc.date or "")[:4] or "unknown",
        "source": doc.source or "",
        "date_sort": sort_date(doc.date),
        "indexed_at": indexed_at,
        "exact": doc.text,
        "meta": json.dumps(meta, ensure_ascii=False),
        # [start, end, lang, prob] per paragraph, with [page, page label] added for paged sources.
        "paras": json.dumps([
            [p.start, p.end, p.lang, p.lang_prob, *([p.page, p.page_label] if p.page is not None else [])]
            for p in doc.paragraphs
        ]),
        "text": doc.text,
        "story": stories.story_value(doc.text),
        WORD_KEYS: "",  # filled in by the writer as it analyses the keyed fields
    }
    if doc.numbers:
        out["numbers"] = " ".join(doc.numbers)
    for lang, parts in bodies.items():
        out[body_field(lang)] = "\n\n".join(parts)
    if doc.title:
        out["title_exact"] = doc.title
        out[title_field(doc_lang)] = doc.title
    return out


def now_utc() -> str:
    """Return the current UTC time as ISO 8601 with microseconds, which sorts as text."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sort_date(date: str | None) -> str:
    """Return a date padded to YYYY-MM-DD for sorting and ranges; '' when unknown."""
    if not date:
        return ""
    parts = date.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3])


BODY_FIELDS = [body_field(lang) for lang in ALL_LANGS]
TITLE_FIELDS = [title_field(lang) for lang in ALL_LANGS]
SEARCH_FIELDS = [*TITLE_FIELDS, "title_exact", *BODY_FIELDS, "exact"]
# Plain words search every language's stemmed fields, so a Dutch document matches through its Dutch
# stems; the exact field adds weight for the unstemmed word itself.
FIELD_BOOSTS = {"exact": 0.5, "title_exact": 0.5}
ALIASES = {"title": [*TITLE_FIELDS, "title_exact"], "body": [*BODY_FIELDS, "exact"], "text": [*BODY_FIELDS, "exact"]}
