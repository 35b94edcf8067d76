"""End to end on the seed report: counts verified by reading the report line by line.

How they were verified: every instrument of seeds/000_729240fe4f2efc64.txt was read in full; its
preambular paragraphs (italic or known lead phrase, joined across page breaks at lines 29-31, 207-211,
261-279, 295-297, 436-442) and numbered operative paragraphs were counted by hand, each operative
verb was tallied, and every "extrabudgetary"/"programme budget" wording was found with grep and
checked against the paragraph it sits in.
"""

from __future__ import annotations

import datetime as dt

import pytest

INSTRUMENTS = [
    # label, section, kind, status, acting body, recommended to, preambular, operative
    ("Draft resolution I", "A", "resolution", "draft", "General Assembly", "General Assembly", 14, 27),
    ("Draft resolution II", "A", "resolution", "draft", "General Assembly", "General Assembly", 9, 5),
    ("Draft resolution III", "A", "resolution", "draft", "General Assembly", "General Assembly", 16, 12),
    ("Draft resolution", "B", "resolution", "draft", "Economic and Social Council", "Economic and Social Council", 14, 10),
    ("Draft decision I", "C", "decision", "draft", "Economic and Social Council", "Economic and Social Council", 0, 1),
    ("Draft decision II", "C", "decision", "draft", "Economic and Social Council", "Economic and Social Council", 0, 3),
    ("Resolution 33/1", "D", "resolution", "adopted", "Commission on Crime Prevention and Criminal Justice", None, 14, 11),
    ("Decision 33/1", "D", "decision", "adopted", None, None, 0, 0),
]

OPERATIVE_VERBS = {
    "request": 20, "encourage": 11, "invite": 6, "urge": 5, "call upon": 5, "decide": 4, "reiterate": 4,
    "reaffirm": 4, "take note": 2, "emphasize": 2, "welcome": 1, "condemn": 1, "recognize": 1, "note": 1,
    "authorize": 1, "approve": 1,
}


def test_instruments_and_paragraph_counts(seed_con) -> None:
    found = seed_con.execute("""
        select i.label, i.section, i.kind, i.status, i.acting_body, i.recommended_to,
               count(*) filter (where p.kind = 'preambular'), count(*) filter (where p.kind = 'operative')
        from instruments i left join paragraphs p using (instrument_id)
        group by all order by min(i.ordinal)""").fetchall()
    assert [tuple(row) for row in found] == INSTRUMENTS


def test_titles(seed_con) -> None:
    titles = [r[0] for r in seed_con.execute("select title from instruments order by ordinal").fetchall()]
    assert titles[1] == "Reducing reoffending through rehabilitation and reintegration"
    assert titles[3] == ("Treatment of children associated with terrorist groups, including children who are "
                         "recruited and exploited by those groups")
    assert titles[7] == "Report of the Board of Trustees of the United Nations Interregional Crime and Justice Research Institute"


def test_operative_verb_counts(seed_con) -> None:
    found = dict(seed_con.execute(
        "select verb, count(*) from paragraphs where kind = 'operative' group by verb").fetchall())
    assert found == OPERATIVE_VERBS


def test_lettered_items(seed_con) -> None:
    found = seed_con.execute("""
        select i.label, p.kind, p.label, p.lead_phrase, string_agg(s.letter, '' order by s.line_start)
        from subparagraphs s join paragraphs p using (paragraph_id) join instruments i using (instrument_id)
        group by all order by min(s.line_start)""").fetchall()
    assert [tuple(r) for r in found] == [
        ("Resolution 33/1", "preambular", None, "Recognizing", "abcdefg"),
        ("Resolution 33/1", "operative", "7", "Further encourages", "abcdefghijkl"),
        ("Resolution 33/1", "operative", "9", "Requests", "ab"),
    ]


def test_funding_conditions(seed_con) -> None:
    found = seed_con.execute("""
        select f.condition, i.label, coalesce(p.label, 'preamble')
        from funding_conditions f join paragraphs p using (paragraph_id) join instruments i using (instrument_id)
        order by i.ordinal, p.ordinal""").fetchall()
    assert [tuple(r) for r in found] == [
        ("extrabudgetary", "Draft resolution I", "3"),
        ("donor_invitation", "Draft resolution I", "17"),
        ("extrabudgetary", "Draft resolution I", "18"),
        ("regular_budget", "Draft resolution I", "23"),
        ("extrabudgetary", "Draft resolution II", "preamble"),
        ("extrabudgetary", "Draft resolution II", "2"),
        ("extrabudgetary", "Draft resolution II", "4"),
        ("donor_invitation", "Draft resolution II", "5"),
        ("extrabudgetary", "Draft resolution III", "10"),
        ("extrabudgetary", "Draft resolution III", "11"),
        ("donor_invitation", "Draft resolution III", "12"),
        ("extrabudgetary", "Draft resolution", "5"),
        ("extrabudgetary", "Draft resolution", "8"),
        ("donor_invitation", "Draft resolution", "10"),
        ("donor_invitation", "Resolution 33/1", "11"),
    ]


