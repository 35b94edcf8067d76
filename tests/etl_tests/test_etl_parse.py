"""The parser's rules, one small snippet per case."""

from __future__ import annotations

import pytest
from etl_snippets import parse, resolution

from etl.parse import split_blocks, strip_markup


@pytest.mark.parametrize(
    ("heading", "label", "kind", "status"),
    [
        ("## Draft resolution I", "Draft resolution I", "resolution", "draft"),
        ("##### Draft resolution", "Draft resolution", "resolution", "draft"),
        ("### **Draft decision II**", "Draft decision II", "decision", "draft"),
        ("# Resolution 33/1", "Resolution 33/1", "resolution", "adopted"),
        ("**Decision 33/1**", "Decision 33/1", "decision", "adopted"),
        ("#### Resolution 78/227", "Resolution 78/227", "resolution", "adopted"),
    ],
)
def test_instrument_headings_at_any_level_or_bold(heading: str, label: str, kind: str, status: str) -> None:
    doc = parse(resolution("1. *Requests* the Secretary-General to act.", heading=heading))
    [instrument] = doc.instruments
    assert (instrument.label, instrument.kind, instrument.status) == (label, kind, status)
    assert instrument.title == "A title"
    assert instrument.acting_body == "General Assembly"


@pytest.mark.parametrize(
    ("acting", "body"),
    [
        ("*The General Assembly,*", "General Assembly"),
        ("*The Economic and Social Council,*", "Economic and Social Council"),
        ("The Commission on Crime Prevention and Criminal Justice,", "Commission on Crime Prevention and Criminal Justice"),
    ],
)
def test_acting_body(acting: str, body: str) -> None:
    doc = parse(resolution("*Recalling* its resolution 1/1,", acting=acting))
    assert doc.instruments[0].acting_body == body


def test_section_and_recommended_body() -> None:
    text = (
        "#### A. Draft resolutions to be recommended by the Economic and Social Council for adoption by the General Assembly\n\n"
        + resolution("1. *Requests* the Secretary-General to act.")
        + "\n## B. Draft resolution for adoption by the Economic and Social Council\n\n"
        + resolution("1. *Invites* Member States to act.", heading="### Draft resolution", acting="*The Economic and Social Council,*")
        + "\n#### D. Matters brought to the attention of the Economic and Social Council\n\n"
        + resolution("1. *Urges* Member States to act.", heading="##### Resolution 33/1",
                     acting="*The Commission on Crime Prevention and Criminal Justice,*")
    )
    sections = [(i.section, i.recommended_to, i.status) for i in parse(text).instruments]
    assert sections == [("A", "General Assembly", "draft"), ("B", "Economic and Social Council", "draft"),
                        ("D", None, "adopted")]


@pytest.mark.parametrize(
    ("line", "kind", "lead"),
    [
        ("*Recalling* its resolution 76/181,", "preambular", "Recalling"),
        ("*Recalling also* its resolution 76/181,", "preambular", "Recalling also"),
        ("*Deeply concerned* by the fact that children are exposed,", "preambular", "Deeply concerned"),
        ("*Bearing in mind* that the rules apply,", "preambular", "Bearing in mind"),
        ("*Having considered* the report of the Secretary-General,", "preambular", "Having considered"),
        ("Recalling also its resolution 76/181,", "preambular", "Recalling also"),
        ("Taking note with appreciation of the report,", "preambular", "Taking note with appreciation"),
        ("Mindful of the Strategy,", "preambular", "Mindful"),
        ("5. *Requests* the Secretary-General to act;", "operative", "Requests"),
        ("5. *Also requests* the Secretary-General to act;", "operative", "Also requests"),
        ("5. Requests the Secretary-General to act;", "operative", "Requests"),
        ("5. Takes note with appreciation of the guide;", "operative", "Takes note with appreciation"),
        ("5. Calls upon Member States to act;", "operative", "Calls upon"),
        ("5. Deplores the situation;", "operative", "Deplores"),
        ("5. Calls, in this context, for dialogue;", "operative", "Calls"),  # a guessed lead without its comma
        ("5. Insists, in particular, on dialogue;", "operative", "Insists"),
    ],
)
def test_paragraph_kind_and_lead_phrase_with_or_without_italics(line: str, kind: str, lead: str) -> None:
    [paragraph] = parse(resolution(line)).instruments[0].paragraphs
    assert (paragraph.kind, paragraph.lead_phrase) == (kind, lead)
    assert "*" not in paragraph.text


