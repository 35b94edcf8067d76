"""Official UN PDF -> Layout: paragraphs, headings and footnotes as styled spans with page and box.

UN documents are typeset in one column: a first-line indent or a wider gap starts a paragraph,
lines break only at real hyphens, footnotes sit below a rule of underscores at the page bottom,
and every page carries furniture (masthead, running head, page number, job number, barcode). The
reader removes the furniture (kept as `furniture` blocks for the metadata), joins paragraphs across
lines and pages, and gives every block its lines (numbered in reading order) and boxes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pymupdf

from etl.errors import EtlError
from etl import lexicon
from etl.ir import (FOOTNOTE_RULE_RE, JOINS_WITHOUT_SPACE, Block, Box, Layout, SourceLoc, Span, merge_boxes,
                    paragraph_label, without_prefix)

pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files are reported by us, not printed by MuPDF
pymupdf.TOOLS.mupdf_display_warnings(False)

# whitespace as plain spaces, and no spaces MuPDF would guess inside a word ("radiatio n"): faster, and the
# reader puts a space between runs set apart on the page itself
_TEXT_FLAGS = pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_INHIBIT_SPACES
_ITALIC, _SUPERSCRIPT, _BOLD = 2, 1, 16
_WORD_RE = re.compile(r"\w")
_CLAUSE_END_RE = re.compile(r"[,;:.]$")
_MARKER_TEXT_RE = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z])$")
_MARKS_RE = re.compile(r"^(?:\d{1,3}|\*{1,3})(?:\s*,\s*\d{1,3})*$")  # references in the text: no letters
_FOOTER_SHARE = 0.925  # below this share of the page height: page number, job number, barcode
_HEADER_SHARE = 0.10  # above it, on pages after the first: the running head
_MASTHEAD_SHARE = 0.32  # the first page's masthead lies within this top share



@dataclass
class _Span:
    text: str
    size: float
    flags: int
    font: str
    x0: float
    x1: float
    baseline: float


def _spaced(spans: list[_Span]) -> list[_Span]:
    """The spans with a space between two set apart on the page with no space character between them."""
    out: list[_Span] = []
    for span in spans:
        before = out[-1] if out else None
        if (before is not None and span.x0 - before.x1 > 0.2 * span.size and not before.text[-1:].isspace()
                and not span.text[:1].isspace()):
            out.append(_Span(" ", span.size, span.flags, span.font, before.x1, span.x0, span.baseline))
        out.append(span)
    return out


class _Line:
    """A visual line: its spans left to right, its box, and what the reader decided it is."""

    __slots__ = ("page", "spans", "x0", "y0", "x1", "y1", "number", "role", "furniture",
                 "text", "text_x0", "size", "bold")

    def __init__(self, page: int, spans: list[_Span], x0: float, y0: float, x1: float, y1: float) -> None:
        self.page, self.spans, self.x0, self.y0, self.x1, self.y1 = page, spans, x0, y0, x1, y1
        self.number = 0  # 1-based line of the document in reading order
        self.role = "body"  # body | footnote | rule | furniture
        self.furniture: str | None = None

    def finish(self) -> _Line:
        """Compute what the reader asks of a line, once its spans are all there."""
        self.spans = _spaced(self.spans)
        visible = [s for s in self.spans if s.text.strip()]
        self.text = "".join(s.text for s in self.spans).strip()
        self.text_x0 = visible[0].x0 if visible else self.x0  # spaces before an indent do not count
        # the main size: that of the longest run (a footnote mark or a lone comma is shorter)
        self.size = round(max(visible, key=lambda s: len(s.text)).size, 1) if visible else 0.0
        words = [s for s in visible if _WORD_RE.search(s.text) and not (s.flags & _SUPERSCRIPT or s.size < 0.8 * self.size)]
        self.bold = bool(words) and all(s.flags & _BOLD for s in words)  # a footnote mark beside it may not be
        return self

    def box(self) -> Box:
        return Box(self.page, round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1))


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line] = field(default_factory=list)


def open_pdf(data: bytes, name: str) -> pymupdf.Document:
    """The PDF document, or an EtlError saying in words why it cannot be read."""
    if b"%PDF-" not in data[:1024]:
        raise EtlError(f"{name}: not a PDF (no PDF header)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:  # MuPDF raises several types for broken files
        raise EtlError(f"{name}: damaged PDF, cannot be opened ({error})") from error
    if doc.needs_pass or doc.is_encrypted:
        raise EtlError(f"{name}: encrypted PDF: remove the password and try again")
    if doc.is_repaired:
        doc.close()
        raise EtlError(f"{name}: damaged PDF (truncated or corrupt; MuPDF had to repair it)")
    return doc


def _page_lines(page: pymupdf.Page, number: int) -> list[_Line]:
    """The page's visual lines: PyMuPDF's lines on one baseline merged, sorted top to bottom."""
    raw: list[_Line] = []
    for block in page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            spans = [_Span(s["text"], s["size"], s["flags"], s["font"], s["bbox"][0], s["bbox"][2], s["origin"][1])
                     for s in line["spans"] if s["text"]]
            if spans and any(s.text.strip() for s in spans):
                x0, y0, x1, y1 = line["bbox"]
                raw.append(_Line(number, spans, x0, y0, x1, y1))
    keyed = sorted(((_baseline(line.spans), line) for line in raw), key=lambda item: (round(item[0]), item[1].x0))
    merged: list[tuple[float, _Line]] = []
    for baseline, line in keyed:
        if merged and abs(merged[-1][0] - baseline) < 0.45 * max(line.spans[0].size, 1) \
                and line.x0 >= merged[-1][1].x1 - 1:
            last = merged[-1][1]
            last.spans += line.spans
            last.x1, last.y0, last.y1 = max(last.x1, line.x1), min(last.y0, line.y0), max(last.y1, line.y1)
        else:
            merged.append((baseline, line))
    return [line.finish() for _, line in merged]


def _baseline(spans: list[_Span]) -> float:
    """The baseline of a line's main text: the lowest one (superscripts sit higher)."""
    return max((s.baseline for s in spans if s.text.strip()), default=0.0)


