"""The readers: a synthetic UN PDF, small copied-text snippets, and pdftotext copies of real PDFs against the PDFs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from etl_snippets import SHARED_SAMPLES
from pdf_fixtures import un_resolution

from etl.ir import Block, SourceLoc, Span
from etl.metadata import document_metadata
from etl.parse import parse_layout
from etl.readers import READERS, read_file
from etl.readers.copied import looks_copied, read_copied


def _parse_pdf(data: bytes):
    read = read_file(Path("x.pdf"), data)
    return read, parse_layout("x.pdf", read.layout)


@pytest.mark.parametrize(("text", "names"), [
    ("Austria, Bosnia and Herzegovina and Chile", ["Austria", "Bosnia and Herzegovina", "Chile"]),
    ("Iraq (on behalf of the Group of 77 and China)", ["Iraq (on behalf of the Group of 77 and China)"]),
    ("Egypt,* Venezuela (Bolivarian Republic of), Yemen and State of Palestine",
     ["Egypt", "Venezuela (Bolivarian Republic of)", "Yemen", "State of Palestine"]),
])
def test_sponsors_split_at_commas_and_the_last_and_only(text: str, names: list[str]) -> None:
    from etl.lexicon import split_sponsors

    assert split_sponsors(text) == names


def test_registry_covers_every_format() -> None:
    assert set(READERS) == {".md", ".markdown", ".txt", ".pdf"}


def test_synthetic_pdf_paragraphs_leads_and_footnotes() -> None:
    made = un_resolution(preambular=4, operative=5)
    read, doc = _parse_pdf(made.pdf)
    [instrument] = doc.instruments
    assert (instrument.label, instrument.acting_body) == ("Resolution 79/321", "General Assembly")
    found = [(p.kind, p.number, p.lead_phrase) for p in instrument.paragraphs]
    assert found == [(p.kind, p.number, p.lead_phrase) for p in made.paragraphs]
    assert [" ".join(p.text.split()) for p in instrument.paragraphs] == [p.text for p in made.paragraphs]
    assert [f.marker for f in doc.footnotes] == [str(n) for n in range(1, len(made.footnotes) + 1)]
    assert doc.warnings == []


def test_synthetic_pdf_furniture_is_not_text() -> None:
    made = un_resolution(preambular=3, operative=30)
    read, doc = _parse_pdf(made.pdf)
    assert made.pages > 1
    furniture = {b.furniture for b in read.layout.blocks if b.kind == "furniture"}
    assert {"masthead", "running_head", "footer"} <= furniture
    text = " ".join(p.text for p in doc.instruments[0].paragraphs)
    assert "Distr." not in text and "/RES/" not in text and f"2/{made.pages}" not in text


def test_synthetic_pdf_metadata() -> None:
    read, doc = _parse_pdf(un_resolution().pdf)
    meta = document_metadata(read.layout, doc)
    assert (meta.symbol, meta.session, meta.agenda, meta.committee, meta.origin_report) == (
        "A/RES/79/321", 79, "107", "Third Committee", "A/79/459")
    assert (str(meta.adopted_on), str(meta.distribution_date), meta.meeting) == (
        "2024-12-17", "2024-12-18", "53rd plenary meeting")


def test_paragraph_across_a_page_break_is_one_paragraph_with_two_boxes() -> None:
    made = un_resolution(preambular=3, operative=30)
    _, doc = _parse_pdf(made.pdf)
    spanning = [p for p in doc.instruments[0].paragraphs if len(p.boxes) == 2]
    assert spanning, "the synthetic resolution has a paragraph across pages"
    assert all(b.page + 1 == c.page for p in spanning for b, c in [p.boxes])


@pytest.mark.parametrize(("spans", "lead"), [
    ([Span("Takes note", italic=True), Span(" "), Span("with appreciation", italic=True), Span(" of it")],
     "Takes note with appreciation"),
    ([Span("Recalling", italic=True), Span(" its resolution")], "Recalling"),
    ([Span("Recalling its resolution")], None),
    ([Span("Noting", italic=True), Span("1", superscript=True), Span(" also", italic=True)], "Noting"),
])
def test_leading_italic_run(spans: list[Span], lead: str | None) -> None:
    assert Block("text", spans, SourceLoc(1, 1)).leading_italic == lead


COPY = """A/RES/79/321\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n18 December 2024\n
Seventy-ninth session\nAgenda item 107\nCrime prevention and criminal justice\n
Resolution adopted by the General Assembly\non 17 December 2024\n[on the report of the Third Committee (A/79/459, para. 37)]\n
79/321.\n\nA title of the resolution\nThe General Assembly,\nRecalling its resolution 1/1 of the
Secretary -General, 1\nNoting the report of the Congress 2 and the work done,\n
__________________\n\nResolution 70/1.\nA/CONF.1/2.\n1\n2\n\n24-24143 (E)\n\n*2424143*\n\fA/RES/79/321\n
A title of the resolution\n\n1.\nRequests the Secretary-General to report thereon at the eightieth session;
2. Encourages Member States to act:\n(a) In one way;\n(b) In another way;\n53rd plenary meeting\n17 December 2024\n"""


def test_copied_text_is_recognised_and_markdown_is_not() -> None:
    assert looks_copied(COPY)
    assert not looks_copied("## Resolution 79/187\n\n*The General Assembly,*\n\nDistr.: General\n")


def test_copied_text_reads_like_the_pdf() -> None:
    layout = read_copied(COPY)
    doc = parse_layout("copy.txt", layout)
    [instrument] = doc.instruments
    assert (instrument.label, instrument.title, instrument.acting_body) == (
        "Resolution 79/321", "A title of the resolution", "General Assembly")
    found = [(p.kind, p.number, p.lead_phrase, "".join(s.letter for s in p.subparagraphs))
             for p in instrument.paragraphs]
    assert found == [("preambular", None, "Recalling", ""), ("preambular", None, "Noting", ""),
                     ("operative", 1, "Requests", ""), ("operative", 2, "Encourages", "ab")]
    first = instrument.paragraphs[0]
    assert first.text == "Recalling its resolution 1/1 of the Secretary-General,"  # reference and stray space gone
    assert [m.marker for m in first.markers] == ["1"]
    assert [(f.marker, f.text) for f in doc.footnotes] == [("1", "Resolution 70/1."), ("2", "A/CONF.1/2.")]
    meta = document_metadata(layout, doc)
    assert (meta.symbol, meta.session, meta.origin_report, str(meta.adopted_on)) == (
        "A/RES/79/321", 79, "A/79/459", "2024-12-17")
    assert doc.warnings == []


def _copied_paragraphs(body: str, footnotes: str = "", pages: tuple[str, ...] = (), title: str = "A title"):
    """The paragraphs of a copied resolution whose first page holds `body` (then its footnote area) and
    whose later pages are `pages`, each as pdftotext prints it."""
    text = (f"A/RES/79/321\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n18 December 2024\n\n"
            f"79/321.\n\n{title}\nThe General Assembly,\n{body}\n")
    if footnotes:
        text += f"\n__________________\n\n{footnotes}\n"
    text += "\n24-24143 (E)\n\n*2424143*\n\f" + "".join(f"{page}\n\f" for page in pages)
    [instrument] = parse_layout("copy.txt", read_copied(text)).instruments
    return instrument.paragraphs


def _copied(body: str, footnotes: str = "", pages: tuple[str, ...] = (), title: str = "A title") -> list[tuple]:
    """Kinds, numbers and item letters of the paragraphs of a copied resolution (see _copied_paragraphs)."""
    return [(p.kind, p.number, "".join(s.letter for s in p.subparagraphs))
            for p in _copied_paragraphs(body, footnotes, pages, title)]


@pytest.mark.parametrize("noun", ["Goals, 6", "Rules); 6", "Rules), 6"])
def test_copied_reference_after_a_noun_and_punctuation(noun: str) -> None:
    """A noun asks for the number right after it ("goal 6"); after a comma or bracket the number is a reference."""
    body = f"Recalling the Sustainable Development\n{noun}\nNoting its resolution 1/1,\n1. Decides to act."
    assert _copied(body, "6\n\nSee resolution 70/1.") == [("preambular", None, ""), ("preambular", None, ""),
                                                            ("operative", 1, "")]


@pytest.mark.parametrize("heading", [["Countries in special situations"], ["III", "Rules of procedure and methods of work"]])
def test_copied_heading_after_a_clause_that_ends_with_a_reference(heading: list[str]) -> None:
    """ "… Development, 6" ends a clause: the short lines after it are a heading, not the paragraph's text."""
    lines = "\n".join(heading)
    body = f"Recalling the Declaration on the\nRight to Development, 6\n{lines}\nNoting its resolution 2/2,\n1. Decides to act."
    assert _copied(body, "6\n\nResolution 41/128.") == [("preambular", None, ""), ("preambular", None, ""),
                                                          ("operative", 1, "")]


