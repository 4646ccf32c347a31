"""Drop-in: adding the extension to a project adds no warning of its own making."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.sphinxext import collect_findings


@pytest.mark.sphinx(
    "html", testroot="citecheck-myst", freshenv=True, confoverrides={"nitpicky": True}
)
def test_myst_project_with_default_role_any_gains_no_warning(app) -> None:
    """MyST resolves a Markdown link by asking every domain, as the ``any`` role does;
    a domain without ``resolve_any_xref`` made it warn ``[myst.domains]``."""
    app.build()
    assert app.warning.getvalue() == ""
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    # the links resolved (to the label and to the Python object), so the domains were asked
    assert index.count('href="#overview"') >= 2
    assert 'href="api.html#api.greet"' in index
    api = (Path(app.outdir) / "api.html").read_text(encoding="utf-8")
    assert 'href="index.html#overview"' in api  # the reST default role "any"
    # and the extension is at work in the same build
    (flag,) = collect_findings(app)
    assert (flag.rule, flag.path, flag.line) == ("citation-needed", "citecheck-myst/usage.md", 5)


@pytest.mark.sphinx("html", testroot="citecheck-myst")
def test_the_domain_finds_nothing_for_any_target(app) -> None:
    """Asked directly, as Sphinx's and MyST's resolvers ask it, the domain answers
    "nothing here" for any target, including one that names a flag's anchor."""
    from docutils import nodes
    from sphinx.addnodes import pending_xref

    from checker.sphinxext.domain import get_domain

    app.build()
    domain = get_domain(app)
    node = pending_xref("", refdomain="", reftype="any", reftarget="citecheck-claim-0")
    contnode = nodes.literal("x", "x")
    for target in ("overview", "citecheck-claim-0", ""):
        assert domain.resolve_any_xref(app.env, "index", app.builder, target, node, contnode) == []
        assert (
            domain.resolve_xref(app.env, "index", app.builder, "any", target, node, contnode)
            is None
        )


@pytest.mark.sphinx("html", testroot="citecheck-brokenbib", freshenv=True)
def test_a_broken_bib_file_does_not_stop_the_build(app) -> None:
    """sphinxcontrib-bibtex reads a clean copy: the entries around the broken one are
    listed, the problems are findings at the real file and line, and the project's
    configuration is left as written."""
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Written Before the Break" in page and "Written After the Break" in page
    assert "The Same Key Again" not in page  # pybtex would stop at the duplicate key
    warnings = app.warning.getvalue()
    assert "bibliography data error" not in warnings and "syntax error" not in warnings
    assert 'could not find bibtex key "broken"' in warnings  # its own, and true
    assert app.config.bibtex_bibfiles == ["refs.bib"]
    found = {(f.rule, f.path, f.line) for f in collect_findings(app)}
    assert ("bib-syntax-error", "citecheck-brokenbib/refs.bib", 8) in found
    assert ("duplicate-key", "citecheck-brokenbib/refs.bib", 19) in found


@pytest.mark.sphinx("html", testroot="citecheck-brokenbib", freshenv=True)
def test_a_broken_bib_file_is_parsed_once_across_incremental_builds(app, make_app) -> None:
    """The clean copy is rewritten only when it changes, so a second build finds
    sphinxcontrib-bibtex's cache up to date and reads no page again."""
    app.build()
    copies = list((Path(app.doctreedir) / "citecheck-bib").glob("*.bib"))
    assert len(copies) == 1
    mtime = copies[0].stat().st_mtime_ns
    again = make_app("html", srcdir=app.srcdir, builddir=Path(app.outdir).parent)
    again.build()
    assert copies[0].stat().st_mtime_ns == mtime
    assert "checking bibtex cache... up to date" in again.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()


#: what loading the extension must not import until a project gives it something to do
HEAVY = (
    "pybtex",
    "stdnum",
    "checker.refs.check",
    "checker.refs.rules",
    "checker.refs.bibfile",
    "checker.refs.identifiers",
    "checker.refs.links.check",
    "checker.refs.links.settings",
)

_PROBE = """
import json, sys
from sphinx.cmd.build import build_main
code = build_main(["-q", "-E", "-b", "html", sys.argv[1], sys.argv[2]])
heavy = json.loads(sys.argv[3])
print(json.dumps([code, sorted(m for m in heavy if m in sys.modules)]))
"""


def _loaded_after_build(src: Path, out: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(src), str(out), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    return code, loaded


def test_nothing_heavy_is_imported_where_there_is_nothing_to_check(tmp_path: Path) -> None:
    """A project with links and footnotes but no bibliography, citation or identifier:
    the reference rules, pybtex, python-stdnum and the link checker stay unloaded."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["checker"]\n', encoding="utf-8")
    (src / "index.rst").write_text(
        "Title\n=====\n\nA `link <https://example.org/>`_ and a footnote [#]_.\n\n"
        ".. [#] Smith 2001, p. 3.\n",
        encoding="utf-8",
    )
    assert _loaded_after_build(src, tmp_path / "out") == (0, [])
    # the same project with a bibliography: now the rules are loaded, and run
    (src / "refs.bib").write_text("@book{smith2001,\n  title = {A Book},\n}\n", encoding="utf-8")
    (src / "conf.py").write_text(
        'extensions = ["checker", "sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n',
        encoding="utf-8",
    )
    code, loaded = _loaded_after_build(src, tmp_path / "out2")
    assert code == 0
    assert {"pybtex", "checker.refs.check", "checker.refs.bibfile"} <= set(loaded)
    assert "checker.refs.links.check" not in loaded  # online checks are off
