"""Property-based tests: any text, and any mangling of the seed, either loads into a database that
keeps the structural contract or fails with the ETL's own error — never anything else."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
from contract_sql import STRUCTURAL
from etl_snippets import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import EtlError
from etl.extract import Source
from etl.load import write_database
from etl.parse import strip_markup
from etl.pipeline import decode, process_file

SEED_LINES = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8").splitlines()
# HYPOTHESIS_EXAMPLES=400 for a longer hunt; the suite runs 30
PROFILE = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_and_check(text: str) -> None:
    """Run the whole ETL on a text; assert the contract or accept only EtlError."""
    try:
        decoded, encoding, warnings = decode(Path("x.md"), text.encode("utf-8"))
        rows, summary = process_file(Path("x.md"), Source("x", "x.md", "0" * 64, encoding), decoded, warnings)
    except EtlError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "p.duckdb"
        write_database([rows], db)
        with duckdb.connect(str(db), read_only=True) as con:
            for rule, sql in STRUCTURAL.items():
                assert con.execute(sql).fetchall() == [], rule
            n_lines = con.execute("select n_lines from documents").fetchone()[0]
            assert n_lines == len(decoded.splitlines())


UN_WORDS = st.sampled_from([
    "## Draft resolution I", "**Decision 33/1**", "*The General Assembly,*", "The Economic and Social Council:",
    "1. *Requests* the Secretary-General to act;", "2. Urges Member States to act.", "(a) Takes note of it;",
    "*Recalling* its resolution 76/181 of 16 December 2021,", "---", "<sup>1</sup> E/CN.15/2024/12.",
    "from 25 to 30 April 2026", "at its thirty-fourth session", "subject to the availability of extrabudgetary resources",
    "<sup>1</sup>", "\\*", "**", "*", "[a](#)", "<script>alert(1)</script>", "#", "- (b)", "", "   ",
])


@PROFILE
@given(st.lists(st.one_of(UN_WORDS, st.text(max_size=40)), max_size=40).map("\n".join))
def test_arbitrary_text(text: str) -> None:
    _load_and_check(text)


@st.composite
def mangled_seed(draw) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "shuffle", "truncate", "strip_emphasis", "swap"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 40)))
        if operation == "delete":
            del lines[i:j]
        elif operation == "duplicate":
            lines[i:i] = lines[i:j]
        elif operation == "shuffle":
            chunk = lines[i:j]
            lines[i:j] = draw(st.permutations(chunk)) if chunk else chunk
        elif operation == "truncate":
            cut = draw(st.integers(0, max(0, len(lines[i]))))
            lines = lines[:i] + [lines[i][:cut]]
        elif operation == "strip_emphasis":
            lines[i:j] = [line.replace("*", "") for line in lines[i:j]]
        else:
            lines[i], lines[j - 1] = lines[j - 1], lines[i]
    return "\n".join(lines)


@PROFILE
@given(mangled_seed())
def test_mangled_seed(text: str) -> None:
    _load_and_check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_strip_markup_never_grows_and_leaves_no_marker(text: str) -> None:
    plain = strip_markup(text)
    assert "<sup>" not in plain.lower() or "</sup>" not in plain.lower()
    assert len(plain) <= len(text)
