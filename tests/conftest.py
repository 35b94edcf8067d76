"""Shared fixtures: the repository's paths and a database built once from the seed report."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by the ETL from seeds/, shared by the whole session (read it, never write)."""
    db = tmp_path_factory.mktemp("seed") / "resolutions.duckdb"
    build([SEEDS], db, workers=1)
    return db


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and every official PDF of ../shared/samples/pdf in one database (skips without them)."""
    pdfs = SEEDS.parent.parent / "shared" / "samples" / "pdf"
    if not pdfs.is_dir():
        pytest.skip("../shared/samples/pdf is not here")
    db = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    build([SEEDS, pdfs], db)
    return db
