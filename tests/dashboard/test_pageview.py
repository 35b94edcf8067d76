"""The page behind a paragraph: pages rendered with the paragraph's boxes highlighted (checked pixel
by pixel on PDFs made here), source lines of text files, files that moved; and the Explorer, the
drill-downs and the Reader offering them (AppTest)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pymupdf
import pytest
from dash_helpers import app, assert_clean, select

from dashboard import pageview
from dashboard.pageview import SourceLine
from dashboard.text import escape_md
from etl.pipeline import build

ZOOM = 2.0
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "pdf"
PDF_DOC = "A_RES_79_321"


# ------------------------------------------------------------------------- a PDF made here

PARAGRAPH_BOX = (1, 100.0, 188.0, 400.0, 240.0)  # where the text below is written (page 1)
FOOTNOTE_BOX = (1, 100.0, 690.0, 300.0, 702.0)


def tiny_pdf(path: Path, pages: int = 2) -> Path:
    """Letter pages with known text: a 'paragraph' filling PARAGRAPH_BOX and a 'footnote' in
    FOOTNOTE_BOX on page 1, one line near the top of every further page."""
    doc = pymupdf.open()
    for n in range(1, pages + 1):
        page = doc.new_page(width=612, height=792)
        if n == 1:
            left = page.insert_textbox(pymupdf.Rect(*PARAGRAPH_BOX[1:]), "Known paragraph text " * 8, fontsize=10)
            assert left >= 0, "the paragraph must fit its box"
            page.insert_text((100, 700), "1 A known footnote.", fontsize=8)
        else:
            page.insert_text((100, 80), f"Page {n} text", fontsize=10)
    doc.save(path)
    return path


@pytest.fixture
def pdf(tmp_path) -> Path:
    return tiny_pdf(tmp_path / "tiny.pdf")


def tinted(png: bytes) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pixels (x, y) of the orange (paragraph) and blue (footnote) highlights."""
    pix = pymupdf.Pixmap(png)
    orange, blue = [], []
    samples, n = pix.samples, pix.n
    for y in range(pix.height):
        row = y * pix.stride
        for x in range(pix.width):
            r, g, b = samples[row + x * n: row + x * n + 3]
            if r > 200 and b < 200 and r - b > 40:
                orange.append((x, y))
            elif b > 200 and b - r > 25 and b - g > 10:
                blue.append((x, y))
    return orange, blue


def inside(points: list[tuple[int, int]], box: tuple, zoom: float = ZOOM, slack: float = 4.0) -> bool:
    """Every point lies in `box` (points) padded by PAD and a little for the frame's width."""
    _, x0, y0, x1, y1 = box
    pad = pageview.PAD + slack
    return all((x0 - pad) * zoom <= x <= (x1 + pad) * zoom and (y0 - pad) * zoom <= y <= (y1 + pad) * zoom
               for x, y in points)


def test_the_highlight_lies_on_the_paragraph_and_the_footnote_on_its_footnote(pdf):
    png = pageview.render_page(pdf, 1, [PARAGRAPH_BOX], [FOOTNOTE_BOX], zoom=ZOOM)
    assert png.startswith(b"\x89PNG")
    pix = pymupdf.Pixmap(png)
    assert (pix.width, pix.height) == (1224, 1584)
    orange, blue = tinted(png)
    assert inside(orange, PARAGRAPH_BOX) and inside(blue, FOOTNOTE_BOX)

    def area(box: tuple) -> float:  # of the padded box, in pixels
        return (box[3] - box[1] + 2 * pageview.PAD) * (box[4] - box[2] + 2 * pageview.PAD) * ZOOM ** 2
    # filled, not only outlined: most of each box is tinted (the rest is the letters on it)
    assert len(orange) > 0.6 * area(PARAGRAPH_BOX) and len(blue) > 0.6 * area(FOOTNOTE_BOX)
    # the known words are on the page inside the box, and the page around it stays white
    words = pymupdf.open(pdf)[0].get_text("words")
    on_paragraph = [w for w in words if w[4] in ("Known", "paragraph", "text")]
    assert len(on_paragraph) == 24 and inside([(w[0] * ZOOM, w[1] * ZOOM) for w in on_paragraph],
                                              PARAGRAPH_BOX, slack=0)
    assert pix.pixel(int(500 * ZOOM), int(400 * ZOOM)) == (255, 255, 255)


