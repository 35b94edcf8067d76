"""The typed rows and the vocabularies hold the schema's line: columns, types, NULLs, CHECK lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import re
import types
import typing
from collections.abc import Iterator

import duckdb
import pytest

from etl import extract, lexicon, rows
from etl.load import SCHEMA_PATH

ROW_CLASSES: dict[str, type] = {**rows.TABLE_ROWS, "verbs": rows.VerbRow}
SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE"}


@pytest.fixture(scope="module")
def schema() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database holding only the schema."""
    con = duckdb.connect()
    con.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    yield con
    con.close()


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    """(name, SQL type, nullable) of each column, in order."""
    return [(name, sql_type, nullable == "YES") for name, sql_type, nullable in con.execute(
        "select column_name, data_type, is_nullable from information_schema.columns "
        "where table_name = ? order by ordinal_position", [table]).fetchall()]


def _fields(row: type) -> list[tuple[str, str, bool]]:
    """(name, SQL type, nullable) of each field of a row class, from its annotations."""
    hints = typing.get_type_hints(row)
    found = []
    for f in dataclasses.fields(row):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        [base] = [a for a in args if a is not type(None)]
        found.append((f.name, SQL_TYPES[base], type(None) in args))
    return found


def test_every_table_has_a_row_class(schema: duckdb.DuckDBPyConnection) -> None:
    tables = schema.execute("select table_name from information_schema.tables where table_type = 'BASE TABLE'")
    assert {table for (table,) in tables.fetchall()} == set(ROW_CLASSES)


@pytest.mark.parametrize("table", sorted(ROW_CLASSES))
def test_row_fields_are_the_columns_in_order(schema: duckdb.DuckDBPyConnection, table: str) -> None:
    assert [name for name, _, _ in _fields(ROW_CLASSES[table])] == [name for name, _, _ in _columns(schema, table)]


@pytest.mark.parametrize("table", sorted(ROW_CLASSES))
def test_row_types_and_nulls_are_the_columns(schema: duckdb.DuckDBPyConnection, table: str) -> None:
    # the loader types its columns from these annotations: a column all NULL keeps its type
    assert _fields(ROW_CLASSES[table]) == _columns(schema, table)


def test_parents_are_inserted_before_children(schema: duckdb.DuckDBPyConnection) -> None:
    order = list(rows.TABLE_ROWS)
    references = schema.execute("select table_name, referenced_table from duckdb_constraints() "
                                "where constraint_type = 'FOREIGN KEY'").fetchall()
    assert references
    assert [(child, parent) for child, parent in references if order.index(parent) >= order.index(child)] == []


def test_table_columns_come_from_the_rows() -> None:
    assert extract.TABLE_COLUMNS is rows.TABLE_COLUMNS
    assert rows.TABLE_COLUMNS["parse_warnings"] == ("document_id", "line", "message")


def test_a_row_pickles_and_reads_by_name() -> None:
    row = rows.EventRow("d:e1", "d", "Congress", dt.date(2026, 4, 25), None, rows.EventPrecision.DAY, "Abu Dhabi",
                        None, "25 April 2026", False, None, rows.EventType.CONGRESS)
    assert pickle.loads(pickle.dumps(row)) == row
    assert rows.values(row)[3] == row.start_date
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.label = "other"  # type: ignore[misc]


# --- vocabularies ------------------------------------------------------------------------------


def _literal(token: str) -> str | int:
    return token[1:-1].replace("''", "'") if token.startswith("'") else int(token)


@pytest.fixture(scope="module")
def in_checks(schema: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple[str | int, ...]]:
    """(table, column) -> the values of each `check (column in (...))`, as DuckDB reads the schema."""
    found = {}
    for table, expression in schema.execute("select table_name, expression from duckdb_constraints() "
                                            "where constraint_type = 'CHECK'").fetchall():
        if m := re.fullmatch(r'\("?(\w+)"? IN \((.*)\)\)', expression):
            found[(table, m.group(1))] = tuple(_literal(t) for t in re.findall(r"'(?:[^']|'')*'|-?\d+", m.group(2)))
    return found


def test_every_in_check_has_its_vocabulary(in_checks: dict) -> None:
    assert sorted(in_checks) == sorted(rows.VOCABULARIES)


@pytest.mark.parametrize("column", sorted(rows.VOCABULARIES), ids="{0[0]}.{0[1]}".format)
def test_check_lists_exactly_the_vocabulary(in_checks: dict, column: tuple[str, str]) -> None:
    assert in_checks[column] == rows.VOCABULARIES[column]


def test_lexicon_tables_speak_their_vocabularies() -> None:
    assert {condition for condition, _, _ in lexicon.FUNDING_PATTERNS} == set(lexicon.FUNDING_CONDITIONS)
    assert {group for _, _, group in lexicon.ACTORS} == set(lexicon.ADDRESSEE_GROUPS)
    verbs = {*lexicon.BASE_VERBS, *lexicon.LEAD_ADJECTIVES}
    assert {lexicon.directive_level(verb) for verb in verbs} <= set(rows.DIRECTIVE_LEVELS)
