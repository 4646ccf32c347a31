"""What readers see: HTML links both ways, LaTeX and plain formats, escaping of hostile text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from checker.sphinxext import collect_findings


def _page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def _finding(app, path_end: str, line: int):
    (finding,) = [f for f in collect_findings(app) if f.path.endswith(path_end) and f.line == line]
    return finding


@pytest.mark.sphinx("html", testroot="citecheck-multi")
def test_html_label_links_to_report_row_and_row_links_back(app) -> None:
    app.build()
    finding = _finding(app, "ch1.rst", 11)
    chapter = _page(app, "ch1.html")
    assert (
        '<span class="citecheck-claim citecheck-citation-needed" id="citecheck-claim-0">'
        "a large estate</span>"
        '<sup class="citecheck-label no-search" title="Citation needed (since July 2010)">'
        f'<a class="reference internal" href="report.html#citecheck-{finding.id}">'
        "[citation needed]</a></sup>"
    ) in chapter
    report = _page(app, "report.html")
    row = re.search(
        rf'<tr class="citecheck-flag[^"]*" id="citecheck-{finding.id}">(.*?)</tr>',
        report,
        re.DOTALL,
    )
    assert row is not None
    cells = row.group(1)
    assert 'href="ch1.html#citecheck-claim-0">a large estate</a>' in cells
    assert "<p>July 2010 (15 years)</p>" in cells
    assert "citecheck-multi/ch1.rst:11" in cells
    # grouped by section: a heading row links the section and counts its findings
    assert re.search(
        r'<tr class="citecheck-group[^"]*"><td colspan="4"><p><a class="reference internal" '
        r'href="ch1.html#early-life">Early life</a> — [^<]*ch1.rst \(2\)</p></td>',
        report,
    )
    assert (
        '<p class="citecheck-summary">11 flagged claims in 9 sections; 2 sections need more '
        "citations; oldest open since July 2010.</p>"
    ) in report
    assert re.search(r'href="ch1.html#education">Education</a> — [^<]*ch1.rst \(2\)', report)
    # every finding has exactly one row
    rows = re.findall(r'<tr class="citecheck-(?!group)', report)
    assert len(rows) == len(collect_findings(app))
    assert (Path(app.outdir) / "_static" / "citecheck.css").is_file()
    assert 'href="_static/citecheck.css' in chapter


@pytest.mark.sphinx("html", testroot="citecheck-multi")
def test_html_banners_and_notes(app) -> None:
    app.build()
    ch1, ch4 = _page(app, "ch1.html"), _page(app, "ch4.html")
    assert '<div class="citecheck-banner citecheck-more-citations-needed admonition"' in ch1
    assert "Flagged since November 2010." in ch1
    assert (
        '<span class="citecheck-banner-count no-search">1 flagged claim in this section.</span>'
        in ch1
    )
    assert "No claim in this section is flagged yet." in ch4
    ch3 = _page(app, "ch3.html")
    assert re.search(
        r'<sup class="citecheck-note-ref no-search" id="citecheck-noteref-0" title="Note a">'
        r'<a class="reference internal" href="notes.html#citecheck-note-a">\[a\]</a></sup>',
        ch3,
    )
    notes = _page(app, "notes.html")
    assert 'id="citecheck-note-a"' in notes
    assert 'href="ch3.html#citecheck-noteref-0">↑1</a>' in notes
    assert 'href="ch4.html#citecheck-noteref-0">↑2</a>' in notes
    assert 'href="ch5.html#citecheck-noteref-0">↑</a>' in notes


@pytest.mark.sphinx("html", testroot="citecheck-forms")
def test_html_markup_inside_claims_and_broken_notes(app) -> None:
    app.build()
    forms = _page(app, "forms.html")
    assert re.search(
        r'id="citecheck-claim-2">the <em>emphasised</em> claim with <code[^>]*>'
        r'<span class="pre">code</span></code> and\s+a <a class="reference external" '
        r'href="https://example.org/x">link</a></span>',
        forms,
    )
    assert re.search(
        r'<sup class="citecheck-note-ref no-search citecheck-missing"[^>]*>\[zz\]</sup>', forms
    )
    assert 'class="citecheck-note citecheck-orphan docutils container"' in forms
    assert 'class="problematic"' in forms and "&lt;2010-13&gt;" in forms
    assert '<div class="citecheck-authority docutils container"' in forms
    assert "<dt" in forms and "19685134" in forms
    myst = _page(app, "markdown.html")
    assert "claim with <em>emphasis</em></span>" in myst
    assert '<div class="citecheck-banner citecheck-more-citations-needed admonition"' in myst
    assert (
        'id="citecheck-claim-0">a MyST claim</span><sup class="citecheck-label no-search"' in myst
    )


@pytest.mark.sphinx("html", testroot="citecheck-hostile")
def test_hostile_claims_are_escaped_in_html(app) -> None:
    app.build()
    page = _page(app, "index.html")
    assert "<script>alert" not in page
    # smart quotes apply to the rendered claim; the markup characters are escaped
    assert "&lt;script&gt;alert(“x”)&lt;/script&gt; &amp; “double” ‘single’</span>" in page
    # the report row shows the claim as written, escaped too
    row = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;double&quot; 'single'"
    assert f"{row}</a>" in page
    assert "bold &lt;b&gt;</span>" in page
    long = " ".join(["overlong"] * 250)
    assert page.count(long) == 1  # in the text, not on the report row
    assert re.search(r"citecheck-backlink[^>]*>(overlong ){30,}[a-z]*…</a>", page)


@pytest.mark.sphinx("citations", testroot="citecheck-hostile")
def test_hostile_claims_survive_json(app) -> None:
    app.build()
    raw = (Path(app.outdir) / "citations.json").read_text(encoding="utf-8")
    findings = json.loads(raw)["findings"]
    texts = {f["text"]: f["date"] for f in findings}
    assert texts['<script>alert("x")</script> & "double" \'single\''] == "2010-07"
    assert texts["bold <b>"] is None  # a tag is not a date slot
    assert " ".join(["overlong"] * 250) in texts
    assert '\\"double\\"' in raw


@pytest.mark.sphinx("text", testroot="citecheck-multi")
def test_text_builder_degrades_to_plain_label(app) -> None:
    app.build()
    text = _page(app, "ch1.txt")
    assert "a large estate[citation\nneeded]" in text or "a large estate[citation needed]" in text
    assert "left\nearly[clarification needed]" in text
    assert "More citations needed: This section needs additional citations" in text
    assert "citecheck" not in text and "report.html" not in text
    assert "11 flagged claims in 9 sections" in _page(app, "report.txt")


@pytest.mark.sphinx("latex", testroot="citecheck-multi")
def test_latex_superscript_label_and_framed_banner(app) -> None:
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    body = tex.read_text(encoding="utf-8")
    assert r"\textsuperscript{{\hyperref[\detokenize{report:citecheck-" in body
    assert r"\sphinxcrossref{{[}citation needed{]}}" in body
    assert r"\begin{sphinxadmonition}{warning}" in body and "More citations needed:}" in body


@pytest.mark.parametrize(("builder", "pattern"), [("man", "*.1"), ("texinfo", "*.texi")])
def test_other_builders_show_plain_label(
    make_app, rootdir: Path, tmp_path: Path, builder, pattern
) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(rootdir / "test-citecheck-multi", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    (out,) = Path(app.outdir).glob(pattern)
    text = out.read_text(encoding="utf-8")
    assert "a large estate[citation needed]" in text
    assert "[citation needed] \\%<" not in text and "[citation needed]@ref" not in text
    assert "WARNING" not in app.warning.getvalue()


@pytest.mark.sphinx(
    "html", testroot="citecheck-multi", confoverrides={"citecheck_report_group": "rule"}
)
def test_report_grouped_by_rule_links_sections(app) -> None:
    app.build()
    report = _page(app, "report.html")
    assert re.search(r'<td colspan="5"><p><span>citation-needed</span> \(7\)</p></td>', report)
    finding = _finding(app, "ch1.rst", 11)
    row = re.search(rf'id="citecheck-{finding.id}">(.*?)</tr>', report, re.DOTALL)
    assert row is not None
    assert '<a class="reference internal" href="ch1.html#early-life">Early life</a>' in row[1]


@pytest.mark.sphinx("html", testroot="citecheck-multi")
def test_search_index_skips_report_page_and_labels(app) -> None:
    app.build()
    raw = _page(app, "searchindex.js")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    docnames = index["docnames"]
    gymnasium = index["terms"]["gymnasium"]
    docs = {docnames[i] for i in (gymnasium if isinstance(gymnasium, list) else [gymnasium])}
    assert docs == {"ch1"}  # the claim's page, not the report row repeating it
    # labels ("[clarification needed]", "[dubious – discuss]") are not indexed
    assert "clarif" not in index["terms"] and "discuss" not in index["terms"]
