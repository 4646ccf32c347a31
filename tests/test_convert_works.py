"""Grouping references into works (checker.article.works)."""

from __future__ import annotations

from checker.article.model import Reference
from checker.article.works import group_works


def ref(authors: list[str], year: str, title: str, publisher: str = "") -> Reference:
    return Reference(
        raw=title, line=1, authors=authors, year=year, title=title, publisher=publisher
    )


def test_a_citation_without_year_resolves_to_the_work_already_seen() -> None:
    first = ref(["Deutscher, Isaac"], "1970", "prophet armed trotsky", "Oxford University Press")
    later = ref(["Deutscher, Isaac"], "1965", "prophet armed trotsky", "Vintage Books")
    again = ref(["Deutscher, Isaac"], "", "prophet armed trotsky 1879–1921")
    works = group_works([first, later, again], [])
    assert len(works) == 2  # two editions, never merged
    assert again.key == later.key  # the edition cited last
    assert works[1].instances == [later, again]


def test_an_edition_named_by_its_year_stays_its_own_work() -> None:
    first = ref(["Deutscher, Isaac"], "1970", "prophet armed trotsky")
    other = ref(["Deutscher, Isaac"], "1954", "prophet armed trotsky")
    assert len(group_works([first, other], [])) == 2


def test_another_title_of_the_same_author_is_another_work() -> None:
    first = ref(["Trotsky, Leon"], "1930", "my life")
    other = ref(["Trotsky, Leon"], "", "revolution betrayed")
    assert len(group_works([first, other], [])) == 2


def test_a_short_citation_joins_its_full_entry_in_a_bibliography() -> None:
    short = ref(["Mair"], "2009", "")
    full = ref(["Mair, Victor", "Hoh, Erling"], "2009", "true history tea", "Thames Hudson")
    works = group_works([short], [full])
    assert len(works) == 1 and works[0].first is full and short.key == full.key
    assert not works[0].further_reading  # cited, so a source


def test_a_dropped_page_number_keeps_its_page_word() -> None:
    from checker.article.bibtex import Work, short_citation

    full = ref(["Deutscher, Isaac"], "1965", "prophet armed", "Vintage Books")
    lost = ref(["Deutscher, Isaac"], "", "prophet armed")
    lost.page_lost = True
    given = ref(["Deutscher, Isaac"], "", "prophet armed")
    given.pages = "145"
    work = Work("deutscher1965prophet", full)
    assert short_citation(lost, work) == "Deutscher 1965, p."  # as written: "... p"
    assert short_citation(given, work) == "Deutscher 1965, p. 145."