def _body_size(pages: list[_Page]) -> float:
    """The size most of the document's characters are set in."""
    sizes: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            sizes[line.size] = sizes.get(line.size, 0) + len(line.text)
    return max(sizes, key=lambda size: sizes[size]) if sizes else 10.0


def _mark_furniture(page: _Page, first: bool) -> None:
    """Masthead, running head and page footer lines are furniture; lines under the rule are footnotes.

    The masthead is the first page's run of masthead lines from the top (a date further down is text).
    """
    top = 0
    while first and top < len(page.lines) and page.lines[top].y1 < page.height * _MASTHEAD_SHARE:
        line = page.lines[top]
        if not (_is_barcode(line) or lexicon.MASTHEAD_RE.match(line.text)):
            break
        line.role, line.furniture = "furniture", "masthead"
        top += 1
    under_rule = False
    for line in page.lines[top:]:
        if _is_barcode(line) or line.y0 > page.height * _FOOTER_SHARE:
            line.role, line.furniture = "furniture", "footer"
        elif not first and line.y1 < page.height * _HEADER_SHARE:
            line.role, line.furniture = "furniture", "running_head"
        elif FOOTNOTE_RULE_RE.match(line.text):
            under_rule = True
            line.role = "rule"
        elif under_rule:
            line.role = "footnote"


def _is_barcode(line: _Line) -> bool:
    return any("Barcode" in s.font for s in line.spans)


