"""Validate a search request and parse, clean and expand what a person typed into a Whoosh query."""

from __future__ import annotations

import copy
import datetime
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from typing import Any, Iterable

from whoosh import qparser, query as wq
from whoosh.qparser import syntax

from . import docnumbers, lexicon, whooshfast
from .analysis import LANGUAGES, NEUTRAL
from .errors import BadQuery, QueryTooCostly
from .highlight import MAX_PASSAGES
from .memo import Memo
from .rank import Translations
from .schema import ALIASES, FIELD_BOOSTS, SEARCH_FIELDS, body_field, schema_memo, schema_memos, sort_date, title_field

MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100
# Names a facet lists (largest first) unless facet_limit asks for more: a search of 100,000 documents met up to
# 1,875 sources, which made a page's filter column endless and half of a response's bytes.
FACET_VALUES = 10
MAX_FACET_VALUES = 1000
MAX_FUZZY_DISTANCE = 2  # word~9 would build a huge automaton and hang the worker
SORTS = ("relevance", "date")
FUZZY_FIELDS = ("exact", "title_exact")

# One rule for every number and date a request carries: ASCII digits only (a full-width １０ is refused
# alike in per_page and in from/to, so what is accepted never depends on the parameter).
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
_DMY_DATE = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})", re.ASCII)
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD (2018, 2018-03, 2018-03-27), or DD-MM-YYYY (27-03-2018)"
# Language codes a filter accepts besides those the index holds: the analysed languages and the code of
# text whose language was not recognised.
LANG_CODES = (*LANGUAGES, NEUTRAL)


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
    correct: bool = True  # when nothing matches, answer with the spelling-corrected query's results
    base_url: str = ""  # scheme and host that links start with (http://host); set by the web layer
    translate: bool = True  # also search the query's words translated into the other languages (issue 15)
    group: bool = False  # fold the page's reports of one story under the first (same_story); the web layer sets it
    facet_limit: int = FACET_VALUES  # names per facet, largest first; facets_more counts the rest


def parse_request(args: dict[str, Any]) -> SearchRequest:
    """Return a SearchRequest from query-string arguments; raise BadQuery saying what to fix."""
    q = clean_query(args.get("q") or "")
    langs = [x.strip().lower() for x in (args.get("lang") or "").split(",") if x.strip()]
    for lang in langs:
        if not re.fullmatch(r"[a-z]{2,3}", lang, re.ASCII):
            raise BadQuery(f"lang={lang!r} is not a language code; {_lang_help()}")
    dates = {key: parse_date(args.get(key), key) for key in ("from", "to")}
    if dates["from"] and dates["to"] and sort_date(dates["from"]) > end_of(dates["to"]):
        raise BadQuery(
            f"from={dates['from']} is after to={dates['to']}; put the earlier date in 'from' and the later one in 'to'"
        )
    sort = (args.get("sort") or "relevance").strip().lower()
    if sort not in SORTS:
        raise BadQuery(f"sort={sort!r} is not known; use 'relevance' or 'date'")
    page = parse_int(args, "page", 1, 1, 10_000)
    per_page = parse_int(args, "per_page", 10, 1, MAX_PER_PAGE)
    n_passages = parse_int(args, "passages", MAX_PASSAGES, 0, MAX_PASSAGES)
    raw_sources = args.get("source") if isinstance(args.get("source"), str) else ""
    # Sources match whatever their case: 'anp' finds documents from 'ANP' (see resolve_sources).
    sources = list(dict.fromkeys(s.strip().casefold() for s in raw_sources.split("|") if s.strip()))
    correct = (args.get("correct") or "true").strip().lower()
    if correct not in ("true", "false", "1", "0"):
        raise BadQuery(f"correct={correct!r} is not known; use 'true' (the default) or 'false'")
    translate = parse_translate(args)
    facet_limit = parse_int(args, "facet_limit", FACET_VALUES, 0, MAX_FACET_VALUES)
    return SearchRequest(
        q, langs, dates["from"], dates["to"], sources, sort, page, per_page, n_passages, correct in ("true", "1"),
        translate=translate, facet_limit=facet_limit,
    )


