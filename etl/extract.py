"""Document tree -> table rows: verbs, addressees, funding, events, citations, footnote links. Pure."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from etl import lexicon, search
from etl.ir import Box
from etl.metadata import DocumentMeta
from etl.parse import AgendaItem, Document, Instrument, Marker, Paragraph
from etl.rows import TABLE_COLUMNS  # noqa: F401  (re-exported: importers of etl.extract use it)
from etl.rows import (
    AddresseeRow, AgendaItemRow, CitationKind, CitationRow, DocumentRow, EventPrecision, EventRow, EventType,
    FootnoteRow, FundingConditionRow, InstrumentRow, ParagraphFootnoteRow, ParagraphKind, ParagraphRow,
    ParseWarningRow, SearchTermRow, SubparagraphRow, AttachedTextRow, FileFormat, SponsorRow)

_CLAUSE_REACH = 2000  # no clause is longer; bounding every look-around keeps long texts linear

# --- verbs -------------------------------------------------------------------------------------


def verb_of(paragraph: Paragraph) -> tuple[str | None, int | None]:
    """Base verb and directive level (operative only) of a paragraph."""
    verb = lexicon.base_verb(paragraph.lead_phrase) if paragraph.lead_phrase else None
    if verb is None:  # "1. The Working Capital Fund shall be ...": operative, with no verb to rank
        return None, (lexicon.directive_level("") if paragraph.kind == ParagraphKind.OPERATIVE else None)
    level = lexicon.directive_level(verb.verb) if paragraph.kind == ParagraphKind.OPERATIVE else None
    return verb.verb, level


# --- addressees --------------------------------------------------------------------------------

_INNER_DIRECTIVE_RE = re.compile(
    r"(?:,|;|\band)\s+(?:also\s+|further\s+|strongly\s+|once again\s+)?"
    r"(requests|urges|encourages|invites|calls upon|calls on|authorizes|appeals to)\s+"
    r"(?=the\b|all\b|relevant\b|other\b|[A-Z])")
_NOMINAL_DIRECTIVE_RE = re.compile(r"\b(?:its|their)\s+(request|invitation|call|appeal|encouragement)\s+to\s+")
_REGION_END_RE = re.compile(
    r"\s+to\s+(?!the\b|a\b|an\b|all\b|its\b|their\b|those\b|these\b|this\b|that\b|which\b|whom\b)[a-z]"
    r"|[:;.](?:\s|$)|:$")
_INSERTION_RE = re.compile(
    r",\s*(?:subject to|in accordance|within|in close|in consultation|in collaboration|in cooperation|"
    r"upon|as appropriate|where appropriate|in the context|through|inter alia|consistent|in line|"
    r"based on|at their|on the basis|in particular|taking|with|when|while|if|once|through|by|including|"
    r"as a matter of|as necessary|where possible|to the extent|among others|especially|notably|"
    r"bearing in mind|inter alia)\b")
_RELATIVE_CLAUSE_RE = re.compile(r"\b(?:that|which|who|whose|where)\b[^,]*")
_LEFTOVER_SPLIT_RE = re.compile(r",|\band\b|\bas well as\b|\|")
# a comma or "and" inside a capitalized name does not part two actors: "Group of Scientific and
# Technical Experts" (the name goes on), "Conference on Trade and Development" (a name with "on" in
# it), "Educational, Scientific and Cultural Organization"; "Armenia and Azerbaijan" and acronyms
# ("UNDP, UNICEF and UNFPA") are names of their own
_TITLE_WORD = r"[A-Z][a-z][\w'’-]*"
_NAME_JOIN_RE = re.compile(
    rf"\b{_TITLE_WORD}(?P<join>\s+and\s+(?={_TITLE_WORD}(?P<goes_on>\s+{_TITLE_WORD})?)"
    rf"|,\s+(?=(?:{_TITLE_WORD},\s+)*{_TITLE_WORD}\s+and\s+{_TITLE_WORD}\s+{_TITLE_WORD}))")
_NAME_WITH_LINK_RE = re.compile(rf"{_TITLE_WORD}\s+(?:of|on|for|to)\s+(?:the\s+)?(?:{_TITLE_WORD}\s+)*{_TITLE_WORD}$")
_LEFTOVER_DROP_RE = re.compile(
    r"^(?:in|of|from|for|at|with|to|on|by|its|their|participating|concerned|including|as|where|when|while|if|"
    r"especially|notably|particularly|upon|within|members? of)\b", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?:the|all|other|relevant|any|and)(?:\s+|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Addressee:
    addressee: str
    group: str
    as_written: str
    verb: str


def region_after(text: str, start: int) -> str:
    """The actor noun phrase after a directive verb: up to 'to <verb>', a colon or an insertion."""
    rest = text[start: start + _CLAUSE_REACH]
    end = _REGION_END_RE.search(rest)
    region = rest[: end.start()] if end else rest
    insertion = _INSERTION_RE.search(region)
    return region[: insertion.start()] if insertion else region


def _leftover_pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a stretch no actor pattern knew, split at commas and "and" but not
    inside a capitalized name."""
    # the joins inside names are blanked (same length) so that the split passes over them
    def blank(join: re.Match) -> str:
        word = join.group(0)[: join.start("join") - join.start()]
        if "and" in join.group("join") and not join.group("goes_on") and not _NAME_WITH_LINK_RE.search(
                re.split(r",|\band\b", text[: join.start("join")])[-1]):
            return join.group(0)
        return word + "\x00" * len(join.group("join"))
    blanked = _NAME_JOIN_RE.sub(blank, text)
    pieces, start = [], 0
    for cut in _LEFTOVER_SPLIT_RE.finditer(blanked):
        pieces.append((start, text[start:cut.start()]))
        start = cut.end()
    pieces.append((start, text[start:]))
    return pieces


