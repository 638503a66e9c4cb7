"""The OpenAPI 3.1 description of the API, kept next to the code that serves it and checked by the tests."""

from __future__ import annotations

from typing import Any

NULLABLE_STR = {"type": ["string", "null"]}
# ISO YYYY, YYYY-MM, YYYY-MM-DD or DD-MM-YYYY, in ASCII digits (one rule for every number and date).
DATE_PATTERN = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})$"

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "job": NULLABLE_STR},
        }
    },
}

CITATION = {
    "type": "object",
    "required": ["title", "display_title", "source", "date", "doc_number", "page", "paragraph", "url", "text"],
    "properties": {
        "title": {**NULLABLE_STR, "description": "The title the document states; null when it states none."},
        "display_title": {"type": "string", "description": "The title to show: the stated one, else the opening words."},
        "source": NULLABLE_STR,
        "date": NULLABLE_STR,
        "doc_number": NULLABLE_STR,
        "paragraph": {"type": "integer", "minimum": 1},
        "url": {
            "type": "string", "format": "uri",
            "description": "Absolute link to the document page at this paragraph (…/documents/<id>#p<N>); "
            "starts with SEARCHSVC_PUBLIC_URL, else the request's host.",
        },
        "page": {"type": ["integer", "null"], "minimum": 1, "description": "Physical page (from 1) of a paged source such as a PDF; null for unpaged sources."},
        "page_label": NULLABLE_STR | {"description": "The page number printed on that page ('32', 'iv'), where known."},
        "original_url": NULLABLE_STR | {"description": "Link to the original file (…/original#page=N for a PDF); null for plain-text seeds."},
        "text": {
            "type": "string",
            "description": "Citation to paste into a memo: “title” (or the first words in quotes), source, date, "
            "number, page, par. N, link.",
        },
    },
}

PASSAGE = {
    "type": "object",
    "required": ["paragraph", "text", "html", "citation"],
    "properties": {
        "paragraph": {"type": "integer", "minimum": 1},
        "text": {"type": "string", "description": "Plain text of the passage."},
        "html": {"type": "string", "description": "HTML-escaped passage; matched words in <mark>."},
        "start": {"type": "integer", "description": "Offset of the passage in the normalised document text."},
        "end": {"type": "integer"},
        "citation": {"$ref": "#/components/schemas/Citation"},
    },
}

HIT = {
    "type": "object",
    "required": ["id", "title", "language", "date", "source", "doc_number", "score", "url", "passages"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string", "description": "The title to show (as display_title in /api/documents)."},
        "language": {"type": "string"},
        "date": NULLABLE_STR,
        "source": NULLABLE_STR,
        "doc_number": NULLABLE_STR,
        "author": NULLABLE_STR,
        "score": {"type": "number"},
        "url": {"type": "string", "format": "uri", "description": "Absolute link to the document page."},
        "passages": {"type": "array", "maxItems": 3, "items": {"$ref": "#/components/schemas/Passage"}},
        "translated": {
            "type": "boolean",
            "description": "Cross-language search (translate=1, /api/search only): true when the document matched only "
            "through translations of some query word; such hits rank after those with the words as typed.",
        },
    },
}

COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}

