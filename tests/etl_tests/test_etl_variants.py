"""How other reports print the same things: layouts found in a review against unseen variants."""

from __future__ import annotations

import datetime as dt

import pytest
from etl_snippets import parse, resolution, rows

from etl import lexicon
from etl.extract import citations_in, events_in, funding_of


def test_bold_label_and_bold_title_on_consecutive_lines() -> None:
    text = ("**Draft resolution I**\n**Promoting prevention**\n\n*The General Assembly,*\n\n1. *Requests* the Secretary-General to act.\n\n"
            "**Draft resolution II**\n**Countering crime**\n\nThe Economic and Social Council,\n\n1. *Invites* Member States to act.\n")
    instruments = parse(text).instruments
    assert [(i.label, i.title, i.acting_body, len(i.paragraphs)) for i in instruments] == [
        ("Draft resolution I", "Promoting prevention", "General Assembly", 1),
        ("Draft resolution II", "Countering crime", "Economic and Social Council", 1)]


def test_lettered_part_heading_inside_a_resolution() -> None:
    text = ("### Resolution 2024/20\n\n### Omnibus resolution\n\nThe Economic and Social Council,\n\n"
            "#### A. Standards and norms\n\nRecalling its resolution 2023/19,\n\n1. Requests the Secretariat to compile information;\n\n"
            "#### B. Technical assistance\n\nRecognizing the importance of assistance,\n\n2. Invites Member States to contribute.\n")
    doc = parse(text)
    [instrument] = doc.instruments
    assert [(p.kind, p.number) for p in instrument.paragraphs] == [
        ("preambular", None), ("operative", 1), ("preambular", None), ("operative", 2)]
    assert instrument.section is None


@pytest.mark.parametrize("part", ["II. Strengthening the programme", "### II. Strengthening the programme"])
def test_part_heading_reopens_the_preamble(part: str) -> None:
    text = resolution(f"1. Requests the Secretary-General to act;\n\n{part}\n\nRecognizing the importance of the programme,\n\n"
                      "Bearing in mind the need for resources,\n\n2. Urges Member States to act.")
    paragraphs = parse(text).instruments[0].paragraphs
    assert [p.kind for p in paragraphs] == ["operative", "preambular", "preambular", "operative"]


@pytest.mark.parametrize("heading", ["Provisional agenda for the sixty-eighth session of the Commission on Narcotic Drugs",
                                     "**Provisional agenda for the sixty-eighth session of the Commission on Narcotic Drugs**"])
def test_agenda_inside_a_draft_decision(heading: str) -> None:
    text = ("#### Draft decision I\n\n#### Report of the Commission\n\nThe Economic and Social Council:\n\n"
            "(a) Takes note of the report;\n\n(b) Approves the provisional agenda set out below.\n\n"
            f"{heading}\n\n**Normative segment**\n\n1. Election of officers.\n\n2. Adoption of the agenda.\n\n"
            "Operational segment\n\n3. Implementation of the treaties:\n\n(a) Changes in the scope of control;\n\n"
            "(b) Challenges;\n\nThe Commission decided that the thematic discussions would be held on 12 March 2025.\n")
    doc = parse(text)
    assert [p.label for p in doc.instruments[0].paragraphs] == ["(a)", "(b)"]
    assert [(a.number, a.sub_item, a.title) for a in doc.agenda_items] == [
        (1, None, "Election of officers"), (2, None, "Adoption of the agenda"),
        (3, None, "Implementation of the treaties:"), (3, "a", "Changes in the scope of control"), (3, "b", "Challenges")]
    assert doc.narrative[-1].text.startswith("The Commission decided")


def test_plain_section_lines_set_the_section() -> None:
    text = ("A. Draft resolutions to be recommended by the Economic and Social Council for adoption by the General Assembly\n\n"
            + resolution("1. Requests the Secretary-General to act.")
            + "\nB. Draft decision for adoption by the Economic and Social Council\n\n"
            + "Draft decision I\n\nTitle\n\nThe Economic and Social Council decides to approve the report.\n")
    found = [(i.label, i.section, i.recommended_to) for i in parse(text).instruments]
    assert found == [("Draft resolution I", "A", "General Assembly"),
                     ("Draft decision I", "B", "Economic and Social Council")]


@pytest.mark.parametrize(
    ("body", "acting", "lead", "letters"),
    [
        ("The Economic and Social Council decides:\n\n(a) To extend the mandate;\n\n(b) That the group shall meet;",
         "Economic and Social Council", "decides", ["a", "b"]),
        ("The Economic and Social Council, recalling its resolution 2004/28, decides to endorse the plan.",
         "Economic and Social Council", "decides", []),
    ],
)
def test_decision_sentence_forms(body: str, acting: str, lead: str, letters: list[str]) -> None:
    [instrument] = parse(f"#### Draft decision I\n\n#### Title\n\n{body}\n").instruments
    [paragraph] = instrument.paragraphs
    assert (instrument.acting_body, paragraph.lead_phrase, [s.letter for s in paragraph.subparagraphs]) == (acting, lead, letters)


