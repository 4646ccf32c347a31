"""The pure parsers under the rules: identifiers, dates and short citations."""

from __future__ import annotations

from datetime import date

import pytest
from test_refs_support import book

from checker.refs.dates import DateStatus, month_field, parse_date
from checker.refs.identifiers import normalise_lccn, validate_identifier
from checker.refs.shortcite import parse_short_citation, resolve_short_citation

# An article's authority-control line, as Wikipedia prints it: all valid.
AUTHORITY = [
    ("viaf", "19685134"), ("lccn", "n79054261"), ("isni", "0000 0001 2277 1584"),
    ("gnd", "118642979"), ("selibr", "97670"), ("sudoc", "027170136"),
    ("bnf", "cb119271514"), ("ulan", "500327186"), ("hds", "28391"),
    ("nla", "35556422"), ("ndl", "00459140"), ("nkc", "jn19981002250"),
    ("bne", "xx1141378"),
]  # fmt: skip


@pytest.mark.parametrize(("scheme", "value"), AUTHORITY)
def test_authority_ids_pass(scheme, value):
    result = validate_identifier(scheme, value)
    assert result.ok, result.reason
    assert result.scheme == scheme and result.reason == ""


@pytest.mark.parametrize(
    ("scheme", "value", "normalised", "reason"),
    [
        ("isbn", "0-8044-2957-X", "080442957X", ""),
        ("isbn", "ISBN 978-0-306-40615-7", "9780306406157", ""),
        ("isbn", "979-10-90636-07-1", "9791090636071", ""),
        ("isbn", "979-0-2600-0043-8", "9790260000438", "ISMN"),
        ("isbn", "0-8044-X957-2", "08044X9572", "invalid"),
        ("isbn", "978-0-306-40615-8", "9780306406158", "check"),
        ("issn", "0317-8471", "03178471", ""),
        ("doi", "https://doi.org/10.1000/182", "10.1000/182", ""),
        ("doi", "10.1000/18 2", "10.1000/18 2", "spaces"),
        ("doi", "11.1000/182", "11.1000/182", "10.<registrant>"),
        ("doi", "10.5555/12345678", "10.5555/12345678", "test registrant"),
        ("doi", "10.1000/182;", "10.1000/182;", "punctuation"),
        ("lccn", "85-2", "85000002", ""),
        ("lccn", "N79054261", "N79054261", "lower-case"),
        ("oclc", "(OCoLC)12345", "12345", ""),
        ("isni", "0000 0001 2277 158X", "000000012277158X", "check"),
        ("hds", "28391", "028391", ""),
    ],
)
def test_identifier_verdicts(scheme, value, normalised, reason):
    result = validate_identifier(scheme, value)
    assert result.normalised == normalised
    assert result.ok is (reason == "")
    assert reason.lower() in result.reason.lower()


def test_unknown_and_empty_identifiers_fail_without_raising():
    assert not validate_identifier("worldcat", "1").ok
    assert validate_identifier("ISBN", " ").reason == "empty ISBN"


def test_lccn_normalisation():
    assert normalise_lccn("n 79-54261 /rev") == "n79054261"


@pytest.mark.parametrize(
    ("text", "status", "start", "end"),
    [
        ("1954", "ok", date(1954, 1, 1), date(1954, 12, 31)),
        ("2013-09", "ok", date(2013, 9, 1), date(2013, 9, 30)),
        ("4 December 2000", "ok", date(2000, 12, 4), date(2000, 12, 4)),
        ("July 23, 2011", "ok", date(2011, 7, 23), date(2011, 7, 23)),
        ("Sept. 2013", "ok", date(2013, 9, 1), date(2013, 9, 30)),
        ("Summer 1980", "ok", date(1980, 6, 1), date(1980, 8, 31)),
        ("1989–93", "ok", date(1989, 1, 1), date(1993, 12, 31)),
        ("c. 1900", "ok", date(1900, 1, 1), date(1900, 12, 31)),
        ("2009a", "ok", date(2009, 1, 1), date(2009, 12, 31)),
        ("n.d.", "undated", None, None),
        ("may", "incomplete", None, None),
        ("23 July", "incomplete", None, None),
        ("2013-02-29", "invalid", None, None),
        ("2013-13-01", "invalid", None, None),
        ("1970/1965", "invalid", None, None),
        ("0000-0005", "invalid", None, None),  # a range must not raise on year 0
        ("0000–01", "invalid", None, None),
        ("Spring 0000", "invalid", None, None),  # a season keeps its year's verdict
        ("foo 2001", "invalid", None, None),
        ("", "invalid", None, None),
    ],
)
def test_parse_date(text, status, start, end):
    parsed = parse_date(text)
    assert parsed.status is DateStatus(status)
    assert (parsed.start, parsed.end) == (start, end)


