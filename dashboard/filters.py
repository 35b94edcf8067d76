"""Sidebar filters shared by every page, and the URL query parameters that reproduce a view.

On the first run of a session the URL seeds the widgets (unknown or malformed parameters are
ignored with a notice); on every run the widgets' values are written back to the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from dashboard import queries
from dashboard.scope import FILTER_FIELDS, NO_FUNDING, Scope
from dashboard.text import escape_md
from etl import lexicon

STATE_URL = "_url_params"  # this run's parameters, published by publish()
STATE_SEEDED = "_url_seeded"
STATE_SCOPE = "_scope"
MAX_OPTIONS = 300  # instruments offered without choosing a document first
PICK_SHOWN = 300  # options a picker sends the browser at once; with more, typing narrows them


# the sidebar's two groups of filters (key -> title), each a section that opens and closes
FILTER_GROUPS = {"documents": "Documents", "paragraphs": "Paragraphs"}


@dataclass(frozen=True)
class FilterSpec:
    """One sidebar filter: its Scope field, URL parameter, label and group (FILTER_GROUPS)."""

    field: str
    param: str
    label: str
    help: str
    group: str = "documents"


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("sessions", "session", "Session", "The session the document belongs to."),
    FilterSpec("issuers", "issuer", "Issuing body", "The body whose document it is."),
    FilterSpec("origins", "origin", "Origin",
               "The Main Committee a resolution comes from, or plenary."),
    FilterSpec("agendas", "agenda", "Agenda item", "The agenda item, as printed on the document."),
    FilterSpec("doc_types", "type", "Document type", "Resolution, draft resolution, decision, report."),
    FilterSpec("adopted", "adopted", "Adopted between",
               "The adoption date stated on the document (documents without one are left out)."),
    FilterSpec("documents", "document", "Document",
               "Source document: symbol and title, or the file name when it has no symbol."),
    FilterSpec("instruments", "instrument", "Instrument", "Resolution or decision."),
    FilterSpec("bodies", "body", "Acting body", "The body that adopts the instrument."),
    FilterSpec("kinds", "kind", "Paragraph kind", "Preambular or operative.", "paragraphs"),
    FilterSpec("verbs", "verb", "Verb",
               "Lead verb of a paragraph; on addressee charts, the verb addressing the actor.",
               "paragraphs"),
    FilterSpec("groups", "group", "Addressee group", "Who is addressed.", "paragraphs"),
    FilterSpec("funding", "funding", "Funding condition",
               "Funding wording found in the paragraph ('no funding wording' = none found).",
               "paragraphs"),
    FilterSpec("owners", "data", "Data",
               "Your own documents (added on the Add documents page) or the shared ones."),
)
CORPUS_FILTERS = frozenset({"sessions", "issuers", "origins", "agendas", "doc_types"})
DATE_RANGE = "adopted"
# drawn only when they have a choice to offer (one document needs no session filter)
OPTIONAL_FILTERS = CORPUS_FILTERS | {"owners", DATE_RANGE}


def _shown(spec: FilterSpec, allowed: dict[str, str], chosen: object) -> bool:
    """Whether a filter's widget is drawn: always, or (optional ones) when it offers a choice."""
    if spec.field not in OPTIONAL_FILTERS:
        return True
    if spec.field == DATE_RANGE:
        return bool(allowed) and allowed["first"] != allowed["last"]
    return len(allowed) >= (1 if spec.field == "owners" else 2) or bool(chosen)
assert tuple(f.field for f in FILTERS) == FILTER_FIELDS
assert {f.group for f in FILTERS} == set(FILTER_GROUPS)

# parameters owned by pages (validated by the page that reads them)
PAGE_PARAMS = frozenset({"paragraph", "q", "clauses", "layout", "count", "history", "reader",
                         "view", "old", "new", "all", "doc", "by", "reporter"})
STATE_KEPT = "_kept_{}"  # a widget's last value, restored when it is drawn again (or after a page change)
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
FUNDING_LABELS = {NO_FUNDING: "no funding wording"}


