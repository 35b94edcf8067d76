"""Helpers shared by the dashboard tests: the tiny database and AppTest shortcuts."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from dashboard import build, filters
from etl import load, search

HERE = Path(__file__).resolve().parent
SCHEMA = build.REPO_ROOT / "etl" / "schema.sql"


def make_tiny_db(path: Path) -> Path:
    """Create the schema and insert the rows of tiny_db.sql."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute((HERE / "tiny_db.sql").read_text(encoding="utf-8"))
    # what the ETL adds once the rows are in: the search index and the stored paragraph_facts
    items: dict[str, list[str]] = {}
    for paragraph_id, text in con.execute("select paragraph_id, text from subparagraphs order by letter").fetchall():
        items.setdefault(paragraph_id, []).append(text)
    for paragraph_id, text in con.execute("select paragraph_id, text from paragraphs").fetchall():
        terms = search.paragraph_terms([text, *items.get(paragraph_id, [])])
        con.executemany("insert into search_terms values (?, ?, ?, ?)",
                        [(paragraph_id, term, n, sum(terms.values())) for term, n in terms.items()])
    load.materialise(con)
    con.close()
    return path


def app(page: str | None = None, params: dict[str, str | list[str]] | None = None, *,
        filters_open: bool = True) -> AppTest:
    """Run app.py (optionally with URL query parameters) and switch to `page`; with
    `filters_open`, the sidebar's filter sections are open (open_filters)."""
    at = AppTest.from_file(str(build.REPO_ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if filters_open:
        open_filters(at)
    if page:  # as if the browser opened /<page>?<params>
        at.switch_page(f"pages/{page}.py")
    return at.run()


def open_filters(at: AppTest) -> AppTest:
    """Open every filter section of the sidebar for the next run (as a click on each does)."""
    for group in filters.FILTER_GROUPS:
        at.session_state[filters.group_key(group)] = True
    return at


def figures(at: AppTest) -> list[dict]:
    """The plotly figure specs shown on the page, in order."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def assert_clean(at: AppTest) -> None:
    """No exception, no error element."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def values(array) -> list:
    """A figure array as a list (plotly ships numeric arrays as base64 'bdata')."""
    if isinstance(array, dict) and "bdata" in array:
        import base64

        import numpy as np

        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        return flat.reshape(array["shape"]).tolist() if "shape" in array else flat.tolist()
    return list(array)


def mark_traces(fig: dict) -> list[dict]:
    """The traces that draw marks (not a bar chart's labels or its top scale: no customdata)."""
    return [t for t in fig["data"] if values(t.get("customdata", []))]


def marks(fig: dict) -> list[tuple[list, float]]:
    """(customdata, plotted value) of every bar or marker, all traces."""
    out = []
    for trace in fig["data"]:
        custom = values(trace.get("customdata", []))
        measure = values(trace["x"] if trace.get("orientation") == "h" else trace.get("text", []))
        out += list(zip(custom, measure))
    return out


def select(at: AppTest, key: str, customdata: list) -> AppTest:
    """Simulate a click on the mark carrying `customdata` in the chart with `key`."""
    point = {"customdata": customdata, "curve_number": 0, "point_number": 0, "point_index": 0}
    at.session_state[key] = {"selection": {"points": [point], "point_indices": [0], "box": [],
                                           "lasso": []}}
    return at.run()


def drilldown(at: AppTest) -> list[tuple[str, list[str]]]:
    """Each drill-down on the page: its heading and the paragraph references it lists."""
    tables = [d.value for d in at.dataframe if "reference" in d.value.columns
              and "link" in d.value.columns]
    heads = [m.value for m in at.markdown if " paragraph" in m.value and " — " in m.value
             and m.value.startswith("**")]
    return [(h, list(t["reference"])) for h, t in zip(heads, tables)]
