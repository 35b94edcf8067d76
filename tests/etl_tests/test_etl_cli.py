"""The command line and bad input: one clear line, the right exit code, the old database intact."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from etl_snippets import ROOT, SEEDS, digest, resolution

from etl.__main__ import main

GOOD = resolution("*Recalling* its resolution 1/1,\n\n1. *Requests* the Secretary-General to act.")


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path



@pytest.fixture
def existing_db(tmp_path: Path) -> Path:
    """A database already built from a good file, to prove failures leave it alone."""
    db = tmp_path / "out" / "resolutions.duckdb"
    assert main([str(_write(tmp_path / "good.md", GOOD)), "--db", str(db)]) == 0
    return db


def test_help_shows_an_example() -> None:
    result = subprocess.run([sys.executable, "-m", "etl", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert "example:" in result.stdout and "python -m etl seeds/" in result.stdout


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-flag"])
    assert exit_info.value.code == 2


def test_seed_summary_line(tmp_path: Path, capsys) -> None:
    assert main([str(SEEDS), "--db", str(tmp_path / "r.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "000_729240fe4f2efc64.txt: 8 instruments, 67 preambular and 69 operative paragraphs, 0 warnings" in out


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.md", "", "file is empty"),
        ("blank.md", "\n\n   \n", "file is empty"),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("prose.md", "# Notes\n\nNothing here is a resolution.\n", "no resolution or decision found"),
    ],
)
def test_bad_file_alone_fails_with_one_line_and_keeps_the_database(
        tmp_path: Path, existing_db: Path, capsys, name: str, content, problem: str) -> None:
    before = digest(existing_db)
    bad = _write(tmp_path / name, content)
    assert main([str(bad), "--db", str(existing_db)]) == 1
    err = capsys.readouterr().err
    assert problem in err and str(bad) in err
    assert "Traceback" not in err
    assert digest(existing_db) == before


def test_missing_path_fails(tmp_path: Path, existing_db: Path, capsys) -> None:
    before = digest(existing_db)
    assert main([str(tmp_path / "nope.md"), "--db", str(existing_db)]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert digest(existing_db) == before


def test_one_bad_file_among_good_ones_is_skipped_with_a_warning(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "reports"
    _write(folder / "a.md", GOOD)
    _write(folder / "b.md", "")
    _write(folder / "c.md", GOOD.replace("Draft resolution I", "Draft resolution II"))
    db = tmp_path / "r.duckdb"
    assert main([str(folder), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "warning: skipped" in captured.err and "b.md: file is empty" in captured.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_same_document_twice_is_loaded_once(tmp_path: Path, capsys) -> None:
    a = _write(tmp_path / "a.md", GOOD)
    b = _write(tmp_path / "copy" / "a.md", GOOD)
    db = tmp_path / "r.duckdb"
    assert main([str(a), str(b), "--db", str(db)]) == 0
    assert "same document as" in capsys.readouterr().err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_cp1252_text_is_loaded_with_a_warning(tmp_path: Path, capsys) -> None:
    report = _write(tmp_path / "latin.md", GOOD.replace("act.", "act \u201cnow\u201d, caf\u00e9.").encode("cp1252"))
    db = tmp_path / "r.duckdb"
    assert main([str(report), "--db", str(db)]) == 0
    assert "decoded as cp1252" in capsys.readouterr().err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select encoding from documents").fetchone()[0] == "cp1252"
        assert "caf\u00e9" in con.execute("select string_agg(text, ' ') from paragraphs").fetchone()[0]


def test_bom_and_crlf_are_read_as_plain_text(tmp_path: Path) -> None:
    report = _write(tmp_path / "bom.md", ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8"))
    db = tmp_path / "r.duckdb"
    assert main([str(report), "--db", str(db)]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from paragraphs").fetchone()[0] == 2


def test_no_temporary_files_are_left(tmp_path: Path, existing_db: Path) -> None:
    main([str(_write(tmp_path / "empty.md", "")), "--db", str(existing_db)])
    assert sorted(p.name for p in existing_db.parent.iterdir()) == ["resolutions.duckdb"]


def test_progress_bar_for_many_files(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "many"
    for n in range(12):
        _write(folder / f"r{n:02}.md", GOOD.replace("resolution 1/1", f"resolution {n}/1"))
    assert main([str(folder), "--db", str(tmp_path / "r.duckdb"), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "12/12 files" in captured.err
    assert captured.out.count("1 instruments") == 12


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for n in range(20):
        _write(folder / f"r{n:02}.md", GOOD.replace("resolution 1/1", f"resolution {n}/1"))
    serial, parallel = tmp_path / "s.duckdb", tmp_path / "p.duckdb"
    assert main([str(folder), "--db", str(serial), "--workers", "1"]) == 0
    assert main([str(folder), "--db", str(parallel), "--workers", "2"]) == 0
    with duckdb.connect(str(serial), read_only=True) as a, duckdb.connect(str(parallel), read_only=True) as b:
        for table in ("paragraphs", "addressees", "events"):
            assert a.execute(f"select * from {table} order by all").fetchall() == \
                b.execute(f"select * from {table} order by all").fetchall()


def test_environment_variable_sets_the_default_database(tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    env = {**os.environ, "RESOLUTIONS_DB": str(db)}
    result = subprocess.run([sys.executable, "-m", "etl"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert db.exists() and f"wrote {db}" in result.stdout


def test_a_folder_as_database_is_one_clear_line(tmp_path: Path, capsys) -> None:
    assert main([str(SEEDS), "--db", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path}: is a folder; give the database file's path, such as ")
    assert "Traceback" not in err and err.count("\n") == 2  # the error and "nothing written"
