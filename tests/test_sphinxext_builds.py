"""Serial, parallel and incremental builds agree; warnings gate and can be silenced; config."""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from checker.findings import Category, Finding, Severity
from checker.sphinxext.providers import register_finding_provider, unregister_finding_provider

MULTI = "citecheck-multi"
ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, parent: Path, folder: str = "docs") -> Path:
    """A private copy of ``tests/roots/test-<name>`` at ``parent/folder`` (safe to edit)."""
    target = parent / folder
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(srcdir: Path, buildername: str = "citations", **kwargs: Any) -> SphinxTestApp:
    """Build ``srcdir`` into ``srcdir/../_build`` (kept between calls: incremental)."""
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=srcdir.parent / "_build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def report(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "citations.json").read_text(encoding="utf-8"))


def located(data: dict[str, Any]) -> list[tuple[str, int | None, str, str | None]]:
    return [(f["path"], f["line"], f["rule"], f["section"]) for f in data["findings"]]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _final_state(srcdir: Path) -> None:
    """Remove one flag from ch2 and add one to ch6."""
    _edit(srcdir / "ch2.rst", ":cn:`abroad <2015-01>`", "abroad")
    _edit(srcdir / "ch6.rst", "He died", "He :cn:`fell ill <2020-02>` and died")


def test_serial_parallel_and_incremental_builds_agree(tmp_path: Path) -> None:
    serial = copy_root(MULTI, tmp_path / "serial")
    parallel = copy_root(MULTI, tmp_path / "parallel")
    first = report(build(serial))
    app = build(parallel, parallel=2)
    assert app.parallel == 2 and app.is_parallel_allowed("read")
    assert app.is_parallel_allowed("write")
    assert report(app) == first
    assert len(first["findings"]) == 13
    assert "citecheck" not in app.warning.getvalue()

    # incremental: edit two files, rebuild the same tree, compare with a clean build
    _final_state(serial)
    incremental = build(serial)
    assert "2 changed" in incremental.status.getvalue()
    clean_dir = copy_root(MULTI, tmp_path / "clean")
    _final_state(clean_dir)
    clean = report(build(clean_dir, freshenv=True))
    assert report(incremental) == clean
    assert clean != first
    lines = {(path, line, rule) for path, line, rule, _ in located(clean)}
    assert ("docs/ch2.rst", 7, "citation-needed") not in lines
    assert ("docs/ch6.rst", 7, "citation-needed") in lines

    # the same holds for the HTML report page: it is re-read on every build
    html_dir = copy_root(MULTI, tmp_path / "html")
    build(html_dir, "html")
    _final_state(html_dir)
    app = build(html_dir, "html")
    page = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    for finding in clean["findings"]:
        assert f'id="citecheck-{finding["id"]}"' in page
    assert len(re.findall(r'<tr class="citecheck-(?!group)', page)) == len(clean["findings"])


def test_paths_are_source_folder_relative_and_text_output_sorted(tmp_path: Path) -> None:
    srcdir = copy_root(MULTI, tmp_path)
    app = build(srcdir)
    data = report(app)
    assert data["schema"] == "citecheck/report/v1" and data["source"] == "docs"
    assert data["summary"]["by_rule"]["citation-needed"] == 7
    text = (Path(app.outdir) / "citations.txt").read_text(encoding="utf-8").splitlines()
    assert text[0] == (
        "docs/ch1.rst:7: more-citations-needed: "
        "section needs additional citations: add reliable sources"
    )
    assert text[1].startswith("docs/ch1.rst:11: citation-needed: claim has no source")
    assert len(text) == len(data["findings"])
    assert [f["path"] for f in data["findings"]] == sorted(f["path"] for f in data["findings"])