def actors_in(region: str, acting_body: str | None = None) -> list[tuple[str, str, str]]:
    """(canonical, group, as written) for each actor named in a noun phrase, in order."""
    # every pattern's matches compete; the longest wins a stretch of text ("Office of the United
    # Nations High Commissioner ..." over "Commission", "Member States" over "States")
    candidates = sorted(
        (m.start() - m.end(), order, m.start(), m.end(), name, group)
        for order, (pattern, name, group) in enumerate(lexicon.ACTOR_RES)
        for m in pattern.finditer(region))
    taken = bytearray(len(region))
    found: list[tuple[int, str, str, str]] = []
    for _, _, start, end, name, group in candidates:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            if name == lexicon.THE_COMMISSION:
                name = lexicon.commission_for(acting_body)
            found.append((start, name, group, region[start:end]))
    masked = "".join("|" if flag else char for flag, char in zip(taken, region))
    # what no pattern knew is kept as an actor of its own, never dropped
    unmasked = _RELATIVE_CLAUSE_RE.sub(lambda r: "|" * len(r.group(0)), masked)
    for m in re.finditer(r"[^|]+", unmasked):
        for offset, piece in _leftover_pieces(m.group(0)):
            written = piece.strip(" ,;:()")
            words = _ARTICLE_RE.sub("", _ARTICLE_RE.sub("", written))
            if len(words) < 3 or _LEFTOVER_DROP_RE.match(words) or not re.search(r"[A-Za-z]{3}", words):
                continue
            position = m.start() + offset + max(0, piece.find(written))
            found.append((position, words[0].upper() + words[1:], lexicon.OTHERS, written))
    found.sort(key=lambda item: item[0])
    return [(name, group, written) for _, name, group, written in found]


def addressees_of(paragraph: Paragraph, verb: str | None, acting_body: str | None = None) -> list[Addressee]:
    """Actors addressed by directive verbs in an operative paragraph, each once."""
    if paragraph.kind != ParagraphKind.OPERATIVE:
        return []
    text = paragraph.text
    openings: list[tuple[int, str]] = []
    if verb in lexicon.ADDRESSING_BASES and paragraph.lead_phrase and text.startswith(paragraph.lead_phrase):
        openings.append((len(paragraph.lead_phrase), verb))
    for m in _INNER_DIRECTIVE_RE.finditer(text):
        openings.append((m.end(), lexicon.ADDRESSING_VERBS[m.group(1)]))
    for m in _NOMINAL_DIRECTIVE_RE.finditer(text):
        openings.append((m.end(), lexicon.ADDRESSING_NOUNS[m.group(1)]))
    seen: dict[str, Addressee] = {}
    for start, base in sorted(openings):
        for name, group, written in actors_in(region_after(text, start), acting_body):
            seen.setdefault(name, Addressee(name, group, written, base))
    return list(seen.values())


# --- funding -----------------------------------------------------------------------------------


def funding_of(text: str) -> list[tuple[str, str]]:
    """(condition, verbatim phrase) for each kind of funding wording in a text, once each."""
    found: dict[str, str] = {}
    lower = text.lower()
    for condition, hints, pattern in lexicon.FUNDING_PATTERNS:
        if condition in found or not any(hint in lower for hint in hints):
            continue
        if m := pattern.search(text):
            found[condition] = m.group(0)
    return sorted(found.items())


# --- citations ---------------------------------------------------------------------------------

_RES_SYMBOL = (r"(?:S-|ES-)?\d{1,4}/\d{1,4}(?:\s?[A-Z]\b)?"   # 76/181, S-30/1, 217 A
               r"|\d{1,4}(?:\s[A-Z])?\s\([IVXLC]+\)"        # 415 (V), 155 C (VII)
               r"|\d{3,4}\s\((?:19|20)\d\d\)")               # Security Council 2396 (2017)
_SECURITY_COUNCIL_NUMBER_RE = re.compile(r"^\d{1,4} \((?:19|20)\d\d\)$")
_CITATION_RE = re.compile(
    rf"(?:(?P<body>{lexicon.BODY_PATTERN}|Commission|Council|Assembly)\s+)?(?:(?P<its>its|their)\s+)?"
    rf"(?P<word>[Rr]esolutions?|[Dd]ecisions?)\s+(?P<first>{_RES_SYMBOL})")
_OF_OTHER_BODY_RE = re.compile(r"\s+of\s+the\s+((?:Conference|Meeting|Assembly|Board|Committee)\s+of\s+the\s+[A-Z][\w\s]*?)(?=[,;.(]|\s+(?:at|in|on)\s|$)")
_LIST_SYMBOL_RE = re.compile(r"(?<![\w/.])(\d{1,4}/\d{1,4}(?![\w/])"  # 76/181
                             r"|\d{1,4}(?:\s[A-Z])?\s\([IVXLC]+\)|\d{3,4}\s\((?:19|20)\d\d\))")  # 1514 (XV), 2334 (2016)
_LIST_STOP_RE = re.compile(r"\b(?:resolutions?|decisions?|as well as)\b|[;.](?:\s|$)", re.IGNORECASE)
_QUOTED_RE = re.compile(r"“[^”“]*”|\"[^\"]*\"")
_DOCUMENT_RE = re.compile(r"(?<![\w/.])[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+")
_PREFIX = {  # (body, word as printed) -> (kind, symbol prefix)
    ("General Assembly", "resolution"): (CitationKind.GA_RESOLUTION, "A/RES/"),
    ("General Assembly", "decision"): (CitationKind.DECISION, "A/DEC/"),
    ("Economic and Social Council", "resolution"): (CitationKind.ECOSOC_RESOLUTION, "E/RES/"),
    ("Economic and Social Council", "decision"): (CitationKind.ECOSOC_DECISION, "E/DEC/"),
    ("Commission on Crime Prevention and Criminal Justice", "resolution"): (CitationKind.COMMISSION_RESOLUTION, "CCPCJ/RES/"),
    ("Commission on Crime Prevention and Criminal Justice", "decision"): (CitationKind.COMMISSION_DECISION, "CCPCJ/DEC/"),
    ("Commission on Narcotic Drugs", "resolution"): (CitationKind.COMMISSION_RESOLUTION, "CND/RES/"),
    ("Commission on Narcotic Drugs", "decision"): (CitationKind.COMMISSION_DECISION, "CND/DEC/"),
    ("Security Council", "resolution"): (CitationKind.RESOLUTION, "S/RES/"),
    ("Human Rights Council", "resolution"): (CitationKind.RESOLUTION, "A/HRC/RES/"),
}
_DOCUMENT_KIND = {"A/RES/": CitationKind.GA_RESOLUTION, "E/RES/": CitationKind.ECOSOC_RESOLUTION,
                  "E/DEC/": CitationKind.ECOSOC_DECISION}  # by the first six characters of a document symbol
