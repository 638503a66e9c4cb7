"""Settings declared as data: each has an environment variable, a default and a help text."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, default, parser and help."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        """Return the environment variable that sets this setting."""
        return "SEARCHSVC_" + self.name.upper()


def _stemmer(value: str) -> str:
    value = value.strip().lower()
    if value not in ("pystemmer", "nltk"):
        raise ValueError("must be 'pystemmer' or 'nltk'")
    return value


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError("must be a positive whole number") from None
    if number < 1:
        raise ValueError("must be a positive whole number")
    return number


def _procs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError("must be a whole number: 0 for one per core, or how many processes") from None
    if number < 0:
        raise ValueError("must be a whole number: 0 for one per core, or how many processes")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("must be a positive number") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError("must be a positive number")
    return number


def _switch(value: str) -> bool:
    value = value.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be 1 (on) or 0 (off)")


def _log_format(value: str) -> str:
    value = value.strip().lower()
    if value not in ("text", "json"):
        raise ValueError("must be 'text' or 'json'")
    return value


RATE_PERIODS = {"second": 1, "minute": 60, "hour": 3600}


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` searches per client in any `seconds`-long window."""

    requests: int
    seconds: int
    text: str

    def __str__(self) -> str:
        return self.text


def _rate_limit(value: str) -> RateLimit | None:
    """Parse N/second, N/minute or N/hour; empty means no limit."""
    value = value.strip().lower()
    if not value:
        return None
    count, sep, period = value.partition("/")
    period = period.strip()
    if period.endswith("s") and period[:-1] in RATE_PERIODS:
        period = period[:-1]  # 120/minutes reads as 120/minute
    try:
        requests = int(count.strip())
    except ValueError:
        requests = 0
    if not sep or period not in RATE_PERIODS or requests < 1:
        raise ValueError("must look like N/second, N/minute or N/hour with N a positive whole number, e.g. 120/minute")
    return RateLimit(requests, RATE_PERIODS[period], f"{requests}/{period}")


SETTINGS: tuple[Setting, ...] = (
    Setting("seeds_dir", "./seeds", "Folder whose .txt and .md files are indexed.", Path),
    Setting("index_dir", "./index", "Folder that holds the built index.", Path),
    Setting("stemmer", "pystemmer", "Snowball implementation: pystemmer (default) or nltk.", _stemmer),
    Setting("max_file_mb", 20.0, "Largest seed or uploaded file, in MB; larger files are skipped.", _positive_float),
    Setting("admin_token", "", "Bearer token for the admin API and /admin (at least 16 characters); admin is off when empty or shorter."),
    Setting("secret_key", "", "Key that signs admin session cookies; when empty, a random key made on first start and kept in <index_dir>/secret_key (mode 0600)."),
    Setting("host", "127.0.0.1", "Address `searchsvc serve` listens on."),
    Setting("port", 8000, "Port `searchsvc serve` listens on.", _positive_int),
    Setting("workers", 2, "Gunicorn worker processes for `searchsvc serve`.", _positive_int),
    Setting(
        "public_url", "", "Scheme and host that links in citations and the API start with, e.g. "
        "`https://search.example.org`; the request's own host when empty.",
    ),
    Setting("build_procs", 0, "Processes for a full build of many files; 0 means one per core.", _procs),
    Setting(
        "rate_limit", "", "Searches allowed per client address (`/api/search`, `/search`, the Atom feeds and similar documents), e.g. `120/minute`; "
        "also N/second or N/hour; no limit when empty.", _rate_limit,
    ),
    Setting(
        "metrics", "0", "`1` serves /metrics (Prometheus) to anyone who reaches the address; with `0` only "
        "to the admin bearer token, and not at all without one.", _switch,
    ),
    Setting("log_format", "text", "Access log of `searchsvc serve`: `text` or `json` (one object a line).", _log_format),
    Setting(
        "dict_dir", "/usr/share/dictd", "Folder of the FreeDict dictionaries (dictd format) that cross-language search "
        "reads; translation is off when they are missing.", Path,
    ),
    Setting(
        "search_timeout", 2.0, "Seconds one search may run; past it the search stops and answers 503 `timeout`.",
        _positive_float,
    ),
)

BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return all settings: defaults, then SEARCHSVC_* variables, then explicit overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.env)
        if raw is None or raw == "":
            value = setting.default
            if isinstance(value, str) and setting.parse is not str:
                value = setting.parse(value)
        else:
            try:
                value = setting.parse(raw)
            except ValueError as exc:
                raise ConfigError(f"{setting.env}={raw!r} {exc}: {setting.help}") from None
        values[setting.name] = value
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key in BY_NAME and isinstance(value, str) and BY_NAME[key].parse is not str:
            try:
                value = BY_NAME[key].parse(value)
            except ValueError as exc:
                raise ConfigError(f"{key}={value!r} {exc}") from None
        values[key] = value
    return values


def settings_markdown() -> str:
    """Return the settings table as Markdown, for the README."""
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default != "" else "(empty)"
        rows.append(f"| `{s.env}` | {default} | {s.help} |")
    return "\n".join(rows)