def test_warning_gate_and_suppression(tmp_path: Path) -> None:
    forms = copy_root("citecheck-forms", tmp_path / "a")
    multi = copy_root(MULTI, tmp_path / "b")
    args = ["-q", "-W", "-b", "citations"]
    # note problems warn by default, so -W fails the build; flags alone do not
    assert build_main([*args, str(forms), str(tmp_path / "out-a")]) == 1
    assert build_main([*args, str(multi), str(tmp_path / "out-b")]) == 0

    app = build(forms, confoverrides={"suppress_warnings": ["citecheck.note-orphan"]})
    warnings = app.warning.getvalue()
    assert "[citecheck.note-missing]" in warnings and "forms.rst:46" in warnings
    assert "note-orphan" not in warnings
    assert "[citecheck.bad-date]" in warnings

    app = build(
        multi,
        confoverrides={
            "citecheck_warn_rules": ["citation-needed", "when"],
            "suppress_warnings": ["citecheck.citation-needed"],
        },
    )
    warnings = app.warning.getvalue()
    assert "citation-needed" not in warnings
    assert warnings.count("[citecheck.when]") == 1 and "ch7.rst:7" in warnings


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"citecheck_report_group": "chapter"}, "citecheck_report_group must be one of"),
        ({"citecheck_severity": {"citation-needed": "fatal"}}, "unknown severity 'fatal'"),
        ({"citecheck_rules": ["citation-neded"]}, "unknown rule or category 'citation-neded'"),
        ({"citecheck_warn_rules": ["flags"]}, "citecheck_warn_rules: unknown rule"),
        ({"citecheck_today": "2026-13-01"}, "citecheck_today must be an ISO date"),
    ],
)
def test_bad_configuration_is_one_line_error(tmp_path: Path, overrides, message) -> None:
    srcdir = copy_root(MULTI, tmp_path)
    with pytest.raises(ConfigError, match=message) as info:
        build(srcdir, confoverrides=overrides)
    assert "\n" not in str(info.value)


def test_rules_and_severity_configuration(tmp_path: Path) -> None:
    srcdir = copy_root("citecheck-forms", tmp_path)
    app = build(
        srcdir,
        confoverrides={
            "citecheck_rules": ["flag", "note-missing"],
            "citecheck_severity": {"citation-needed": "error", "note": "info"},
        },
    )
    findings = report(app)["findings"]
    assert {f["category"] for f in findings} == {"flag", "note"}
    assert {f["rule"] for f in findings if f["category"] == "note"} == {"note-missing"}
    assert {f["severity"] for f in findings if f["rule"] == "citation-needed"} == {"error"}
    assert {f["severity"] for f in findings if f["rule"] == "who"} == {"warning"}
    assert {f["severity"] for f in findings if f["category"] == "note"} == {"info"}


def _provider(app) -> list[Finding]:
    return [
        Finding(
            rule="test-provided",
            category=Category.REFERENCE,
            severity=Severity.ERROR,
            path="docs/refs.bib",
            line=3,
            message="provided by a plug-in: fix the entry",
            text="smith2001",
        )
    ]


def test_finding_providers_plug_in(tmp_path: Path) -> None:
    srcdir = copy_root(MULTI, tmp_path)
    register_finding_provider(_provider, rules=["test-provided"])
    try:
        app = build(srcdir, confoverrides={"citecheck_warn_rules": ["test-provided"]})
    finally:
        unregister_finding_provider(_provider)
    rules = [f["rule"] for f in report(app)["findings"]]
    assert rules.count("test-provided") == 1
    assert "docs/refs.bib:3: WARNING: provided by a plug-in" in app.warning.getvalue()
    with pytest.raises(ConfigError, match="test-provided"):
        build(srcdir, confoverrides={"citecheck_rules": ["test-provided"]})


def _flag_counts(app, index) -> dict[str, int]:
    """An index extension: flags per document, computed once per build."""
    counts: dict[str, int] = {}
    for finding in index.findings:
        if finding.category is Category.FLAG and finding.doc:
            counts[finding.doc] = counts.get(finding.doc, 0) + 1
    return counts


def _section(context) -> list:
    from docutils import nodes

    counts = context.index.extras["flag-counts"]
    text = "Flags per page: " + ", ".join(f"{doc} {n}" for doc, n in sorted(counts.items()))
    return [nodes.paragraph("", text, classes=["test-section"])]


def _row_extra(finding, context) -> list:
    from docutils import nodes

    uri = context.row_uri(finding)
    return [nodes.inline("", f" [row {uri}]", classes=["test-extra"])]


def test_index_extensions_and_report_sections_plug_in(tmp_path: Path) -> None:
    from checker.sphinxext import (
        register_index_extension,
        register_report_section,
        register_row_extra,
        unregister_index_extension,
    )
    from checker.sphinxext.render.reportpage import (
        unregister_report_section,
        unregister_row_extra,
    )

    srcdir = copy_root(MULTI, tmp_path)
    register_index_extension("flag-counts", _flag_counts)
    register_report_section(_section)
    register_row_extra(_row_extra)
    register_row_extra(_row_extra)  # once only
    try:
        app = build(srcdir, "html")
    finally:
        unregister_index_extension("flag-counts")
        unregister_report_section(_section)
        unregister_row_extra(_row_extra)
    page = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    counts = "ch1 3, ch2 2, ch3 1, ch4 1, ch5 1, ch6 1, ch7 2"
    assert f'<p class="test-section">Flags per page: {counts}</p>' in page
    rows = len(re.findall(r'<tr class="citecheck-(?!group)', page))
    extras = re.findall(r'<span class="test-extra"> \[row (\S+)\]</span>', page)
    assert len(extras) == rows == 13
    assert all(uri.startswith("#citecheck-") for uri in extras)  # the report page's own rows


