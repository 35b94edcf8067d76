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


# two versions of one resolution, a session apart: whitespace, an added preambular paragraph, two
# operative paragraphs swapped, one of them with a weaker verb and a later session
OLD_TEXT = resolution(
    "*Recalling* its resolution 70/1 on the 2030 Agenda,\n\n"
    "*Noting* the report of the Secretary-General,\n\n"
    "1. *Requests* the Secretary-General to report to the General Assembly at its eightieth session;\n\n"
    "2. *Urges* Member States to ratify the Convention;\n\n"
    "3. *Invites* donors to support the work of the Office;\n\n"
    "4. *Decides* to remain seized of the matter.",
    heading="## Resolution 79/1", title="### A series")
NEW_TEXT = resolution(
    "*Recalling* its resolution\u00a070/1 on the 2030\u00a0Agenda,\n\n"  # only whitespace differs
    "*Welcoming* the progress made,\n\n"
    "*Noting* the report of the Secretary-General,\n\n"
    "1. *Urges* Member States to ratify the Convention;\n\n"
    "2. *Encourages* the Secretary-General to report to the General Assembly at its eighty-first session;\n\n"
    "3. *Invites* donors to support the work of the Office;\n\n"
    "4. *Decides* to remain seized of the matter.",
    heading="## Resolution 80/1", title="### A series")


def parse(text: str) -> Document:
    return parse_document("snippet.md", text)


def rows(text: str) -> dict[str, list]:
    return document_rows(parse(text), Source("doc", "snippet.md", "0" * 64, "utf-8"))


def digest(path: Path) -> str:
    """sha256 of a file: a failed build must leave the old database byte-identical."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