def describe(scope: Scope, specs: Sequence[FilterSpec] = FILTERS) -> str:
    """The filters a scope sets (of `specs`), in words: 'Acting body: General Assembly; Verb:
    request' or 'no filters'."""
    options = _options()
    parts = []
    for spec in specs:
        values = getattr(scope, spec.field)
        if values and spec.field == DATE_RANGE:
            parts.append(f"{spec.label}: {values[0]} and {values[-1]}")
        elif values:
            names = options.get(spec.field, {})
            parts.append(f"{spec.label}: {', '.join(names.get(v, v) for v in values)}")
    return "; ".join(parts) or "no filters"


def _label_of(labels: dict[str, str], value: str) -> str:
    return labels.get(value, value)


def _key(spec: FilterSpec) -> str:
    return f"filter_{spec.param}"


def group_key(group: str) -> str:
    """The state key of a filter group's section (True while it is open)."""
    return f"filters_{group}"


def section_of(label: str) -> str:
    """The title of the sidebar section that holds the filter labelled `label`."""
    return next(FILTER_GROUPS[spec.group] for spec in FILTERS if spec.label == label)


def _options() -> dict[str, dict[str, str]]:
    options = queries.filter_options()
    funding = {code: lexicon.FUNDING_LABELS.get(code, label) for code, label in options.get("funding", {}).items()}
    funding[NO_FUNDING] = FUNDING_LABELS[NO_FUNDING]
    options["funding"] = funding
    return options


def _seed_from_url(options: dict[str, dict[str, str]]) -> list[str]:
    """Copy valid URL values into the widgets' state; describe what was ignored."""
    notices = []
    by_param = {spec.param: spec for spec in FILTERS}
    for name in st.query_params:
        if name not in by_param and name not in PAGE_PARAMS | STREAMLIT_PARAMS:
            notices.append(f"unknown parameter “{name}”")
    for spec in FILTERS:
        values = st.query_params.get_all(spec.param)
        if spec.field == DATE_RANGE:
            if values:
                found = _date_range(values)
                if found is None:
                    notices.append(f"{spec.param}={'&'.join(values)!r} (give two dates: YYYY-MM-DD)")
                else:
                    st.session_state[_key(spec)] = found
            continue
        allowed = options.get(spec.field, {})
        valid = [v for v in dict.fromkeys(values) if v in allowed]
        notices += [f"{spec.param}={v!r} (no such {spec.label.lower()})"
                    for v in values if v not in allowed]
        if values:
            st.session_state[_key(spec)] = valid
    return notices


def _instrument_choices(instruments: dict[str, str], documents: tuple[str, ...],
                        selected: list[str]) -> dict[str, str]:
    """Instruments of the chosen documents; with many documents and none chosen, only those
    already selected (thousands of options would be sent to the browser on every rerun)."""
    if documents:
        return {k: v for k, v in instruments.items()
                if k.rsplit(":i", 1)[0] in documents or k in selected}
    if len(instruments) <= MAX_OPTIONS:
        return instruments
    return {k: v for k, v in instruments.items() if k in selected}


def _date_range(values: Sequence[str]) -> tuple[date, date] | None:
    """Two ISO dates, in order, or None."""
    try:
        found = tuple(sorted(date.fromisoformat(v) for v in values))
    except ValueError:
        return None
    return (found[0], found[1]) if len(found) == 2 else None


def _range_scope(key: str, offered: dict[str, str]) -> tuple[str, ...]:
    """The adoption range chosen, as ISO dates within the data's range; () for all of it."""
    if not offered:
        return ()
    first, last = date.fromisoformat(offered["first"]), date.fromisoformat(offered["last"])
    value = st.session_state.get(key)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        # no choice yet, or half a range while the user picks the second date
        if not isinstance(value, (tuple, list)) or not value:
            st.session_state[key] = (first, last)
        return ()
    start, end = max(value[0], first), min(value[1], last)
    if start > end:
        start, end = first, last
    st.session_state[key] = (start, end)  # within the widget's bounds (a URL may ask for more)
    if (start, end) == (first, last):
        return ()
    return (start.isoformat(), end.isoformat())


