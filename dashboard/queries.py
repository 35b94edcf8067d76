"""Read-only access to the resolutions database: a cached connection and one named query per view.

Every value is bound as a parameter; identifiers (dimension columns, table names) come only from
the allow-lists below. Aggregation happens in DuckDB; pages receive small frames.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import uploads
from etl import compare
from etl import search as etl_search
from etl.load import FACTS_TABLE, read_side
from dashboard.scope import NO_BODY, NO_FUNDING, NOT_STATED, OWN_PREFIX, OWNERS, Scope
from dashboard.text import HYPHENS, OTHERS, DocumentName, document_name, instrument_name

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path("data") / "resolutions.duckdb"
CATALOG = "rdb"
YOURS_CATALOG = "yours"
REQUIRED_TABLES = (
    "documents", "instruments", "paragraphs", "subparagraphs", "addressees", "funding_conditions",
    "footnotes", "paragraph_footnotes", "citations", "events", "agenda_items", "verbs",
    "parse_warnings", "counterparts", "report_requests", "search_terms", "paragraph_facts",
)
FACTS = FACTS_TABLE  # a table the ETL materialises
# columns this version of the app reads beyond the first contract (the PDF extension)
REQUIRED_COLUMNS = {
    "documents": ("symbol", "doc_type", "committee", "agenda", "agenda_title", "adopted_on",
                  "meeting", "meeting_date", "file_format", "pages"),
    "paragraphs": ("page_start", "page_end", "part"),
    "footnotes": ("page_start", "page_end"),
    "paragraph_facts": ("words",),
}
SECRETARIAT_GROUP = "UN Secretariat and UNODC"


def db_path() -> Path:
    """The database file: $RESOLUTIONS_DB, else data/resolutions.duckdb in the repository."""
    raw = os.environ.get("RESOLUTIONS_DB") or str(DEFAULT_DB)
    path = Path(raw).expanduser()
    return path if path.is_absolute() else REPO_ROOT / path


def db_version() -> tuple[str, int, int, int] | None:
    """Identity of the file on disk (path, inode, mtime, size); None when it does not exist."""
    path = db_path()
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path), info.st_ino, info.st_mtime_ns, info.st_size)


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(version: tuple[str, int, int, int]) -> duckdb.DuckDBPyConnection:
    # An in-memory connection ATTACHing the file read-only: a rebuilt file (new inode/mtime) gets a
    # fresh connection, while cursors of the old one keep serving requests already under way.
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{_literal(version[0])}' as {CATALOG} (read_only)")
    return con


def _literal(path: str) -> str:
    # ATTACH takes no bound parameters: the path (ours, not the user's) is quoted as a literal
    return path.replace("'", "''")


STATE_MERGED = "_merged_connection"
ID_COLUMN_RE = re.compile(r"[a-z_]+_id")
TABLE_NAME_RE = re.compile(r"[a-z_]+")


def _merged_connection(shared: tuple[str, int, int, int],
                       yours: tuple[str, int, int, int]) -> duckdb.DuckDBPyConnection:
    """A session's view of the data: the shared tables and its own, side by side, both read-only.

    Each table becomes a view over both files; the session's ids get the OWN_PREFIX so
    they never collide with the shared ones. The views of the schema (paragraph_facts, ...) are
    then created again over these. Kept in the session's state: no other session can reach it.
    """
    kept = st.session_state.get(STATE_MERGED)
    if kept is not None and kept[0] == (shared, yours):
        return kept[1]
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{_literal(shared[0])}' as {CATALOG} (read_only)")
    con.execute(f"attach '{_literal(yours[0])}' as {YOURS_CATALOG} (read_only)")
    columns = con.execute(
        "select table_name, list(column_name order by column_index) from duckdb_columns() "
        "where database_name = ? and schema_name = 'main' and table_name in "
        "(select table_name from duckdb_tables() where database_name = ?) group by table_name",
        [CATALOG, CATALOG]).fetchall()
    for table, names in columns:
        if not TABLE_NAME_RE.fullmatch(table):
            continue  # identifiers only from our own schema's plain names
        prefixed = [f"'{OWN_PREFIX}' || {c} as {c}" for c in names if ID_COLUMN_RE.fullmatch(c)]
        own = f"select * replace ({', '.join(prefixed)})" if prefixed else "select *"
        name = f"{table}_union" if table == FACTS else table
        con.execute(f"create view main.{name} as select * from {CATALOG}.main.{table} "
                    f"union all by name {own} from {YOURS_CATALOG}.main.{table}")
    views = con.execute("select sql from duckdb_views() where database_name = ? and not internal "
                        "order by view_oid", [CATALOG]).fetchall()
    for (sql,) in views:
        con.execute(sql)
    # each file named its instruments for itself: name them again among all the documents
    con.execute(f"create view main.{FACTS} as select u.* replace (n.instrument_name as instrument_name) "
                f"from main.{FACTS}_union u join instrument_names n using (instrument_id)")
    st.session_state[STATE_MERGED] = ((shared, yours), con)
    return con


def data_version() -> tuple[Any, ...] | None:
    """What the current session reads: the shared file's identity and its own database's."""
    shared = db_version()
    return None if shared is None else (shared, uploads.session_database())


def _cursor() -> duckdb.DuckDBPyConnection:
    version = db_version()
    if version is None:
        raise FileNotFoundError(str(db_path()))
    yours = uploads.session_database()
    # a DuckDB connection is not thread-safe; Streamlit serves each session on its own thread
    if yours is None:
        cursor = _connection(version).cursor()
        cursor.execute(f"use {CATALOG}")
    else:
        cursor = _merged_connection(version, yours).cursor()
        cursor.execute("use memory")
    return cursor


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def run(sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run one named query with bound parameters; cached per database version and parameters
    (each caller gets its own copy of the cached frame)."""
    params = params or {}
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _frame(data_version(), sql, frozen, params).copy()


# st.cache_resource, not st.cache_data: a hit hands out the one frame (run() copies it) instead of
# unpickling a copy, which at 5,000 documents costs more than the copy
@st.cache_resource(max_entries=512, show_spinner=False)
def _frame(version: Any, sql: str, frozen: tuple[tuple[str, Any], ...],
           _params: dict[str, Any]) -> pd.DataFrame:
    return _cursor().execute(sql, _params).df()  # `frozen` is `_params` as a key


def database_problem() -> str | None:
    """Why the database cannot be used (missing file, not DuckDB, tables missing), else None."""
    version = db_version()
    if version is None:
        return f"The database file {db_path()} does not exist yet."
    return _problem(version)


@st.cache_data(max_entries=4, show_spinner=False)
def _problem(version: tuple[str, int, int, int]) -> str | None:
    try:
        cursor = _cursor()
        found = set(cursor.execute(
            "select table_name from information_schema.tables where table_catalog = ?",
            [CATALOG]).df()["table_name"])
        columns = cursor.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_catalog = ?", [CATALOG]).df()
    except duckdb.Error as exc:
        return f"{db_path()} cannot be opened as a DuckDB database ({type(exc).__name__})."
    missing = [t for t in REQUIRED_TABLES if t not in found]
    if missing:
        return (f"{db_path()} lacks the tables {', '.join(missing)}: "
                "it was built by another version.")
    have = set(zip(columns["table_name"], columns["column_name"]))
    lacking = [f"{t}.{c}" for t, names in REQUIRED_COLUMNS.items() for c in names
               if (t, c) not in have]
    if lacking:
        return (f"{db_path()} lacks the columns {', '.join(lacking)}: "
                "it was built by another version.")
    return None


