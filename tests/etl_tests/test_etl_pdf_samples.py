"""Official UN PDFs from ../shared/samples/pdf (not shipped: skipped without them), checked against a ground truth.

How the ground truth (pdf_expectations.json) was made: 32 documents of different layouts and
committees (all 8 Third Committee drafts, 79/186-189, declarations in annexes, roman sections that
renumber, tables, unnumbered operative paragraphs, the 56-page 80/110) were read by a reviewer who
did not look at this parser: counts from the italic leads and the printed numbers, checked against a
`pdftotext -layout` count; mastheads, bracketed origin lines and closing lines read by eye.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from etl_snippets import SHARED_SAMPLES

from etl.metadata import DocumentMeta, document_metadata
from etl.parse import Document, parse_document, parse_layout
from etl.readers import read_file

PDFS = SHARED_SAMPLES / "pdf"
EXPECTED = json.loads((Path(__file__).with_name("pdf_expectations.json")).read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(not PDFS.is_dir(), reason="../shared/samples/pdf is not here")


@lru_cache(maxsize=None)
def _read(name: str) -> tuple[Document, DocumentMeta]:
    path = PDFS / name
    read = read_file(path, path.read_bytes())
    doc = parse_layout(name, read.layout)
    return doc, document_metadata(read.layout, doc)


def _found(name: str) -> dict:
    """The fields of the ground truth, as this parser reads them."""
    doc, meta = _read(name)
    [instrument] = doc.instruments
    preambular = [p for p in instrument.paragraphs if p.kind == "preambular"]
    operative = [p for p in instrument.paragraphs if p.kind == "operative"]
    origin = {"committee": meta.committee, "report": meta.origin_report, "drafts": meta.origin_drafts}
    return {
        "symbol": meta.symbol, "doc_type": meta.doc_type, "session": meta.session,
        "agenda_items": [f"{n} ({sub})" if sub else str(n) for n, sub in meta.agenda_items],
        "distribution_date": str(meta.distribution_date) if meta.distribution_date else None,
        "adopted_on": str(meta.adopted_on) if meta.adopted_on else None,
        "origin": origin, "meeting": meta.meeting,
        "meeting_date": str(meta.meeting_date) if meta.meeting_date else None,
        "sponsors": instrument.sponsors or None, "title": instrument.title, "acting_body": instrument.acting_body,
        "preambular": len(preambular), "operative": len(operative),
        "operative_numbers": [p.number for p in operative],
        "first_preambular_lead": preambular[0].lead_phrase if preambular else None,
        "operative_leads": [p.lead_phrase for p in operative],
        # numbers restart in roman parts, so items are compared as a multiset of letter runs
        "subitems": Counter("".join(s.letter for s in p.subparagraphs) for p in operative if p.subparagraphs),
        "footnotes": sum(f.attachment_index is None and f.marker.isdigit() for f in doc.footnotes),
        "annex": bool(doc.attachments),
    }


def _expected(entry: dict, field: str):
    value = entry[field]
    if field == "subitems":
        return Counter(value.values())
    return value


FIELDS = ("symbol", "doc_type", "session", "agenda_items", "distribution_date", "adopted_on", "meeting",
          "meeting_date", "sponsors", "title", "acting_body", "preambular", "operative", "operative_numbers",
          "first_preambular_lead", "operative_leads", "subitems", "footnotes", "annex")


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: e["file"])
def test_pdf_matches_the_ground_truth(entry: dict) -> None:
    found = _found(entry["file"])
    wrong = {f: (found[f], _expected(entry, f)) for f in FIELDS
             if entry.get(f) is not None and found[f] != _expected(entry, f)}
    assert wrong == {}


@pytest.mark.parametrize("entry", [e for e in EXPECTED if e.get("origin")], ids=lambda e: e["file"])
def test_pdf_origin(entry: dict) -> None:
    found, expected = _found(entry["file"])["origin"], entry["origin"]
    for key, value in expected.items():
        if value is None:
            continue
        if key == "committee" and value != "plenary":
            assert value.split(" (")[0] in found["committee"] or found["committee"].endswith(f"({value})")
        else:
            assert found.get(key) == value


@pytest.mark.parametrize("number", [186, 187, 188, 189])
def test_pdf_and_markdown_agree(number: int) -> None:
    """The same resolution as the official PDF and as a hand conversion: same paragraphs, leads, items, text."""
    pdf, _ = _read(f"A_RES_79_{number}.pdf")
    markdown = parse_document("md", (SHARED_SAMPLES / f"A_RES_79_{number}.md").read_text(encoding="utf-8"))

    def shape(doc: Document) -> list[tuple]:
        [instrument] = doc.instruments
        return [(p.kind, p.number, p.lead_phrase, "".join(s.letter for s in p.subparagraphs),
                 "".join(p.full_text.split())) for p in instrument.paragraphs]

    assert shape(pdf) == shape(markdown)
    assert pdf.instruments[0].title == markdown.instruments[0].title


def test_paragraphs_keep_their_pages_and_boxes() -> None:
    doc, _ = _read("A_RES_79_187.pdf")
    paragraphs = doc.instruments[0].paragraphs
    assert all(p.boxes for p in paragraphs)
    first = paragraphs[0].boxes[0]
    assert first.page == 1 and 0 < first.x0 < first.x1 <= 612 and 0 < first.y0 < first.y1 <= 792
    # the fifth preambular paragraph opens page 2; the first operative paragraph sits on page 2
    assert [p.boxes[0].page for p in paragraphs[4:10]] == [2, 2, 2, 2, 2, 2]
    assert all(f.boxes and f.boxes[0].page in (1, 2) for f in doc.footnotes)


def test_all_samples_load_with_few_warnings(tmp_path: Path) -> None:
    """Every sample PDF loads; the warnings left are listed and explained in bench/pdf_warnings.md."""
    from etl.pipeline import build

    result = build([PDFS], tmp_path / "all.duckdb", workers=2)
    loaded = {s.source_name for s in result.summaries}
    assert loaded == {p.name for p in PDFS.glob("*.pdf")}
    assert sum(len(s.warnings) for s in result.summaries) <= 20


def test_the_following_areas_do_not_start_an_adopted_text() -> None:
    """80/53 op. 6 ends 'taking into account the following indicative areas:': its items stay its own."""
    doc, _ = _read("A_RES_80_53.pdf")
    operative = [p.number for p in doc.instruments[0].paragraphs if p.kind == "operative"]
    assert operative == list(range(1, 13)) and doc.attachments == []


def test_adopts_the_following_text_is_an_adopted_text() -> None:
    doc, _ = _read("A_RES_80_173.pdf")
    assert [p.lead_phrase for p in doc.instruments[0].paragraphs] == ["Adopts"]
    assert [a.kind for a in doc.attachments] == ["embedded"] and len(doc.attachments[0].paragraphs) > 100


def test_a_paragraph_at_the_head_of_a_page_is_not_joined_to_the_one_at_the_foot() -> None:
    doc, _ = _read("A_RES_80_150.pdf")
    assert not [p for p in doc.instruments[0].paragraphs if "2024, Welcoming" in p.text]


def test_a_table_after_its_caption_stays_in_its_paragraph() -> None:
    """80/243 op. 17 '… as set out in the table below:' then 'A. Pension Administration' and the table."""
    doc, _ = _read("A_RES_80_243.pdf")
    [seventeen] = [p for p in doc.instruments[0].paragraphs if p.number == 17 and "table below" in p.text]
    assert "Pension Administration" in seventeen.text and "Legal Officer" in seventeen.text
