"""Requests for reports: who is asked to report, to whom, at which session, how often, in what form. Pure.

Works on the grammar's paragraphs and lettered items. A request is the acting body asking an actor
(requests, invites, encourages, calls upon, urges, "decides that X shall", "reiterates its request")
to report, brief, inform, update, or to submit, present, provide, prepare or include something in a
report, update, note, study or briefing. One request per reporter, report and occasion (a receiving
body and its session). The vocabulary (periodicity and form words, report nouns) is in etl/lexicon.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl import lexicon
from etl.extract import DocWarning, PlacedParagraph, actors_in, region_after, session_dates
from etl.parse import Paragraph
from etl.rows import ParagraphKind, ReportForm, ReportRequestRow

_REACH = 2000  # no clause is longer; bounds every look-ahead
_ORD = lexicon.ORDINAL_PATTERN
_NAME_WORD = r"(?:[A-Z][\w’'-]*|[A-Z]{2,}\b)"
# a body's proper name: capitalised words joined by of/on/for/to/in (each maybe with 'the') or by an
# 'and' that does not start a new noun phrase ("Economic and Social Council", not "Council and the ...")
_NAME = (rf"{_NAME_WORD}(?:\s+(?:(?:of|on|for|in|against|with\s+regard\s+to)\s+(?:the\s+)?|to\s+(?!the\b)|and\s+(?!the\b))?"
         rf"{_NAME_WORD})*")
_HEAD_RE = re.compile(rf"\b(?:{'|'.join(lexicon.RECEIVER_HEADS)})\b")

# an ask: the acting body's verb, anywhere in the text, followed by whom it asks
_OPENING_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s,;:(]))(?:(?:also|further|once again|again|strongly|hereby)\s+)?"
    r"(?P<verb>requests|invites|encourages|calls upon|calls on|urges|authorizes|decides|"
    r"(?:reiterates|renews)\s+its\s+(?:request|invitation)(?:\s+to)?)"
    r"(?:\s+(?=the\b|all\b|relevant\b|other\b|that\b|to\b|[A-Z])|\s*:\s*$)", re.IGNORECASE)  # "Decides:" opens items
# an ask nested in another: "Decides ...: (b) To request the Secretary-General to ..."; under any other
# verb ("requests the Secretary-General to invite States to report") it is the reporter who asks
_NESTED_RE = re.compile(r"\b[Tt]o\s+(?P<verb>request|invite|encourage|urge|call upon|ask|direct|seek|solicit)\s+")
_DECIDE = "decides"
_RESUME_RE = re.compile(r",\s+and\s+(?=to\s)")

# a report act: the verb after 'to', 'shall', 'and' ...
_ACT_RE = re.compile(
    r"\b(?:[Tt]o|shall|will|should|and|with a view to)\s+"
    r"(?:(?:also|further|continue\s+to|regularly|periodically|annually|thereafter|directly|orally|duly|"
    r"fully)\s+)*"
    r"(?P<verb>report(?:ing)?|brief|inform|update|submit|present|provide|prepare|include|keep)\b")
_BARE_ACT_RE = re.compile(
    r"\s*(?:(?:continue\s+to|[a-z]+ly)\s+)*(?P<verb>report|brief|inform|update|submit|present|provide|prepare|include|keep)\b")
_REPORT_NEXT_RE = re.compile(  # what may follow 'to report' when it means reporting to a body
    r"^(?:\s*[,;.:]|\s*$|\s+(?:on|upon|thereon|to|back|annually|regularly|periodically|biennially|triennially|"
    r"every|each|at|through|in|by|before|no|not|within|as|once|orally|directly|progress|findings|results|"
    r"developments|his|her|its|their)\b)")
_NOUN = rf"(?:{'|'.join(lexicon.REPORT_NOUNS)})"
# the report a submit/present/provide/prepare act names: its object, or the report it goes into
_DETERMINER_RE = re.compile(r"\b(?:an?|the|his|her|its|their|this|that|such|next|further|annual)\b")
_BARE_PLURAL_RE = re.compile(r"\s+(?P<det>)(?:[\w-]+\s+){0,2}?(?P<noun>reports|updates|briefings|notes|studies)\b")
_NOUN_AFTER_RE = re.compile(
    rf"(?P<det>[\w’'-]+)\s+(?:[\w’'-]+,?\s+){{0,6}}?(?P<noun>{_NOUN})s?\b"
    r"(?!\s+(?:of|from)\s+(?!the\s+(?:present|implementation|Secretary-General))(?:the\s+)?[A-Z])")


def _into_report(reach: int, nouns: str) -> re.Pattern[str]:
    """'... in his next report': the report something goes into, within `reach` characters of the verb."""
    return re.compile(
        rf"^(?:[^;:]{{0,{reach}}}?)\b(?P<prep>in|within|as\s+part\s+of|into|through)\s+"
        rf"(?:(?:his|her|its|their|the|a|an|this|that|next|future|forthcoming|subsequent|all|relevant|regular|"
        rf"annual|periodic|existing|respective|same|[\w’'-]+)\s+){{0,5}}?(?P<noun>{nouns})s?\b")


# include: anywhere in its clause ("to include information ... in his next report"); provide: at once
# ("to provide in his reports ..."), else "provide technical assistance ... reporting" would count
_INTO_RES = {"include": _into_report(300, _NOUN), "provide": _into_report(60, "report|update|note|study|briefing")}
_CONTRIBUTE_RE = re.compile(rf"\b(?:for|to|into)\s+(?:the|that|this|his|her|a)\s+(?:[\w’'-]+\s+){{0,3}}{_NOUN}")
_RECEIVER_RE = re.compile(
    rf"\b(?P<prep>to|through|brief|inform|update|keep|with|and(?:\s+to)?|for\s+(?:its\s+)?consideration\s+by|before)\s+"
    rf"(?:(?:(?P<the>the)\s+)?(?P<name>{_NAME})"
    r"|(?P<plain>(?:their|its)\s+(?:respective\s+)?(?:governing|executive|legislative)\s+(?:bod(?:y|ies)|boards?|organs?)))")
_SESSION_RE = re.compile(
    rf"\b(?:(?:its|their|the)\s+(?:(?:main|resumed|first|second)\s+part\s+of\s+(?:its|the)\s+)?)"
    rf"(?:(?P<ords>(?:{_ORD})(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+)(?:{_ORD}))*)|(?P<year>(?:19|20)\d\d)|"
    r"(?P<next>next|following|subsequent|forthcoming))\s+(?:regular\s+|annual\s+|substantive\s+)?sessions?\b"
    rf"(?:\s+of\s+the\s+(?-i:(?P<body>{_NAME})))?", re.IGNORECASE)
_THAT_SESSION_RE = re.compile(r"\b(?:at|for|during)\s+(?:that|the\s+same)\s+session\b")
_YEAR_RE = re.compile(
    r"\b(?:by|before|in|during|no\s+later\s+than|not\s+later\s+than|until)\s+"
    r"(?:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|first\s+quarter|last\s+quarter)\s+of\s+)?"
    rf"(?:\d{{1,2}}\s+(?:{'|'.join(lexicon.MONTHS)})\s+|(?:{'|'.join(lexicon.MONTHS)})\s+)?"
    r"(?P<y>(?:19|20)\d\d)\b(?![/–-]\d)")
_SUBJECT_RE = re.compile(r"(?<!based\s)(?<!drawing\s)(?<!depending\s)\b(?:on|upon|about|regarding)\s+(?!the\s+basis\b|an?\s+(?:annual|regular|periodic|biennial)\b)"
                         r"(?P<subject>[^;]+)")
_SUBJECT_END_RE = re.compile(
    r",\s*(?:including|in\s+particular|taking|as\s+well\s+as|and\s+to|under|through|with|in\s+accordance|"
    r"in\s+close|in\s+consultation|in\s+cooperation|in\s+collaboration|based|on\s+the\s+basis|within|for|at|to\s+be|"
    r"bearing|which|and)\b"
    rf"|\s+(?:to|through)\s+the\s+(?:{_NAME})\s+(?:at|through|during|for|under)\s|\s+(?:to|through)\s+the\s+(?:{lexicon.BODY_PATTERN})\b|\s+(?:at|during|for)\s+(?:its|the|their)\s+[\w-]+\s+(?:part\s+of\s+)?"
    r"(?:its\s+|the\s+)?[\w-]+\s*session|\s+and\s+to\s+|[.:](?:\s|$)|\s+under\s+the\s+(?:sub-)?item\b")
_WITHIN_RE = re.compile(r"\bwithin\s+(?:the\s+(?:limits\s+of\s+)?)?(?:existing|available)\s+(?:mandates?\s+and\s+)?resources\b",
                        re.IGNORECASE)
_MANDATE_RE = re.compile(r"(?:the\s+)?(?:Special\s+Rapporteur|Independent\s+Expert|Special\s+Representative|Special\s+Envoy|"
                         r"Working\s+Group)\b.*\b(?:on|for)\b")
_PRONOUNS = frozenset({"him", "her", "them", "it", "the latter", "the former"})
_DEFINITE_RE = re.compile(r"^(?:the|his|her|its|their|this|that|such|same|it|therein)$", re.IGNORECASE)
# "Food and Agriculture Organization", "Conference on Trade and Development": an 'and' whose left side
# is no name of its own (no head word after its last of/on/for) joins a proper name, it does not list two
_AND_IN_NAME_RE = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|on|for|to|in|against)\s+)*)*[A-Z][\w’'-]*)(\s+)and(\s+)(?=[A-Z])")
_NAME_HEADS = frozenset((*lexicon.RECEIVER_HEADS, "Nations", "Union", "Women", "UNODC", "Director"))


def _join_names(m: re.Match[str]) -> str:
    tail = re.split(r"\s(?:of|on|for|against)\s", m.group(1))[-1]
    if any(word in _NAME_HEADS for word in tail.split()):
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}AND_{m.group(3)}"


@dataclass(frozen=True)
class ReportRequest:
    """One report asked of one reporter for one occasion, as read from a paragraph or lettered item."""

    letter: str | None
    reporter: str
    reporter_as_written: str
    submitted_to: str
    session: int | None
    session_body: str | None
    due_year: int | None
    periodicity: str | None
    form: str | None
    subject: str | None
    within_existing_resources: bool
    as_written: str


@dataclass(frozen=True)
class _Context:
    acting_body: str | None
    issuing_body: str | None
    current_session: int | None  # the document's own session: a request is never due at an earlier one


@dataclass(frozen=True)
class _Occasion:
    receiver: str | None
    session: int | None
    session_body: str | None
    year: int | None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:.")


def _body(name: str, acting_body: str | None) -> str:
    """Canonical name of a receiving body: 'the Commission' is the acting commission, 'States' Member States."""
    name = _tidy(name)
    if name.lower() == "commission":
        return lexicon.commission_for(acting_body)
    if name.lower() == "council" and acting_body and acting_body.endswith("Council"):
        return acting_body  # a council speaking of 'the Council' means itself
    if name in ("States", "Governments", "Member States"):
        return "Member States"
    return lexicon.canonical_body(name)


def _reporters(region: str, acting_body: str | None) -> list[tuple[str, str]]:
    """(canonical, as written) of each actor asked in a noun phrase.

    Pieces printed next to each other are one name ("Peacebuilding" + "Commission", "States" + "Parties"):
    the lexicon knows the head, not the whole; the whole is then its own canonical name.
    """
    protected = _AND_IN_NAME_RE.sub(_join_names, region)
    pieces: list[list] = []  # [start, end, canonical, as written]
    cursor = 0
    for name, _, written in actors_in(protected, acting_body):
        at = protected.find(written, cursor)
        if at < 0:
            continue
        cursor = at + len(written)
        # "the Special Rapporteur on the sale, sexual exploitation and sexual abuse of children": one mandate
        mandate = pieces and _MANDATE_RE.match(pieces[-1][3]) and written[:1].islower()
        if pieces and (mandate or re.fullmatch(r"\s*", protected[pieces[-1][1]: at])):
            merged = protected[pieces[-1][0]: cursor]
            pieces[-1][1:] = [cursor, _canonical_written(merged), merged]
            continue
        pieces.append([at, cursor, name, written])
    found = []
    for at, end, name, written in pieces:
        name, written = name.replace("AND_", "and"), _tidy(written.replace("AND_", "and"))
        first = written.split()[0].lower() if written else ""
        # what is left of a name another pattern took ("entities of the"), a participle ("States
        # conducting activities"), or an adjective shared with the next noun ("subregional and regional ...")
        if (not re.search(r"[A-Za-z]", name) or re.search(r"\b(?:of|the|for|on|and|to)$", written)
                or (first.endswith(("ing", "ed")) and first != "united")
                or (" " not in written and written.islower() and re.match(r"\s+and\b", protected[end:]))):
            continue
        found.append((_tidy(name), written))
    return found


def _canonical_written(written: str) -> str:
    """A name the lexicon does not know whole, as printed: 'the Peacebuilding Commission' -> 'Peacebuilding Commission'."""
    tidy = re.sub(r"^(?:the|all|relevant)\s+", "", _tidy(written.replace("AND_", "and")), flags=re.IGNORECASE)
    return tidy[:1].upper() + tidy[1:]


def _object_noun(rest: str) -> re.Match[str] | None:
    """The report a verb takes as its object: the first determiner not after a preposition, then the noun."""
    if (bare := _BARE_PLURAL_RE.match(rest)) is not None:  # "to submit reports", "to provide regular updates"
        return bare
    for m in _DETERMINER_RE.finditer(rest, 0, 160):
        if re.search(r"\b(?:to|through|by|at|of|with|for|in|on|from|during|under|within|into|and)\s+$",
                     rest[: m.start()]):
            continue
        return _NOUN_AFTER_RE.match(rest, m.start())
    return None


def _act_is_report(verb: str, rest: str) -> tuple[bool, str | None, str | None]:
    """Whether a verb with what follows it asks for a report; also the report noun and its determiner."""
    if verb in ("report", "reporting"):
        return _REPORT_NEXT_RE.match(rest) is not None, None, None
    if verb == "brief":
        return True, None, None
    if verb in ("inform", "update", "keep"):
        m = _RECEIVER_RE.match(f"{verb} {rest.lstrip()}")
        if m is None or not _HEAD_RE.search(m.group("name")):
            m = re.match(r"\s+(?:him|her|them|it|Member\s+States|States)\b", rest) if verb == "inform" else None
            if m is None:
                return False, None, None
        if verb == "keep" and not re.match(r"[^;]{0,200}?\binformed\b", rest):
            return False, None, None
        return True, None, None
    if verb == "include" or verb == "provide":
        into = _INTO_RES[verb].match(rest)
        if into:
            return True, into.group("noun"), "the"
        if verb == "include":
            return False, None, None
    obj = _object_noun(rest)
    if obj is None:
        return False, None, None
    before = rest[: obj.start("det")]
    if _CONTRIBUTE_RE.search(rest[: obj.end("noun") + 1]) and not re.search(r"\b(?:in|as\s+part\s+of)\s+$", before):
        return False, None, None  # "to provide information for the report": a contribution to another's report
    return True, obj.group("noun"), obj.group("det")


def _form(verb: str, noun: str | None, window: str) -> str | None:
    """How the report is delivered, as the words say it."""
    if re.search(r"\boral(?:ly)?\b|\bbriefings?\b", window, re.IGNORECASE) or verb == "brief":
        return ReportForm.ORAL
    if noun in ("update", "updates") or (verb == "update" and noun is None):
        return ReportForm.UPDATE
    if noun in ("note", "notes"):
        return ReportForm.NOTE
    if verb in ("inform", "keep"):
        return None  # informing says nothing of the form
    return ReportForm.WRITTEN


def _periodicity(window: str, single: bool) -> str | None:
    """Periodicity only as the text says it; 'once' for one named report or occasion."""
    for periodicity, pattern in lexicon.PERIODICITY_RES:
        if pattern.search(window):
            return periodicity
    return lexicon.ONCE if single else None


def _subject_match(window: str) -> re.Match[str] | None:
    """The 'on ...' phrase of a window; the 'on' of a name ("Commission on the Status of Women") is none."""
    for m in _SUBJECT_RE.finditer(window):
        if not re.search(r"\b[A-Z][\w’'-]*\s+$", window[max(0, m.start() - 40): m.start()]):
            return m
    return None


def _subject(window: str) -> str | None:
    """What the report is on: the 'on ...' phrase after the verb or the report noun."""
    # the 'on' of a body's name is not the subject: "to the Commission on the Status of Women"
    m = _subject_match(window)
    if m is None:
        return None
    subject = m.group("subject")
    end = _SUBJECT_END_RE.search(subject)
    subject = _tidy(subject[: end.start()] if end else subject[:300])
    subject = re.sub(r"(?:\s+(?:to|through|by|and|at|under|for|of|the|its|his|her|their))+$", "", subject)
    return subject or None


def _sessions(window: str, context: _Context, receivers: list[tuple[int, str, str]],
              earlier: list[_Occasion]) -> list[tuple[int, _Occasion]]:
    """(position, occasion) of each session named in a report act's window."""
    found: list[tuple[int, _Occasion]] = []
    for m in _SESSION_RE.finditer(window):
        before = [r for r in receivers if r[0] < m.start()]
        body: str | None
        if m.group("body") and _HEAD_RE.search(m.group("body")):
            body = _body(m.group("body"), context.acting_body)
        elif before:
            body = before[-1][2]
        else:
            body = context.acting_body
        receiver = next((name for _, prep, name in reversed(before) if prep != "through"), None)
        if m.group("year"):
            found.append((m.start(), _Occasion(receiver, None, body, int(m.group("year")))))
            continue
        if m.group("next"):
            found.append((m.start(), _Occasion(receiver, None, body, None)))
            continue
        for word in re.findall(_ORD, m.group("ords"), re.IGNORECASE):
            number = lexicon.ordinal_words()[word.lower()]
            if (context.current_session and body == context.issuing_body and number < context.current_session):
                continue  # "his report to the Assembly at its seventy-fifth session": a report already made
            start, _ = session_dates(body, number)
            found.append((m.start(), _Occasion(receiver, number, body, start.year if start else None)))
    if not found and (that := _THAT_SESSION_RE.search(window)) and earlier:
        found.append((that.start(), earlier[-1]))
    return found


