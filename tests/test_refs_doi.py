"""DOI syntax as the DOI Handbook defines it: ``10.`` + registrant, ``/``, any printable suffix.

Odd but valid DOIs (SICI-style suffixes full of ``<>;:()[]``, subdivided
registrants, Unicode) pass, in a validator call and in a ``.bib`` field;
malformed ones -- spaces, a missing prefix, punctuation that prose left at
the end -- still fail.
"""

from __future__ import annotations

import pytest
from test_refs_support import book, of_rule, run

from checker.refs.identifiers import validate_identifier

VALID = [
    # SICI-style suffixes (American Meteorological Society, Wiley, GSA, Ambio)
    "10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2",
    "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
    "10.1130/0091-7613(1990)018<0179:TEOLCP>2.3.CO;2",
    "10.1579/0044-7447(2006)35[89:RDUICP]2.0.CO;2",
    # the Handbook's own example, and a subdivided registrant code
    "10.1000/182",
    "10.1000.10/123456",
    # dots, underscores, parentheses, a slash and letters after the prefix
    "10.1093/ww/9780199540884.013.U4000",
    "10.1007/978-3-642-28108-2_19",
    "10.1016/S0140-6736(20)30183-5",
    "10.5281/zenodo.1234567",
    "10.1000/a--b",  # two hyphens stay two hyphens
    "10.1000/r\u00e9sum\u00e9",  # any printable Unicode character
    "10.1000/abc#1",
]


@pytest.mark.parametrize("doi", VALID)
def test_odd_but_valid_dois_pass(doi: str) -> None:
    result = validate_identifier("doi", doi)
    assert result.ok, result.reason
    assert result.normalised == doi


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("doi:10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2", VALID[0]),
        ("https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O", VALID[1]),
        # a resolver URL percent-encodes what URLs may not hold
        ("https://doi.org/10.1175/1520-0469(1963)020%3C0130:DNF%3E2.0.CO;2", VALID[0]),
        ("http://dx.doi.org/10.1000/182", "10.1000/182"),
    ],
)
def test_resolver_urls_and_doi_prefix_are_removed(written: str, doi: str) -> None:
    result = validate_identifier("doi", written)
    assert (result.ok, result.normalised) == (True, doi)


@pytest.mark.parametrize(
    ("doi", "reason"),
    [
        ("10.1000/18 2", "spaces"),
        ("10.1175/1520-0469(1963)020<0130:DNF> 2.0.CO;2", "spaces"),
        ("10.1000/1\u00a082", "spaces"),
        ("1000/182", "10.<registrant>"),
        ("/182", "10.<registrant>"),
        ("10./182", "10.<registrant>"),
        ("10.1000", "10.<registrant>"),
        ("10.1000/", "10.<registrant>"),
        ("11.1000/182", "10.<registrant>"),
        ("10.12/182", "10.<registrant>"),  # a registrant code has at least four digits
        ("doi.org/10.1000/182", "10.<registrant>"),
        # punctuation prose leaves behind
        ("10.1000/182.", "punctuation"),
        ("10.1000/182,", "punctuation"),
        ("10.1000/182;", "punctuation"),
        ("10.1000/182:", "punctuation"),
        ("10.1000/182)", "punctuation"),  # "(see 10.1000/182)"
        ("10.1175/1520-0469(1963)020<0130:DNF>2.0.CO;2.", "punctuation"),
        ("10.1000/182\u201d", "punctuation"),
        ("10.1000/18\u20132", "en dash"),
        ("10.1000/18\u200b2", "printable"),  # a zero-width space pasted from a web page
        ("10.5555/12345678", "test registrant"),
    ],
)
def test_malformed_dois_fail(doi: str, reason: str) -> None:
    result = validate_identifier("doi", doi)
    assert not result.ok
    assert reason.lower() in result.reason.lower()


def test_sici_doi_in_a_bib_field_is_not_split_at_its_semicolon(tmp_path) -> None:
    """A bib ``doi`` field holds one DOI whose suffix has ``;`` -- and a list of DOIs
    is still split where the next one starts."""
    bib = (
        book("sici", doi=VALID[0])
        + book("wiley", title="Another", doi=VALID[1].replace("_", r"\_"))
        + book("listed", title="Third", doi=f"{VALID[2]}, 10.1000/182")
        + book("escaped", title="Fourth", doi=r"10.1007/978-3-642-28108-2\_19")
        + book("bad", title="Fifth", doi="10.1000/182.")
        + book("badlist", title="Sixth", doi="10.1000/182 and 10.1000/18 2")
    )
    found = of_rule(run(tmp_path, bib, cites=["sici", "wiley", "listed", "escaped"]), "bad-doi")
    assert sorted((f.data["key"], f.data["value"]) for f in found) == [
        ("bad", "10.1000/182."),
        ("badlist", "10.1000/18 2"),
    ]