# ---------------------------------------------------------------------------------------------
# Filter fragments. $documents ... $funding are the Scope parameters (None = no restriction).

# whose a row is: 'yours' (this session's own upload) or 'shared'
OWNER_SQL = "case when starts_with({alias}.document_id, '" + OWN_PREFIX + "') then 'yours' else 'shared' end"

# what the corpus filters read of each document (d): its session, issuing body, origin, agenda, type
CORPUS_COLUMNS = {
    "sessions": f"coalesce(d.session::varchar, '{NOT_STATED}')",
    "issuers": f"coalesce(d.issuing_body, '{NOT_STATED}')",
    "origins": f"coalesce(d.committee, '{NOT_STATED}')",
    "agendas": f"coalesce(d.agenda, '{NOT_STATED}')",
    "doc_types": f"coalesce(d.doc_type, '{NOT_STATED}')",
}
# the documents (d) the corpus filters select
CORPUS_SCOPE_SQL = " and ".join(
    [f"(${field}::varchar[] is null or list_contains(${field}, {column}))"
     for field, column in CORPUS_COLUMNS.items()]
    + ["($adopted::varchar[] is null or d.adopted_on between $adopted[1]::date and $adopted[2]::date)"])
CORPUS_UNSET_SQL = " and ".join(f"${field}::varchar[] is null" for field in [*CORPUS_COLUMNS, "adopted"])

# the filters that select instruments (work on paragraph_facts f and on instruments f alike)
INSTRUMENT_SCOPE_SQL = f"""
        ({CORPUS_UNSET_SQL}
         or f.document_id in (select d.document_id from documents d where {CORPUS_SCOPE_SQL}))
    and ($documents::varchar[] is null or list_contains($documents, f.document_id))
    and ($instruments::varchar[] is null or list_contains($instruments, f.instrument_id))
    and ($bodies::varchar[] is null
         or list_contains($bodies, coalesce(f.acting_body, '{NO_BODY}')))
    and ($owners::varchar[] is null
         or list_contains($owners, {OWNER_SQL.format(alias="f")}))"""

SCOPE_SQL = f"""{INSTRUMENT_SCOPE_SQL}
    and ($kinds::varchar[] is null or list_contains($kinds, f.kind))
    and ($funding::varchar[] is null or list_has_any(f.funding, $funding)
         or (list_contains($funding, '{NO_FUNDING}') and len(f.funding) = 0))"""

# verb and addressee group as they apply to a whole paragraph (its lead verb, any addressee)
PARAGRAPH_ACTS_SQL = """
    and ($verbs::varchar[] is null or list_contains($verbs, f.verb))
    and ($groups::varchar[] is null or list_has_any(f.addressee_groups, $groups))"""

# verb and addressee group as they apply to one addressee of a paragraph
ADDRESSEE_ACTS_SQL = """
    and ($verbs::varchar[] is null or list_contains($verbs, a.verb))
    and ($groups::varchar[] is null or list_contains($groups, a.addressee_group))"""


@dataclass(frozen=True)
class View:
    """Fact rows behind a chart: one row per paragraph and dimension values."""

    name: str
    sql: str
    dims: tuple[str, ...]
    unit: str = "paragraph_id"  # what a count counts (distinct values of this column)


VERB_CLAUSES = View("verb_clauses", f"""
    select f.paragraph_id, coalesce(f.verb, '(no verb)') as verb, f.kind,
           f.instrument_name as instrument, f.acting_body
    from paragraph_facts f
    where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}
""", ("verb", "kind", "instrument", "acting_body"))

ADDRESSEE_ACTS = View("addressee_acts", f"""
    select a.paragraph_id, a.addressee, a.addressee_group, a.verb,
           coalesce(v.directive_level, 1) as directive_level, f.instrument_name as instrument
    from addressees a
    join paragraph_facts f on f.paragraph_id = a.paragraph_id
    left join verbs v on v.verb = a.verb
    where {SCOPE_SQL} {ADDRESSEE_ACTS_SQL}
""", ("addressee", "addressee_group", "verb", "directive_level", "instrument"))

FUNDING_BY_PARAGRAPH = View("funding_by_paragraph", f"""
    select f.paragraph_id, f.instrument_name as instrument, c.condition
    from paragraph_facts f
    join funding_conditions c on c.paragraph_id = f.paragraph_id
    where f.kind = 'operative' and {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}
""", ("instrument", "condition"))

FUNDING_BY_ADDRESSEE = View("funding_by_addressee", f"""
    select a.paragraph_id, a.addressee, a.addressee_group, c.condition
    from addressees a
    join paragraph_facts f on f.paragraph_id = a.paragraph_id
    join funding_conditions c on c.paragraph_id = a.paragraph_id
    where {SCOPE_SQL} {ADDRESSEE_ACTS_SQL}
""", ("addressee", "addressee_group", "condition"))

# the funding basis a paragraph states: extrabudgetary wins over regular budget when it has both
FUNDING_BASIS_SQL = """
           case when list_contains(f.funding, 'extrabudgetary') then 'extrabudgetary'
                when list_contains(f.funding, 'regular_budget') then 'regular budget'
                when len(f.funding) = 0 then 'no funding wording'
                else 'other funding wording' end"""

# requests to the Secretariat and UNODC, each with the funding basis its paragraph states
SECRETARIAT_REQUESTS = View("secretariat_requests", f"""
    select a.paragraph_id, a.addressee, {FUNDING_BASIS_SQL} as funding_basis
    from addressees a
    join paragraph_facts f on f.paragraph_id = a.paragraph_id
    where a.addressee_group = '{SECRETARIAT_GROUP}' and a.verb = 'request'
      and {SCOPE_SQL} {ADDRESSEE_ACTS_SQL}
""", ("addressee", "funding_basis"))

# one row per dated mention. Mentions of the same event (its name, dates, precision and type,
# planned or background) share an event_key, in any document: 'title | start | end | precision |
# type | planned'; the title names a report due as one ("Report due: General Assembly, ...").
EVENT_TITLE_SQL = """
    case when e.event_type = 'report_due' and starts_with(e.label, 'Date mentioned: ')
              then 'Report due ' || e.phrase
         when e.event_type = 'report_due' then 'Report due: ' || e.label
         else e.label end"""
EVENT_ROWS = View("event_rows", f"""
    select e.paragraph_id, e.document_id, e.event_id, e.label, {EVENT_TITLE_SQL} as title,
           e.start_date, e.end_date, e.precision,
           e.event_type, e.location, e.phrase, e.relative_to, e.is_historical,
           concat_ws(' | ', {EVENT_TITLE_SQL}, coalesce(cast(e.start_date as varchar), '?'),
                     coalesce(cast(e.end_date as varchar), '?'), e.precision, e.event_type,
                     case when e.is_historical then 'background' else 'planned' end) as event_key,
           (not e.is_historical and coalesce(e.end_date, e.start_date) >= $today) as upcoming
    from events e
    where ($historical or not e.is_historical)
      and (e.paragraph_id is null
           and ($documents::varchar[] is null or list_contains($documents, e.document_id))
           or e.paragraph_id in (select f.paragraph_id from paragraph_facts f
                                 where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}))
""", ("event_key",))

