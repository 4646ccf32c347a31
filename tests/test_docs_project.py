"""The committed docs/: what the converter makes of the seed, and it builds cleanly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from build_support import sphinx_build

from checker.article.convert import MANIFEST, convert_text
from checker.article.reader import read_article

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"


def test_committed_docs_are_the_converters_output() -> None:
    """Each page is the converter's current output, or an editor's change of it.

    A page still as the converter last wrote it (its manifest hash) but unlike
    what the converter writes now means the converter changed and docs/ was not
    converted again.
    """
    conversion = convert_text(read_article(DOCS / "_article" / "leon-trotsky.txt"), "Leon Trotsky")
    recorded = json.loads((DOCS / MANIFEST).read_text(encoding="utf-8"))["files"]
    for name, text in conversion.files.items():
        current = (DOCS / name).read_text(encoding="utf-8")
        if current != text:
            digest = hashlib.sha256(current.encode("utf-8")).hexdigest()
            assert digest != recorded.get(name), f"docs/{name} is stale: run make convert"


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    assert sphinx_build(DOCS, tmp_path / "html", conf=PROJECT / "conf") == ""
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Leon Trotsky" in index and "infobox" in index
    report = (tmp_path / "html" / "citation-report.html").read_text(encoding="utf-8")
    assert "citation-report" in report


def test_parallel_build_of_the_seed_gives_the_same_report(tmp_path: Path) -> None:
    """-j 2 reads the 12 pages in two processes; the merged report is byte-identical."""
    conf = PROJECT / "conf"
    assert sphinx_build(DOCS, tmp_path / "serial", "citations", conf=conf) == ""
    assert sphinx_build(DOCS, tmp_path / "parallel", "citations", conf=conf, parallel=2) == ""
    serial = (tmp_path / "serial" / "citations.json").read_bytes()
    assert serial == (tmp_path / "parallel" / "citations.json").read_bytes()
    assert b'"citation-needed": 26' in serial