def read_pdf(data: bytes, name: str = "document.pdf") -> Layout:
    """An official UN PDF as blocks; raises EtlError for a file that is no readable PDF with text."""
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    doc = open_pdf(data, name)
    try:
        pages = [_Page(i + 1, doc[i].rect.height, _page_lines(doc[i], i + 1)) for i in range(doc.page_count)]
    except Exception as error:
        raise EtlError(f"{name}: damaged PDF, text cannot be read ({error})") from error
    finally:
        doc.close()
    # MuPDF reads past a damaged content stream and only warns: the text would come back with holes
    if problems := pymupdf.TOOLS.mupdf_warnings(reset=True):
        raise EtlError(f"{name}: damaged PDF (MuPDF: {problems.splitlines()[0][:120]})")
    if not any(line.text for page in pages for line in page.lines):
        raise EtlError(f"{name}: no text layer: run OCR first")
    number = 0
    for page in pages:
        _mark_furniture(page, page.number == 1)
        for line in page.lines:
            number += 1
            line.number = number
    return Layout(_Assembler(_body_size(pages)).blocks(pages), number, len(pages))


class _Assembler:
    """Lines -> blocks: paragraphs joined across lines and pages, footnotes after the block they follow."""

    def __init__(self, body_size: float) -> None:
        self.body_size = body_size
        self.out: list[Block] = []
        self.current: list[_Line] = []
        self.pending_footnotes: list[list[_Line]] = []
        self.indented = False  # whether the current block's first line is indented
        self.last_footnote: Block | None = None

    def blocks(self, pages: list[_Page]) -> list[Block]:
        for page in pages:
            margin = self._left_margin(page)
            footnotes: list[list[_Line]] = []
            for line in page.lines:
                if line.role == "furniture":
                    self.out.append(Block("furniture", _spans([line]), _loc([line]), furniture=line.furniture))
                elif line.role == "footnote":
                    self._footnote_line(line, footnotes)
                elif line.role == "body":
                    small_print = line.size < 0.9 * self.body_size  # a table or its notes
                    if self.current and (self._starts_block(self.current[-1], line, margin) if not small_print
                                         else not self._small(self.current[-1])):
                        self._close()
                    if not self.current:
                        self.indented = line.text_x0 > margin + 0.8 * self.body_size
                    self.current.append(line)
            self.pending_footnotes += footnotes
        self._close()
        return self.out

    def _small(self, line: _Line) -> bool:
        return line.size < 0.9 * self.body_size

    def _left_margin(self, page: _Page) -> float:
        """The x where most body lines of the page start."""
        starts = Counter(round(line.text_x0) for line in page.lines
                         if line.role == "body" and abs(line.size - self.body_size) < 1)
        return starts.most_common(1)[0][0] if starts else 0.0

    def _starts_block(self, previous: _Line, line: _Line, margin: float) -> bool:
        """Whether a body line opens a new block: a label, an indent, a wider gap, a change of weight or size."""
        size = self.body_size
        if previous.bold != line.bold or abs(previous.size - line.size) > 1.0:
            return True
        if previous.bold and line.page == previous.page and line.y0 - previous.y1 <= 0.45 * size:
            return False  # a heading's lines, the second one indented under its number
        indented = line.text_x0 > margin + 0.8 * size
        if indented and paragraph_label(line.text):
            return True  # "12. Requests", "(b) Developing": continuation lines never start indented with a label
        if line.text_x0 > previous.text_x0 + 0.8 * size:
            return True  # a first-line indent, a centred heading
        if line.page != previous.page:
            # the paragraph goes on at the top of the next page, unless an indented line opens a new one
            # after a line that closed a clause ("…, 2024," at the foot, "*Welcoming* …" at the head)
            first = next((s for s in line.spans if s.text.strip()), None)
            return bool(indented and _CLAUSE_END_RE.search(previous.text) and first is not None
                        and (first.flags & _ITALIC or first.text.lstrip()[:1].isupper()))
        return line.y0 - previous.y1 > 0.45 * size

    def _footnote_line(self, line: _Line, footnotes: list[list[_Line]]) -> None:
        first = next((s for s in line.spans if s.text.strip()), None)
        text_size = max((s.size for s in line.spans if s.text.strip()), default=0)
        starts = first is not None and _MARKER_TEXT_RE.match(first.text.strip()) and (
            first.flags & _SUPERSCRIPT or first.size < 0.8 * text_size)
        if starts:
            footnotes.append([line])
        elif footnotes:
            footnotes[-1].append(line)
        elif self.pending_footnotes:  # a footnote continued from the previous page
            self.pending_footnotes[-1].append(line)
        elif self.last_footnote is not None:  # written out already, when a block closed on this page
            self._extend_footnote(self.last_footnote, line)
        else:
            footnotes.append([line])

    def _extend_footnote(self, block: Block, line: _Line) -> None:
        block.spans += [Span(" ", line=line.number), *_spans([line])]
        block.loc = block.loc.extend(_loc([line]))
        block.n_lines += 1
        block.__dict__.pop("text", None)

    def _close(self) -> None:
        if self.current:
            block = _body_block(self.current, self.indented)
            block.small_print = all(self._small(line) for line in self.current)
            self.out.append(block)
            self.current = []
        for lines in self.pending_footnotes:
            self.last_footnote = _footnote_block(lines)
            self.out.append(self.last_footnote)
        self.pending_footnotes = []


