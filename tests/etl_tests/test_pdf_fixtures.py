"""The generated PDFs are what they claim to be, read back with PyMuPDF (no ETL involved).

These also pin what PyMuPDF 1.28 does with the unkind files, which the reader's contract rests on:
a truncated file opens, repaired, with its last page empty; a file damaged inside a content stream
opens unrepaired and loses words silently, saying so only in MuPDF's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pdf_fixtures as fx
import pymupdf
import pytest

BODY_SIZE = fx.BODY_SIZE


@pytest.fixture(autouse=True)
def _quiet_mupdf() -> Iterator[None]:
    """Collect MuPDF's warnings for the test instead of printing them."""
    shown = pymupdf.TOOLS.mupdf_display_errors()
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    yield
    pymupdf.TOOLS.mupdf_display_errors(shown)


@pytest.fixture(scope="module")
def long_resolution() -> fx.Resolution:
    return fx.un_resolution(pages=60)


def _open(data: bytes) -> pymupdf.Document:
    return pymupdf.open("pdf", data)


def _spans(page: pymupdf.Page) -> list[dict]:
    return [span for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
            for span in line["spans"]]


def _in_body(page: pymupdf.Page, span: dict) -> bool:
    """10-pt text between the masthead (page 1) and the footer."""
    return span["size"] == BODY_SIZE and (330 if page.number == 0 else 70) < span["origin"][1] < 740


def _body_text(doc: pymupdf.Document) -> str:
    """The paragraph text of the pages without footnote markers, lines joined as a reader should."""
    lines = []
    for page in doc:
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                words = "".join(s["text"] for s in line["spans"] if _in_body(page, s) and not s["flags"] & 1)
                if words.strip():
                    lines.append(words.strip())
    text = ""
    for line in lines:
        text += line if text.endswith("-") else " " + line  # "thirty-" + "fourth"
    return re.sub(r"\s+", " ", text)


# --- the synthetic resolution --------------------------------------------------------------------

def test_resolution_reads_like_an_official_one() -> None:
    res = fx.un_resolution()
    doc = _open(res.pdf)
    assert doc.is_pdf and not doc.needs_pass and doc.page_count == res.pages == 2
    first = doc[0].get_text()
    for words in ("United Nations", "A/RES/79/321", "General Assembly", "Distr.: General", "18 December 2024",
                  "Seventy-ninth session", "Agenda item 107", "Resolution adopted by the General Assembly",
                  "on 17 December 2024", "on the report of the Third Committee (A/79/459, para. 37)",
                  "79/321.", "The General Assembly", "24-24321 (E)"):
        assert words in first, words
    last = doc[-1].get_text()
    assert "53rd plenary meeting" in last and "17 December 2024" in last
    assert {s["font"] for p in doc for s in _spans(p)} >= {"Times-Roman", "Times-Italic", "Times-Bold"}


def test_lead_phrases_are_italic_and_indented() -> None:
    res = fx.un_resolution()
    doc = _open(res.pdf)
    italic = {}
    for page in doc:
        for span in _spans(page):
            if span["flags"] & 2 and _in_body(page, span):
                italic[span["text"]] = round(span["origin"][0], 1)
    for p in res.paragraphs:
        assert italic[p.lead_phrase] == (fx.VERB_X if p.kind == "operative" else fx.INDENT_X), p.lead_phrase
    numbers = [s for s in _spans(doc[0]) if re.fullmatch(r"\d+\. ", s["text"])]
    assert {round(s["origin"][0], 1) for s in numbers} == {fx.INDENT_X}
    body = [s for p in doc for s in _spans(p) if _in_body(p, s) and not s["flags"] & 2]
    assert min(round(s["origin"][0], 1) for s in body) == fx.BODY_X


def test_paragraph_spacing_is_12_within_and_18_between() -> None:
    doc = _open(fx.un_resolution().pdf)
    baselines = sorted({round(s["origin"][1], 1) for s in _spans(doc[0])
                        if s["size"] == BODY_SIZE and s["text"].strip() and 350 < s["origin"][1] < 650})
    assert {round(b - a, 1) for a, b in zip(baselines, baselines[1:])} == {12.0, 18.0}


