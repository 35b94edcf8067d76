"""Document tree -> table rows: verbs, addressees, funding, events, citations, footnote links. Pure."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from etl import lexicon
from etl.parse import Document, Instrument, Marker, Paragraph

_CLAUSE_REACH = 2000  # no clause is longer; bounding every look-around keeps long texts linear

# --- verbs -------------------------------------------------------------------------------------


def verb_of(paragraph: Paragraph) -> tuple[str | None, int | None]:
    """Base verb and directive level (operative only) of a paragraph."""
    verb = lexicon.base_verb(paragraph.lead_phrase) if paragraph.lead_phrase else None
    if verb is None:
        return None, None
    level = lexicon.directive_level(verb.verb) if paragraph.kind == "operative" else None
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


def _region_after(text: str, start: int) -> str:
    """The actor noun phrase after a directive verb: up to 'to <verb>', a colon or an insertion."""
    rest = text[start: start + _CLAUSE_REACH]
    end = _REGION_END_RE.search(rest)
    region = rest[: end.start()] if end else rest
    insertion = _INSERTION_RE.search(region)
    return region[: insertion.start()] if insertion else region


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
    for m in re.finditer(r"[^|]+", _RELATIVE_CLAUSE_RE.sub(lambda r: "|" * len(r.group(0)), masked)):
        for piece in _LEFTOVER_SPLIT_RE.split(m.group(0)):
            words = piece.strip(" ,;:()")
            words = _ARTICLE_RE.sub("", _ARTICLE_RE.sub("", words))
            if len(words) < 3 or _LEFTOVER_DROP_RE.match(words) or not re.search(r"[A-Za-z]{3}", words):
                continue
            position = m.start() + max(0, m.group(0).find(piece.strip(" ,;:()")))
            found.append((position, words[0].upper() + words[1:], lexicon.OTHERS, piece.strip(" ,;:()")))
    found.sort(key=lambda item: item[0])
    return [(name, group, written) for _, name, group, written in found]


def addressees_of(paragraph: Paragraph, verb: str | None, acting_body: str | None = None) -> list[Addressee]:
    """Actors addressed by directive verbs in an operative paragraph, each once."""
    if paragraph.kind != "operative":
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
        for name, group, written in actors_in(_region_after(text, start), acting_body):
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
_CITATION_RE = re.compile(
    rf"(?:(?P<body>{lexicon.BODY_PATTERN}|Commission|Council|Assembly)\s+)?(?:(?P<its>its|their)\s+)?"
    rf"(?P<word>[Rr]esolutions?|[Dd]ecisions?)\s+(?P<first>{_RES_SYMBOL})")
_OF_OTHER_BODY_RE = re.compile(r"\s+of\s+the\s+((?:Conference|Meeting|Assembly|Board|Committee)\s+of\s+the\s+[A-Z][\w\s]*?)(?=[,;.(]|\s+(?:at|in|on)\s|$)")
_LIST_SYMBOL_RE = re.compile(r"(?<![\w/.])(\d{1,4}/\d{1,4})(?![\w/])")
_LIST_STOP_RE = re.compile(r"\b(?:resolutions?|decisions?|as well as)\b|[;.](?:\s|$)", re.IGNORECASE)
_QUOTED_RE = re.compile(r"“[^”“]*”|\"[^\"]*\"")
_DOCUMENT_RE = re.compile(r"(?<![\w/.])[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+")
_PREFIX = {
    ("General Assembly", "resolution"): ("ga_resolution", "A/RES/"),
    ("General Assembly", "decision"): ("decision", "A/DEC/"),
    ("Economic and Social Council", "resolution"): ("ecosoc_resolution", "E/RES/"),
    ("Economic and Social Council", "decision"): ("ecosoc_decision", "E/DEC/"),
    ("Commission on Crime Prevention and Criminal Justice", "resolution"): ("commission_resolution", "CCPCJ/RES/"),
    ("Commission on Crime Prevention and Criminal Justice", "decision"): ("commission_decision", "CCPCJ/DEC/"),
    ("Commission on Narcotic Drugs", "resolution"): ("commission_resolution", "CND/RES/"),
    ("Commission on Narcotic Drugs", "decision"): ("commission_decision", "CND/DEC/"),
    ("Security Council", "resolution"): ("resolution", "S/RES/"),
    ("Human Rights Council", "resolution"): ("resolution", "A/HRC/RES/"),
}
READABLE_BODY = {"ga_resolution": "General Assembly resolution", "ecosoc_resolution": "Economic and Social Council resolution",
                 "ecosoc_decision": "Economic and Social Council decision",
                 "commission_resolution": "Commission resolution", "commission_decision": "Commission decision"}


@dataclass(frozen=True)
class Citation:
    symbol: str
    kind: str
    as_written: str
    start: int
    end: int
    number: str  # '76/181' as printed, for labels


def _classify(body: str | None, word: str, number: str, context_body: str | None) -> tuple[str, str]:
    """Kind and normalized symbol of a cited resolution or decision."""
    word = "decision" if word.lower().startswith("decision") else "resolution"
    number = re.sub(r"\s+", " ", number).strip()
    if body is None and re.match(r"^(?:19|20)\d\d/", number):
        body = "Economic and Social Council"  # year-numbered resolutions are the Council's
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
                                  "decision" if word.lower().startswith("decision") else "resolution",
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
        kind = {"A/RES/": "ga_resolution", "E/RES/": "ecosoc_resolution", "E/DEC/": "ecosoc_decision"}.get(
            symbol[:6], "document")
        found.append(Citation(symbol, kind, symbol, m.start(), m.start() + len(symbol), symbol))
    unique: dict[str, Citation] = {}
    for citation in sorted(found, key=lambda c: c.start):
        unique.setdefault(citation.symbol, citation)
    return list(unique.values())


# --- dates and events --------------------------------------------------------------------------

_MONTH = "|".join(lexicon.MONTHS)
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
    names = {}
    for m in re.finditer(r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s+United Nations Congress on ([A-Z][\w ]*?Justice)\b", text):
        names.setdefault(m.group(1).lower(), f"{m.group(1)} United Nations Congress on {m.group(2)}")
    return names


def _event_type(label: str, phrase_context: str) -> str:
    lower = label.lower()
    if re.search(r"\breport(?:s|ing)?\b", phrase_context, re.IGNORECASE):
        return "report_due"
    if "budget" in lower:
        return "budget"
    if "congress" in lower and not re.search(r"meeting|segment|consultation|declaration", lower):
        return "congress"
    if re.search(r"meeting|consultation|segment|conference|summit|forum|workshop|assembly", lower):
        return "meeting"
    return "other"


def events_in(text: str, *, historical_context: bool, acting_body: str | None,
              full_names: dict[str, str], anchors: list[Event],
              citations: list[Citation] = (), title: str = "") -> list[Event]:
    """Date expressions in a text as events; `anchors` holds earlier events for relative dates."""
    events: list[Event] = []
    taken = bytearray(len(text) + 1)  # characters already read as part of a date
    # cheap substring checks first: most paragraphs hold no date at all
    has_month = any(month in text for month in lexicon.MONTHS)
    has_year = " 19" in text or " 20" in text
    if not (has_month or has_year or "session" in text or " day" in text):
        return events

    cited_by_end = {c.end: c for c in citations}

    for kind, pattern in _DATE_PATTERNS:
        if (kind in ("year", "part") and not has_year) or (kind not in ("year", "part") and not has_month):
            continue
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            year = int(m.group("y"))
            if kind == "year":
                last = int(m.group("y2") or year)
                start, end, precision = dt.date(year, 1, 1), dt.date(max(year, last), 12, 31), "year"
            elif kind == "part":
                first_month, last_month = _PART_MONTHS[(m.group("unit"), m.group("part"))]
                start, end, precision = dt.date(year, first_month, 1), dt.date(year, last_month, _last_day(year, last_month)), "month"
            elif kind == "month":
                month = lexicon.MONTH_NUMBER[m.group("m1")]
                start, end, precision = _date(year, month, 1), _date(year, month, _last_day(year, month)), "month"
            else:
                month1 = lexicon.MONTH_NUMBER[m.group("m1")]
                month2 = lexicon.MONTH_NUMBER[m.group("m2")] if kind in ("range_months", "range_years") else month1
                start = _date(int(m.group("y1")) if kind == "range_years" else year, month1, int(m.group("d1")))
                end = _date(year, month2, int(m.group("d2"))) if kind != "day" else start
                precision = "day"
                if start is None or end is None or start > end:
                    continue
            cited = next((cited_by_end[end] for end in range(m.start(), max(-1, m.start() - 5), -1)
                          if end in cited_by_end and text[end:m.start()].strip() in ("of", "")), None)
            if cited is not None:
                readable = READABLE_BODY.get(cited.kind, cited.kind.replace("_", " ").capitalize())
                events.append(Event(f"Adoption of {readable} {cited.number}", start, end, precision, None,
                                    m.group(0), True, "adoption", position=m.start()))
                continue
            label, noun_end = _event_label(text, m.start(), full_names)
            label = _capitalized(label) if label else None
            if kind == "year" and label and "budget" in label.lower():
                label = f"{label} for {year}"
            location = None
            if label:
                loc = _LOCATION_RE.search(text, noun_end, m.start())
                location = loc.group("place").rstrip(", ") if loc else None
            label = label or f"Date mentioned: {m.group(0).strip()}"
            context = text[_clause_start(text, m.start()): m.start()]
            events.append(Event(label, start, end, precision, location, m.group(0).strip(), historical_context,
                                _event_type(label, "" if historical_context else context), position=m.start()))
    for m in (_SESSION_RE.finditer(text) if "session" in text else ()):
        body = lexicon.canonical_body(m.group("body")) if m.group("body") else None
        if body is None:
            # 'its n-th session': the body named last before it in the clause, the paragraph or the title
            mentions = (list(_BODY_MENTION_RE.finditer(text, _clause_start(text, m.start()), m.start()))
                        or list(_BODY_MENTION_RE.finditer(text, max(0, m.start() - _CLAUSE_REACH), m.start()))
                        or list(_BODY_MENTION_RE.finditer(title)))
            named = mentions[-1].group(1) if mentions else None
            body = (lexicon.commission_for(acting_body) if named == "Commission"
                    else lexicon.canonical_body(named) if named else acting_body)
        event_type = "report_due" if (not historical_context and re.search(r"\breport", _clause(text, m.start()))) \
            else "session"
        for word in filter(None, (m.group("ord"), m.group("ord2"))):  # "its thirty-fourth and thirty-fifth sessions"
            start, end = session_dates(body, lexicon.ordinal_words()[word.lower()])
            events.append(Event(f"{body or 'Session'}, {word.lower()} session", start, end, "session", None,
                                m.group(0).strip(), historical_context, event_type, position=m.start()))
    for m in (_RELATIVE_RE.finditer(text) if " day" in text else ()):
        anchor_name = _expand_congress(m.group("anchor"), full_names)
        anchor = next((a for a in reversed(anchors + events)
                       if a.precision == "day" and a.event_type == "congress"
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
        events.append(Event(label, start, end, "relative", anchor.location if anchor else None,
                            m.group(0).strip(), historical_context, "meeting",
                            relative_to=anchor.label if anchor else anchor_name, position=m.start()))
    events.sort(key=lambda e: e.position)
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

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("document_id", "source_name", "sha256", "title", "n_lines", "encoding"),
    "instruments": ("instrument_id", "document_id", "ordinal", "section", "kind", "status", "label", "title",
                    "acting_body", "recommended_to", "line_start", "line_end"),
    "paragraphs": ("paragraph_id", "instrument_id", "ordinal", "kind", "number", "label", "lead_phrase", "verb",
                   "directive_level", "text", "line_start", "line_end"),
    "subparagraphs": ("paragraph_id", "letter", "text", "line_start", "line_end"),
    "addressees": ("paragraph_id", "addressee", "addressee_group", "as_written", "verb"),
    "funding_conditions": ("paragraph_id", "condition", "phrase"),
    "footnotes": ("footnote_id", "document_id", "marker", "text", "paragraph_id", "instrument_id",
                  "line_start", "line_end"),
    "paragraph_footnotes": ("paragraph_id", "footnote_id"),
    "citations": ("citation_id", "paragraph_id", "footnote_id", "symbol", "kind", "as_written"),
    "events": ("event_id", "document_id", "label", "start_date", "end_date", "precision", "location",
               "paragraph_id", "phrase", "is_historical", "relative_to", "event_type"),
    "agenda_items": ("document_id", "session", "number", "sub_item", "title", "line_start"),
    "parse_warnings": ("document_id", "line", "message"),
}


@dataclass(frozen=True)
class Source:
    """What the loader knows of a file besides its text."""

    document_id: str
    source_name: str
    sha256: str
    encoding: str


def document_rows(doc: Document, source: Source) -> dict[str, list[tuple]]:
    """All table rows of one parsed document, in a deterministic order."""
    rows: dict[str, list[tuple]] = {table: [] for table in TABLE_COLUMNS}
    doc_id = source.document_id
    rows["documents"].append((doc_id, source.source_name, source.sha256, doc.title, doc.n_lines, source.encoding))
    full_names = congress_names(" ".join(p.text for i in doc.instruments for p in i.paragraphs))
    resolved = resolve_markers(doc)
    fn_ids = footnote_ids(doc, doc_id)
    fn_paragraph: dict[int, str] = {}
    fn_instrument: dict[int, str] = {}
    fn_context: dict[int, str | None] = {}
    anchors: list[Event] = []

    def add_events(found: list[Event], owner: str, paragraph_id: str | None) -> None:
        for n, event in enumerate(found, start=1):
            rows["events"].append((f"{owner}:e{n}", doc_id, event.label, event.start_date, event.end_date,
                                   event.precision, event.location, paragraph_id, event.phrase,
                                   event.is_historical, event.relative_to, event.event_type))
        anchors.extend(found)

    for i_ord, instrument in enumerate(doc.instruments, start=1):
        instrument_id = f"{doc_id}:i{i_ord}"
        rows["instruments"].append((instrument_id, doc_id, i_ord, instrument.section, instrument.kind,
                                    instrument.status, instrument.label, instrument.title or instrument.label,
                                    instrument.acting_body, instrument.recommended_to, instrument.line_start,
                                    instrument.line_end))
        context = instrument_context(instrument)
        for ref in instrument.title_markers:
            if (index := resolved.get((ref.marker, ref.line))) is not None:
                fn_instrument.setdefault(index, instrument_id)
                fn_context.setdefault(index, context)
        for p_ord, paragraph in enumerate(instrument.paragraphs, start=1):
            paragraph_id = f"{instrument_id}:p{p_ord}"
            verb, level = verb_of(paragraph)
            rows["paragraphs"].append((paragraph_id, instrument_id, p_ord, paragraph.kind, paragraph.number,
                                       paragraph.label, paragraph.lead_phrase, verb, level, paragraph.text,
                                       paragraph.line_start, paragraph.line_end))
            for sub in paragraph.subparagraphs:
                rows["subparagraphs"].append((paragraph_id, sub.letter, sub.text, sub.line_start, sub.line_end))
            for addressee in addressees_of(paragraph, verb, instrument.acting_body):
                rows["addressees"].append((paragraph_id, addressee.addressee, addressee.group,
                                           addressee.as_written, addressee.verb))
            full_text = paragraph.full_text
            for condition, phrase in funding_of(full_text):
                rows["funding_conditions"].append((paragraph_id, condition, phrase))
            cited = citations_in(full_text, context)
            for n, citation in enumerate(cited, start=1):
                rows["citations"].append((f"{paragraph_id}:c{n}", paragraph_id, None, citation.symbol,
                                          citation.kind, citation.as_written))
            add_events(events_in(full_text, historical_context=paragraph.kind != "operative",
                                 acting_body=instrument.acting_body, full_names=full_names,
                                 anchors=anchors, citations=cited, title=instrument.title),
                       paragraph_id, paragraph_id)
            linked = []
            for ref in paragraph_markers(paragraph):
                index = resolved.get((ref.marker, ref.line))
                if index is None or fn_ids[index] in linked:
                    continue
                linked.append(fn_ids[index])
                fn_paragraph.setdefault(index, paragraph_id)
                fn_instrument.setdefault(index, instrument_id)
                fn_context.setdefault(index, context)
            rows["paragraph_footnotes"] += [(paragraph_id, footnote_id) for footnote_id in linked]
        if instrument.adopted_on:
            found = events_in(instrument.adopted_on, historical_context=True, acting_body=instrument.acting_body,
                              full_names=full_names, anchors=[])
            for event in found:
                event.label, event.event_type = f"Adoption of {instrument.label}", "adoption"
            add_events(found, f"{instrument_id}:adopted", None)
    for n_ord, narrative in enumerate(doc.narrative, start=1):
        acting = doc.instruments[narrative.instrument_index].acting_body \
            if narrative.instrument_index is not None and narrative.instrument_index < len(doc.instruments) else None
        add_events(events_in(narrative.text, historical_context=True, acting_body=acting,
                             full_names=full_names, anchors=anchors), f"{doc_id}:n{n_ord}", None)
    for index, (footnote, footnote_id) in enumerate(zip(doc.footnotes, fn_ids)):
        rows["footnotes"].append((footnote_id, doc_id, footnote.marker, footnote.text, fn_paragraph.get(index),
                                  fn_instrument.get(index), footnote.line_start, footnote.line_end))
        for n, citation in enumerate(citations_in(footnote.text, fn_context.get(index)), start=1):
            rows["citations"].append((f"{footnote_id}:c{n}", None, footnote_id, citation.symbol, citation.kind,
                                      citation.as_written))
    seen_agenda = set()
    for item in doc.agenda_items:
        key = (item.session, item.number, item.sub_item)
        if key in seen_agenda:
            doc.warnings.append((item.line_start, f"agenda item {item.number}{item.sub_item or ''} printed twice"))
            continue
        seen_agenda.add(key)
        rows["agenda_items"].append((doc_id, item.session, item.number, item.sub_item, item.title, item.line_start))
    referenced = {(ref_marker, ref_line) for ref_marker, ref_line in resolved}
    for instrument in doc.instruments:
        for paragraph in instrument.paragraphs:
            for ref in paragraph_markers(paragraph):
                if (ref.marker, ref.line) not in referenced:
                    doc.warnings.append((ref.line, f"footnote marker {ref.marker} has no footnote text"))
    rows["parse_warnings"] = [(doc_id, line, message) for line, message in doc.warnings]
    return rows
