"""Document layout -> document tree (instruments, paragraphs, sub-paragraphs, footnotes, agenda). Pure.

The grammar of UN reports and resolutions, over the blocks a reader made of a file (etl/ir.py):
headings at any level or bold lines, lead phrases (a block's leading italic run, or a recognised UN
phrase), numbered and lettered paragraphs, footnotes and page-break debris. It never sees a file
format; every unit keeps the source location of its blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl import lexicon
from etl.ir import Block, Box, Layout, Marker, Span, merge_boxes
from etl.readers.markdown import read_markdown, split_blocks, strip_markup  # noqa: F401  (the markdown grammar's helpers)

# --- the tree ----------------------------------------------------------------------------------


@dataclass
class SubParagraph:
    letter: str
    text: str
    line_start: int
    line_end: int
    markers: list[Marker] = field(default_factory=list)
    boxes: tuple[Box, ...] = ()


@dataclass
class Paragraph:
    kind: str  # preambular | operative
    number: int | None
    label: str | None
    lead_phrase: str | None
    text: str
    line_start: int
    line_end: int
    markers: list[Marker] = field(default_factory=list)
    boxes: tuple[Box, ...] = ()
    subparagraphs: list[SubParagraph] = field(default_factory=list)
    part: str | None = None  # the roman-numbered part (section) of the instrument it sits in

    @property
    def full_text(self) -> str:
        """The paragraph with its lettered items, for extraction."""
        return " ".join([self.text, *(f"({s.letter}) {s.text}" for s in self.subparagraphs)])


@dataclass
class Narrative:
    """Text that is not a paragraph of an instrument: the report's own words."""

    text: str
    line_start: int
    line_end: int
    instrument_index: int | None
    markers: list[Marker] = field(default_factory=list)
    boxes: tuple[Box, ...] = ()


@dataclass
class Instrument:
    label: str
    kind: str  # resolution | decision
    status: str  # draft | adopted
    section: str | None
    recommended_to: str | None
    line_start: int
    line_end: int
    title: str = ""
    acting_body: str | None = None
    title_markers: list[Marker] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    adopted_on: str | None = None  # date line after the "plenary meeting" trailer
    adopted_line: int | None = None
    meeting: str | None = None  # the closing line: "69th plenary meeting", "50th (resumed) plenary meeting"
    sponsors: list[str] = field(default_factory=list)  # of a draft: "Austria, Belgium ...: draft resolution"


@dataclass
class AttachedText:
    """A heading or paragraph of an annex or of a text adopted in the body, as printed."""

    label: str | None
    text: str
    line_start: int
    line_end: int
    boxes: tuple[Box, ...] = ()
    is_heading: bool = False
    markers: list[Marker] = field(default_factory=list)


@dataclass
class Attachment:
    """An annex after an instrument, or a text it adopts in its body ('Adopts the following Declaration:').

    Its numbered paragraphs are the attached text's, not operative paragraphs of the instrument.
    """

    kind: str  # annex | embedded
    instrument_index: int  # 0-based, in Document.instruments
    heading: str
    line_start: int
    paragraphs: list[AttachedText] = field(default_factory=list)


@dataclass
class Footnote:
    marker: str
    text: str
    line_start: int
    line_end: int
    boxes: tuple[Box, ...] = ()
    attachment_index: int | None = None  # a footnote of an annex or adopted text (index in Document.attachments)


@dataclass
class AgendaItem:
    session: str
    number: int
    sub_item: str | None
    title: str
    line_start: int


@dataclass
class Document:
    source_name: str
    title: str
    n_lines: int
    instruments: list[Instrument] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    narrative: list[Narrative] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


# --- recognisers -------------------------------------------------------------------------------

_INSTRUMENT_RE = re.compile(
    r"^(?:(draft)\s+)?(resolution|decision)(?:\s+([IVXLC]+|\d{1,4}/\d{1,4}|[A-Z]|\d{1,3}))?"
    r"(?:\s*[.:–—-]\s+(?P<title>\S.*))?$",  # "Draft resolution I: Title" on one line
    re.IGNORECASE)
# "79/187. Reducing reoffending ...": how the official records head an adopted resolution
_SYMBOL_HEADING_RE = re.compile(r"^(?P<symbol>\d{1,4}/\d{1,4})\.\s+(?P<title>\S.*)$")
# the sponsors' line that opens a committee's draft: "Austria, Belgium and Chile: draft resolution"
_SPONSORS_RE = re.compile(
    rf"^(?P<sponsors>[A-Z][^:]{{2,4000}}?)\s*:\s*\**\s*{lexicon.DRAFT_LABEL_PATTERN}$", re.IGNORECASE)