def test_operative_number_label_and_text() -> None:
    [paragraph] = parse(resolution("12. *Requests* the Secretary-General to act;")).instruments[0].paragraphs
    assert (paragraph.number, paragraph.label) == (12, "12")
    assert paragraph.text == "Requests the Secretary-General to act;"


@pytest.mark.parametrize(
    "report_line",
    [
        "1. The Commission on Crime Prevention and Criminal Justice recommends to the Economic and Social Council the approval of the following draft resolutions:",
        "2. The Commission recommends the adoption of the following draft resolution:",
    ],
)
def test_numbered_lines_of_the_report_itself_are_not_operative(report_line: str) -> None:
    doc = parse(f"#### A. Draft resolutions\n\n{report_line}\n\n" + resolution("1. *Requests* the Secretary-General to act."))
    assert [p.number for p in doc.instruments[0].paragraphs] == [1]
    assert doc.narrative[0].text.startswith(report_line[3:20])


def test_agenda_list_is_agenda_items_not_paragraphs() -> None:
    text = resolution(
        "(a) Approves the provisional agenda for the thirty-fourth session set out below.\n\n"
        "**Provisional agenda for the thirty-fourth session of the Commission on Crime Prevention and Criminal Justice**\n\n"
        "1. Election of officers.\n2. Strategic management questions:\n  - (a) Working methods of the Commission;\n"
        "  - (b) Staff composition.\n\n3. Other business.\n",
        heading="#### Draft decision II", acting="The Economic and Social Council:")
    doc = parse(text)
    assert [p.label for p in doc.instruments[0].paragraphs] == ["(a)"]
    items = [(a.number, a.sub_item, a.title) for a in doc.agenda_items]
    assert items == [(1, None, "Election of officers"), (2, None, "Strategic management questions:"),
                     (2, "a", "Working methods of the Commission"), (2, "b", "Staff composition"),
                     (3, None, "Other business")]
    assert doc.agenda_items[0].session.startswith("thirty-fourth session of the Commission")


def test_lettered_items_belong_to_their_parent() -> None:
    text = resolution(
        "*Recognizing that:*\n\n(a) Traffickers use technology,\n\n(b) Children are vulnerable,\n\n"
        "1. *Requests* the United Nations Office on Drugs and Crime:\n\n(a) To continue providing assistance;\n\n"
        "(b) To encourage the Group;\n\n2. *Invites* Member States to act.")
    paragraphs = parse(text).instruments[0].paragraphs
    assert [(p.kind, [s.letter for s in p.subparagraphs]) for p in paragraphs] == [
        ("preambular", ["a", "b"]), ("operative", ["a", "b"]), ("operative", [])]
    assert paragraphs[1].subparagraphs[0].text == "To continue providing assistance;"


def test_chapeau_decision_items_are_operative_paragraphs() -> None:
    text = resolution("(a) Takes note of the report;\n\n- (b) Reaffirms Commission decision 21/1;\n- (c) Approves the agenda.",
                      heading="#### Draft decision II", acting="The Economic and Social Council:")
    paragraphs = parse(text).instruments[0].paragraphs
    assert [(p.kind, p.label, p.number, p.lead_phrase) for p in paragraphs] == [
        ("operative", "(a)", None, "Takes note"), ("operative", "(b)", None, "Reaffirms"),
        ("operative", "(c)", None, "Approves")]


def test_one_sentence_decision_is_one_operative_paragraph() -> None:
    text = ("#### Draft decision I\n\n#### Re-election of members\n\n"
            "The Economic and Social Council decides to approve the re-election of A (Peru).\n")
    [instrument] = parse(text).instruments
    assert instrument.acting_body == "Economic and Social Council"
    [paragraph] = instrument.paragraphs
    assert (paragraph.kind, paragraph.lead_phrase, paragraph.number) == ("operative", "decides", None)


