"""Measure the reference checks on 10,000 generated entries.

Baseline: pybtex parsing the same file in one call (what sphinxcontrib-bibtex
does).  Measured against it: citecheck's defensive reader (cold, then cached)
and the whole ``check_references`` run with one citation and one short
citation per entry (cold, and with the parsed file cached as in a rebuild).
Prints seconds and ratios; run with ``PYTHONPATH=. python benchmarks/bench_refs.py [N]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pybtex.database.input.bibtex import Parser

from checker.refs import bibfile
from checker.refs.check import RefSettings, check_references
from checker.refs.model import CitationKind, CitationUse, FootnoteText, Location, RefInputs

SURNAMES = ("Smith", "Jones", "Brown", "Garcia", "Novak", "Ivanova", "Kowalski", "Müller")


def surname(i: int) -> str:
    """A distinct alphabetic surname per index (digits are not part of names)."""
    letters = ""
    while True:
        i, rest = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if i == 0:
            return SURNAMES[len(letters) % len(SURNAMES)] + letters


def make_bib(n: int) -> str:
    parts = []
    for i in range(n):
        parts.append(
            f"@book{{k{i},\n  author = {{{surname(i)}, Ann}},\n"
            f"  title = {{Collected Works, Volume {i}}},\n  publisher = {{Pub {i % 50}}},\n"
            f"  address = {{London}},\n  year = {{{1900 + i % 120}}},\n"
            f"  isbn = {{978-0-306-40615-7}},\n  url = {{https://example.org/{i}}},\n"
            f"  urldate = {{2015-03-{1 + i % 28:02d}}},\n}}\n\n"
        )
    return "".join(parts)


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.bib"
        path.write_text(make_bib(n), encoding="utf-8")
        where = Location("docs/index.rst", 1, "index")
        inputs = RefInputs(
            bibfiles=[path],
            citations=[CitationUse(f"k{i}", CitationKind.CITE, where) for i in range(n)],
            footnotes=[
                FootnoteText(
                    f"{surname(i)} {1900 + i % 120}, p. {i % 300 + 1}.",
                    str(i),
                    where,
                )
                for i in range(n)
            ],
        )
        settings = RefSettings(today=date(2026, 11, 25))

        def cold_load() -> None:
            bibfile._CACHE.clear()
            bibfile.load_bibliography(path)

        def cold_check() -> None:
            bibfile._CACHE.clear()
            check_references(inputs, settings)

        baseline = timed(lambda: Parser().parse_file(str(path)))
        load = timed(cold_load)
        cached = timed(lambda: bibfile.load_bibliography(path))
        check = timed(cold_check)
        warm = timed(lambda: check_references(inputs, settings))
        findings = check_references(inputs, settings)
    print(f"entries: {n}, findings on the generated input: {len(findings)}")
    print(f"baseline  pybtex parse_file           {baseline:7.3f} s   1.00x")
    print(f"citecheck load_bibliography (cold)    {load:7.3f} s   {load / baseline:4.2f}x")
    print(f"citecheck load_bibliography (cached)  {cached:7.3f} s   {cached / baseline:4.2f}x")
    print(f"citecheck check_references (cold)     {check:7.3f} s   {check / baseline:4.2f}x")
    print(f"citecheck check_references (bib cached) {warm:5.3f} s   {warm / baseline:4.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