# "Adopts the following Declaration:", "Approves the following text:": an adopted text follows in the body
_ADOPTS_FOLLOWING_RE = re.compile(r"^(?:\w+\s+){0,2}?(?:adopts?|approves?|proclaims?|endorses?)\s+the\s+following\b[^:]{0,300}:$",
                                  re.IGNORECASE)
_SECTION_RE = re.compile(r"^([A-H])\.\s+(\S.*)$")
_CHAPTER_RE = re.compile(r"^(?:chapter|annex(?:es)?|appendix)\b", re.IGNORECASE)
# a report's own section ("A. Draft resolutions ...", "D. Matters brought to the attention ..."),
# not a lettered part of a resolution or an annex ("A. Standards and norms")
_REPORT_SECTION_RE = re.compile(r"\b(?:resolutions?|decisions?|matters|adoption|attention|action)\b", re.IGNORECASE)
_BARE_ROMAN_RE = lexicon.BARE_ROMAN_RE
_PART_LABEL_RE = re.compile(r"^([IVXLC]{1,6}|[A-H])(?:\.|$|\.?\s)")
_PART_HEADING_RE = re.compile(r"^(?:[IVXLC]+|[A-H])\.\s+[A-Z][^.;:]{0,150}$")
_PART_LINE_RE = re.compile(r"^(?:Chapter|Annex|Appendix)(?:\s+[IVXLC\d]+)?\.?$")
_ADOPTION_BY_RE = re.compile(rf"\bfor\s+adoption\s+by\s+the\s+({lexicon.BODY_PATTERN})", re.IGNORECASE)
_ACTING_BODY_RE = re.compile(r"^The\s+(.{3,120}?)\s*([,:])$")
_BARE_BODY_RE = re.compile(rf"^The\s+({lexicon.BODY_PATTERN})$")
# a body's name ends with its kind, or with what it is "on/of/for": "The Conference of the Parties ..."
_BODY_NAME_RE = re.compile(
    r"\b(?:Assembly|Council|Commission|Conference|Committee|Board|Parties)(?:\s+(?:on|of|for|to)\s+[A-Z][\w\s,'’-]*)?$")
_ONE_SENTENCE_RE = re.compile(rf"^The\s+({lexicon.BODY_PATTERN}),?\s+(.*)$", re.IGNORECASE | re.DOTALL)
_AGENDA_RE = re.compile(r"^(?:provisional\s+)?agenda\b(?!\s+items?\s+\d)(?:\s+(?:for|of)\s+(?:the|its)\s+(.+))?", re.IGNORECASE)
_PLENARY_RE = re.compile(rf"^{lexicon.MEETING_PATTERN}\.?(?:\s+(?P<date>{lexicon.DATE_PATTERN}))?$", re.IGNORECASE)
_DATE_LINE_RE = re.compile(rf"^{lexicon.DATE_PATTERN}$")
_GUESS_OPERATIVE_RE = re.compile(
    r"^(?:(?:Also|Further|Strongly)\s+(?:[a-z]{2}-)?[a-z]{2,}|(?:[A-Z][a-z]-[a-z]{2,}|[A-Z][a-z]{2,}))(?:es|s)(?=[\s,:])")
# a participle, capitalised, or lower case after a modifier or an adverb ("Solemnly proclaiming")
_GUESS_PREAMBULAR_RE = re.compile(
    r"^(?:(?:Also|Further|Having|[A-Z][a-z]+ly)\s+(?:[a-z]{2}-)?[a-z]{2,}|[A-Z][a-z]-[a-z]{2,}|[A-Z][a-z]{2,})"
    r"(?:ing|ed)(?=[\s,:])")
# an italic run is the typesetter's word that this is the lead: a verb-shaped word after modifiers will do
_ITALIC_LEAD_RE = re.compile(
    rf"^(?:(?:{'|'.join(lexicon.LEAD_MODIFIERS)}|[a-z]+ly),?\s+)*[A-Za-z][a-z]+(?:-[a-z]+)*(?:s|ing|ed)$", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"^[*\s]+$")  # "* * *" between parts of a text
_BARE_NUMBER_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$", re.DOTALL)  # "6 Also reaffirms": no full stop
# words shaped like a lead verb that never open a paragraph as one
_NOT_VERBS = frozenset({"this", "its", "thus", "his", "has", "was", "is", "during", "according", "including",
                        "following", "regarding", "concerning", "nothing", "meeting", "something"})
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
_TERMINAL_RE = re.compile(r"[.,;:!?)\]”\"'’]$")


