"""The editors' worklist: bibliography reading, candidate ranking, ordering, hints, outputs."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from test_report_helpers import DATA, flag, sample_findings

from checker.findings import Category, finalize
from checker.rank import Source
from checker.report.todo.candidates import candidates_for, claim_for
from checker.report.todo.context import paragraph_at
from checker.report.todo.nearby import nearby, paragraphs
from checker.report.todo.render import render_json, render_lines, render_text
from checker.report.todo.worklist import (
    HINT_LEAD,
    HINT_OLD,
    age_text,
    build_worklist,
    months_between,
    parse_date,
)
from checker.report.todo.works import load_bibliography

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def works() -> tuple[Source, ...]:
    return load_bibliography([DATA / "works.bib"]).works


def test_bibliography_is_read_into_sources() -> None:
    bib = load_bibliography([DATA / "works.bib"])
    works = {w.id: w for w in bib.works}
    assert set(works) == {"prophet1", "prophet3", "railways", "odessa", "unrelated"}
    assert works["prophet1"].title == "The Prophet Armed: 1879–1921"  # BibTeX -- is an en dash
    assert works["prophet1"].authors == ("Deutscher, Isaac",)
    assert works["prophet1"].year == 1954
    assert works["prophet1"].container == "Oxford University Press"
    assert works["prophet1"].note == "revolution, exile, biography"
    assert works["prophet1"].text == (
        "Deutscher, Isaac (1954). The Prophet Armed: 1879–1921. Oxford University Press"
    )
    assert works["odessa"].title == "Schooling in Odessa in 1890"  # braces gone
    assert works["odessa"].authors == ("Sample, Boris", "Test, Vera")
    assert works["odessa"].container == "Journal of Examples"
    assert works["railways"].note.startswith("Armoured trains")
    assert bib.unreadable == ()


def test_an_unreadable_bib_file_is_named_not_fatal() -> None:
    bib = load_bibliography([DATA / "broken.bib", DATA / "works.bib"])
    assert len(bib.works) == 5
    assert len(bib.unreadable) == 1 and bib.unreadable[0].startswith(str(DATA / "broken.bib"))


def test_year_coverage_suggests_a_work_and_says_why(works: tuple[Source, ...]) -> None:
    found = candidates_for(flag("In 1905 he led the workers' council"), works, None)
    assert found[0].id == "prophet1"
    assert "covers 1905 (1879–1921)" in found[0].reasons


def test_topic_overlap_ranks_the_closest_work_first(works: tuple[Source, ...]) -> None:
    claim = flag("The armoured train supplied the southern front armies in 1919")
    found = candidates_for(claim, works, None)
    assert found[0].id == "railways"
    assert found[0].reasons[0].startswith("shares ")
    assert "“southern”" in found[0].reasons[0]
    assert "unrelated" not in [c.id for c in found]


def test_an_author_named_in_the_claim_counts(works: tuple[Source, ...]) -> None:
    found = candidates_for(flag("Deutscher says he escaped to Mexico in 1935"), works, None)
    assert found[0].id == "prophet3"
    assert "by Deutscher, named in the claim" in found[0].reasons
    assert "covers 1935 (1929–1940)" in found[0].reasons


def test_the_paragraph_helps_and_nothing_weak_is_shown(works: tuple[Source, ...]) -> None:
    assert candidates_for(flag("He read early"), works, None) == []
    with_paragraph = flag("He read early", data={"paragraph": "At school in Odessa the boy read."})
    found = candidates_for(with_paragraph, works, None)
    assert [c.id for c in found][:1] == ["odessa"]
    assert found[0].reasons[0] == "shares “odessa” with its paragraph"
    assert (
        len(candidates_for(flag("exile revolution army Odessa 1890 1935 train"), works, None)) <= 3
    )


def test_no_bibliography_means_no_candidates() -> None:
    assert candidates_for(flag("In 1905 anything"), (), None) == []


NEARBY = """Title
=====

Early years
-----------

He wrote many books :cite:p:`prophet1`. He read in Odessa.
He was exiled :cn:`to the south`.

Later :cite:p:`{see}railways,odessa{p. 4}` he travelled [Smith2001]_.

Other section
-------------