def test_boxes_of_other_pages_are_left_out(pdf):
    page2 = (2, 100.0, 68.0, 200.0, 84.0)
    first = pageview.render_page(pdf, 1, [page2], [], zoom=1.0)
    second = pageview.render_page(pdf, 2, [page2], [], zoom=1.0)
    assert tinted(first)[0] == []
    orange = tinted(second)[0]
    assert orange and inside(orange, page2, zoom=1.0)


def test_a_close_up_renders_only_the_part_around_the_paragraph(pdf):
    clip = pageview.close_up([PARAGRAPH_BOX, (2, 1.0, 2.0, 3.0, 4.0)], 1, margin=10)
    assert clip == (90.0, 178.0, 410.0, 250.0)
    png = pageview.render_page(pdf, 1, [PARAGRAPH_BOX], [], zoom=1.0, clip=clip)
    pix = pymupdf.Pixmap(png)
    assert (pix.width, pix.height) == (320, 72)
    assert len(tinted(png)[0]) > 0.5 * 320 * 72  # mostly the highlighted paragraph
    assert pageview.close_up([PARAGRAPH_BOX], 2) is None


def test_pages_are_cached_by_file_identity(pdf):
    one = pageview.render_page(pdf, 1, [PARAGRAPH_BOX], [])
    assert pageview.render_page(pdf, 1, [PARAGRAPH_BOX], []) is one  # a hit, not a new render
    assert pageview.render_page(pdf, 1, [FOOTNOTE_BOX], []) is not one  # other boxes, other image
    doc = pymupdf.open(pdf)
    doc[0].insert_text((100, 400), "A new line", fontsize=30)
    doc.save(pdf.with_suffix(".new"))
    os.replace(pdf.with_suffix(".new"), pdf)  # the file replaced at the same path
    assert pageview.render_page(pdf, 1, [PARAGRAPH_BOX], []) != one


def test_render_page_refuses_a_missing_file_and_a_page_out_of_range(pdf, tmp_path):
    with pytest.raises(FileNotFoundError):
        pageview.render_page(tmp_path / "gone.pdf", 1)
    with pytest.raises(ValueError, match="page 3 is not in a PDF of 2 pages"):
        pageview.render_page(pdf, 3)
    assert pageview.page_count(str(pdf)) == 2


def test_rendering_never_writes_the_file(pdf):
    before = pdf.read_bytes()
    pageview.render_page(pdf, 1, [PARAGRAPH_BOX], [FOOTNOTE_BOX], zoom=1.3)
    assert pdf.read_bytes() == before


@pytest.mark.parametrize("value, boxes", [
    ("[[1, 123.4, 377.1, 491.2, 436.1]]", ((1, 123.4, 377.1, 491.2, 436.1),)),
    ("[[1, 1, 2, 3, 4], [2, 5, 6, 7, 8]]", ((1, 1.0, 2.0, 3.0, 4.0), (2, 5.0, 6.0, 7.0, 8.0))),
    (None, ()), ("", ()), (float("nan"), ()), ("not json", ()), ("[[1, 'x']]", ()), ("{}", ()),
    ("[[0, 1, 2, 3, 4]]", ()),  # pages are 1-based
])
def test_boxes_are_read_from_their_json(value, boxes):
    assert pageview.parse_boxes(value) == boxes


def test_touching_boxes_are_framed_as_one():
    lines = [(2, 117.0, 660.4, 337.4, 671.5), (2, 117.0, 670.9, 188.4, 682.0), (2, 114.1, 681.4, 225.0, 692.5)]
    apart = (2, 123.4, 447.5, 491.3, 494.6)
    assert pageview.merged(lines + [apart]) == [apart, (2, 114.1, 660.4, 337.4, 692.5)]
    assert pageview.merged([(1, 0, 0, 10, 10), (2, 0, 10, 10, 20)]) == [(1, 0, 0, 10, 10), (2, 0, 10, 10, 20)]


@pytest.mark.parametrize("row, stem", [
    ({"symbol": "A/RES/79/187", "number": "3", "ordinal": 12, "kind": "operative"}, "A_RES_79_187-para-3"),
    ({"symbol": "A/RES/79/187", "number": None, "ordinal": 2, "kind": "preambular"}, "A_RES_79_187-preambular-2"),
    ({"symbol": None, "document_id": "../report", "ordinal": 1, "kind": "operative"}, "report-operative-1"),
])
def test_downloads_are_named_after_the_paragraph(row, stem):
    assert pageview.file_stem(row) == stem


