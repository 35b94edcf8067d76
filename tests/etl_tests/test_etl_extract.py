"""Extraction rules: verbs, addressees, funding, citations, events, footnote links."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from etl_snippets import parse, resolution, rows

from etl import lexicon
from etl.extract import Source, citations_in, document_rows, events_in, funding_of, session_dates


@pytest.mark.parametrize(
    ("lead", "verb"),
    [
        ("Requests", "request"), ("Also requests", "request"), ("Further requests", "request"),
        ("Strongly encourages", "encourage"), ("Encouraged", "encourage"), ("Calls upon", "call upon"),
        ("Also calls upon", "call upon"), ("Takes note with appreciation", "take note"), ("Notes", "note"),
        ("Bearing in mind", "bear in mind"), ("Deeply concerned also", "concern"), ("Recalling further", "recall"),
        ("Having considered", "consider"), ("Emphasizing", "emphasize"), ("Praising", "praise"),
        ("Reiterates", "reiterate"), ("Mindful", "mindful"), ("Guided", "guide"), ("Deplores", "deplore"),
    ],
)
def test_base_verb(lead: str, verb: str) -> None:
    assert lexicon.base_verb(lead).verb == verb


@pytest.mark.parametrize(
    ("verb", "level"),
    [("decide", 7), ("authorize", 7), ("request", 6), ("urge", 5), ("call upon", 4), ("encourage", 3),
     ("invite", 2), ("note", 1), ("welcome", 1), ("take note", 1)],
)
def test_directive_level_order(verb: str, level: int) -> None:
    assert lexicon.directive_level(verb) == level


def _addressees(line: str) -> list[tuple[str, str, str]]:
    return [(a.addressee, a.addressee_group, a.verb) for a in rows(resolution(line))["addressees"]]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. *Requests* the Secretary-General, subject to the availability of extrabudgetary resources, to act;",
         [("Secretary-General", lexicon.SECRETARIAT, "request")]),
        ("1. *Urges* Member States that have not yet done so to ratify the Convention;",
         [("Member States", lexicon.MEMBER_STATES, "urge")]),
        ("1. *Requests* the United Nations Office on Drugs and Crime, within its mandate, to assist;",
         [("United Nations Office on Drugs and Crime", lexicon.SECRETARIAT, "request")]),
        ("1. *Invites* Member States and other donors to provide extrabudgetary resources;",
         [("Member States", lexicon.MEMBER_STATES, "invite"), ("Donors", lexicon.OTHERS, "invite")]),
        ("1. *Requests* the Secretary-General to act, and invites Member States to support the work;",
         [("Secretary-General", lexicon.SECRETARIAT, "request"), ("Member States", lexicon.MEMBER_STATES, "invite")]),
        ("1. *Reiterates* its request to the Secretary-General to facilitate the meetings;",
         [("Secretary-General", lexicon.SECRETARIAT, "request")]),
        ("1. *Authorizes* the open-ended intergovernmental expert group on model strategies to continue its work;",
         [("Intergovernmental expert group", lexicon.COMMISSION, "authorize")]),
        ("1. *Urges* participants in the regional meetings to examine the items;",
         [("Participants in the regional meetings", lexicon.OTHERS, "urge")]),
        ("1. *Requests* the Secretary-General to act, and encourages States and the Secretary-General to cooperate;",
         [("Secretary-General", lexicon.SECRETARIAT, "request"), ("Member States", lexicon.MEMBER_STATES, "encourage")]),
        ("1. *Requests* the World Health Organization, the United Nations Office on Drugs and Crime and the Office of "
         "the United Nations High Commissioner for Human Rights to continue;",
         [("World Health Organization", lexicon.UN_ENTITIES, "request"),
          ("United Nations Office on Drugs and Crime", lexicon.SECRETARIAT, "request"),
          ("Office of the United Nations High Commissioner for Human Rights", lexicon.UN_ENTITIES, "request")]),
        ("1. *Encourages* Member States, international organizations and civil society to ensure efforts;",
         [("Member States", lexicon.MEMBER_STATES, "encourage"), ("International organizations", lexicon.OTHERS, "encourage"),
          ("Civil society", lexicon.OTHERS, "encourage")]),
        # a comma or "and" inside a capitalized name, and the parts of the United Nations system
        ("1. *Requests* the United Nations Educational, Scientific and Cultural Organization to act;",
         [("United Nations Educational, Scientific and Cultural Organization", lexicon.OTHERS, "request")]),
        ("1. *Invites* the United Nations Conference on Trade and Development to act;",
         [("United Nations Conference on Trade and Development", lexicon.OTHERS, "invite")]),
        ("1. *Requests* the Group of Scientific and Technical Experts to meet;",
         [("Group of Scientific and Technical Experts", lexicon.OTHERS, "request")]),
        ("1. *Urges* Armenia and Azerbaijan to act;",
         [("Armenia", lexicon.OTHERS, "urge"), ("Azerbaijan", lexicon.OTHERS, "urge")]),
        ("1. *Invites* UNDP, UNFPA and UNICEF to act;",
         [("UNDP", lexicon.OTHERS, "invite"), ("UNFPA", lexicon.OTHERS, "invite"),
          ("United Nations Children's Fund", lexicon.UN_ENTITIES, "invite")]),
        ("1. *Requests* relevant entities of the United Nations system to act;",
         [("Other UN entities", lexicon.UN_ENTITIES, "request")]),
        ("1. *Invites* the agencies, funds and programmes of the United Nations system to act;",
         [("Other UN entities", lexicon.UN_ENTITIES, "invite")]),
        ("1. *Requests* the funds, programmes and specialized agencies of the United Nations to act;",
         [("Other UN entities", lexicon.UN_ENTITIES, "request")]),
        ("1. *Invites* the governing bodies of the United Nations Environment Programme to act;",
         [("Governing bodies of the United Nations Environment Programme", lexicon.OTHERS, "invite")]),
        ("1. *Decides* to hold the Congress in 2026;", []),
        ("1. *Strongly condemns* violence and calls for the elimination of impunity;", []),
    ],
)
def test_addressees(line: str, expected: list[tuple[str, str, str]]) -> None:
    assert _addressees(line) == expected


def test_addressees_come_only_from_operative_paragraphs() -> None:
    assert _addressees("*Recalling also* its request to the United Nations Office on Drugs and Crime to convene,") == []


def test_addressee_keeps_the_words_as_written() -> None:
    [row] = rows(resolution("1. *Urges* Member States that have not yet done so to ratify;"))["addressees"]
    assert row.as_written == "Member States"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requests UNODC, subject to the availability of extrabudgetary resources, to act",
         [("extrabudgetary", "subject to the availability of extrabudgetary resources")]),
        ("Also requests UNODC, upon availability of extrabudgetary resources, to act",
         [("extrabudgetary", "upon availability of extrabudgetary resources")]),
        ("Invites Member States and other donors to provide extrabudgetary resources for the purposes",
         [("donor_invitation", "Invites Member States and other donors to provide extrabudgetary resources")]),
        ("to provide the Office with resources, from within the overall appropriations of the programme budget for 2025",
         [("regular_budget", "from within the overall appropriations of the programme budget")]),
        ("Requests the Secretary-General to act within existing resources",
         [("regular_budget", "within existing resources")]),
        ("Requests the Secretary-General to report at its next session", []),
    ],
)
def test_funding_conditions(text: str, expected: list[tuple[str, str]]) -> None:
    assert funding_of(text) == expected


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("its resolution 76/181 of 16 December 2021", "General Assembly", [("A/RES/76/181", "ga_resolution")]),
        ("Economic and Social Council resolution 1996/31", "General Assembly", [("E/RES/1996/31", "ecosoc_resolution")]),
        ("Commission on Crime Prevention and Criminal Justice resolution 26/3 of 26 May 2017", "General Assembly",
         [("CCPCJ/RES/26/3", "commission_resolution")]),
        ("Reaffirms Commission decision 21/1 of 27 April 2012", "Economic and Social Council",
         [("CCPCJ/DEC/21/1", "commission_decision")]),
        ("its resolutions 76/182 of 16 December 2021, 77/232 of 15 December 2022 and 78/224 of 19 December 2023",
         "General Assembly",
         [("A/RES/76/182", "ga_resolution"), ("A/RES/77/232", "ga_resolution"), ("A/RES/78/224", "ga_resolution")]),
        ("General Assembly resolution 217 A (III).", None, [("A/RES/217 A (III)", "ga_resolution")]),
        ("E/CN.15/2024/12.", None, [("E/CN.15/2024/12", "document")]),
        ("See A/CONF.234/16, chap. VII, sect. B.", None, [("A/CONF.234/16", "document")]),
        ("UNODC/CCPCJ/EG.9/2023/2", None, [("UNODC/CCPCJ/EG.9/2023/2", "document")]),
        ("Resolution 76/181, annex.", "General Assembly", [("A/RES/76/181", "ga_resolution")]),
        ("the 2030 Agenda for Sustainable Development, 2020–2030", "General Assembly", []),
        # numbered with a year: the Security Council's, whoever cites it and however it is introduced
        ("Security Council resolutions, including Council resolution 1373 (2001)", "General Assembly",
         [("S/RES/1373 (2001)", "resolution")]),
        ("resolutions 242 (1967) and 2334 (2016)", "General Assembly",
         [("S/RES/242 (1967)", "resolution"), ("S/RES/2334 (2016)", "resolution")]),
        ("its resolutions 1514 (XV) of 14 December 1960 and 2625 (XXV)", "General Assembly",
         [("A/RES/1514 (XV)", "ga_resolution"), ("A/RES/2625 (XXV)", "ga_resolution")]),
    ],
)
def test_citations(text: str, context: str | None, expected: list[tuple[str, str]]) -> None:
    assert [(c.symbol, c.kind) for c in citations_in(text, context)] == expected


def _events(text: str, acting_body: str = "General Assembly", historical: bool = False):
    return events_in(text, historical_context=historical, acting_body=acting_body, full_names={
        "fifteenth": "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"}, anchors=[],
        citations=citations_in(text, acting_body))


CONGRESS = "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "precision", "location"),
    [
        ("Decides to hold the Fifteenth Congress in Abu Dhabi from 25 to 30 April 2026",
         CONGRESS, dt.date(2026, 4, 25), dt.date(2026, 4, 30), "day", "Abu Dhabi"),
        ("with pre-Congress consultations to be held on 24 April 2026",
         "Pre-Congress consultations", dt.date(2026, 4, 24), dt.date(2026, 4, 24), "day", None),
        ("to enable the regional preparatory meetings for the Fifteenth Congress to be held as early as possible in 2025",
         "Regional preparatory meetings for the Fifteenth Congress", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year", None),
        ("from within the overall appropriations of the programme budget for 2025",
         "Programme budget for 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year", None),
        ("a meeting held in Kyoto, Japan, in October 2020", "Meeting", dt.date(2020, 10, 1), dt.date(2020, 10, 31), "month",
         "Kyoto, Japan"),
        ("from 30 November to 2 December 2025 the forum met", "Date mentioned: from 30 November to 2 December 2025",
         dt.date(2025, 11, 30), dt.date(2025, 12, 2), "day", None),
    ],
)
def test_dated_events(text, label, start, end, precision, location) -> None:
    [event] = _events(text)
    assert (event.label, event.start_date, event.end_date, event.precision, event.location) == (
        label, start, end, precision, location)
    assert not event.is_historical


def test_relative_dates_hang_on_the_congress() -> None:
    text = ("Decides to hold the Fifteenth Congress in Abu Dhabi from 25 to 30 April 2026; "
            "the high-level segment of the Fifteenth Congress shall be held during the first two days of the Congress; "
            "the declaration can be adopted on the opening day of the Fifteenth Congress")
    congress, segment, opening = _events(text)
    assert (segment.precision, segment.start_date, segment.end_date, segment.relative_to) == (
        "relative", dt.date(2026, 4, 25), dt.date(2026, 4, 26), CONGRESS)
    assert segment.label == "High-level segment of the Fifteenth Congress"
    assert (opening.start_date, opening.end_date, opening.precision) == (dt.date(2026, 4, 25), dt.date(2026, 4, 25), "relative")


@pytest.mark.parametrize(
    ("text", "acting", "label", "start", "end", "event_type"),
    [
        ("Requests the Commission to accord sufficient time at its thirty-fourth session to reviewing", "General Assembly",
         "Commission on Crime Prevention and Criminal Justice, thirty-fourth session", dt.date(2025, 1, 1),
         dt.date(2025, 12, 31), "session"),
        ("Also requests the Secretary-General to submit to the General Assembly at its eighty-first session a report",
         "General Assembly", "General Assembly, eighty-first session", dt.date(2026, 9, 1), dt.date(2027, 8, 31),
         "report_due"),
        ("Decides to continue its consideration of the question at its eightieth session", "General Assembly",
         "General Assembly, eightieth session", dt.date(2025, 9, 1), dt.date(2026, 8, 31), "session"),
    ],
)
def test_sessions(text, acting, label, start, end, event_type) -> None:
    [event] = _events(text, acting)
    assert (event.label, event.start_date, event.end_date, event.precision, event.event_type) == (
        label, start, end, "session", event_type)


def test_session_arithmetic() -> None:
    assert session_dates("Commission on Crime Prevention and Criminal Justice", 33) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert session_dates("General Assembly", 79) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert session_dates("Security Council", 1) == (None, None)


def test_dates_of_cited_resolutions_are_historical() -> None:
    [event] = _events("Recalling its resolution 46/152 of 18 December 1991, in the annex")
    assert (event.label, event.start_date, event.is_historical, event.event_type) == (
        "Adoption of General Assembly resolution 46/152", dt.date(1991, 12, 18), True, "adoption")


def test_footnotes_link_to_paragraphs_and_resolve_repeated_markers() -> None:
    text = resolution(
        "*Recognizing* the potential,<sup>1</sup> and stressing\n\n---\n\n<sup>1</sup> The term “survivor”.\n\n"
        "the need for solutions,\n\n1. *Encourages* Member States to protect victims;<sup>1</sup>")
    table = rows(text)
    assert [(r.marker, r.paragraph_id) for r in table["footnotes"]] == [("1", "doc:i1:p1")]
    assert [r.paragraph_id for r in table["paragraph_footnotes"]] == ["doc:i1:p1", "doc:i1:p2"]
    assert table["parse_warnings"] == []


def test_unresolved_footnote_marker_is_a_warning() -> None:
    table = rows(resolution("*Recalling* the report,<sup>9</sup>\n\n1. *Decides* to act."))
    assert any("marker 9" in w.message for w in table["parse_warnings"])


def test_warnings_come_parser_first_and_leave_the_document_as_it_was() -> None:
    agenda = resolution(
        "(a) Approves the provisional agenda for the thirty-fourth session set out below.\n\n"
        "**Provisional agenda for the thirty-fourth session of the Commission on Crime Prevention and Criminal Justice**"
        "\n\n1. Election of officers.\n2. Other business.\n1. Election of officers.\n",
        heading="#### Draft decision II", acting="The Economic and Social Council:")
    doc = parse(resolution("1. *Requests* the report,<sup>9</sup>\n\n3. *Decides* to act.") + "\n" + agenda)
    before = copy.deepcopy(doc)
    table = document_rows(doc, Source("doc", "snippet.md", "0" * 64, "utf-8"))
    assert doc == before
    assert [(w.line, w.message) for w in table["parse_warnings"]] == [
        (9, "Draft resolution I: paragraph numbered 3, expected 2"),
        (23, "agenda item 1 printed twice"),
        (7, "footnote marker 9 has no footnote text")]
    assert [(a.number, a.title) for a in table["agenda_items"]] == [(1, "Election of officers"), (2, "Other business")]


def test_ids_are_deterministic() -> None:
    text = resolution("*Recalling* its resolution 1/1 of 1 May 2020,\n\n1. *Requests* the Secretary-General to act in 2025.")
    assert rows(text) == rows(text)
    assert [r.paragraph_id for r in rows(text)["paragraphs"]] == ["doc:i1:p1", "doc:i1:p2"]


def test_parse_document_is_pure() -> None:
    text = resolution("1. *Decides* to act.")
    assert parse(text) == parse(text)