def _reset() -> None:
    for spec in FILTERS:
        if spec.field == DATE_RANGE:
            st.session_state.pop(_key(spec), None)
        else:
            st.session_state[_key(spec)] = []


def begin_run() -> None:
    """Start collecting this run's URL parameters."""
    st.session_state[STATE_URL] = {}


def keep(param: str, value: str | list[str] | None) -> None:
    """Put `param` in this run's URL (None or an empty list leaves it out)."""
    if value not in (None, "", []):
        st.session_state.setdefault(STATE_URL, {})[param] = value


def publish() -> None:
    """Make the browser's URL show this run's parameters (only when they changed)."""
    target = {k: (v if isinstance(v, list) else [v])
              for k, v in st.session_state.get(STATE_URL, {}).items()}
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != target:
        st.query_params.from_dict(target)


@dataclass
class Selection:
    """The shared filters' values for this run, and what draw() needs to show their widgets."""

    scope: Scope
    offered: dict[str, dict[str, str]]  # filter field -> {value: label} offered in its widget
    placeholders: dict[str, str]
    notices: list[str]


def select() -> Selection:
    """Read the shared filters from the session (seeded from the URL on its first run).

    The widgets are drawn later by draw(), after the page (app.py), which needs the scope first.
    """
    options = _options()
    notices: list[str] = []
    if not st.session_state.get(STATE_SEEDED):
        notices = _seed_from_url(options)
        st.session_state[STATE_SEEDED] = True
    chosen: dict[str, tuple[str, ...]] = {}
    offered: dict[str, dict[str, str]] = {}
    placeholders: dict[str, str] = {}
    for spec in FILTERS:
        allowed = options.get(spec.field, {})
        key = _key(spec)
        if spec.field == DATE_RANGE:
            span = queries.adoption_range()
            offered[spec.field] = {"first": span[0].isoformat(), "last": span[1].isoformat()} if span else {}
            placeholders[spec.field] = ""
            chosen[spec.field] = _range_scope(key, offered[spec.field])
            keep(spec.param, list(chosen[spec.field]))
            continue
        if spec.field == "instruments":
            allowed = _instrument_choices(allowed, chosen["documents"],
                                          st.session_state.get(key, []))
        # values can vanish when the database is rebuilt: keep only those still offered
        values = [v for v in st.session_state.get(key, []) if v in allowed]
        st.session_state[key] = values
        offered[spec.field] = allowed
        placeholders[spec.field] = "All" if len(allowed) or not options.get(spec.field) else \
            "Choose a document first"
        chosen[spec.field] = tuple(values)
        keep(spec.param, values)
    scope = Scope(**chosen)
    st.session_state[STATE_SCOPE] = scope
    return Selection(scope, offered, placeholders, notices)


def draw(selection: Selection, where: Any) -> None:
    """Show the shared filters in `where`: a section per group (FILTER_GROUPS) whose widgets,
    bound to the values select() read, are drawn while it is open; closed, it names what it sets."""
    scope = selection.scope
    with where:
        st.header("Filters")
        for group, title in FILTER_GROUPS.items():
            specs = [spec for spec in FILTERS if spec.group == group
                     and _shown(spec, selection.offered[spec.field], getattr(scope, spec.field))]
            if not specs:
                continue
            chosen = [spec for spec in specs if getattr(scope, spec.field)]
            key = group_key(group)
            # a session starts with the groups its URL sets filters in open; a page change sends
            # no expander state, so the last one is restored
            _restore(key, default=bool(chosen))
            # drawn only when open: a dozen widgets cost a reload 0.1-0.2 s of the browser's
            # drawing (docs/benchmark-notes.md), and most visits change none of them
            section = st.expander(title, key=key, on_change="rerun")
            if _kept(key, section.open):
                with section:
                    for spec in specs:
                        _widget(spec, selection)
            elif chosen:
                st.caption(escape_md(describe(scope, chosen)))
        st.button("Reset filters", on_click=_reset, key="filter_reset",
                  disabled=scope.is_default())
        if selection.notices:
            st.info("Ignored from the URL: " + "; ".join(selection.notices) + ".")


