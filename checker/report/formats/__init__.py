"""Report formats: each module renders a :class:`~checker.report.view.ReportView` to text.

``render(name, view)`` is the one entry point; the names are the ``--format``
choices of ``citecheck report``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..view import ReportView
from . import github, jsonfmt, junit, markdown, sarif, text

Renderer = Callable[[ReportView], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": jsonfmt.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
}


def render(name: str, view: ReportView, *, color: bool = False) -> str:
    """The report in format ``name``; ``color`` only affects ``text``."""
    if name == "text":
        return text.render(view, color=color)
    try:
        return FORMATS[name](view)
    except KeyError:
        raise ValueError(f"unknown report format {name!r}") from None
