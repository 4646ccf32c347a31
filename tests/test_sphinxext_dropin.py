"""Drop-in: adding the extension to a project adds no warning of its own making."""

from __future__ import annotations

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
