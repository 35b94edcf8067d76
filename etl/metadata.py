"""Document metadata from the masthead and the lines around the title: symbol, session, agenda, origin. Pure.

UN documents print the same facts in the same words whatever the file format: "Distr.: General",
"Eightieth session", "Agenda item 99 (dd)", "Resolution adopted by the General Assembly on
18 December 2025", "[on the report of the Third Committee (A/80/545, para. 5)]". This module reads
them from a layout's furniture and first blocks, and from the closing lines the grammar found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from etl import lexicon
from etl.ir import Layout
from etl.parse import Document

HEAD_BLOCKS = 16  # the facts sit above the title: never further than this into a document
_MONTH = "|".join(lexicon.MONTHS)
_DATE = rf"\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}"
_SYMBOL_RE = re.compile(r"^(?:[A-Z]{1,6}(?:\.\d+)?)(?:/(?:[A-Z0-9]+(?:\.\d+)?|L\.\d+(?:/Rev\.\d+)?|Add\.\d+|Rev\.\d+))+$")
_DISTR_RE = re.compile(r"\bDistr\.?:?\s*(?P<kind>General|Limited|Restricted)\b", re.IGNORECASE)
_DATE_RE = re.compile(rf"^(?P<date>{_DATE})$")
_SESSION_RE = re.compile(rf"^(?P<ord>{lexicon.ORDINAL_PATTERN})\s+(?:special\s+|emergency\s+special\s+)?session\b",
                         re.IGNORECASE)
_COMMITTEE_RE = re.compile(r"^(?P<name>(?:First|Second|Third|Fourth|Fifth|Sixth)\s+Committee|"
                           r"Special Political and Decolonization Committee(?: \(Fourth Committee\))?)$")
_AGENDA_RE = re.compile(r"^Agenda\s+items?\s+(?P<items>\d.*)$", re.IGNORECASE)
_AGENDA_ITEM_RE = re.compile(r"(?P<number>\d{1,3})(?:\s*\((?P<sub>[a-z]{1,3})\))?")
_ADOPTED_RE = re.compile(rf"^(?P<kind>Resolution|Decision)\s+adopted\s+by\s+the\s+(?P<body>.+?)\s+on\s+(?P<date>{_DATE})",
                         re.IGNORECASE)
_ORIGIN_RE = re.compile(
    r"^\[(?:on\s+the\s+report\s+of\s+the\s+(?P<committee>.+?)\s*\((?P<report>[A-Z][\w./-]*)(?:,[^)]*)?\)"
    r"|without\s+reference\s+to\s+a\s+Main\s+Committee\s*\((?P<drafts>[^)]*)\))\s*\]$", re.IGNORECASE)
_DRAFT_SPLIT_RE = re.compile(r"\s*(?:,|\band\b)\s*")
_MEETING_DATE_RE = re.compile(rf"(?P<date>{_DATE})")


@dataclass
class DocumentMeta:
    """What the document says of itself."""

    symbol: str | None = None
    doc_type: str | None = None  # resolution | draft resolution | decision | draft decision | report
    issuing_body: str | None = None
    session: int | None = None
    session_text: str | None = None  # as printed: 'Eightieth session'
    distribution: str | None = None  # General | Limited
    distribution_date: dt.date | None = None
    committee: str | None = None  # the Main Committee a text comes from, or 'plenary'
    origin_report: str | None = None  # the committee's report: 'A/80/545'
    origin_drafts: list[str] = field(default_factory=list)  # plenary drafts: 'A/80/L.20'
    adopted_on: dt.date | None = None
    meeting: str | None = None  # '69th plenary meeting'
    meeting_date: dt.date | None = None
    agenda: str | None = None  # as printed: '99 (dd)', '13 and 75 (a)'
    agenda_title: str | None = None
    agenda_items: list[tuple[int, str | None]] = field(default_factory=list)  # (75, 'a')
    agenda_line: int | None = None
    title: str | None = None


def parse_date(text: str | None) -> dt.date | None:
    """'18 December 2025' -> a date (None when there is none)."""
    m = _MEETING_DATE_RE.search(text or "")
    if not m:
        return None
    day, month, year = m.group("date").split()
    try:
        return dt.date(int(year), lexicon.MONTH_NUMBER[month], int(day))
    except ValueError:
        return None


def _head_texts(layout: Layout) -> tuple[list[str], list[str], list[int]]:
    """The masthead's lines, and the texts of the first blocks with their lines, in reading order."""
    masthead = [b.text for b in layout.blocks if b.furniture == "masthead"]
    head = [b for b in layout.blocks if b.kind not in ("furniture", "footnote", "rule")][:HEAD_BLOCKS]
    return masthead, [b.text for b in head], [b.line_start for b in head]


