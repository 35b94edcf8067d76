"""Report requests on the seed and the official samples (skipped without ../shared), against a reading by hand.

report_requests_expectations.json: per document, paragraphs read by hand with the requests they hold
(key fields), and paragraphs that hold none ("Takes note of the report ...").
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from etl_snippets import SHARED_SAMPLES

EXPECTED = json.loads((Path(__file__).parent / "report_requests_expectations.json").read_text(encoding="utf-8"))
KEYS = ("letter", "reporter", "submitted_to", "session", "due_year", "periodicity", "form", "within_existing_resources")
FIND = f"select {', '.join(KEYS)} from report_requests where paragraph_id = ? order by report_request_id"
pytestmark = pytest.mark.skipif(not (SHARED_SAMPLES / "pdf").is_dir(), reason="../shared/samples/pdf is not here")


@pytest.fixture(scope="module")
def con(samples_db: Path):
    with duckdb.connect(str(samples_db), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize("document", EXPECTED["documents"], ids=lambda d: d["symbol"])
def test_report_requests_as_read_by_hand(con: duckdb.DuckDBPyConnection, document: dict) -> None:
    for paragraph in document["paragraphs"]:
        found = [dict(zip(KEYS, row)) for row in con.execute(FIND, [paragraph["paragraph_id"]]).fetchall()]
        if paragraph.get("exact", True):
            assert found == paragraph["rows"], paragraph["paragraph_id"]
        else:
            assert all(row in found for row in paragraph["rows"]), paragraph["paragraph_id"]
    for paragraph_id in document["none"]:
        assert con.execute(FIND, [paragraph_id]).fetchall() == [], paragraph_id
        assert con.execute("select count(*) from paragraphs where paragraph_id = ?", [paragraph_id]).fetchone() == (1,)


def test_at_least_25_documents_were_read() -> None:
    assert len(EXPECTED["documents"]) >= 25
