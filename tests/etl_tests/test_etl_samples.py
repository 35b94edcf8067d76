"""Real General Assembly resolutions from ../shared/samples (not shipped: skipped without them)."""

from __future__ import annotations

import pytest
from etl_snippets import SEEDS, SHARED_SAMPLES

from etl.extract import Source, document_rows
from etl.parse import parse_document

pytestmark = pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples is not here")

# preambular, operative, lettered items: as listed in the samples' README and recounted by reading
EXPECTED = {
    "A_RES_79_186.md": ("Resolution 79/186", 14, 27, 0),
    "A_RES_79_187.md": ("Resolution 79/187", 9, 5, 0),
    "A_RES_79_188.md": ("Resolution 79/188", 16, 12, 0),
    "A_RES_79_189.md": ("Resolution 79/189", 24, 23, 16),
}


def _parse(name: str):
    path = SHARED_SAMPLES / name
    return parse_document(name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_counts(name: str) -> None:
    doc = _parse(name)
    [instrument] = doc.instruments
    paragraphs = instrument.paragraphs
    found = (instrument.label, sum(p.kind == "preambular" for p in paragraphs),
             sum(p.kind == "operative" for p in paragraphs), sum(len(p.subparagraphs) for p in paragraphs))
    assert found == EXPECTED[name]
    assert (instrument.status, instrument.acting_body, instrument.adopted_on) == (
        "adopted", "General Assembly", "17 December 2024")
    assert doc.warnings == []


def test_plain_text_sample_reads_like_the_italic_seed() -> None:
    """79/187 has no italics; the seed prints the same text as Draft resolution II with italics."""
    plain = _parse("A_RES_79_187.md").instruments[0].paragraphs
    seed = parse_document("seed", next(SEEDS.glob("*.txt")).read_text(encoding="utf-8"))
    italic = next(i for i in seed.instruments if i.label == "Draft resolution II").paragraphs
    assert [(p.kind, p.number, p.lead_phrase) for p in plain] == [(p.kind, p.number, p.lead_phrase) for p in italic]


def test_sample_lettered_items_under_paragraphs_6_and_16() -> None:
    paragraphs = _parse("A_RES_79_189.md").instruments[0].paragraphs
    letters = {p.number: "".join(s.letter for s in p.subparagraphs) for p in paragraphs if p.subparagraphs}
    assert letters == {6: "abcdefghijk", 16: "abcde"}


def test_sample_adoption_date_is_a_historical_event() -> None:
    doc = _parse("A_RES_79_186.md")
    rows = document_rows(doc, Source("s", "A_RES_79_186.md", "0" * 64, "utf-8"))
    adoption = [e for e in rows["events"] if e.label == "Adoption of Resolution 79/186"]
    assert [(str(e.start_date), e.is_historical) for e in adoption] == [("2024-12-17", True)]


def test_sample_citations_from_a_list_of_resolutions() -> None:
    doc = _parse("A_RES_79_189.md")
    rows = document_rows(doc, Source("s", "A_RES_79_189.md", "0" * 64, "utf-8"))
    symbols = {c.symbol for c in rows["citations"]}
    assert {"A/RES/59/156", "A/RES/73/189", "A/RES/74/176", "A/RES/75/195", "A/RES/78/228",
            "CCPCJ/RES/23/2", "CCPCJ/RES/25/1", "A/68/256", "E/2014/30"} <= symbols