@pytest.mark.parametrize("boxes, start, end, pages", [
    (((3, 1, 2, 3, 4), (4, 1, 2, 3, 4)), 3, 4, [3, 4]),
    ((), 2, 3, [2, 3]),  # no boxes: the pages the database gives
    ((), None, None, []),
])
def test_a_paragraph_stands_on_the_pages_of_its_boxes(boxes, start, end, pages):
    assert pageview.pages_of(boxes, start, end) == pages


# ------------------------------------------------------------------------- files

def test_a_file_that_moved_or_changed_is_said_plainly(pdf, tmp_path):
    gone = tmp_path / "moved.pdf"
    assert pageview.file_status(gone) == (
        f"The PDF is no longer at {gone}: the page view needs the file the database was built from.")
    assert "does not say where" in pageview.file_status(None)
    assert pageview.file_status(tmp_path) is not None  # a folder is no file
    digest = pageview.sha256_of(str(pdf))
    assert pageview.file_status(pdf, sha256=digest, pages=2) is None
    assert "is not the file the database was built from" in pageview.file_status(pdf, sha256="0" * 64)
    assert "is not the file the database was built from" in pageview.file_status(pdf, pages=5)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"not a pdf at all")
    assert "cannot be opened as a PDF" in pageview.file_status(fake)
    assert pageview.file_status(fake, "file") is None  # a text source need not be a PDF


def test_source_lines_are_numbered_as_the_etl_numbers_them(tmp_path):
    copied = tmp_path / "copied.txt"
    copied.write_bytes("one\r\ntwo\fthree\nfour\u2028still four\nfive\n".encode())
    # copied text: lines are split at \n only (etl/readers/copied.py); page breaks removed
    assert pageview.source_excerpt(copied, 2, 3, context=1, file_format="text") == [
        SourceLine(1, "one", False), SourceLine(2, "twothree", True),
        SourceLine(3, "four\u2028still four", True), SourceLine(4, "five", False)]
    md = tmp_path / "report.md"
    md.write_text("# Title\n\nA *paragraph*\nover two lines.\n\nNext.\n", encoding="utf-8")
    assert [(s.number, s.highlighted) for s in pageview.source_excerpt(md, 3, 4, context=5)] == [
        (1, False), (2, False), (3, True), (4, True), (5, False), (6, False)]
    with pytest.raises(IndexError):
        pageview.source_excerpt(md, 6, 9)


def test_cp1252_text_is_read_as_the_etl_read_it(tmp_path):
    old = tmp_path / "old.md"
    old.write_bytes("Caf\xe9 \x93quoted\x94\n".encode("latin-1"))
    assert pageview.source_excerpt(old, 1)[0].text == "Café “quoted”"


def test_source_lines_are_shown_as_text_never_markup():
    lines = [SourceLine(4, "<script>alert(1)</script>", False), SourceLine(5, "*Requests* [x](javascript:y)", True),
             SourceLine(6, "", True)]
    shown = pageview.excerpt_markdown(lines)
    assert "<script>" not in shown and escape_md("<script>alert(1)</script>") in shown
    assert f":orange-background[{escape_md('*Requests* [x](javascript:y)')}]" in shown
    assert shown.splitlines()[0].startswith("`4`")
    long = [SourceLine(n, f"line {n}", True) for n in range(1, 101)]
    cut = pageview.excerpt_markdown(long, limit=10)
    assert "line 10]" in cut and "line 11]" not in cut and "… 90 more lines of the paragraph" in cut


def test_the_seed_paragraphs_stand_on_their_source_lines(seed_db):
    with duckdb.connect(str(seed_db), read_only=True) as con:
        rows = con.execute("""
            select p.text, p.line_start, p.line_end, d.source_path, d.file_format
            from paragraphs p join instruments i using (instrument_id)
            join documents d on d.document_id = i.document_id
            order by p.paragraph_id limit 40""").fetchall()
    assert rows
    for text, start, end, path, fmt in rows:
        lines = pageview.source_excerpt(path, start, end, file_format=fmt)
        held = " ".join(s.text for s in lines if s.highlighted)
        first_words = " ".join(text.split()[:3]).replace("*", "")
        assert first_words in held.replace("*", ""), (text, held)


