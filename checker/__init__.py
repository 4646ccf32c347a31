"""citecheck: find what a Sphinx project's claims lack.

``extensions = ["checker"]`` in a Sphinx ``conf.py`` loads the extension;
the pure core (``checker.article``, ``checker.refs``, ``checker.report``)
never imports Sphinx, so the command line's converter runs without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Sphinx entry point; the glue lives in :mod:`checker.sphinxext`."""
    from .sphinxext import setup as _setup

    return _setup(app)