def test_draft_decision_titled_provisional_agenda_keeps_its_title() -> None:
    text = "#### Draft decision II\n\n#### Provisional agenda for the thirty-fifth session\n\nThe Economic and Social Council decides to approve it.\n"
    assert parse(text).instruments[0].title == "Provisional agenda for the thirty-fifth session"


def test_bold_acting_body_line() -> None:
    text = "## Draft resolution I\n\n### Reducing reoffending\n\n**The General Assembly,**\n\n1. Requests the Secretary-General to act.\n"
    [instrument] = parse(text).instruments
    assert (instrument.title, instrument.acting_body, len(instrument.paragraphs)) == (
        "Reducing reoffending", "General Assembly", 1)


def test_annex_keeps_the_section_for_the_next_draft() -> None:
    text = ("#### A. Draft resolutions for adoption by the General Assembly\n\n" + resolution("1. Requests the Secretary-General to act.")
            + "\n### Annex\n\n#### A. Introduction\n\n1. The strategies are tools.\n\n"
            + resolution("1. Invites Member States to act.", heading="## Draft resolution II"))
    assert [(i.label, i.section, i.recommended_to) for i in parse(text).instruments] == [
        ("Draft resolution I", "A", "General Assembly"), ("Draft resolution II", "A", "General Assembly")]


@pytest.mark.parametrize(("lead", "verb"), [("Being aware", "aware"), ("Having regard", "regard"), ("Having heard", "hear"),
                                            ("Realizing", "realize"), ("Committed", "commit"), ("Calls on", "call upon"),
                                            ("Appeals", "appeal")])
def test_more_lead_phrases(lead: str, verb: str) -> None:
    assert lexicon.base_verb(lead).verb == verb


def test_being_aware_opens_a_preambular_paragraph() -> None:
    [paragraph] = parse(resolution("*Being aware* of the risks,")).instruments[0].paragraphs
    assert (paragraph.kind, paragraph.lead_phrase) == ("preambular", "Being aware")


@pytest.mark.parametrize(
    ("line", "acting", "expected"),
    [
        ("1. Calls on Member States and other donors to act;", "General Assembly",
         [("Member States", "call upon"), ("Donors", "call upon")]),
        ("1. Appeals to all States to act;", "General Assembly", [("Member States", "appeal")]),
        ("1. Encourages the Commission to continue;", "Commission on Narcotic Drugs", [("Commission on Narcotic Drugs", "encourage")]),
        ("1. Encourages the Commission to continue;", "General Assembly",
         [("Commission on Crime Prevention and Criminal Justice", "encourage")]),
        ("1. Urges Governments, as a matter of priority, to act;", "General Assembly", [("Member States", "urge")]),
        ("1. Invites stakeholders, including civil society, to act;", "General Assembly", [("Stakeholders", "invite")]),
        ("1. Urges States Members of the United Nations to act;", "General Assembly", [("Member States", "urge")]),
        ("1. Requests the Executive Director to report;", "Commission on Narcotic Drugs",
         [("Executive Director of the United Nations Office on Drugs and Crime", "request")]),
    ],
)
def test_more_addressees(line: str, acting: str, expected: list[tuple[str, str]]) -> None:
    found = rows(resolution(line, acting=f"The {acting},"))["addressees"]
    assert [(a.addressee, a.verb) for a in found] == expected


@pytest.mark.parametrize(
    ("text", "condition"),
    [("to act within available resources", "regular_budget"),
     ("to act within the limits of existing resources", "regular_budget"),
     ("to act, subject to the availability of resources,", "extrabudgetary"),
     ("Calls on Member States and other donors to provide extrabudgetary resources", "donor_invitation"),
     ("Invites Member States and other donors to make voluntary contributions", "donor_invitation")],
)
def test_more_funding_wordings(text: str, condition: str) -> None:
    assert [c for c, _ in funding_of(text)] == [condition]


def _events(text: str, acting: str = "General Assembly"):
    return events_in(text, historical_context=False, acting_body=acting, full_names={}, anchors=[])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("to report at its thirty-fourth and thirty-fifth sessions",
         [(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))]),
        ("the meeting held from 30 November 2025 to 2 January 2026", [(dt.date(2025, 11, 30), dt.date(2026, 1, 2))]),
        ("the meeting held from 30 June-2 July 2025", [(dt.date(2025, 6, 30), dt.date(2025, 7, 2))]),
        ("the meetings to be held in 2025 and 2026", [(dt.date(2025, 1, 1), dt.date(2026, 12, 31))]),
        ("the meeting to be held in the first half of 2026", [(dt.date(2026, 1, 1), dt.date(2026, 6, 30))]),
        ("the meeting to be held in early 2026", [(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]),
    ],
)
def test_more_date_forms(text: str, expected) -> None:
    found = _events(text, "Commission on Crime Prevention and Criminal Justice")
    assert [(e.start_date, e.end_date) for e in found] == expected