def document_metadata(layout: Layout, doc: Document) -> DocumentMeta:
    """The document's metadata from its masthead, its head lines and its instruments' closing lines."""
    meta = DocumentMeta()
    masthead, head, lines = _head_texts(layout)
    for i, text in enumerate(masthead):
        symbol = next((word for word in [text.replace(" ", ""), *text.split()] if _SYMBOL_RE.match(word)), None)
        if meta.symbol is None and symbol:
            meta.symbol = symbol  # "A/RES/80/225", or beside "United Nations" on one baseline
        elif m := _DISTR_RE.search(text):
            meta.distribution = m.group("kind").capitalize()
            # the date is printed under it; a big "General Assembly" beside it may come first in reading order
            dates = [t for t in masthead[i + 1: i + 4] if _MEETING_DATE_RE.search(t)]
            meta.distribution_date = parse_date(dates[0]) if dates else None
        elif text in lexicon.BODIES.values() and meta.issuing_body is None:
            meta.issuing_body = text
    for i, text in enumerate(head):
        following = head[i + 1] if i + 1 < len(head) else ""  # a fact may run over two lines
        if meta.session is None and (m := _SESSION_RE.match(text)):
            meta.session = lexicon.ordinal_words().get(m.group("ord").lower())
            meta.session_text = text
        elif meta.committee is None and (m := _COMMITTEE_RE.match(text)):
            meta.committee = m.group("name")
        elif meta.agenda is None and (m := _AGENDA_RE.match(text)):
            meta.agenda, meta.agenda_line = m.group("items").strip(), lines[i]
            meta.agenda_items = [(int(a.group("number")), a.group("sub")) for a in _AGENDA_ITEM_RE.finditer(meta.agenda)]
            if following and not (_ADOPTED_RE.match(following) or _ORIGIN_RE.match(following)):
                meta.agenda_title = following
        elif meta.adopted_on is None and (m := _ADOPTED_RE.match(text) or _ADOPTED_RE.match(f"{text} {following}")):
            meta.adopted_on = parse_date(m.group("date"))
            meta.issuing_body = meta.issuing_body or lexicon.canonical_body(m.group("body"))
        elif m := _ORIGIN_RE.match(text) or _ORIGIN_RE.match(f"{text} {following}"):
            if m.group("committee"):
                meta.committee, meta.origin_report = m.group("committee").strip(), m.group("report")
            else:
                meta.committee = "plenary"
                symbols = [d for d in _DRAFT_SPLIT_RE.split(m.group("drafts")) if "/" in d]
                meta.origin_drafts = [d for d in symbols if "/L." in d]  # drafts; anything else is a report
                meta.origin_report = next((d for d in symbols if "/L." not in d), None)
    _from_instruments(meta, doc)
    if meta.session is None and meta.symbol and (m := _GA_SESSION_RE.match(meta.symbol)):
        meta.session = int(m.group("session"))  # General Assembly symbols carry the session: A/RES/80/1
    return meta


# "A/RES/80/1", "A/C.3/80/L.19", "A/80/L.20", "A/DEC/80/501"; ES-, S- and numbered years excluded
_GA_SESSION_RE = re.compile(r"^A/(?:RES/|DEC/|C\.\d/)?(?P<session>\d{1,3})/")


def _from_instruments(meta: DocumentMeta, doc: Document) -> None:
    """Type, title, symbol and closing meeting from the instruments the grammar found."""
    instruments = doc.instruments
    if len(instruments) == 1:
        instrument = instruments[0]
        meta.title = instrument.title or None
        meta.doc_type = ("draft " if instrument.status == "draft" else "") + instrument.kind
        meta.meeting = instrument.meeting
        meta.meeting_date = parse_date(instrument.adopted_on)
        meta.issuing_body = meta.issuing_body or instrument.acting_body
        if meta.symbol is None and instrument.status == "adopted":
            meta.symbol = _symbol_from_label(instrument.label, instrument.acting_body)
        if meta.adopted_on is None and instrument.status == "adopted":
            meta.adopted_on = meta.meeting_date
    elif instruments:
        meta.doc_type = "report"


_LABEL_NUMBER_RE = re.compile(r"^(?P<kind>Resolution|Decision)\s+(?P<number>\d{1,4}/\d{1,4})$")
_SYMBOL_PREFIX = {("General Assembly", "Resolution"): "A/RES/", ("General Assembly", "Decision"): "A/DEC/",
                  ("Economic and Social Council", "Resolution"): "E/RES/",
                  ("Economic and Social Council", "Decision"): "E/DEC/"}


def _symbol_from_label(label: str, acting_body: str | None) -> str | None:
    """'Resolution 79/187' of the General Assembly -> 'A/RES/79/187' (None for other bodies)."""
    m = _LABEL_NUMBER_RE.match(label)
    if m is None:
        return None
    prefix = _SYMBOL_PREFIX.get((acting_body or "", m.group("kind")))
    return prefix + m.group("number") if prefix else None