def _widget(spec: FilterSpec, selection: Selection) -> None:
    """One filter's widget, bound to its state key."""
    allowed = selection.offered[spec.field]
    key = _key(spec)
    if spec.field == DATE_RANGE:
        st.date_input(spec.label, key=key, help=spec.help, format="YYYY-MM-DD",
                      min_value=date.fromisoformat(allowed["first"]),
                      max_value=date.fromisoformat(allowed["last"]))
        return
    # as on the page pickers: thousands of options (documents, instruments) narrow by words
    offered = allowed if len(allowed) <= PICK_SHOWN else \
        _narrowed(spec.label, allowed, key, st.session_state.get(key, []))
    st.multiselect(spec.label, list(offered), key=key, help=spec.help,
                   format_func=partial(_label_of, allowed),
                   placeholder=selection.placeholders[spec.field])


# set by app.py's router around the page it runs: a ContextVar is per script thread, so a page run
# by another visitor's router, or a previous run, never counts for this one
_ROUTED: ContextVar[bool] = ContextVar("routed", default=False)


@contextmanager
def routed() -> Iterator[None]:
    """Around app.py's page.run(): marks this script run as one the router started."""
    token = _ROUTED.set(True)
    try:
        yield
    finally:
        _ROUTED.reset(token)


def scope() -> Scope:
    """The selection made in the sidebar during this run; every page starts by asking for it."""
    _through_router()
    return st.session_state.get(STATE_SCOPE, Scope())


def _through_router() -> None:
    # With a pages/ folder beside app.py, Streamlit starts in its legacy multipage mode: until
    # app.py has called st.navigation once, a deep link (/verbs) on a fresh server runs the page
    # file alone, without app.py. Leave that mode and rerun, so app.py routes the same URL. The
    # mode is server-wide but the check is per run, so a visitor whose run started before another
    # visitor switched the mode off is rerouted too. Calling st.navigation is what ends the mode
    # (for the whole server); the rerun then starts from app.py.
    from dashboard import navigation

    if not _ROUTED.get():
        st.navigation(navigation.pages(), position="hidden")
        st.rerun()


def _seed(param: str, key: str, parse: Callable[[str], Any]) -> None:
    """Seed a page widget from the URL the first time it is drawn (malformed values get a
    notice), else from its last value: a widget left undrawn in a closed tab loses its state."""
    if key in st.session_state:
        return
    if param in st.query_params:
        raw = st.query_params.get(param) or ""
        try:
            st.session_state[key] = parse(raw)
            return
        except ValueError:
            st.info(f"Ignored from the URL: {param}={raw!r} (not a valid value).")
    _restore(key)


_NOTHING = object()


def _restore(key: str, default: Any = _NOTHING) -> None:
    """Give a widget about to be drawn without state its last value (_kept), else `default`."""
    kept = st.session_state.get(STATE_KEPT.format(key), default)
    if key not in st.session_state and kept is not _NOTHING:
        st.session_state[key] = kept


def _kept(key: str, value: Any) -> Any:
    st.session_state[STATE_KEPT.format(key)] = value
    return value


def tabs(options: dict[str, str], param: str, key: str) -> Sequence[Any]:
    """Tabs bound to a URL parameter (value -> label, the first open by default); only the open
    tab's `.open` is True, so a page runs and sends that tab's content alone."""
    labels = {label: value for value, label in options.items()}

    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(raw)
        return options[raw]
    _seed(param, key, parse)
    if st.session_state.get(key) not in labels:
        st.session_state.pop(key, None)
    found = st.tabs(list(labels), key=key, on_change="rerun")
    value = labels.get(str(st.session_state.get(key)), next(iter(options)))
    _kept(key, options[value])
    keep(param, None if value == next(iter(options)) else value)
    return found


