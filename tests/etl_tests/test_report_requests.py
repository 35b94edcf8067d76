"""Report requests: one snippet per rule (who reports, to whom, when, how often, in what form) and the negatives."""

from __future__ import annotations

import pytest
from etl_snippets import resolution, rows

from etl import lexicon
from etl.rows import REPORT_FORMS

KEYS = ("letter", "reporter", "submitted_to", "session", "due_year", "periodicity", "form", "within_existing_resources")


def requests(body: str, acting: str = "*The General Assembly,*") -> list[tuple]:
    """Key fields of each report request in a small resolution."""
    return [tuple(getattr(r, k) for k in KEYS) for r in rows(resolution(body, acting=acting))["report_requests"]]


SG, GA = "Secretary-General", "General Assembly"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("1. *Requests* the Secretary-General to submit to the General Assembly at its eighty-first "
                     "session a report on the implementation of the present resolution;",
                     [(None, SG, GA, 81, 2026, "once", "written", False)], id="submit a report"),
        pytest.param("1. *Requests* the Secretary-General to report to the General Assembly at its eighty-first and "
                     "eighty-second sessions on the implementation of the present resolution;",
                     [(None, SG, GA, 81, 2026, "once", "written", False),
                      (None, SG, GA, 82, 2027, "once", "written", False)], id="two occasions"),
        pytest.param("1. *Requests* the Secretary-General and the Executive Director of the United Nations Office on "
                     "Drugs and Crime to report to the General Assembly at its eighty-first session;",
                     [(None, SG, GA, 81, 2026, "once", "written", False),
                      (None, "Executive Director of the United Nations Office on Drugs and Crime", GA, 81, 2026,
                       "once", "written", False)], id="two reporters"),
        pytest.param("1. *Requests* the Secretary-General to provide an oral update to the Human Rights Council at "
                     "its sixty-second session;",
                     [(None, SG, "Human Rights Council", 62, None, "once", "oral", False)], id="oral update"),
        pytest.param("1. *Requests* the Secretary-General to include in his next report to the General Assembly "
                     "information on the measures taken;",
                     [(None, SG, GA, None, None, None, "written", False)], id="include in his report"),
        pytest.param("1. *Requests* the Secretary-General to brief Member States on the progress made;",
                     [(None, SG, "Member States", None, None, None, "oral", False)], id="brief"),
        pytest.param("1. *Requests* the Secretary-General to keep the General Assembly informed of developments;",
                     [(None, SG, GA, None, None, None, None, False)], id="keep informed: form not said"),
        pytest.param("1. *Requests* the Secretary-General to report annually to the General Assembly on the matter;",
                     [(None, SG, GA, None, None, "annual", "written", False)], id="annually"),
        pytest.param("1. *Requests* the Secretary-General to report on an annual basis on the matter;",
                     [(None, SG, GA, None, None, "annual", "written", False)], id="on an annual basis"),
        pytest.param("1. *Requests* the Secretary-General to submit a report every two years on the matter;",
                     [(None, SG, GA, None, None, "biennial", "written", False)], id="every two years"),
        pytest.param("1. *Requests* the Secretary-General to report biennially to the General Assembly;",
                     [(None, SG, GA, None, None, "biennial", "written", False)], id="biennially"),
        pytest.param("1. *Requests* the Secretary-General to report triennially to the General Assembly;",
                     [(None, SG, GA, None, None, "triennial", "written", False)], id="triennially"),
        pytest.param("1. *Requests* the Secretary-General to update Member States on a regular basis on its work;",
                     [(None, SG, "Member States", None, None, "periodic", "update", False)], id="on a regular basis"),
        pytest.param("1. *Requests* the Secretary-General, within existing resources, to submit to the General "
                     "Assembly at its eighty-first session a report on the matter;",
                     [(None, SG, GA, 81, 2026, "once", "written", True)], id="within existing resources"),
        pytest.param("1. *Requests* the Secretary-General to submit a note on the matter to the General Assembly "
                     "at its eighty-first session;",
                     [(None, SG, GA, 81, 2026, "once", "note", False)], id="note"),
        pytest.param("1. *Requests* the Secretary-General to report thereon to the General Assembly through the "
                     "Commission on Crime Prevention and Criminal Justice at its thirty-fourth session;",
                     [(None, SG, GA, 34, 2025, "once", "written", False)], id="through the Commission"),
        pytest.param("1. *Invites* the Special Rapporteur to submit a report to the General Assembly in 2027;",
                     [(None, "Special Rapporteur", GA, None, 2027, "once", "written", False)], id="stated year"),
        pytest.param("1. *Decides* that the Special Rapporteur shall report annually to the General Assembly;",
                     [(None, "Special Rapporteur", GA, None, None, "annual", "written", False)], id="decides that"),
        pytest.param("1. *Decides*:\n\n(a) To request the Secretary-General to submit to the General Assembly at "
                     "its eighty-second session a report on the rights of the child;",
                     [("a", SG, GA, 82, 2027, "once", "written", False)], id="lettered item under decides"),
        pytest.param("1. *Requests* the Special Committee:\n\n(a) To continue to examine the question;\n\n"
                     "(b) To report to the General Assembly at its eighty-first session;",
                     [("b", "Special Committee", GA, 81, 2026, "once", "written", False)], id="lettered item"),
        pytest.param("1. *Requests* the Secretary-General to continue to improve the response and to report thereon "
                     "to the General Assembly at its eighty-first session and to include in his report "
                     "recommendations;",
                     [(None, SG, GA, 81, 2026, "once", "written", False)], id="report then include: one report"),
        pytest.param("1. *Requests* the Secretary-General to report to the General Assembly at its eighty-first "
                     "session and to the Human Rights Council at its sixtieth session;",
                     [(None, SG, GA, 81, 2026, "once", "written", False),
                      (None, SG, "Human Rights Council", 60, None, "once", "written", False)], id="two receivers"),
    ],
)
def test_report_requests(body: str, expected: list[tuple]) -> None:
    assert requests(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("1. *Takes note* of the report of the Secretary-General;", id="takes note of the report"),
        pytest.param("1. *Looks forward* to the report of the Secretary-General at its eighty-first session;",
                     id="looks forward"),
        pytest.param("1. *Invites* Member States to submit their views on the matter to the Secretary-General;",
                     id="views"),
        pytest.param("1. *Invites* Member States to provide data and contributions to the Office;", id="data"),
        pytest.param("1. *Requests* the Secretary-General to submit proposals to the General Assembly;",
                     id="proposals"),
        pytest.param("1. *Recalls* its request to the Secretary-General to report to the Commission;",
                     id="a request already made"),
        pytest.param("1. *Notes* the report submitted as requested by the Council in resolution 2024/1;",
                     id="mandate another body gave"),
        pytest.param("1. *Requests* the Secretary-General to invite States to submit reports to the Office;",
                     id="the reporter asks others"),
        pytest.param("1. *Decides* to include in the provisional agenda of its eighty-first session the item;",
                     id="agenda item"),
        pytest.param("1. *Encourages* States to report crimes to the competent authorities;", id="reporting crimes"),
        pytest.param("1. *Requests* the Secretary-General to update the guidelines;", id="update a text"),
        pytest.param("*Requesting* the Secretary-General to report to the General Assembly,\n\n"
                     "1. *Notes* the work;", id="preambular"),
    ],
)
def test_not_report_requests(body: str) -> None:
    assert requests(body) == []


