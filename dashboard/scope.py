"""The filter selection shared by every page, as a hashable value (no streamlit import)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

NO_FUNDING = "none"  # funding filter value for paragraphs without any funding wording
NO_BODY = "(not stated)"  # acting body filter value for instruments without one
NOT_STATED = NO_BODY  # the value of any corpus filter for a document that does not say
OWN_PREFIX = "yours:"  # the ids of a session's own rows, as the app reads them beside the shared ones
OWNERS = {"yours": "your documents", "shared": "shared documents"}  # the Data filter's values


@dataclass(frozen=True)
class Scope:
    """What the sidebar filters select; an empty tuple means 'no restriction'."""

    sessions: tuple[str, ...] = ()  # the documents' own facts (the corpus filters) ...
    issuers: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    agendas: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    adopted: tuple[str, ...] = ()  # (first, last) ISO adoption dates, both included
    documents: tuple[str, ...] = ()  # ... then the documents, instruments and paragraphs
    instruments: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()  # 'yours' (the session's own documents) and/or 'shared'

    def params(self) -> dict[str, list[str] | None]:
        """Named SQL parameters: a list per filter, or None for 'no restriction'."""
        return {f.name: (list(getattr(self, f.name)) or None) for f in fields(self)}

    def narrowed(self, field: str, allowed: tuple[str, ...]) -> Scope:
        """This scope with one filter intersected with `allowed` (a page-level choice)."""
        current = getattr(self, field)
        chosen = tuple(v for v in allowed if not current or v in current)
        # an empty intersection must select nothing, not everything
        return replace(self, **{field: chosen or ("\x00nothing",)})

    def is_default(self) -> bool:
        """True when no filter restricts anything."""
        return self == Scope()


FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Scope))
