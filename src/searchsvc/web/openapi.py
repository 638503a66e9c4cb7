"""The OpenAPI 3.1 description of the API, kept next to the code that serves it and checked by the tests."""

from __future__ import annotations

from typing import Any

NULLABLE_STR = {"type": ["string", "null"]}

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
    "required": ["title", "source", "date", "doc_number", "paragraph", "url", "text"],
    "properties": {
        "title": NULLABLE_STR,
        "source": NULLABLE_STR,
        "date": NULLABLE_STR,
        "doc_number": NULLABLE_STR,
        "paragraph": {"type": "integer", "minimum": 1},
        "url": {"type": "string", "description": "Path of the document page at this paragraph (#p<N>)."},
        "text": {"type": "string", "description": "Formatted citation to quote."},
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
        "title": {"type": "string"},
        "language": {"type": "string"},
        "date": NULLABLE_STR,
        "source": NULLABLE_STR,
        "doc_number": NULLABLE_STR,
        "author": NULLABLE_STR,
        "score": {"type": "number"},
        "url": {"type": "string"},
        "passages": {"type": "array", "maxItems": 3, "items": {"$ref": "#/components/schemas/Passage"}},
    },
}

COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}

SEARCH = {
    "type": "object",
    "required": ["query", "total", "page", "per_page", "took_ms", "hits", "facets", "suggestion"],
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
            "required": ["language", "year", "source"],
            "properties": {"language": COUNTS, "year": COUNTS, "source": COUNTS},
        },
        "suggestion": {"type": ["string", "null"], "description": "Corrected query when a word is not in the index."},
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
        "citation": {"$ref": "#/components/schemas/Citation"},
    },
}

DOCUMENT = {
    "type": "object",
    "required": ["document", "paragraphs"],
    "properties": {
        "document": {
            "type": "object",
            "required": ["id", "title", "date", "source", "doc_number", "url", "author", "language"],
            "properties": {
                "id": {"type": "string"},
                "title": NULLABLE_STR,
                "display_title": {"type": "string"},
                "date": NULLABLE_STR,
                "source": NULLABLE_STR,
                "doc_number": NULLABLE_STR,
                "url": NULLABLE_STR,
                "author": NULLABLE_STR,
                "language": {"type": "string"},
                "language_prob": {"type": "number"},
                "path": NULLABLE_STR,
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
    },
}


def _param(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


SEARCH_PARAMS = [
    _param("q", 'Query: words (all must match), "phrases", OR, NOT/-word, prefix*, word~, title:word.', {"type": "string", "maxLength": 1000}, True),
    _param("lang", "Only documents in these languages, comma-separated (nl,en).", {"type": "string"}),
    _param("from", "Earliest document date, YYYY[-MM[-DD]].", {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
    _param("to", "Latest document date, YYYY[-MM[-DD]], inclusive.", {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
    _param("source", "Only documents from this source (repeat the parameter for several).", {"type": "string"}),
    _param("sort", "relevance (default) or date (newest first).", {"type": "string", "enum": ["relevance", "date"]}),
    _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": 10000}),
    _param("per_page", "Hits per page, at most 100.", {"type": "integer", "minimum": 1, "maximum": 100}),
    _param("passages", "Passages per hit, 0 to 3 (default 3); 0 skips highlighting.", {"type": "integer", "minimum": 0, "maximum": 3}),
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
                    ],
                    "responses": {
                        "200": _json("Document", "The document"),
                        "404": _json("Error", "No document has this id."),
                        "503": errors["503"],
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
    },
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
        "503": _json("Error", "Admin is off: no SEARCHSVC_ADMIN_TOKEN is set."),
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
                    "415": _json("Error", "A file is not a .txt/.md text file."),
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
    doc["components"]["schemas"].update({"Job": JOB, "JobList": job_list, "JobStarted": JOB_STARTED, "AdminStatus": ADMIN_STATUS})
    doc["components"].setdefault("securitySchemes", {})["adminToken"] = {
        "type": "http", "scheme": "bearer", "description": "The value of SEARCHSVC_ADMIN_TOKEN.",
    }