def test_a_request_keeps_its_words_and_lines() -> None:
    text = resolution("1. *Requests* the Secretary-General to submit to the General Assembly at its eighty-first "
                      "session a report on the implementation of the present resolution;")
    [row] = rows(text)["report_requests"]
    assert row.report_request_id == "doc:i1:p1:r1"
    assert row.subject == "the implementation of the present resolution"
    assert row.as_written.startswith("Requests the Secretary-General to submit")
    assert row.reporter_as_written == "Secretary-General"  # as actors_in gives it: articles dropped
    line = text.splitlines().index(next(t for t in text.splitlines() if t.startswith("1."))) + 1
    assert (row.line_start, row.line_end) == (line, line)


def test_the_acting_body_receives_when_the_text_names_none() -> None:
    [row] = rows(resolution("1. *Requests* the Executive Director to report on the matter at its thirty-fifth "
                            "session;", acting="*The Commission on Crime Prevention and Criminal Justice,*"))[
        "report_requests"]
    assert (row.submitted_to, row.session, row.due_year) == (
        "Commission on Crime Prevention and Criminal Justice", 35, 2026)


def test_vocabularies_are_the_lexicons() -> None:
    assert {name for name, _ in lexicon.PERIODICITY_PATTERNS} | {lexicon.ONCE} == set(lexicon.PERIODICITIES)
    assert set(REPORT_FORMS) == {"written", "oral", "update", "note"}
