"""Counterparts across documents: the adopted text of a draft, and the same resolution a session earlier. Pure.

Found from the texts only. Candidates are pairs of instruments whose titles are the same once
normalized, or that share a paragraph word for word (leaving out paragraphs that many instruments
share, such as "Decides to remain seized of the matter"), so the work grows with the corpus, not
with its square. Each candidate gets a confidence from the title similarity and the share of
paragraphs found word for word in the other text; below MIN_CONFIDENCE nothing is proposed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from etl.compare import canonical
from etl.rows import CounterpartRow, InstrumentStatus, Relation

# Measured on the samples: true pairs score 0.77-1.0, the best wrong candidate ("Question of
# Anguilla" against "Question of Bermuda", which share their boilerplate) 0.52.
MIN_CONFIDENCE = 0.6
COMMON_PARAGRAPH_INSTRUMENTS = 12  # a paragraph in more instruments than this proposes no pair


@dataclass(frozen=True)
class Profile:
    """What the finder knows of one instrument."""

    instrument_id: str
    symbol: str | None
    status: str
    session: int | None
    title: str
    paragraphs: frozenset[int]  # stable hashes of the canonical paragraph texts

    @property
    def title_key(self) -> str:
        return " ".join(canonical(self.title).lower().split())


def paragraph_hash(text: str) -> int:
    """A hash of a paragraph's canonical text that is the same in every process."""
    return int.from_bytes(hashlib.blake2b(canonical(text).lower().encode(), digest_size=8).digest(), "big")


def profiles_of(rows: dict[str, list]) -> list[Profile]:
    """The profiles of one document's instruments, from its rows."""
    document = rows["documents"][0]
    hashes: dict[str, set[int]] = defaultdict(set)
    for paragraph in rows["paragraphs"]:
        hashes[paragraph.instrument_id].add(paragraph_hash(paragraph.text))
    return [Profile(i.instrument_id, document.symbol, i.status, document.session, i.title,
                    frozenset(hashes[i.instrument_id])) for i in rows["instruments"]]


def _relation(old: Profile, new: Profile) -> str | None:
    """The relation old -> new can have, or None (ordered: draft before adopted, earlier session first)."""
    if old.status == InstrumentStatus.DRAFT and new.status == InstrumentStatus.ADOPTED:
        general_assembly = (old.symbol or "").startswith("A/") and (new.symbol or "").startswith("A/")
        if general_assembly and old.session is not None and new.session is not None and old.session != new.session:
            return None  # a General Assembly draft is adopted in its own session
        return Relation.ADOPTED_TEXT
    if (old.status == new.status == InstrumentStatus.ADOPTED and old.session is not None
            and new.session is not None and old.session < new.session):
        return Relation.SERIES
    return None


def _candidates(profiles: list[Profile]) -> set[tuple[int, int]]:
    by_title: dict[str, list[int]] = defaultdict(list)
    by_paragraph: dict[int, list[int]] = defaultdict(list)
    for k, profile in enumerate(profiles):
        by_title[profile.title_key].append(k)
        for h in profile.paragraphs:
            by_paragraph[h].append(k)
    pairs: set[tuple[int, int]] = set()
    for group in by_title.values():
        pairs.update(combinations(group, 2))
    for group in by_paragraph.values():
        if len(group) <= COMMON_PARAGRAPH_INSTRUMENTS:
            pairs.update(combinations(group, 2))
    return pairs


def find_counterparts(profiles: Iterable[Profile]) -> list[CounterpartRow]:
    """Every proposed pair, old side first, with its confidence; best first."""
    profiles = list(profiles)
    rows: list[CounterpartRow] = []
    for a, b in _candidates(profiles):
        for old, new in ((profiles[a], profiles[b]), (profiles[b], profiles[a])):
            relation = _relation(old, new)
            if relation is None:
                continue
            title = fuzz.token_sort_ratio(old.title_key, new.title_key) / 100
            shared = len(old.paragraphs & new.paragraphs)
            text = shared / max(1, min(len(old.paragraphs), len(new.paragraphs)))
            confidence = round(0.5 * title + 0.5 * text, 3)
            if confidence >= MIN_CONFIDENCE:
                rows.append(CounterpartRow(old.instrument_id, new.instrument_id, relation, confidence,
                                           round(title, 3), round(text, 3)))
    return sorted(rows, key=lambda r: (-r.confidence, r.old_instrument_id, r.new_instrument_id))