SEARCH = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "took_ms", "hits", "facets", "facets_more", "suggestion",
                 "corrected", "translations"],
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "match": {
            "type": "string", "enum": ["all", "most"],
            "description": "all: every hit has all the query's words (common words such as 'which' or 'hoe' never "
            "required); most: fewer than a page had all of them, so those with most of the words (by IDF weight) "
            "follow, ranked below. Phrases, -word/NOT, OR groups and an explicit AND keep their exact meaning.",
        },
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
        "pages": {"type": "integer", "minimum": 1},
        "sort": {"type": "string", "enum": ["relevance", "date"]},
        "filters": {"type": "object"},
        "took_ms": {"type": "number"},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        "facets": {
            "type": "object",
            "description": "Per facet, the documents of the whole result (every page) by language, year and source: "
            "at most facet_limit names (default 10), largest count first, then by name.",
            "required": ["language", "year", "source"],
            "properties": {"language": COUNTS, "year": COUNTS, "source": COUNTS},
        },
        "facets_more": {
            "type": "object",
            "description": "Per facet, how many names facet_limit left out of `facets` (0 when it lists them all).",
            "required": ["language", "year", "source"],
            "properties": {name: {"type": "integer", "minimum": 0} for name in ("language", "year", "source")},
        },
        "suggestion": {
            "type": ["string", "null"],
            "description": "The query with words that no field of the index knows replaced by close indexed words; "
            "null when every word is known.",
        },
        "corrected": {
            "type": "boolean",
            "description": "true when the query matched nothing and these are the results of `suggestion` instead "
            "(`query` stays as typed); send correct=false to get the query's own (empty) results.",
        },
        "translations": {
            "type": "object",
            "description": "Cross-language search: the translations each query word was also searched for, per "
            "language, e.g. {\"uitgezette\": {\"en\": [\"expel\"], \"de\": [\"ausweisen\"]}}; {} with translate=0, "
            "when no word has a translation found in the index, or when the dictionaries are not installed.",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
}

PARAGRAPH = {
    "type": "object",
    "required": ["number", "anchor", "text", "html", "language", "citation"],
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "anchor": {"type": "string"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "language": {"type": "string"},
        "language_prob": {"type": "number"},
        "text": {"type": "string"},
        "html": {"type": "string"},
        "page": {"type": ["integer", "null"], "description": "Physical page where the paragraph starts (paged sources)."},
        "page_label": NULLABLE_STR,
        "citation": {"$ref": "#/components/schemas/Citation"},
    },
}

DOCUMENT = {
    "type": "object",
    "required": ["document", "paragraphs"],
    "properties": {
        "document": {
            "type": "object",
            "required": ["id", "title", "display_title", "stated_title", "date", "source", "doc_number", "url",
                         "link", "author", "language"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string", "description": "The title to show, as in /api/search hits."},
                "display_title": {"type": "string", "description": "The same as title."},
                "stated_title": {**NULLABLE_STR, "description": "The title the document states; null when none."},
                "link": {"type": "string", "format": "uri", "description": "Absolute link to the document page."},
                "date": NULLABLE_STR,
                "source": NULLABLE_STR,
                "doc_number": NULLABLE_STR,
                "url": {**NULLABLE_STR, "description": "Where the original was published, when known."},
                "author": NULLABLE_STR,
                "language": {"type": "string"},
                "language_prob": {"type": "number"},
                "path": NULLABLE_STR,
                "format": {"type": "string", "enum": ["text", "pdf", "html", "docx", "odt"], "description": "What the file's bytes were read as."},
                "pages": {"type": ["integer", "null"], "description": "Pages of a paged source (PDF)."},
            },
        },
        "paragraphs": {"type": "array", "items": {"$ref": "#/components/schemas/Paragraph"}},
    },
}

HEALTH = {
    "type": "object",
    "required": ["status"],
    "properties": {
        "status": {"type": "string", "enum": ["ok", "unavailable"]},
        "documents": {"type": "integer"},
        "index": {"type": "string"},
        "error": ERROR["properties"]["error"],
        "translation": {
            "type": "object",
            "description": "Cross-language search: available is false when no FreeDict dictionary between nl, en "
            "and de is installed in dict_dir (SEARCHSVC_DICT_DIR); then searches are not translated.",
            "required": ["available", "dict_dir", "pairs"],
            "properties": {
                "available": {"type": "boolean"},
                "dict_dir": {"type": "string"},
                "pairs": {"type": "array", "items": {"type": "string"}, "description": "Source-target pairs, e.g. nl-en."},
            },
        },
    },
}


