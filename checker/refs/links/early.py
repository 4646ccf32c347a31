"""A head start for ``citecheck report --online``: check links before Sphinx loads.

Importing Sphinx and reading the project takes the first half second or
more of a run, time in which a slow link could already be under way.  So
the command line reads the link settings from ``conf.py`` -- only when they
are plain literals, parsed, never executed -- scans the sources for their
links (:mod:`.prescan`), and starts a :class:`~.check.LinkCheck` on them.
The Sphinx glue adopts that run when its own settings come out equal
(:func:`adopt`); otherwise it is stopped, and nothing was lost but time.
The build still decides which URLs are links: a scanned URL it does not
confirm is never reported.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from .linkcheck import CITECHECK_VALUES, LINKCHECK_VALUES, link_settings
from .prescan import source_links
from .settings import LinkSettings

if TYPE_CHECKING:
    from .check import LinkCheck

#: what else the scan needs from conf.py
_SCAN_VALUES = ("citecheck_online", "source_suffix", "exclude_patterns")
_NAMES = frozenset({*LINKCHECK_VALUES, *CITECHECK_VALUES, *_SCAN_VALUES})
#: folders a source tree holds that are no sources
_NEVER = ("_build", ".*", "__pycache__", "node_modules")

_STARTED: list[LinkCheck] = []


class _NotLiteral(Exception):
    pass


def conf_values(conf_py: Path) -> dict[str, Any] | None:
    """The link-related values of ``conf_py`` if all are literals, else ``None``.

    A value computed at run time (or a ``from x import *`` that might set
    one) cannot be known without executing conf.py: no head start then.
    """
    try:
        tree = ast.parse(conf_py.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    values: dict[str, Any] = {}
    try:
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                raise _NotLiteral
            names = _assigned(node)
            if not names & _NAMES:
                continue
            if node not in tree.body or not isinstance(node, ast.Assign) or len(names) != 1:
                raise _NotLiteral  # conditional, augmented, unpacked: only running it tells
            try:
                values[names.pop()] = ast.literal_eval(node.value)
            except ValueError:
                raise _NotLiteral from None
    except _NotLiteral:
        return None
    return values


def _assigned(node: ast.AST) -> set[str]:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        targets = [node.target]
    names = set()
    for target in targets:
        names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _sources(src: Path, values: Mapping[str, Any]) -> list[tuple[str, Path]]:
    """``(docname, path)`` of the project's sources, sorted as Sphinx reads them."""
    suffix = values.get("source_suffix", {".rst": "restructuredtext"})
    suffixes = [suffix] if isinstance(suffix, str) else list(suffix)
    excluded = [*_NEVER, *values.get("exclude_patterns", [])]
    found = []
    for path in src.rglob("*"):
        relative = path.relative_to(src).as_posix()
        parts = relative.split("/")
        if any(fnmatch.fnmatch(p, pattern) for p in parts[:-1] for pattern in _NEVER):
            continue
        if path.suffix not in suffixes or not path.is_file():
            continue
        if any(fnmatch.fnmatch(relative, pattern) for pattern in excluded):
            continue
        found.append((relative[: -len(path.suffix)], path))
    return sorted(found)


def start(src: Path, confdir: Path | None, overrides: Mapping[str, Any]) -> LinkCheck | None:
    """Start checking the links of ``src`` if the project checks online; the run or ``None``."""
    values = conf_values(confdir / "conf.py") if confdir is not None else {}
    if values is None:
        return None
    values.update(overrides)
    if not values.get("citecheck_online"):
        return None
    from .check import LinkCheck

    try:
        run = LinkCheck(link_settings(values))
    except InputError:  # a bad setting or cache: the build reports it in its own words
        return None
    _STARTED.append(run)
    for docname, path in _sources(src, values):
        if run.excluded(docname) is not None:
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        run.prefetch(source_links(text, path.suffix))
    return run


def adopt(settings: LinkSettings) -> LinkCheck | None:
    """The run started early with exactly ``settings``, taken over; others are stopped."""
    chosen = next((run for run in _STARTED if run.settings == settings), None)
    for run in _STARTED:
        if run is not chosen:
            run.close()
    _STARTED.clear()
    return chosen


def stop() -> None:
    """Stop a run nobody adopted (the build failed before it could)."""
    for run in _STARTED:
        run.close()
    _STARTED.clear()