def parse_translate(args: dict[str, Any]) -> bool:
    """Return the request's translate=0|1 (default 1: also search the words' translations); else a 400."""
    translate = (args.get("translate") or "1").strip().lower()
    if translate not in ("0", "1"):
        raise BadQuery(f"translate={translate!r} is not known; use 1 (also search other languages, the default) or 0")
    return translate == "1"


def _lang_help(known: Iterable[str] = ()) -> str:
    """Return the sentence that names the language codes a filter accepts."""
    others = sorted(set(known) - set(LANG_CODES))
    extra = f", or another language this index holds ({', '.join(others)})" if others else ""
    return (
        f"use nl, en or de, or {NEUTRAL} for text whose language was not recognised{extra}; "
        "separate several with commas"
    )


def check_langs(req: SearchRequest, reader: Any) -> None:
    """Raise BadQuery when the request filters on a language that no document of the index can have."""
    if not req.langs:
        return
    known = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("lang")} if "lang" in reader.schema else set()
    for lang in req.langs:
        if lang not in LANG_CODES and lang not in known:
            raise BadQuery(f"lang={lang!r} is not a language of this index; {_lang_help(known)}")


def resolve_sources(requested: list[str], reader: Any) -> list[str]:
    """Return the indexed source names that equal the requested ones when case is ignored."""
    if not requested or "source" not in reader.schema:
        return []
    wanted = set(requested)
    found = []
    for term in reader.lexicon("source"):  # one entry per distinct source: a short list
        name = term.decode("utf-8") if isinstance(term, bytes) else term
        if name.casefold() in wanted:
            found.append(name)
    return found


def parse_date(raw: Any, key: str = "date") -> str | None:
    """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from ISO or DD-MM-YYYY input; raise BadQuery otherwise."""
    value = str(raw or "").strip()
    if not value:
        return None
    iso: str | None = None
    if m := _ISO_DATE.fullmatch(value):
        iso = value
    elif m := _DMY_DATE.fullmatch(value):
        iso = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if iso is None or not _real_date(iso):
        raise BadQuery(f"{key}={value!r} is not a date; write it as {DATE_FORMS}")
    return iso