def test_copied_rule_glued_to_the_last_line_of_the_page() -> None:
    """pdftotext may print the footnote rule at the end of the page's last text line."""
    body = ("1. Decides to act; 6\n2. Requests the Secretary-General to report; 7\n3. Also requests the"
            " Secretary_______________\n6\n\nSee A/1.\n7\n\nSee A/2.")
    assert _copied(body, pages=("A/RES/79/321\n\nA title\n\n-General to act.",)) == [("operative", 1, ""), ("operative", 2, ""), ("operative", 3, "")]


@pytest.mark.parametrize("title", [["Special Rapporteur on contemporary forms of racism, racial discrimination,",
                                     "xenophobia and related intolerance"],
                                    ["Trust fund for the Programme for the Decade to Combat Racism", "and Racial Discrimination"],
                                    ["Conditions of service and compensation for officials, other than staff",
                                     "officials, serving the General Assembly: full-time members of the",
                                     "Commission and the Chair of the Advisory Committee on",
                                     "Administrative and Budgetary Questions"]])
def test_copied_part_number_and_its_title(title: list[str]) -> None:
    """A part's number alone on its line ("VII") and its title lines stand apart from the paragraphs around them."""
    lines = "\n".join(title)
    body = f"1. Decides to act;\nVII\n{lines}\n2. Takes note of the report;"
    assert _copied(body) == [("operative", 1, ""), ("operative", 2, "")]