def choice(label: str, options: dict[str, str], param: str, key: str, default: str,
           **kwargs: Any) -> str:
    """A radio bound to a URL parameter; returns the chosen option's value."""
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(raw)
        return raw
    _seed(param, key, parse)
    if st.session_state.get(key) not in options:  # none yet, or one the options no longer hold
        st.session_state[key] = default
    value = _kept(key, st.radio(label, list(options), format_func=options.get, key=key,
                                horizontal=True, **kwargs))
    keep(param, None if value == default else value)
    return value


def flag(label: str, param: str, key: str, **kwargs: Any) -> bool:
    """A checkbox bound to a URL parameter ('1' when ticked)."""
    def parse(raw: str) -> bool:
        if raw not in ("0", "1", "true", "false"):
            raise ValueError(raw)
        return raw in ("1", "true")
    _seed(param, key, parse)
    value = st.checkbox(label, key=key, **kwargs)
    keep(param, "1" if value else None)
    return value


def text(label: str, param: str, key: str, **kwargs: Any) -> str:
    """A text input bound to a URL parameter."""
    _seed(param, key, lambda raw: raw[:200])
    value = st.text_input(label, key=key, **kwargs)
    keep(param, value.strip() or None)
    return value


def pick(label: str, options: dict[str, str], param: str, key: str, **kwargs: Any) -> str | None:
    """A selectbox bound to a URL parameter; an unknown value falls back to the first option."""
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(raw)
        return raw
    _seed(param, key, parse)
    if st.session_state.get(key) not in options:
        # set, not dropped: a dropped value lets the browser keep showing the old choice while the
        # page shows the first option's content (the options changed under a sidebar filter)
        st.session_state[key] = None if kwargs.get("index", 0) is None else next(iter(options), None)
    current = st.session_state.get(key)
    offered = options if len(options) <= PICK_SHOWN else \
        _narrowed(label, options, key, [current] if current else [])
    value = st.selectbox(label, list(offered), format_func=partial(_label_of, options), key=key, **kwargs)
    keep(param, value)
    return value


def matching(options: dict[str, str], words: str, kept: Sequence[str],
             limit: int) -> tuple[list[str], int]:
    """The first `limit` options whose labels hold every word (any case), those of `kept` (the
    current choices) first when they are not among them; and how many match in all."""
    terms = words.casefold().split()
    found = [v for v, text in options.items() if all(t in text.casefold() for t in terms)]
    shown = found[:limit]
    # the choices stay valid (and shown) while the list narrows
    missing = [v for v in dict.fromkeys(kept) if v in options and v not in shown]
    return [*missing, *shown], len(found)


def _narrowed(label: str, options: dict[str, str], key: str, kept: Sequence[str]) -> dict[str, str]:
    # thousands of options would be sent with every run (half a megabyte at 5,000 documents) and
    # slow the page down: a search box narrows them on the server, the picker offers the matches
    words = st.text_input(f"{label}: find", key=f"{key}_find",
                          placeholder="Words of the symbol or title",
                          help=f"{len(options):,} to choose from: the list below offers the first "
                               f"{PICK_SHOWN} that hold every word typed here.")
    shown, found = matching(options, words, kept, PICK_SHOWN)
    matches = f"{found:,} of {len(options):,} match{'es' if found == 1 else ''}" if words.strip() \
        else f"{len(options):,} to choose from"
    if found > PICK_SHOWN:
        st.caption(f"{matches}; the first {PICK_SHOWN} are offered. Type more words to narrow.")
    elif words.strip():
        st.caption(f"{matches}.")
    return {v: options[v] for v in shown}


def remembered(param: str, key: str) -> str | None:
    """A value kept in the session (not a widget), seeded once from the URL."""
    if key not in st.session_state and st.query_params.get(param):
        st.session_state[key] = st.query_params.get(param)
    return st.session_state.get(key)
