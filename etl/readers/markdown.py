"""Markdown (and markdown-like text) -> Layout: blocks of styled spans with their source lines.

The text is markdown converted from UN PDFs: headings at any level or bold lines, italic lead
phrases or none, <sup>n</sup> or \\* footnote references, and page-break debris (rules, footnote
blocks, running heads, page numbers). Blocks are runs of non-blank lines.
"""

from __future__ import annotations

import re

from etl import lexicon
from etl.ir import Block, Layout, SourceLoc, Span, paragraph_label

_SUP_RE = re.compile(r"<sup>\s*([^<]{1,8}?)\s*</sup>", re.IGNORECASE)
_MARKER_RE = re.compile(r"<sup>\s*([^<]{1,8}?)\s*</sup>|\\\*", re.IGNORECASE)
_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\([^()\s\[\]]*(?:\s+\"[^\"]*\")?\)")
# Emphasis content never holds its own delimiter: each scan stops at the next one, so stripping
# stays linear even on a 100 000-character line full of unbalanced stars.
_EMPHASIS_RES = (
    ("*", re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*")),
    ("_", re.compile(r"(?<!\w)__(?=[^\s_])([^_]+?)(?<=\S)__(?!\w)")),
    ("*", re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])")),
    ("_", re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=\S)_(?![\w_])")),
)
_LEAD_EMPHASIS_RE = re.compile(r"^\s*(\*{1,3}|_{1,2})(?=[^\s*_])([^*_]+?)(?<=\S)\1")
_STRAY_STAR_RE = re.compile(r"(?<!\\)\*+")
_BREAK_TAG_RE = re.compile(r"</?(?:br|sup|sub|em|strong|i|b|u|span)\b[^>]*>", re.IGNORECASE)
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACE_RE = re.compile(r"\s+")
_MARKUP_CHARS_RE = re.compile(r"[*_<\[\\]")


def _unmark(raw: str) -> str:
    """A markdown fragment without its markup; whitespace left as it is."""
    if not _MARKUP_CHARS_RE.search(raw):
        return raw
    text = raw
    if "<" in text:
        text = _SUP_RE.sub("", text)
    text = text.replace("\\*", "")  # an escaped star is a footnote marker
    if "[" in text:
        text = _LINK_RE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        before = text
        for delimiter, pattern in _EMPHASIS_RES:
            if delimiter in text:
                text = pattern.sub(r"\1", text)
        if text == before:
            break
    if "<" in text:
        text = _BREAK_TAG_RE.sub(" ", text)
    if "*" in text:
        text = _STRAY_STAR_RE.sub("", text)  # unbalanced emphasis left by a page break
    if "\\" in text:
        text = _ESCAPE_RE.sub(r"\1", text)
    return text


def strip_markup(raw: str) -> str:
    """Plain text of a markdown fragment: no footnote markers, links, emphasis or line breaks."""
    return _SPACE_RE.sub(" ", _unmark(raw)).strip()


def markdown_spans(raw: str, line: int) -> list[Span]:
    """Styled spans of a markdown fragment: its leading emphasis as an italic span, references as superscripts."""
    spans: list[Span] = []
    if (m := _LEAD_EMPHASIS_RE.match(raw)) and not _MARKER_RE.search(m.group(2)):
        spans.append(Span(_unmark(m.group(2)), italic=True, line=line))
        raw = raw[m.end():]
    position = 0
    for m in _MARKER_RE.finditer(raw) if ("<" in raw or "\\*" in raw) else ():
        spans.append(Span(_unmark(raw[position:m.start()]), line=line))
        spans.append(Span((m.group(1) or "*").strip(), superscript=True, line=line))
        position = m.end()
    spans.append(Span(_unmark(raw[position:]), line=line))
    return spans


_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_FOOTNOTE_DEF_RE = re.compile(r"^\s*(?:<sup>\s*([^<\s]{1,8})\s*</sup>|\\(\*))\s*(.*)$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*[-+]\s+(.*)$|^\s*\*\s+(.*)$", re.DOTALL)
_DEBRIS_RE = re.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}"              # page 3/20
    r"|[-–]\s*\d{1,4}\s*[-–]"                     # - 3 -
    r"|V\.\d{2}-\d{4,6}\b.*|\d{2}-\d{5}\b.*"      # job numbers
    r"|Page\s+\d+(?:\s+of\s+\d+)?"
    r"|[A-Z]{1,5}(?:\.\d+)?(?:/[A-Z0-9.]+){1,5}"  # running-head symbol alone on a line
    r"|\d{1,3}"                                   # a bare page number
    r")\s*$"
)
_DEBRIS_WRAP = "*#_ \t"  # a running head may come bold or as a heading


class _RawBlock:
    """A block being assembled from markdown lines."""

    def __init__(self, kind: str, raw: str, line: int, label: str | None, body: str, standalone: bool) -> None:
        self.kind, self.raw, self.line_start, self.line_end = kind, raw, line, line
        self.label, self.body, self.standalone = label, body, standalone

    def add(self, line: str, number: int) -> None:
        self.raw += "\n" + line
        self.body += "\n" + line
        self.line_end = number

    def block(self) -> Block:
        stripped = self.raw.strip()
        bold = (self.kind == "text" and stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4)
        return Block(self.kind, markdown_spans(self.body or self.raw, self.line_start),
                     SourceLoc(self.line_start, self.line_end), label=self.label,
                     n_lines=self.line_end - self.line_start + 1, bold=bold, standalone=self.standalone)


def _starter(line: str) -> tuple[str, str | None, str] | None:
    """Kind, label and body of a line that starts a new block, or None for a continuation line."""
    if m := _FOOTNOTE_DEF_RE.match(line):
        return "footnote", m.group(1) or m.group(2), m.group(3)
    if found := paragraph_label(line):
        kind, label, start = found
        return kind, label, line[start:]
    if m := _BULLET_RE.match(line):
        return "text", None, m.group(1) if m.group(1) is not None else m.group(2)
    return None


def _is_standalone(line: str) -> bool:
    """A whole-line bold text, or a line that is nothing but an instrument label."""
    stripped = line.strip()
    if len(stripped) > 4 and stripped.startswith("**") and stripped.endswith("**") and "**" not in stripped[2:-2]:
        return True
    return bool(lexicon.BARE_LABEL_RE.match(strip_markup(stripped).rstrip(".:")))


def split_blocks(lines: list[str]) -> list[Block]:
    """Group source lines into blocks; page-break debris lines count as blank."""
    blocks: list[_RawBlock] = []
    current: _RawBlock | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _DEBRIS_RE.match(line.strip(_DEBRIS_WRAP)):
            current = None
            continue
        if m := _HEADING_RE.match(line):
            blocks.append(_RawBlock("heading", m.group(2), number, None, m.group(2), False))
            current = None
            continue
        if _RULE_RE.match(line):
            blocks.append(_RawBlock("rule", line, number, None, "", False))
            current = None
            continue
        starter = _starter(line)
        standalone = _is_standalone(line)
        if standalone or (current is not None and current.standalone):
            current = None  # a bold line or a bare label is a heading of its own, never joined
        if starter is None and current is not None:
            current.add(line, number)
            continue
        kind, label, body = starter or ("text", None, line)
        current = _RawBlock(kind, line, number, label, body, standalone)
        blocks.append(current)
    return [b.block() for b in blocks]


def read_markdown(text: str) -> Layout:
    """A markdown text as blocks."""
    lines = text.splitlines()
    return Layout(split_blocks(lines), len(lines))
