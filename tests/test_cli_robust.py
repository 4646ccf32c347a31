"""Nothing is lost because something else is broken: the real ``citecheck report`` command.

A .bib cut off mid-entry, a page that is not UTF-8, and markup docutils
cannot read each become findings at their file and line, and the report
still holds every other finding -- exit 1 (findings), never exit 2 (no report).
Each test runs the installed console script in a subprocess, as CI does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parent / "roots"
CITECHECK = Path(sys.executable).with_name("citecheck")
TODAY = "2026-11-25"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-report-basic", target)
    return target


def report(docs: Path, *extra: str) -> tuple[int, dict, str]:
    """``citecheck report docs --format json`` from the folder holding ``docs``."""
    done = subprocess.run(
        [str(CITECHECK), "report", "docs", "--format", "json", "--today", TODAY, *extra],
        cwd=docs.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout) if done.stdout else {}, done.stderr


def where(found: dict, rule: str) -> list[tuple[str, int | None]]:
    return [(f["path"], f["line"]) for f in found["findings"] if f["rule"] == rule]


@pytest.fixture
def intact(docs: Path, tmp_path: Path) -> dict:
    """The report of the unbroken project, for comparison."""
    clean = tmp_path / "clean" / "docs"
    shutil.copytree(docs, clean)
    code, found, _ = report(clean)
    assert code == 1
    return found


def without(found: dict, *rules: str) -> list[tuple[str, str, int | None]]:
    return sorted(
        (f["rule"], f["path"], f["line"]) for f in found["findings"] if f["rule"] not in rules
    )


def test_a_bib_cut_off_mid_entry_is_a_finding_and_the_rest_is_checked(
    docs: Path, intact: dict
) -> None:
    bib = docs / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    # a new entry, cut off mid-way, in the middle of the file: sphinxcontrib-bibtex's
    # pybtex stopped the whole build here ("premature end of file")
    middle = text.index("@article{odessa")
    cut = "@book{halfway,\n  author = {Some Body},\n  title = {Never fin\n\n"
    bib.write_text(text[:middle] + cut + text[middle:], encoding="utf-8")
    line = text[:middle].count("\n") + 1
    code, found, err = report(docs)
    assert code == 1, err
    assert where(found, "bib-syntax-error") == [("docs/refs.bib", line)]
    # every other finding is still there: the entries after the cut, the pages' flags
    shifted = {
        (r, p, ln + 4 if p == "docs/refs.bib" and ln and ln >= line else ln)
        for r, p, ln in without(intact)
    }
    assert set(without(found, "bib-syntax-error")) == shifted
    assert where(found, "citation-needed")


def test_a_page_that_is_not_utf8_is_a_finding_and_still_checked(docs: Path, intact: dict) -> None:
    page = (
        "Caf\u00e9 society\n===============\n\n"
        "Cr\u00e8me :cn:`a claim on a latin-1 page <2011-01>`.\n"
    )
    (docs / "latin1.rst").write_bytes(page.encode("latin-1"))
    code, found, err = report(docs)
    assert code == 1, err
    (problem,) = [f for f in found["findings"] if f["rule"] == "source-encoding"]
    assert (problem["path"], problem["line"], problem["category"]) == (
        "docs/latin1.rst",
        1,
        "structure",
    )
    assert "not UTF-8" in problem["message"] and "byte 0xe9" in problem["message"]
    # the page itself is checked: its flag is found at its line, and so is everything else
    flags = [f for f in found["findings"] if f["path"] == "docs/latin1.rst"]
    assert [(f["rule"], f["line"], f["text"]) for f in flags if f["rule"] == "citation-needed"] == [
        ("citation-needed", 4, "a claim on a latin-1 page")
    ]
    assert set(without(intact)) <= set(without(found))


def test_markup_docutils_cannot_read_is_a_finding(docs: Path, intact: dict) -> None:
    (docs / "markup.rst").write_text(
        "Markup problems\n===============\n\n"
        "A flag whose role is never closed :cn:`the claim drops out.\n\n"  # line 4
        "An unknown role :nosuch:`x`.\n\n"  # line 6
        ".. not-a-directive::\n\n"  # line 8
        ".. more-citations-needed::\n   :scope: section\n   :wrong: 1\n\n"  # line 10
        ".. image:: x.png\n   :width: wide\n\n"  # line 14
        "A flag that is fine :cn:`a readable claim`.\n",  # line 17
        encoding="utf-8",
    )
    code, found, err = report(docs)
    assert code == 1, err
    errors = [
        (f["line"], f["category"], f["text"], f["message"])
        for f in found["findings"]
        if f["rule"] == "markup-error"
    ]
    assert [(line, category) for line, category, _, _ in errors] == [
        (4, "structure"),
        (6, "structure"),
        (8, "structure"),
        (10, "structure"),
        (14, "structure"),
    ]
    unclosed = errors[0]
    assert unclosed[2] == "A flag whose role is never closed :cn:`the claim drops out."
    assert "without end-string" in unclosed[3]
    assert "nosuch" in errors[1][3] and "not-a-directive" in errors[2][3]
    assert "wrong" in errors[3][3] and "width" in errors[4][3]
    assert all(
        f["path"] == "docs/markup.rst" for f in found["findings"] if f["rule"] == "markup-error"
    )
    claims = [
        f["text"]
        for f in found["findings"]
        if f["path"] == "docs/markup.rst" and f["rule"] == "citation-needed"
    ]
    assert claims == ["a readable claim"]
    assert set(without(intact)) <= set(without(found))
