"""The reader's representation of a document: styled spans in blocks with a role and a source location.

Readers (etl/readers/) turn a file of any format into a `Layout`; the grammar (etl/parse.py) reads
only this. A lead phrase is the block's leading italic run and a footnote reference is a
superscript span, whatever the file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

_SPACE_RE = re.compile(r"\s+")


class Box(NamedTuple):
    """A rectangle on a 1-based PDF page, in PDF points from the page's top-left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box) -> Box:
        """The smallest box holding both (same page)."""
        return Box(self.page, min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))


def merge_boxes(boxes: list[Box] | tuple[Box, ...]) -> tuple[Box, ...]:
    """One box per page, in page order."""
    by_page: dict[int, Box] = {}
    for box in boxes:
        by_page[box.page] = by_page[box.page].union(box) if box.page in by_page else box
    return tuple(by_page[page] for page in sorted(by_page))


@dataclass(frozen=True)
class SourceLoc:
    """Where a unit came from: 1-based lines of the extracted text and, for a PDF, its boxes per page."""

    line_start: int
    line_end: int
    boxes: tuple[Box, ...] = ()

    @property
    def page_start(self) -> int | None:
        return self.boxes[0].page if self.boxes else None

    @property
    def page_end(self) -> int | None:
        return self.boxes[-1].page if self.boxes else None

    def extend(self, other: SourceLoc) -> SourceLoc:
        """This location grown to cover another one after it."""
        return SourceLoc(min(self.line_start, other.line_start), max(self.line_end, other.line_end),
                         merge_boxes(self.boxes + other.boxes))


@dataclass(frozen=True)
class Marker:
    """A footnote reference (a superscript span) at a source line."""

    marker: str
    line: int


class Span(NamedTuple):
    """A run of text in one style (a named tuple: readers make them by the hundred thousand)."""

    text: str
    italic: bool = False
    bold: bool = False
    superscript: bool = False
    line: int = 0  # source line the span sits on


ROLES = ("heading", "body", "footnote", "rule", "furniture")
KINDS = ("heading", "rule", "footnote", "numbered", "lettered", "text", "furniture")


@dataclass
class Block:
    """A unit of text that belongs together: a heading, a paragraph, a footnote, a rule, page furniture."""

    kind: str  # heading | rule | footnote | numbered | lettered | text | furniture
    spans: list[Span]  # the text after the number, letter or footnote marker
    loc: SourceLoc
    label: str | None = None  # number, letter or footnote marker
    n_lines: int = 1
    bold: bool = False  # the whole block is bold: a heading printed as a bold line
    standalone: bool = False  # a heading-like line that no other line joins
    starts_unit: bool = False  # the reader knows from the layout that this block starts a new unit
    furniture: str | None = None  # masthead | running_head | footer, for furniture blocks
    small_print: bool = False  # printed smaller than the body: a table or its notes

    @property
    def role(self) -> str:
        """heading, body, footnote, rule or furniture."""
        if self.kind in ("heading", "footnote", "rule", "furniture"):
            return self.kind
        return "heading" if self.bold else "body"

    @property
    def line_start(self) -> int:
        return self.loc.line_start

    @property
    def line_end(self) -> int:
        return self.loc.line_end

    @cached_property
    def text(self) -> str:
        """Plain text without footnote references, whitespace collapsed."""
        return _SPACE_RE.sub(" ", "".join(s.text for s in self.spans if not s.superscript)).strip()

    @cached_property
    def leading_italic(self) -> str | None:
        """The italic run the block opens with (spaces between italic spans included), or None."""
        parts: list[str] = []
        for span in self.spans:
            if span.superscript:
                break
            if span.italic:
                parts.append(span.text)
            elif not span.text.strip():
                if parts:  # a space between two italic spans
                    parts.append(span.text)
            else:
                break
        run = _SPACE_RE.sub(" ", "".join(parts)).strip()
        return run or None

    @cached_property
    def markers(self) -> list[Marker]:
        """Footnote references in order."""
        # "10,11": two references printed as one superscript
        return [Marker(marker.strip(), s.line) for s in self.spans if s.superscript
                for marker in s.text.split(",") if marker.strip()]


@dataclass
class Layout:
    """What a reader makes of one file: its blocks in reading order."""

    blocks: list[Block]
    n_lines: int
    pages: int | None = None  # PDF page count
    warnings: list[str] = field(default_factory=list)


def without_prefix(spans: list[Span], length: int) -> list[Span]:
    """The spans without their first `length` characters (a printed label such as '12. ')."""
    out: list[Span] = []
    for span in spans:
        if length >= len(span.text):
            length -= len(span.text)
            continue
        out.append(Span(span.text[length:], span.italic, span.bold, span.superscript, span.line) if length else span)
        length = 0
    return out


# a line ending with one of these goes on in the next line without a space: UN PDFs break lines
# only at real hyphens ("capacity-" / "building")
JOINS_WITHOUT_SPACE = ("-", "\u2011", "\u2013", "\u2014", "/")

FOOTNOTE_RULE_RE = re.compile(r"^_{5,}$")  # the rule of underscores above a page's footnotes

_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})\.\s+(.*)$", re.DOTALL)
_LETTERED_RE = re.compile(r"^\s*(?:[-*+]\s+)?\(([a-z]{1,4})\)\s+(.*)$", re.DOTALL)


def paragraph_label(text: str) -> tuple[str, str, int] | None:
    """Kind, label and length of the printed label a paragraph's text opens with ('1. ', '(a) ')."""
    if m := _NUMBERED_RE.match(text):
        return "numbered", m.group(1), m.start(2)
    if m := _LETTERED_RE.match(text):
        return "lettered", m.group(1), m.start(2)
    return None
