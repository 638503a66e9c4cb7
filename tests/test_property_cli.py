"""Property tests of `searchsvc search`: any query text prints results or exits 1 with one `error:` line.

In-process through click's CliRunner on the real command and a real index (many examples), and a handful
through the real console script in a subprocess. The CLI and the API agree on which queries are bad.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_hypothesis import QUERIES, conforms, examples

from searchsvc.cli import main

SCRIPT = Path(sys.executable).parent / "searchsvc"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "searchsvc.cli"]
RELAXED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    # No SEARCHSVC_* variable of the caller's shell may leak into the command under test.
    return CliRunner(env={k: None for k in os.environ if k.startswith("SEARCHSVC_")})


def api_answer(client: FlaskClient, q: str) -> tuple[int, dict[str, Any]]:
    # The CLI lists every document (no same-story folding, as the CSV export): compare with group=0.
    r = client.get("/api/search", query_string={"q": q, "per_page": "5", "group": "0"})
    return r.status_code, r.get_json()


def check_cli(result: Any, q: str, client: FlaskClient) -> None:
    """Assert a `search --json -- q` run printed the API's JSON or one error line, as the API answers."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (q, result.exception)
    assert "Traceback" not in result.stderr
    status, body = api_answer(client, q)
    if result.exit_code == 0:
        assert status == 200, (q, status, body)
        printed = json.loads(result.stdout)
        conforms(printed, "SearchResponse")
        assert printed["total"] == body["total"] and [h["id"] for h in printed["hits"]] == [h["id"] for h in body["hits"]]
        assert result.stderr == ""
    else:
        assert result.exit_code == 1, (q, result.exit_code, result.stderr)
        assert status == 400, (q, status)
        assert result.stdout == ""
        assert result.stderr == f"error: {body['error']['message']}\n"


@settings(max_examples=examples(100), suppress_health_check=RELAXED)
@given(q=QUERIES)
@example(q="")
@example(q="-spion diplomaten")
@example(q="--help")
@example(q="\x00")
def test_any_query_through_the_cli_is_json_or_one_error_line(runner: CliRunner, seed_index: Path, client: FlaskClient, q: str) -> None:
    result = runner.invoke(main, ["search", "--index", str(seed_index), "--json", "--", q])
    event(f"exit {result.exit_code}")
    check_cli(result, q, client)


@settings(max_examples=examples(60), suppress_health_check=RELAXED)
@given(q=QUERIES, lang=st.one_of(st.none(), st.text(max_size=12)))
@example(q="-spion diplomaten", lang=None)
@example(q="--", lang=None)
def test_any_query_typed_as_is_prints_hits_or_a_readable_error(runner: CliRunner, seed_index: Path, q: str, lang: str | None) -> None:
    """Without `--` and with the human output: results, `error:` (exit 1) or click's usage error (exit 2)."""
    args = ["search", "--index", str(seed_index), q] + (["--lang", lang] if lang is not None else [])
    result = runner.invoke(main, args)
    event(f"exit {result.exit_code}")
    assert result.exception is None or isinstance(result.exception, SystemExit), (q, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        if q in ("--help", "-h"):
            assert "Usage:" in result.stdout
        else:
            assert " documents match " in result.stdout.splitlines()[0]
    elif result.exit_code == 1:
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    else:
        # A query that starts with '-' reads as an option; click says how the command is used.
        assert result.exit_code == 2 and q.startswith("-") and "Usage:" in result.stderr, (q, result.exit_code, result.stderr)


SUBPROCESS_QUERIES = [
    "persona non grata",
    '"(AND OR NOT -* ~ :title',
    "<script>alert(1)</script> diplomaten",
    "é" * 1001,
    "\u202e\u200b\u2028 😀 spion*",
    "   ",
]


@pytest.mark.parametrize("q", SUBPROCESS_QUERIES)
def test_console_script_answers_json_or_one_error_line(seed_index: Path, client: FlaskClient, q: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEARCHSVC_")}
    proc = subprocess.run(
        [*COMMAND, "search", "--index", str(seed_index), "--json", "--", q],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )

    class Result:
        exception = None
        exit_code = proc.returncode
        stdout = proc.stdout
        stderr = proc.stderr

    check_cli(Result(), q, client)