def test_narrative_decision_has_no_paragraphs() -> None:
    text = ("**Decision 33/1**\n\n**Report of the Board of Trustees**\n\n"
            "5. At its 7th meeting, on 16 May 2024, the Commission decided to transmit the report (E/CN.15/2024/9).\n")
    [instrument] = parse(text).instruments
    assert instrument.paragraphs == [] and instrument.title == "Report of the Board of Trustees"
    assert instrument.acting_body is None


@pytest.mark.parametrize(
    "middle",
    [
        "---\n\n<sup>1</sup> E/CN.15/2024/12.\n\n",  # footnote block between the halves
        "\n\n\n",                                       # blank lines only
        "---\n\n",                                      # a rule alone
        "3/20\n\n",                                     # a page number
    ],
)
def test_paragraph_cut_by_a_page_break_is_joined(middle: str) -> None:
    text = resolution(f"*Recalling* its resolution 77/231, in which it decided to hold the Congress\n\n{middle}"
                      "in 2026, without prejudice to the timing,\n\n*Noting* the report,")
    paragraphs = parse(text).instruments[0].paragraphs
    assert [p.lead_phrase for p in paragraphs] == ["Recalling", "Noting"]
    assert paragraphs[0].text == ("Recalling its resolution 77/231, in which it decided to hold the Congress "
                                  "in 2026, without prejudice to the timing,")
    assert paragraphs[0].line_end > paragraphs[0].line_start


def test_uppercase_continuation_after_an_unfinished_sentence_is_joined() -> None:
    text = resolution("*Recalling also* its resolution on the Criminal\n\nJustice Congress,\n\n*Noting* the report,")
    paragraphs = parse(text).instruments[0].paragraphs
    assert paragraphs[0].text.endswith("the Criminal Justice Congress,")
    assert len(paragraphs) == 2


def test_footnote_markers_are_removed_and_kept() -> None:
    text = resolution("*Having considered* the report,<sup>1</sup>\n\n1. *Decides* to act.\n\n---\n\n<sup>1</sup> E/CN.15/2024/12.")
    doc = parse(text)
    paragraph = doc.instruments[0].paragraphs[0]
    assert paragraph.text == "Having considered the report,"
    assert [m.marker for m in paragraph.markers] == ["1"]
    assert [(f.marker, f.text) for f in doc.footnotes] == [("1", "E/CN.15/2024/12.")]


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("*Recalling* its resolutions [76/182](#) of 2021", "Recalling its resolutions 76/182 of 2021"),
        ("the *Handbook on Children*, and **bold** text", "the Handbook on Children, and bold text"),
        ("groups,\\* including", "groups, including"),
        ("a <sup>12</sup>b", "a b"),
        ("children's best interests", "children's best interests"),
        ("Report of the Board  \nInterregional Institute", "Report of the Board Interregional Institute"),
        ("<script>alert(1)</script> stays text", "<script>alert(1)</script> stays text"),
    ],
)
def test_strip_markup(raw: str, plain: str) -> None:
    assert strip_markup(raw) == plain


def test_blocks_keep_one_based_lines() -> None:
    blocks = split_blocks(["", "## Draft resolution I", "", "*Recalling* a,", "b c,", "", "1. *Decides* x."])
    assert [(b.kind, b.line_start, b.line_end) for b in blocks] == [
        ("heading", 2, 2), ("text", 4, 5), ("numbered", 7, 7)]


def test_adopted_resolution_trailer_is_not_a_paragraph() -> None:
    text = resolution("1. *Decides* to act.\n\n*53rd plenary meeting*\n\n*17 December 2024*", heading="## Resolution 79/186")
    doc = parse(text)
    assert len(doc.instruments[0].paragraphs) == 1
    assert doc.instruments[0].adopted_on == "17 December 2024"
    assert doc.warnings == []


def test_numbering_gap_is_a_warning() -> None:
    doc = parse(resolution("1. *Decides* to act;\n\n3. *Requests* the Secretary-General to act."))
    assert [p.number for p in doc.instruments[0].paragraphs] == [1, 3]
    assert any("expected 2" in message for _, message in doc.warnings)


