"""One in-process Sphinx build for tests that need a real one outside ``sphinx.testing``.

``sphinx.testing``'s ``app`` fixture suits the extension's own roots; these
tests build a converted article, the committed docs, or a root with overrides
chosen at run time, so they construct the application themselves -- always
inside ``docutils_namespace`` so roles registered by one build (sphinxcontrib-
bibtex's) cannot leak into the next.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace


def sphinx_build(
    src: Path,
    out: Path,
    builder: str = "html",
    *,
    conf: Path | None = None,
    parallel: int = 0,
    **overrides: Any,
) -> str:
    """Build ``src`` (its own conf.py unless ``conf``) into ``out``; return the warnings."""
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(
            str(src),
            str(conf or src),
            str(out),
            str(out / ".doctrees"),
            builder,
            confoverrides=overrides,
            status=None,
            warning=warnings,
            freshenv=True,
            parallel=parallel,
        )
        app.build()
    return warnings.getvalue()