def test_footnote_references_are_raised_and_footnotes_sit_below_a_rule() -> None:
    res = fx.un_resolution()
    doc = _open(res.pdf)
    markers = [s["text"] for p in doc for s in _spans(p) if s["flags"] & 1]
    assert markers == [str(n) for n in range(1, len(res.footnotes) + 1)] and res.footnotes
    for page in doc:
        spans = _spans(page)
        notes = [s for s in spans if s["size"] == fx.FOOTNOTE_SIZE and s["text"].strip() and not s["flags"] & 16]
        rules = [s for s in spans if s["text"].startswith("____")]
        if notes:
            [rule] = rules
            assert min(s["origin"][1] for s in notes) > rule["origin"][1]
            body = [s for s in spans if _in_body(page, s)]
            assert max(s["origin"][1] for s in body) < rule["origin"][1]
    text = " ".join(p.get_text() for p in doc)
    for note in res.footnotes:
        assert note in text


def test_running_head_and_page_numbers_from_page_2() -> None:
    doc = _open(fx.un_resolution(pages=3).pdf)
    for number, page in enumerate(doc, start=1):
        small = [s["text"] for s in _spans(page) if s["size"] == 8.5 and s["flags"] & 16]
        if number == 1:
            assert f"1/{doc.page_count}" not in small
        else:
            assert {"A/RES/79/321", "Reducing reoffending through rehabilitation and reintegration",
                    f"{number}/3"} <= set(small)
            assert "24-24321" in page.get_text()


def test_generated_paragraphs_are_the_text_of_the_pdf() -> None:
    res = fx.un_resolution(5, 9)
    body = _body_text(_open(res.pdf))
    assert (res.preambular, res.operative) == (5, 9)
    for p in res.paragraphs:
        assert p.text in body, p.text
    assert res.paragraphs[-1].text.endswith(".") and all(p.text.endswith(";") for p in res.paragraphs[5:-1])
    assert all(p.text.endswith(",") for p in res.paragraphs[:5])
    assert [p.number for p in res.paragraphs if p.kind == "operative"] == list(range(1, 10))


def test_same_arguments_same_bytes() -> None:
    assert fx.un_resolution_pdf(4, 6) == fx.un_resolution_pdf(4, 6)
    assert fx.un_resolution_pdf(4, 6) != fx.un_resolution_pdf(4, 6, number=322)


@pytest.mark.parametrize("pages", [1, 2, 3, 5])
def test_pages_are_filled_exactly(pages: int) -> None:
    res = fx.un_resolution(1, 1, pages=pages)
    assert _open(res.pdf).page_count == res.pages == pages
    assert res.operative >= 1


def test_sixty_pages(long_resolution: fx.Resolution) -> None:
    doc = _open(long_resolution.pdf)
    assert doc.page_count == long_resolution.pages == 60
    assert "60/60" in doc[-1].get_text() and "53rd plenary meeting" in doc[-1].get_text()
    assert long_resolution.operative > 500
    body = _body_text(doc)
    assert all(p.text in body for p in long_resolution.paragraphs[::50])


def test_markers_and_commas_stay_with_their_word(long_resolution: fx.Resolution) -> None:
    for page in _open(long_resolution.pdf):
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                visible = [s for s in line["spans"] if s["text"].strip()]
                if visible and _in_body(page, visible[0]) or visible and visible[0]["flags"] & 1:
                    assert not visible[0]["flags"] & 1 and not visible[0]["text"].lstrip().startswith((",", ";"))


def test_too_many_paragraphs_for_the_pages() -> None:
    with pytest.raises(ValueError, match="need more than 1 pages"):
        fx.un_resolution(10, 10, pages=1)


# --- the unkind ones -----------------------------------------------------------------------------

def test_scanned_has_images_and_no_text_layer() -> None:
    doc = _open(fx.scanned_pdf())
    assert doc.is_pdf and doc.page_count == 2
    for page in doc:
        assert page.get_text().strip() == ""
        [image] = page.get_images(full=True)
        assert page.get_image_rects(image[0]) == [page.rect]