def _spans(lines: list[_Line]) -> list[Span]:
    """The lines' spans as styled text, lines joined by a space unless a line ends with a hyphen."""
    out: list[Span] = []
    for i, line in enumerate(lines):
        visible = [s for s in line.spans]
        while visible and not visible[-1].text.strip():
            visible.pop()
        main = line.size
        for j, s in enumerate(visible):
            text = s.text.rstrip() if j == len(visible) - 1 else s.text
            # a footnote mark: raised or smaller, and shaped like one ("12", "*", "10,11"); "km2" keeps its 2
            mark = _MARKS_RE.match(s.text.strip() or " ") is not None
            raised = mark and bool(s.flags & _SUPERSCRIPT or s.size < 0.8 * main)
            out.append(Span(text, italic=bool(s.flags & _ITALIC), bold=bool(s.flags & _BOLD), superscript=raised,
                            line=line.number))
        if i < len(lines) - 1 and not line.text.endswith(JOINS_WITHOUT_SPACE):
            out.append(Span(" ", line=line.number))
    return out


def _loc(lines: list[_Line]) -> SourceLoc:
    return SourceLoc(lines[0].number, lines[-1].number, merge_boxes([line.box() for line in lines]))


def _body_block(lines: list[_Line], indented: bool) -> Block:
    spans = _spans(lines)
    text = "".join(s.text for s in spans)
    kind, label = "text", None
    if found := paragraph_label(text.lstrip()):
        kind, label, start = found
        spans = without_prefix(spans, start + len(text) - len(text.lstrip()))
    bold = all(s.bold for s in spans if s.text.strip() and not s.superscript)
    # UN paragraphs open with an indented first line; a block at the margin may be the rest of one
    return Block(kind, spans, _loc(lines), label=label, n_lines=len(lines), bold=bold and kind == "text",
                 starts_unit=indented or bold)


_FOOTNOTE_MARK_RE = re.compile(r"^\s*(\d{1,3}|\*{1,3}|[a-z])(?=\s|$)")


def _footnote_block(lines: list[_Line]) -> Block:
    """A footnote: its mark (the first small number or asterisk) and its text."""
    spans = _spans(lines)
    first = next(i for i, s in enumerate(spans) if s.text.strip())
    m = _FOOTNOTE_MARK_RE.match(spans[first].text)
    marker = m.group(1) if m else ""
    rest = without_prefix(spans[first:], m.end() if m else 0)
    return Block("footnote", rest, _loc(lines), label=marker, n_lines=len(lines), starts_unit=True)
