"""searchsvc: multilingual full-text search over Dutch, English and German documents."""

__version__ = "0.1.0"