@pytest.mark.parametrize("heading", ["Support Office", "Request for a subvention to the Court"])
def test_copied_heading_that_opens_with_a_base_verb(heading: str) -> None:
    """A lead is inflected ("Supports", "Requests"); a line opening with the bare word is a heading."""
    body = f"1. Decides to act;\nDepartment of Political Affairs\n{heading}\n2. Encourages the Office to act;"
    assert _copied(body) == [("operative", 1, ""), ("operative", 2, "")]


def test_copied_symbol_below_a_line_the_copy_put_atop_the_page() -> None:
    """The running head's symbol is furniture even when pdftotext printed a paragraph's label above it."""
    pages = ("A title\n\n2.\n\nA/RES/79/321\n\nRequests the Secretary-General to act;",
             "A title\n\nA/RES/79/321\n\n3. Decides to act.")
    assert _copied("1. Decides to act;", pages=pages) == [("operative", 1, ""), ("operative", 2, ""), ("operative", 3, "")]


def test_copied_two_pages_running_head_broken_unlike_the_title() -> None:
    """With two pages the running head is known by the title it repeats, however its lines break."""
    title = "Promotion of inclusive and effective international tax cooperation\nat the United Nations"
    page = ("Promotion of inclusive and effective international\ntax cooperation at the United Nations\n\n"
            "A/RES/79/321\n\nRecognizing the importance of cooperation,\n1. Decides to act.")
    assert _copied("Recalling its resolution 1/1,", pages=(page,), title=title) == [
        ("preambular", None, ""), ("preambular", None, ""), ("operative", 1, "")]


def test_copied_label_atop_two_pages_is_no_running_head() -> None:
    """Parts that number their paragraphs afresh may put the same label at the top of two pages."""
    pages = ("A/RES/79/321\n\nA title\n\n3.\nRequests the Secretary-General to act;\nII\nFollow-up\n"
             "1. Decides to act;\n2. Decides to act;",
             "A/RES/79/321\n\nA title\n\n3.\nRequests the Secretary-General to report.")
    assert [n for _, n, _ in _copied("1. Decides to act;\n2. Decides to act;", pages=pages)] == [1, 2, 3, 1, 2, 3]


@pytest.mark.parametrize(("last", "first"), [("2026;", "Welcomes the entry into force of the Agreement on 17 January"),
                                             ("Fund:", "The Secretary-General is authorized to advance from the Capital")])
def test_copied_last_line_printed_above_the_first(last: str, first: str) -> None:
    """pdftotext may print a short paragraph's last line under its label, above the paragraph's first line."""
    body = f"1. Decides to act;\n2.\n{last}\n\n{first}\n\n3. Requests the Secretary-General to report."
    paragraphs = _copied_paragraphs(body)
    assert [(p.number, p.text) for p in paragraphs] == [(1, "Decides to act;"), (2, f"{first} {last}"),
                                                        (3, "Requests the Secretary-General to report.")]


def test_copied_number_printed_without_its_full_stop() -> None:
    """A number alone on its line after a clause's end and before a lead is a label that lost its stop."""
    body = "1. Decides to act;\n2. Requests the Secretary-General to report;\n3\nAlso requests the Secretary-General\nto act."
    assert _copied(body) == [("operative", 1, ""), ("operative", 2, ""), ("operative", 3, "")]


