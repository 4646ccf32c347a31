"""End to end: ``citecheck todo`` on the ``test-report-basic`` root, every format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from checker.cli import main

ROOTS = Path(__file__).resolve().parent / "roots"
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-report-basic", target)
    monkeypatch.chdir(tmp_path)
    return target


def todo(capsys, *argv: str) -> str:
    code = main(["todo", "docs", "--today", "2026-11-25", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_text_worklist_oldest_first_with_reasons(docs: Path, capsys) -> None:
    out = todo(capsys)
    numbered = re.findall(r"^\s+\d+\. (\S+)  \[([a-z-]+)\]  (.+)$", out, re.MULTILINE)
    assert numbered == [
        ("docs/early.rst:9", "citation-needed", "16 years 4 months"),
        ("docs/early.rst:19", "citation-needed", "14 years 9 months"),
        ("docs/index.rst:5", "citation-needed", "11 years 8 months"),
        ("docs/later.rst:6", "citation-needed", "6 years 6 months"),
    ]
    assert "section: Exile  (under a banner)" in out
    assert "hint:    lead claims are usually sourced in the body" in out
    # the claim's own paragraph ("in Odessa") and its year pick the schooling study
    assert "- odessa: Schooling in Odessa, 1880–1890" in out
    assert "why: shares “odessa” with its paragraph; covers 1886 (1880–1890)" in out
    assert out.splitlines()[-1] == "4 flagged claims, 3 other gaps"  # banner + 2 uncited works


def test_lines_for_editors_and_limit(docs: Path, capsys) -> None:
    lines = todo(capsys, "--format", "lines", "--limit", "2").splitlines()
    assert len(lines) == 2
    parsed = [LINE.match(line) for line in lines]
    assert [(m["file"], m["line"]) for m in parsed] == [
        ("docs/early.rst", "9"),
        ("docs/early.rst", "19"),
    ]
    assert "try odessa, prophet1" in parsed[0]["message"]


def test_json_worklist_and_output_file(docs: Path, tmp_path: Path, capsys) -> None:
    assert todo(capsys, "--format", "json", "-o", "todo.json") == ""
    document = json.loads((tmp_path / "todo.json").read_text(encoding="utf-8"))
    items = document["items"]
    assert [i["category"] for i in items] == ["flag"] * 4 + ["banner"] + ["reference"] * 2
    agent = next(i for i in items if i["text"] == "by an agent of the secret police")
    assert agent["candidates"][0]["key"] == "prophet3"
    # the previous sentence of its paragraph cites the same work
    assert "cited nearby (once in the same paragraph)" in agent["candidates"][0]["reasons"]


def test_broken_bib_file_is_a_note_not_a_failure(docs: Path, capsys) -> None:
    (docs / "extra.bib").write_text("@book{broken,\n  title = {Unclosed\n", encoding="utf-8")
    (docs / "conf.py").write_text('extensions = ["checker"]\n', encoding="utf-8")
    out = todo(capsys)
    assert re.search(r"^note: bibliography skipped: docs/extra\.bib: ", out, re.MULTILINE)
    assert "- odessa:" in out  # the readable bibliography still ranks


@pytest.fixture
def sources_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-citecheck-sources", target)
    monkeypatch.chdir(tmp_path)
    return target


def test_candidates_come_with_reasons_and_never_as_noise(sources_root: Path, capsys) -> None:
    out = todo(capsys)
    moon, cheese = out.split("\n\n")[1:3]
    tried = re.findall(r"^ {7}- (\w+): ", moon, re.MULTILINE)
    assert tried[0] == "luna"
    assert (
        "why: shares “far”, “side”, “moon” with its paragraph; "
        "cited nearby (once in the same paragraph)"
    ) in moon
    # "Page not found" shares "page" with the claim's paragraph: a broken link, not a work
    assert "notfound" not in out.split("Other gaps")[0]
    assert "try:     no work in the bibliography matches" in cheese
