"""Command line: `searchsvc index`, `searchsvc search` and `searchsvc serve`; errors exit 1 with one line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import listing
from .config import load_settings
from .errors import SearchsvcError

if TYPE_CHECKING:
    from .index import BuildSummary

# The build and query modules are imported by the commands that use them: `searchsvc index` starts listing
# the seeds folder in a child process first (see index_cmd), and only `searchsvc search` needs the query ones.


def _settings(**overrides: Any) -> dict[str, Any]:
    try:
        return load_settings(overrides)
    except SearchsvcError as exc:
        _fail(exc)
        raise  # not reached: _fail exits


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchsvc")
def main() -> None:
    """Multilingual full-text search over Dutch, English and German documents.

    Settings come from SEARCHSVC_* environment variables; options override them.
    """


def run_index(settings: dict[str, Any], full: bool, show_progress: bool) -> BuildSummary:
    """Build the index as the settings say, with a progress bar on a terminal."""
    from . import index as index_mod
    from .parallel import default_procs

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        return index_mod.build(
            Path(settings["seeds_dir"]),
            Path(settings["index_dir"]),
            full=full,
            stemmer=settings["stemmer"],
            max_bytes=int(settings["max_file_mb"] * 1_000_000),
            progress=progress if show_progress else None,
            procs=settings["build_procs"] or default_procs(),
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@main.command("index")
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="Folder of .txt/.md files [SEARCHSVC_SEEDS_DIR].")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help="Index folder [SEARCHSVC_INDEX_DIR].")
@click.option("--full", is_flag=True, help="Rebuild everything instead of only what changed.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def index_cmd(seeds_dir: str | None, index_dir: str | None, full: bool, as_json: bool) -> None:
    """Build or update the index from the seed files.

    Example: searchsvc index --seeds ./seeds --index ./index
    """
    settings = _settings(seeds_dir=seeds_dir, index_dir=index_dir)
    if not Path(settings["seeds_dir"]).is_dir():
        _fail(SearchsvcError(f"seeds folder {settings['seeds_dir']} does not exist"))
    if not full:
        # An incremental build's first step compares the seeds folder's names with the index's: a child lists
        # the folder (0.12 s for 200,000 names) while this process imports the build modules (0.24 s).
        listing.start(settings["seeds_dir"])
    try:
        summary = run_index(settings, full, sys.stderr.isatty() and not as_json)
    except (SearchsvcError, OSError) as exc:
        _fail(exc)
    finally:
        listing.discard()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(summary.line())
    for item in summary.skipped:
        click.echo(f"  skipped {item['path']}: {item['reason']}")
    for item in summary.warnings:
        click.echo(f"  warning {item['path']}: {item['warning']}")


@main.command("search")
@click.argument("query")
@click.option("--lang", help="Only documents in these languages, e.g. nl or nl,en.")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100), help="Number of hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help="Index folder [SEARCHSVC_INDEX_DIR].")
@click.option("--translate/--no-translate", "translate", default=True, show_default=True,
              help="Also search each word's Dutch, English and German translations (FreeDict).")
def search_cmd(query: str, lang: str | None, limit: int, as_json: bool, index_dir: str | None, translate: bool) -> None:
    """Search the index and print the top hits with passages and citations.

    Example: searchsvc search '"persona non grata"' --lang nl
    """
    from . import index as index_mod
    from . import search as search_mod
    from .query import also_searched

    settings = _settings(index_dir=index_dir)
    try:
        ix, _build = index_mod.open_index(Path(settings["index_dir"]))
        with ix.searcher() as searcher:
            req = search_mod.parse_request(
                {"q": query, "lang": lang or "", "per_page": str(limit), "translate": "1" if translate else "0"}
            )
            result = search_mod.search(searcher, req)
    except SearchsvcError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"{result['total']} documents match {query!r} ({result['took_ms']} ms)")
    if result["suggestion"]:
        click.echo(f"did you mean: {result['suggestion']}")
    if result["translations"]:
        click.echo(f"also searched for: {also_searched(result['translations'])}")
    for rank, hit in enumerate(result["hits"], start=1):
        click.echo(f"\n{rank}. {hit['title']}  [{hit['language']}] {hit['date'] or ''} {hit['source'] or ''}  ({hit['id']})")
        for p in hit["passages"]:
            text = p["html"].replace("<mark>", click.style("", bold=True, reset=False)).replace("</mark>", click.style("", reset=True))
            import html as _html

            click.echo("   " + _html.unescape(text))
            click.echo("   — " + p["citation"]["text"])


@main.command("serve")
@click.option("--host", help="Address to listen on [SEARCHSVC_HOST, 127.0.0.1].")
@click.option("--port", type=int, help="Port [SEARCHSVC_PORT, 8000].")
@click.option("--workers", type=click.IntRange(1, 64), help="Gunicorn workers [SEARCHSVC_WORKERS, 2].")
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="Folder of .txt/.md files [SEARCHSVC_SEEDS_DIR].")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), help="Index folder [SEARCHSVC_INDEX_DIR].")
def serve_cmd(host: str | None, port: int | None, workers: int | None, seeds_dir: str | None, index_dir: str | None) -> None:
    """Serve the search page and API with gunicorn, building the index first if there is none.

    Example: searchsvc serve --port 8000 --workers 2
    """
    from . import index as index_mod

    settings = _settings(host=host, port=port, workers=workers, seeds_dir=seeds_dir, index_dir=index_dir)
    index_dir_path = Path(settings["index_dir"])
    if index_mod.current_build(index_dir_path) is None:
        click.echo(f"no index in {index_dir_path}; building it from {settings['seeds_dir']} first")
        try:
            click.echo(run_index(settings, False, sys.stderr.isatty()).line())
        except (SearchsvcError, OSError) as exc:
            _fail(exc)
    # Workers read their settings from the environment at start-up, so pass the resolved ones on.
    env = dict(os.environ)
    for key in ("seeds_dir", "index_dir", "stemmer"):
        env["SEARCHSVC_" + key.upper()] = str(Path(settings[key]).resolve()) if key.endswith("_dir") else settings[key]
    bind = f"{settings['host']}:{settings['port']}"
    # Every worker counts into one private folder, emptied now, so /metrics adds up all workers of this run.
    from .web.metrics import prepare_multiproc_dir

    prepare_multiproc_dir(env)
    click.echo(f"serving on http://{bind}/ (Ctrl+C stops)")
    token = str(settings.get("admin_token") or "")
    if len(token) >= 16:
        click.echo(f"admin on http://{bind}/admin (sign in with SEARCHSVC_ADMIN_TOKEN)")
    elif token:
        click.echo("admin is off: SEARCHSVC_ADMIN_TOKEN must have at least 16 characters; make one with "
                   "python -c \"import secrets; print(secrets.token_urlsafe(24))\"", err=True)
    if settings["metrics"] or len(token) >= 16:
        who = "open to anyone who reaches it" if settings["metrics"] else "with the admin token as bearer token"
        click.echo(f"metrics on http://{bind}/metrics ({who})")
    argv = [
        sys.executable, "-m", "gunicorn",
        "--config", "python:searchsvc.web.metrics",  # hooks: mark dead workers' metrics, remove the folder at exit
        "--bind", bind,
        "--workers", str(settings["workers"]),
        "--access-logfile", "-",
        *(["--logger-class", "searchsvc.web.metrics.JsonAccessLogger"] if settings["log_format"] == "json" else []),
        "--graceful-timeout", "5",
        "--limit-request-line", "8190",  # gunicorn's largest; the default 4094 cuts a 1000-character query of accented letters
        "--no-control-socket",  # one shared socket path per user would clash between instances
        # gunicorn's own 414/400/timeout answers in our JSON error shape, with the security headers.
        "--worker-class", "searchsvc.web.gunicorn_worker.JsonErrorWorker",
        "searchsvc.web:create_app()",
    ]
    os.execve(sys.executable, argv, env)


if __name__ == "__main__":
    main()