def end_of(date: str) -> str:
    """Return the last day a partial date can mean, for an inclusive 'to' bound."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-31"
    return date


def _real_date(value: str) -> bool:
    """Say whether a YYYY[-MM[-DD]] string names a day, month or year that exists (not 2019-13-45)."""
    padded = sort_date(value)
    try:
        datetime.date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def parse_int(args: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    """Return a whole-number argument written in ASCII digits within [low, high]; raise BadQuery otherwise."""
    raw = args.get(key)
    if raw in (None, ""):
        return default
    text = str(raw).strip()
    if not _DIGITS.fullmatch(text.lstrip("+-")) or text.startswith("+"):
        raise BadQuery(f"{key}={raw!r} is not a whole number; use a number from {low} to {high}, in the digits 0-9")
    value = int(text)
    if not low <= value <= high:
        raise BadQuery(f"{key}={value} is out of range; use a number from {low} to {high}")
    return value


_int_arg = parse_int  # the old name


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


NUMBER_BOOST = 20.0  # a document's own number outranks documents that merely mention its parts


def parse_query(q: str, schema: Any) -> Any:
    """Return the Whoosh query for a cleaned query string; raise BadQuery when nothing searchable is left."""
    if not q:
        raise BadQuery("type at least one word to search for")
    if key := docnumbers.query_key(q):  # "35373-1", "Kamerstuk 35 373 nr. 1": the document with that number first
        try:
            return wq.Or([wq.Term("numbers", key, boost=NUMBER_BOOST), _parse_words(q.replace("/", " "), schema)])
        except BadQuery:
            return wq.Term("numbers", key, boost=NUMBER_BOOST)
    return _parse_words(q, schema)


def _parse_words(q: str, schema: Any) -> Any:
    """Return the Whoosh query of words, phrases and operators; raise BadQuery when nothing is left."""
    text = _sanitise(q)
    costly = _costly_wildcard(text)
    if costly:  # refused before parsing: 77 of them cost the parser 70 ms
        raise QueryTooCostly(f"{TOO_MANY}: {costly!r} has fewer than {MIN_WILDCARD_PREFIX} letters before * or ?")
    try:
        parsed = _plain_words(text, schema)  # normalised already, and without fuzzy words
        if parsed is None:
            parsed = make_parser(schema).parse(text)
            parsed = _drop_empty(parsed)
            _clamp_fuzzy(parsed)
            parsed = _drop_empty(parsed)
    except Exception as exc:  # the parser is lenient, but a library error must not become a 500
        raise BadQuery(f"the query could not be read ({exc}); try plain words") from None
    if parsed is not None:
        _refuse_costly(parsed)
    if not has_positive(parsed):
        raise BadQuery(
            "the query has no words to search for; type words, a \"quoted phrase\", or use OR, -word, prefix*, word~"
        )
    return parsed


# Words of letters and digits one space apart, none an operator: what the parser makes of them is known.
_PLAIN = re.compile(r"[^\W_]+(?: [^\W_]+)*")
_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# Per open schema (schema.schema_memo), the terms each field's analyzer makes of a query word. The words of
# queries come back (58 % of a query's field analyses over the benchmark's load pool had been made before), and
# analysing one through Whoosh's chain costs ~15 µs a field. Past QUERY_WORDS remembered analyses the memo starts
# afresh: 50,000 held ~9 MB of a worker after 6,000 distinct queries (bench/queries.json's load pool), where the
# memory target is tight.
QUERY_WORDS = 20_000


def query_tokens(schema: Any, fieldname: str, word: str) -> tuple[str, ...]:
    """Return the terms a field's analyzer makes of a query word (as the parser's term_query asks it), remembered."""
    memo = Memo.kept_in(schema_memo(schema), "query_tokens", QUERY_WORDS)
    key = (fieldname, word)
    found = memo.get(key)
    if found is None:
        terms = tuple(t.text for t in schema[fieldname].analyzer(word, mode="query", tokenize=True, removestops=True))
        memo[key] = terms[0] if len(terms) == 1 else terms  # most words are one term: kept as the str alone
        return terms
    return (found,) if type(found) is str else found  # type: ignore[return-value]


def clear_memos() -> None:
    """Forget the remembered analyses of query words (the word lists changed)."""
    for memo in schema_memos():
        memo.pop("query_tokens", None)


lexicon.CACHE_CLEARS.append(clear_memos)


def _plain_words(text: str, schema: Any) -> Any:
    """Return the parser's query for plain words without running its tokenizer and plugins, or None for other text.

    Most queries are plain words; tagging the text, running the plugins over it and normalising the result
    (hashing every term, three times) were two thirds of parsing them. The query is what the parser builds:
    each word an Or of the search fields, a Term (with the field's boost) per field whose analyzer makes one
    term of it (query_tokens, as term_query asks), all of them an And, normalised. A word a field splits is
    left to the parser. tests/test_engine.py compares the two on the benchmark's queries and real text.
    """
    if not _PLAIN.fullmatch(text):
        return None
    words = text.split(" ")
    if not _OPERATOR_WORDS.isdisjoint(words):
        return None
    groups = []
    for word in words:
        # term_query's own steps for a field that does not parse queries itself (every text field):
        # one term becomes a Term, none (a stopword) nothing, several are left to term_query below.
        texts = [query_tokens(schema, name, word) for name in SEARCH_FIELDS]
        if any(len(t) > 1 for t in texts):  # a word some analyzer splits: the parser's multi-token rules
            return None
        groups.append([wq.Term(name, t[0], boost=FIELD_BOOSTS.get(name, 1.0))
                       for name, t in zip(SEARCH_FIELDS, texts) if t])
    # Terms only: normalize() would drop empty groups, unwrap single ones and drop repeated ones (a word typed
    # twice, or in two cases), nothing else. Hashing every term for its duplicate check was half its cost.
    out: list[Any] = []
    for group in groups:
        if group:
            q = group[0] if len(group) == 1 else wq.Or(group)
            if q not in out:
                out.append(q)
    if not out:
        return wq.NullQuery
    return out[0] if len(out) == 1 else wq.And(out)


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


MAX_TERM_EXPANSION = 2000  # indexed words one prefix*, wildcard or word~ may stand for in one field
MAX_QUERY_EXPANSION = 4000  # indexed words all of a query's prefixes, wildcards and fuzzy words may stand for
# A prefix or wildcard is what the person typed, so it expands over the unstemmed words only: a stemmed
# field's word list holds truncated forms, and expanding all ten fields cost ten times the lookups.
EXPAND_FIELDS = FUZZY_FIELDS
MAX_WILDCARD_SCAN = 20_000  # words a wildcard may test against its pattern, per field
MIN_WILDCARD_PREFIX = 2  # letters a wildcard with * or ? inside needs before the first one
# A word with * or ? after fewer than MIN_WILDCARD_PREFIX letters and a letter after it (*qb*, a?c): a
# wildcard the word list cannot narrow by its first letters. A plain trailing `e*` is a prefix, allowed.
_COSTLY_WILDCARD = re.compile(r"^[^\W_]?[*?]+[^\W_]")


def _costly_wildcard(text: str) -> str | None:
    """Return the first word of a query string that is a wildcard with too few letters before * or ?, or None."""
    for token in text.split():
        word = re.sub(r"^[(+\-]*(?:\w+:)?\(*", "", token)  # a quoted "*word" is a phrase word, not a wildcard
        if _COSTLY_WILDCARD.match(word):
            return word
    return None
TOO_MANY = "this query expands to too many words; make the wildcards longer"


def expand(q: Any, reader: Any, budget: Any = None) -> Any:
    """Return the query with each prefix*, wildcard and word~ replaced by the indexed words it stands for.

    The one expansion of a query, under one limit: counting, ranking and highlighting all use its words.
    Raises QueryTooCostly when a term or the whole query stands for too many words.
    """
    seen = [0]

    def walk(node: Any) -> Any:
        # Empty parts are dropped here, as Query.normalize() would, without its copy of every term.
        if isinstance(node, wq.MultiTerm) and not isinstance(node, wq.Phrase):
            if node.fieldname not in EXPAND_FIELDS:
                return wq.NullQuery
            texts = list(_expanded(node, reader, budget, seen))
            if not texts:
                return wq.NullQuery
            return wq.Or([wq.Term(node.fieldname, t) for t in texts], boost=node.boost)
        if isinstance(node, wq.Not):
            inner = walk(node.query)
            return wq.NullQuery if inner is wq.NullQuery else wq.Not(inner, boost=node.boost)
        if isinstance(node, wq.AndNot):
            a, b = walk(node.a), walk(node.b)
            return a if b is wq.NullQuery or a is wq.NullQuery else _with_boost(wq.AndNot(a, b), node.boost)
        if isinstance(node, wq.AndMaybe):
            a, b = walk(node.a), walk(node.b)
            return a if b is wq.NullQuery or a is wq.NullQuery else _with_boost(wq.AndMaybe(a, b), node.boost)
        if isinstance(node, wq.compound.BinaryQuery):  # Otherwise, Require and any other pair
            return node.apply(walk)
        if isinstance(node, wq.compound.CompoundQuery) and not isinstance(node, wq.compound.BinaryQuery):
            subs = [s for s in (walk(sub) for sub in node.subqueries) if s is not wq.NullQuery]
            if not subs:
                return wq.NullQuery
            node = copy.copy(node)
            node.subqueries = subs
            return node
        return node

    return walk(q)


def _with_boost(node: Any, boost: float) -> Any:
    node.boost = boost
    return node


def _expanded(node: Any, reader: Any, budget: Any, seen: list[int]) -> Any:
    """Yield the words (text) one prefix/wildcard/fuzzy node stands for in its field, within the limits."""
    fieldname = node.fieldname
    if fieldname not in reader.schema:
        return
    field_obj = reader.schema[fieldname]
    if isinstance(node, wq.Prefix):
        candidates, pattern = reader.expand_prefix(fieldname, node.text), None
    elif isinstance(node, wq.Wildcard):
        prefix = _wildcard_prefix(node.text)
        candidates, pattern = reader.expand_prefix(fieldname, prefix), _wildcard_regex(node.text)
    elif isinstance(node, wq.FuzzyTerm):
        candidates, pattern = reader.terms_within(fieldname, node.text, node.maxdist, prefix=node.prefixlength), None
    else:
        raise BadQuery(f"{node} is not a kind of search this service knows; try plain words")
    count = scanned = 0
    for btext in candidates:
        scanned += 1
        if budget is not None and not scanned % 256:
            budget.check()
        text = field_obj.from_bytes(btext) if isinstance(btext, bytes) else btext
        if pattern is not None:
            if scanned > MAX_WILDCARD_SCAN:
                raise QueryTooCostly(f"{TOO_MANY} ({node.text!r} would test more than {MAX_WILDCARD_SCAN:,})")
            if not pattern.match(text):
                continue
        count += 1
        seen[0] += 1
        if count > MAX_TERM_EXPANSION:
            raise QueryTooCostly(f"{TOO_MANY} ({node.text!r} stands for more than {MAX_TERM_EXPANSION:,} words)")
        if seen[0] > MAX_QUERY_EXPANSION:
            raise QueryTooCostly(f"{TOO_MANY} (together more than {MAX_QUERY_EXPANSION:,} words)")
        yield text


def _wildcard_regex(text: str) -> re.Pattern[str]:
    """Return the regular expression of a wildcard word: * any letters, ? one letter."""
    return re.compile("".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in text) + r"\Z", re.S)


def _wildcard_prefix(text: str) -> str:
    """Return the letters before a wildcard's first * or ?."""
    return re.split(r"[*?]", text, maxsplit=1)[0]


def _refuse_costly(q: Any) -> None:
    """Raise QueryTooCostly for wildcards with too few letters before the first * or ? (*qb*, a?c*)."""
    if isinstance(q, wq.Wildcard) and len(_wildcard_prefix(q.text)) < MIN_WILDCARD_PREFIX:
        raise QueryTooCostly(
            f"{TOO_MANY}: {q.text!r} starts with a wildcard; put at least {MIN_WILDCARD_PREFIX} letters before * or ?"
        )
    for child in q.children():
        _refuse_costly(child)


def _drop_empty(q: Any) -> Any:
    """Return the query without empty groups (left when stopwords or punctuation vanish)."""
    return q.normalize() if q is not None else None


def has_positive(q: Any) -> bool:
    """Say whether a query (None for nothing left) has at least one clause that is not negated."""
    if q is None or q is wq.NullQuery or isinstance(q, wq.Not):
        return False
    if isinstance(q, wq.compound.CompoundQuery):
        return any(has_positive(sub) for sub in q.subqueries)
    return True


# --- cross-language hook (issue 15): kept apart so the engine rewrite can take it as it is ----------------

# Weight of a word's translations against the word itself (1.0 = equal). Chosen with
# `bench/quality.py --cross-language --xl-boost B` (README, "Cross-language search").
TRANSLATION_BOOST = 0.8
_OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")


def query_words(text: str) -> list[str]:
    """Return the words a query may have translated: plain words and the words of quoted phrases, in order.

    Never negated words (-word, NOT word), prefix*/word~ or field:word: those keep their exact meaning.
    """
    words: list[str] = []
    negate = False
    for m in re.finditer(r'"[^"]*"|\S+', _sanitise(text)):
        token = m.group(0)
        if token in _OPERATORS:
            negate = token in ("NOT", "ANDNOT")
            continue
        if negate or token.startswith(("-", "+")) or ":" in token or re.search(r"[*?~]", token):
            negate = False
            continue
        parts = token.strip('"').split() if token.startswith('"') else [token]
        words.extend(w.strip("()").strip(".,;!?'") for w in parts)
    return [w for w in words if w]


# Per open reader (one per build a worker has open), how many documents of a language have a word: translation
# asks it of every candidate of every query word (13 a request over bench/queries.json's load pool), and the
# dictionaries' common words come back query after query. Past FREQUENCY_WORDS the memo starts afresh.
_FREQUENCIES: "weakref.WeakKeyDictionary[Any, Memo]" = weakref.WeakKeyDictionary()
FREQUENCY_WORDS = 50_000
# Per open reader, each query word's translations (translate_words' memo): 40 % of the load pool's words come
# back in a later query, and a word's sources, dictionary entries and their frequencies cost ~1 ms to find.
# Past TRANSLATION_MEMO_WORDS words (and adjacent-word phrases) it starts afresh: 20,000 held ~5 MB of a worker
# after 6,000 distinct queries.
_TRANSLATIONS: "weakref.WeakKeyDictionary[Any, Memo]" = weakref.WeakKeyDictionary()
TRANSLATION_MEMO_WORDS = 5_000


def add_translations(
    q: Any, text: str, reader: Any, schema: Any, langs: Iterable[str] = ()
) -> tuple[Any, dict[str, dict[str, list[str]]]]:
    """Return the query with each word's group OR-ed with its translations (boosted below it), and those used.

    A word and its translations stay one clause of the top-level And, so a document matches that word
    through either; the translations are a rank.Translations node, so that the engine ranks documents found
    only through them after those with the words as typed. langs (the request's language filter) limits the
    target languages.
    """
    from . import translate  # the dictionaries load lazily; a query without translation never touches them

    if not translate.available():
        return q, {}
    targets = [lang for lang in langs if lang in LANGUAGES] or list(LANGUAGES)

    def tokens(fieldname: str, word: str) -> list[str]:
        return list(query_tokens(schema, fieldname, word))

    try:
        known = Memo.kept_in(_FREQUENCIES, reader, FREQUENCY_WORDS)
        memo: Memo | None = Memo.kept_in(_TRANSLATIONS, reader, TRANSLATION_MEMO_WORDS)
    except TypeError:  # a reader that cannot be weakly referenced: no memos
        known, memo = {}, None

    def frequency(lang: str, word: str) -> int:
        # Documents of lang with the word: 0 drops the translation (precision first), more ranks it higher.
        found = known.get((lang, word))
        if found is None:
            toks = tokens(body_field(lang), word)
            found = known[(lang, word)] = min(
                (whooshfast.doc_frequency(reader, body_field(lang), t) for t in toks), default=0
            )
        return found

    found = translate.translate_words(query_words(text), None, targets, frequency, memo=memo)
    alternatives: dict[tuple[str, ...], tuple[str, Any]] = {}  # the word's exact tokens -> (word, its translations)
    for word, per_lang in found.items():
        alts: list[Any] = []
        for lang, cands in per_lang.items():
            for cand in cands:
                for fieldname in (body_field(lang), title_field(lang)):
                    toks = tokens(fieldname, cand)
                    if len(toks) == 1:
                        alts.append(wq.Term(fieldname, toks[0]))
                    elif toks:  # a multi-word translation (human rights -> Menschen Rechte) is a phrase
                        alts.append(wq.Phrase(fieldname, toks, slop=2))
        key = tuple(tokens("exact", word))
        if alts and key:
            alternatives[key] = (word, Translations(alts, boost=TRANSLATION_BOOST))
    used: dict[str, dict[str, list[str]]] = {}

    def exact_key(node: Any) -> tuple[str, ...] | None:
        if isinstance(node, wq.Term) and node.fieldname == "exact":
            return (node.text,)
        if isinstance(node, wq.Phrase) and node.fieldname == "exact":
            return tuple(node.words)
        return None

    def rewrite(node: Any) -> Any:
        if isinstance(node, (wq.Not, wq.AndNot)):
            return node if isinstance(node, wq.Not) else wq.AndNot(rewrite(node.a), node.b)
        if not isinstance(node, (wq.And, wq.Or)):
            return node  # a lone word in one field (title:word) has no exact clause: left as typed
        keys = [k for k in map(exact_key, node.subqueries) if k in alternatives]
        if isinstance(node, wq.Or) and keys:
            # The parser's group for a word or phrase (one Or over the fields, with its exact-field clause).
            for k in keys:
                word = alternatives[k][0]
                used[word] = found[word]
            return wq.Or([node, *(alternatives[k][1] for k in dict.fromkeys(keys))])
        node = copy.copy(node)
        node.subqueries = [rewrite(sub) for sub in node.subqueries]
        return node

    return rewrite(q), used


def also_searched(translations: dict[str, dict[str, list[str]]]) -> str:
    """Return the translations a search used, per language: 'expel, deport (en); ausweisen (de)'."""
    per_lang: dict[str, list[str]] = {}
    for by_lang in translations.values():
        for lang, words in by_lang.items():
            have = per_lang.setdefault(lang, [])
            have += [w for w in words if w not in have]
    return "; ".join(f"{', '.join(words)} ({lang})" for lang, words in per_lang.items())