def test_month_field():
    assert [month_field(m) for m in ("may", "Sep.", "12", "13", "spring")] == [5, 9, 12, None, None]


@pytest.mark.parametrize(
    ("text", "tokens", "year", "locator", "et_al"),
    [
        ("Deutscher 1954, p. 145.", ("deutscher",), "1954", "p. 145", False),
        ("Swain 2014, pp. 211–213.", ("swain",), "2014", "pp. 211–213", False),
        ("Smith & Jones 2001", ("smith", "jones"), "2001", "", False),
        ("Smith et al. 2001, p. 3", ("smith",), "2001", "p. 3", True),
        ("swain 2014 p 211", ("swain",), "2014", "p 211", False),
        ("patenaude bertrand m 2009", ("patenaude", "bertrand", "m"), "2009", "", False),
        ("See Deutscher (1954), ch. 3", ("deutscher",), "1954", "ch. 3", False),
        ("Smith 2001: 45–47", ("smith",), "2001", "45–47", False),
        ("van Heijenoort 1978, pp. xv, 3–5.", ("van", "heijenoort"), "1978", "pp. xv, 3–5", False),
    ],
)
def test_parse_short_citation(text, tokens, year, locator, et_al):
    cite = parse_short_citation(text)
    assert cite is not None
    assert (cite.tokens, cite.year, cite.locator, cite.et_al) == (tokens, year, locator, et_al)


@pytest.mark.parametrize(
    "text",
    [
        "Trotsky was exiled in 1929 to Turkey.",
        "In 1905 he returned.",
        "Born 1879.",
        "A note without any year.",
        "the party split in 1903",
        "Deutscher 1954, who was there, disagrees.",
    ],
)
def test_prose_is_not_a_short_citation(text):
    assert parse_short_citation(text) is None


def test_lost_page_number():
    cite = parse_short_citation("Deutscher 1954, p.")
    assert cite is not None and cite.page_lost and not cite.has_page


BIB = [
    ("smith2001", {"author": "Smith, John", "year": "2001"}),
    ("sj2001", {"author": "Smith, John and Jones, Ann", "year": "2001"}),
    ("sjb2001", {"author": "Smith, John and Jones, Ann and Brown, Bo", "year": "2001"}),
    ("pat2009", {"author": "Patenaude, Bertrand M.", "year": "2009"}),
    ("vh1978", {"author": "van Heijenoort, Jean", "year": "1978"}),
    ("ed1996", {"author": None, "editor": "Pipes, Richard", "year": "1996"}),
    ("others1980", {"author": "Mandel, Ernest and others", "year": "1980"}),
]


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    from checker.refs.bibfile import load_bibliography

    path = tmp_path_factory.mktemp("bib") / "refs.bib"
    path.write_text("".join(book(key, **fields) for key, fields in BIB), encoding="utf-8")
    return load_bibliography(path)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Smith 2001, p. 3", ["smith2001"]),
        ("Smith & Jones 2001", ["sj2001"]),
        ("Smith and Jones 2001, pp. 4–5", ["sj2001"]),
        ("Smith, Jones & Brown 2001", ["sjb2001"]),
        ("Smith et al. 2001, p. 3", ["sj2001", "sjb2001"]),
        ("smith 2002 p 3", []),
        ("Jones 2001", []),
        ("patenaude bertrand m 2009", ["pat2009"]),
        ("Patenaude 2009, p. 12.", ["pat2009"]),
        ("Heijenoort 1978", ["vh1978"]),
        ("van Heijenoort 1978", ["vh1978"]),
        ("Pipes 1996, p. 7", ["ed1996"]),
        ("A note, not a citation.", []),
        ("Mandel 1980", ["others1980"]),
        ("Mandel et al. 1980", ["others1980"]),
    ],
)
def test_resolve_short_citation(entries, text, keys):
    assert [e.key for e in resolve_short_citation(text, entries)] == keys
