"""``likely-needs-citation`` in real Sphinx builds, the report page, todo, and the seed.

The test root ``test-citecheck-need`` holds prose sentences with and without
sources, plus the places that are not prose (a hatnote, a table, an
admonition, a footnote, an appendix section, the report page). With the
threshold at 0 every unsourced prose sentence is a finding, so which sentences
are scored does not depend on the model; with the default threshold the
findings are those the shipped model scores above its own threshold.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from build_support import sphinx_build

from checker.cli import main
from checker.need.model import shipped_model
from checker.sphinxext import collect_findings

ROOT = Path(__file__).parent / "roots" / "test-citecheck-need"
ALL = {"citecheck_need": True, "citecheck_need_threshold": 0.0}

#: every unsourced prose sentence of the root: (document, sentence, section, lead)
UNSOURCED = {
    ("index", "The first steam turbine was built in 1884 by Charles Parsons.", "", True),
    ("index", "Critics said it was the greatest invention of the age.", "", True),
    ("index", "A turbine is a rotary machine.", "", True),
    (
        "history",
        "According to a 1905 survey, 40 percent of new ships used turbines.",
        "History > Early designs",
        False,
    ),
    (
        "history",
        "The navy said the turbine ships were the best it had ever ordered.",
        "History > Early designs",
        False,
    ),
}


def source_line(doc: str, sentence: str) -> int:
    """Where the sentence's first three words stand in the root's own file."""
    head = " ".join(sentence.split()[:3])
    lines = (ROOT / f"{doc}.rst").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if head in line)


def likely(findings):
    return [f for f in findings if f.rule == "likely-needs-citation"]


@pytest.mark.sphinx("html", testroot="citecheck-need", freshenv=True, confoverrides=ALL)
def test_every_unsourced_prose_sentence_and_nothing_else(app) -> None:
    app.build()
    found = likely(collect_findings(app))
    assert {(f.doc, f.text) for f in found} == {(d, s) for d, s, _, _ in UNSOURCED}
    model = shipped_model()
    for doc, sentence, section, lead in UNSOURCED:
        (f,) = [f for f in found if f.text == sentence]
        assert (f.category.value, f.severity.value) == ("flag", "info")
        assert f.path == f"citecheck-need/{doc}.rst"
        assert f.line == source_line(doc, sentence)
        # the score is the model's for the sentence in its place (path, lead)
        assert f.data["score"] == pytest.approx(model.score(sentence, section, lead), abs=1e-4)
        assert f"{f.data['score']:.2f}" in f.message
    assert {f.section for f in found} == {"Turbines", "Early designs"}


@pytest.mark.sphinx("html", testroot="citecheck-need", freshenv=True, confoverrides=ALL)
def test_report_page_lists_them_apart_highest_first(app) -> None:
    app.build()
    page = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    table, _, section = page.partition("Sentences that may need a source")
    assert section, "no section of its own"
    assert "likely-needs-citation" not in table.split("citecheck-report", 1)[-1]
    assert "1 flagged claim in 1 section" in table  # the :cn: claim only
    scores = [float(s) for s in re.findall(r"<strong>([0-9.]+)</strong>", section)]
    assert len(scores) == len(UNSOURCED)
    assert scores == sorted(scores, reverse=True)
    # not marked in the text unless asked
    assert "citecheck-likely" not in (Path(app.outdir) / "index.html").read_text()


@pytest.mark.sphinx(
    "html",
    testroot="citecheck-need",
    freshenv=True,
    confoverrides={**ALL, "citecheck_need_mark": True},
)
def test_html_marks_each_sentence_with_its_score(app) -> None:
    app.build()
    found = {f.text: f for f in likely(collect_findings(app))}
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    marks = re.findall(
        r'<span class="citecheck-likely" id="([^"]+)" title="([^"]+)">([^<]*)', index
    )
    texts = [" ".join(text.split()) for _, _, text in marks]
    assert set(texts) == {s for d, s, _, _ in UNSOURCED if d == "index"}
    for (anchor, title, _), text in zip(marks, texts, strict=True):
        f = found[text]
        assert anchor == f"need-{f.id}"
        assert title == f"may need a source (score {f.data['score']:.2f})"
    # the report page links each sentence to its mark
    report = (Path(app.outdir) / "report.html").read_text(encoding="utf-8")
    for anchor, _, _ in marks:
        assert f'href="index.html#{anchor}"' in report


@pytest.mark.sphinx(
    "html", testroot="citecheck-need", freshenv=True, confoverrides={"citecheck_need": True}
)
def test_default_threshold_is_the_models(app) -> None:
    app.build()
    threshold = shipped_model().threshold
    model = shipped_model()
    expected = {s for _, s, sec, lead in UNSOURCED if model.score(s, sec, lead) >= threshold}
    assert {f.text for f in likely(collect_findings(app))} == expected


@pytest.mark.sphinx("html", testroot="citecheck-need", freshenv=True)
def test_off_by_default(app) -> None:
    app.build()
    assert likely(collect_findings(app)) == []
    assert "citation-needed" in {f.rule for f in collect_findings(app)}


@pytest.mark.sphinx(
    "html",
    testroot="citecheck-need",
    freshenv=True,
    confoverrides={"citecheck_need": True, "citecheck_need_threshold": 1.5},
)
def test_a_bad_threshold_is_a_config_error(app_params, make_app) -> None:
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="between 0 and 1"):
        make_app(*args, **kwargs)


def test_report_and_todo_commands_with_need(tmp_path: Path, capsys) -> None:
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    (src / "conf.py").write_text(
        (ROOT / "conf.py").read_text() + "citecheck_need_threshold = 0.0\n", encoding="utf-8"
    )
    assert main(["report", str(src), "--format", "json", "--fail-on", "none"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "likely-needs-citation" not in plain["summary"]["by_rule"]
    assert main(["report", str(src), "--need", "--format", "json", "--fail-on", "none"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["by_rule"]["likely-needs-citation"] == len(UNSOURCED)
    assert main(["todo", str(src), "--need"]) == 0
    todo = capsys.readouterr().out
    flagged = todo.index("Flagged claims (1)")
    likely_at = todo.index(f"Sentences that may need a source ({len(UNSOURCED)})")
    assert flagged < likely_at < todo.index("Other gaps")
    entries = todo[likely_at:].split("[likely-needs-citation]")[1:]
    assert len(entries) == len(UNSOURCED)
    scores = [float(re.match(r"\s+score ([0-9.]+)", e)[1]) for e in entries]
    assert scores == sorted(scores, reverse=True)
    # candidate sources as for tagged claims: the 1905 survey for the 1905 survey claim
    survey = next(e for e in entries if "1905 survey" in e)
    assert "- survey:" in survey


def test_converted_seed(capsys) -> None:
    docs = Path(__file__).parent.parent / "docs"
    args = ["report", str(docs), "--conf", str(docs.parent / "conf"), "--need"]
    assert main([*args, "--format", "json", "--fail-on", "none"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    found = [f for f in findings if f["rule"] == "likely-needs-citation"]
    tagged = {f["text"] for f in findings if f["category"] == "flag"} - {f["text"] for f in found}
    threshold = shipped_model().threshold
    assert len(found) >= 20
    assert all(f["data"]["score"] >= threshold for f in found)
    assert all(f["severity"] == "info" and f["line"] for f in found)
    # never a tagged claim, never an appendix page
    assert not any(t in f["text"] for f in found for t in tagged if len(t) > 20)
    assert not {f["doc"] for f in found} & {"references", "notes", "see-also", "further-reading"}


def test_parallel_build_of_the_seed_gives_the_same_need_findings(tmp_path: Path) -> None:
    """The rule reads the pickled doctrees after the merge: -j 2 finds the same sentences."""
    docs = Path(__file__).parent.parent / "docs"
    conf = docs.parent / "conf"
    for name, parallel in (("serial", 0), ("parallel", 2)):
        out = tmp_path / name
        assert (
            sphinx_build(docs, out, "citations", conf=conf, parallel=parallel, citecheck_need=True)
            == ""
        )
    serial = (tmp_path / "serial" / "citations.json").read_bytes()
    assert serial == (tmp_path / "parallel" / "citations.json").read_bytes()
    assert b'"likely-needs-citation": ' in serial