@pytest.mark.skipif(not (SAMPLES / "A_C.3_80_L.19.pdf").exists(), reason="no sample PDFs (../shared)")
def test_the_boxes_of_an_official_pdf_hold_their_paragraphs(tmp_path):
    """On the official A/C.3/80/L.19 (11 pages), the words inside each paragraph's boxes are the
    paragraph's own: the first words in its first box, the last in its last."""
    db = tmp_path / "l19.duckdb"
    build([SAMPLES / "A_C.3_80_L.19.pdf"], db, workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select text, boxes from paragraphs where boxes is not null").fetchall()
        notes = con.execute("select text, boxes from footnotes where boxes is not null").fetchall()
    doc = pymupdf.open(SAMPLES / "A_C.3_80_L.19.pdf")

    def words_in(box) -> str:
        page, x0, y0, x1, y1 = box
        return " ".join(doc[page - 1].get_textbox(pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1)).split())

    assert len(rows) == 33
    for text, boxes in rows + notes:
        boxed = json.loads(boxes)
        first, last = words_in(boxed[0]), words_in(boxed[-1])
        words = text.split()
        assert words[0][:6] in first and words[-1].rstrip(",;.")[:6] in last, (text[:60], first[:80])


# ------------------------------------------------------------------------- the app

def _pdf_db(tmp_path: Path, synthetic_pdf, name: str = "A_RES_79_321.pdf") -> tuple[Path, Path]:
    source = tmp_path / "src"
    source.mkdir()
    (source / name).write_bytes(synthetic_pdf.pdf)
    db = tmp_path / "db.duckdb"
    build([source], db, workers=1)
    return db, source / name


def _use(monkeypatch, db: Path) -> None:
    import streamlit as st

    monkeypatch.setenv("RESOLUTIONS_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()


def _footnoted(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select min(paragraph_id) from paragraph_footnotes where paragraph_id like ?",
                           [f"{PDF_DOC}:%"]).fetchone()[0]


def images(at) -> list:
    return at.get("image")


def downloads(at) -> list[str]:
    return [b.label for b in at.get("download_button")]


def test_the_explorer_shows_a_pdf_paragraph_on_its_page(with_pdf):
    paragraph = _footnoted(with_pdf)
    at = app("explorer", params={"paragraph": paragraph})
    assert_clean(at)
    toggle = at.toggle(key="explorer_pageview")
    assert toggle.label == "Show on the page" and not images(at)  # nothing rendered until asked
    toggle.set_value(True).run()
    assert_clean(at)
    assert not at.warning
    assert len(images(at)) == 2  # the close-up and the whole page
    assert "⬇ Page 1 (PNG)" in downloads(at) and "⬇ The PDF (A_RES_79_321.pdf)" in downloads(at)
    said = [m.value for m in at.markdown if "as printed" in m.value][0]
    assert said == ("Page 1 of [A/RES/79/321](https://undocs.org/A/RES/79/321) as printed, the paragraph "
                    "framed in orange\\, its footnotes in blue.")
    footnotes = [d.value for d in at.dataframe if "marker" in d.value.columns][0]
    assert "boxes" not in footnotes.columns  # drawn on the page, not listed as JSON

    at.toggle(key="explorer_pageview_browse").set_value(True).run()
    assert_clean(at)
    number = at.number_input[0]
    assert (number.label, number.value) == ("Page (of 2)", 1)
    at.button(key="explorer_pageview_next").click().run()
    assert at.number_input[0].value == 2 and len(images(at)) == 3
    assert at.button(key="explorer_pageview_next").disabled  # no page 3
    at.button(key="explorer_pageview_prev").click().run()
    assert at.number_input[0].value == 1


def test_the_citations_link_to_undocs(with_pdf):
    with duckdb.connect(str(with_pdf), read_only=True) as con:
        paragraph = con.execute("select min(paragraph_id) from citations where symbol like 'A/%'").fetchone()[0]
    at = app("explorer", params={"paragraph": paragraph})
    cited = [d.value for d in at.dataframe if "cited_in" in d.value.columns][0]
    assert len(cited) and all(u.startswith("https://undocs.org/") for u in cited["undocs"])


def test_the_explorer_shows_a_text_paragraph_in_its_source_lines(seed):
    at = app("explorer", params={"paragraph": "000_729240fe4f2efc64:i1:p37"})
    at.toggle(key="explorer_pageview").set_value(True).run()
    assert_clean(at)
    assert at.toggle(key="explorer_pageview").label == "Show the source lines"
    assert "Line 97 of the file 000\\_729240fe4f2efc64\\.txt, highlighted, with the lines around it:" in \
        [m.value for m in at.markdown]
    excerpt = [m.value for m in at.markdown if m.value.startswith("`94`")][0]
    assert "`97`\u2003:orange-background[23\\. \\*Further requests\\* the Secretary" in excerpt
    assert excerpt.count(":orange-background[") == 1 and not images(at)
    assert "⬇ The file (000_729240fe4f2efc64.txt)" in downloads(at)


def test_a_pdf_no_longer_where_the_etl_read_it_is_said_plainly(tmp_path, monkeypatch, synthetic_pdf):
    db, source = _pdf_db(tmp_path, synthetic_pdf)
    source.unlink()
    _use(monkeypatch, db)
    at = app("explorer", params={"paragraph": f"{PDF_DOC}:i1:p1"})
    at.toggle(key="explorer_pageview").set_value(True).run()
    assert_clean(at)
    assert [w.value for w in at.warning] == [
        f"The PDF is no longer at {source}: the page view needs the file the database was built from."]
    assert not images(at)


def test_a_pdf_replaced_by_another_is_said_plainly(tmp_path, monkeypatch, synthetic_pdf):
    db, source = _pdf_db(tmp_path, synthetic_pdf)
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "etl_tests"))
    from pdf_fixtures import un_resolution_pdf

    source.write_bytes(un_resolution_pdf(pages=3))  # another resolution at the same path
    _use(monkeypatch, db)
    at = app("explorer", params={"paragraph": f"{PDF_DOC}:i1:p1"})
    at.toggle(key="explorer_pageview").set_value(True).run()
    assert_clean(at)
    assert [w.value for w in at.warning] == [
        f"The PDF at {source} is not the file the database was built from (its contents changed): "
        "rebuild the database to see its pages."]


