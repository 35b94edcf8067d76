"""Rows -> DuckDB file, and reading instruments back for a comparison. The only ETL module that talks to DuckDB.

The database is built into a temporary file beside the target and moved over it with os.replace,
so a failed build never touches the existing database and readers see the old or the new file whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import compare, lexicon
from etl.errors import EtlError
from etl.rows import TABLE_ROWS, VerbRow, values

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
FACTS_TABLE = "paragraph_facts"  # materialised from the view paragraph_facts_view after the last row
# DuckDB's memory while it builds the database (its default: 80 % of the machine, which it fills
# with cached blocks of the tables written and the table materialised last, so the ETL's process
# grew with the corpus). Above the limit it drops blocks already written to the file, writes
# finished row groups early and spills the rest into a folder beside the temporary database.
MEMORY_LIMIT = "256MB"
_ARROW_TYPES = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}
# pyarrow imports pandas on its first conversion of Python objects (0.2 s): pay that here, with the
# other imports, and not inside the first build
pa.array([0])


def _arrow_schema(row: type) -> pa.Schema:
    """Arrow types of a row's fields, from its annotations: a column all NULL keeps its type."""
    hints = typing.get_type_hints(row)
    fields = []
    for f in dataclasses.fields(row):
        base = next(t for t in typing.get_args(hints[f.name]) or (hints[f.name],) if t is not type(None))
        fields.append(pa.field(f.name, _ARROW_TYPES[base]))
    return pa.schema(fields)


_SCHEMAS = {row: _arrow_schema(row) for row in (*TABLE_ROWS.values(), VerbRow)}


def _arrow_table(row: type, rows: Sequence) -> pa.Table:
    """One table's rows, column by column."""
    schema = _SCHEMAS[row]
    columns = zip(*map(values, rows))
    return pa.Table.from_arrays([pa.array(column, type=f.type) for column, f in zip(columns, schema)], schema=schema)


def _insert(con: duckdb.DuckDBPyConnection, table: str, row: type, rows: Sequence) -> None:
    columns = ", ".join(_SCHEMAS[row].names)  # identifiers: the row's fields, not input
    con.register("incoming", _arrow_table(row, rows))
    con.execute(f"insert into {table} ({columns}) select {columns} from incoming")
    con.unregister("incoming")


def verb_rows(used: set[str]) -> list[VerbRow]:
    """The verbs table: every lexicon verb and every guessed verb in use, with its directive level."""
    verbs = sorted({*lexicon.BASE_VERBS, *lexicon.LEAD_ADJECTIVES, *used})
    return [VerbRow(verb, lexicon.directive_level(verb), lexicon.DIRECTIVE_LEVEL_LABELS[lexicon.directive_level(verb)])
            for verb in verbs]


def check_target(db_path: Path) -> Path:
    """The database path, its folder created; EtlError when it is a folder or the folder cannot be made."""
    db_path = Path(db_path)
    if db_path.is_dir():
        raise EtlError(f"{db_path}: is a folder; give the database file's path, such as "
                       f"{db_path / 'resolutions.duckdb'}")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EtlError(f"{db_path.parent}: cannot create the folder ({error.strerror or error})") from error
    return db_path


def materialise(con: duckdb.DuckDBPyConnection) -> None:
    """Store the paragraph_facts view as a table, once every row is in (the pages read it on
    every request; its view computes names and lists over whole tables)."""
    con.execute(f"create table {FACTS_TABLE} as select * from {FACTS_TABLE}_view")


def write_database(batches: Iterable[dict[str, list]], db_path: Path) -> None:
    """Create a fresh database from batches of rows and atomically replace db_path with it.

    Batches are inserted as they come, so memory holds one batch, not the whole corpus, and DuckDB
    works within MEMORY_LIMIT. An exception raised by the batch iterator aborts the build and leaves
    db_path untouched.
    """
    db_path = check_target(db_path)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()  # duckdb wants to create the file itself
    spill = Path(f"{tmp}.spill")
    try:
        con = duckdb.connect(str(tmp), config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill)})
        try:
            con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
            used_verbs: set[str] = set()
            for batch in batches:
                used_verbs |= {row.verb for row in batch.get("paragraphs", []) if row.verb}
                for table, row in TABLE_ROWS.items():  # parents before children; table names: an allow-list
                    if rows := batch.get(table):
                        _insert(con, table, row, rows)
            _insert(con, "verbs", VerbRow, verb_rows(used_verbs))
            materialise(con)
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, db_path)
    except duckdb.Error as error:
        raise EtlError(f"{db_path}: could not build the database: {error}") from error
    except OSError as error:  # the folder is read-only, the disk is full, ...
        raise EtlError(f"{db_path}: could not write the database ({error.strerror or error})") from error
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            if leftover.exists():
                leftover.unlink()
        shutil.rmtree(spill, ignore_errors=True)


def read_sides(db_path: Path, references: Sequence[str]) -> list[compare.Side]:
    """The instruments named (ids or one-instrument document symbols), read from db_path.

    Raises EtlError when the database cannot be opened, compare.UnknownInstrument for a reference
    that names no instrument or several.
    """
    if not Path(db_path).is_file():
        raise EtlError(f"{db_path}: no such database (build it with python -m etl)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as error:
        raise EtlError(f"{db_path}: cannot be opened as a database ({error})") from error
    try:
        return [read_side(con, reference) for reference in references]
    finally:
        con.close()


def read_side(con: duckdb.DuckDBPyConnection, reference: str) -> compare.Side:
    """One instrument as a comparison side, through an open connection (the dashboard's cursor too)."""
    matches = [row[0] for row in con.execute(compare.RESOLVE_SQL, [reference, reference, reference]).fetchall()]
    instrument_id = compare.resolve(reference, matches)
    side_row = con.execute(compare.SIDE_SQL, [instrument_id]).fetchone()
    if side_row is None:  # resolved a moment ago: only a database changing underneath gets here
        raise compare.UnknownInstrument(f"instrument {instrument_id!r} is no longer in the database")
    return compare.side_from_rows(side_row, con.execute(compare.UNITS_SQL, [instrument_id]).fetchall())