def test_report_json_round_trips(tmp_path: Path) -> None:
    srcdir = copy_root(MULTI, tmp_path)
    app = build(srcdir)
    raw = (Path(app.outdir) / "citations.json").read_text(encoding="utf-8")
    again = (Path(build(srcdir, freshenv=True).outdir) / "citations.json").read_text("utf-8")
    assert raw == again  # byte-identical across runs
    ids = [f["id"] for f in json.loads(raw)["findings"]]
    assert len(ids) == len(set(ids))


def test_parallel_html_pages_equal_serial(tmp_path: Path) -> None:
    serial = build(copy_root(MULTI, tmp_path / "serial"), "html")
    parallel = build(copy_root(MULTI, tmp_path / "parallel"), "html", parallel=2)
    assert parallel.is_parallel_allowed("write")
    for page in ("report.html", "ch1.html", "ch3.html", "notes.html"):
        one = (Path(serial.outdir) / page).read_text(encoding="utf-8")
        two = (Path(parallel.outdir) / page).read_text(encoding="utf-8")
        assert one == two, page
    assert "citecheck-claim-0" in (Path(parallel.outdir) / "ch1.html").read_text("utf-8")


def test_incremental_parallel_html_equals_a_clean_serial_build(tmp_path: Path) -> None:
    """The project index is rebuilt after every merge: pages that show other pages'
    data (the report, notes, the article banner's count) come out of an incremental
    ``-j 2`` build exactly as from a clean serial one."""

    def article_banner(srcdir: Path) -> None:  # on a page no edit below touches
        banner = ".. more-citations-needed::\n   :scope: article\n\n"
        _edit(srcdir / "ch7.rst", "Legacy\n------\n", f"Legacy\n------\n\n{banner}")

    def final(srcdir: Path) -> None:
        _final_state(srcdir)  # one flag fewer in ch2, one more in ch6
        _edit(srcdir / "ch6.rst", "He :cn:`fell ill", "He :cn:`fell ill` and :cn:`rallied")

    incremental = copy_root(MULTI, tmp_path / "incremental")
    article_banner(incremental)
    build(incremental, "html", parallel=2)
    before = (Path(incremental.parent / "_build" / "html") / "ch7.html").read_text("utf-8")
    final(incremental)
    again = build(incremental, "html", parallel=2)
    assert "2 changed" in again.status.getvalue()
    clean = copy_root(MULTI, tmp_path / "clean")
    article_banner(clean)
    final(clean)
    fresh = build(clean, "html", freshenv=True)
    after = (Path(fresh.outdir) / "ch7.html").read_text("utf-8")
    count = re.compile(r"(\d+) flagged claims in this article")
    assert int(count.findall(after)[0]) == int(count.findall(before)[0]) + 1
    pages = sorted(p.name for p in Path(fresh.outdir).glob("*.html"))
    assert {"report.html", "ch2.html", "ch6.html", "notes.html", "ch3.html"} <= set(pages)
    for page in pages:
        if page in ("genindex.html", "search.html"):
            continue
        one = (Path(again.outdir) / page).read_text(encoding="utf-8")
        two = (Path(fresh.outdir) / page).read_text(encoding="utf-8")
        assert one == two, page


def test_broken_inputs_give_the_same_report_in_parallel(tmp_path: Path) -> None:
    """A page that is not UTF-8 and a markup error are found by whichever process
    reads the page: -j 2 gives the serial build's report."""

    def break_inputs(srcdir: Path) -> None:
        page = "Latin-1\n=======\n\nCaf\u00e9 :cn:`a claim <2011-01>`.\n"
        (srcdir / "latin1.rst").write_bytes(page.encode("latin-1"))
        with (srcdir / "ch4.rst").open("a", encoding="utf-8") as handle:
            handle.write("\nAn unclosed :cn:`role.\n")

    serial = copy_root(MULTI, tmp_path / "serial")
    parallel = copy_root(MULTI, tmp_path / "parallel")
    break_inputs(serial)
    break_inputs(parallel)
    one = report(build(serial))
    app = build(parallel, parallel=2)
    assert app.is_parallel_allowed("read")
    assert report(app) == one
    rules = {(f["rule"], f["path"]) for f in one["findings"]}
    assert ("source-encoding", "docs/latin1.rst") in rules
    assert ("markup-error", "docs/ch4.rst") in rules
    assert ("citation-needed", "docs/latin1.rst") in rules
