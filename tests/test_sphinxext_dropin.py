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