READABLE_BODY = {CitationKind.GA_RESOLUTION: "General Assembly resolution",
                 CitationKind.ECOSOC_RESOLUTION: "Economic and Social Council resolution",
                 CitationKind.ECOSOC_DECISION: "Economic and Social Council decision",
                 CitationKind.COMMISSION_RESOLUTION: "Commission resolution",
                 CitationKind.COMMISSION_DECISION: "Commission decision"}


@dataclass(frozen=True)
class Citation:
    symbol: str
    kind: str
    as_written: str
    start: int
    end: int
    number: str  # '76/181' as printed, for labels


def _singular(word: str) -> str:
    """'resolution' or 'decision' for the word as printed ('Resolutions', 'decisions'): also the kind."""
    return CitationKind.DECISION if word.lower().startswith("decision") else CitationKind.RESOLUTION


def _classify(body: str | None, word: str, number: str, context_body: str | None) -> tuple[str, str]:
    """Kind and normalized symbol of a cited resolution or decision."""
    word = _singular(word)
    number = re.sub(r"\s+", " ", number).strip()
    if body is None and re.match(r"^(?:19|20)\d\d/", number):
        body = "Economic and Social Council"  # year-numbered resolutions are the Council's
    if _SECURITY_COUNCIL_NUMBER_RE.match(number):
        body = "Security Council"  # "resolution 1373 (2001)": only the Security Council numbers so
    body = body or context_body
    if body and (body, word) in _PREFIX:
        kind, prefix = _PREFIX[(body, word)]
        return kind, prefix + number
    return word, f"{word} {number}"


def citations_in(text: str, context_body: str | None) -> list[Citation]:
    """Resolutions, decisions and documents cited in a text, each symbol once."""
    found: list[Citation] = []
    blanked = _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text) if "“" in text or '"' in text else text
    hinted = "esolution" in blanked or "ecision" in blanked
    for m in (_CITATION_RE.finditer(blanked) if hinted else ()):
        body_written = m.group("body")
        body = None
        if body_written:
            body = (lexicon.commission_for(context_body) if body_written.lower() == "commission"
                    else lexicon.canonical_body(body_written))
        elif m.group("its") is None and context_body is None:
            body = None
        word = m.group("word")
        owner = _OF_OTHER_BODY_RE.match(blanked, m.end())
        if owner and not body:  # "resolution 5/1 of the Conference of the Parties": not the acting body's
            number = m.group("first")
            found.append(Citation(f"{word.lower().rstrip('s')} {number} ({owner.group(1)})",
                                  _singular(word),
                                  text[m.start():owner.end()], m.start(), owner.end(), number))
            continue
        kind, symbol = _classify(body, word, m.group("first"), context_body)
        found.append(Citation(symbol, kind, text[m.start():m.end()], m.start(), m.end(), m.group("first")))
        if word.lower().endswith("s"):  # a list: "resolutions 76/182 of ..., 77/232 ... and 78/224"
            rest = blanked[m.end(): m.end() + _CLAUSE_REACH]
            stop = _LIST_STOP_RE.search(rest)
            for more in _LIST_SYMBOL_RE.finditer(rest[: stop.start()] if stop else rest):
                kind, symbol = _classify(body, word, more.group(1), context_body)
                start = m.end() + more.start()
                found.append(Citation(symbol, kind, more.group(1), start, start + len(more.group(1)), more.group(1)))
    for m in (_DOCUMENT_RE.finditer(blanked) if "/" in blanked else ()):
        symbol = m.group(0).rstrip(".,")
        if not re.search(r"\d", symbol) or "/" not in symbol:
            continue
        kind = _DOCUMENT_KIND.get(symbol[:6], CitationKind.DOCUMENT)
        found.append(Citation(symbol, kind, symbol, m.start(), m.start() + len(symbol), symbol))
    unique: dict[str, Citation] = {}
    for citation in sorted(found, key=lambda c: c.start):
        unique.setdefault(citation.symbol, citation)
    return list(unique.values())


# --- dates and events --------------------------------------------------------------------------

