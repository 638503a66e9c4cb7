"""Query to hits: parse what a person typed, rank documents with BM25F, pick passages and cite them."""

from __future__ import annotations

import copy
import datetime
import html
import json
import math
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

from whoosh import qparser, query as wq, sorting
from whoosh.qparser import syntax

from . import docsets, langid, rank
from .analysis import FOLD_MAP, LANGUAGES, NEUTRAL, TOKEN_PATTERN
from .errors import BadQuery, DocumentNotFound
from .index import ALL_LANGS, body_field, sort_date, title_field

MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100
MAX_PASSAGES = 3
MAX_FUZZY_DISTANCE = 2  # word~9 would build a huge automaton and hang the worker
PASSAGE_CHARS = 300
SORTS = ("relevance", "date")
FUZZY_FIELDS = ("exact", "title_exact")

BODY_FIELDS = [body_field(lang) for lang in ALL_LANGS]
TITLE_FIELDS = [title_field(lang) for lang in ALL_LANGS]
SEARCH_FIELDS = [*TITLE_FIELDS, "title_exact", *BODY_FIELDS, "exact"]
# Plain words search every language's stemmed fields, so a Dutch document matches through its Dutch
# stems; the exact field adds weight for the unstemmed word itself.
FIELD_BOOSTS = {"exact": 0.5, "title_exact": 0.5}
ALIASES = {"title": [*TITLE_FIELDS, "title_exact"], "body": [*BODY_FIELDS, "exact"], "text": [*BODY_FIELDS, "exact"]}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class SearchRequest:
    """A search as the user asked for it, validated."""

    q: str
    langs: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    source: list[str] = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    passages: int = MAX_PASSAGES


def parse_request(args: dict[str, Any]) -> SearchRequest:
    """Return a SearchRequest from query-string arguments; raise BadQuery saying what to fix."""
    q = clean_query(args.get("q") or "")
    langs = [x.strip().lower() for x in (args.get("lang") or "").split(",") if x.strip()]
    for lang in langs:
        if not re.fullmatch(r"[a-z]{2,3}", lang):
            raise BadQuery(f"lang={lang!r} is not a language code; use codes such as nl, en, de, separated by commas")
    dates = {}
    for key in ("from", "to"):
        value = (args.get(key) or "").strip()
        if value and not (_DATE.match(value) and _real_date(value)):
            raise BadQuery(f"{key}={value!r} is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD")
        dates[key] = value or None
    sort = (args.get("sort") or "relevance").strip().lower()
    if sort not in SORTS:
        raise BadQuery(f"sort={sort!r} is not known; use 'relevance' or 'date'")
    page = _int_arg(args, "page", 1, 1, 10_000)
    per_page = _int_arg(args, "per_page", 10, 1, MAX_PER_PAGE)
    n_passages = _int_arg(args, "passages", MAX_PASSAGES, 0, MAX_PASSAGES)
    sources = [s for s in (args.get("source") or "").split("|") if s.strip()] if isinstance(args.get("source"), str) else []
    return SearchRequest(q, langs, dates["from"], dates["to"], sources, sort, page, per_page, n_passages)


def _real_date(value: str) -> bool:
    """Say whether a YYYY[-MM[-DD]] string names a day, month or year that exists (not 2019-13-45)."""
    padded = sort_date(value)
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def _int_arg(args: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    raw = args.get(key)
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise BadQuery(f"{key}={raw!r} is not a whole number; use a number from {low} to {high}") from None
    if not low <= value <= high:
        raise BadQuery(f"{key}={value} is out of range; use a number from {low} to {high}")
    return value


def clean_query(q: str) -> str:
    """Return the query with control characters removed and spaces collapsed; raise BadQuery when too long."""
    q = unicodedata.normalize("NFC", q)
    q = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in q)
    q = re.sub(r"\s+", " ", q).strip()
    if len(q) > MAX_QUERY_CHARS:
        raise BadQuery(f"the query is {len(q)} characters long; shorten it to at most {MAX_QUERY_CHARS}")
    return q


