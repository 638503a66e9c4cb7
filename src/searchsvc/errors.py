"""Exceptions of the indexer and search; the CLI and the web app translate them at the edges."""


class SearchsvcError(Exception):
    """Base class of every error searchsvc raises on purpose."""


class ConfigError(SearchsvcError):
    """A setting has a value that cannot be used."""


class IndexMissing(SearchsvcError):
    """No built index can be opened."""


class IndexDamaged(IndexMissing):
    """The current build's files are missing, truncated or unreadable."""


class DiskFull(SearchsvcError):
    """A build ran out of disk space; it was abandoned and its files removed."""


class ReindexRunning(SearchsvcError):
    """Another reindex holds the writer lock."""

    def __init__(self, message: str = "a reindex is already running", job: str | None = None):
        super().__init__(message)
        self.job = job


class BadQuery(SearchsvcError):
    """The query cannot be searched; the message says what to fix."""


class DocumentNotFound(SearchsvcError):
    """No document has the given id."""


class QueryTooCostly(BadQuery):
    """The query would cost more work than a search may do (too many expanded words, a leading wildcard)."""


class SearchTimeout(SearchsvcError):
    """A search ran past its deadline (SEARCHSVC_SEARCH_TIMEOUT) and was stopped."""