def test_requests_per_addressee(seed_con) -> None:
    found = dict(seed_con.execute(
        "select addressee, count(*) from addressees where verb = 'request' group by addressee").fetchall())
    assert found == {"Secretary-General": 10, "Commission on Crime Prevention and Criminal Justice": 3,
                     "United Nations Office on Drugs and Crime": 7, "Intergovernmental expert group": 1}


def test_every_directive_operative_paragraph_has_an_addressee(seed_con) -> None:
    missing = seed_con.execute("""
        select paragraph_id, text from paragraphs
        where kind = 'operative' and verb in ('request', 'urge', 'encourage', 'invite', 'call upon', 'authorize')
          and paragraph_id not in (select paragraph_id from addressees)""").fetchall()
    assert missing == []


CONGRESS = "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"
COMMISSION = "Commission on Crime Prevention and Criminal Justice"


@pytest.mark.parametrize(
    ("label", "start", "end", "precision", "location"),
    [
        (CONGRESS, dt.date(2026, 4, 25), dt.date(2026, 4, 30), "day", "Abu Dhabi"),
        ("Pre-Congress consultations", dt.date(2026, 4, 24), dt.date(2026, 4, 24), "day", None),
        ("High-level segment of the Fifteenth Congress", dt.date(2026, 4, 25), dt.date(2026, 4, 26), "relative", "Abu Dhabi"),
        ("Adoption of the Abu Dhabi declaration", dt.date(2026, 4, 25), dt.date(2026, 4, 25), "relative", "Abu Dhabi"),
        ("Regional preparatory meetings for the Fifteenth Congress", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year", None),
        (f"{COMMISSION}, thirty-fourth session", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "session", None),
        (f"{COMMISSION}, thirty-fifth session", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "session", None),
        ("General Assembly, eighty-first session", dt.date(2026, 9, 1), dt.date(2027, 8, 31), "session", None),
        ("Programme budget for 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year", None),
        ("Programme budget for 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "year", None),
    ],
)
def test_congress_cycle_events(seed_con, label, start, end, precision, location) -> None:
    found = seed_con.execute("""
        select distinct start_date, end_date, precision, location from events
        where label = ? and not is_historical""", [label]).fetchall()
    assert [tuple(r) for r in found] == [(start, end, precision, location)]


def test_congress_event_traces_to_operative_paragraph_5(seed_con) -> None:
    row = seed_con.execute("""
        select p.number, p.line_start, e.phrase from events e join paragraphs p using (paragraph_id)
        where e.label = ? and e.precision = 'day' and not e.is_historical""", [CONGRESS]).fetchone()
    assert tuple(row) == (5, 61, "from 25 to 30 April 2026")


def test_historical_dates_of_cited_resolutions(seed_con) -> None:
    row = seed_con.execute("""
        select start_date, is_historical, event_type from events
        where label = 'Adoption of General Assembly resolution 46/152'""").fetchone()
    assert tuple(row) == (dt.date(1991, 12, 18), True, "adoption")


def test_citations(seed_con) -> None:
    kinds = dict(seed_con.execute("select kind, count(distinct symbol) from citations group by kind").fetchall())
    assert kinds["commission_resolution"] == 2  # 26/3 and 32/1
    assert kinds["commission_decision"] == 1  # 21/1
    symbols = {r[0] for r in seed_con.execute("select symbol from citations").fetchall()}
    assert {"E/CN.15/2024/12", "A/CONF.234/16", "E/RES/1996/31", "A/RES/76/181", "A/RES/78/224",
            "UNODC/CCPCJ/EG.9/2023/2"} <= symbols


def test_agenda_items(seed_con) -> None:
    found = seed_con.execute("""
        select count(*) filter (where sub_item is null), count(*) filter (where sub_item is not null),
               min(session) from agenda_items""").fetchone()
    assert tuple(found) == (13, 9, "thirty-fourth session of the Commission on Crime Prevention and Criminal Justice")


def test_footnotes(seed_con) -> None:
    assert seed_con.execute("select count(*) from footnotes").fetchone()[0] == 31  # 1-30 and the asterisk
    star = seed_con.execute("""select f.instrument_id, i.label from footnotes f join instruments i using (instrument_id)
                               where marker = '*'""").fetchone()
    assert star[1] == "Draft resolution"
    twice = seed_con.execute("""select count(*) from paragraph_footnotes pf join footnotes f using (footnote_id)
                                where f.marker = '30'""").fetchone()[0]
    assert twice == 2  # cited in a preambular and an operative paragraph of resolution 33/1


def test_no_warnings_on_the_seed(seed_con) -> None:
    assert seed_con.execute("select * from parse_warnings").fetchall() == []