@pytest.mark.parametrize("separator", ["***", "* * *"])
def test_copied_separator_line_ends_a_paragraph(separator: str) -> None:
    body = f"Recalling its resolution 1/1 of the\nGeneral Assembly,\n{separator}\nRecognizing the role of\nthe Assembly,\n1. Decides to act."
    assert _copied(body) == [("preambular", None, ""), ("preambular", None, ""), ("operative", 1, "")]


def test_copied_words_set_apart_go_back_to_their_line() -> None:
    """Words a justified line set far apart come after their block between blank lines; they go back
    to the line they were cut from, and the next paragraph still starts where its lead opens a line."""
    body = ("Noting its\nresolution 1/1,\nRecalling its resolution 73/89 of 6 December\n“Comprehensive, just and lasting"
            " peace”,\n\n2018,\n\nentitled\n\nRecalling further the relevant resolutions,\n1. Decides to act.")
    paragraphs = _copied_paragraphs(body)
    assert [(p.kind, p.lead_phrase) for p in paragraphs] == [
        ("preambular", "Noting"), ("preambular", "Recalling"), ("preambular", "Recalling further"), ("operative", "Decides")]
    assert [p.text for p in paragraphs[:2]] == [
        "Noting its resolution 1/1,", "Recalling its resolution 73/89 of 6 December 2018, entitled “Comprehensive, just and lasting peace”,"]


@pytest.mark.parametrize(("line", "paragraphs"), [
    ("Stockpiling and Use of Chemical Weapons 2 and the Protocol,", 2),  # a name's words, cut after a comma
    ("Honouring the work of the Commission,", 3),  # a lead the vocabulary lacks
])
def test_copied_unknown_lead_is_not_a_name(line: str, paragraphs: int) -> None:
    body = f"Recalling the Convention on the Development, Production,\n{line}\n1. Decides to act."
    assert len(_copied(body, "2\n\nUnited Nations, Treaty Series, vol. 1974.")) == paragraphs


@pytest.mark.parametrize(("body", "items"), [
    ("1. Calls for initiatives to: (a) focus on\nimpact; (b) promote ownership; (c) give consideration;\n"
     "(d) ensure additionality;\n2. Decides to act.", ["", ""]),  # items inline: a line may open with one
    ("1. Decides:\n(a) To act;\n(b) To report:\n(i) Annually;\n(ii) In writing;\n(c) To end;\n2. Decides to act.",
     ["abc", ""]),
])
def test_copied_item_opens_a_line_where_the_sequence_goes_on(body: str, items: list[str]) -> None:
    assert [letters for _, _, letters in _copied(body)] == items


def test_copied_part_letter_gathered_with_a_label_goes_after_the_first_line() -> None:
    """pdftotext may gather the left margin's labels ("17." / "A."): a paragraph never opens with a part's letter."""
    body = ("16. Decides to act;\n17.\nA.\n\nApproves the changes set out in the table below:\n\n"
            "Pension Administration\n\nLegal Officer\n18. Decides to report.")
    paragraphs = _copied_paragraphs(body)
    assert [(p.number, p.lead_phrase) for p in paragraphs] == [(16, "Decides"), (17, "Approves"), (18, "Decides")]


COPIES = ["A_RES_79_186", "A_RES_79_187", "A_RES_79_188", "A_RES_79_189", "A_C.3_80_L.19", "A_C.3_80_L.26",
          "A_RES_80_2", "A_RES_80_9", "A_RES_80_220", "A_RES_80_245"]


@pytest.mark.skipif(not (SHARED_SAMPLES / "pdf").is_dir() or shutil.which("pdftotext") is None,
                    reason="needs ../shared/samples/pdf and poppler's pdftotext")
@pytest.mark.parametrize("name", COPIES)
def test_pdftotext_copy_agrees_with_its_pdf(name: str, tmp_path: Path) -> None:
    """A user's text copy gives the PDF's instruments, paragraphs, numbers and sub-items; its leads as far
    as plain text shows them (an italic run longer than the vocabulary's phrase cannot be seen in a copy)."""
    pdf = SHARED_SAMPLES / "pdf" / f"{name}.pdf"
    copy = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", str(pdf), str(copy)], check=True)
    read_pdf, from_pdf = _parse_pdf(pdf.read_bytes())
    read_txt = read_file(copy, copy.read_bytes())
    from_copy = parse_layout(copy.name, read_txt.layout)
    assert read_txt.file_format == "text"

    def shape(doc):
        return [(i.label, i.title, i.acting_body, [(p.kind, p.number, "".join(s.letter for s in p.subparagraphs))
                                                   for p in i.paragraphs]) for i in doc.instruments]

    assert shape(from_copy) == shape(from_pdf)
    pdf_leads = [p.lead_phrase for p in from_pdf.instruments[0].paragraphs]
    copy_leads = [p.lead_phrase for p in from_copy.instruments[0].paragraphs]
    assert all(a is not None and b is not None and f"{a} ".startswith(f"{b} ") for a, b in zip(pdf_leads, copy_leads))
    assert document_metadata(read_txt.layout, from_copy).symbol == document_metadata(read_pdf.layout, from_pdf).symbol


