"""Small report texts for the ETL tests, and shortcuts to parse them."""

from __future__ import annotations

import hashlib
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


# a small well-formed resolution: one preambular and two operative paragraphs
GOOD = resolution("*Recalling* its resolution 1/1,\n\n1. *Requests* the Secretary-General to act;\n\n"
                  "2. *Invites* Member States to act.")


def parse(text: str) -> Document:
    return parse_document("snippet.md", text)


def rows(text: str) -> dict[str, list]:
    return document_rows(parse(text), Source("doc", "snippet.md", "0" * 64, "utf-8"))


def digest(path: Path) -> str:
    """sha256 of a file: a failed build must leave the old database byte-identical."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