def _occasions(window: str, context: _Context, earlier: list[_Occasion]) -> list[_Occasion]:
    """Each receiving body and session a report act names; the acting body when it names none."""
    subject = _subject_match(window)
    receivers: list[tuple[int, str, str]] = []
    last_end = -1
    for m in _RECEIVER_RE.finditer(window):
        prep = m.group("prep").split()[0]
        if prep == "with" or (m.group("name") and not _HEAD_RE.search(m.group("name"))):
            continue
        between = window[last_end: m.start()] if last_end >= 0 else None
        if prep == "and" and not (between is not None and (not between.strip() or _SESSION_RE.fullmatch(
                re.sub(r"^\W*(?:at|during|for)\s+|\W+$", "", between)))):
            continue  # "and the Human Rights Council" only right after another receiver
        # past the subject a body is named only as a receiver when it follows the report or a session
        if subject is not None and m.start() > subject.start() and prep == "to" and not re.search(
                r"(?:\breports?|\bthereon|\bback|\bsessions?|\bbriefings?|\bupdates?|,)\s*$", window[: m.start()]):
            continue
        name = _tidy(m.group("plain")) if m.group("plain") else _body(m.group("name"), context.acting_body)
        receivers.append((m.start(), "to" if prep == "and" else prep, name))
        last_end = m.end()
    sessions = _sessions(window, context, receivers, earlier)
    occasions: list[_Occasion] = []
    for position, occasion in sessions:
        if occasion.receiver is None:  # "to report at its eighty-first session": to the body whose session it is
            occasion = _Occasion(occasion.session_body or context.acting_body, occasion.session,
                                 occasion.session_body, occasion.year)
        occasions.append(occasion)
    # a receiver with no session of its own between it and the next receiver is an occasion too
    to_receivers = [(at, name) for at, prep, name in receivers if prep != "through"]
    for index, (at, name) in enumerate(to_receivers):
        following = to_receivers[index + 1][0] if index + 1 < len(to_receivers) else len(window)
        if not any(at < position < following for position, _ in sessions) and \
                not any(o.receiver == name for o in occasions):
            occasions.append(_Occasion(name, None, None, None))
    if not occasions:
        occasions.append(_Occasion(context.acting_body, None, None, None))
    year = next((m for m in _YEAR_RE.finditer(window) if not (
        context.current_session and int(m.group("y")) < 1945 + context.current_session)
        and not re.search(r"\b(?:held|adopted|launched|convened|taken|since)\s+$", window[max(0, m.start() - 12): m.start()])),
        None)
    if year is not None:
        occasions = [o if o.year else _Occasion(o.receiver, o.session, o.session_body, int(year.group("y")))
                     for o in occasions]
    return occasions