def _param(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


SEARCH_PARAMS = [
    _param("q", 'Query: words (all must match), "phrases", OR, NOT/-word, prefix*, word~, title:word.', {"type": "string", "maxLength": 1000}, True),
    _param(
        "lang", "Only documents in these languages, comma-separated (nl,en): nl, en, de, xx (language not "
        "recognised) or another code the index holds (see facets.language); any other code is a 400 naming these.",
        {"type": "string"},
    ),
    _param(
        "from", "Earliest document date: YYYY, YYYY-MM or YYYY-MM-DD, or DD-MM-YYYY (27-03-2018); ASCII digits "
        "only; anything else is a 400 showing both forms.", {"type": "string", "pattern": DATE_PATTERN},
    ),
    _param(
        "to", "Latest document date, inclusive, in the same forms as from; a to before from is a 400.",
        {"type": "string", "pattern": DATE_PATTERN},
    ),
    _param(
        "source", "Only documents from this source, case ignored (ANP = anp); repeat the parameter for several.",
        {"type": "string"},
    ),
    _param(
        "correct", "true (default): when nothing matches and the spelling suggestion does, answer with its results "
        "(corrected: true). false: the query's own results only.", {"type": "string", "enum": ["true", "false"]},
    ),
    _param(
        "translate", "1 (default): also search each word's translations into the other languages (nl, en, de; "
        "FreeDict dictionaries), listed in `translations`. 0: the words as typed only. Anything else is a 400.",
        {"type": "string", "enum": ["0", "1"]},
    ),
    _param("sort", "relevance (default) or date (newest first).", {"type": "string", "enum": ["relevance", "date"]}),
    _param("page", "Page number, from 1 (ASCII digits 0-9, as every number).", {"type": "integer", "minimum": 1, "maximum": 10000}),
    _param("per_page", "Hits per page, at most 100.", {"type": "integer", "minimum": 1, "maximum": 100}),
    _param("passages", "Passages per hit, 0 to 3 (default 3); 0 skips highlighting.", {"type": "integer", "minimum": 0, "maximum": 3}),
    _param("facet_limit", "Names each facet lists, largest count first, 0 to 1000 (default 10); facets_more counts the "
           "names left out.", {"type": "integer", "minimum": 0, "maximum": 1000}),
]


RATE_LIMITED = {
    **_json("Error", "Too many searches from this client address (SEARCHSVC_RATE_LIMIT, e.g. 120/minute); "
            "error.code is rate_limited. Only sent when a rate limit is set."),
    "headers": {
        "Retry-After": {"description": "Seconds until the next search is allowed.", "schema": {"type": "integer", "minimum": 1}},
    },
}


def spec(server: str = "") -> dict[str, Any]:
    """Return the OpenAPI document, naming the server it is served from."""
    errors = {
        "400": _json("Error", "The query or a parameter cannot be used; the message says what to fix."),
        "503": _json("Error", "No index can be opened (index_unavailable), or the search ran past its deadline (timeout)."),
    }
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "searchsvc",
            "version": "1",
            "description": "Full-text search over Dutch, English and German documents with highlighted, cited passages. "
            "Every error has the shape {\"error\": {\"code\", \"message\"}}. Limits: q at most 1000 characters, "
            "per_page at most 100, page at most 10000 (400 bad_query above them, never silently clamped); a query whose "
            "prefixes, wildcards and fuzzy words stand for too many indexed words, or a wildcard with fewer than 2 "
            "letters before its first * or ?, is refused (400 too_costly); a search running longer than "
            "SEARCHSVC_SEARCH_TIMEOUT seconds stops (503 timeout); request bodies "
            "at most 5 × SEARCHSVC_MAX_FILE_MB + 1 MB (413 too_large); searches per client address at most "
            "SEARCHSVC_RATE_LIMIT when set (429 rate_limited with Retry-After).",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Search documents",
                    "operationId": "search",
                    "parameters": SEARCH_PARAMS,
                    "responses": {"200": _json("SearchResponse", "Ranked hits"), **errors, "429": RATE_LIMITED},
                }
            },
            "/api/documents/{id}": {
                "get": {
                    "summary": "One document with numbered paragraphs",
                    "operationId": "getDocument",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        _param("q", "Mark this query's words in the paragraphs.", {"type": "string"}),
                        _param("translate", "1 (default): also mark the translations of the query's words that a "
                               "search uses. 0: the words as typed only. Anything else is a 400.",
                               {"type": "string", "enum": ["0", "1"]}),
                    ],
                    "responses": {
                        "200": _json("Document", "The document"),
                        "400": _json("Error", "A parameter is not valid (translate)."),
                        "404": _json("Error", "No document has this id."),
                        "503": errors["503"],
                    },
                }
            },
            "/documents/{id}/original": {
                "get": {
                    "summary": "The document's original file",
                    "description": "A PDF inline (append #page=N to open a page), every other format as a download; always "
                                   "with Content-Security-Policy `sandbox; default-src 'none'` and X-Content-Type-Options: nosniff.",
                    "operationId": "getOriginal",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {"description": "The original file", "content": {
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                        "404": {"description": "No document has this id, or its file is gone.", "content": {"text/html": {"schema": {"type": "string"}}}},
                        "503": {"description": "No index can be opened.", "content": {"text/html": {"schema": {"type": "string"}}}},
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Health and index build",
                    "operationId": "health",
                    "responses": {"200": _json("Health", "Serving"), "503": _json("Health", "No index can be opened")},
                }
            },
            "/api/openapi.json": {
                "get": {"summary": "This description", "operationId": "openapi", "responses": {"200": {"description": "OpenAPI document"}}}
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR,
                "Citation": CITATION,
                "Passage": PASSAGE,
                "Hit": HIT,
                "SearchResponse": SEARCH,
                "Paragraph": PARAGRAPH,
                "Document": DOCUMENT,
                "Health": HEALTH,
            }
        },
    }
    _add_admin(doc)
    _add_metrics(doc)
    _add_feeds(doc)
    if server:
        doc["servers"] = [{"url": server}]
    return doc


