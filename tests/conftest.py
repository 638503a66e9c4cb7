"""Shared fixtures: a real index of the five seeds built once per session, and a fresh app per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask.testing import FlaskClient
from hypothesis import settings

from searchsvc import index as index_mod

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# Property tests draw the same examples on every run, so CI cannot flake; for a long local hunt,
# SEARCHSVC_HYPOTHESIS_PROFILE=thorough draws fresh random examples, ten times as many (see README, Tests).
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("SEARCHSVC_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index folder built once from a copy of the repo's seeds (do not modify it)."""
    root = tmp_path_factory.mktemp("seed-index")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    index_dir = root / "index"
    index_mod.build(seeds, index_dir, full=True)
    return index_dir


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """Return a private, writable copy of the repo's seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="module")
def client(seed_index: Path) -> Iterator[FlaskClient]:
    """Return a Flask test client of an app over the seed index (one app per test module)."""
    from searchsvc.web import create_app

    app = create_app({"index_dir": str(seed_index)})
    yield app.test_client()
    app.extensions["searchsvc_index"].close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Return a headless Chromium (Playwright's Browser) shared by one module's browser tests."""
    from _servers import chromium

    with chromium() as b:
        yield b
