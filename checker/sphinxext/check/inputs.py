"""What the reference rules and the link checker read: bib files and every collected use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...refs.model import RefInputs
from ..domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def bibfiles(app: Sphinx) -> list[Path]:
    """The bib files to read, one per ``bibtex_bibfiles`` name.

    Each as sphinxcontrib-bibtex resolves it (against the configuration
    folder), else against the source folder; a file in neither is kept, so
    the reference rules report it as ``bib-unreadable`` instead of the
    bibliography's findings silently vanishing.
    """
    names = getattr(app.config, "bibtex_bibfiles", None) or []
    found = []
    for name in names:
        as_bibtex = (Path(app.confdir) / name).resolve()
        in_source = (Path(app.srcdir) / name).resolve()
        found.append(in_source if not as_bibtex.exists() and in_source.exists() else as_bibtex)
    return found


def get_ref_inputs(app: Sphinx) -> RefInputs:
    """What the reference rules read: bib files (absolute) and every collected use."""
    inputs = RefInputs()
    inputs.bibfiles = bibfiles(app)
    for rec in get_domain(app).records():
        inputs.citations.extend(rec.citations)
        inputs.footnotes.extend(rec.footnotes)
        inputs.identifiers.extend(rec.identifiers)
        inputs.links.extend(rec.links)
    return inputs