# --- admin (appended by the admin work) -------------------------------------------------------

JOB = {
    "type": "object",
    "required": ["id", "state", "progress"],
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string", "enum": ["incremental", "full"]},
        "reason": {"type": "string", "description": "What started the job: reindex, upload: <files>, withdraw: <id>."},
        "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
        "created": {"type": "string"},
        "started": NULLABLE_STR,
        "finished": NULLABLE_STR,
        "progress": {
            "type": "object",
            "properties": {"done": {"type": "integer"}, "total": {"type": ["integer", "null"]}},
        },
        "summary": {
            "type": ["object", "null"],
            "description": "When done: the build id, documents, and the ids added, updated, removed, unchanged; "
            "skipped files with reasons; counts of each.",
            "properties": {
                "build": {"type": "string"},
                "full": {"type": "boolean"},
                "documents": {"type": "integer"},
                "added": {"type": "array", "items": {"type": "string"}},
                "updated": {"type": "array", "items": {"type": "string"}},
                "removed": {"type": "array", "items": {"type": "string"}},
                "unchanged": {"type": "array", "items": {"type": "string"}},
                "skipped": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"path": {"type": "string"}, "reason": {"type": "string"}}},
                },
                "warnings": {
                    "type": "array",
                    "description": "Files indexed with a warning, such as text that was not valid UTF-8.",
                    "items": {"type": "object", "properties": {"path": {"type": "string"}, "warning": {"type": "string"}}},
                },
                "counts": COUNTS,
                "seconds": {"type": "number"},
                "refused": {
                    "type": "array",
                    "description": "Uploaded or edited documents whose new version could not be indexed: why, and "
                    "whether the previous version was put back (it then stays searchable).",
                    "items": {"type": "object", "properties": {
                        "id": {"type": "string"}, "path": {"type": "string"}, "reason": {"type": "string"},
                        "restored": {"type": "boolean"}, "message": {"type": "string"}}},
                },
            },
        },
        "error": NULLABLE_STR,
        "params": {
            "type": "object",
            "description": "What the reindex process was told: folders, full or not, stemmer, file size limit, "
            "build processes.",
            "properties": {
                "seeds_dir": {"type": "string"},
                "index_dir": {"type": "string"},
                "full": {"type": "boolean"},
                "stemmer": {"type": "string"},
                "max_bytes": {"type": "integer"},
                "procs": {"type": "integer", "minimum": 1},
                "changes": {
                    "type": "array",
                    "description": "Documents the request wrote: the job indexes each first and puts back the "
                    "previous version of any that cannot be indexed.",
                    "items": {"type": "object", "properties": {
                        "id": {"type": "string"}, "path": {"type": "string"},
                        "written": {"type": "array", "items": {"type": "string"}},
                        "moved": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}}},
                },
            },
        },
    },
}