VIEWS: dict[str, View] = {v.name: v for v in (
    VERB_CLAUSES, ADDRESSEE_ACTS, FUNDING_BY_PARAGRAPH, FUNDING_BY_ADDRESSEE,
    SECRETARIAT_REQUESTS, EVENT_ROWS)}

# paragraph rows for tables: the view carries each paragraph's document name and pages
PARAGRAPH_FROM = "paragraph_facts f"
PARAGRAPH_COLUMNS = """
    f.paragraph_id, f.document_id, f.symbol, f.document_title, f.source_name,
    f.instrument_label, f.ordinal, f.kind,
    f.label as number,
    f.lead_phrase, f.verb, f.text, f.line_start, f.line_end, f.page_start, f.page_end,
    array_to_string(f.addressee_names, '; ') as addressees,
    array_to_string(f.funding, '; ') as funding"""
PARAGRAPH_ORDER = "order by f.document_id, f.instrument_ordinal, f.ordinal"


def _dim_list(view: View, dims: tuple[str, ...]) -> str:
    unknown = [d for d in dims if d not in view.dims]
    if unknown or not dims:
        raise ValueError(f"{view.name} has no dimension {unknown or dims}")
    return ", ".join(dims)


def _facts(view: View, fold: dict[str, int] | None) -> str:
    """The view's fact rows as the CTE `fact`; each dimension in `fold` keeps its top values (by
    what the view counts) and calls the rest OTHERS, so hundreds of instruments stay readable."""
    if not fold:
        return f"with fact as ({view.sql})"
    _dim_list(view, tuple(fold))
    tops = ", ".join(
        f"top_{d} as (select {d} as v from raw group by 1 order by count(distinct {view.unit}) desc, v "
        f"limit {int(n)})" for d, n in fold.items())
    replaced = ", ".join(f"case when {d} in (select v from top_{d}) then {d} else '{OTHERS}' end as {d}"
                         for d in fold)
    return f"with raw as ({view.sql}), {tops}, fact as (select * replace ({replaced}) from raw)"


def counts(view: View, dims: tuple[str, ...], scope: Scope,
           extra: dict[str, Any] | None = None, fold: dict[str, int] | None = None) -> pd.DataFrame:
    """Distinct paragraphs (or the view's other unit) per combination of `dims` in a view's fact
    rows, in the column `paragraphs`; `fold` keeps a dimension's top values (_facts)."""
    cols = _dim_list(view, dims)
    sql = f"""
        {_facts(view, fold)}
        select {cols}, count(distinct {view.unit})::integer as paragraphs
        from fact
        group by {cols}
        order by {cols}"""
    return run(sql, scope.params() | (extra or {}))


def drilldown(view: View, selection: tuple[tuple[str, Any], ...], scope: Scope,
              extra: dict[str, Any] | None = None, fold: dict[str, int] | None = None) -> pd.DataFrame:
    """The paragraphs behind one mark: fact rows whose dimensions equal `selection` (folded as
    the chart was, so OTHERS finds the rest)."""
    dims = tuple(d for d, _ in selection)
    _dim_list(view, dims)
    tests = " and ".join(f"{d} = $sel_{i}" for i, d in enumerate(dims))
    sql = f"""
        {_facts(view, fold)}
        select {PARAGRAPH_COLUMNS}
        from {PARAGRAPH_FROM}
        where f.paragraph_id in (select paragraph_id from fact where {tests})
        {PARAGRAPH_ORDER}"""
    values = {f"sel_{i}": v for i, (_, v) in enumerate(selection)}
    return run(sql, scope.params() | (extra or {}) | values)


# ---------------------------------------------------------------------------------------------
# Filter options

FILTER_OPTIONS = f"""
    select distinct 'bodies' as field, coalesce(acting_body, '{NO_BODY}') as value,
                    coalesce(acting_body, '{NO_BODY}') as label
        from instruments
    union all
    select distinct 'kinds', kind, kind from paragraphs
    union all
    select distinct 'verbs', verb, verb from paragraphs where verb is not null
    union all
    select distinct 'verbs', verb, verb from addressees
    union all
    select distinct 'groups', addressee_group, addressee_group from addressees
    union all
    select distinct 'funding', condition, condition from funding_conditions
"""


# the corpus filters' choices with the number of documents of each, in a useful order
CORPUS_OPTIONS = " union all ".join(
    f"""(select '{field}' as field, {column} as value, count(*)::integer as documents,
                {"max(d.agenda_title)" if field == "agendas" else "null"} as title,
                {"try_cast(regexp_extract(d.agenda, '^[0-9]+') as integer)" if field == "agendas"
                 else "try_cast(d.session as integer)" if field == "sessions" else "null"} as number
         from documents d group by all)"""
    for field, column in CORPUS_COLUMNS.items()) + " order by field, number nulls last, value"
ADOPTION_RANGE = "select min(adopted_on) as first, max(adopted_on) as last from documents"

DOCUMENT_NAMES = """
    select document_id, symbol, title as document_title, source_name from documents
"""
INSTRUMENT_NAMES = """
    select i.instrument_id, i.document_id, i.label, i.title, n.instrument_name
    from instruments i join instrument_names n using (instrument_id)
    order by i.document_id, i.ordinal
"""