@dataclass(frozen=True)
class _Scope:
    """What one ask covers: the text from its verb to the next ask, and whom it asks."""

    start: int
    end: int
    verb: str
    reporters: tuple[tuple[str, str], ...]
    acts_from: int  # where the report acts may start: after the reporters' names
    subjunctive: bool = False  # "requests that the Commission report ...": a bare verb after the names


def _scopes(text: str, inherited: _Scope | None, context: _Context) -> list[_Scope]:
    """The asks of a text in order; a lettered item without its own ask inherits its stem's."""
    openings = []
    for m in _OPENING_RE.finditer(text):
        verb = m.group("verb").lower()
        if verb.startswith(("reiterates", "renews")):
            verb = "requests"
        openings.append((m.start(), m.end(), verb))
    continuations = []
    for m in _NESTED_RE.finditer(text):
        # under 'decides' the body asks; otherwise the one asked asks others (no reporter of ours), and
        # ", and to ..." after that clause is the first one's again
        before = [verb for start, _, verb in openings if start < m.start() and verb != "nested"]
        outer = before[-1] if before else (inherited.verb if inherited else None)
        if outer == _DECIDE and m.group("verb") in ("request", "invite", "encourage", "urge", "call upon", "ask"):
            openings.append((m.start(), m.end(), "requests"))
            continue
        openings.append((m.start(), m.end(), "nested"))
        if (back := _RESUME_RE.search(text, m.end())) is not None:
            continuations.append((m.start(), (back.start(), back.end(), "continue")))
    # a resumption counts where no other ask starts between the nested ask and it
    openings += [resume for nested_start, resume in continuations
                 if not any(nested_start < o[0] < resume[0] for o in openings)]
    openings.sort()
    scopes: list[_Scope] = []
    if inherited is not None and (not openings or openings[0][0] > 0):
        end = openings[0][0] if openings else len(text)
        scopes.append(_Scope(0, end, inherited.verb, inherited.reporters, 0))
    for index, (start, verb_end, verb) in enumerate(openings):
        end = openings[index + 1][0] if index + 1 < len(openings) else len(text)
        if verb == "continue":  # the ask before the nested one, resumed
            resumed = next((sc for sc in reversed(scopes) if sc.verb != "nested"), None)
            if resumed is not None:
                scopes.append(_Scope(start, end, resumed.verb, resumed.reporters, start))
            continue
        reporters: tuple[tuple[str, str], ...] = ()
        acts_from = verb_end
        that = None
        if verb not in ("nested",):
            after = text[verb_end:end]
            that = re.match(r"that\s+", after)
            if verb == _DECIDE and not that:
                reporters = ()
            else:
                region_start = verb_end + (that.end() if that else 0)
                region = region_after(text, region_start)
                if that:  # "requests that the Commission continue to ... and report": up to its verb
                    cut = re.search(r"\s+(?:shall|will|should|is\s+to|continue|report|submit|brief|inform|"
                                    r"update|present|provide|prepare|include|be)\b", region)
                    region = region[: cut.start()] if cut else region
                reporters = tuple(_reporters(region, context.acting_body))
                acts_from = region_start + len(region)
        scopes.append(_Scope(start, end, verb, reporters, acts_from, bool(verb != "nested" and that)))
    return scopes