def test_encrypted_needs_the_user_password() -> None:
    doc = _open(fx.encrypted_pdf())
    assert doc.is_pdf and doc.needs_pass and doc.is_encrypted
    assert not doc.authenticate("wrong")
    assert doc.authenticate("x") and "A/RES/79/321" in doc[0].get_text()


def test_permissions_only_opens_without_a_password() -> None:
    doc = _open(fx.permissions_only_pdf())
    assert doc.metadata["encryption"] and not doc.needs_pass
    assert not doc.permissions & pymupdf.PDF_PERM_COPY
    assert "A/RES/79/321" in doc[0].get_text()


def test_truncated_opens_repaired_with_its_end_missing() -> None:
    whole = fx.un_resolution_pdf(pages=3)
    data = fx.truncated_pdf()
    assert len(data) == int(len(whole) * 0.6) and whole.startswith(data)
    doc = _open(data)  # MuPDF does not raise: it rebuilds the cross-reference table
    assert doc.is_repaired
    assert doc[-1].get_text().strip() == ""
    assert "repair" in pymupdf.TOOLS.mupdf_warnings()


def test_corrupt_loses_words_and_says_so_only_in_warnings() -> None:
    whole, data = fx.un_resolution_pdf(pages=3), fx.corrupt_pdf()
    assert len(data) == len(whole) and data != whole and data[:100] == whole[:100] and data[-100:] == whole[-100:]
    good, bad = _open(whole), _open(data)  # no exception, no repair
    pymupdf.TOOLS.reset_mupdf_warnings()
    texts = [(p.get_text(), q.get_text()) for p, q in zip(good, bad)]
    assert not bad.is_repaired and bad.page_count == 3
    assert [a == b for a, b in texts] == [True, False, True]
    assert len(texts[1][1]) < len(texts[1][0]) / 2
    assert "syntax error" in pymupdf.TOOLS.mupdf_warnings()


@pytest.mark.parametrize("kind", ["text", "html", "png"])
def test_not_a_pdf_is_not_opened_as_one(kind: str, tmp_path: Path) -> None:
    data = fx.not_a_pdf(kind)
    assert not data.startswith(b"%PDF")
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data)
    try:
        doc = pymupdf.open(path)
    except pymupdf.FileDataError:
        assert kind == "text"  # taken for a PDF by its name, and given up on
    else:
        assert kind != "text" and not doc.is_pdf  # sniffed: an image or HTML document, whatever the name


def test_non_un_pdf_is_an_invoice() -> None:
    doc = _open(fx.non_un_pdf())
    text = doc[0].get_text()
    assert doc.is_pdf and "Invoice No. 2024-0117" in text and "Total due" in text
    assert "General Assembly" not in text and "resolution" not in text.lower()


def test_javascript_pdf_carries_scripts_and_the_same_text() -> None:
    doc = _open(fx.javascript_pdf())
    catalog = doc.pdf_catalog()
    kind, action = doc.xref_get_key(catalog, "OpenAction")
    assert kind == "xref" and "/JavaScript" in doc.xref_object(int(action.split()[0]))
    assert "/JavaScript" in doc.xref_get_key(catalog, "Names")[1]
    assert [p.get_text() for p in doc] == [p.get_text() for p in _open(fx.un_resolution_pdf())]


def test_form_pdf_has_widgets_below_the_text() -> None:
    doc = _open(fx.form_pdf())
    assert doc.is_form_pdf == 2
    widgets = {w.field_name: w for w in doc[-1].widgets()}
    assert widgets["reviewer"].field_value == "Checked against the record" and widgets["approved"].field_value
    [date] = doc[-1].search_for(fx.ADOPTED)
    assert all(w.rect.y0 > date.y1 for w in widgets.values())
    plain = _open(fx.un_resolution_pdf())
    assert [p.get_text() for p in doc][:-1] == [p.get_text() for p in plain][:-1]
    # MuPDF's text extraction includes the widgets' appearance: the field's value and the check
    # mark (ZapfDingbats "3") come after the closing lines, so a reader sees two more lines there
    assert doc[-1].get_text() == plain[-1].get_text() + "Checked against the record\n3\n"
