"""Glue: the reference rules (:mod:`checker.refs`) as a finding provider.

After reading, the collected citation uses, short-citation footnotes and
identifiers meet the project's ``.bib`` files in
:func:`checker.refs.check.check_references`.  The rules know nothing of
Sphinx; this module only turns configuration into ``RefSettings`` and bib
paths into the paths the report shows.

The rules (pybtex, python-stdnum and the rule tables) are imported only when
a project gives them something to check: a bibliography, a ``:cite:``, a
citation no document defines, or an identifier.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ...refs.model import CitationKind, RefInputs
from ..config import today_of
from ..locate import file_report_path
from .inputs import get_ref_inputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ...findings import Finding

CONFIG_NAME = "citecheck_references"


def register(app: Sphinx) -> None:
    app.add_config_value(
        CONFIG_NAME,
        {},
        "env",
        types=frozenset({dict}),
        description="reference rule settings: earliest_access_date, paged_types, ...",
    )
    app.connect("config-inited", _validate)


def _validate(app: Sphinx, config: Config) -> None:
    value = getattr(config, CONFIG_NAME)
    if not value:  # the defaults are valid: nothing to import
        return
    from ...refs.check import RefSettings

    try:
        RefSettings.from_mapping(value)
    except ValueError as exc:
        raise ConfigError(f"{CONFIG_NAME}: {exc}") from None


def rule_ids() -> tuple[str, ...]:
    from ...refs.rules import RULES

    return tuple(RULES)


def display_path(app: Sphinx, path: Path) -> str:
    """How the report names a file: as the documents are named (``docs/references.bib``)."""
    srcdir = Path(app.srcdir).resolve()
    shown = file_report_path(srcdir, path)
    if shown is not None:
        return shown
    try:  # beside the source folder, e.g. conf/../refs.bib
        return path.relative_to(srcdir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def reference_inputs(app: Sphinx) -> RefInputs:
    inputs = get_ref_inputs(app)
    # a plain ``[Key]_`` resolves to a ``.. [Key]`` citation in the documents too
    defined = app.env.domains["citation"].citations
    inputs.citations = [
        c for c in inputs.citations if not (c.kind is CitationKind.PLAIN and c.key in defined)
    ]
    for path in inputs.bibfiles:
        if path.exists():
            app.env.note_dependency(str(path))
    return inputs


def has_work(inputs: RefInputs) -> bool:
    """Whether the rules have anything to check.

    Short-citation footnotes alone do not count: without a bibliography they
    have nothing to resolve against (and most projects' footnotes are not
    short citations at all).
    """
    return bool(inputs.bibfiles or inputs.citations or inputs.identifiers)


def reference_findings(app: Sphinx) -> list[Finding]:
    """The provider: every reference, identifier and short-citation finding."""
    inputs = reference_inputs(app)
    if not has_work(inputs):
        return []
    from ...refs.check import RefSettings, check_references

    settings = RefSettings.from_mapping(getattr(app.config, CONFIG_NAME))
    settings = dataclasses.replace(settings, today=today_of(app.config))
    shown = {str(p): display_path(app, p) for p in inputs.bibfiles}
    return [
        f.replace(path=shown[f.path]) if f.path in shown else f
        for f in check_references(inputs, settings)
    ]
