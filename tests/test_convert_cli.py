"""``citecheck convert`` as users run it: bad inputs, no clobbering, atomic output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT / "docs" / "_article" / "leon-trotsky.txt"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_seed_converts_with_summary(tmp_path: Path) -> None:
    result = run("convert", SEED, "-o", tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    assert "headings: 39" in result.stdout
    assert "tag citation-needed: 26" in result.stdout and "banner: 3" in result.stdout
    assert (tmp_path / "docs" / "index.rst").exists()
    assert (tmp_path / "docs" / "references.bib").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"   \n\n  ", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("caf\u00e9 article text".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    result = run("convert", article, "-o", tmp_path / "docs")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "docs").exists()


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "d")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["convert", str(tmp_path), "-o", str(tmp_path / "d")]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_huge_input_refused_before_reading(tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    with article.open("wb") as handle:  # a sparse 50 MB file: cheap to make
        handle.truncate(50 * 1024 * 1024)
    result = run("convert", article, "-o", tmp_path / "docs")
    assert result.returncode == 2 and "too large" in result.stderr


def test_truncated_article_degrades_with_a_warning(tmp_path: Path) -> None:
    article = tmp_path / "truncated.txt"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    article.write_text("\n".join(lines[:30]) + "\ncontents before", encoding="utf-8")
    result = run("convert", article, "-o", tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    assert "no contents list found" in result.stdout
    assert (tmp_path / "docs" / "index.rst").read_text(encoding="utf-8").count(":cn:`") == 0


def test_reconversion_never_clobbers_edits(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert run("convert", SEED, "-o", docs).returncode == 0
    # unchanged docs: converting again is a no-op and succeeds
    again = run("convert", SEED, "-o", docs)
    assert again.returncode == 0 and "0 written" in again.stdout
    page = docs / "assassination.rst"
    edited = page.read_text(encoding="utf-8").replace(":cn:`", ":cite:p:`key` ", 1)
    page.write_text(edited, encoding="utf-8")
    refused = run("convert", SEED, "-o", docs)
    assert refused.returncode == 2
    assert "assassination.rst" in refused.stderr and "--force" in refused.stderr
    assert page.read_text(encoding="utf-8") == edited  # nothing lost
    forced = run("convert", SEED, "-o", docs, "--force")
    assert forced.returncode == 0
    assert page.read_text(encoding="utf-8") != edited


def test_foreign_file_in_the_way_is_not_overwritten(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.rst").write_text("my own index\n", encoding="utf-8")
    result = run("convert", SEED, "-o", docs)
    assert result.returncode == 2 and "index.rst" in result.stderr
    assert (docs / "index.rst").read_text(encoding="utf-8") == "my own index\n"


def test_failed_run_leaves_previous_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert run("convert", SEED, "-o", docs).returncode == 0
    before = {p.name: p.read_bytes() for p in docs.iterdir()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe broken")
    assert run("convert", bad, "-o", docs).returncode == 2
    assert {p.name: p.read_bytes() for p in docs.iterdir()} == before


def test_output_path_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    target.write_text("not a folder", encoding="utf-8")
    result = run("convert", SEED, "-o", target)
    assert result.returncode == 2 and "not a folder" in result.stderr


def test_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "checker", "convert", str(SEED), "-o", str(tmp_path / "docs")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like "| head" exiting before the summary is printed
    child.wait(timeout=120)
    assert "Traceback" not in child.stderr.read().decode()
    assert (tmp_path / "docs" / "index.rst").exists()
