"""Compare and counterparts on the official samples (skipped without ../shared), against a reading by hand.

How the expectations were made (compare_series_expectations.json, compare_draft_expectations.json):
a reviewer extracted each PDF on their own (pdftotext -layout or PyMuPDF, their own paragraph
splitting), aligned the versions, and read by eye every paragraph that is not identical, every
added or deleted one and every disagreement with this tool; the file's "how" and each pair's
"notes" say more. Entries listed under a pair's "judgement_calls" are rewrites a careful reader
may take as one amended paragraph or as one deleted and one added: either passes.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from etl_snippets import SEEDS, SHARED_SAMPLES

from etl import compare
from etl.load import read_side
from etl.pipeline import build

PDFS = SHARED_SAMPLES / "pdf"
HERE = Path(__file__).parent
SERIES = json.loads((HERE / "compare_series_expectations.json").read_text(encoding="utf-8"))["pairs"]
DRAFTS = json.loads((HERE / "compare_draft_expectations.json").read_text(encoding="utf-8"))["pairs"]
SEED_DRAFTS = {"000_729240fe4f2efc64:i1": "186", "000_729240fe4f2efc64:i2": "187", "000_729240fe4f2efc64:i3": "188"}
pytestmark = pytest.mark.skipif(not PDFS.is_dir(), reason="../shared/samples/pdf is not here")


@pytest.fixture(scope="module")
def markdown_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the markdown copies of 79/186-188."""
    db = tmp_path_factory.mktemp("compare-md") / "md.duckdb"
    build([SEEDS, *(SHARED_SAMPLES / f"A_RES_79_{n}.md" for n in SEED_DRAFTS.values())], db, workers=1)
    return db


def _entries(db: Path, old: str, new: str) -> set[tuple[str, int | None, int | None, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        result = compare.compare(read_side(con, old), read_side(con, new))
    return {(e.kind, e.old.index if e.old else None, e.new.index if e.new else None, e.status) for e in result.entries}


def _expected(pair: dict) -> tuple[set, set]:
    """The entries read by hand, and the alternative readings allowed for the judgement calls."""
    expected = {(p["kind"], p["old_index"], p["new_index"], p["status"]) for p in pair["paragraphs"]}
    alternatives = set()
    for call in pair.get("judgement_calls", []):
        kind, old, new = call["kind"], call["old_index"], call["new_index"]
        expected.discard((kind, old, new, "amended"))
        alternatives |= {(kind, old, new, "amended"), (kind, old, None, "deleted"), (kind, None, new, "added")}
    return expected, alternatives


def _check(found: set, pair: dict) -> None:
    expected, alternatives = _expected(pair)
    assert found - alternatives == expected
    if alternatives:  # one reading or the other, whole
        taken = found & alternatives
        assert len(taken) in (1, 2) and (len(taken) == 1) == any(s == "amended" for *_, s in taken)


@pytest.mark.parametrize("pair", SERIES, ids=lambda p: f"{p['old']}->{p['new']}")
def test_year_to_year_pairs_as_read_by_hand(samples_db: Path, pair: dict) -> None:
    _check(_entries(samples_db, pair["old"], pair["new"]), pair)


@pytest.mark.parametrize("pair", DRAFTS, ids=lambda p: f"{p['old']}->{p['new']}")
def test_drafts_against_adopted_pdfs_as_read_by_hand(samples_db: Path, pair: dict) -> None:
    new = pair["new"]
    if pair["old"] in SEED_DRAFTS:  # the samples hold 79/186-188 once, as PDFs
        new = f"A_RES_79_{SEED_DRAFTS[pair['old']]}:i1"
    _check(_entries(samples_db, pair["old"], new), pair)


@pytest.mark.parametrize("pair", [p for p in DRAFTS if p["old"] in SEED_DRAFTS], ids=lambda p: p["old"])
def test_seed_drafts_against_the_markdown_copies(markdown_db: Path, pair: dict) -> None:
    _check(_entries(markdown_db, pair["old"], f"A_RES_79_{SEED_DRAFTS[pair['old']]}:i1"), pair)


def test_counterparts_found_are_the_known_pairs(samples_db: Path) -> None:
    """Every listed draft and year-to-year pair is proposed, and nothing else above the threshold."""
    with duckdb.connect(str(samples_db), read_only=True) as con:
        found = set(con.execute("""
            select coalesce(o.symbol, c.old_instrument_id), n.symbol, c.relation
            from counterparts c
            join instruments oi on oi.instrument_id = c.old_instrument_id join documents o on o.document_id = oi.document_id
            join instruments ni on ni.instrument_id = c.new_instrument_id join documents n on n.document_id = ni.document_id
        """).fetchall())
    known = {(p["old"], p["new"], "series") for p in SERIES}
    known |= {(p["old"], p["new"] if p["old"] not in SEED_DRAFTS else f"A/RES/79/{SEED_DRAFTS[p['old']]}",
               "adopted_text") for p in DRAFTS}
    assert found == known
