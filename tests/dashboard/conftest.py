"""Dashboard test fixtures: a hand-built tiny database (`seed_db` is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from dash_helpers import make_tiny_db


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    return make_tiny_db(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


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