_MONTH = "|".join(lexicon.MONTHS)
_MONTH_RE = re.compile(_MONTH)  # one scan: faster than twelve `in` tests
_TO = r"\s*(?:to|until|-|–)\s*"
_YEAR = r"(?:19|20)\d\d"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range_years", re.compile(
        rf"\b(?:from\s+)?(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR}){_TO}"
        rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("range_months", re.compile(
        rf"\b(?:from\s+)?(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH}){_TO}(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("range_days", re.compile(
        rf"\b(?:from\s+)?(?P<d1>\d{{1,2}})(?:\s+and\s+|{_TO})(?P<d2>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("day", re.compile(rf"\b(?:on\s+)?(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("month", re.compile(rf"\b(?:in\s+)?(?P<m1>{_MONTH})\s+(?P<y>{_YEAR})\b")),
    ("part", re.compile(
        rf"\b(?:in\s+|during\s+|by\s+)?the\s+(?P<part>first|second|third|fourth|last)\s+(?P<unit>half|quarter)\s+of\s+(?P<y>{_YEAR})\b")),
    ("year", re.compile(
        r"\b(?P<prep>in|for|by|during|before|until|of|as early as possible in|no later than)\s+"
        rf"(?:(?:early|mid|late)[\s-]+)?(?P<y>{_YEAR})(?:\s+and\s+(?P<y2>{_YEAR}))?\b(?![/–-]|\s+Agenda)")),
)
_PART_MONTHS = {("half", "first"): (1, 6), ("half", "second"): (7, 12), ("half", "last"): (7, 12),
                ("quarter", "first"): (1, 3), ("quarter", "second"): (4, 6), ("quarter", "third"): (7, 9),
                ("quarter", "fourth"): (10, 12), ("quarter", "last"): (10, 12)}
_SESSION_RE = re.compile(
    rf"\b(?:(?:at|during|for|to|on|until|by|of|in)\s+)?(?:(?P<its>its|their)\s+|the\s+)?"
    rf"(?P<ord>{lexicon.ORDINAL_PATTERN})(?:\s+and\s+(?P<ord2>{lexicon.ORDINAL_PATTERN}))?\s+sessions?\b"
    rf"(?:\s+of\s+the\s+(?P<body>{lexicon.BODY_PATTERN}))?",
    re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"\b(?:during|on|in|at)\s+the\s+(?P<which>first|last|final|opening|closing)\s+"
    r"(?:(?P<n>two|three|four|five|\d)\s+)?(?:day|days)\s+of\s+the\s+(?P<anchor>(?:[A-Z][\w-]*\s+)*Congress)")
_BODY_MENTION_RE = re.compile(rf"\b({lexicon.BODY_MENTION_PATTERN})\b")
_EVENT_NOUN_RE = re.compile(
    r"(?:\b(?!(?i:the|a|an|of|to|with|and|for|in|on|at|by|its|their|that|which|enable|hold|holding|"
    r"convene|held|from|during|as|so|be)\b)[\w’'-]+\s+){0,3}"
    r"\b(?:(?:[A-Z][\w-]*\s+)*(?:United Nations\s+)?Congress(?:\s+on\s+(?:[A-Z][\w]*\s*|and\s+)+)?"
    r"|(?:meetings?|consultations|segment|conference|summit|forum|workshops?|declaration|programme budget|"
    r"[Aa]ssembly)\b(?:\s+(?:for|of)\s+the\s+(?:[A-Z][\w-]*\s+)*Congress\b)?)")
_LOCATION_RE = re.compile(rf"\bin\s+(?!(?:{_MONTH}|\d))(?P<place>[A-Z][\w’'-]+(?:(?:\s+|,\s+)[A-Z][\w’'-]+)*)")
_STOP_WORDS = frozenset("to the a an with and of its their enable hold holding at in for on by that which "
                        "also as so can be which adopted recalling".split())
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
_MONTH_DAYS = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}


@dataclass
class Event:
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str
    location: str | None
    phrase: str
    is_historical: bool
    event_type: str
    relative_to: str | None = None
    position: int = field(default=0, compare=False)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _MONTH_DAYS.get(month, 31)


def session_dates(body: str | None, ordinal: int) -> tuple[dt.date | None, dt.date | None]:
    """Dates of the n-th session: the CCPCJ meets in 1991+n, the CND in 1957+n; the Assembly's runs Sept to Sept."""
    if body == "Commission on Crime Prevention and Criminal Justice":
        return dt.date(1991 + ordinal, 1, 1), dt.date(1991 + ordinal, 12, 31)
    if body == "General Assembly":
        return dt.date(1945 + ordinal, 9, 1), dt.date(1946 + ordinal, 8, 31)
    if body == "Commission on Narcotic Drugs":  # first session 1946, yearly since 1958
        return dt.date(1957 + ordinal, 1, 1), dt.date(1957 + ordinal, 12, 31)
    return None, None


def _clause_start(text: str, position: int) -> int:
    """Start of the clause holding a position: after the last ';' or sentence end."""
    floor = max(0, position - _CLAUSE_REACH)
    cut = max(text.rfind(";", floor, position), text.rfind(". ", floor, position))
    return cut + 1 if cut >= 0 else floor


def _clause(text: str, position: int) -> str:
    """The whole clause around a position, up to the next ';'."""
    end = text.find(";", position, position + _CLAUSE_REACH)
    return text[_clause_start(text, position): end if end >= 0 else position + _CLAUSE_REACH]


def _event_label(text: str, start: int, full_names: dict[str, str]) -> tuple[str | None, int]:
    """Name of the event a date belongs to, from the nearest event noun before it."""
    clause = _clause_start(text, start)
    window_start = max(clause, start - 400)
    nouns = list(_EVENT_NOUN_RE.finditer(text, window_start, start))
    if not nouns:
        return None, start
    noun = nouns[-1]
    words = noun.group(0).split()
    while words and words[0].lower() in _STOP_WORDS:
        words.pop(0)
    if not words:
        return None, start
    label = " ".join(words)
    label = _expand_congress(label, full_names)
    if len(words) == 1:  # 'the declaration': take its fullest mention in the text
        fuller = re.findall(rf"\b((?:[A-Z][\w-]*\s+)+{re.escape(words[0])}(?:\s+on(?:\s+(?:[A-Z]\w*|and)\b)+)?)", text)
        if fuller:
            label = max(fuller, key=len)
    return label, noun.end()


def _capitalized(label: str) -> str:
    return label[:1].upper() + label[1:]


def _expand_congress(label: str, full_names: dict[str, str]) -> str:
    """'Fifteenth Congress' -> the full name printed elsewhere in the document."""
    m = re.fullmatch(r"(?:the\s+)?([A-Z][a-z]+(?:-[a-z]+)?)\s+Congress", label)
    if m and m.group(1).lower() in full_names:
        return full_names[m.group(1).lower()]
    return label


def congress_names(text: str) -> dict[str, str]:
    """Ordinal -> full congress name, from the names printed in the document."""
    names: dict[str, str] = {}
    for m in re.finditer(r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s+United Nations Congress on ([A-Z][\w ]*?Justice)\b", text):
        names.setdefault(m.group(1).lower(), f"{m.group(1)} United Nations Congress on {m.group(2)}")
    return names


def _event_type(label: str, phrase_context: str) -> str:
    lower = label.lower()
    if re.search(r"\breport(?:s|ing)?\b", phrase_context, re.IGNORECASE):
        return EventType.REPORT_DUE
    if "budget" in lower:
        return EventType.BUDGET
    if "congress" in lower and not re.search(r"meeting|segment|consultation|declaration", lower):
        return EventType.CONGRESS
    if re.search(r"meeting|consultation|segment|conference|summit|forum|workshop|assembly", lower):
        return EventType.MEETING
    return EventType.OTHER


def events_in(text: str, *, historical_context: bool, acting_body: str | None,
              full_names: dict[str, str], anchors: list[Event],
              citations: Sequence[Citation] = (), title: str = "") -> list[Event]:
    """Date expressions in a text as events; `anchors` holds earlier events for relative dates."""
    # cheap substring checks first: most paragraphs hold no date at all
    has_month = _MONTH_RE.search(text) is not None
    has_year = " 19" in text or " 20" in text
    if not (has_month or has_year or "session" in text or " day" in text):
        return []
    events = _date_events(text, has_month, has_year, historical_context, full_names, citations)
    if "session" in text:
        events += _session_events(text, historical_context, acting_body, title)
    if " day" in text:
        # a relative date hangs on a dated congress found before it; it is never an anchor itself
        events += _relative_events(text, historical_context, full_names, [*anchors, *events])
    events.sort(key=lambda e: e.position)
    return events


def _date_events(text: str, has_month: bool, has_year: bool, historical_context: bool,
                 full_names: dict[str, str], citations: Sequence[Citation]) -> list[Event]:
    """Calendar dates in a text, each read once: the patterns go from the longest to the vaguest."""
    events: list[Event] = []
    taken = bytearray(len(text) + 1)  # characters already read as part of a date
    cited_by_end = {c.end: c for c in citations}
    for kind, pattern in _DATE_PATTERNS:
        if (kind in ("year", "part") and not has_year) or (kind not in ("year", "part") and not has_month):
            continue
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            if (span := _date_span(kind, m)) is not None:
                events.append(_dated_event(text, m, kind, span, historical_context, full_names, cited_by_end))
    return events


def _date_span(kind: str, m: re.Match[str]) -> tuple[dt.date | None, dt.date | None, str] | None:
    """Start, end and precision of a date expression matched by the pattern `kind`; None if no such days."""
    year = int(m.group("y"))
    if kind == "year":
        last = int(m.group("y2") or year)
        return dt.date(year, 1, 1), dt.date(max(year, last), 12, 31), EventPrecision.YEAR
    if kind == "part":
        first_month, last_month = _PART_MONTHS[(m.group("unit"), m.group("part"))]
        return (dt.date(year, first_month, 1), dt.date(year, last_month, _last_day(year, last_month)),
                EventPrecision.MONTH)
    if kind == "month":
        month = lexicon.MONTH_NUMBER[m.group("m1")]
        return _date(year, month, 1), _date(year, month, _last_day(year, month)), EventPrecision.MONTH
    month1 = lexicon.MONTH_NUMBER[m.group("m1")]
    month2 = lexicon.MONTH_NUMBER[m.group("m2")] if kind in ("range_months", "range_years") else month1
    start = _date(int(m.group("y1")) if kind == "range_years" else year, month1, int(m.group("d1")))
    end = _date(year, month2, int(m.group("d2"))) if kind != "day" else start
    if start is None or end is None or start > end:
        return None
    return start, end, EventPrecision.DAY


def _dated_event(text: str, m: re.Match[str], kind: str, span: tuple[dt.date | None, dt.date | None, str],
                 historical_context: bool, full_names: dict[str, str], cited_by_end: dict[int, Citation]) -> Event:
    """The event a date belongs to: the adoption of the text cited just before it, else the nearest event noun."""
    start, end, precision = span
    cited = next((cited_by_end[at] for at in range(m.start(), max(-1, m.start() - 5), -1)
                  if at in cited_by_end and text[at:m.start()].strip() in ("of", "")), None)
    if cited is not None:
        readable = READABLE_BODY.get(cited.kind, cited.kind.replace("_", " ").capitalize())
        return Event(f"Adoption of {readable} {cited.number}", start, end, precision, None,
                     m.group(0), True, EventType.ADOPTION, position=m.start())
    label, noun_end = _event_label(text, m.start(), full_names)
    label = _capitalized(label) if label else None
    if kind == "year" and label and "budget" in label.lower():
        label = f"{label} for {m.group('y')}"
    location = None
    if label:
        loc = _LOCATION_RE.search(text, noun_end, m.start())
        location = loc.group("place").rstrip(", ") if loc else None
    label = label or f"Date mentioned: {m.group(0).strip()}"
    context = text[_clause_start(text, m.start()): m.start()]
    return Event(label, start, end, precision, location, m.group(0).strip(), historical_context,
                 _event_type(label, "" if historical_context else context), position=m.start())


def _session_events(text: str, historical_context: bool, acting_body: str | None, title: str) -> list[Event]:
    """Numbered sessions of a body ('at its thirty-fourth session'), dated where the body's calendar is known."""
    events: list[Event] = []
    for m in _SESSION_RE.finditer(text):
        body = lexicon.canonical_body(m.group("body")) if m.group("body") else _session_body(
            text, m.start(), acting_body, title)
        event_type = EventType.REPORT_DUE if (
            not historical_context and re.search(r"\breport", _clause(text, m.start()))) else EventType.SESSION
        for word in filter(None, (m.group("ord"), m.group("ord2"))):  # "its thirty-fourth and thirty-fifth sessions"
            start, end = session_dates(body, lexicon.ordinal_words()[word.lower()])
            events.append(Event(f"{body or 'Session'}, {word.lower()} session", start, end, EventPrecision.SESSION,
                                None, m.group(0).strip(), historical_context, event_type, position=m.start()))
    return events


def _session_body(text: str, position: int, acting_body: str | None, title: str) -> str | None:
    """Whose session 'its n-th session' is: the body named last before it in the clause, the paragraph or the title."""
    mentions = (list(_BODY_MENTION_RE.finditer(text, _clause_start(text, position), position))
                or list(_BODY_MENTION_RE.finditer(text, max(0, position - _CLAUSE_REACH), position))
                or list(_BODY_MENTION_RE.finditer(title)))
    named = mentions[-1].group(1) if mentions else None
    return (lexicon.commission_for(acting_body) if named == "Commission"
            else lexicon.canonical_body(named) if named else acting_body)


def _relative_events(text: str, historical_context: bool, full_names: dict[str, str],
                     anchors: list[Event]) -> list[Event]:
    """Days counted from a congress ('on the first two days of the Congress'), dated from the congress named before."""
    events: list[Event] = []
    for m in _RELATIVE_RE.finditer(text):
        anchor_name = _expand_congress(m.group("anchor"), full_names)
        anchor = next((a for a in reversed(anchors)
                       if a.precision == EventPrecision.DAY and a.event_type == EventType.CONGRESS
                       and (anchor_name == a.label or m.group("anchor").split()[-1] in a.label)), None)
        which = m.group("which").lower()
        count = _NUMBER_WORDS.get((m.group("n") or "").lower()) or int(m.group("n") or 1)
        start = end = None
        if anchor is not None and anchor.start_date and anchor.end_date:
            if which in ("first", "opening"):
                start = anchor.start_date
                end = min(anchor.end_date, start + dt.timedelta(days=count - 1))
            else:
                end = anchor.end_date
                start = max(anchor.start_date, end - dt.timedelta(days=count - 1))
        found, _ = _event_label(text, m.start(), full_names)
        if found is None or found == (anchor.label if anchor else anchor_name):
            label = f"{m.group('which').capitalize()} day{'s' if count > 1 else ''} of the {anchor_name}"
        elif re.search(r"\badopt", text[_clause_start(text, m.start()): m.start()]):
            label = f"Adoption of the {found}"  # "... can be adopted on the opening day of the Congress"
        else:
            label = _capitalized(found)
        events.append(Event(label, start, end, EventPrecision.RELATIVE, anchor.location if anchor else None,
                            m.group(0).strip(), historical_context, EventType.MEETING,
                            relative_to=anchor.label if anchor else anchor_name, position=m.start()))
    return events


# --- footnotes ---------------------------------------------------------------------------------


def resolve_markers(doc: Document) -> dict[tuple[str, int], int]:
    """(marker, line of the reference) -> index of the footnote it points to.

    Footnotes follow their reference on the page, so the nearest definition after the reference
    wins; a marker cited again later points back to the last definition before it.
    """
    by_marker: dict[str, list[int]] = {}
    for index, footnote in enumerate(doc.footnotes):
        by_marker.setdefault(footnote.marker, []).append(index)
    resolved: dict[tuple[str, int], int] = {}
    references: list[Marker] = []
    for instrument in doc.instruments:
        references += instrument.title_markers
        for paragraph in instrument.paragraphs:
            references += paragraph.markers
            for sub in paragraph.subparagraphs:
                references += sub.markers
    for narrative in doc.narrative:
        references += narrative.markers
    starts = {marker: [doc.footnotes[i].line_start for i in indexes] for marker, indexes in by_marker.items()}
    for ref in references:
        candidates = by_marker.get(ref.marker)
        if not candidates:
            continue
        lines = starts[ref.marker]  # footnotes are in line order
        after = bisect.bisect_right(lines, ref.line)
        if after < len(candidates):
            resolved[(ref.marker, ref.line)] = candidates[after]
        elif lines[after - 1] < ref.line:
            resolved[(ref.marker, ref.line)] = candidates[after - 1]
    return resolved


def footnote_ids(doc: Document, document_id: str) -> list[str]:
    """Deterministic footnote ids; a marker printed twice gets a numbered suffix."""
    seen: dict[str, int] = {}
    ids = []
    for footnote in doc.footnotes:
        seen[footnote.marker] = seen.get(footnote.marker, 0) + 1
        marker = "star" if footnote.marker == "*" else footnote.marker
        suffix = "" if seen[footnote.marker] == 1 else f"-{seen[footnote.marker]}"
        ids.append(f"{document_id}:f{marker}{suffix}")
    return ids


def paragraph_markers(paragraph: Paragraph) -> list[Marker]:
    """Every footnote marker in a paragraph and its lettered items."""
    return [*paragraph.markers, *(m for sub in paragraph.subparagraphs for m in sub.markers)]


def instrument_context(instrument: Instrument) -> str | None:
    """The body whose 'its resolution' a citation in this instrument means."""
    return instrument.acting_body


# --- rows --------------------------------------------------------------------------------------

DocWarning = tuple[int | None, str]  # (line or None, message), as Document.warnings holds them


@dataclass(frozen=True)
class Source:
    """What the loader knows of a file besides its text."""

    document_id: str
    source_name: str
    sha256: str
    encoding: str
    file_format: str = FileFormat.MARKDOWN
    pages: int | None = None
    source_path: str | None = None


def pages_and_boxes(boxes: tuple[Box, ...]) -> tuple[int | None, int | None, str | None]:
    """First page, last page and the boxes as JSON [[page, x0, y0, x1, y1], ...]; NULLs for a text source."""
    if not boxes:
        return None, None, None
    return boxes[0].page, boxes[-1].page, json.dumps([[b.page, b.x0, b.y0, b.x1, b.y1] for b in boxes])


@dataclass(frozen=True, slots=True)
class PlacedParagraph:
    """A paragraph with the id and ordinal its rows carry, and its instrument."""

    paragraph_id: str
    ordinal: int
    paragraph: Paragraph
    instrument_id: str
    instrument: Instrument
    full_text: str  # with its lettered items: what funding, citations and dates are read from


@dataclass(frozen=True, slots=True)
class PlacedInstrument:
    """An instrument with the id and ordinal its rows carry, and its paragraphs placed likewise."""

    instrument_id: str
    ordinal: int
    instrument: Instrument
    paragraphs: tuple[PlacedParagraph, ...]


def place(doc: Document, document_id: str) -> list[PlacedInstrument]:
    """Every instrument and paragraph of a document with its deterministic id."""
    placed = []
    for i_ord, instrument in enumerate(doc.instruments, start=1):
        instrument_id = f"{document_id}:i{i_ord}"
        paragraphs = tuple(PlacedParagraph(f"{instrument_id}:p{p_ord}", p_ord, paragraph, instrument_id, instrument,
                                           paragraph.full_text)
                           for p_ord, paragraph in enumerate(instrument.paragraphs, start=1))
        placed.append(PlacedInstrument(instrument_id, i_ord, instrument, paragraphs))
    return placed


def document_rows(doc: Document, source: Source, meta: DocumentMeta | None = None) -> dict[str, list]:
    """All table rows of one parsed document, in a deterministic order; `doc` is left as it was.

    parse_warnings holds the parser's warnings first, then those of the extractors below.
    """
    doc_id = source.document_id
    placed = place(doc, doc_id)
    paragraphs = [p for instrument in placed for p in instrument.paragraphs]
    resolved = resolve_markers(doc)
    fn_ids = footnote_ids(doc, doc_id)
    cited = paragraph_citations(paragraphs)
    footnotes, footnote_citations = footnote_rows(doc, doc_id, placed, resolved, fn_ids)
    meta = meta or DocumentMeta()
    agenda, agenda_warnings = agenda_rows(doc, doc_id, meta)
    # reports.py reads the actors and sessions as this module does: imported here, not at the top
    from etl.reports import report_request_rows

    report_requests, report_warnings = report_request_rows(paragraphs, issuing_body=meta.issuing_body,
                                                           current_session=meta.session)
    warnings = [*doc.warnings, *agenda_warnings, *marker_warnings(paragraphs, resolved), *report_warnings]
    return {
        "documents": [document_row(doc, source, meta)],
        "instruments": instrument_rows(doc_id, placed),
        "paragraphs": paragraph_rows(paragraphs),
        "subparagraphs": subparagraph_rows(paragraphs),
        "search_terms": search_term_rows(paragraphs),
        "addressees": addressee_rows(paragraphs),
        "funding_conditions": funding_rows(paragraphs),
        "report_requests": report_requests,
        "footnotes": footnotes,
        "paragraph_footnotes": paragraph_footnote_rows(paragraphs, resolved, fn_ids),
        "citations": [*paragraph_citation_rows(cited), *footnote_citations],
        "events": event_rows(doc, doc_id, placed, cited),
        "agenda_items": agenda,
        "sponsors": sponsor_rows(placed),
        "attached_texts": attached_text_rows(doc, doc_id, placed),
        "parse_warnings": [ParseWarningRow(doc_id, line, message) for line, message in warnings],
    }


def document_row(doc: Document, source: Source, meta: DocumentMeta) -> DocumentRow:
    """The document, named by its own title when it is one resolution or draft that says what it is."""
    title = meta.title if meta.title and meta.symbol and len(doc.instruments) == 1 else doc.title
    return DocumentRow(
        source.document_id, source.source_name, source.sha256, title, doc.n_lines, source.encoding,
        meta.symbol, meta.doc_type, meta.issuing_body, meta.session, meta.distribution_date, meta.adopted_on,
        meta.committee, meta.origin_report, ", ".join(meta.origin_drafts) or None, meta.meeting, meta.meeting_date,
        meta.agenda, meta.agenda_title, source.file_format, source.pages, source.source_path)


def sponsor_rows(placed: list[PlacedInstrument]) -> list[SponsorRow]:
    """The sponsors of each draft, in printed order."""
    return [SponsorRow(p.instrument_id, n, sponsor)
            for p in placed for n, sponsor in enumerate(p.instrument.sponsors, start=1)]


def attached_text_rows(doc: Document, document_id: str, placed: list[PlacedInstrument]) -> list[AttachedTextRow]:
    """Annexes and adopted texts, block by block, tied to the instrument they belong to."""
    rows = []
    for number, attachment in enumerate(doc.attachments, start=1):
        owner = placed[attachment.instrument_index].instrument_id \
            if 0 <= attachment.instrument_index < len(placed) else None
        for ordinal, text in enumerate(attachment.paragraphs, start=1):
            rows.append(AttachedTextRow(
                f"{document_id}:a{number}:{ordinal}", document_id, owner, number, attachment.kind,
                attachment.heading or attachment.kind.capitalize(), ordinal, text.label, text.text, text.is_heading,
                text.line_start, text.line_end, *pages_and_boxes(text.boxes)))
    return rows


def instrument_rows(document_id: str, placed: list[PlacedInstrument]) -> list[InstrumentRow]:
    """One row per instrument; one printed without a title is titled by its label."""
    rows = []
    for placed_instrument in placed:
        i = placed_instrument.instrument
        rows.append(InstrumentRow(placed_instrument.instrument_id, document_id, placed_instrument.ordinal, i.section,
                                  i.kind, i.status, i.label, i.title or i.label, i.acting_body, i.recommended_to,
                                  i.line_start, i.line_end))
    return rows


def paragraph_rows(paragraphs: list[PlacedParagraph]) -> list[ParagraphRow]:
    """One row per paragraph, with its base verb and directive level."""
    rows = []
    for placed in paragraphs:
        p = placed.paragraph
        verb, level = verb_of(p)
        rows.append(ParagraphRow(placed.paragraph_id, placed.instrument_id, placed.ordinal, p.kind, p.number,
                                 p.label, p.lead_phrase, verb, level, p.text, p.line_start, p.line_end, p.part,
                                 *pages_and_boxes(p.boxes)))
    return rows


def subparagraph_rows(paragraphs: list[PlacedParagraph]) -> list[SubparagraphRow]:
    """The lettered items of every paragraph."""
    return [SubparagraphRow(placed.paragraph_id, sub.letter, sub.text, sub.line_start, sub.line_end,
                            *pages_and_boxes(sub.boxes))
            for placed in paragraphs for sub in placed.paragraph.subparagraphs]


def search_term_rows(paragraphs: list[PlacedParagraph]) -> list[SearchTermRow]:
    """The search index: each paragraph's terms, its sub-items' included, with their counts."""
    rows = []
    for placed in paragraphs:
        p = placed.paragraph
        terms = search.paragraph_terms([p.text, *(sub.text for sub in p.subparagraphs)])
        length = sum(terms.values())
        rows += [SearchTermRow(placed.paragraph_id, term, n, length) for term, n in sorted(terms.items())]
    return rows


def addressee_rows(paragraphs: list[PlacedParagraph]) -> list[AddresseeRow]:
    """The actors each operative paragraph addresses."""
    return [AddresseeRow(placed.paragraph_id, a.addressee, a.group, a.as_written, a.verb)
            for placed in paragraphs
            for a in addressees_of(placed.paragraph, verb_of(placed.paragraph)[0], placed.instrument.acting_body)]


def funding_rows(paragraphs: list[PlacedParagraph]) -> list[FundingConditionRow]:
    """The funding wordings of each paragraph, its lettered items included."""
    return [FundingConditionRow(placed.paragraph_id, condition, phrase)
            for placed in paragraphs for condition, phrase in funding_of(placed.full_text)]


def paragraph_citations(paragraphs: list[PlacedParagraph]) -> dict[str, list[Citation]]:
    """Paragraph id -> what the paragraph and its lettered items cite (events date some of them)."""
    return {placed.paragraph_id: citations_in(placed.full_text, instrument_context(placed.instrument))
            for placed in paragraphs}


def _citation_rows(owner_id: str, found: list[Citation], *, paragraph_id: str | None = None,
                   footnote_id: str | None = None) -> list[CitationRow]:
    return [CitationRow(f"{owner_id}:c{n}", paragraph_id, footnote_id, c.symbol, c.kind, c.as_written)
            for n, c in enumerate(found, start=1)]


def paragraph_citation_rows(cited: dict[str, list[Citation]]) -> list[CitationRow]:
    """Citation rows of the paragraphs, in paragraph order."""
    return [row for paragraph_id, found in cited.items()
            for row in _citation_rows(paragraph_id, found, paragraph_id=paragraph_id)]


def event_rows(doc: Document, document_id: str, placed: list[PlacedInstrument],
               cited: dict[str, list[Citation]]) -> list[EventRow]:
    """Events of the paragraphs, the adoption dates and the narrative, in document order.

    A relative date hangs on an event found before it anywhere in the document: hence one walk.
    """
    full_names = congress_names(" ".join(p.paragraph.text for i in placed for p in i.paragraphs))
    anchors: list[Event] = []
    rows: list[EventRow] = []

    def add(found: list[Event], owner: str, paragraph_id: str | None) -> None:
        rows.extend(EventRow(f"{owner}:e{n}", document_id, e.label, e.start_date, e.end_date, e.precision,
                             e.location, paragraph_id, e.phrase, e.is_historical, e.relative_to, e.event_type)
                    for n, e in enumerate(found, start=1))
        anchors.extend(found)

    for placed_instrument in placed:
        instrument = placed_instrument.instrument
        for p in placed_instrument.paragraphs:
            add(events_in(p.full_text, historical_context=p.paragraph.kind != ParagraphKind.OPERATIVE,
                          acting_body=instrument.acting_body, full_names=full_names, anchors=anchors,
                          citations=cited[p.paragraph_id], title=instrument.title),
                p.paragraph_id, p.paragraph_id)
        if instrument.adopted_on:
            found = events_in(instrument.adopted_on, historical_context=True, acting_body=instrument.acting_body,
                              full_names=full_names, anchors=[])
            add([replace(e, label=f"Adoption of {instrument.label}", event_type=EventType.ADOPTION) for e in found],
                f"{placed_instrument.instrument_id}:adopted", None)
    for n_ord, narrative in enumerate(doc.narrative, start=1):
        acting = doc.instruments[narrative.instrument_index].acting_body \
            if narrative.instrument_index is not None and narrative.instrument_index < len(doc.instruments) else None
        add(events_in(narrative.text, historical_context=True, acting_body=acting,
                      full_names=full_names, anchors=anchors), f"{document_id}:n{n_ord}", None)
    return rows


def _first_citers(placed: list[PlacedInstrument], resolved: dict[tuple[str, int], int]
                  ) -> tuple[dict[int, str], dict[int, str], dict[int, str | None]]:
    """Footnote index -> the first paragraph, the first instrument (a title counts) and that one's context citing it."""
    paragraph_of: dict[int, str] = {}
    instrument_of: dict[int, str] = {}
    context_of: dict[int, str | None] = {}
    for placed_instrument in placed:
        context = instrument_context(placed_instrument.instrument)
        for ref in placed_instrument.instrument.title_markers:
            if (index := resolved.get((ref.marker, ref.line))) is not None:
                instrument_of.setdefault(index, placed_instrument.instrument_id)
                context_of.setdefault(index, context)
        for p in placed_instrument.paragraphs:
            for ref in paragraph_markers(p.paragraph):
                if (index := resolved.get((ref.marker, ref.line))) is not None:
                    paragraph_of.setdefault(index, p.paragraph_id)
                    instrument_of.setdefault(index, placed_instrument.instrument_id)
                    context_of.setdefault(index, context)
    return paragraph_of, instrument_of, context_of


def footnote_rows(doc: Document, document_id: str, placed: list[PlacedInstrument],
                  resolved: dict[tuple[str, int], int], fn_ids: list[str]) -> tuple[list[FootnoteRow], list[CitationRow]]:
    """Footnotes linked to their first citer, and what each footnote cites."""
    paragraph_of, instrument_of, context_of = _first_citers(placed, resolved)
    # a footnote no paragraph cites (an annex's) speaks for the document's one instrument, if it has one
    only_context = instrument_context(placed[0].instrument) if len(placed) == 1 else None
    footnotes: list[FootnoteRow] = []
    citations: list[CitationRow] = []
    for index, (footnote, footnote_id) in enumerate(zip(doc.footnotes, fn_ids)):
        attachment = footnote.attachment_index + 1 if footnote.attachment_index is not None else None
        footnotes.append(FootnoteRow(footnote_id, document_id, footnote.marker, footnote.text, paragraph_of.get(index),
                                     instrument_of.get(index), footnote.line_start, footnote.line_end,
                                     *pages_and_boxes(footnote.boxes), attachment))
        citations += _citation_rows(footnote_id, citations_in(footnote.text, context_of.get(index, only_context)),
                                    footnote_id=footnote_id)
    return footnotes, citations


def paragraph_footnote_rows(paragraphs: list[PlacedParagraph], resolved: dict[tuple[str, int], int],
                            fn_ids: list[str]) -> list[ParagraphFootnoteRow]:
    """Every paragraph-to-footnote link, each once, in the order of the markers."""
    rows = []
    for placed in paragraphs:
        linked = dict.fromkeys(fn_ids[index] for ref in paragraph_markers(placed.paragraph)
                               if (index := resolved.get((ref.marker, ref.line))) is not None)
        rows += [ParagraphFootnoteRow(placed.paragraph_id, footnote_id) for footnote_id in linked]
    return rows


def agenda_rows(doc: Document, document_id: str,
                meta: DocumentMeta) -> tuple[list[AgendaItemRow], list[DocWarning]]:
    """Agenda items (a report's agenda, or the item a resolution is adopted under), each once,
    and a warning for each item printed again."""
    rows: list[AgendaItemRow] = []
    warnings: list[DocWarning] = []
    seen = set()
    items = list(doc.agenda_items)
    if meta.agenda_items and meta.agenda_line is not None:
        session = meta.session_text or "the session"
        items += [AgendaItem(session, number, sub, meta.agenda_title or "", meta.agenda_line)
                  for number, sub in meta.agenda_items]
    for item in items:
        key = (item.session, item.number, item.sub_item)
        if key in seen:
            warnings.append((item.line_start, f"agenda item {item.number}{item.sub_item or ''} printed twice"))
            continue
        seen.add(key)
        rows.append(AgendaItemRow(document_id, item.session, item.number, item.sub_item, item.title, item.line_start))
    return rows, warnings


def marker_warnings(paragraphs: list[PlacedParagraph], resolved: dict[tuple[str, int], int]) -> list[DocWarning]:
    """A warning for each footnote marker in a paragraph that points to no footnote text."""
    return [(ref.line, f"footnote marker {ref.marker} has no footnote text")
            for placed in paragraphs for ref in paragraph_markers(placed.paragraph)
            if (ref.marker, ref.line) not in resolved]