def _acts(text: str, scope: _Scope) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, window end, verb, report noun, determiner) of each report act in an ask's scope."""
    found = []
    if scope.subjunctive and (bare := _BARE_ACT_RE.match(text, scope.acts_from)) is not None:
        ok, noun, det = _act_is_report(bare.group("verb"), text[bare.end(): bare.end() + _REACH])
        if ok:
            found.append((bare.start("verb"), bare.end(), bare.group("verb"), noun, det))
    for m in _ACT_RE.finditer(text, scope.acts_from, scope.end):
        verb = m.group("verb")
        if verb == "reporting" and not m.group(0).startswith("with a view to"):
            continue
        if re.search(r"\b(?:able|so\s+that\s+\w+\s+can)\s+$", text[max(0, m.start() - 30): m.start()]):
            continue  # "so that it can deliver ... and be able to brief": another's ability, not an ask
        ok, noun, det = _act_is_report(verb, text[m.end(): m.end() + _REACH])
        if ok:
            found.append((m.start(), m.end(), verb, noun, det))
    acts: list[list] = []  # [start, end of its last verb, verb, noun, determiner]
    for start, verb_end, verb, noun, det in found:
        # "to prepare and submit ... a report": one act, whose window runs from the first verb
        if acts and re.fullmatch(r"\s*,?\s*(?:and\s+)?(?:to\s+)?", text[acts[-1][1]: start]):
            acts[-1][1:5] = [verb_end, verb, noun or acts[-1][3], det if noun else acts[-1][4]]
            continue
        acts.append([start, verb_end, verb, noun, det])
    return [(a[0], acts[i + 1][0] if i + 1 < len(acts) else scope.end, a[2], a[3], a[4]) for i, a in enumerate(acts)]


