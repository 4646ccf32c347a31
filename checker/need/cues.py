"""Cue families: word lists that mark a sentence as a claim a reader would want sourced.

Data, not code paths: each family is a set of flattened words (lower case, no
punctuation), so the same lists serve a sentence as written and one already
flattened. Redi et al. (2019) found these families behind most "citation
needed" reasons: statistics and numbers, dates, superlatives, quotations and
reported speech, opinions and hedges, named sources.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = _words(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)

FAMILIES: dict[str, frozenset[str]] = {
    # Reported speech and attribution: someone said it, so someone must be cited.
    "said": _words(
        "said says say stated states state claimed claims claim argued argues argue"
        " according reported reports wrote writes written told announced noted notes"
        " described describes called calls suggested suggests proposed believed believes"
        " believe considered considers regarded estimated estimates estimate"
        " criticized criticised praised acknowledged admitted denied asserted insisted"
        " recalled explained commented concluded found finds showed shows"
    ),
    # Superlatives and records: "the first", "the largest" are the classic unsourced claims.
    "superlative": _words(
        "first largest biggest smallest highest lowest oldest newest earliest latest"
        " best worst greatest most least only longest shortest fastest slowest"
        " leading major record unique unprecedented famous popular notable"
        " widely commonly mostly primarily mainly"
    ),
    # Hedges and weasel words: claims that need a source to say who thinks so.
    "hedge": _words(
        "some many several often sometimes usually generally typically believed thought"
        " considered regarded perhaps possibly probably likely unlikely may might could"
        " approximately around about roughly estimated allegedly reportedly apparently"
        " critics experts scholars historians researchers scientists analysts"
    ),
    # Named sources and studies.
    "source": _words(
        "study studies survey surveys report reports research researchers university"
        " institute journal published publication paper papers review census data"
        " statistics analysis poll polls commission agency organization organisation"
        " government ministry department association society council"
        " et al press news newspaper magazine interview book"
    ),
    # Money, quantities and statistics.
    "quantity": _words(
        "percent per cent million billion trillion thousand hundred dozens"
        " tons tonnes km miles kg usd dollars euros pounds population"
        " increase increased decrease decreased rate rates average"
    ),
    # Time anchors.
    "time": MONTHS
    | _words(
        "century centuries decade decades since until during later ago year years"
        " today currently recently modern ancient medieval era period"
    ),
    # Definitions and textbook statements rarely carry a reference.
    "definitional": _words(
        "defined definition denoted denote let equal equals therefore thus hence"
        " theorem proof lemma formula equation function functions variable"
        " example instance i.e e.g namely"
    ),
}

YEAR = re.compile(r"^(?:1[0-9]{3}|20[0-9]{2})(?:s|[–—/-][0-9]{2,4})?$")
NUMBER = re.compile(r"^[0-9][0-9,.]*(?:%|[a-z]{0,3})?$")