def _clean_lead(lead: str) -> str:
    lead = re.sub(r"[\s,:;]+$", "", strip_markup(lead))
    return re.sub(r"\s+that$", "", lead)


def find_lead(block: Block, *, operative: bool) -> str | None:
    """Lead phrase of a paragraph: its leading italic run, or a recognised UN phrase."""
    if block.leading_italic:
        candidate = _clean_lead(block.leading_italic)
        verb = lexicon.base_verb(candidate)
        if verb and (verb.known or _looks_like_lead(candidate, operative) or _ITALIC_LEAD_RE.match(candidate)):
            return candidate
    text = block.text
    if lead := lexicon.match_lead(text):
        return _clean_lead(lead)
    if _looks_like_lead(text, operative):
        words = text.split()
        # "Calls, in this context, for": the lead is the word, not its comma
        return _clean_lead(" ".join(words[:2]) if words[0].lower() in lexicon.LEAD_MODIFIERS else words[0])
    return None


def _next_letter(letter: str) -> str:
    """The item letter after this one: b after a, aa after z, ii after hh."""
    head = letter.split("-")[0]
    if head == "z":
        return "aa"
    return chr(ord(head[0]) + 1) * len(head) if head and len(set(head)) == 1 else head


def _is_finite(lead: str) -> bool:
    """Whether a lead phrase is an operative verb in the present tense ('Also adopts'), not a participle or adjective."""
    words = [w for w in lead.lower().split() if w not in lexicon.LEAD_MODIFIERS]
    return bool(words) and words[0].endswith("s") and words[0] not in lexicon.LEAD_ADJECTIVES


def _looks_like_lead(text: str, operative: bool) -> bool:
    """Whether an unknown opening word has the shape of a lead verb."""
    match = (_GUESS_OPERATIVE_RE if operative else _GUESS_PREAMBULAR_RE).match(text)
    return match is not None and match.group(0).split()[-1].lower() not in _NOT_VERBS


def continues(previous_text: str, block: Block) -> bool:
    """Whether a block is the rest of a paragraph cut by a page break."""
    if block.kind in ("numbered", "lettered", "footnote") or not previous_text or block.starts_unit:
        return False
    first = block.text[:1]
    return first.islower() or not _TERMINAL_RE.search(previous_text)


def symbol_kind(symbol: str) -> str:
    """Resolution or decision from an official number: decisions are 2024/2xx (ECOSOC) and 79/4xx-5xx (GA)."""
    session, number = (int(part) for part in symbol.split("/"))
    if (session >= 1946 and number >= 200) or (session < 1946 and number >= 400):
        return "decision"
    return "resolution"


def _one_sentence_decision(text: str) -> tuple[str, str] | None:
    """Acting body and lead verb of 'The Economic and Social Council decides to ...'."""
    m = _ONE_SENTENCE_RE.match(text)
    if not m:
        return None
    rest = m.group(2)
    # the finite verb may follow an inserted clause: "The Council, recalling its resolution 2004/28, decides"
    for start in [0, *(c.end() for c in re.finditer(r",\s+", rest))][:6]:
        lead = lexicon.LEAD_RE.match(rest[start:])
        verb = lexicon.base_verb(lead.group(0)) if lead else None
        if lead and verb and verb.known and lead.group(0).split()[-1].lower().endswith("s"):
            return lexicon.canonical_body(m.group(1)), lead.group(0)
    return None


def _acting_body(text: str) -> tuple[str, str] | None:
    """Acting body and its closing punctuation, from 'The General Assembly,'."""
    m = _ACTING_BODY_RE.match(text)
    if m:
        name = m.group(1)
        if re.fullmatch(lexicon.BODY_PATTERN, name, re.IGNORECASE) or _BODY_NAME_RE.search(name):
            return lexicon.canonical_body(name), m.group(2)
    elif m := _BARE_BODY_RE.match(text):  # the comma is sometimes missing in the official PDF
        return lexicon.canonical_body(m.group(1)), ","
    return None


# --- the parser --------------------------------------------------------------------------------


