"""Unkind PDFs through the CLI: each is generated (pdf_fixtures.py), run, and given its expected outcome.

Outcomes, as for the text formats: "error" = exit 1 with one line naming the file and the reason, the
old database intact; "loaded" = exit 0 with the paragraphs counted. Never a traceback. The reasons
are the contract of the PDF reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pdf_fixtures as fx
import pytest
from etl_snippets import GOOD, digest

from etl.__main__ import main

PLAIN = fx.un_resolution()  # what the JavaScript and form PDFs are built on: 3 preambular, 4 operative
PLAIN_LABEL = "Resolution " + PLAIN.symbol.removeprefix("A/RES/")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]  # generated when the test runs, not at collection
    outcome: str  # error | loaded
    message: str = ""  # in stderr: the error's reason
    paragraphs: tuple[int, int] | None = None  # preambular, operative loaded


CASES = [
    Case("scanned.pdf", fx.scanned_pdf, "error", "no text layer: run OCR first"),
    Case("encrypted.pdf", fx.encrypted_pdf, "error", "encrypted PDF"),
    Case("truncated.pdf", fx.truncated_pdf, "error", "damaged PDF"),
    # PyMuPDF opens this one without an exception and without repairing it, but page 2 loses more
    # than half its words ("syntax error" in MuPDF's warnings, nothing in the API): loading it would
    # store cut paragraphs as if whole. None of the 265 official sample PDFs gives a MuPDF warning.
    Case("corrupt.pdf", fx.corrupt_pdf, "error", "damaged PDF"),
    Case("not_a_pdf_text.pdf", lambda: fx.not_a_pdf("text"), "error", "not a PDF"),
    # MuPDF would open these two anyway, sniffing an image and an HTML page behind the .pdf name
    Case("not_a_pdf_png.pdf", lambda: fx.not_a_pdf("png"), "error", "not a PDF"),
    Case("not_a_pdf_html.pdf", lambda: fx.not_a_pdf("html"), "error", "not a PDF"),
    Case("empty.pdf", lambda: b"", "error", "file is empty"),
    Case("invoice.pdf", fx.non_un_pdf, "error", "no resolution or decision found"),
    # the scripts are never run: the reader only reads text
    Case("javascript.pdf", fx.javascript_pdf, "loaded", paragraphs=(PLAIN.preambular, PLAIN.operative)),
    # the widgets' text comes after the closing lines: it is no paragraph
    Case("form.pdf", fx.form_pdf, "loaded", paragraphs=(PLAIN.preambular, PLAIN.operative)),
    # an owner password only restricts copying and printing; any viewer opens the file
    Case("permissions_only.pdf", fx.permissions_only_pdf, "loaded", paragraphs=(PLAIN.preambular, PLAIN.operative)),
]
ERRORS = [c for c in CASES if c.outcome == "error"]



def _counts(db: Path) -> tuple[list[str], list[str], tuple[int, int]]:
    """Documents loaded, their instruments' labels, and the preambular and operative paragraphs."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select source_name from documents order by source_name").fetchall()]
        labels = [r[0] for r in con.execute("select label from instruments order by label").fetchall()]
        kinds = dict(con.execute("select kind, count(*) from paragraphs group by kind").fetchall())
    return names, labels, (kinds.get("preambular", 0), kinds.get("operative", 0))


@pytest.fixture(scope="module")
def long_resolution() -> fx.Resolution:
    return fx.un_resolution(pages=60)



@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_pdf(case: Case, tmp_path: Path, existing_db: Path, capsys) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.make())
    before = digest(existing_db)
    capsys.readouterr()
    code = main([str(path), "--db", str(existing_db)])
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    if case.outcome == "error":
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        assert code == 1, err
        assert len(errors) == 1, err
        assert str(path) in errors[0] and case.message in errors[0], err
        assert digest(existing_db) == before
    else:
        assert code == 0, err
        assert "warning: skipped" not in err, err
        assert _counts(existing_db) == ([case.name], [PLAIN_LABEL], case.paragraphs)


def test_sixty_page_resolution(long_resolution: fx.Resolution, tmp_path: Path, capsys) -> None:
    path = tmp_path / "A_RES_79_321.pdf"
    path.write_bytes(long_resolution.pdf)
    db = tmp_path / "r.duckdb"
    code = main([str(path), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err, err
    assert _counts(db) == ([path.name], [PLAIN_LABEL], (long_resolution.preambular, long_resolution.operative))


def test_folder_with_good_and_bad_pdfs(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(fx.un_resolution_pdf(2, 3, number=322))
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    for case in ERRORS:
        (folder / case.name).write_bytes(case.make())
    db = tmp_path / "r.duckdb"
    code = main([str(folder), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err, err
    skipped = [line for line in err.splitlines() if line.startswith("warning: skipped ")]
    for case in ERRORS:
        mine = [line for line in skipped if line.startswith(f"warning: skipped {folder / case.name}: ")]
        assert len(mine) == 1 and case.message in mine[0], (case.name, err)
    assert len(skipped) == len(ERRORS), err
    names, labels, (preambular, operative) = _counts(db)
    assert names == ["good.md", "good.pdf"] and labels == ["Draft resolution I", "Resolution 79/322"]
    assert (preambular, operative) == (2 + 1, 3 + 2)
