"""Shared fixtures: a real index of the five seeds built once per session, and a fresh app per test."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from flask.testing import FlaskClient

from searchsvc import index as index_mod

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


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