class _Parser:
    """State machine over blocks; one instance per document."""

    def __init__(self, source_name: str, layout: Layout) -> None:
        self.doc = Document(source_name=source_name, title="", n_lines=layout.n_lines)
        self.headings: list[str] = []
        self.section: str | None = None
        self.part: str | None = None  # the current part ("I", "II") of an instrument's text
        self.attachment: Attachment | None = None  # the annex or adopted text being read
        self.recommended_to: str | None = None
        self.instrument: Instrument | None = None
        self.zone = "none"  # none | title | preamble | chapeau | operative | narrative
        self.unit: Paragraph | SubParagraph | Narrative | None = None  # continuation target
        self.agenda_session: str | None = None
        self.last_agenda_number: int | None = None
        self.blocks = layout.blocks
        self.index = 0

    def warn(self, line: int | None, message: str) -> None:
        self.doc.warnings.append((line, message))

    def run(self) -> Document:
        for self.index, block in enumerate(self.blocks):
            if block.kind == "rule":
                continue  # a page break never ends a paragraph
            if block.kind == "footnote":
                in_attachment = len(self.doc.attachments) - 1 if self.attachment is not None else None
                self.doc.footnotes.append(Footnote(block.label or "", block.text, block.line_start, block.line_end,
                                                   block.loc.boxes, in_attachment))
                continue
            if block.kind == "furniture":
                continue  # mastheads, running heads and page footers are the reader's, not the text's
            if self.attachment is not None and self.on_attachment(block):
                continue
            if block.kind == "heading" or block.bold:
                self.on_heading(block)
            else:
                self.on_text(block)
        self.close_instrument()
        self.assign_footnotes()
        self.doc.title = self.document_title()
        return self.doc

    def assign_footnotes(self) -> None:
        """A footnote belongs to the annex or adopted text whose reference to it comes last before it."""
        references: list[tuple[int, str, int | None]] = []
        for instrument in self.doc.instruments:
            for paragraph in instrument.paragraphs:
                references += [(m.line, m.marker, None) for m in paragraph.markers]
                references += [(m.line, m.marker, None) for sub in paragraph.subparagraphs for m in sub.markers]
        for index, attachment in enumerate(self.doc.attachments):
            references += [(m.line, m.marker, index) for text in attachment.paragraphs for m in text.markers]
        references.sort(key=lambda r: r[0])
        for footnote in self.doc.footnotes:
            owners = [owner for line, marker, owner in references
                      if marker == footnote.marker and line <= footnote.line_start]
            if owners:
                footnote.attachment_index = owners[-1]

    def document_title(self) -> str:
        if not self.headings:
            return self.doc.source_name
        if len(self.headings) > 1 and len(self.headings[0]) <= 24:
            return f"{self.headings[0]}: {self.headings[1]}"
        return self.headings[0]

    # headings

    def on_heading(self, block: Block) -> None:
        text = block.text
        if len(self.headings) < 2:
            self.headings.append(text)
        if self.open_labelled_instrument(block, text):
            return
        in_title = self.instrument is not None and self.zone == "title"
        if in_title and (_acting_body(text) or _one_sentence_decision(text)):
            self.on_title_zone(block)  # "**The General Assembly,**" in bold is still the acting body
            return
        if (m := _SECTION_RE.match(text)) and _REPORT_SECTION_RE.search(text):
            self.close_instrument()
            self.section = m.group(1)
            by = _ADOPTION_BY_RE.search(text)
            self.recommended_to = lexicon.canonical_body(by.group(1)) if by else None
            return
        if in_title and self.instrument is not None and not self.instrument.title:
            self.set_title(block, text)  # even a title that opens with "Provisional agenda"
            return
        if m := _AGENDA_RE.match(text):
            self.start_agenda(m.group(1) or text, block)
            return
        if m := _CHAPTER_RE.match(text):
            self.close_instrument()
            if m.group(0).lower() == "chapter":
                self.section = self.recommended_to = None
            elif self.doc.instruments and self.doc.instruments[-1].paragraphs:
                self.start_attachment("annex", block)
            return
        if self.agenda_session is not None:
            return  # a segment heading inside a provisional agenda
        if in_title:
            self.set_title(block, text)
        elif self.instrument is not None and self.zone in ("preamble", "operative", "chapeau") \
                and (table := self.announced_table()) is not None:
            self.append(table, block)  # "… in the table below:" then its caption and the table
        elif self.instrument is not None and self.zone in ("preamble", "operative", "chapeau"):
            # a part heading inside an instrument ("I. Follow-up", "A. Standards and norms"): each part
            # may open with preambular paragraphs again, and no paragraph runs across it
            self.unit = None
            self.zone = "preamble" if self.zone == "operative" else self.zone
            if m := _PART_LABEL_RE.match(text):
                self.part = m.group(1)
        elif self.instrument is not None:
            self.close_instrument()

    def open_labelled_instrument(self, block: Block, text: str) -> bool:
        """Open an instrument if the text is its label ('Draft resolution I', '79/187. Title')."""
        if m := _INSTRUMENT_RE.match(text.rstrip(".:")):
            label = text.rstrip(".:")
            if m.group("title"):
                label = label[: m.start("title")].rstrip(" .:–—-")
            self.open_instrument(block, label, m.group(1) is not None, m.group(2).lower())
            if m.group("title"):
                self.set_title(block, m.group("title"))
            return True
        if m := _SPONSORS_RE.match(text):
            self.open_instrument(block, f"Draft {m.group('kind').lower()}", True, m.group("kind").lower())
            assert self.instrument is not None  # just opened
            self.instrument.sponsors = lexicon.split_sponsors(m.group("sponsors"))
            return True
        if m := _SYMBOL_HEADING_RE.match(text):
            kind = symbol_kind(m.group("symbol"))
            self.open_instrument(block, f"{kind.capitalize()} {m.group('symbol')}", False, kind)
            self.set_title(block, m.group("title"))
            return True
        return False

    def is_plain_heading(self, block: Block) -> bool:
        """A heading printed as a plain line: 'Annex', 'A. Draft resolutions ...', 'II. Part', an agenda title."""
        if block.kind != "text" or block.n_lines > 1:
            return False
        text = block.text
        if _PART_LINE_RE.match(text):
            return True
        if _SECTION_RE.match(text) and _REPORT_SECTION_RE.search(text) and not _TERMINAL_RE.search(text):
            return True
        if _AGENDA_RE.match(text) and len(text) < 200 and not text.endswith((".", ";")):
            return True
        if self.instrument is None or self.zone not in ("preamble", "operative"):
            return False
        if _PART_HEADING_RE.match(text) or _BARE_ROMAN_RE.match(text):
            return True
        # the title line under a bare part number ("I" then "Strengthening the rule of law")
        previous = self.blocks[self.index - 1] if self.index else None
        return (previous is not None and previous.kind == "text" and bool(_BARE_ROMAN_RE.match(previous.text))
                and len(text) < 150 and not _TERMINAL_RE.search(text))

    def acting_body_ahead(self, blocks: int = 4) -> bool:
        """Whether one of the next few text blocks names an acting body ('The General Assembly,')."""
        ahead = [b for b in self.blocks[self.index + 1: self.index + 1 + blocks * 2]
                 if b.kind not in ("rule", "footnote")][:blocks]
        return any(_acting_body(b.text) or _one_sentence_decision(b.text) for b in ahead)

    def set_title(self, block: Block, text: str) -> None:
        instrument = self.instrument
        assert instrument is not None
        instrument.title = f"{instrument.title} {strip_markup(text)}".strip()
        instrument.title_markers += block.markers
        self.extend(block)

    def open_instrument(self, block: Block, label: str, draft: bool, kind: str) -> None:
        self.close_instrument()
        label = strip_markup(label)
        self.instrument = Instrument(
            label=label,
            kind=kind,
            status="draft" if draft else "adopted",
            section=self.section,
            recommended_to=self.recommended_to if draft else None,
            line_start=block.line_start,
            line_end=block.line_end,
        )
        self.zone = "title"
        self.part = None
        self.unit = None
        self.agenda_session = None

    def close_instrument(self) -> None:
        if self.instrument is not None:
            self.check_numbering(self.instrument)
            self.doc.instruments.append(self.instrument)
        self.instrument = None
        self.zone = "none"
        self.unit = None
        self.agenda_session = None

    def extend(self, block: Block) -> None:
        if self.instrument is not None:
            self.instrument.line_end = max(self.instrument.line_end, block.line_end)

    def check_numbering(self, instrument: Instrument) -> None:
        expected, part = 1, None
        for paragraph in instrument.paragraphs:
            if paragraph.number is None:
                continue
            if paragraph.part != part and paragraph.number == 1:
                expected = 1  # each part of the operative text may number its paragraphs afresh
            part = paragraph.part
            if paragraph.number != expected:
                self.warn(paragraph.line_start,
                          f"{instrument.label}: paragraph numbered {paragraph.number}, expected {expected}")
            expected = paragraph.number + 1

    def announced_table(self) -> Paragraph | None:
        """The last paragraph, when it ends with a colon and a table (small print) follows this block."""
        paragraphs = self.instrument.paragraphs if self.instrument is not None else []
        following = self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None
        if paragraphs and paragraphs[-1].text.endswith(":") and following is not None and following.small_print:
            return paragraphs[-1]
        return None

    # annexes and adopted texts

    def start_attachment(self, kind: str, block: Block) -> None:
        index = len(self.doc.instruments) - 1 if kind == "annex" else len(self.doc.instruments)
        self.attachment = Attachment(kind, index, block.text if kind == "annex" else "", block.line_start)
        self.doc.attachments.append(self.attachment)

    def on_attachment(self, block: Block) -> bool:
        """Keep a block of an annex or adopted text; False when the block ends it (it is then read as usual)."""
        attachment = self.attachment
        assert attachment is not None
        if block.kind in ("rule", "footnote"):
            return False
        text = block.text
        heading = block.kind == "heading" or block.bold
        ends = (lexicon.BARE_LABEL_RE.match(text.rstrip(".:")) or _SYMBOL_HEADING_RE.match(text)
                or (heading and _CHAPTER_RE.match(text) and attachment.paragraphs)
                or (attachment.kind == "embedded" and _PLENARY_RE.match(text.strip(" ."))))
        if ends:
            self.attachment = None
            return False
        if not attachment.heading and heading:
            attachment.heading = text
        label = block.label if block.kind in ("numbered", "lettered") else None
        shown = f"{label}. {text}" if block.kind == "numbered" else f"({label}) {text}" if label else text
        if (attachment.paragraphs and not heading and not attachment.paragraphs[-1].is_heading
                and block.kind == "text" and continues(attachment.paragraphs[-1].text, block)):
            last = attachment.paragraphs[-1]
            last.text, last.line_end = f"{last.text} {text}", block.line_end
            last.boxes = merge_boxes(last.boxes + block.loc.boxes)
            last.markers += block.markers
        else:
            attachment.paragraphs.append(
                AttachedText(label, shown, block.line_start, block.line_end, block.loc.boxes, heading, block.markers))
        self.add_narrative(block, attachment.instrument_index)  # dates in an annex are narrative
        self.extend(block)
        return True

    # agenda

    def start_agenda(self, session: str, block: Block) -> None:
        self.agenda_session = strip_markup(session).rstrip(".:")
        self.last_agenda_number = None
        self.unit = None
        self.extend(block)

    def on_agenda(self, block: Block) -> bool:
        """Take an agenda line; False when the block ends the agenda."""
        session = self.agenda_session or ""
        if block.kind == "numbered":
            self.last_agenda_number = int(block.label or 0)
            self.doc.agenda_items.append(
                AgendaItem(session, self.last_agenda_number, None, block.text.rstrip("."), block.line_start))
        elif block.kind == "lettered" and self.last_agenda_number is not None:
            self.doc.agenda_items.append(
                AgendaItem(session, self.last_agenda_number, block.label, block.text.rstrip(".;"), block.line_start))
        elif self.doc.agenda_items and block.text[:1].islower():  # an item cut by a page break
            item = self.doc.agenda_items[-1]
            item.title = f"{item.title} {block.text}".rstrip(".")
        elif len(block.text) < 100 and not _TERMINAL_RE.search(block.text):
            pass  # a segment heading between items ("Normative segment")
        else:
            return False
        self.extend(block)
        return True

    # text

    def on_text(self, block: Block) -> None:
        if self.agenda_session is not None:
            if self.on_agenda(block):
                return
            self.agenda_session = None
        if self.is_plain_heading(block):
            self.on_heading(block)
            return
        if (block.kind == "text" and _SPONSORS_RE.match(block.text) and self.acting_body_ahead()
                and self.open_labelled_instrument(block, block.text)):
            return
        if block.kind == "text" and block.n_lines == 1 and len(block.text) < 300:
            bare = lexicon.BARE_LABEL_RE.match(block.text.rstrip(".:"))
            titled = _INSTRUMENT_RE.match(block.text.rstrip(".:")) or _SYMBOL_HEADING_RE.match(block.text)
            # a bare label line is a heading; a label with a title must be confirmed by an acting body,
            # or come where a new instrument may start (after an adopted one's trailer, or outside any)
            may_start = self.instrument is None or self.instrument.adopted_on is not None
            confirmed = titled and (may_start or self.acting_body_ahead())
            if (bare or confirmed) and self.open_labelled_instrument(block, block.text):
                return
        if self.unit is not None and continues(self.unit.text, block):
            self.append(self.unit, block)
            return
        if self.instrument is None:
            self.on_report_text(block)
            return
        handler = {
            "title": self.on_title_zone,
            "preamble": self.on_body,
            "chapeau": self.on_body,
            "operative": self.on_body,
            "narrative": self.on_narrative,
        }[self.zone]
        handler(block)

    def append(self, unit: Paragraph | SubParagraph | Narrative, block: Block) -> None:
        unit.text = f"{unit.text} {block.text}".strip()
        unit.line_end = block.line_end
        unit.markers += block.markers
        unit.boxes = merge_boxes(unit.boxes + block.loc.boxes)
        self.extend(block)

    def on_report_text(self, block: Block) -> None:
        if by := _ADOPTION_BY_RE.search(block.text):
            self.recommended_to = lexicon.canonical_body(by.group(1))
        if (agenda := _AGENDA_RE.match(block.text)) and len(block.text) < 200:
            self.start_agenda(agenda.group(1) or block.text, block)
            return
        self.add_narrative(block, None)

    def add_narrative(self, block: Block, instrument_index: int | None) -> None:
        self.unit = Narrative(block.text, block.line_start, block.line_end, instrument_index,
                              block.markers, block.loc.boxes)
        self.doc.narrative.append(self.unit)

    def on_title_zone(self, block: Block) -> None:
        instrument = self.instrument
        assert instrument is not None
        text = block.text
        if acting := _acting_body(text):
            instrument.acting_body = acting[0]
            self.zone = "chapeau" if acting[1] == ":" else "preamble"
            self.unit = None
            self.extend(block)
            return
        if block.kind == "text" and (decision := _one_sentence_decision(text)):
            instrument.acting_body = decision[0]
            self.add_paragraph(block, "operative", None, None, decision[1], text)
            self.zone = "operative"
            return
        if not instrument.title and block.kind == "text":  # titles often open with a gerund: no lead test
            instrument.title = text
            instrument.title_markers += block.markers
            self.extend(block)
            return
        if self.acting_body_ahead():  # a line between title and acting body ("[on the report of ...]")
            self.on_narrative(block)
            return
        if instrument.title and find_lead(block, operative=block.kind == "numbered"):
            # the acting body line was lost (a PDF conversion): the paragraphs are still paragraphs
            self.warn(block.line_start, f"{instrument.label}: no acting body line before the first paragraph")
            self.zone = "preamble"
            self.on_body(block)
            return
        # no acting body: a decision given only as narrative ("decided to transmit ...")
        self.zone = "narrative"
        self.on_narrative(block)

    def on_narrative(self, block: Block) -> None:
        self.add_narrative(block, len(self.doc.instruments))
        self.extend(block)

    def on_body(self, block: Block) -> None:
        instrument = self.instrument
        assert instrument is not None
        if block.kind == "numbered":
            lead = find_lead(block, operative=True)
            # "1. The Working Capital Fund shall be established ...": numbered under "Resolves that:"
            last = instrument.paragraphs[-1] if instrument.paragraphs else None
            if lead or (self.zone == "operative" and last is not None
                        and (last.text.endswith(":") or last.lead_phrase is None)):
                self.add_paragraph(block, "operative", int(block.label or 0), block.label, lead, block.text)
                self.zone = "operative"
                return
        elif block.kind == "lettered":
            if self.zone == "chapeau" and (lead := find_lead(block, operative=True)):
                self.add_paragraph(block, "operative", None, f"({block.label})", lead, block.text)
                return
            if instrument.paragraphs:
                self.add_subparagraph(instrument.paragraphs[-1], block)
                return
        elif self.zone in ("preamble", "operative"):
            lead = find_lead(block, operative=self.zone == "operative")
            if lead and _is_finite(lead):  # "Adopts the following Declaration", "Resolves that": unnumbered
                self.add_paragraph(block, "operative", None, None, lead, block.text)
                self.zone = "operative"
                return
            if lead and self.zone == "preamble":
                self.add_paragraph(block, "preambular", None, None, lead, block.text)
                return
        if self.is_trailer(block):
            return
        numbered = [p.number for p in instrument.paragraphs if p.number is not None]
        if block.kind == "numbered" and self.zone == "operative" and numbered and int(block.label or 0) == numbered[-1] + 1:
            # "2. Pending the total elimination ..., urges ...": the verb comes after an opening clause
            italic = next((s.text.strip(" ,") for s in block.spans if s.italic and s.text.strip(" ,")), None)
            lead = italic if italic and lexicon.base_verb(italic) else None
            self.add_paragraph(block, "operative", int(block.label or 0), block.label, lead, block.text)
            return
        if (block.kind == "text" and self.zone == "operative" and numbered
                and (bare := _BARE_NUMBER_RE.match(block.text)) and int(bare.group(1)) == numbered[-1] + 1
                and (lead := lexicon.match_lead(bare.group(2)))):
            self.warn(block.line_start, f"{instrument.label}: paragraph {bare.group(1)} is printed without the "
                                        f"full stop after its number; read as paragraph {bare.group(1)}")
            self.add_paragraph(block, "operative", int(bare.group(1)), bare.group(1), lead, bare.group(2))
            return
        last = instrument.paragraphs[-1] if instrument.paragraphs else None
        if block.kind == "text" and (_SEPARATOR_RE.match(block.text) or block.small_print):
            if block.small_print:
                if self.unit is None and last is not None:
                    self.unit = last  # a table after a part heading belongs to the paragraph before it
                if self.unit is not None:
                    self.append(self.unit, block)  # a table and its notes stay inside their paragraph
                else:
                    self.warn(block.line_start, f"{instrument.label}: small print outside any paragraph: "
                                                f"{block.text[:60]!r}")
                    self.add_narrative(block, len(self.doc.instruments))
            return
        if block.kind == "text" and last is not None and last.text.endswith(":") and self.unit is last:
            self.append(last, block)  # the quoted text a paragraph announces ("... the following question:")
            return
        self.warn(block.line_start, f"{instrument.label}: text not recognised as a paragraph: "
                                    f"{block.text[:60]!r}")
        self.add_narrative(block, len(self.doc.instruments))
        self.extend(block)

    def is_trailer(self, block: Block) -> bool:
        """The '53rd plenary meeting / 17 December 2024' lines after an adopted resolution."""
        instrument = self.instrument
        assert instrument is not None
        text = block.text.strip(" .")
        if m := _PLENARY_RE.match(text):
            instrument.meeting = text[: m.start("date")].strip(" .") if m.group("date") else text.strip(" .")
            if m.group("date"):
                instrument.adopted_on, instrument.adopted_line = m.group("date"), block.line_end
            self.unit = None
            return True
        if _DATE_LINE_RE.match(text) and instrument.paragraphs:
            instrument.adopted_on = text
            instrument.adopted_line = block.line_start
            self.unit = None
            return True
        return False

    def add_paragraph(self, block: Block, kind: str, number: int | None, label: str | None,
                      lead: str | None, text: str) -> None:
        instrument = self.instrument
        assert instrument is not None
        paragraph = Paragraph(kind, number, label, lead, text, block.line_start, block.line_end,
                              markers=block.markers, boxes=block.loc.boxes, part=self.part)
        instrument.paragraphs.append(paragraph)
        self.unit = paragraph
        self.extend(block)
        if kind == "operative" and _ADOPTS_FOLLOWING_RE.search(text):
            self.start_attachment("embedded", block)

    def add_subparagraph(self, parent: Paragraph, block: Block) -> None:
        letter = block.label or ""
        subs = parent.subparagraphs
        expected = _next_letter(subs[-1].letter) if subs else "a"
        roman_series = letter in _ROMAN and (
            (not subs and letter == "i")
            or (subs and subs[-1].letter in _ROMAN and _ROMAN.index(letter) == _ROMAN.index(subs[-1].letter) + 1))
        if subs and letter != expected and not roman_series and letter in _ROMAN:
            # (i), (ii) inside a lettered item
            self.append(parent.subparagraphs[-1], replace(block, kind="text", label=None,
                                                          spans=[Span(f"({letter}) "), *block.spans]))
            return
        if any(s.letter == letter for s in parent.subparagraphs):
            self.warn(block.line_start, f"duplicate item ({letter}) under paragraph {parent.label or parent.lead_phrase}")
            letter = f"{letter}-{sum(s.letter.startswith(letter) for s in parent.subparagraphs) + 1}"
        sub = SubParagraph(letter, block.text, block.line_start, block.line_end,
                           block.markers, block.loc.boxes)
        parent.subparagraphs.append(sub)
        self.unit = sub
        self.extend(block)


def parse_layout(source_name: str, layout: Layout) -> Document:
    """The document tree of a file a reader has read."""
    return _Parser(source_name, layout).run()


def parse_document(source_name: str, text: str) -> Document:
    """Parse one markdown report or resolution text into its document tree."""
    return parse_layout(source_name, read_markdown(text))
