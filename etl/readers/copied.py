"""Text copied out of a UN PDF (pdftotext, a PDF viewer's copy) -> Layout.

Such text has no styles and no blank lines between paragraphs: hard line breaks, the masthead,
running heads, page numbers and footnote texts between the halves of a paragraph, footnote
references as bare numbers (" 1 "), and stray spaces ("Secretary -General"). The reader removes the
furniture, puts footnote texts aside, and starts a paragraph where a printed label ("12.", "(b)")
or a known lead phrase opens a line after a line that ended a clause.
"""

from __future__ import annotations

import re

from etl import lexicon
from etl.ir import (FOOTNOTE_RULE_RE, JOINS_WITHOUT_SPACE, Block, Layout, SourceLoc, Span, paragraph_label,
                    without_prefix)

_FORM_FEED = "\f"
_BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
_JOB_NUMBER_RE = re.compile(r"^(?:V\.)?\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?(?:\s+\*\d+\*)?$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
_SYMBOL_RE = re.compile(r"^[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.]+)+$")
_DIGITS_RE = re.compile(r"^\d{1,3}$")
_SYMBOL_NUMBER_RE = re.compile(r"^\d{1,4}/\d{1,4}\.$")  # "79/187." printed apart from its title
_ACTING_RE = re.compile(rf"^The\s+(?:{lexicon.BODY_PATTERN})\s*[,:]?$")
_SPONSORS_END_RE = re.compile(rf":\s*\**\s*{lexicon.DRAFT_LABEL_PATTERN}$", re.IGNORECASE)
_DRAFT_LINE_RE = re.compile(rf"^{lexicon.DRAFT_LABEL_PATTERN}$", re.IGNORECASE)
_ENDS_CLAUSE_RE = re.compile(r"[,;:.?!]\s*$")  # "… right to self-determination?" ends a clause too
_STRAY_HYPHEN_RE = re.compile(r"(?<=\w) -(?=\w)")  # "Secretary -General"
# a bare number after punctuation or a word is a footnote reference, unless a noun asks for a number
_REFERENCE_RE = re.compile(r"(?<=[^\s\d])\s(\d{1,3})(?=\s|$)")
# "for 2025,1": a reference glued to a comma (not to a full stop: "paragraph VIII.35")
_GLUED_REFERENCE_RE = re.compile(r"(?<=[,;”)])(\d{1,3})(?=\s|$)")
# an unknown lead verb: a capitalised -ing/-ed word followed by a lower-case word ("Honouring the work"),
# not a name ("Beijing Declaration")
# nor a name's word before "and" or "of" and a capital ("Stockpiling and Use of Chemical Weapons")
_VERB_SHAPED_RE = re.compile(
    r"^(?:[A-Z][a-z]+ly\s+[a-z]{3,}|Re-[a-z]{3,}|[A-Z][a-z]{2,})(?:ing|ed)\s+(?!(?:and|or|of|for)\s+[A-Z])[a-z]")
_NUMBERED_NOUNS = frozenset("paragraph paragraphs para paras article articles rule rules item items annex chapter "
                            "section sections resolution resolutions decision decisions no vol volume principle "
                            "principles goal goals target targets and or to of from".split())
_AFTER_CLAUSE_RE = re.compile(r"[,;:)\]”]$")
_FOOTNOTE_END_RE = re.compile(r"[.)”\]]\s*$")
# what opens a paragraph although the vocabulary has no lead for it: the acting body, a declaration's "We"
_OPENS_TEXT_RE = re.compile(rf"^(?:The\s+(?:{lexicon.BODY_PATTERN})\b|We\b)")
_HEADING_GOES_ON_RE = re.compile(r"\b(?:and|of|the|for|in|on|to)$")  # "… affairs and" / "conference management"
_GLUED_RULE_RE = re.compile(r"(?<=[^_\s])\s*_{10,}$")
_SEPARATOR_LINE_RE = re.compile(r"^\*(?:\s*\*){2,}$")  # "* * *" between parts, "***" in a copy
_SET_APART_RE = re.compile(r"^(?:[a-z][\w’'\u2011-]*[,;:]?|\d{1,4}[,;:])(?:\s+[a-z][\w’'\u2011-]*[,;:]?){0,2}$")
_ITEM_RE = re.compile(r"^\(([a-z]{1,4})\)(?:\s|$)")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")
_NUMBER_ONLY_RE = re.compile(r"^\d{1,3}\.$")
_PART_LETTER_RE = re.compile(r"^[A-H]\.$")
_MARKED_RE = re.compile(r"\x01\d{1,3}\x02")
_LABEL_ONLY_RE = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,4}\)|\((?:[ivx]{1,5})\))$")
_TRAILER_RE = re.compile(rf"^(?:{lexicon.MEETING_PATTERN}|{lexicon.DATE_PATTERN})$")