def requests_in_unit(text: str, letter: str | None, inherited: _Scope | None, stem_scope_text: str,
                     context: _Context, earlier: list[_Occasion]) -> tuple[list[ReportRequest], _Scope | None]:
    """Report requests of one paragraph text or lettered item, and the ask its lettered items inherit."""
    requests: list[ReportRequest] = []
    scopes = _scopes(text, inherited, context)
    last: tuple[tuple[str, str], ...] = inherited.reporters if inherited else ()
    for scope in scopes:
        if scope.verb == "nested" or not scope.reporters:
            continue
        reporters = scope.reporters
        if all(written.lower() in _PRONOUNS for _, written in reporters):
            reporters = last  # "encourages him to report": the one asked just before
        last = reporters
        scope_text = text[scope.start: scope.end]
        within = bool(_WITHIN_RE.search(scope_text) or (scope.start == 0 and inherited and _WITHIN_RE.search(
            stem_scope_text)))
        acts: list[list] = []
        for start, end, verb, noun, det in _acts(text, scope):
            if acts and verb in ("include", "provide") and det is not None and _DEFINITE_RE.match(det):
                acts[-1][1] = end  # "and to include in his report ...": the report just asked for
                continue
            acts.append([start, end, verb, noun, det])
        for index, (start, end, verb, noun, det) in enumerate(acts):
            window = text[start:end]
            occasions = _occasions(window, context, earlier)
            single = (det or "").lower() in ("a", "an") and noun is not None and not noun.endswith("s")
            periodicity = _periodicity(window, single or len({(o.session, o.year) for o in occasions
                                                               if o.session or o.year}) >= 1)
            as_written = _tidy(text[scope.start if index == 0 else start: end])
            for reporter, written in reporters:
                for occasion in occasions:
                    requests.append(ReportRequest(
                        letter, reporter, written, occasion.receiver or context.acting_body or "",
                        occasion.session, occasion.session_body if occasion.session or occasion.year else None,
                        occasion.year, periodicity, _form(verb, noun, window), _subject(window), within, as_written))
            earlier.extend(occasions)
    passing = scopes[-1] if scopes and scopes[-1].verb != "nested" else None
    return requests, passing