A claim elsewhere :cite:p:`unrelated`.
"""


def test_nearby_reads_the_cited_sentences_of_the_claims_section() -> None:
    assert [(p.start, p.heading) for p in paragraphs(NEARBY)] == [(7, 4), (10, 4), (15, 12)]
    found = nearby(NEARBY, 8, "to the south")
    assert [(c.text, c.cites, c.para, c.sent) for c in found] == [
        ("He wrote many books.", ("prophet1",), 0, 0),
        ("Later he travelled.", ("railways", "odessa", "Smith2001"), 1, 0),
    ]
    assert nearby(NEARBY, 15, "A claim elsewhere") == ()  # its own sentence is left out
    assert nearby(NEARBY, None, "x") == ()


def test_a_claim_is_ranked_with_its_paragraph_section_and_neighbours(
    works: tuple[Source, ...],
) -> None:
    finding = flag("to the south", line=8, section="Early years", doc="index")
    claim = claim_for(finding, works, NEARBY, lead_docs=("index",))
    assert claim.lead and claim.section == "Early years"
    assert claim.paragraph.startswith("He wrote many books")
    assert claim.context[0].cites == ("prophet1",)
    found = {c.id: c.reasons for c in candidates_for(finding, works, NEARBY)}
    assert "cited nearby (once in the same paragraph)" in found["prophet1"]
    assert found["odessa"] == (
        "shares “odessa” with its paragraph",
        "cited nearby (once in this section)",  # the next paragraph cites it
    )


def test_dates_and_ages() -> None:
    assert parse_date("2010-07") == date(2010, 7, 1)
    assert parse_date("2010") == date(2010, 1, 1)
    assert parse_date("2010-13") is None and parse_date("soon") is None
    assert parse_date("2010-02-31") is None
    assert months_between(date(2010, 7, 1), TODAY) == 196
    assert months_between(date(2026, 11, 26), TODAY) == 0  # a future date is not negative
    assert age_text(196) == "16 years 4 months"
    assert age_text(12) == "1 year" and age_text(1) == "1 month"
    assert age_text(0) == "less than a month" and age_text(None) == "undated"


def test_worklist_orders_oldest_first_then_banner_sections_then_document_order(
    works: tuple[Source, ...],
) -> None:
    findings = finalize(
        [
            flag("undated early", line=1, section="Intro"),
            flag("recent", line=2, section="Intro", date="2024-01"),
            flag("old in plain section", line=3, section="Plain", date="2010-07"),
            flag("old under banner", line=9, section="Flagged", date="2010-07"),
            flag(
                "",
                line=8,
                section="Flagged",
                category=Category.BANNER,
                rule="more-citations-needed",
                date="2010-11",
            ),
            flag("Bad 1999", line=1, doc="refs", category=Category.REFERENCE, rule="bad-ref"),
            flag("oldest", line=20, doc="b", section="Late", date="2008"),
        ]
    )
    items = build_worklist(findings, works, TODAY)
    assert [i.finding.text for i in items] == [
        "oldest",
        "old under banner",
        "old in plain section",
        "recent",
        "undated early",
        "",  # the banner, after every flagged claim
        "Bad 1999",
    ]
    assert items[1].under_banner and not items[2].under_banner
    assert [i.finding.text for i in build_worklist(findings, works, TODAY, limit=2)] == [
        "oldest",
        "old under banner",
    ]


def test_article_banner_puts_every_flag_under_it(works: tuple[Source, ...]) -> None:
    findings = finalize(
        [
            flag("claim", line=5),
            flag(
                "",
                line=1,
                doc="index",
                category=Category.BANNER,
                rule="more-citations-needed",
                data={"scope": "article"},
            ),
        ]
    )
    [item] = [i for i in build_worklist(findings, works, TODAY) if i.finding.text]
    assert item.under_banner


def test_hints_for_old_flags_and_lead_claims(works: tuple[Source, ...]) -> None:
    findings = finalize(
        [
            flag("old lead claim", doc="index", date="2012-05"),
            flag("young body claim", line=11, date="2024-01"),
            flag("exactly four years", line=12, date="2022-11-25"),
        ]
    )
    hints = {i.finding.text: i.hints for i in build_worklist(findings, works, TODAY)}
    assert hints["old lead claim"] == (HINT_OLD, HINT_LEAD)
    assert hints["young body claim"] == ()
    assert hints["exactly four years"] == (HINT_OLD,)


def test_text_worklist_shows_location_claim_age_and_why(works: tuple[Source, ...]) -> None:
    items = build_worklist(sample_findings(), works, TODAY)
    text = render_text(items, notes=["bibliography skipped: x.bib: broken"])
    assert "  1. docs/early-life.rst:14  [citation-needed]  16 years 4 months" in text
    assert "     claim:   “He learned to read at 7 & liked <Odessa>”" in text
    assert "       - odessa: Schooling in Odessa in 1890" in text
    assert "why: shares “odessa” with the claim" in text
    assert "note: bibliography skipped: x.bib: broken" in text
    assert text.splitlines()[-1] == "3 flagged claims, 3 other gaps"


# Vim's default errorformat and VS Code's usual problem matcher pattern
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def test_lines_format_is_what_editors_jump_to(works: tuple[Source, ...]) -> None:
    items = build_worklist(sample_findings(), works, TODAY)
    lines = render_lines(items).splitlines()
    assert len(lines) == len(items)
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed)
    first = parsed[0]
    assert (first["file"], first["line"], first["col"]) == ("docs/early-life.rst", "14", "1")
    assert "(16 years 4 months old)" in first["message"]
    assert "— try odessa" in first["message"]
    assert "— an unsourced claim this old may be removed" in first["message"]
    # a finding without a line still gives a jumpable location (line 1)
    assert any(p["file"] == "docs/references.rst" and p["line"] == "1" for p in parsed)


def test_json_worklist(works: tuple[Source, ...]) -> None:
    items = build_worklist(sample_findings(), works, TODAY)
    document = json.loads(render_json(items, TODAY))
    assert document["schema"] == "citecheck/todo/v1" and document["today"] == "2026-11-25"
    first = document["items"][0]
    assert first["age"] == {"months": 196, "text": "16 years 4 months"}
    assert first["candidates"][0]["key"] == "odessa"
    assert first["candidates"][0]["reasons"]
    assert [i["category"] for i in document["items"]][-3:] == ["banner", "reference", "identifier"]


SOURCE = """Title
=====