def looks_copied(text: str) -> bool:
    """Whether a .txt holds a PDF's copied text rather than markdown: page breaks or a masthead, no markup."""
    head = text[:4000]
    if re.search(r"^\s{0,3}#{1,6}\s|\*\*|<sup>|^\s*---\s*$", head, re.MULTILINE):
        return False
    return _FORM_FEED in text or bool(re.search(r"^Distr\.:", head, re.MULTILINE))


class _Line:
    __slots__ = ("number", "text", "page")

    def __init__(self, number: int, text: str, page: int) -> None:
        self.number, self.text, self.page = number, text, page


def read_copied(text: str) -> Layout:
    """A PDF's copied text as blocks: furniture and footnote texts apart, paragraphs joined across lines."""
    raw_lines = text.replace("\r\n", "\n").split("\n")
    lines: list[_Line] = []
    page = 1
    for number, raw in enumerate(raw_lines, start=1):
        page += raw.count(_FORM_FEED)
        lines.append(_Line(number, raw.replace(_FORM_FEED, "").strip(), page))
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    heads = _running_heads(pages)
    blocks: list[Block] = []
    body: list[_Line] = []
    for page_number, page_lines in sorted(pages.items()):
        content, footnotes = _split_page(page_lines, page_number == 1, heads, blocks)
        markers = _footnote_blocks(footnotes, blocks)
        body += [_with_references(line, markers) for line in content]
    return Layout(_body_blocks(_in_reading_order(body)) + blocks, len(raw_lines))


def _in_reading_order(lines: list[_Line]) -> list[_Line]:
    """Undo what pdftotext puts out of order: a short paragraph's last line printed under its label, before
    its first line ("3." / "2026;" / "" / "Welcomes … on 17 January" / "") goes back after the first line."""
    _restore_set_apart_words(lines)
    for i in range(len(lines) - 3):
        label, last, gap, first = lines[i: i + 4]
        after = lines[i + 4].text if i + 4 < len(lines) else ""
        if (_LABEL_ONLY_RE.match(label.text) and last.text and not gap.text and first.text and not after
                and _ENDS_CLAUSE_RE.search(last.text) and not _ENDS_CLAUSE_RE.search(first.text)
                and not _lead(last.text) and not paragraph_label(last.text) and not _LABEL_ONLY_RE.match(last.text)):
            last.text, first.text = first.text, last.text  # the lines keep their numbers: the block spans both
    # "17." / "A." / "Approves … in the table below:": pdftotext gathered the labels of the left margin; a
    # paragraph's text never opens with a part's bare letter, which goes after the paragraph's first line
    texts = [line for line in lines if line.text]
    for label, part, first in zip(texts, texts[1:], texts[2:]):
        if (_NUMBER_ONLY_RE.match(label.text) and _PART_LETTER_RE.match(part.text)
                and not paragraph_label(first.text) and not _LABEL_ONLY_RE.match(first.text)):
            part.text, first.text = first.text, part.text
    return lines