JOB_STARTED = {
    "type": "object",
    "required": ["job"],
    "properties": {
        "job": {"type": "string"},
        "stored": {"type": "array", "items": {"type": "string"}, "description": "File names stored in the seeds folder."},
        "replaced": {"type": "array", "items": {"type": "string"}, "description": "Earlier versions moved to .withdrawn."},
        "withdrawn": {"type": "array", "items": {"type": "string"}},
        "restored": {"type": "array", "items": {"type": "string"}, "description": "Files moved back from .withdrawn."},
        "written": {"type": "string", "description": "The sidecar file written."},
    },
}

ADMIN_DOCUMENT = {
    "type": "object",
    "required": ["id", "path", "format", "state"],
    "properties": {
        "id": {"type": "string"},
        "path": {"type": "string", "description": "The file, relative to the seeds folder."},
        "language": {"type": ["string", "null"]},
        "format": {"type": "string", "description": "The file's extension: txt, md, …"},
        "state": {"type": "string", "enum": ["indexed", "waiting", "gone", "withdrawn"],
                  "description": "indexed; waiting for the next build; gone (file removed, still indexed until the "
                  "next build); withdrawn (in seeds/.withdrawn, can be restored)."},
        "title": NULLABLE_STR,
        "date": NULLABLE_STR,
    },
}

ADMIN_DOCUMENTS = {
    "type": "object",
    "required": ["documents", "total"],
    "properties": {
        "documents": {"type": "array", "items": {"$ref": "#/components/schemas/AdminDocument"}},
        "total": {"type": "integer", "description": "Documents matching the filters, on all pages."},
        "page": {"type": "integer"},
        "per_page": {"type": "integer"},
    },
}

META_VALUE = {"type": ["string", "number", "null"], "description": "At most 1000 characters, no control characters."}

