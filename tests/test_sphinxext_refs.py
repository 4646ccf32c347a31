"""The reference rules and the online link checker, wired into a real Sphinx build."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from build_support import sphinx_build
from sphinx.errors import ConfigError
from test_links_support import LinkServer, ok, serving, status

ROOT = Path(__file__).resolve().parent / "roots" / "test-citecheck-refs"


def build(tmp_path: Path, **overrides: object) -> tuple[list[dict], str]:
    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(ROOT, src)
    warnings = sphinx_build(src, tmp_path / "out", "citations", **overrides)
    report = json.loads((tmp_path / "out" / "citations.json").read_text(encoding="utf-8"))
    return report["findings"], warnings


@pytest.fixture
def servers() -> Iterator[Callable[[str], LinkServer]]:
    yield from serving()


def test_reference_findings_with_report_paths_and_lines(tmp_path: Path) -> None:
    findings, _ = build(tmp_path)
    got = {(f["path"], f["line"], f["rule"]) for f in findings}
    assert got == {
        ("src/index.rst", 9, "citation-unresolved"),  # :cite:p:`missing2020`
        ("src/body.rst", 7, "short-cite-unresolved"),  # "Nobody 1850, p. 3."
        ("src/index.rst", 19, "bad-isni"),  # authority control, bad check character
        ("src/refs.bib", 8, "missing-publisher"),
        ("src/refs.bib", 15, "bad-isbn"),
    }
    # "Smith 2001, p. 12." resolves; [Local1999]_ resolves to its .. [Local1999] in the text;
    # VIAF passes; nothing online was requested (the link on body.rst points at port 9)
    categories = {f["rule"]: f["category"] for f in findings}
    assert categories["bad-isbn"] == categories["bad-isni"] == "identifier"
    assert categories["missing-publisher"] == "reference"


def test_reference_rules_follow_citecheck_rules_and_severity(tmp_path: Path) -> None:
    findings, _ = build(
        tmp_path, citecheck_rules=["reference"], citecheck_severity={"missing-publisher": "info"}
    )
    assert {f["rule"] for f in findings} == {
        "citation-unresolved",
        "short-cite-unresolved",
        "missing-publisher",
    }
    assert {f["severity"] for f in findings if f["rule"] == "missing-publisher"} == {"info"}


def test_bad_reference_settings_are_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="citecheck_references"):
        build(tmp_path, citecheck_references={"no_such_option": 1})
    with pytest.raises(ConfigError, match="citecheck_links: unknown option"):
        build(tmp_path, citecheck_links={"speed": "fast"})


def test_online_checks_report_links_and_use_the_cache(
    tmp_path: Path, servers: Callable[[str], LinkServer]
) -> None:
    server = servers("127.0.0.1")
    server.routes.update({"/alive": ok(), "/gone": status(404)})
    shutil.copytree(ROOT, tmp_path / "src")
    body = tmp_path / "src" / "body.rst"
    body.write_text(
        body.read_text(encoding="utf-8").replace(
            "http://127.0.0.1:9/never-requested", server.url("/gone")
        )
        + f"\nAnd `a live one <{server.url('/alive')}>`_.\n",
        encoding="utf-8",
    )
    online = {
        "citecheck_online": True,
        "citecheck_allow_private": True,  # the test server is on loopback
        "citecheck_cache_dir": str(tmp_path / "cache"),
        "citecheck_links": {"retries": 0},
    }
    findings, _ = build(tmp_path, **online)
    links = [(f["path"], f["line"], f["rule"]) for f in findings if f["category"] == "link"]
    assert links == [("src/body.rst", 9, "link-broken")]
    assert server.count("/gone") >= 1 and server.count("/alive") == 1
    before = server.requests_total()
    again, _ = build(tmp_path, **online)  # a second run: everything from the cache
    assert [f for f in again if f["category"] == "link"] == [
        f for f in findings if f["category"] == "link"
    ]
    assert server.requests_total() == before


def test_private_addresses_are_not_requested_by_default(
    tmp_path: Path, servers: Callable[[str], LinkServer]
) -> None:
    server = servers("127.0.0.1")
    server.routes["/alive"] = ok()
    shutil.copytree(ROOT, tmp_path / "src")
    body = tmp_path / "src" / "body.rst"
    body.write_text(
        body.read_text(encoding="utf-8").replace(
            "http://127.0.0.1:9/never-requested", server.url("/alive")
        ),
        encoding="utf-8",
    )
    findings, _ = build(
        tmp_path, citecheck_online=True, citecheck_cache_dir=str(tmp_path / "cache")
    )
    assert server.requests_total() == 0
    assert [f["rule"] for f in findings if f["category"] == "link"] == ["link-private-address"]


def test_report_rows_and_bibliography_entries_link_both_ways(tmp_path: Path) -> None:
    shutil.copytree(ROOT, tmp_path / "src")
    (tmp_path / "src" / "report.rst").write_text(
        "Report\n======\n\n.. citation-report::\n", encoding="utf-8"
    )
    with (tmp_path / "src" / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   report\n")
    sphinx_build(tmp_path / "src", tmp_path / "html")
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    report = (tmp_path / "html" / "report.html").read_text(encoding="utf-8")
    # the entry with a bad ISBN carries a mark that links to its row on the report page
    mark = re.search(
        r'<a class="citecheck-entry-problem[^"]*" href="report\.html#(citecheck-[0-9a-f-]+)">'
        r" ⚑ 1 problem: bad-isbn</a>",
        index,
    )
    assert mark is not None
    row = re.search(rf'<tr class="[^"]*" id="{mark[1]}">(.*?)</tr>', report, re.S)
    assert row is not None and "bad-isbn" in row[1]
    # and the row links back to the entry where the bibliography lists it
    target = re.search(r'href="index\.html#([^"]+)"', row[1])
    assert target is not None and f'id="{target[1]}"' in index
    # authority control shows each identifier's check in place
    assert re.search(r"19685134<span class=\"citecheck-id-ok\"> ✓</span>", index)
    assert re.search(r"2277 1585<span class=\"citecheck-id-bad\"> ✗ [^<]*check", index)


def test_a_missing_bib_file_is_a_finding(tmp_path: Path) -> None:
    findings, _ = build(tmp_path, bibtex_bibfiles=["refs.bib", "nowhere.bib"])
    (missing,) = [f for f in findings if f["rule"] == "bib-unreadable"]
    assert missing["path"] == "src/nowhere.bib" and "nowhere.bib" in missing["message"]
    assert any(f["path"] == "src/refs.bib" for f in findings)  # the other file is still read