def _restore_set_apart_words(lines: list[_Line]) -> None:
    """Words a justified line set far apart come after their block, each alone between blank lines
    ("" / "impartiality" / "" / "and" / ""): they go back to the end of the line they were cut from, the
    shortest of the last paragraph's lines but its last."""
    i = 0
    while i < len(lines):
        run: list[_Line] = []
        k = i
        while (k < len(lines) and _SET_APART_RE.match(lines[k].text) and k > 0 and not lines[k - 1].text
               and (k + 1 == len(lines) or not lines[k + 1].text)):
            run.append(lines[k])
            k += 2
        if not run:
            i += 1
            continue
        end = i - 1
        while end >= 0 and not lines[end].text:
            end -= 1
        start = end  # the paragraph the words were cut from: back to its start or a blank line
        while start > 0 and lines[start - 1].text and not _starts_paragraph(lines[start - 1], lines[start]):
            start -= 1
        block = lines[start: end + 1]
        cut = [line for line, following in zip(block, block[1:])
               if not _starts_paragraph(line, following) and not _LABEL_ONLY_RE.match(line.text)]
        if block and (cut or len(block) == 1):
            target = min(cut or block, key=lambda line: len(line.text))
            target.text = " ".join([target.text, *(line.text for line in run)])
            for line in run:
                line.text = ""
        i = k


def _running_heads(pages: dict[int, list[_Line]], depth: int = 6) -> set[str]:
    """Lines printed at the top of two pages or more after the first (with two pages: the first page's title lines)."""
    tops: dict[str, int] = {}
    for number, page in pages.items():
        if number > 1:
            for text in [line.text for line in page if line.text][:depth]:
                if not _LABEL_ONLY_RE.match(text):  # parts that number afresh may put "3." atop two pages
                    tops[text] = tops.get(text, 0) + 1
    repeated = {text for text, count in tops.items() if count >= 2}
    if sum(any(line.text for line in page) for page in pages.values()) == 2:
        # the running head repeats the title, broken into lines of its own: any piece of the first page's head
        head: list[str] = []
        for line in pages[1]:
            if _ACTING_RE.match(line.text):
                break
            head.append(line.text)
        above = " ".join(" ".join(head).split())
        repeated |= {text for text in tops if f" {text} " in f" {above} "}
    return repeated


def _split_page(page: list[_Line], first: bool, heads: set[str],
                blocks: list[Block]) -> tuple[list[_Line], list[_Line]]:
    """The page's body lines and footnote lines; masthead, running head and footer become furniture blocks."""
    def furniture(line: _Line, kind: str) -> None:
        blocks.append(Block("furniture", [Span(line.text, line=line.number)], SourceLoc(line.number, line.number),
                            furniture=kind))

    content: list[_Line] = []
    footnotes: list[_Line] = []
    in_head, under_rule = True, False
    for line in page:
        text = line.text
        if not first and sum(bool(c.text) for c in content) < 3 and _SYMBOL_RE.match(text):
            furniture(line, "running_head")  # the symbol, even after a line the copy put above it ("1.")
            continue
        if (glued := _GLUED_RULE_RE.search(text)) and not under_rule:
            # "… also requests the Secretary_______________": the copy glued the rule to the line above it
            content.append(_Line(line.number, text[: glued.start()].rstrip(), line.page))
            in_head, under_rule = False, True
            continue
        if _BARCODE_RE.match(text) or _JOB_NUMBER_RE.match(text) or _PAGE_NUMBER_RE.match(text):
            furniture(line, "footer")
            continue
        if in_head and text:
            if first and (lexicon.MASTHEAD_RE.match(text) or (_SYMBOL_RE.match(text) and not content)):
                furniture(line, "masthead")
                continue
            if not first and (_SYMBOL_RE.match(text) or text in heads):
                furniture(line, "running_head")
                continue
            in_head = False
        if FOOTNOTE_RULE_RE.match(text):
            under_rule = True
            continue
        (footnotes if under_rule else content).append(line)
    return content, footnotes