class FieldAliasPlugin(qparser.Plugin):
    """Lets people write title:word or body:word; each alias searches its group of language fields."""

    def __init__(self, aliases: dict[str, list[str]]):
        self.aliases = aliases

    def filters(self, parser: Any) -> list[tuple[Any, int]]:
        # After FieldsPlugin (100) has set field names, before MultifieldPlugin (110) fills unfielded ones.
        return [(self.expand, 105)]

    def expand(self, parser: Any, group: Any) -> Any:
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.expand(parser, node)
            elif node.has_fieldname and node.fieldname in self.aliases:
                nodes = []
                for name in self.aliases[node.fieldname]:
                    new = copy.copy(node)
                    new.set_fieldname(name, override=True)
                    nodes.append(new)
                group[i] = syntax.OrGroup(nodes)
            elif node.has_fieldname and node.fieldname is not None and node.fieldname not in parser.schema:
                node.set_fieldname(None, override=True)  # unknown 'xyz:word' searches word as plain text
        return group


def make_parser(schema: Any) -> qparser.QueryParser:
    """Return the query parser: AND by default, phrases, OR/NOT/-word, prefix*, field:word, fuzzy word~."""
    parser = qparser.MultifieldParser(SEARCH_FIELDS, schema, fieldboosts=FIELD_BOOSTS, group=qparser.AndGroup)
    parser.replace_plugin(qparser.FieldsPlugin(remove_unknown=False))
    parser.remove_plugin_class(qparser.SingleQuotePlugin)  # apostrophes are part of words (scenario's)
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.BoostPlugin)
    # + and - only as a word's first character, so Noord-Afrika stays one search.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    return parser


def _sanitise(q: str) -> str:
    """Turn what the parser would misread into plain words: lone operators, unbalanced quotes and brackets."""
    if q.count('"') % 2:
        q = q.replace('"', " ")
    depth = 0
    balanced = True
    for ch in q:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            balanced = False
            break
    if not balanced or depth:
        q = q.replace("(", " ").replace(")", " ")
    # Unknown 'xyz:' prefixes are plain text, and a colon without a word after it means nothing.
    q = re.sub(r"(?<![\w])(\w+):(?=\s|$)", r"\1 ", q)
    q = re.sub(r"\bNOT\s+NOT\b", " ", q)  # a double negation cancels out (and crashed the parser)
    q = re.sub(r"(?:(?:^|(?<=\s))(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\s*)+$", " ", q)  # all trailing operators
    q = re.sub(r"^\s*(AND|OR|ANDNOT|ANDMAYBE)\b", " ", q)
    q = re.sub(r"\b(AND|OR|NOT|ANDNOT|ANDMAYBE)\s+(?=(AND|OR|ANDNOT|ANDMAYBE)\b)", " ", q)
    q = re.sub(r"(?<!\w)[*?]+(?!\w)", " ", q)  # a lone * or ? matches everything; drop it
    return re.sub(r"\s+", " ", q).strip()


def parse_query(q: str, schema: Any) -> Any:
    """Return the Whoosh query for a cleaned query string; raise BadQuery when nothing searchable is left."""
    if not q:
        raise BadQuery("type at least one word to search for")
    text = _sanitise(q)
    try:
        parsed = make_parser(schema).parse(text)
    except Exception as exc:  # the parser is lenient, but a library error must not become a 500
        raise BadQuery(f"the query could not be read ({exc}); try plain words") from None
    parsed = _drop_empty(parsed)
    _clamp_fuzzy(parsed)
    parsed = _drop_empty(parsed)
    if parsed is None or parsed is wq.NullQuery or not _has_positive(parsed):
        raise BadQuery(
            "the query has no words to search for; type words, a \"quoted phrase\", or use OR, -word, prefix*, word~"
        )
    return parsed


def _clamp_fuzzy(q: Any) -> None:
    """Limit fuzzy terms (word~N): at most MAX_FUZZY_DISTANCE edits, on unstemmed words only, first letters kept.

    Whoosh finds fuzzy matches by walking the term list in Python: on ten fields and a 100k-document index
    that took seconds. Typos are in what people type, so the unstemmed fields are the ones to correct, and
    the first letters (2, or 3 for two edits) are rarely the mistyped ones.
    """
    if q is None:
        return
    if isinstance(q, wq.FuzzyTerm):
        q.maxdist = max(1, min(int(q.maxdist), MAX_FUZZY_DISTANCE))
        q.prefixlength = min(len(q.text), max(int(q.prefixlength), 1 + q.maxdist))
        return
    if isinstance(q, wq.compound.CompoundQuery):
        q.subqueries = [
            sub for sub in q.subqueries
            if not (isinstance(sub, wq.FuzzyTerm) and sub.fieldname not in FUZZY_FIELDS)
        ]
    for child in q.children():
        _clamp_fuzzy(child)


