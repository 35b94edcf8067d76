"""Dashboard test fixtures: a hand-built tiny database, and the seed with one synthetic PDF
(`seed_db` is in tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import streamlit as st
from dash_helpers import make_tiny_db

from etl.pipeline import build

# the PDF generator of the ETL's tests, imported where it lives
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "etl_tests"))
from etl_snippets import NEW_TEXT, OLD_TEXT  # noqa: E402
from pdf_fixtures import un_resolution  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    return make_tiny_db(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def synthetic_pdf():
    """The synthetic resolution A/RES/79/321 over two pages, as generated."""
    return un_resolution(pages=2)


@pytest.fixture(scope="session")
def pdf_db(tmp_path_factory, synthetic_pdf) -> Path:
    """A database built by the ETL from the seed report and one synthetic resolution PDF."""
    source = tmp_path_factory.mktemp("pdf-src")
    (source / "A_RES_79_321.pdf").write_bytes(synthetic_pdf.pdf)
    db = tmp_path_factory.mktemp("pdf-db") / "resolutions.duckdb"
    build([SEEDS, source], db, workers=1)
    return db


@pytest.fixture(scope="session")
def pair_db(tmp_path_factory) -> Path:
    """Two small versions of one resolution, a session apart (etl_snippets.OLD_TEXT, NEW_TEXT)."""
    source = tmp_path_factory.mktemp("pair-src")
    (source / "old.md").write_text(OLD_TEXT, encoding="utf-8")
    (source / "new.md").write_text(NEW_TEXT, encoding="utf-8")
    db = tmp_path_factory.mktemp("pair-db") / "resolutions.duckdb"
    build([source], db, workers=1)
    return db


def _use(monkeypatch, db: Path) -> Path:
    monkeypatch.setenv("RESOLUTIONS_DB", str(db))
    # cached connections and frames survive across AppTest runs in one process
    st.cache_resource.clear()
    st.cache_data.clear()
    return db


@pytest.fixture
def tiny(monkeypatch, tiny_db) -> Path:
    """Point the dashboard at the tiny database."""
    return _use(monkeypatch, tiny_db)


@pytest.fixture
def seed(monkeypatch, seed_db) -> Path:
    """Point the dashboard at the database built from the seed report."""
    return _use(monkeypatch, seed_db)


@pytest.fixture
def with_pdf(monkeypatch, pdf_db) -> Path:
    """Point the dashboard at the seed plus one synthetic PDF."""
    return _use(monkeypatch, pdf_db)


@pytest.fixture
def pair(monkeypatch, pair_db) -> Path:
    """Point the dashboard at the two versions of one resolution."""
    return _use(monkeypatch, pair_db)
