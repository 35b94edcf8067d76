"""Helpers shared by the dashboard tests: the tiny database and AppTest shortcuts."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from dashboard import build

HERE = Path(__file__).resolve().parent
SCHEMA = build.REPO_ROOT / "etl" / "schema.sql"


def make_tiny_db(path: Path) -> Path:
    """Create the schema and insert the rows of tiny_db.sql."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute((HERE / "tiny_db.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def app(page: str | None = None, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run app.py (optionally with URL query parameters) and switch to `page`."""
    at = AppTest.from_file(str(build.REPO_ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    return at


def figures(at: AppTest) -> list[dict]:
    """The plotly figure specs shown on the page, in order."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def assert_clean(at: AppTest) -> None:
    """No exception, no error element."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