def _footnote_blocks(lines: list[_Line], blocks: list[Block]) -> set[str]:
    """Footnote blocks from a page's footnote area; returns the page's footnote markers.

    A copy prints the footnote numbers on lines of their own, often out of order: the texts (a new one
    after a line that ends a sentence) take the numbers in ascending order when both counts agree.
    """
    markers = sorted({line.text for line in lines if _DIGITS_RE.match(line.text)}, key=int)
    texts: list[list[_Line]] = []
    for line in lines:
        if not line.text or _DIGITS_RE.match(line.text):
            continue
        if texts and not _FOOTNOTE_END_RE.search(texts[-1][-1].text):
            texts[-1].append(line)
        else:
            texts.append([line])
    labels = markers if len(markers) == len(texts) else [""] * len(texts)
    for label, group in zip(labels, texts):
        blocks.append(Block("footnote", _spans(group), SourceLoc(group[0].number, group[-1].number), label=label,
                            n_lines=len(group), starts_unit=True))
    return set(markers)


def _with_references(line: _Line, markers: set[str]) -> _Line:
    """The line with its footnote references marked as <ref> for _spans (only numbers of this page's footnotes)."""
    def mark(m: re.Match[str]) -> str:
        before = line.text[: m.start()].split()
        # "Goals, 6" and "Rules); 14" are references: a noun asks for a number only when nothing stands between
        previous = re.sub(r"\W", "", before[-1]).lower() if before and not _AFTER_CLAUSE_RE.search(before[-1]) else ""
        if m.group(1) in markers and previous not in _NUMBERED_NOUNS:
            return f"\x01{m.group(1)}\x02"
        return m.group(0)

    text = _STRAY_HYPHEN_RE.sub("-", line.text)
    if markers:
        text = _REFERENCE_RE.sub(mark, text)
        text = _GLUED_REFERENCE_RE.sub(lambda m: f"\x01{m.group(1)}\x02" if m.group(1) in markers else m.group(0), text)
    return _Line(line.number, text, line.page)


def _spans(lines: list[_Line]) -> list[Span]:
    """Lines joined by a space (none after a hyphen); marked references become superscript spans."""
    spans: list[Span] = []
    for i, line in enumerate(lines):
        for j, piece in enumerate(re.split(r"\x01(\d{1,3})\x02", line.text)):
            if piece:
                spans.append(Span(piece, superscript=j % 2 == 1, line=line.number))
        if i < len(lines) - 1 and not line.text.endswith(JOINS_WITHOUT_SPACE):
            spans.append(Span(" ", line=line.number))
    return spans


def _lead(text: str) -> str | None:
    """The vocabulary's lead phrase at the start of a line, unless it is a bare base form: a paragraph opens
    with "Supports" or "Requests", a heading with "Support Office" or "Request for a subvention"."""
    lead = lexicon.match_lead(text)
    return None if lead is None or lead.lower() in lexicon.BASE_VERBS else lead


def _starts_paragraph(previous: _Line | None, line: _Line) -> bool:
    """Whether a body line opens a paragraph: a label, a lead phrase after a clause's end, the acting body."""
    if previous is None or not previous.text:
        return True
    text, before = line.text, _MARKED_RE.sub("", previous.text).rstrip()
    if _LABEL_ONLY_RE.match(before):
        return False  # "4." on a line of its own: its text follows
    if (_ACTING_RE.match(text) or _ACTING_RE.match(before) or _SPONSORS_END_RE.search(before)
            or _TRAILER_RE.match(text) or _TRAILER_RE.match(before)):
        return True
    if not _ENDS_CLAUSE_RE.search(before):
        return False
    return bool(paragraph_label(text) or _LABEL_ONLY_RE.match(text) or _lead(text)
                or _VERB_SHAPED_RE.match(text))