First paragraph, unrelated.

He was born in a village in 1879.
He learned to read in Odessa
:cn:`at the age of seven <2010-07>`, says :cite:p:`prophet1` or [Smith2001]_.

.. more-citations-needed::
   :date: 2010-11
"""


def test_paragraph_at_takes_the_block_and_strips_misleading_markup() -> None:
    text = paragraph_at(SOURCE, 8)
    assert text == (
        "He was born in a village in 1879. He learned to read in Odessa "
        "at the age of seven , says or ."
    )
    assert "2010" not in text  # the flag's date is not what the claim is about
    assert paragraph_at(SOURCE, 4) == "First paragraph, unrelated."
    assert paragraph_at(SOURCE, 5) == ""  # a blank line
    assert paragraph_at(SOURCE, 99) == "" and paragraph_at(SOURCE, None) == ""
    assert paragraph_at(SOURCE, 11) == ":date: 2010-11"  # directive line itself dropped


def test_worklist_reads_each_flags_file_for_its_surroundings(works: tuple[Source, ...]) -> None:
    asked: list[str] = []

    def read(finding) -> str:
        asked.append(finding.text)
        return "He read.\n\nAt school in Odessa in 1890 he read widely.\n"

    findings = finalize(
        [flag("he read widely", line=3), flag("", category=Category.BANNER, rule="x")]
    )
    items = {i.finding.text: i for i in build_worklist(findings, works, TODAY, read=read)}
    assert asked == ["he read widely"]  # flags only
    assert items["he read widely"].candidates[0].id == "odessa"


def test_document_order_follows_the_toctree_when_known(works: tuple[Source, ...]) -> None:
    findings = finalize(
        [
            flag("in appendix", doc="appendix", line=3, date="2015-01"),
            flag("in body", doc="body", line=9, date="2015-01"),
            flag("in lead", doc="start", line=4, date="2015-01"),
        ]
    )
    by_path = [i.finding.text for i in build_worklist(findings, works, TODAY)]
    assert by_path == ["in appendix", "in body", "in lead"]
    by_toc = build_worklist(
        findings, works, TODAY, doc_order=("start", "body", "appendix"), lead_docs=("start",)
    )
    assert [i.finding.text for i in by_toc] == ["in lead", "in body", "in appendix"]
    assert HINT_LEAD in by_toc[0].hints  # the lead is the root document, whatever its name