METADATA = {
    "type": "object",
    "description": "Sidecar fields; a field left out keeps its value, null clears it. Checked like an uploaded sidecar.",
    "properties": {
        "title": META_VALUE, "date": {**META_VALUE, "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
        "source": META_VALUE, "doc_number": META_VALUE, "author": META_VALUE,
        "url": {**META_VALUE, "description": "The document's address; pages link it only when it is http(s)."},
    },
    "additionalProperties": False,
}

ADMIN_STATUS = {
    "type": "object",
    "required": ["documents", "languages", "build", "pending", "reindex_running"],
    "properties": {
        "documents": {"type": "integer"},
        "languages": COUNTS,
        "build": {
            "type": ["object", "null"],
            "description": "The build being served: its id, when it was made, full or not, counts, seconds.",
            "properties": {
                "id": {"type": "string"},
                "created": NULLABLE_STR,
                "full": {"type": ["boolean", "null"]},
                "counts": {"anyOf": [COUNTS, {"type": "null"}]},
                "seconds": {"type": ["number", "null"]},
            },
        },
        "seeds_dir": {"type": "string"},
        "seeds_dir_exists": {"type": "boolean"},
        "max_file_mb": {"type": "number", "description": "SEARCHSVC_MAX_FILE_MB: the largest file an upload may hold."},
        "pending": {
            "type": "array",
            "description": "Seed files not (yet) in the index, with the reason.",
            "items": {"type": "object", "properties": {"id": {"type": "string"}, "path": {"type": "string"}, "reason": {"type": "string"}}},
        },
        "reindex_running": {"type": "boolean"},
        "running_job": NULLABLE_STR,
    },
}


def _add_admin(doc: dict[str, Any]) -> None:
    """Add the admin endpoints (bearer token) to the OpenAPI document."""
    secured = [{"adminToken": []}]
    auth = {
        "401": {**_json("Error", "Missing or wrong admin token."), "headers": {
            "WWW-Authenticate": {"required": True, "schema": {"type": "string", "pattern": "^Bearer "}}}},
        "503": _json("Error", "Admin is off: no SEARCHSVC_ADMIN_TOKEN is set, or it is shorter than 16 characters."),
        "429": {**_json("Error", "Too many wrong tokens from this address (10 in 10 minutes); every token is refused "
                        "until Retry-After seconds have passed."),
                "headers": {"Retry-After": {"required": True, "schema": {"type": "string"}}}},
    }
    busy = _json("Error", "A reindex is running; error.job names it. Nothing was changed.")
    started = {**_json("JobStarted", "The reindex started; poll /api/admin/jobs/{job}."), "headers": {
        "Location": {"required": True, "description": "/api/admin/jobs/{job}", "schema": {"type": "string"}}}}
    doc["paths"].update({
        "/api/admin/reindex": {
            "post": {
                "summary": "Start a reindex in the background",
                "operationId": "adminReindex",
                "security": secured,
                "parameters": [_param("full", "1 rebuilds everything instead of only what changed.", {"type": "string", "enum": ["0", "1"]})],
                "responses": {"202": started, "409": busy, **auth},
            }
        },
        "/api/admin/jobs/{id}": {
            "get": {
                "summary": "A reindex job's state, progress and summary",
                "operationId": "adminJob",
                "security": secured,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json("Job", "The job"), "404": _json("Error", "No such job."), **auth},
            }
        },
        "/api/admin/jobs": {
            "get": {
                "summary": "The last 20 reindex jobs, newest first",
                "operationId": "adminJobs",
                "security": secured,
                "responses": {"200": _json("JobList", "The jobs"), **auth},
            }
        },
        "/api/admin/documents": {
            "get": {
                "summary": "List documents: indexed, waiting for a build, and withdrawn; filtered and paged",
                "operationId": "adminListDocuments",
                "security": secured,
                "parameters": [
                    _param("q", "Words of the id or of the title (the last may be the start of a word).", {"type": "string"}),
                    _param("lang", "Only documents in this language.", {"type": "string"}),
                    _param("format", "Only files with this extension (txt, md, …).", {"type": "string"}),
                    _param("page", "Page number, from 1.", {"type": "string", "pattern": "^[0-9]+$"}),
                    _param("per_page", "Documents per page, 1 to 200 (default 50).", {"type": "string", "pattern": "^[0-9]+$"}),
                ],
                "responses": {"200": _json("AdminDocuments", "One page of documents"),
                              "400": _json("Error", "page or per_page is not a whole number in range."), **auth},
            },
            "post": {
                "summary": "Add .txt/.md documents (each with an optional <name>.meta.json) and reindex",
                "description": "All files are checked before any is stored; a refusal stores nothing. "
                "A file named like an existing seed replaces it (the old one goes to seeds/.withdrawn). "
                "While a reindex runs the upload is refused with 409 and nothing is stored.",
                "operationId": "adminAddDocuments",
                "security": secured,
                "requestBody": {
                    "required": True,
                    "content": {"multipart/form-data": {"schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                    }}},
                },
                "responses": {
                    "202": started,
                    "400": _json("Error", "No files, an unsafe name, or invalid .meta.json."),
                    "409": _json("Error", "A reindex is running, or the document id exists under another file name."),
                    "413": _json("Error", "A file is larger than SEARCHSVC_MAX_FILE_MB, or the whole request is larger "
                                 "than five such files plus 1 MB; nothing was stored."),
                    "415": _json("Error", "A file is not a .txt/.md text file. (Text is extracted in the reindex "
                                 "job, not in this request: a new version that cannot be indexed is reported in the "
                                 "job's summary.refused and the previous version stays.)"),
                    **auth,
                },
            }
        },
        "/api/admin/documents/{id}": {
            "delete": {
                "summary": "Withdraw a document: move its seed file to seeds/.withdrawn and reindex",
                "operationId": "adminWithdrawDocument",
                "security": secured,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"202": started, "404": _json("Error", "No seed file has this id."), "409": busy, **auth},
            }
        },
        "/api/admin/documents/{id}/restore": {
            "post": {
                "summary": "Restore a withdrawn document: move its newest withdrawn version back and reindex",
                "operationId": "adminRestoreDocument",
                "security": secured,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"202": started, "404": _json("Error", "No withdrawn document has this id."),
                              "409": _json("Error", "A reindex is running, or the document is not withdrawn."), **auth},
            }
        },
        "/api/admin/documents/{id}/meta": {
            "put": {
                "summary": "Set a document's metadata: write its .meta.json sidecar and reindex",
                "description": "Values are checked with the same reader the build uses; the previous sidecar is "
                "kept in seeds/.withdrawn, and put back if the document cannot be indexed with the new one.",
                "operationId": "adminSetDocumentMeta",
                "security": secured,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Metadata"}}}},
                "responses": {"202": started, "400": _json("Error", "Not a JSON object, an unknown field, or a value "
                                                             "that is refused (with the reason)."),
                              "404": _json("Error", "No seed file has this id."), "409": busy, **auth},
            }
        },
        "/api/admin/status": {
            "get": {
                "summary": "Documents per language, last build, seeds not yet indexed, running job",
                "operationId": "adminStatus",
                "security": secured,
                "responses": {"200": _json("AdminStatus", "Index status"), **auth},
            }
        },
    })
    job_list = {"type": "object", "required": ["jobs"], "properties": {"jobs": {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}}
    doc["components"]["schemas"].update({"Job": JOB, "JobList": job_list, "JobStarted": JOB_STARTED, "AdminStatus": ADMIN_STATUS,
                                       "AdminDocument": ADMIN_DOCUMENT, "AdminDocuments": ADMIN_DOCUMENTS, "Metadata": METADATA})
    doc["components"].setdefault("securitySchemes", {})["adminToken"] = {
        "type": "http", "scheme": "bearer", "description": "The value of SEARCHSVC_ADMIN_TOKEN.",
    }


def _add_metrics(doc: dict[str, Any]) -> None:
    """Add /metrics (Prometheus text format; open with SEARCHSVC_METRICS=1, else the admin bearer token)."""
    doc["paths"]["/metrics"] = {
        "get": {
            "summary": "Prometheus metrics of every worker (searchsvc_*)",
            "description": "Open to anyone when SEARCHSVC_METRICS=1; otherwise only with the admin bearer token, "
                           "and 404 when no admin token is set.",
            "operationId": "metrics",
            "security": [{}, {"adminToken": []}],
            "responses": {
                "200": {"description": "Prometheus text exposition format 0.0.4",
                        "content": {"text/plain": {"schema": {"type": "string"}}}},
                "401": {**_json("Error", "Metrics are behind the admin token and it is missing or wrong."), "headers": {
                    "WWW-Authenticate": {"required": True, "schema": {"type": "string", "pattern": "^Bearer "}}}},
                "404": _json("Error", "Metrics are off: no SEARCHSVC_METRICS=1 and no admin token."),
            },
        }
    }

# --- feeds, similar documents, same-story grouping, CSV export (appended by the feeds work) ----------

SAME_STORY = {
    "type": "array",
    "description": "Lower-ranked hits of this page that report the same event (near-duplicate text, or shared "
    "names, numbers and dates in any language), folded under this hit. Absent with group=0.",
    "items": {
        "type": "object",
        "required": ["id", "title", "language", "date"],
        "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "language": NULLABLE_STR, "date": NULLABLE_STR},
    },
}

SIMILAR = {
    "type": "object",
    "required": ["id", "hits"],
    "properties": {
        "id": {"type": "string", "description": "The document the others are like."},
        "hits": {"type": "array", "maxItems": 10, "items": {"$ref": "#/components/schemas/Hit"}},
    },
}


def _add_feeds(doc: dict[str, Any]) -> None:
    """Add the Atom feeds, /similar, grouping and CSV export to the OpenAPI document."""
    schemas = doc["components"]["schemas"]
    hit = schemas["Hit"]["properties"]
    hit["same_story"] = SAME_STORY
    hit["shared_terms"] = {"type": "array", "items": {"type": "string"},
                           "description": "Similar documents only: the distinctive terms this hit shares, most telling first."}
    hit["reason"] = {"type": "string", "description": "Similar documents only: why it is similar (shares …)."}
    schemas["SearchResponse"]["properties"]["folded"] = {
        "type": "integer", "minimum": 0, "description": "Hits of this page folded under a higher-ranked report of the same story.",
    }
    schemas["SimilarResponse"] = SIMILAR
    search = doc["paths"]["/api/search"]["get"]
    search["parameters"] = [
        *search["parameters"],
        _param("group", "1 (default) folds reports of the same story under the highest-ranked one (same_story); 0 lists "
               "every hit on its own. total and facets count every document either way.", {"type": "string", "enum": ["0", "1"]}),
        _param("format", "json (default) or csv: one row per hit (id, title, date, source, number, language, url, "
               "citation), never grouped; cells starting with = + - @ are prefixed with ' against CSV injection.",
               {"type": "string", "enum": ["json", "csv"]}),
    ]
    search["responses"]["200"] = {
        "description": "Ranked hits (JSON), or a CSV attachment with format=csv",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}},
            "text/csv": {"schema": {"type": "string"}},
        },
    }
    html_error = {"description": "The query or a parameter cannot be used; the page says what to fix.",
                  "content": {"text/html": {"schema": {"type": "string"}}}}
    unavailable = {"description": "No index can be opened.", "content": {"text/html": {"schema": {"type": "string"}}}}
    atom = {"application/atom+xml": {"schema": {"type": "string"}}}
    validators = {
        "ETag": {"description": "Changes when the index build or the feed's parameters change.", "schema": {"type": "string"}},
        "Last-Modified": {"description": "When the newest entry entered the index (absent when there are no entries).",
                          "schema": {"type": "string"}},
    }
    not_modified = {"description": "If-None-Match or If-Modified-Since still holds: nothing new.", "headers": validators}
    feed_params = [p for p in SEARCH_PARAMS if p["name"] in ("q", "lang", "from", "to", "source")]
    doc["paths"].update({
        "/api/documents/{id}/similar": {
            "get": {
                "summary": "Documents like this one, in any language, from its most distinctive terms",
                "description": "Up to 10 hits in the /api/search hit shape, each with a score, shared_terms and a "
                "short reason. Terms are picked by tf-idf over the document's own-language and exact (names, "
                "numbers) fields, as Elasticsearch's more_like_this picks them.",
                "operationId": "similarDocuments",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": _json("SimilarResponse", "Similar documents, most similar first"),
                    "404": _json("Error", "No document has this id."),
                    "503": _json("Error", "No index can be opened."),
                },
            }
        },
        "/search.atom": {
            "get": {
                "summary": "Atom 1.0 feed of a search's newest matches",
                "description": "The 20 newest matching documents, newest first by the time they entered the index "
                "(not their document date), each with its title, best passage (escaped, <mark> only), citation, date "
                "and an absolute link. Answers 304 to If-None-Match / If-Modified-Since when nothing changed.",
                "operationId": "searchFeed",
                "parameters": feed_params,
                "responses": {
                    "200": {"description": "The feed", "content": atom, "headers": validators},
                    "304": not_modified,
                    "400": html_error,
                    "503": unavailable,
                },
            }
        },
        "/new.atom": {
            "get": {
                "summary": "Atom 1.0 feed of every new document",
                "description": "The 20 documents that entered the index most recently, newest first.",
                "operationId": "newFeed",
                "responses": {
                    "200": {"description": "The feed", "content": atom, "headers": validators},
                    "304": not_modified,
                    "503": unavailable,
                },
            }
        },
    })
