"""A small bibliography in the converter's style, checked end to end.

The fixture mirrors what a flattened Wikipedia article gives: two editions of
one book, a leaked CS1 error, a raw "retrieved may", a lost page number, and
short citations in sfn style, some of them flattened to lower case.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from test_refs_support import RST, TODAY, of_rule

from checker.findings import finalize
from checker.refs.check import RefSettings, check_references, identifier_results
from checker.refs.model import (
    CitationKind,
    CitationUse,
    FootnoteText,
    IdentifierUse,
    Location,
    RefInputs,
)

BIB = Path(__file__).parent / "data" / "refs" / "seed-style.bib"
NOTES = [
    "Deutscher 1954, p. 145.",
    "Deutscher 1965, p. 12.",
    "Deutscher 1954.",
    "swain 2014 p 211",
    "Patenaude 2009, pp. 4–6.",
    "Volkogonov 1994, p.",
    "Service 2009, p. 12.",
    "He was later rehabilitated.",
]


def _inputs() -> RefInputs:
    def at(line: int) -> Location:
        return Location(RST, line, "references", "References")

    return RefInputs(
        bibfiles=[BIB],
        citations=[
            CitationUse("cavendish2003", CitationKind.CITE, at(3)),
            CitationUse("lindemann2000", CitationKind.PLAIN, at(4)),
        ],
        footnotes=[FootnoteText(text, str(i), at(10 + i)) for i, text in enumerate(NOTES)],
        identifiers=[
            IdentifierUse("viaf", "19685134", at(50)),
            IdentifierUse("isni", "0000 0001 2277 1584", at(50)),
        ],
    )


def test_seed_style_findings():
    findings = check_references(_inputs(), RefSettings(today=TODAY))
    counts = Counter(f.rule for f in findings)
    assert counts == {
        "inconsistent-editions": 1,
        "leaked-template": 1,
        "page-needed": 3,  # "Deutscher 1954.", "Volkogonov 1994, p." and pages = {p}
        "short-cite-unresolved": 1,
        "unparsed-reference": 2,
        "accessdate-without-url": 1,
        "incomplete-date": 1,
        "entry-uncited": 2,  # the two raw-text references nothing cites
    }
    (editions,) = of_rule(findings, "inconsistent-editions")
    assert editions.data == {"key": "deutscher1965", "same_as": "deutscher1954"}
    assert "Vintage Books" in editions.message and "Oxford University Press" in editions.message
    (leak,) = of_rule(findings, "leaked-template")
    assert leak.data["key"] == "ref57" and leak.line == 65
    (unresolved,) = of_rule(findings, "short-cite-unresolved")
    assert unresolved.text == "Service 2009, p. 12." and unresolved.path == RST
    assert unresolved.section == "References"


def test_seed_style_is_deterministic_and_identifiers_pass():
    first = finalize(check_references(_inputs(), RefSettings(today=TODAY)))
    second = finalize(check_references(_inputs(), RefSettings(today=TODAY)))
    assert [f.to_dict() for f in first] == [f.to_dict() for f in second]
    assert len({f.id for f in first}) == len(first)
    results = identifier_results(_inputs())
    assert [(r.scheme, r.result.ok) for r in results] == [
        ("isbn", True),
        ("viaf", True),
        ("isni", True),
    ]
    assert results[0].entry is not None and results[0].entry.key == "swain2014"
    assert (results[1].path, results[1].line, results[1].label) == (RST, 50, "VIAF 19685134")