def test_narcotic_drugs_sessions_and_citations() -> None:
    [event] = _events("to report to the Commission at its sixty-eighth session", "Commission on Narcotic Drugs")
    assert (event.label, event.start_date) == ("Commission on Narcotic Drugs, sixty-eighth session", dt.date(2025, 1, 1))
    [citation] = citations_in("Recalling Commission resolution 65/3", "Commission on Narcotic Drugs")
    assert (citation.symbol, citation.kind) == ("CND/RES/65/3", "commission_resolution")


def test_congress_without_ordinal_gets_its_full_name() -> None:
    text = "the outcome of the Fourteenth United Nations Congress on Crime Prevention and Criminal Justice; the Congress held in Kyoto, Japan, from 7 to 12 March 2021"
    [event] = _events(text)
    assert event.label == "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice"
    assert event.location == "Kyoto, Japan"


@pytest.mark.parametrize(
    ("text", "symbol"),
    [("General Assembly resolution S-30/1", "A/RES/S-30/1"),
     ("Security Council resolution 2396 (2017)", "S/RES/2396 (2017)"),
     ("resolution 5/1 of the Conference of the Parties to the Convention, on review", "resolution 5/1 (Conference of the Parties to the Convention)")],
)
def test_more_citation_forms(text: str, symbol: str) -> None:
    assert [c.symbol for c in citations_in(text, "General Assembly")] == [symbol]


def test_roman_items_directly_under_a_paragraph() -> None:
    text = resolution("1. *Decides* that:\n\n(i) x;\n\n(ii) y;\n\n(iii) z.")
    [paragraph] = parse(text).instruments[0].paragraphs
    assert [s.letter for s in paragraph.subparagraphs] == ["i", "ii", "iii"]


@pytest.mark.parametrize(("heading", "label", "kind"), [("## 2024/235. Appointment of members", "Decision 2024/235", "decision"),
                                                          ("## 2024/15. Strengthening the programme", "Resolution 2024/15", "resolution"),
                                                          ("## 79/523. Revitalization", "Decision 79/523", "decision")])
def test_official_numbers_tell_decisions_from_resolutions(heading: str, label: str, kind: str) -> None:
    [instrument] = parse(f"{heading}\n\nThe Economic and Social Council decides to approve it.\n").instruments
    assert (instrument.label, instrument.kind) == (label, kind)


@pytest.mark.parametrize("header", ["**E/CN.15/2024/14**", "## E/2024/30", "12"])
def test_running_heads_and_page_numbers_between_halves(header: str) -> None:
    text = resolution(f"1. *Requests* the Office to hold a meeting\n\n{header}\n\nin 2025, and to report thereon;\n\n2. *Decides* to act.")
    paragraphs = parse(text).instruments[0].paragraphs
    assert [p.text for p in paragraphs][0] == "Requests the Office to hold a meeting in 2025, and to report thereon;"


@pytest.mark.parametrize("trailer", ["35th plenary meeting\n24 July 2024", "Plenary meeting\n24 July 2024"])
def test_adoption_trailer_on_consecutive_lines(trailer: str) -> None:
    doc = parse(resolution(f"1. *Decides* to act.\n\n{trailer}", heading="## Resolution 2024/15"))
    assert doc.instruments[0].adopted_on == "24 July 2024"
    assert doc.warnings == []


def test_bare_roman_part_numbers_with_a_title_line() -> None:
    text = resolution("*Convinced* that the rule of law is essential,\n\nI\n\nStrengthening the rule of law\n\n"
                      "1. Requests the Office to act;\n\nII\n\nCountering organized crime\n\n2. Urges Member States to act.")
    doc = parse(text)
    assert [(p.kind, p.number) for p in doc.instruments[0].paragraphs] == [
        ("preambular", None), ("operative", 1), ("operative", 2)]
    assert doc.warnings == []


def test_official_decision_after_an_adopted_resolution() -> None:
    text = (resolution("1. Requests the Secretary-General to act.", heading="## Resolution 2024/15")
            + "\n35th plenary meeting\n24 July 2024\n\n2024/235. Report of the Commission on Narcotic Drugs\n\n"
            "At its 35th plenary meeting, on 24 July 2024, the Council took note of the report.\n")
    doc = parse(text)
    assert [(i.label, i.kind, len(i.paragraphs)) for i in doc.instruments] == [
        ("Resolution 2024/15", "resolution", 1), ("Decision 2024/235", "decision", 0)]
    assert doc.warnings == []
