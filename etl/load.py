"""Rows -> DuckDB file. The only ETL module that talks to DuckDB.

The database is built into a temporary file beside the target and moved over it with os.replace,
so a failed build never touches the existing database and readers see the old or the new file whole.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd

from etl import lexicon
from etl.errors import EtlError
from etl.extract import TABLE_COLUMNS

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
DATE_COLUMNS = {"events": ("start_date", "end_date")}
INT_COLUMNS = {"paragraphs": ("number", "directive_level"), "parse_warnings": ("line",)}


def _frame(table: str, rows: list[tuple]) -> pd.DataFrame:
    """A typed frame of one table's rows; nullable columns keep their SQL type when all NULL."""
    frame = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS[table]))
    for column in DATE_COLUMNS.get(table, ()):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in INT_COLUMNS.get(table, ()):
        frame[column] = frame[column].astype("Int64")
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = frame[column].astype(object)
    return frame


def verb_rows(used: set[str]) -> list[tuple]:
    """The verbs table: every lexicon verb and every guessed verb in use, with its directive level."""
    verbs = sorted({*lexicon.BASE_VERBS, *lexicon.LEAD_ADJECTIVES, *used})
    return [(verb, lexicon.directive_level(verb), lexicon.DIRECTIVE_LEVEL_LABELS[lexicon.directive_level(verb)])
            for verb in verbs]


def write_database(batches: Iterable[dict[str, list[tuple]]], db_path: Path) -> None:
    """Create a fresh database from batches of rows and atomically replace db_path with it.

    Batches are inserted as they come, so memory holds one batch, not the whole corpus. An exception
    raised by the batch iterator aborts the build and leaves db_path untouched.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()  # duckdb wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
            used_verbs: set[str] = set()
            for batch in batches:
                used_verbs |= {row[7] for row in batch.get("paragraphs", []) if row[7]}
                for table, columns in TABLE_COLUMNS.items():  # parents before children
                    if rows := batch.get(table):
                        con.register("incoming", _frame(table, rows))
                        con.execute(f"insert into {table} ({', '.join(columns)}) "  # identifiers: allow-list
                                    f"select {', '.join(columns)} from incoming")
                        con.unregister("incoming")
            verbs = pd.DataFrame.from_records(verb_rows(used_verbs), columns=["verb", "directive_level", "level_label"])
            con.register("incoming", verbs)
            con.execute("insert into verbs select verb, directive_level, level_label from incoming")
            con.unregister("incoming")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, db_path)
    except duckdb.Error as error:
        raise EtlError(f"{db_path}: could not build the database: {error}") from error
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            if leftover.exists():
                leftover.unlink()
