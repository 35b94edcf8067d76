"""One typed row per table, and the closed vocabularies its columns take. Pure.

Field names and their order are the columns of etl/schema.sql, and each vocabulary here (or in
lexicon) is what a `check (column in (...))` of the schema lists: tests/etl_tests/test_etl_rows.py
holds both lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass

from etl import lexicon

# --- vocabularies ------------------------------------------------------------------------------
# str constants grouped by column, not Enums: rows, Arrow tables and pickles carry plain str.


class InstrumentKind:
    RESOLUTION = "resolution"
    DECISION = "decision"


class InstrumentStatus:
    DRAFT = "draft"
    ADOPTED = "adopted"


class ParagraphKind:
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


class CitationKind:
    GA_RESOLUTION = "ga_resolution"
    ECOSOC_RESOLUTION = "ecosoc_resolution"
    ECOSOC_DECISION = "ecosoc_decision"
    COMMISSION_RESOLUTION = "commission_resolution"
    COMMISSION_DECISION = "commission_decision"
    RESOLUTION = "resolution"  # of another body, or of one not named
    DECISION = "decision"
    DOCUMENT = "document"


CITATION_KIND_LABELS = {  # each kind in words, for the screen
    CitationKind.GA_RESOLUTION: "General Assembly resolution",
    CitationKind.ECOSOC_RESOLUTION: "Economic and Social Council resolution",
    CitationKind.ECOSOC_DECISION: "Economic and Social Council decision",
    CitationKind.COMMISSION_RESOLUTION: "Commission resolution",
    CitationKind.COMMISSION_DECISION: "Commission decision",
    CitationKind.RESOLUTION: "resolution of another body",
    CitationKind.DECISION: "decision of another body",
    CitationKind.DOCUMENT: "document",
}


class DocType:
    RESOLUTION = "resolution"
    DRAFT_RESOLUTION = "draft resolution"
    DECISION = "decision"
    DRAFT_DECISION = "draft decision"
    REPORT = "report"


class FileFormat:
    MARKDOWN = "markdown"
    TEXT = "text"  # copied out of a PDF
    PDF = "pdf"


class AttachmentKind:
    ANNEX = "annex"
    EMBEDDED = "embedded"  # "Adopts the following Declaration:" and the text in the body


class Relation:
    ADOPTED_TEXT = "adopted_text"  # old: a draft; new: its adopted text
    SERIES = "series"  # old: the same resolution in an earlier session


class EventPrecision:
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    SESSION = "session"
    RELATIVE = "relative"  # 'on the first day of the Congress': see events.relative_to


class EventType:
    CONGRESS = "congress"
    MEETING = "meeting"
    SESSION = "session"
    REPORT_DUE = "report_due"
    BUDGET = "budget"
    ADOPTION = "adoption"
    OTHER = "other"


class ReportForm:
    WRITTEN = "written"
    ORAL = "oral"  # an oral report, update or briefing
    UPDATE = "update"
    NOTE = "note"  # a note by the Secretary-General


def _values(vocabulary: type) -> tuple[str, ...]:
    return tuple(value for name, value in vars(vocabulary).items() if not name.startswith("_"))


INSTRUMENT_KINDS = _values(InstrumentKind)
INSTRUMENT_STATUSES = _values(InstrumentStatus)
PARAGRAPH_KINDS = _values(ParagraphKind)
CITATION_KINDS = _values(CitationKind)
EVENT_PRECISIONS = _values(EventPrecision)
DOC_TYPES = _values(DocType)
FILE_FORMATS = _values(FileFormat)
ATTACHMENT_KINDS = _values(AttachmentKind)
EVENT_TYPES = _values(EventType)
RELATIONS = _values(Relation)
REPORT_FORMS = _values(ReportForm)
DIRECTIVE_LEVELS = tuple(lexicon.DIRECTIVE_LEVEL_LABELS)

# (table, column) -> the values its CHECK allows
VOCABULARIES: dict[tuple[str, str], tuple[str | int, ...]] = {
    ("instruments", "kind"): INSTRUMENT_KINDS,
    ("instruments", "status"): INSTRUMENT_STATUSES,
    ("paragraphs", "kind"): PARAGRAPH_KINDS,
    ("paragraphs", "directive_level"): DIRECTIVE_LEVELS,
    ("addressees", "addressee_group"): lexicon.ADDRESSEE_GROUPS,
    ("funding_conditions", "condition"): lexicon.FUNDING_CONDITIONS,
    ("citations", "kind"): CITATION_KINDS,
    ("events", "precision"): EVENT_PRECISIONS,
    ("events", "event_type"): EVENT_TYPES,
    ("documents", "doc_type"): DOC_TYPES,
    ("documents", "file_format"): FILE_FORMATS,
    ("attached_texts", "kind"): ATTACHMENT_KINDS,
    ("verbs", "directive_level"): DIRECTIVE_LEVELS,
    ("counterparts", "relation"): RELATIONS,
    ("report_requests", "periodicity"): lexicon.PERIODICITIES,
    ("report_requests", "form"): REPORT_FORMS,
}

# --- rows --------------------------------------------------------------------------------------


class _Row:
    """Pickles as its class and a tuple of values."""

    __slots__ = ()

    # rows cross from worker processes by the hundred thousand; the dataclass default
    # (__getstate__ / __setstate__ over fields()) takes twice as long
    def __reduce__(self) -> tuple[type, tuple]:
        return type(self), _VALUES[type(self)](self)


@dataclass(frozen=True, slots=True)
class DocumentRow(_Row):
    document_id: str
    source_name: str
    sha256: str
    title: str
    n_lines: int
    encoding: str
    symbol: str | None
    doc_type: str | None  # DOC_TYPES
    issuing_body: str | None
    session: int | None
    distribution_date: dt.date | None
    adopted_on: dt.date | None
    committee: str | None
    origin_report: str | None
    origin_drafts: str | None
    meeting: str | None
    meeting_date: dt.date | None
    agenda: str | None
    agenda_title: str | None
    file_format: str  # FILE_FORMATS
    pages: int | None
    source_path: str | None


@dataclass(frozen=True, slots=True)
class InstrumentRow(_Row):
    instrument_id: str
    document_id: str
    ordinal: int
    section: str | None
    kind: str  # InstrumentKind
    status: str  # InstrumentStatus
    label: str
    title: str
    acting_body: str | None
    recommended_to: str | None
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class ParagraphRow(_Row):
    paragraph_id: str
    instrument_id: str
    ordinal: int
    kind: str  # ParagraphKind
    number: int | None
    label: str | None
    lead_phrase: str | None
    verb: str | None
    directive_level: int | None
    text: str
    line_start: int
    line_end: int
    part: str | None
    page_start: int | None
    page_end: int | None
    boxes: str | None


@dataclass(frozen=True, slots=True)
class SubparagraphRow(_Row):
    paragraph_id: str
    letter: str
    text: str
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None
    boxes: str | None


@dataclass(frozen=True, slots=True)
class SearchTermRow(_Row):
    paragraph_id: str
    term: str  # etl.search.index_terms: folded, hyphens dropped
    tf: int  # how often the term occurs in the paragraph and its sub-items
    length: int  # the paragraph's terms in all (BM25 weighs by it)


@dataclass(frozen=True, slots=True)
class AddresseeRow(_Row):
    paragraph_id: str
    addressee: str
    addressee_group: str  # lexicon.ADDRESSEE_GROUPS
    as_written: str
    verb: str


@dataclass(frozen=True, slots=True)
class FundingConditionRow(_Row):
    paragraph_id: str
    condition: str  # lexicon.FUNDING_CONDITIONS
    phrase: str


@dataclass(frozen=True, slots=True)
class ReportRequestRow(_Row):
    report_request_id: str
    paragraph_id: str
    letter: str | None  # the lettered item it is asked in
    reporter: str  # canonical, as addressees.addressee
    reporter_as_written: str
    submitted_to: str  # the receiving body, or the acting body when the text names none
    session: int | None  # as stated: 81 for "at its eighty-first session"
    session_body: str | None  # whose session (or year) it is: 'Commission on Crime Prevention ...'
    due_year: int | None
    periodicity: str | None  # lexicon.PERIODICITIES
    form: str | None  # REPORT_FORMS
    subject: str | None
    within_existing_resources: bool
    as_written: str
    line_start: int  # of the paragraph, or of its lettered item
    line_end: int


@dataclass(frozen=True, slots=True)
class FootnoteRow(_Row):
    footnote_id: str
    document_id: str
    marker: str
    text: str
    paragraph_id: str | None
    instrument_id: str | None
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None
    boxes: str | None
    attachment: int | None


@dataclass(frozen=True, slots=True)
class ParagraphFootnoteRow(_Row):
    paragraph_id: str
    footnote_id: str


@dataclass(frozen=True, slots=True)
class CitationRow(_Row):
    citation_id: str
    paragraph_id: str | None
    footnote_id: str | None
    symbol: str
    kind: str  # CitationKind
    as_written: str


@dataclass(frozen=True, slots=True)
class EventRow(_Row):
    event_id: str
    document_id: str
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str  # EventPrecision
    location: str | None
    paragraph_id: str | None
    phrase: str
    is_historical: bool
    relative_to: str | None
    event_type: str  # EventType


@dataclass(frozen=True, slots=True)
class AgendaItemRow(_Row):
    document_id: str
    session: str
    number: int
    sub_item: str | None
    title: str
    line_start: int


@dataclass(frozen=True, slots=True)
class SponsorRow(_Row):
    instrument_id: str
    ordinal: int
    sponsor: str


@dataclass(frozen=True, slots=True)
class AttachedTextRow(_Row):
    attached_id: str
    document_id: str
    instrument_id: str | None
    attachment: int
    kind: str  # ATTACHMENT_KINDS
    heading: str
    ordinal: int
    label: str | None
    text: str
    is_heading: bool
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None
    boxes: str | None


@dataclass(frozen=True, slots=True)
class CounterpartRow(_Row):
    old_instrument_id: str
    new_instrument_id: str
    relation: str  # RELATIONS
    confidence: float
    title_similarity: float
    text_similarity: float


@dataclass(frozen=True, slots=True)
class ParseWarningRow(_Row):
    document_id: str
    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class VerbRow(_Row):
    """Built by the loader from the lexicon and the verbs in use, not per document."""

    verb: str
    directive_level: int
    level_label: str


# the tables the ETL fills, parents before children: the order rows are inserted in
TABLE_ROWS: dict[str, type] = {
    "documents": DocumentRow,
    "instruments": InstrumentRow,
    "paragraphs": ParagraphRow,
    "subparagraphs": SubparagraphRow,
    "search_terms": SearchTermRow,
    "addressees": AddresseeRow,
    "funding_conditions": FundingConditionRow,
    "report_requests": ReportRequestRow,
    "footnotes": FootnoteRow,
    "paragraph_footnotes": ParagraphFootnoteRow,
    "citations": CitationRow,
    "events": EventRow,
    "agenda_items": AgendaItemRow,
    "sponsors": SponsorRow,
    "attached_texts": AttachedTextRow,
    "parse_warnings": ParseWarningRow,
    "counterparts": CounterpartRow,  # across documents: the pipeline adds them after the last document
}
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(f.name for f in dataclasses.fields(row)) for table, row in TABLE_ROWS.items()}


def _getter(row: type) -> Callable[[_Row], tuple]:
    names = [f.name for f in dataclasses.fields(row)]
    get = operator.attrgetter(*names)  # in C, and no deep copy as in dataclasses.astuple
    return get if len(names) > 1 else lambda value: (get(value),)


_VALUES = {row: _getter(row) for row in (*TABLE_ROWS.values(), VerbRow)}


def values(row: _Row) -> tuple:
    """A row's values in column order."""
    return _VALUES[type(row)](row)
