"""Findings say whose fault they are: an entry whose fields the converter only
guessed is reported once, as written (``unparsed-reference``, info), never as a
reference missing its author, year or publisher."""

from __future__ import annotations

from pathlib import Path

from test_refs_support import book, run

from checker.article.bibtex import Work, entry
from checker.article.references import parse
from checker.findings import Severity

AS_WRITTEN = "see robert conquest great terror reassessment oxford university press p 418"
REFERENCE_RULES = {"missing-author", "missing-year", "missing-publisher", "missing-title"}


def test_a_guessed_entry_is_one_info_finding_with_the_text_as_written(tmp_path: Path) -> None:
    guessed = book(author=None, year=None, note=AS_WRITTEN, **{"x-raw": AS_WRITTEN})
    guessed = guessed.replace("}\n", "  x-parse = {guessed},\n}\n", 1)
    findings = run(tmp_path, guessed, cites=["swain2014"])
    rules = [f.rule for f in findings]
    assert rules.count("unparsed-reference") == 1
    assert not REFERENCE_RULES & set(rules)
    (unparsed,) = [f for f in findings if f.rule == "unparsed-reference"]
    assert unparsed.severity is Severity.INFO
    assert unparsed.text == AS_WRITTEN


def test_the_same_entry_parsed_for_sure_is_blamed_for_what_it_lacks(tmp_path: Path) -> None:
    findings = run(tmp_path, book(author=None, year=None), cites=["swain2014"])
    rules = {f.rule for f in findings}
    assert {"missing-author", "missing-year"} <= rules
    assert "unparsed-reference" not in rules


def test_the_rules_mark_a_reference_without_a_known_author_as_guessed() -> None:
    # "sterling" is not in the table of given names: the rules cannot tell the
    # author from the title, so they do not pretend to
    written = "sterling seagrave dragon lady alfred knopf inc new york 1992 p"
    ref = parse(1, written.split())
    assert not ref.parsed
    text = entry(Work("seagrave", ref))
    assert "x-parse = {guessed}" in text
    assert f"x-raw = {{{written}}}" in text


def test_a_reader_s_pointer_before_the_author_is_not_the_author() -> None:
    ref = parse(1, AS_WRITTEN.split())
    assert ref.parsed and ref.authors == ["Conquest, Robert"] and ref.comment == "see"
    assert (ref.title, ref.pages) == ("great terror reassessment", "418")


def test_the_rules_are_sure_of_an_author_date_reference() -> None:
    ref = parse(
        1, ["deutscher", "isaac", "1970", "prophet", "armed", "oxford", "university", "press"]
    )
    assert ref.parsed
    assert (ref.authors, ref.year, ref.publisher) == (
        ["Deutscher, Isaac"],
        "1970",
        "Oxford University Press",
    )
    assert "x-parse" not in entry(Work("deutscher1970", ref))


def test_a_book_needs_its_publisher_to_be_typed_a_book() -> None:
    ref = parse(1, ["smith", "john", "1990", "rivers", "north"])
    assert entry(Work("smith1990", ref)).startswith("@misc{")
