"""Bad-input corpus: each case is built here, run through the CLI, and given its expected outcome.

Outcomes: "error" = exit 1 with one line naming the file and the problem, the old database intact;
"loaded" = exit 0 and loaded (with the named warning, if any). Never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from etl_snippets import GOOD, SEEDS, digest, resolution

from etl.__main__ import main

SEED_TEXT = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    outcome: str  # error | loaded
    message: str = ""  # in stderr: the error, or the named warning
    paragraphs: int | None = None  # paragraphs loaded, when it matters


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


CASES = [
    Case("empty.md", b"", "error", "file is empty"),
    Case("binary.md", bytes(range(256)) * 4, "error", "binary file"),
    Case("truncated.md", _utf8(GOOD[: GOOD.index("2. *Invites*") + 20]), "loaded", paragraphs=3),
    Case("latin1.md", GOOD.replace("act;", "act, caf\u00e9;").encode("cp1252"), "loaded", "decoded as cp1252", 3),
    Case("bom.md", b"\xef\xbb\xbf" + _utf8(GOOD), "loaded", paragraphs=3),
    Case("crlf.md", _utf8(GOOD.replace("\n", "\r\n")), "loaded", paragraphs=3),
    Case("no_instruments.md", _utf8("# Minutes\n\nThe meeting was opened at 10 a.m.\n"), "error",
         "no resolution or decision found"),
    Case("no_paragraphs.md", _utf8("## Draft resolution I\n\n### A title only\n"), "loaded", paragraphs=0),
    Case("duplicate_numbers.md", _utf8(resolution("1. *Decides* to act;\n\n1. *Requests* the Secretary-General to act.")),
         "loaded", "paragraph numbered 1, expected 2", 2),
    Case("numbering_gap.md", _utf8(resolution("1. *Decides* to act;\n\n4. *Requests* the Secretary-General to act.")),
         "loaded", "paragraph numbered 4, expected 2", 2),
    Case("long_line.md", _utf8(resolution("1. *Requests* the Secretary-General " + "to act and " * 9100 + "to report.")),
         "loaded", paragraphs=1),
    Case("unbalanced_emphasis.md", _utf8(resolution("*Recalling* ***its **resolution* 1/1,\n\n1. *Requests* " + "*a " * 2000)),
         "loaded", paragraphs=2),
    Case("nested_emphasis.md", _utf8(resolution("*Recalling* **_its_ resolution** 1/1,\n\n1. ***Decides*** to act.")),
         "loaded", paragraphs=2),
    Case("html.md", _utf8(resolution("1. *Requests* the Secretary-General <script>alert(1)</script> "
                                     "<img src=x onerror=alert(2)> [a link](http://example.org) to act.")),
         "loaded", paragraphs=1),
    Case("footnote_without_text.md", _utf8(resolution("*Recalling* the report,<sup>7</sup>\n\n1. *Decides* to act.")),
         "loaded", "footnote marker 7 has no footnote text", 2),
    Case("only_rules_and_footnotes.md", _utf8("---\n\n<sup>1</sup> E/CN.15/2024/12.\n\n---\n"), "error",
         "no resolution or decision found"),
]




@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case: Case, tmp_path: Path, existing_db: Path, capsys) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.content)
    before = digest(existing_db)
    code = main([str(path), "--db", str(existing_db)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert case.message in err
    if case.outcome == "error":
        assert code == 1
        assert str(path) in err and len([line for line in err.splitlines() if line.startswith("error:")]) == 1
        assert digest(existing_db) == before
    else:
        assert code == 0
        with duckdb.connect(str(existing_db), read_only=True) as con:
            assert con.execute("select source_name from documents").fetchall() == [(case.name,)]
            if case.paragraphs is not None:
                assert con.execute("select count(*) from paragraphs").fetchone()[0] == case.paragraphs


def test_html_is_stored_as_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "html.md"
    path.write_bytes(next(c for c in CASES if c.name == "html.md").content)
    db = tmp_path / "r.duckdb"
    assert main([str(path), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        text = con.execute("select text from paragraphs").fetchone()[0]
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert "a link to act" in text  # the markdown link is reduced to its words


def test_folder_with_good_and_bad_files(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.content)
    db = tmp_path / "r.duckdb"
    assert main([str(folder), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    errors = {c.name for c in CASES if c.outcome == "error"}
    skipped = {line.removeprefix("warning: skipped ").split(":")[0].rsplit("/", 1)[-1]
               for line in err.splitlines() if line.startswith("warning: skipped")}
    assert skipped == errors
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = {r[0] for r in con.execute("select source_name from documents").fetchall()}
    assert loaded == {c.name for c in CASES if c.outcome == "loaded"}


def test_fifty_megabyte_report(tmp_path: Path, capsys) -> None:
    copies = 50_000_000 // len(SEED_TEXT.encode("utf-8")) + 1
    path = tmp_path / "big.md"
    path.write_text("\n\n".join([SEED_TEXT] * copies), encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    db = tmp_path / "r.duckdb"
    assert main([str(path), "--db", str(db)]) == 0
    assert f"big.md: {8 * copies} instruments" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from paragraphs where kind = 'operative'").fetchone()[0] == 69 * copies