def document_names() -> dict[str, DocumentName]:
    """Every document's name (text.document_name), by document id (shared: do not change it)."""
    return _document_names(data_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _document_names(version: Any) -> dict[str, DocumentName]:
    return {r.document_id: document_name(r.symbol, r.document_title, r.source_name, r.document_id)
            for r in run(DOCUMENT_NAMES).itertuples()}


def document_labels() -> pd.DataFrame:
    """Every document's name as tables show it, by document id: `document` (the name's text) and
    `undocs` (its undocs.org page, '' without one). Shared: do not change it."""
    return _document_labels(data_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _document_labels(version: Any) -> pd.DataFrame:
    names = document_names()
    return pd.DataFrame({"document": [n.text for n in names.values()],
                         "undocs": [n.url or "" for n in names.values()]},
                        index=pd.Index(list(names), name="document_id"), dtype=object)


def filter_options() -> dict[str, dict[str, str]]:
    """For each filter field, its values (ids) mapped to display labels, sorted by label, the
    instruments in document order (the inner dicts are shared: read them, do not change them)."""
    return dict(_filter_options(data_version()))


@st.cache_resource(max_entries=4, show_spinner=False)
def _filter_options(version: Any) -> dict[str, dict[str, str]]:
    names = document_names()
    instruments = run(INSTRUMENT_NAMES)
    named = pd.DataFrame({
        "field": ["documents"] * len(names) + ["instruments"] * len(instruments),
        "value": list(names) + list(instruments["instrument_id"]),
        "label": [n.text for n in names.values()]
                 + [instrument_name(r.label, r.title, names[r.document_id])
                    for r in instruments.itertuples()],
    })
    df = pd.concat([named, run(FILTER_OPTIONS)]).drop_duplicates(["field", "value"])
    options: dict[str, dict[str, str]] = {}
    for field, part in df.groupby("field", sort=False):
        ordered = part if field == "instruments" else part.sort_values("label")  # as printed
        options[str(field)] = dict(zip(ordered["value"], ordered["label"]))
    if any(uploads.is_yours(d) for d in names):
        options["owners"] = dict(OWNERS)
    for field, part in run(CORPUS_OPTIONS).groupby("field", sort=False):
        options[str(field)] = {r.value: corpus_label(str(field), r.value, r.title, r.documents)
                               for r in part.itertuples()}
    return options


def corpus_label(field: str, value: str, title: Any, documents: int) -> str:
    """A corpus filter's choice as offered: 'Session 80 (255)', '71 (b) Promotion of … (25)'."""
    if value == NOT_STATED:
        shown = "not stated"
    elif field == "sessions":
        shown = f"Session {value}"
    elif field == "agendas" and isinstance(title, str) and title:
        shown = f"{value} {title[:60] + '…' if len(title) > 60 else title}"
    else:
        shown = value
    return f"{shown} ({documents})"


def adoption_range() -> tuple[date, date] | None:
    """The first and last adoption dates in the data, or None when no document states one."""
    row = run(ADOPTION_RANGE).iloc[0]
    if pd.isna(row["first"]):
        return None
    return (pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date())


def instrument_order() -> list[str]:
    """Every instrument's name (instrument_names) in document order: the order colours follow."""
    return list(run(INSTRUMENT_NAMES)["instrument_name"])


# ---------------------------------------------------------------------------------------------
# Overview

HEADLINE = f"""
    with f as (select * from paragraph_facts f where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL})
    select
        (select count(*) from instruments f where {INSTRUMENT_SCOPE_SQL})::integer
            as instruments,
        count(*) filter (where kind = 'preambular')::integer as preambular,
        count(*) filter (where kind = 'operative')::integer as operative,
        count(*) filter (where paragraph_id in (
            select paragraph_id from addressees where verb = 'request'))::integer as requests,
        count(*) filter (where kind = 'operative' and len(funding) > 0)::integer as with_funding
    from f
"""


def headline(scope: Scope) -> dict[str, int]:
    """Headline counts for the filtered paragraphs."""
    return run(HEADLINE, scope.params()).iloc[0].to_dict()


INSTRUMENT_TABLE = f"""
    with f as (select * from paragraph_facts f where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}),
         i as (select * from instruments f where {INSTRUMENT_SCOPE_SQL})
    select i.instrument_id, i.document_id, d.symbol, d.title as document_title, d.source_name,
           i.ordinal, i.label, i.title, i.acting_body, i.recommended_to, i.status,
           count(f.paragraph_id) filter (where f.kind = 'preambular')::integer as preambular,
           count(f.paragraph_id) filter (where f.kind = 'operative')::integer as operative,
           count(f.paragraph_id) filter (where f.paragraph_id in (
               select paragraph_id from addressees where verb = 'request'))::integer as requests,
           count(f.paragraph_id) filter (where f.kind = 'operative' and len(f.funding) > 0)::integer
               as with_funding_wording
    from i join documents d on d.document_id = i.document_id
    left join f on f.instrument_id = i.instrument_id
    group by i.instrument_id, i.document_id, d.symbol, d.title, d.source_name, i.ordinal, i.label,
             i.title, i.acting_body, i.recommended_to, i.status
    order by i.document_id, i.ordinal
"""


def instrument_table(scope: Scope) -> pd.DataFrame:
    """Every instrument the instrument filters select, with counts of its filtered paragraphs."""
    return run(INSTRUMENT_TABLE, scope.params())


DOCUMENT_SUMMARY = f"""
    with f as (select * from paragraph_facts f where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}),
         counted as (
             select document_id,
                    count(*) filter (where kind = 'preambular')::integer as preambular,
                    count(*) filter (where kind = 'operative')::integer as operative,
                    count(*) filter (where paragraph_id in (
                        select paragraph_id from addressees where verb = 'request'))::integer as requests,
                    sum(words)::integer as words
             from f group by document_id),
         held as (select document_id, count(*)::integer as instruments
                  from instruments group by document_id)
    select d.document_id, d.symbol, d.title as document_title, d.source_name, d.doc_type,
           d.committee, d.agenda, d.agenda_title, d.adopted_on, d.meeting, d.meeting_date,
           d.file_format, d.pages, d.n_lines,
           coalesce(h.instruments, 0) as instruments,
           coalesce(c.preambular, 0) as preambular, coalesce(c.operative, 0) as operative,
           coalesce(c.requests, 0) as requests, coalesce(c.words, 0) as words,
           {OWNER_SQL.format(alias="d")} = 'yours' as yours
    from documents d
    left join held h on h.document_id = d.document_id
    left join counted c on c.document_id = d.document_id
    where ($documents::varchar[] is null or list_contains($documents, d.document_id))
      and {CORPUS_SCOPE_SQL}
      and ($owners::varchar[] is null or list_contains($owners, {OWNER_SQL.format(alias="d")}))
    order by d.document_id
"""


def document_summary(scope: Scope) -> pd.DataFrame:
    """The documents the document filter selects, with their metadata, how many instruments
    each holds and its preambular and operative paragraphs under all the filters."""
    return run(DOCUMENT_SUMMARY, scope.params())


FIRST_INSTRUMENT = "select instrument_id from instruments where document_id = $document order by ordinal limit 1"


def first_instrument(document_id: str) -> str | None:
    """A document's first instrument, or None."""
    found = run(FIRST_INSTRUMENT, {"document": document_id})
    return None if found.empty else str(found["instrument_id"].iloc[0])


READER = """
    select p.paragraph_id, p.ordinal, p.kind, p.label as number, p.lead_phrase, p.verb, p.text,
           p.line_start, p.line_end,
           coalesce((select string_agg(a.addressee || ' (' || a.verb || ')', '; '
                                       order by a.addressee)
                     from addressees a where a.paragraph_id = p.paragraph_id), '') as addressees,
           coalesce((select list(c.condition order by c.condition)
             from funding_conditions c where c.paragraph_id = p.paragraph_id), []) as funding_kinds,
           coalesce((select list(c.phrase order by c.condition)
             from funding_conditions c where c.paragraph_id = p.paragraph_id), []) as funding_phrases
    from paragraphs p
    where p.instrument_id = $instrument
    order by p.ordinal
"""


def reader(instrument_id: str) -> pd.DataFrame:
    """All paragraphs of one instrument in printed order, with addressees and funding wording."""
    return run(READER, {"instrument": instrument_id})


SUBPARAGRAPHS = """
    select s.paragraph_id, s.letter, s.text
    from subparagraphs s join paragraphs p using (paragraph_id)
    where p.instrument_id = $instrument
    order by s.paragraph_id, s.letter
"""


def subparagraphs(instrument_id: str) -> pd.DataFrame:
    """Lettered items of the paragraphs of one instrument."""
    return run(SUBPARAGRAPHS, {"instrument": instrument_id})


# ---------------------------------------------------------------------------------------------
# Timeline

EVENT_SOURCES_SHOWN = 5  # paragraphs carried with each event (the .ics quotes them)
EVENTS = f"""
    with fact as ({EVENT_ROWS.sql}),
    mention as (select distinct event_key, document_id, paragraph_id from fact),
    source as (
        select m.event_key,
               list({{'paragraph_id': m.paragraph_id, 'document_id': m.document_id,
                      'symbol': d.symbol, 'document_title': d.title, 'source_name': d.source_name,
                      'instrument_label': f.instrument_label, 'kind': f.kind, 'number': f.label,
                      'ordinal': f.ordinal, 'text': f.text, 'page_start': f.page_start,
                      'page_end': f.page_end, 'line_start': f.line_start, 'line_end': f.line_end}}
                    order by m.document_id, f.instrument_ordinal nulls first, f.ordinal nulls first,
                             m.paragraph_id)[1:{EVENT_SOURCES_SHOWN}] as sources
        from mention m
        join documents d on d.document_id = m.document_id
        left join paragraph_facts f on f.paragraph_id = m.paragraph_id
        group by m.event_key)
    select event_key, title, label, event_type, start_date, end_date, precision, is_historical,
           upcoming,
           string_agg(distinct location, '; ' order by location) as location,
           string_agg(distinct phrase, ' / ' order by phrase) as phrase,
           string_agg(distinct relative_to, '; ' order by relative_to) as relative_to,
           min(event_id) as event_id,
           count(distinct paragraph_id)::integer as paragraphs,
           count(distinct document_id)::integer as documents,
           any_value(s.sources) as sources
    from fact
    join source s using (event_key)
    group by event_key, title, label, event_type, start_date, end_date, precision, is_historical,
             upcoming
    order by start_date nulls last, title, event_key
"""
UPCOMING = f"select * from ({EVENTS}) where upcoming order by start_date, title, event_key"


def events(scope: Scope, historical: bool, today: date) -> pd.DataFrame:
    """Events in scope, one row per event (mentions with the same name, dates, precision and
    type share it, across documents) with its paragraph and document counts and its first
    EVENT_SOURCES_SHOWN source paragraphs (`sources`: dicts with the paragraph's place and text)."""
    return run(EVENTS, scope.params() | {"historical": historical, "today": today})


def upcoming_events(scope: Scope, today: date) -> pd.DataFrame:
    """Planned events in scope that have not ended by `today` (ongoing or still to come)."""
    return run(UPCOMING, scope.params() | {"historical": False, "today": today})


# ---------------------------------------------------------------------------------------------
# Explorer

# every paragraph in scope, in document order (the Explorer before anything is searched)
LISTING = f"""
    select {PARAGRAPH_COLUMNS}, null::double as score
    from {PARAGRAPH_FROM}
    where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}
    {PARAGRAPH_ORDER}
    limit $limit
"""
LISTING_COUNT = f"""
    select count(*)::integer as n from paragraph_facts f where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}
"""

# BM25 over the search_terms index (etl/search.py): the usual constants
BM25_K1, BM25_B = 1.2, 0.75
SEARCH_STATS = """
    select count(distinct paragraph_id)::integer as n, coalesce(avg(length), 1)::double as avgdl
    from (select paragraph_id, any_value(length) as length from search_terms group by paragraph_id)
"""
# a paragraph's text and its sub-items', folded as etl.search.words folds them (for phrases)
SEARCH_TEXT_SQL = f"""regexp_replace(strip_accents(lower(concat_ws(' ', f.text,
        (select string_agg(s.text, ' ' order by s.letter) from subparagraphs s
         where s.paragraph_id = f.paragraph_id)))), '[{HYPHENS}]', '', 'g')"""
SEARCH_MATCHES = f"""
    with hits as (select paragraph_id, term, tf, length from search_terms
                  where list_contains($terms::varchar[], term)),
         df as (select term, count(*) as df from hits group by term),
         scored as (
             select h.paragraph_id,
                    sum(ln(1 + ($n - df.df + 0.5) / (df.df + 0.5))
                        * h.tf * ({BM25_K1} + 1)
                        / (h.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * h.length / $avgdl))) as score
             from hits h join df using (term)
             group by h.paragraph_id
             having count(distinct h.term) = len($terms::varchar[])),
         f as (select f.*, s.score from paragraph_facts f join scored s using (paragraph_id)
               where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL})
    select * from f
    where $phrases::varchar[] is null
       or not exists (select 1 from unnest($phrases::varchar[]) as p(pattern)
                      where not regexp_matches({SEARCH_TEXT_SQL}, p.pattern))
"""
RANKED_SEARCH = f"""
    select {PARAGRAPH_COLUMNS}, f.score
    from ({SEARCH_MATCHES}) f
    order by f.score desc, f.document_id, f.instrument_ordinal, f.ordinal
    limit $limit
"""
RANKED_SEARCH_COUNT = f"select count(*)::integer as n from ({SEARCH_MATCHES})"


def search(scope: Scope, query: str, limit: int = 500) -> tuple[pd.DataFrame, int]:
    """Paragraphs in scope holding every word of `query` and each of its "phrases", best first
    (BM25 over the paragraph and its sub-items), and how many match in all; with no words, every
    paragraph in scope in document order (and none for a query of signs only)."""
    terms, phrases = etl_search.query_parts(query)
    params: dict[str, Any] = dict(scope.params())
    if not terms and query.strip():  # only signs ('%', '?'): nothing a paragraph can hold
        return run(LISTING, params | {"limit": 0}), 0
    if not terms:
        return run(LISTING, params | {"limit": limit}), int(run(LISTING_COUNT, params)["n"].iloc[0])
    stats = run(SEARCH_STATS).iloc[0]
    params |= {
        "terms": list(terms), "n": int(stats["n"]), "avgdl": float(stats["avgdl"]),
        "phrases": [etl_search.phrase_pattern(p) for p in phrases] or None}
    total = int(run(RANKED_SEARCH_COUNT, params)["n"].iloc[0])
    return run(RANKED_SEARCH, params | {"limit": limit}), total


PARAGRAPH = """
    select f.paragraph_id, f.document_id, f.source_name, f.instrument_id, f.instrument_label,
           f.instrument_title, f.acting_body, f.ordinal, f.kind, f.label as number,
           f.lead_phrase, f.verb,
           f.directive_level, f.text, f.line_start, f.line_end, f.page_start, f.page_end, f.part,
           f.symbol, f.document_title, d.doc_type, d.committee, d.agenda,
           d.agenda_title, d.adopted_on, d.meeting, d.meeting_date, d.file_format,
           d.source_path, d.pages, d.sha256, d.encoding, p.boxes
    from paragraph_facts f join documents d on d.document_id = f.document_id
    join paragraphs p on p.paragraph_id = f.paragraph_id
    where f.paragraph_id = $paragraph
"""
PARAGRAPH_PARTS = {
    "subparagraphs": """
        select letter, text, line_start, line_end, page_start, page_end, boxes from subparagraphs
        where paragraph_id = $paragraph order by letter""",
    "addressees": """
        select addressee, addressee_group, verb, as_written from addressees
        where paragraph_id = $paragraph order by addressee""",
    "funding": """
        select condition, phrase from funding_conditions
        where paragraph_id = $paragraph order by condition""",
    "footnotes": """
        select fn.marker, fn.text, fn.line_start, fn.line_end, fn.page_start, fn.page_end, fn.boxes
        from paragraph_footnotes pf join footnotes fn using (footnote_id)
        where pf.paragraph_id = $paragraph
        order by try_cast(fn.marker as integer) nulls first, fn.marker""",
    "citations": """
        select c.symbol, c.kind, c.as_written,
               case when c.paragraph_id is null then 'footnote ' || fn.marker
                    else 'paragraph' end as cited_in
        from citations c left join footnotes fn on fn.footnote_id = c.footnote_id
        where c.paragraph_id = $paragraph
           or c.footnote_id in (select footnote_id from paragraph_footnotes
                                where paragraph_id = $paragraph)
        order by c.citation_id""",
    "events": """
        select label, start_date, end_date, precision, location, phrase from events
        where paragraph_id = $paragraph order by start_date nulls last, event_id""",
}


@dataclass(frozen=True)
class ParagraphDetail:
    """One paragraph with everything linked to it."""

    row: dict[str, Any]
    parts: dict[str, pd.DataFrame]


def paragraph_detail(paragraph_id: str) -> ParagraphDetail | None:
    """A paragraph with its subparagraphs, addressees, funding, footnotes, citations and events."""
    df = run(PARAGRAPH, {"paragraph": paragraph_id})
    if df.empty:
        return None
    parts = {name: run(sql, {"paragraph": paragraph_id}) for name, sql in PARAGRAPH_PARTS.items()}
    return ParagraphDetail(df.iloc[0].to_dict(), parts)


# ---------------------------------------------------------------------------------------------
# Compare

def comparison_side(instrument_id: str) -> compare.Side | None:
    """One instrument as etl.compare reads it (the same reading as python -m etl compare), or None."""
    return _comparison_side(data_version(), instrument_id)


@st.cache_resource(max_entries=64, show_spinner=False)
def _comparison_side(version: Any, instrument_id: str) -> compare.Side | None:
    try:
        return read_side(_cursor(), instrument_id)
    except compare.UnknownInstrument:
        return None


def comparison(old_id: str, new_id: str) -> compare.Comparison | None:
    """The two instruments compared (etl.compare.compare), or None when either is unknown."""
    return _comparison(data_version(), old_id, new_id)


@st.cache_resource(max_entries=16, show_spinner=False)
def _comparison(version: Any, old_id: str, new_id: str) -> compare.Comparison | None:
    old, new = comparison_side(old_id), comparison_side(new_id)
    return compare.compare(old, new) if old and new else None


COUNTERPARTS = """
    select c.old_instrument_id, c.new_instrument_id, c.relation, c.confidence,
           c.title_similarity, c.text_similarity,
           case when c.old_instrument_id = $instrument then c.new_instrument_id
                else c.old_instrument_id end as other_id,
           c.old_instrument_id = $instrument as other_is_new,
           d.session as other_session
    from counterparts c
    join instruments i on i.instrument_id = case when c.old_instrument_id = $instrument
                                                 then c.new_instrument_id else c.old_instrument_id end
    join documents d on d.document_id = i.document_id
    where $instrument in (c.old_instrument_id, c.new_instrument_id)
    order by c.confidence desc, other_id
"""


def counterparts(instrument_id: str) -> pd.DataFrame:
    """The counterparts proposed for an instrument, either side, most confident first."""
    return run(COUNTERPARTS, {"instrument": instrument_id})


SERIES = """
    with recursive chain(instrument_id) as (
        select $instrument
        union
        select case when c.old_instrument_id = chain.instrument_id then c.new_instrument_id
                    else c.old_instrument_id end
        from counterparts c join chain
          on chain.instrument_id in (c.old_instrument_id, c.new_instrument_id)
        where c.relation = 'series'
    )
    select i.instrument_id, d.session, d.symbol, d.adopted_on, i.title
    from chain join instruments i using (instrument_id) join documents d using (document_id)
    order by d.session, d.adopted_on nulls last, i.instrument_id
"""


def series(instrument_id: str) -> pd.DataFrame:
    """The versions of an instrument's series (itself included), earliest session first."""
    return run(SERIES, {"instrument": instrument_id})


# ---------------------------------------------------------------------------------------------
# Whole-database exports (run only when a download is clicked)

EXPORT_TABLES = REQUIRED_TABLES


def tables_zip(own: bool = False) -> Callable[[], bytes]:
    """A function that makes the zip of every table (and paragraph_facts) as CSV files, of this
    session's data, or with `own` of its own documents only (as its database holds them).

    The cursor is taken now: Streamlit calls a download's function on another thread, where
    st.session_state is not this session's.
    """
    cursor = _cursor()
    prefix = f"{YOURS_CATALOG}.main." if own else ""

    def make() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in EXPORT_TABLES:  # identifiers from the allow-list only
                df = cursor.execute(f"select * from {prefix}{table}").df()
                archive.writestr(f"{table}.csv", df.to_csv(index=False))
        return buffer.getvalue()
    return make


def database_bytes() -> bytes:
    """The raw .duckdb file as it is on disk."""
    return db_path().read_bytes()


# ---------------------------------------------------------------------------------------------
# The session's own documents (Add documents)

SHARED_WITH_HASH = f"select coalesce(symbol, source_name) from {CATALOG}.documents where sha256 = $sha"


def shared_document_with_hash(digest: str) -> str | None:
    """The shared document with this content (its symbol or file name), or None."""
    version = db_version()
    if version is None:
        return None
    found = _connection(version).cursor().execute(SHARED_WITH_HASH, {"sha": digest}).fetchone()
    return None if found is None else str(found[0])


YOUR_DOCUMENTS = f"""
    select d.document_id, d.symbol, d.title as document_title, d.source_name, d.doc_type,
           d.file_format, d.pages,
           (select count(*) from paragraphs p join instruments i using (instrument_id)
            where i.document_id = d.document_id and p.kind = 'preambular')::integer as preambular,
           (select count(*) from paragraphs p join instruments i using (instrument_id)
            where i.document_id = d.document_id and p.kind = 'operative')::integer as operative,
           (select count(*) from parse_warnings w where w.document_id = d.document_id)::integer
               as warnings
    from documents d where starts_with(d.document_id, '{OWN_PREFIX}')
    order by d.symbol nulls last, d.source_name
"""


def your_documents() -> pd.DataFrame:
    """The session's own documents with their paragraph and warning counts (empty without any)."""
    if uploads.session_database() is None:
        return pd.DataFrame()
    return run(YOUR_DOCUMENTS)


# ---------------------------------------------------------------------------------------------
# Lineage

# citation kinds the corpus view counts as resolutions (decisions and other documents are not)
RESOLUTION_KINDS = ("ga_resolution", "ecosoc_resolution", "commission_resolution", "resolution")
_RESOLUTION_KINDS_SQL = ", ".join(f"'{k}'" for k in RESOLUTION_KINDS)  # literals of the tuple

# every citation with the document it stands in (a citation in a footnote: the footnote's
# document) and the document of the database it resolves to, the one whose symbol it is in any
# case (cited_id NULL: not in the database); a document's citations of itself are left out
CITATION_LINKS_SQL = """
    select c.citation_id, c.symbol, c.kind, c.as_written, c.paragraph_id, c.footnote_id,
           coalesce(i.document_id, fn.document_id) as citing_id, cited.document_id as cited_id
    from citations c
    left join paragraphs p on p.paragraph_id = c.paragraph_id
    left join instruments i on i.instrument_id = p.instrument_id
    left join footnotes fn on fn.footnote_id = c.footnote_id
    left join documents cited on upper(cited.symbol) = upper(c.symbol)
    where cited.document_id is distinct from coalesce(i.document_id, fn.document_id)"""

# the paragraphs that carry a citation: its own, or each paragraph that refers to its footnote
# (a citation in a footnote no paragraph refers to, as in an annex, has none)
CITATION_PLACES_SQL = """
    select citation_id, paragraph_id from citations where paragraph_id is not null
    union
    select c.citation_id, pf.paragraph_id
    from citations c join paragraph_footnotes pf on pf.footnote_id = c.footnote_id
    union
    select c.citation_id, fn.paragraph_id
    from citations c join footnotes fn on fn.footnote_id = c.footnote_id
    where fn.paragraph_id is not null"""

# one row per resolution citation and paragraph carrying it, in the sidebar's scope; a citation
# no paragraph carries counts while no filter but the document filter is set
CITED_FACTS = View("cited_facts", f"""
    with link as ({CITATION_LINKS_SQL}),
         place as ({CITATION_PLACES_SQL})
    select pl.paragraph_id, l.citation_id, l.symbol as cited, l.cited_id,
           coalesce('Session ' || d.session, 'Session not stated') as session
    from link l
    join documents d on d.document_id = l.citing_id
    left join place pl on pl.citation_id = l.citation_id
    left join paragraph_facts f on f.paragraph_id = pl.paragraph_id
    where l.kind in ({_RESOLUTION_KINDS_SQL})
      and (f.paragraph_id is not null and ({SCOPE_SQL} {PARAGRAPH_ACTS_SQL})
           or pl.paragraph_id is null
              and ($documents::varchar[] is null or list_contains($documents, l.citing_id))
              and $instruments::varchar[] is null and $bodies::varchar[] is null
              and $kinds::varchar[] is null and $verbs::varchar[] is null
              and $groups::varchar[] is null and $funding::varchar[] is null)
""", ("cited", "session"))
VIEWS[CITED_FACTS.name] = CITED_FACTS

LINKED_DOCUMENTS = f"""
    with link as ({CITATION_LINKS_SQL}),
         ends as (select citing_id as document_id, citation_id from link
                  where cited_id is not null
                  union all
                  select cited_id, citation_id from link where cited_id is not null)
    select document_id, count(distinct citation_id)::integer as citations
    from ends
    group by document_id
    order by citations desc, document_id
"""


def linked_documents() -> pd.DataFrame:
    """Documents citing or cited by another document of the database, most citations first."""
    return run(LINKED_DOCUMENTS)


LINKS = f"""
    with link as ({CITATION_LINKS_SQL}),
         linked as (select 'recalls' as direction, cited_id as document_id, citation_id
                    from link where citing_id = $document and cited_id is not null
                    union all
                    select 'recalled_by', citing_id, citation_id
                    from link where cited_id = $document)
    select l.direction, l.document_id, d.symbol, d.title as document_title, d.source_name,
           d.session, d.adopted_on, count(distinct l.citation_id)::integer as citations
    from linked l join documents d on d.document_id = l.document_id
    group by l.direction, l.document_id, d.symbol, d.title, d.source_name, d.session,
             d.adopted_on
    order by l.direction desc, citations desc, d.symbol, l.document_id
"""


def links(document_id: str) -> pd.DataFrame:
    """The documents of the database one document cites (recalls) and those citing it
    (recalled_by), with how many citations link them."""
    return run(LINKS, {"document": document_id})


LINK_PARAGRAPHS = f"""
    with link as ({CITATION_LINKS_SQL}),
         place as ({CITATION_PLACES_SQL}),
         linked as (
             select case when l.citing_id = $document then 'recalls' else 'recalled_by' end
                        as direction,
                    case when l.citing_id = $document then l.cited_id else l.citing_id end
                        as other_id,
                    l.citation_id, l.as_written, l.footnote_id, l.citing_id
             from link l
             where l.cited_id is not null and $document in (l.citing_id, l.cited_id))
    select l.direction, l.other_id, l.citing_id, {PARAGRAPH_COLUMNS}, f.instrument_ordinal,
           count(distinct l.citation_id)::integer as citations,
           string_agg(distinct case when fn.marker is null then '“' || l.as_written || '”'
                                    else 'footnote ' || fn.marker || ': “' || l.as_written
                                         || '”' end, '; ') as cited_as,
           string_agg(distinct fn.text, ' / ') as footnote_text
    from linked l
    left join place pl on pl.citation_id = l.citation_id
    left join paragraph_facts f on f.paragraph_id = pl.paragraph_id
    left join footnotes fn on fn.footnote_id = l.footnote_id
    group by all
    order by l.direction desc, l.other_id, f.document_id, f.instrument_ordinal, f.ordinal,
             cited_as
"""


def link_paragraphs(document_id: str) -> pd.DataFrame:
    """The paragraphs carrying each citation that links one document with another of the
    database (paragraph columns NULL for a footnote no paragraph refers to)."""
    return run(LINK_PARAGRAPHS, {"document": document_id})


NOT_IN_DATABASE = f"""
    with link as ({CITATION_LINKS_SQL})
    select symbol, min(kind) as kind, count(distinct citation_id)::integer as citations,
           string_agg(distinct as_written, '; ' order by as_written) as as_written
    from link
    where citing_id = $document and cited_id is null
    group by symbol
    order by citations desc, symbol
"""


def not_in_database(document_id: str) -> pd.DataFrame:
    """What one document cites that is not in the database: each symbol, how often, as written."""
    return run(NOT_IN_DATABASE, {"document": document_id})


MOST_CITED = f"""
    with fact as ({CITED_FACTS.sql}),
         ranked as (select cited, count(distinct citation_id)::integer as total,
                           min(cited_id) as cited_id
                    from fact
                    group by cited
                    order by total desc, cited
                    limit $limit)
    select fact.cited, fact.session, count(distinct fact.citation_id)::integer as citations,
           ranked.total, ranked.cited_id
    from fact join ranked on ranked.cited = fact.cited
    group by fact.cited, fact.session, ranked.total, ranked.cited_id
    order by ranked.total desc, fact.cited, fact.session
"""


def most_cited(scope: Scope, limit: int) -> pd.DataFrame:
    """Citations of the `limit` most-cited resolutions per session of the citing documents."""
    return run(MOST_CITED, scope.params() | {"limit": limit})


# ---------------------------------------------------------------------------------------------
# Trends: sessions, committees and agenda items side by side

# what a trend compares: its dimension name -> (label, the document's value for it)
TREND_GROUPINGS = {
    "committee": ("Committee", f"coalesce(d.committee, '{NOT_STATED}')"),
    "session": ("Session", f"coalesce('Session ' || d.session, '{NOT_STATED}')"),
    "agenda_item": ("Agenda item", f"coalesce(d.agenda, '{NOT_STATED}')"),
}
# "within existing resources" as the ETL found it (one of the regular-budget wordings)
WITHIN_EXISTING_SQL = """exists (select 1 from funding_conditions c where c.paragraph_id = f.paragraph_id
       and c.condition = 'regular_budget' and regexp_matches(lower(c.phrase), 'existing\\s+(mandates?\\s+and\\s+)?resources'))"""
TREND_MEASURES = {
    # measure -> (fact rows per paragraph (or addressee) with the grouping as {group}, extra dims)
    "operative": (f"""
        select f.paragraph_id, {{group}} as {{dim}}
        from paragraph_facts f join documents d on d.document_id = f.document_id
        where f.kind = 'operative' and {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}""", ()),
    "requests": (f"""
        select a.paragraph_id, {{group}} as {{dim}}, a.addressee_group
        from addressees a join paragraph_facts f on f.paragraph_id = a.paragraph_id
        join documents d on d.document_id = f.document_id
        where a.verb = 'request' and {SCOPE_SQL} {ADDRESSEE_ACTS_SQL}""", ("addressee_group",)),
    "funding": (f"""
        select f.paragraph_id, {{group}} as {{dim}}, {FUNDING_BASIS_SQL} as funding_basis
        from paragraph_facts f join documents d on d.document_id = f.document_id
        where f.kind = 'operative' and {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}""", ("funding_basis",)),
    "within_existing": (f"""
        select f.paragraph_id, {{group}} as {{dim}}
        from paragraph_facts f join documents d on d.document_id = f.document_id
        where f.kind = 'operative' and {WITHIN_EXISTING_SQL} and {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}""", ()),
}
TREND_VIEWS = {
    (measure, dim): View(f"trend_{measure}_{dim}", sql.format(group=group, dim=dim), (dim, *extra))
    for measure, (sql, extra) in TREND_MEASURES.items()
    for dim, (_, group) in TREND_GROUPINGS.items()
}

TREND_SUMMARY = f"""
    with f as (select f.*, {{group}} as grp
               from paragraph_facts f join documents d on d.document_id = f.document_id
               where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL}),
         r as (select f.grp, count(distinct a.paragraph_id) as requests
               from addressees a join f on f.paragraph_id = a.paragraph_id
               where a.verb = 'request' {ADDRESSEE_ACTS_SQL} group by f.grp)
    select f.grp as "group",
           count(distinct f.document_id)::integer as documents,
           count(*) filter (where f.kind = 'operative')::integer as operative,
           coalesce(any_value(r.requests), 0)::integer as requests,
           count(*) filter (where f.kind = 'operative' and list_contains(f.funding, 'extrabudgetary'))::integer
               as extrabudgetary,
           count(*) filter (where f.kind = 'operative' and not list_contains(f.funding, 'extrabudgetary')
                            and list_contains(f.funding, 'regular_budget'))::integer as regular_budget,
           count(*) filter (where f.kind = 'operative' and len(f.funding) = 0)::integer as no_funding,
           count(*) filter (where f.kind = 'operative' and {WITHIN_EXISTING_SQL})::integer
               as within_existing,
           (sum(f.words) / count(distinct f.document_id))::integer as words_per_document
    from f left join r on r.grp = f.grp
    group by f.grp order by operative desc, f.grp
"""
TREND_SUMMARIES = {dim: TREND_SUMMARY.format(group=group) for dim, (_, group) in TREND_GROUPINGS.items()}


def trend_view(measure: str, grouping: str) -> View:
    """The fact rows of one Trends figure (measure and grouping from the allow-lists)."""
    return TREND_VIEWS[(measure, grouping)]


def trend_summary(grouping: str, scope: Scope) -> pd.DataFrame:
    """One row per committee, session or agenda item: documents, operative paragraphs, requests,
    operative paragraphs by funding basis, 'within existing resources' and words per document."""
    return run(TREND_SUMMARIES[grouping], scope.params())


# ---------------------------------------------------------------------------------------------
# Reports due (the report_requests table)

# when a report is due, in words that sort: '2026 · session 81', '2026', 'not stated'
REPORT_DUE_SQL = """
    case when r.due_year is null and r.session is null then 'not stated'
         when r.session is null then r.due_year::varchar
         else coalesce(r.due_year::varchar || ' · ', '') || 'session ' || r.session end"""
# the Reports due page's own choice: one reporter ($reporter), or all (NULL)
REPORTER_SQL = "and ($reporter::varchar is null or r.reporter = $reporter)"
REPORTERS = "select reporter, count(*)::integer as n from report_requests group by 1 order by n desc, reporter"
REPORT_ROWS = View("report_rows", f"""
    select r.paragraph_id, r.report_request_id, {REPORT_DUE_SQL} as due, r.reporter, r.submitted_to,
           {TREND_GROUPINGS["committee"][1]} as committee, coalesce(r.form, 'not stated') as form,
           coalesce(r.periodicity, 'not stated') as periodicity,
           case when r.within_existing_resources then 'within existing resources'
                else 'no such wording' end as resources
    from report_requests r
    join paragraph_facts f on f.paragraph_id = r.paragraph_id
    join documents d on d.document_id = f.document_id
    where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL} {REPORTER_SQL}
""", ("due", "reporter", "submitted_to", "committee", "form", "periodicity", "resources"),
    unit="report_request_id")

REPORT_LIST = f"""
    select r.report_request_id, r.paragraph_id, r.letter, r.reporter, r.reporter_as_written,
           r.submitted_to, r.session, r.session_body, r.due_year, r.periodicity, r.form, r.subject,
           r.within_existing_resources, r.as_written,
           f.instrument_id, f.instrument_label, f.kind, f.label as number, f.ordinal, f.text,
           f.symbol, f.document_title, f.source_name, f.page_start, f.page_end, f.line_start,
           f.line_end, d.committee, d.session as document_session
    from report_requests r
    join paragraph_facts f on f.paragraph_id = r.paragraph_id
    join documents d on d.document_id = f.document_id
    where {SCOPE_SQL} {PARAGRAPH_ACTS_SQL} {REPORTER_SQL}
    order by r.due_year nulls last, r.session nulls last, f.document_id, f.instrument_ordinal,
             f.ordinal, r.report_request_id
"""


def report_requests(scope: Scope, reporter: str | None = None) -> pd.DataFrame:
    """Every report request of the paragraphs in scope (of one reporter, if given), with its
    paragraph's place and text."""
    return run(REPORT_LIST, scope.params() | {"reporter": reporter})


def reporters() -> dict[str, int]:
    """Every reporter asked for a report, with its number of requests, most asked first."""
    return dict(run(REPORTERS).itertuples(index=False, name=None))
