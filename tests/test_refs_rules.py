"""Every reference rule fires on a minimal bad input and stays silent on a good one.

Each row is (rule id, bad input, good input).  Inputs are keyword arguments of
``run``: the .bib text plus citation keys, footnote texts and identifier uses.
The last test proves the table covers every rule of the registry.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_refs_support import HEADER, RST, TODAY, book, of_rule, run

from checker.findings import Severity
from checker.refs.check import RefSettings
from checker.refs.identifiers import SCHEMES
from checker.refs.rules import RULES

GOOD = book()
ENTRY_LINE = HEADER.count("\n") + 1  # the first entry's '@' line
SWAIN = {"bib": GOOD, "cites": ["swain2014"]}

CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("bib-syntax-error", {"bib": "@book{swain2014, title = {a} year = {2014}}\n"}, SWAIN),
    ("bib-encoding", {"bib": book(title="Caf\u00e9").encode("latin-1")}, SWAIN),
    ("bib-empty", {"bib": "% nothing here\n"}, SWAIN),
    ("unknown-entry-type", {"bib": book(type="webcite")}, SWAIN),
    ("citation-unresolved", {"bib": GOOD, "cites": ["swain2041"]}, SWAIN),
    ("entry-uncited", {"bib": GOOD}, SWAIN),
    ("duplicate-key", {"bib": GOOD + book(title="Other")}, SWAIN),
    (
        "duplicate-work",
        {"bib": GOOD + book("swain2014b")},
        {"bib": GOOD + book("swain2006", title="Trotsky", year="2006")},
    ),
    (
        "inconsistent-editions",
        {"bib": GOOD + book("swain2017", year="2017", publisher="Routledge Classics")},
        {"bib": GOOD + book("swain2006", title="Trotsky", year="2006")},
    ),
    (
        "short-cite-unresolved",
        {"bib": GOOD, "notes": ["Swain 2015, p. 211."]},
        {"bib": GOOD, "notes": ["Swain 2014, p. 211."]},
    ),
    (
        "short-cite-ambiguous",
        {"bib": GOOD + book("swain2014b", title="Another Book"), "notes": ["Swain 2014, p. 1."]},
        {
            "bib": GOOD + book("swain2014b", title="Another Book", year="2014b"),
            "notes": ["Swain 2014, p. 1."],
        },
    ),
    ("missing-title", {"bib": book(title=None)}, SWAIN),
    ("missing-author", {"bib": book(author=None)}, {"bib": book(author=None, editor="Swain, G.")}),
    ("missing-publisher", {"bib": book(publisher=None)}, SWAIN),
    ("missing-year", {"bib": book(year=None)}, {"bib": book(year=None, date="2014-03")}),
    (
        "missing-journal",
        {"bib": book(type="article", publisher=None)},
        {"bib": book(type="article", publisher=None, journal="History Today")},
    ),
    (
        "missing-institution",
        {"bib": book(type="phdthesis", publisher=None)},
        {"bib": book(type="phdthesis", publisher=None, school="University of Glasgow")},
    ),
    (
        "missing-url",
        {"bib": book(type="online", publisher=None)},
        {"bib": book(type="online", publisher=None, url="https://example.org/")},
    ),
    (
        "page-needed",
        {"bib": GOOD, "notes": ["Swain 2014."]},
        {"bib": GOOD, "notes": ["Swain 2014, p. 211."]},
    ),
    (
        "accessdate-without-url",
        {"bib": book(urldate="2013-07-01")},
        {"bib": book(urldate="2013-07-01", url="https://example.org/")},
    ),
    (
        "incomplete-date",
        {"bib": book(urldate="May", url="https://example.org/")},
        {"bib": book(urldate="May 2013", url="https://example.org/")},
    ),
    ("bad-date", {"bib": book(date="31 February 2001")}, {"bib": book(date="28 February 2001")}),
    ("future-date", {"bib": book(year="2031")}, {"bib": book(year="2027")}),
    (
        "access-date-out-of-range",
        {"bib": book(year="1990", url="https://example.org/", urldate="1999-05-01")},
        {"bib": book(year="1990", url="https://example.org/", urldate="2001-01-15")},
    ),
    (
        "access-date-before-publication",
        {"bib": book(url="https://example.org/", urldate="2013-07-01")},
        {"bib": book(url="https://example.org/", urldate="2015-07-01")},
    ),
    (
        "generic-title",
        {"bib": book(title="Page Not Found")},
        {"bib": book(title="The Page of Glory")},
    ),
    ("generic-name", {"bib": book(author="Facebook")}, SWAIN),
    (
        "leaked-template",
        {"bib": book(note="external link |website= help")},
        {"bib": book(note="reprinted with help from the author")},
    ),
    (
        "unparsed-reference",
        {"bib": "@misc{ref1, note = {lost leaders new statesman}}\n"},
        {"bib": book(note="lost leaders")},
    ),
    (
        "unknown-identifier-scheme",
        {"bib": GOOD, "ids": [("worldcat", "123")]},
        {"bib": GOOD, "ids": [("viaf", "19685134")]},
    ),
]

#: one bad and one good value per identifier scheme
IDENTIFIER_CASES = {
    "isbn": ("978-0-306-40615-8", "978-0-306-40615-7"),
    "issn": ("0317-8472", "0317-8471"),
    "doi": ("10.1000/xyz123.", "10.1000/xyz123"),
    "oclc": ("ocm12a45678", "ocm12345678"),
    "lccn": ("n7905426", "n79054261"),
    "viaf": ("0196851", "19685134"),
    "isni": ("0000 0001 2277 1585", "0000 0001 2277 1584"),
    "orcid": ("0000-0002-1825-0098", "0000-0002-1825-0097"),
    "gnd": ("118642978", "118642979"),
    "sudoc": ("027170137", "027170136"),
    "bnf": ("cb119271515", "cb119271514"),
    "nla": ("0123", "35556422"),
    "ndl": ("459140", "00459140"),
    "nkc": ("19981002250", "jn19981002250"),
    "bne": ("YY1141378", "XX1141378"),
    "ulan": ("400327186", "500327186"),
    "selibr": ("97a70", "97670"),
    "hds": ("2839100", "28391"),
}
BIB_SCHEMES = {"isbn", "issn", "doi", "oclc", "lccn"}
for _scheme, (_bad, _good) in IDENTIFIER_CASES.items():
    if _scheme in BIB_SCHEMES:
        CASES.append(
            (f"bad-{_scheme}", {"bib": book(**{_scheme: _bad})}, {"bib": book(**{_scheme: _good})})
        )
    else:
        CASES.append(
            (
                f"bad-{_scheme}",
                {"bib": GOOD, "ids": [(_scheme, _bad)]},
                {"bib": GOOD, "ids": [(_scheme, _good)]},
            )
        )


def _run(tmp_path, case: dict[str, Any]):
    return run(
        tmp_path,
        case["bib"],
        cites=case.get("cites", ()),
        notes=case.get("notes", ()),
        ids=case.get("ids", ()),
    )


@pytest.mark.parametrize(("rule", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_bad_input_only(tmp_path, rule, bad, good):
    found = of_rule(_run(tmp_path / "bad", bad), rule)
    assert found, f"{rule} did not fire"
    finding = found[0]
    assert finding.category is RULES[rule].category
    assert finding.message.endswith(RULES[rule].message)
    if finding.path.endswith(".bib"):
        assert finding.path == (tmp_path / "bad" / "references.bib").as_posix()
        if rule != "bib-empty":
            assert finding.line is not None and finding.line >= ENTRY_LINE
            assert finding.text
    else:
        assert finding.path == RST and finding.line is not None and finding.doc == "references"
    assert of_rule(_run(tmp_path / "good", good), rule) == []


def test_every_rule_has_a_case():
    assert {rule for rule, _, _ in CASES} == set(RULES) - {"bib-unreadable"}
    assert set(IDENTIFIER_CASES) == set(SCHEMES)


def test_bib_findings_carry_the_entry_line_and_key(tmp_path):
    findings = run(tmp_path, GOOD + book("nopub", publisher=None), cites=["swain2014", "nopub"])
    (finding,) = of_rule(findings, "missing-publisher")
    assert finding.line == ENTRY_LINE + GOOD.count("\n")
    assert finding.data["key"] == "nopub"
    assert finding.text.startswith("Swain, Geoffrey (2014). Trotsky")


def test_unreadable_file_is_a_finding(tmp_path):
    from checker.refs.check import check_references
    from checker.refs.model import RefInputs

    missing = tmp_path / "nope.bib"
    findings = check_references(RefInputs(bibfiles=[missing]), RefSettings(today=TODAY))
    assert [f.rule for f in findings] == ["bib-unreadable"]
    assert findings[0].path == missing.as_posix()


def test_settings_switch_rules_off_and_override_severity(tmp_path):
    settings = RefSettings(
        today=TODAY,
        disabled=frozenset({"entry-uncited"}),
        severities={"missing-publisher": Severity.ERROR},
    )
    findings = run(tmp_path, book(publisher=None), settings=settings)
    assert of_rule(findings, "entry-uncited") == []
    assert of_rule(findings, "missing-publisher")[0].severity is Severity.ERROR


def test_settings_reject_unknown_rule_ids():
    with pytest.raises(ValueError, match="no-such-rule"):
        RefSettings(disabled=frozenset({"no-such-rule"}))
    with pytest.raises(ValueError, match="unknown reference setting"):
        RefSettings.from_mapping({"colour": "blue"})
    settings = RefSettings.from_mapping({"today": "2020-01-02", "severities": {"bad-date": "info"}})
    assert settings.today == date(2020, 1, 2)
    assert settings.severities["bad-date"] is Severity.INFO


def test_duplicate_key_across_files(tmp_path):
    from checker.refs.check import check_references
    from checker.refs.model import RefInputs

    (tmp_path / "a.bib").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n" + book(title="Other"), encoding="utf-8")
    inputs = RefInputs(bibfiles=[tmp_path / "a.bib", tmp_path / "b.bib"])
    (finding,) = of_rule(check_references(inputs, RefSettings(today=TODAY)), "duplicate-key")
    assert finding.path == (tmp_path / "b.bib").as_posix() and finding.line == 2
    assert "a.bib:1" in finding.message


@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"note": "{{cite web |title=x}}"}, "leaked-template"),
        ({"title": "{{NATO}} at Fifty"}, None),  # doubled braces protect case in BibTeX
        ({"note": "CS1 maint: multiple names"}, "leaked-template"),
        ({"isbn": "978-0-306-40615-7, 0-8044-2957-X"}, None),
        ({"isbn": "978-0-306-40615-7; 0-8044-2957-2"}, "bad-isbn"),
        ({"url": "https://example.org/", "urldate": "2026-11-27"}, "future-date"),
        ({"url": "https://example.org/", "urldate": "2026-11-26"}, None),  # tomorrow is fine
        ({"month": "13"}, "bad-date"),
        ({"month": "jul"}, None),
        ({"date": "0000–0005"}, "bad-date"),  # year 0 in a range: a finding, not a traceback
        ({"author": "Staff Writer"}, "generic-name"),
        ({"title": "Archived copy"}, "generic-title"),
        ({"x-raw": "new york free press 1994 p"}, "page-needed"),
        ({"note": "pp. 189–191"}, None),
        ({"note": "retrieved 23 july 2015"}, "accessdate-without-url"),
    ],
)
def test_rule_details(tmp_path, fields, rule):
    findings = run(tmp_path, book(**fields), cites=["swain2014"])
    assert [f.rule for f in findings] == ([rule] if rule else [])


def test_footnote_with_several_short_citations(tmp_path):
    bib = GOOD + book("jones2001", author="Jones, Ann", year="2001")
    findings = run(tmp_path, bib, notes=["Swain 2014, p. 3; Jones 2001, p. 4; Brown 1999, p. 5."])
    assert [f.text for f in of_rule(findings, "short-cite-unresolved")] == ["Brown 1999, p. 5."]
    assert of_rule(findings, "entry-uncited") == []


def test_further_reading_entries_are_listed_not_uncited(tmp_path):
    listed = book(keywords="further reading")
    assert of_rule(run(tmp_path, listed), "entry-uncited") == []
    assert len(of_rule(run(tmp_path, book(keywords="history")), "entry-uncited")) == 1


def test_editions_match_without_their_subtitle(tmp_path):
    armed = book("d1954", title="The Prophet Armed", year="1954")
    armed += book(
        "d1965", title="The Prophet Armed: Trotsky 1879-1921", year="1965", publisher="Vintage"
    )
    findings = run(tmp_path, armed, cites=["d1954", "d1965"])
    assert [f.data["same_as"] for f in of_rule(findings, "inconsistent-editions")] == ["d1954"]
    # a one-word title is not the start of every longer title by the same author
    short = book("a2006", title="Trotsky", year="2006")
    short += book("b2014", title="Trotsky and the Revolution", year="2014")
    assert of_rule(run(tmp_path, short, cites=["a2006", "b2014"]), "inconsistent-editions") == []


def test_a_subtitle_follows_its_title(tmp_path):
    """ "Trotsky: The Prophet Armed" is that book with its words in another order;
    "I Stake My Life!" is not "My Life" with a subtitle."""
    armed = book("d1954", title="Trotsky: The Prophet Armed", year="1954")
    armed += book("d1965", title="The Prophet Armed: Trotsky 1879-1921", year="1965")
    findings = run(tmp_path, armed, cites=["d1954", "d1965"])
    assert [f.data["same_as"] for f in of_rule(findings, "inconsistent-editions")] == ["d1954"]
    life = book("t1930", title="My Life", year="1930")
    life += book("t1937", title="I Stake My Life!", year="1937")
    assert of_rule(run(tmp_path, life, cites=["t1930", "t1937"]), "inconsistent-editions") == []