@pytest.mark.parametrize(
    ("heading", "label", "title"),
    [
        ("## Draft resolution I: Reducing reoffending", "Draft resolution I", "Reducing reoffending"),
        ("### **Draft decision II. Report of the Commission**", "Draft decision II", "Report of the Commission"),
        ("## 79/187. Reducing reoffending through rehabilitation", "Resolution 79/187",
         "Reducing reoffending through rehabilitation"),
    ],
)
def test_label_and_title_on_one_heading(heading: str, label: str, title: str) -> None:
    text = f"{heading}\n\nThe General Assembly,\n\n1. Requests the Secretary-General to act.\n"
    [instrument] = parse(text).instruments
    assert (instrument.label, instrument.title) == (label, title)
    assert [p.number for p in instrument.paragraphs] == [1]


def test_part_headings_inside_an_instrument_keep_its_paragraphs() -> None:
    text = resolution("*Recalling* its resolution 1/1,\n\n### I\n\n1. *Requests* the Secretary-General to act;\n\n"
                      "### II. Follow-up\n\n2. *Invites* Member States to act.")
    [instrument] = parse(text).instruments
    assert [(p.kind, p.number) for p in instrument.paragraphs] == [("preambular", None), ("operative", 1), ("operative", 2)]


def test_official_record_layout_without_markdown() -> None:
    text = ("United Nations A/RES/79/187\n\nResolution adopted by the General Assembly on 17 December 2024\n\n"
            "[on the report of the Third Committee (A/79/440, para. 34)]\n\n"
            "79/187. Reducing reoffending through rehabilitation and reintegration\n\n"
            "The General Assembly,\n\nRecalling the outcome of the Fourteenth Congress,\n\n"
            "1. Authorizes the expert group to continue its work;\n\n2. Requests the Office to convene a meeting.\n")
    [instrument] = parse(text).instruments
    assert (instrument.label, instrument.title) == ("Resolution 79/187",
                                                     "Reducing reoffending through rehabilitation and reintegration")
    assert [(p.kind, p.number) for p in instrument.paragraphs] == [
        ("preambular", None), ("operative", 1), ("operative", 2)]


def test_plain_label_line_with_a_line_before_the_acting_body() -> None:
    text = ("Draft resolution I\n\nReducing reoffending\n\n[on the report of the Third Committee]\n\n"
            "The General Assembly,\n\n1. Requests the Secretary-General to act.\n")
    [instrument] = parse(text).instruments
    assert (instrument.label, instrument.title, instrument.acting_body) == (
        "Draft resolution I", "Reducing reoffending", "General Assembly")
    assert len(instrument.paragraphs) == 1


def test_a_label_in_running_text_is_not_an_instrument() -> None:
    text = resolution("*Recalling* its resolution 1/1,\n\n1. *Decides* to act.") + (
        "\nThe Commission approved draft resolution II as orally revised.\n\nDraft resolution II: see annex\n")
    assert len(parse(text).instruments) == 1


def test_a_bare_label_line_is_a_heading() -> None:
    text = ("Resolution 67/1\n\nThe Commission on Narcotic Drugs,\n\n1. *Decides* to act.\n\n"
            "Decision 67/1\n\nScheduling of a substance\n\nAt its 5th meeting, on 15 March 2024, the Commission decided to add it.\n")
    instruments = parse(text).instruments
    assert [(i.label, i.kind, len(i.paragraphs)) for i in instruments] == [("Resolution 67/1", "resolution", 1),
                                                                            ("Decision 67/1", "decision", 0)]
    assert instruments[1].title == "Scheduling of a substance"


def test_annex_line_ends_the_instrument() -> None:
    text = resolution("1. *Requests* the Secretary-General to act.\n\nAnnex\n\nModel strategies\n\n"
                      "1. Encourage Member States to adopt the strategies.")
    [instrument] = parse(text).instruments
    assert [p.number for p in instrument.paragraphs] == [1]


def test_lost_acting_body_line_keeps_the_paragraphs_with_a_warning() -> None:
    doc = parse("## Draft resolution I\n\n### A title\n\n*Recalling* its resolution 1/1,\n\n1. *Requests* the Secretary-General to act.\n")
    [instrument] = doc.instruments
    assert [p.kind for p in instrument.paragraphs] == ["preambular", "operative"]
    assert any("no acting body" in message for _, message in doc.warnings)
