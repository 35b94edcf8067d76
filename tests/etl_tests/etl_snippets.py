"""Small report texts for the ETL tests, and shortcuts to parse them."""

from __future__ import annotations

from pathlib import Path

from etl.extract import Source, document_rows
from etl.parse import Document, parse_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"  # not ours to ship: tests using it skip without it


def resolution(body: str, *, heading: str = "## Draft resolution I", title: str = "### A title",
               acting: str = "*The General Assembly,*") -> str:
    """A small resolution text around the given paragraphs."""
    return f"{heading}\n\n{title}\n\n{acting}\n\n{body}\n"


def parse(text: str) -> Document:
    return parse_document("snippet.md", text)


def rows(text: str) -> dict[str, list]:
    return document_rows(parse(text), Source("doc", "snippet.md", "0" * 64, "utf-8"))