def _heading_lines(lines: list[_Line]) -> set[int]:
    """Lines that are headings: a run of short, unpunctuated lines after a clause's end and before a
    paragraph's start ("Part I" / "Overall policymaking" / "Section 1" / "…" then "47. Requests")."""
    texts = [line for line in lines if line.text]
    # a clause may end before a footnote reference: "… Development Goals; 4" is no heading
    shaped = [len(t.text) < 120 and not _ENDS_CLAUSE_RE.search(_MARKED_RE.sub("", t.text))
              and not _lead(t.text)
              and not _OPENS_TEXT_RE.match(t.text)
              and (t.text[:1].isupper() or (i > 0 and _HEADING_GOES_ON_RE.search(texts[i - 1].text)))
              for i, t in enumerate(texts)]
    found: set[int] = {t.number for t in texts
                       if t.text in ("Annex", "Appendix") or re.match(r"^Annex(?:es)? [IVX\d]+$", t.text)}
    i = 1
    while i < len(texts) - 1:
        if not shaped[i]:
            i += 1
            continue
        end = i
        while end + 1 < len(texts) - 1 and shaped[end + 1] and end - i < 5:
            end += 1
        before, after = _MARKED_RE.sub("", texts[i - 1].text), texts[end + 1].text
        if ((_ENDS_CLAUSE_RE.search(before) or lexicon.BARE_ROMAN_RE.match(before))
                and (paragraph_label(after) or _LABEL_ONLY_RE.match(after) or _lead(after)
                     or _OPENS_TEXT_RE.match(after))):
            found.update(t.number for t in texts[i:end + 1])
        i = end + 1
    # a part's number alone on its line ("VII") is followed by its title, which may break after a comma
    for k, roman in enumerate(texts[:-1]):
        if not lexicon.BARE_ROMAN_RE.match(roman.text) or (k and not _ENDS_CLAUSE_RE.search(
                _MARKED_RE.sub("", texts[k - 1].text))):
            continue
        title = texts[k + 1: k + 6]
        for end, line in enumerate(title):
            if len(line.text) >= 120 or re.search(r"[.;:]$", line.text) or paragraph_label(line.text):
                break
            after = texts[k + end + 2].text if k + end + 2 < len(texts) else ""
            if paragraph_label(after) or _LABEL_ONLY_RE.match(after) or _lead(after):
                found.update(t.number for t in texts[k: k + end + 2])
                break
    return found


def _unstopped_labels(lines: list[_Line]) -> set[int]:
    """Numbers printed alone without their full stop ("6") after a clause's end and before a lead phrase."""
    texts = [line for line in lines if line.text]
    return {line.number for before, line, after in zip(texts, texts[1:], texts[2:])
            if _DIGITS_RE.match(line.text) and _ENDS_CLAUSE_RE.search(_MARKED_RE.sub("", before.text))
            and _lead(after.text)}


def _starts_head_line(previous: _Line | None, line: _Line) -> bool:
    """Above the title every line is a fact of its own, unless it visibly goes on from the line before."""
    if previous is None or not previous.text:
        return True
    goes_on = (previous.text.endswith((",", ":", " and", " for", " of", " the")) or line.text[:1].islower()
               or line.text.startswith("(")  # "Iran" / "(Islamic Republic of), Jordan, …"
               or (previous.text.startswith("[") and not previous.text.endswith("]")))
    return not goes_on


class _ItemSequence:
    """The lettered and roman items opened so far: a line opens an item only where the sequence goes on."""

    def __init__(self) -> None:
        self.letter, self.roman = "", ""

    def opens(self, label: str) -> bool:
        return label in ("a", "i") or label == _next_letter(self.letter) or label == _next_roman(self.roman)

    def opened(self, label: str) -> None:
        if label == _next_roman(self.roman) or (label == "i" and self.letter != "h"):
            self.roman = label
        else:
            self.letter, self.roman = label, ""


def _next_letter(letter: str) -> str:
    """b after a, aa after z, bb after aa."""
    if not letter:
        return "a"
    if letter == "z":
        return "aa"
    return chr(ord(letter[0]) + 1) * len(letter) if len(set(letter)) == 1 and letter[0] < "z" else ""


def _next_roman(roman: str) -> str:
    return _ROMANS[_ROMANS.index(roman) + 1] if roman in _ROMANS[:-1] else ""