MAX_EXPANSION = 5000  # words one prefix* or word~ may stand for


def expand(q: Any, reader: Any) -> Any:
    """Return the query with each prefix*/word~ replaced by the indexed words it stands for (found once).

    Counting, ranking and highlighting all need those words; finding them is a walk over the term list.
    Raises BadQuery when a prefix stands for more than MAX_EXPANSION words.
    """
    if isinstance(q, wq.MultiTerm) and not isinstance(q, wq.Phrase):
        field = reader.schema[q.fieldname]
        texts = []
        for btext in q._btexts(reader):
            texts.append(field.from_bytes(btext) if isinstance(btext, bytes) else btext)
            if len(texts) > MAX_EXPANSION:
                raise BadQuery(f"{q} matches more than {MAX_EXPANSION:,} words; type more letters before the *")
        if not texts:
            return wq.NullQuery
        return wq.Or([wq.Term(q.fieldname, t) for t in texts], boost=q.boost)
    if isinstance(q, wq.compound.CompoundQuery):
        q = copy.copy(q)
        q.subqueries = [expand(sub, reader) for sub in q.subqueries]
        return q
    if isinstance(q, (wq.Not, wq.AndNot, wq.AndMaybe, wq.Otherwise, wq.Require)):
        return q.apply(lambda sub: expand(sub, reader))
    return q


def _drop_empty(q: Any) -> Any:
    """Return the query without empty groups (left when stopwords or punctuation vanish)."""
    return q.normalize() if q is not None else None


def _has_positive(q: Any) -> bool:
    """Say whether a query has at least one clause that is not negated."""
    if isinstance(q, wq.Not):
        return False
    if isinstance(q, wq.compound.CompoundQuery):
        return any(_has_positive(sub) for sub in q.subqueries)
    if q is wq.NullQuery:
        return False
    return True


def filter_docs(searcher: Any, req: SearchRequest, table: docsets.FacetTable) -> set[int] | None:
    """Return the document numbers the request's language, date and source filters allow, or None (all)."""
    parts: list[set[int]] = []
    if req.langs:
        parts.append(set().union(*(docsets.term_docs(searcher, "lang", lang) for lang in req.langs)))
    if req.date_from or req.date_to:
        low = sort_date(req.date_from) if req.date_from else "0000"
        high = _end_of(req.date_to) if req.date_to else "9999"
        parts.append(table.date_range(low, high))
    if req.source:
        parts.append(set().union(*(docsets.term_docs(searcher, "source", s) for s in req.source)))
    if not parts:
        return None
    parts.sort(key=len)
    return parts[0].intersection(*parts[1:])