def test_a_text_file_no_longer_there_is_said_plainly(tmp_path, monkeypatch, seed_db):
    source = tmp_path / "src"
    source.mkdir()
    for f in (Path(__file__).resolve().parents[2] / "seeds").iterdir():
        shutil.copy(f, source / f.name)
    db = tmp_path / "seed.duckdb"
    build([source], db, workers=1)
    moved = next(source.iterdir())
    moved.unlink()
    _use(monkeypatch, db)
    at = app("explorer", params={"paragraph": "000_729240fe4f2efc64:i1:p37"})
    at.toggle(key="explorer_pageview").set_value(True).run()
    assert_clean(at)
    assert [w.value for w in at.warning] == [
        f"The file is no longer at {moved}: the page view needs the file the database was built from."]


def test_a_drilldown_paragraph_shows_its_page(with_pdf):
    at = select(app("verbs", params={"document": PDF_DOC}), "verbs_bars", ["request", "A/RES/79/321"])
    assert_clean(at)
    toggles = [t for t in at.toggle if t.label == "Show on the page"]
    assert len(toggles) == 2 and not images(at)
    toggles[0].set_value(True).run()
    assert_clean(at)
    assert len(images(at)) == 2 and "⬇ The PDF (A_RES_79_321.pdf)" in downloads(at)


def test_the_reader_shows_a_paragraph_on_its_page(with_pdf):
    at = app(None, params={"reader": f"{PDF_DOC}:i1", "document": PDF_DOC})
    assert_clean(at)
    picker = at.selectbox(key="overview_reader_page")
    assert picker.label == "Show a paragraph on its page" and len(picker.options) == 20
    assert not images(at)  # nothing rendered until asked
    picker.set_value(f"{PDF_DOC}:i1:p8").run()  # the first paragraph of page 2
    assert_clean(at)
    assert [i.proto.imgs[0].caption for i in images(at)] == ["Page 2, close up", "Page 2 of 2"]


@pytest.mark.skipif(not (SAMPLES / "A_C.3_80_L.19.pdf").exists(), reason="no sample PDFs (../shared)")
def test_a_paragraph_over_two_pages_shows_both(tmp_path, monkeypatch):
    db = tmp_path / "l19.duckdb"
    build([SAMPLES / "A_C.3_80_L.19.pdf"], db, workers=1)
    _use(monkeypatch, db)
    at = app("explorer", params={"paragraph": "A_C.3_80_L.19:i1:p3"})
    at.toggle(key="explorer_pageview").set_value(True).run()
    assert_clean(at)
    assert [i.proto.imgs[0].caption for i in images(at)] == [
        "Page 1, close up", "Page 2, close up", "Page 1 of 11", "Page 2 of 11"]
    assert [m.value for m in at.markdown if "as printed" in m.value][0].startswith("Pages 1–2 of ")