def _two_page_pdf_with_a_continued_footnote() -> bytes:
    """A tiny resolution whose footnote 1 runs from the bottom of page 1 to the bottom of page 2."""
    import pymupdf

    doc = pymupdf.open()
    pages = [
        # (x, y, text, font, size) on page 1, then on page 2
        [(60, 300, "79/321. A title", "tibo", 12), (147, 330, "The General Assembly,", "tiit", 10),
         (147, 348, "Recalling", "tiit", 10), (193, 348, " its resolution 1/1,", "tiro", 10),
         (276, 344, "1", "tiro", 6.5), (117, 680, "1", "tiro", 5.5),
         (123, 682, "A footnote long enough to run on from the first page", "tiro", 8.5)],
        [(147, 100, "1.", "tiro", 10), (170, 100, "Decides", "tiit", 10), (206, 100, " to act.", "tiro", 10),
         (123, 682, "to the bottom of the second page.", "tiro", 8.5)],
    ]
    for texts in pages:
        page = doc.new_page(width=612, height=792)
        page.insert_text((100, 660), "__________________", fontname="tibo", fontsize=8)
        for x, y, text, font, size in texts:
            page.insert_text((x, y), text, fontname=font, fontsize=size)
    return doc.tobytes()


def test_a_footnote_continued_on_the_next_page_is_one_footnote() -> None:
    _, doc = _parse_pdf(_two_page_pdf_with_a_continued_footnote())
    [instrument] = doc.instruments
    assert [(p.kind, p.lead_phrase) for p in instrument.paragraphs] == [("preambular", "Recalling"),
                                                                          ("operative", "Decides")]
    [footnote] = doc.footnotes
    assert footnote.marker == "1"
    assert footnote.text == "A footnote long enough to run on from the first page to the bottom of the second page."
    assert [b.page for b in footnote.boxes] == [1, 2]


@pytest.mark.parametrize("heading", ["## Annex", "## Annexes", "**Annex II**"])
def test_an_annex_is_attached_text_not_paragraphs(heading: str) -> None:
    from etl_snippets import parse, resolution

    doc = parse(resolution("*Recalling* its resolution 1/1,\n\n1. *Decides* to act.") +
                f"\n{heading}\n\n### Guidelines\n\n1. States should act.\n\n2. States should report.\n")
    assert [(p.kind, p.number) for p in doc.instruments[0].paragraphs] == [("preambular", None), ("operative", 1)]
    [annex] = doc.attachments
    assert annex.kind == "annex" and [t.label for t in annex.paragraphs] == [None, "1", "2"]


def test_a_date_below_the_masthead_does_not_swallow_the_lines_above_it() -> None:
    """The masthead is the run of masthead lines from the top; a date lower on page 1 is text."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for x, y, text, font, size in [
        (60, 58, "United Nations", "tiro", 13), (480, 45, "A/RES/79/321", "tiro", 10),
        (400, 80, "Distr.: General", "tiro", 10), (400, 92, "18 December 2024", "tiro", 10),
        (60, 215, "Seventy-ninth session", "tibo", 10), (60, 227, "Agenda item 107", "tiro", 10),
        (123, 240, "17 December 2024", "tiro", 10),  # a date line inside the page's top third
        (60, 300, "79/321. A title", "tibo", 12), (147, 330, "The General Assembly,", "tiit", 10),
        (147, 348, "1.", "tiro", 10), (170, 348, "Decides", "tiit", 10), (206, 348, " to act.", "tiro", 10)]:
        page.insert_text((x, y), text, fontname=font, fontsize=size)
    read, parsed = _parse_pdf(doc.tobytes())
    meta = document_metadata(read.layout, parsed)
    assert (meta.symbol, meta.session, meta.agenda) == ("A/RES/79/321", 79, "107")
    assert [b.text for b in read.layout.blocks if b.furniture == "masthead"] == [
        "A/RES/79/321", "United Nations", "Distr.: General", "18 December 2024"]
    assert "17 December 2024" not in [b.text for b in read.layout.blocks if b.kind == "furniture"]
