"""Identifier validation: ISBN, ISSN, DOI, OCLC, LCCN and authority-control ids.

:func:`validate_identifier` answers pass or fail for one value, with the
normalised form and a reason, so a caller can report which identifiers passed
as well as which failed.  python-stdnum does the checksums it covers (ISBN,
ISSN, ISNI); the rest follow Module:Citation/CS1/Identifiers and the formats
Wikidata records for each authority file.  The scheme table is data: adding a
scheme means adding a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from urllib.parse import unquote

from stdnum import isbn as std_isbn
from stdnum import isni as std_isni
from stdnum import issn as std_issn
from stdnum.exceptions import ValidationError
from stdnum.iso7064 import mod_11_2


@dataclass(frozen=True, slots=True)
class IdentifierResult:
    """The verdict on one identifier value."""

    ok: bool
    normalised: str
    reason: str = ""  #: why it failed; empty when ``ok``
    scheme: str = ""


Validator = Callable[[str], IdentifierResult]


@dataclass(frozen=True, slots=True)
class Scheme:
    name: str  #: lower-case scheme name, as in ``IdentifierUse.scheme`` and bib fields
    label: str  #: how people write it: ``ISBN``, ``VIAF`` ...
    validate: Validator
    fix: str  #: the fix half of the rule message
    cs1: str  #: the CS1 / authority-control condition it mirrors


_SPACES = re.compile(r"[\s\u00a0]+")


def _ok(value: str) -> IdentifierResult:
    return IdentifierResult(True, value)


def _fail(value: str, reason: str) -> IdentifierResult:
    return IdentifierResult(False, value, reason)


def _stdnum(module: ModuleType, value: str) -> IdentifierResult:
    compact = module.compact(value)
    try:
        module.validate(compact)
    except ValidationError as error:
        return _fail(compact, str(error).rstrip("."))
    return _ok(compact)


def _isbn(value: str) -> IdentifierResult:
    value = re.sub(r"^isbn(?:-1[03])?:?\s*", "", value.strip(), flags=re.I)
    result = _stdnum(std_isbn, value)
    # stdnum accepts 979-0, but that prefix is the ISMN (printed music), which
    # CS1 rejects as an ISBN.
    if result.ok and result.normalised.startswith("9790"):
        return _fail(result.normalised, "979-0 is an ISMN prefix, not an ISBN")
    if result.ok and len(result.normalised) == 13:
        return _ok(result.normalised)
    if result.ok:
        return _ok(result.normalised.upper())
    return result


def _issn(value: str) -> IdentifierResult:
    return _stdnum(std_issn, re.sub(r"^e?issn:?\s*", "", value.strip(), flags=re.I))


def _isni(value: str) -> IdentifierResult:
    return _stdnum(std_isni, value)


_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")


def _orcid(value: str) -> IdentifierResult:
    """ORCID iDs are ISNIs in the 0000-0001/0000-0003 block: four groups of four,
    the last character an ISO 7064 11,2 check character (X for ten)."""
    value = re.sub(r"^(?:https?://orcid\.org/|orcid:?\s*)", "", value.strip(), flags=re.I)
    match = _ORCID.match(value.upper())
    if not match:
        return _fail(value, "an ORCID iD is four groups of four digits, e.g. 0000-0002-1825-0097")
    compact = "".join(match.groups())
    if not mod_11_2.is_valid(compact):
        return _fail(compact, "the check character does not match")
    return _ok("-".join(match.groups()))


# The DOI Handbook (2.2): "10." and a registrant code (digits, which may be
# subdivided by dots: 10.1000.10), "/", then a suffix of any printable
# characters -- SICI-style suffixes hold <>;:()[] and more.  Registrant codes
# have 4 to 9 digits, as Crossref's own pattern for matching DOIs assumes.
_DOI = re.compile(r"^10\.(?P<registrant>\d{4,9}(?:\.\d+)*)/(?P<suffix>.+)$", re.DOTALL)
_DOI_RESOLVER = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
#: what prose leaves at a DOI's end: sentence punctuation and closing quotes
_PROSE_END = ".,;:!?\"'\u201d\u2019\u00bb"
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def _unbalanced_end(suffix: str) -> bool:
    """A closing bracket at the end without its opener: "(see 10.1000/182)"."""
    last = suffix[-1]
    opener = _CLOSERS.get(last)
    return opener is not None and suffix.count(opener) < suffix.count(last)


def _doi(value: str) -> IdentifierResult:
    value = value.strip()
    resolver = _DOI_RESOLVER.match(value)
    if resolver:
        value = value[resolver.end() :]
        if resolver.group().lower().startswith("http"):
            value = unquote(value)  # a resolver URL percent-encodes <, > and friends
    if _SPACES.search(value):
        return _fail(value, "a DOI has no spaces")
    match = _DOI.match(value)
    if not match:
        return _fail(value, "a DOI is 10.<registrant>/<suffix>")
    suffix = match["suffix"]
    if not suffix.isprintable():
        return _fail(value, "a DOI holds only printable characters")
    if match["registrant"] == "5555":
        return _fail(value, "10.5555 is the test registrant")
    if value[-1] in _PROSE_END or _unbalanced_end(suffix):
        return _fail(value, "a DOI does not end in punctuation")
    if "\u2013" in value:
        return _fail(value, "a DOI has no en dash")
    return _ok(value)


_OCLC = re.compile(r"^(?:\(ocolc\)|ocm|ocn|on)?0*(?P<number>[1-9]\d{0,9})$", re.I)


def _oclc(value: str) -> IdentifierResult:
    compact = _SPACES.sub("", value)
    match = _OCLC.match(compact)
    if not match:
        return _fail(compact, "an OCLC number is up to 10 digits, optionally ocm/ocn/on")
    return _ok(match["number"])


_LCCN_FORMS = {
    8: (r"\d{8}",),
    9: (r"[a-z]\d{8}",),
    10: (r"\d{10}", r"[a-z]{2}\d{8}"),
    11: (r"[a-z]\d{10}", r"[a-z]{3}\d{8}"),
    12: (r"[a-z]{2}\d{10}",),
}


def normalise_lccn(value: str) -> str:
    """The LC normalisation: no blanks, nothing after '/', suffix padded to six digits."""
    lccn = _SPACES.sub("", value).split("/")[0]
    prefix, dash, suffix = lccn.rpartition("-")
    if dash and suffix.isdigit():
        lccn = prefix + suffix.rjust(6, "0")
    return lccn


def _lccn(value: str) -> IdentifierResult:
    lccn = normalise_lccn(value)
    forms = _LCCN_FORMS.get(len(lccn), ())
    if not any(re.fullmatch(form, lccn) for form in forms):
        return _fail(lccn, "an LCCN is 8-12 characters: lower-case prefix then digits")
    return _ok(lccn)


def _mod11(body: str) -> str:
    """The mod-11 check character with weights n+1 .. 2 (PND/GND, SUDOC PPN)."""
    total = sum(int(d) * w for d, w in zip(body, range(len(body) + 1, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


_GND_PLAIN = re.compile(r"^(?:1[0-3]?\d{7}|3\d{7})[0-9X]$")
_GND_DASHED = re.compile(r"^(?:[47]\d{6}-\d|[1-9]\d{0,7}-[0-9X])$")


def _gnd(value: str) -> IdentifierResult:
    gnd = _SPACES.sub("", value).upper()
    if _GND_DASHED.match(gnd):
        return _ok(gnd)  # legacy SWD/GKD numbers: format only
    if not _GND_PLAIN.match(gnd):
        return _fail(gnd, "a GND id is 9-10 digits with a check character")
    if _mod11(gnd[:-1]) != gnd[-1]:
        return _fail(gnd, "GND check digit is wrong")
    return _ok(gnd)


def _sudoc(value: str) -> IdentifierResult:
    ppn = _SPACES.sub("", value).upper()
    if not re.fullmatch(r"\d{8}[0-9X]", ppn):
        return _fail(ppn, "a SUDOC PPN is 8 digits and a check character")
    if _mod11(ppn[:-1]) != ppn[-1]:
        return _fail(ppn, "SUDOC check character is wrong")
    return _ok(ppn)


_NOID = "0123456789bcdfghjkmnpqrstvwxz"


def _bnf(value: str) -> IdentifierResult:
    ark = _SPACES.sub("", value).lower()
    ark = ark if ark.startswith("cb") else "cb" + ark
    if not re.fullmatch(rf"cb\d{{8}}[{_NOID}]", ark):
        return _fail(ark, "a BnF id is cb, 8 digits and a check character")
    # NOID check character: position-weighted sum of the alphabet ordinals, mod 29.
    total = sum(_NOID.index(char) * pos for pos, char in enumerate(ark[:-1], start=1))
    if _NOID[total % 29] != ark[-1]:
        return _fail(ark, "BnF check character is wrong")
    return _ok(ark)


def _pattern(
    pattern: str, reason: str, *, lower: bool = False, upper: bool = False, pad: int = 0
) -> Validator:
    """A format-only validator (these files publish no check character)."""
    compiled = re.compile(pattern)

    def validate(value: str) -> IdentifierResult:
        compact = _SPACES.sub("", value)
        compact = compact.lower() if lower else compact.upper() if upper else compact
        if not compiled.fullmatch(compact):
            return _fail(compact, reason)
        return _ok(compact.rjust(pad, "0") if pad else compact)

    return validate


def _scheme(name: str, label: str, validate: Validator, cs1: str) -> Scheme:
    return Scheme(name, label, validate, f"check the {label} against its source", cs1)


SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        _scheme("isbn", "ISBN", _isbn, "Check |isbn= value"),
        _scheme("issn", "ISSN", _issn, "Check |issn= value"),
        _scheme("doi", "DOI", _doi, "Check |doi= value"),
        _scheme("oclc", "OCLC", _oclc, "Check |oclc= value"),
        _scheme("lccn", "LCCN", _lccn, "Check |lccn= value"),
        _scheme(
            "viaf",
            "VIAF",
            _pattern(r"[1-9]\d(?:\d{0,7}|\d{17,20})", "a VIAF id is 2-9 or 19-22 digits"),
            "Authority control: VIAF",
        ),
        _scheme("isni", "ISNI", _isni, "Authority control: ISNI (check character)"),
        _scheme("orcid", "ORCID", _orcid, "Authority control: ORCID (check character)"),
        _scheme("gnd", "GND", _gnd, "Authority control: GND"),
        _scheme("sudoc", "SUDOC", _sudoc, "Authority control: SUDOC"),
        _scheme("bnf", "BnF", _bnf, "Authority control: BnF"),
        _scheme(
            "nla",
            "NLA",
            _pattern(r"[1-9]\d{0,11}", "an NLA id is up to 12 digits"),
            "Authority control: NLA",
        ),
        _scheme(
            "ndl", "NDL", _pattern(r"0?\d{8}", "an NDL id is 8-9 digits"), "Authority control: NDL"
        ),
        _scheme(
            "nkc",
            "NKC",
            _pattern(
                r"[a-z]{2,4}\d{4,14}", "an NKC id is a 2-4 letter prefix and digits", lower=True
            ),
            "Authority control: NKC",
        ),
        _scheme(
            "bne",
            "BNE",
            _pattern(
                r"(?:XX|FF|A)\d{4,7}|(?:BIMA|BIMO|BPE)\d{10}",
                "a BNE id is XX, FF or a, then digits",
                upper=True,
            ),
            "Authority control: BNE",
        ),
        _scheme(
            "ulan",
            "ULAN",
            _pattern(r"500\d{6}", "a ULAN id is 500 and 6 digits"),
            "Authority control: ULAN",
        ),
        _scheme(
            "selibr",
            "SELIBR",
            _pattern(r"[1-9]\d{3,7}", "a SELIBR id is 4-8 digits"),
            "Authority control: SELIBR",
        ),
        _scheme(
            "hds",
            "HDS",
            _pattern(r"\d{1,6}", "an HDS id is up to 6 digits", pad=6),
            "Authority control: HDS",
        ),
    )
}


def validate_identifier(scheme: str, value: str) -> IdentifierResult:
    """Pass or fail for ``value`` as an identifier of ``scheme`` (case-insensitive)."""
    known = SCHEMES.get(scheme.strip().lower())
    if known is None:
        return IdentifierResult(False, value.strip(), f"unknown scheme {scheme!r}", scheme)
    if not value.strip():
        return IdentifierResult(False, "", f"empty {known.label}", known.name)
    result = known.validate(value)
    return IdentifierResult(result.ok, result.normalised, result.reason, known.name)