def _end_of(date: str) -> str:
    """Return the last day a partial date can mean, for an inclusive 'to' bound."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return date


# --- highlighting ----------------------------------------------------------------------------


def match_terms(q: Any, reader: Any) -> dict[str, set[str]]:
    """Return, per field, the indexed terms a query looks for (expanded for prefix and fuzzy), skipping NOT."""
    terms: dict[str, set[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Phrase):
            terms.setdefault(node.fieldname, set()).update(node.words)
            return
        if isinstance(node, wq.MultiTerm):
            try:
                expanded = list(node._btexts(reader))
            except Exception:
                expanded = []
            field_obj = reader.schema[node.fieldname]
            terms.setdefault(node.fieldname, set()).update(
                field_obj.from_bytes(b) if isinstance(b, bytes) else b for b in expanded[:500]
            )
            return
        if isinstance(node, wq.Term):
            terms.setdefault(node.fieldname, set()).add(node.text)
            return
        for child in node.children():
            walk(child)

    walk(q)
    return terms


@dataclass
class Span:
    """A matched word in a text: character offsets and the query word it answers."""

    start: int
    end: int
    key: str


_TOKEN = re.compile(TOKEN_PATTERN)
_MEMO_WORDS = 200_000  # distinct words whose index keys an analyzer remembers


def find_spans(text: str, lang: str, terms: dict[str, set[str]], schema: Any) -> list[Span]:
    """Return the spans of words in text (of an analyzer language) that match the query terms.

    Every filter after the tokenizer treats one word at a time, so a word's index keys are the analyzer's
    output for that word alone: each distinct word is analysed once per open index and remembered.
    """
    spans: dict[tuple[int, int], Span] = {}
    for fieldname in (body_field(lang), "exact"):
        wanted = terms.get(fieldname)
        if not wanted:
            continue
        analyzer = schema[fieldname].analyzer
        memo: dict[str, tuple[str, ...]] | None = getattr(analyzer, "_searchsvc_keys", None)
        if memo is None or len(memo) > _MEMO_WORDS:
            memo = {}
            analyzer._searchsvc_keys = memo
        for m in _TOKEN.finditer(text):
            word = m.group()
            keys = memo.get(word)
            if keys is None:
                keys = memo[word] = tuple(dict.fromkeys(t.text for t in analyzer(word, mode="index")))
            for key in keys:
                if key in wanted:
                    spans.setdefault((m.start(), m.end()), Span(m.start(), m.end(), key))
                    break
    return sorted(spans.values(), key=lambda s: s.start)


def mark(text: str, spans: list[Span], offset: int = 0) -> str:
    """Return text HTML-escaped, with the given spans (relative to offset) wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for span in spans:
        s, e = span.start - offset, span.end - offset
        if s < pos or s < 0 or e > len(text):
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+(?=[\"“«(‘'A-ZÀ-Ý0-9–-])")


def _window(text: str, spans: list[Span]) -> tuple[int, int]:
    """Return the (start, end) of the ~PASSAGE_CHARS window of whole sentences with the most distinct matches."""
    if len(text) <= PASSAGE_CHARS * 1.4:
        return 0, len(text)
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    sentences = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]
    best = (0, 0, len(text))
    best_score = (-1, 0)
    for i, (start, _) in enumerate(sentences):
        end = start
        for j in range(i, len(sentences)):
            if end - start > 0 and sentences[j][1] - start > PASSAGE_CHARS:
                break
            end = sentences[j][1]
        inside = [s for s in spans if start <= s.start < end]
        score = (len({s.key for s in inside}), len(inside))
        if score > best_score:
            best_score, best = score, (i, start, end)
    _, start, end = best
    if end - start > PASSAGE_CHARS * 1.6:  # one very long sentence: cut around the first match
        first = next((s.start for s in spans if start <= s.start < end), start)
        start = max(start, first - PASSAGE_CHARS // 3)
        end = min(end, start + PASSAGE_CHARS)
        while start > 0 and not text[start - 1].isspace():
            start += 1
        while end < len(text) and not text[end].isspace() and end > start:
            end -= 1
    return start, end


def _idf(reader: Any, key: str, fields: Iterable[str]) -> float:
    n = max(reader.doc_count(), 1)
    df = max((reader.doc_frequency(f, key) for f in fields), default=0)
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def passages(
    stored: dict[str, Any],
    terms: dict[str, set[str]],
    reader: Any,
    limit: int = MAX_PASSAGES,
    meta: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Return up to `limit` best passages of a stored document, each with marked HTML and a citation."""
    text: str = stored["text"]
    meta = meta if meta is not None else load_meta(stored)
    paras = json.loads(stored["paras"])
    scored = []
    idf_cache: dict[str, float] = {}
    for number, (start, end, lang, _prob) in enumerate(paras, start=1):
        para = text[start:end]
        spans = find_spans(para, langid.analysis_language(lang), terms, reader.schema)
        if not spans:
            continue
        score = 0.0
        for key in {s.key for s in spans}:
            if key not in idf_cache:
                idf_cache[key] = _idf(reader, key, [*BODY_FIELDS, "exact"])
            score += idf_cache[key]
        score += 0.1 * math.log1p(len(spans))
        scored.append((score, number, start, para, spans))
    if not scored and paras:  # matched on the title only: show the opening paragraph
        start, end = paras[0][0], paras[0][1]
        scored.append((0.0, 1, start, text[start:end], []))
    scored.sort(key=lambda x: (-x[0], x[1]))
    result = []
    for _score, number, start, para, spans in scored[:limit]:
        w_start, w_end = _window(para, spans)
        while w_end > w_start and para[w_end - 1].isspace():
            w_end -= 1
        chunk = para[w_start:w_end]
        inside = [s for s in spans if w_start <= s.start and s.end <= w_end]
        prefix = "… " if w_start > 0 else ""
        suffix = " …" if w_end < len(para) else ""
        result.append(
            {
                "paragraph": number,
                "text": prefix + chunk + suffix,
                "html": html.escape(prefix) + mark(chunk, inside, w_start) + html.escape(suffix),
                "start": start + w_start,
                "end": start + w_end,
                "citation": citation(meta, number),
            }
        )
    return result


LEAD_CHARS = 80


def load_meta(stored: dict[str, Any]) -> dict[str, Any]:
    """Return a stored document's metadata, with the lead words of its text for documents without a title."""
    meta: dict[str, Any] = json.loads(stored["meta"])
    if not meta.get("title"):
        meta["lead"] = lead(stored.get("text") or "")
    return meta


def lead(text: str) -> str:
    """Return the first sentence of a text, cut at a word to about LEAD_CHARS characters."""
    first = text.split("\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0]
    if len(sentence) <= LEAD_CHARS:
        return sentence
    cut = sentence[:LEAD_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + " …"


def display_title(meta: dict[str, Any]) -> str:
    """Return the title to show: the stated one, else the document's opening words, else its id."""
    return meta.get("title") or meta.get("lead") or meta["id"]


def document_url(doc_id: str, paragraph: int | None = None) -> str:
    """Return the path of a document's page, at a paragraph when given."""
    url = "/documents/" + quote(doc_id, safe="")
    return url + (f"#p{paragraph}" if paragraph else "")


def citation(meta: dict[str, Any], paragraph: int) -> dict[str, Any]:
    """Return the citation of one paragraph: the facts and a formatted line to quote."""
    # Quote a title only when the document states one; otherwise cite by id, which is exact.
    parts = [f"“{meta['title']}”" if meta.get("title") else meta["id"]]
    parts += [meta[k] for k in ("source", "date", "doc_number") if meta.get(k)]
    parts.append(f"par. {paragraph}")
    return {
        "title": meta.get("title"),
        "source": meta.get("source"),
        "date": meta.get("date"),
        "doc_number": meta.get("doc_number"),
        "paragraph": paragraph,
        "url": document_url(meta["id"], paragraph),
        "text": ", ".join(parts),
    }


# --- searching -------------------------------------------------------------------------------


_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _candidate_words(q: str) -> Iterable[re.Match[str]]:
    """Yield the plain words of a query string: not operators, field names, prefixes, fuzzy terms or numbers."""
    for m in _WORD.finditer(q):
        word = m.group(0)
        before = q[max(0, m.start() - 1) : m.start()]
        after = q[m.end() : m.end() + 1]
        if word in _OPERATORS or after in (":", "*", "~", "?") or before == ":" or len(word) < 3 or word.isdigit():
            continue
        yield m


def is_known(word: str, reader: Any) -> bool:
    """Say whether a word matches anything in the index, exactly or through any language's stemming."""
    if reader.doc_frequency("exact", _fold(word.lower())) > 0:
        return True
    for fieldname in BODY_FIELDS + TITLE_FIELDS:
        for token in reader.schema[fieldname].analyzer(word, mode="query"):
            if reader.doc_frequency(fieldname, token.text) > 0:
                return True
    return False


def suggest(q: str, searcher: Any) -> str | None:
    """Return the query with words the index does not know replaced by the closest indexed words, or None."""
    reader = searcher.reader()
    corrector = None
    out: list[str] = []
    last = 0
    changed = False
    for m in _candidate_words(q):
        word = m.group(0)
        if is_known(word, reader):
            continue
        corrector = corrector or reader.corrector("exact")
        found = corrector.suggest(_fold(word.lower()), limit=1, maxdist=2, prefix=1)
        if found:
            out.append(q[last : m.start()])
            out.append(found[0])
            last = m.end()
            changed = True
    out.append(q[last:])
    return "".join(out) if changed else None


def _fold(word: str) -> str:
    return word.translate(FOLD_MAP)


def search(searcher: Any, req: SearchRequest) -> dict[str, Any]:
    """Run a search and return the API's JSON shape: hits with passages and citations, facets, suggestion."""
    started = time.perf_counter()
    q = parse_query(req.q, searcher.schema)
    q = _drop_empty(expand(q, searcher.reader()))
    if q is None or q is wq.NullQuery or not _has_positive(q):
        q = wq.NullQuery
    table = docsets.facet_table(searcher)
    allowed = filter_docs(searcher, req, table)
    try:
        found: dict[int, float] | None = rank.scores(searcher, q)
    except rank.Unsupported:
        found = None
    # Count and facet the whole result set from document-number sets; rank only the hits up to this page.
    if found is not None:
        if allowed is not None:
            found = {d: s for d, s in found.items() if d in allowed}
        matched = set(found)
    else:
        matched = docsets.query_docs(searcher, q)
        if allowed is not None:
            matched &= allowed
    total = len(matched)
    last_page = max(1, math.ceil(total / req.per_page))
    page_no = min(req.page, last_page)
    wanted = page_no * req.per_page
    ranked: list[tuple[int, float]] = []
    if total and page_no == req.page:
        if found is not None and req.sort == "date":
            dates = table.dates
            by_score = rank.top(found, len(found))
            ranked = sorted(by_score, key=lambda item: dates[item[0]] or "", reverse=True)[:wanted]
        elif found is not None:
            ranked = rank.top(found, wanted)
        else:
            kwargs: dict[str, Any] = {"filter": allowed}
            if req.sort == "date":
                kwargs["sortedby"] = sorting.MultiFacet(
                    [sorting.FieldFacet("date_sort", reverse=True), sorting.ScoreFacet()]
                )
            ranked = [(hit.docnum, _hit_score(hit)) for hit in searcher.search(q, limit=wanted, terms=False, **kwargs)]
    page_hits = ranked[(page_no - 1) * req.per_page :]
    terms = match_terms(q, searcher.reader())
    hits = []
    for docnum, score in page_hits:
        stored = searcher.stored_fields(docnum)
        meta = load_meta(stored)
        hits.append(
            {
                "id": meta["id"],
                "title": display_title(meta),
                "language": meta.get("language"),
                "date": meta.get("date"),
                "source": meta.get("source"),
                "doc_number": meta.get("doc_number"),
                "author": meta.get("author"),
                "score": round(float(score), 4),
                "url": document_url(meta["id"]),
                "passages": passages(stored, terms, searcher.reader(), limit=req.passages, meta=meta) if req.passages else [],
            }
        )
    counts = table.counts(matched)
    facets = {name: _facet(counts[name]) for name in ("language", "year", "source")}
    suggestion = suggest(req.q, searcher)
    return {
        "query": req.q,
        "total": total,
        "page": req.page,
        "per_page": req.per_page,
        "pages": max(1, math.ceil(total / req.per_page)),
        "sort": req.sort,
        "filters": {"lang": req.langs, "from": req.date_from, "to": req.date_to, "source": req.source},
        "took_ms": round((time.perf_counter() - started) * 1000, 2),
        "hits": hits,
        "facets": facets,
        "suggestion": suggestion,
    }


def _hit_score(hit: Any) -> float:
    """Return a hit's relevance score; when sorted by date Whoosh gives the sort key (date, -score) instead."""
    score = hit.score
    if isinstance(score, tuple):  # MultiFacet(date_sort, ScoreFacet): the last part is the negated score
        score = -score[-1] if score and isinstance(score[-1], (int, float)) else 0.0
    return round(float(score or 0.0), 4)


def _facet(groups: dict[Any, int]) -> dict[str, int]:
    """Return facet counts with readable keys, largest first."""
    out: dict[str, int] = {}
    for key, count in groups.items():
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        name = key if key not in (None, "") else "unknown"
        out[name] = out.get(name, 0) + count
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def get_document(searcher: Any, doc_id: str, q: str | None = None) -> dict[str, Any]:
    """Return one document's metadata and numbered paragraphs, with the query's words marked when given."""
    stored = searcher.document(id=doc_id)
    if stored is None:
        raise DocumentNotFound(f"no document has the id {doc_id!r}")
    meta = load_meta(stored)
    text = stored["text"]
    terms: dict[str, set[str]] = {}
    if q:
        try:
            terms = match_terms(parse_query(clean_query(q), searcher.schema), searcher.reader())
        except BadQuery:
            terms = {}
    paragraphs = []
    for number, (start, end, lang, prob) in enumerate(json.loads(stored["paras"]), start=1):
        para = text[start:end]
        spans = find_spans(para, langid.analysis_language(lang), terms, searcher.schema) if terms else []
        paragraphs.append(
            {
                "number": number,
                "anchor": f"p{number}",
                "start": start,
                "end": end,
                "language": lang,
                "language_prob": prob,
                "text": para,
                "html": mark(para, spans),
                "citation": citation(meta, number),
            }
        )
    public = {k: meta.get(k) for k in ("id", "title", "date", "source", "doc_number", "url", "author", "language", "language_prob")}
    public["display_title"] = display_title(meta)
    public["path"] = meta.get("path")
    return {"document": public, "paragraphs": paragraphs}


__all__ = [
    "LANGUAGES",
    "NEUTRAL",
    "SearchRequest",
    "parse_request",
    "search",
    "get_document",
    "parse_query",
    "suggest",
]