def requests_in(paragraph: Paragraph, acting_body: str | None, *, issuing_body: str | None = None,
                current_session: int | None = None) -> tuple[list[ReportRequest], list[str]]:
    """The report requests of an operative paragraph and its lettered items, each once, and warnings."""
    if paragraph.kind != ParagraphKind.OPERATIVE:
        return [], []
    context = _Context(acting_body, issuing_body or acting_body, current_session)
    earlier: list[_Occasion] = []
    found, stem = requests_in_unit(paragraph.text, None, None, "", context, earlier)
    stem_text = paragraph.text[stem.start:] if stem else ""
    for sub in paragraph.subparagraphs:
        more, _ = requests_in_unit(sub.text, sub.letter, stem, stem_text, context, earlier)
        found += more
    unique: dict[tuple, ReportRequest] = {}
    for request in found:
        key = (request.letter, request.reporter, request.submitted_to, request.session, request.due_year)
        unique.setdefault(key, request)
    return list(unique.values()), []


def report_request_rows(paragraphs: list[PlacedParagraph], *, issuing_body: str | None = None,
                        current_session: int | None = None) -> tuple[list[ReportRequestRow], list[DocWarning]]:
    """One row per report asked of a reporter for an occasion, in paragraph order, and warnings."""
    rows: list[ReportRequestRow] = []
    warnings: list[DocWarning] = []
    for placed in paragraphs:
        p = placed.paragraph
        found, problems = requests_in(p, placed.instrument.acting_body, issuing_body=issuing_body,
                                      current_session=current_session)
        warnings += [(p.line_start, problem) for problem in problems]
        lines = {sub.letter: (sub.line_start, sub.line_end) for sub in p.subparagraphs}
        for n, r in enumerate(found, start=1):
            line_start, line_end = lines.get(r.letter or "", (p.line_start, p.line_end))
            rows.append(ReportRequestRow(
                f"{placed.paragraph_id}:r{n}", placed.paragraph_id, r.letter, r.reporter, r.reporter_as_written,
                r.submitted_to, r.session, r.session_body, r.due_year, r.periodicity, r.form, r.subject,
                r.within_existing_resources, r.as_written, line_start, line_end))
    return rows, warnings