def _body_blocks(lines: list[_Line]) -> list[Block]:
    """Body lines grouped into headings and paragraphs."""
    headings = _heading_lines(lines)
    unstopped = _unstopped_labels(lines)
    items = _ItemSequence()
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    in_head = True  # above the title: session, committee, agenda item, adoption and origin lines, one each
    for line in lines:
        if not line.text:
            previous = line
            continue
        head_ends = in_head and (_SYMBOL_NUMBER_RE.match(line.text.split(" ")[0]) or _ACTING_RE.match(line.text)
                                 or _SPONSORS_END_RE.search(line.text) or _DRAFT_LINE_RE.match(line.text))
        if head_ends:
            in_head = False
            if not _DRAFT_LINE_RE.match(line.text):  # "...:" then "draft resolution": one sponsors' line
                groups.append([line])
                previous = line
                continue
        last = groups[-1][-1].text if groups else ""
        if not in_head and (line.number in headings or (groups and groups[-1][-1].number in headings)
                            or _SEPARATOR_LINE_RE.match(line.text) or _SEPARATOR_LINE_RE.match(last)):
            groups.append([line])  # a heading inside the text ("Annex", "Legislative activities") stands alone
        elif not in_head and line.number in unstopped:
            groups.append([line])
        elif groups and groups[-1][-1].number in unstopped:
            groups[-1].append(line)  # "6" / "Also reaffirms …": the parser reads the number printed without its stop
        elif groups and _LABEL_ONLY_RE.match(last):
            if line.text[:1].islower() and len(groups) > 1 and len(groups[-1]) == 1:
                groups[-2].append(line)  # the copy moved the previous paragraph's last line below this label
            else:
                groups[-1].append(line)  # "1." and a blank line, then its text
        elif not in_head and groups and (item := _ITEM_RE.match(line.text)) and not items.opens(item.group(1)):
            groups[-1].append(line)  # "(d)" after an inline "(a) … (c)": the line broke before an item of the text
        elif ((_starts_head_line(previous, line) if in_head else _starts_paragraph(previous, line))
              or not groups or _SYMBOL_NUMBER_RE.match(last) or lexicon.BARE_ROMAN_RE.match(last)
              or lexicon.BARE_ROMAN_RE.match(line.text) or (len(groups) > 1 and lexicon.BARE_ROMAN_RE.match(groups[-2][-1].text)
                                                      and len(groups[-1]) == 1 and paragraph_label(line.text))):
            groups.append([line])
            if not in_head and (item := _ITEM_RE.match(line.text)):
                items.opened(item.group(1))
        else:
            groups[-1].append(line)
        previous = line
    blocks: list[Block] = []
    for group in groups:
        spans = _spans(group)
        text = "".join(s.text for s in spans)
        loc = SourceLoc(group[0].number, group[-1].number)
        if (_SYMBOL_NUMBER_RE.match(group[0].text) or _SPONSORS_END_RE.search(text) or _DRAFT_LINE_RE.match(text)
                or (len(group) == 1 and group[0].number in headings)):
            blocks.append(Block("heading", spans, loc, n_lines=len(group), starts_unit=True))
            continue
        kind, label = "text", None
        if found := paragraph_label(text):
            kind, label, start = found
            spans = without_prefix(spans, start)
        blocks.append(Block(kind, spans, loc, label=label, n_lines=len(group)))
    return _titles(blocks)


def _titles(blocks: list[Block]) -> list[Block]:
    """A symbol number alone ('79/187.') takes its title; the text between a heading and the acting body is a title."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if last is not None and last.kind == "heading" and _SYMBOL_NUMBER_RE.match(last.text):
            out[-1] = Block("heading", [*last.spans, Span(" "), *block.spans], last.loc.extend(block.loc),
                            n_lines=last.n_lines + block.n_lines, starts_unit=True)
            continue
        if last is not None and last.kind == "heading" and block.kind == "text" and not _ACTING_RE.match(block.text) \
                and not _lead(block.text) and _SPONSORS_END_RE.search(last.text):
            out.append(Block("heading", block.spans, block.loc, n_lines=block.n_lines, starts_unit=True))
            continue
        out.append(block)
    return out
