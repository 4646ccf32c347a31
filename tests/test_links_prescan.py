"""The command line's head start: the links scanned from sources are the ones Sphinx finds.

A sample reST and a MyST Markdown file full of link forms and non-links
(literal blocks, code, comments, inline literals, image sources, bare URLs
in Markdown) are built with Sphinx; the URLs the extension collects must be
exactly the ones the scan found, so the head start neither misses links
nor requests text that is no link.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from checker.refs.links.early import conf_values
from checker.refs.links.prescan import markdown_links, rst_links, source_links
from checker.sphinxext import get_ref_inputs

DATA = Path(__file__).resolve().parent / "data" / "links"


def collected(tmp_path: Path) -> dict[str, set[str]]:
    """URLs the extension collects from the sample files, per document."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("sample.rst", "sample.md"):
        shutil.copy(DATA / name, src / name)
    (src / "index.rst").write_text(".. toctree::\n\n   sample\n   sample-md\n")
    (src / "sample.md").rename(src / "sample-md.md")
    (src / "conf.py").write_text('extensions = ["checker", "myst_parser"]\n')
    with docutils_namespace():
        app = Sphinx(
            str(src), str(src), str(tmp_path / "out"), str(tmp_path / "dt"), "citations",
            status=None, warning=io.StringIO(), freshenv=True,
        )  # fmt: skip
        app.build()
        links = get_ref_inputs(app).links
    found: dict[str, set[str]] = {}
    for use in links:
        found.setdefault(str(use.where.doc), set()).add(use.url)
    return found


def test_the_scan_finds_exactly_the_links_sphinx_collects(tmp_path: Path) -> None:
    by_doc = collected(tmp_path)
    rst = set(rst_links((DATA / "sample.rst").read_text(encoding="utf-8")))
    md = set(markdown_links((DATA / "sample.md").read_text(encoding="utf-8")))
    assert rst == by_doc["sample"]
    assert md == by_doc["sample-md"]
    assert not [url for url in rst | md if url.rstrip("2").endswith("/no")]  # no non-link
    assert "https://image.example.org/picture.png" not in rst  # an image source is no link
    assert len(rst) == 12 and len(md) == 4  # the sample's links, all of them


def test_source_links_picks_the_syntax_by_suffix() -> None:
    text = "[x](https://a.example.org/) https://b.example.org/"
    assert source_links(text, ".md") == ["https://a.example.org/"]
    # in reST both are standalone links (docutils drops the closing parenthesis)
    assert source_links(text, ".rst") == ["https://a.example.org/", "https://b.example.org/"]


def test_conf_values_only_from_literals(tmp_path: Path) -> None:
    conf = tmp_path / "conf.py"
    conf.write_text(
        "import os\nproject = os.getcwd()\nlinkcheck_timeout = 5\n"
        "citecheck_links = {'workers': 4}\nexclude_patterns = ['_build']\n"
    )
    assert conf_values(conf) == {
        "linkcheck_timeout": 5,
        "citecheck_links": {"workers": 4},
        "exclude_patterns": ["_build"],
    }
    for computed in (
        "linkcheck_timeout = int('5')\n",
        "if True:\n    linkcheck_timeout = 5\n",
        "linkcheck_ignore = []\nlinkcheck_ignore += ['x']\n",
        "from settings import *\n",
    ):
        conf.write_text(computed)
        assert conf_values(conf) is None, computed
