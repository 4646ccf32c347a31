"""Where a node is: the exact source line, the enclosing section, the report path.

docutils gives an inline role the line of its paragraph's first line, not
its own (and in table cells not even that).  The paragraph, though, knows
its own first line exactly and keeps its raw source, so the line of an
inline node is the paragraph's line plus the newlines before the node's raw
text in that source.  Several identical roles in one paragraph are told
apart by their order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def report_path(env: BuildEnvironment, docname: str) -> str:
    """The path a finding names: the source folder's name plus the file's path in it.

    ``docs/before-1917.rst`` for ``sphinx-build docs ...``: a CI log or an
    editor run from the project root can open it as written.
    """
    relative = env.doc2path(docname, base=False)
    return str(PurePosixPath(env.srcdir.name) / PurePosixPath(*relative.parts))


def file_report_path(srcdir: Path, path: Path) -> str | None:
    """:func:`report_path` for any file under the source folder; None outside it."""
    try:
        relative = path.resolve().relative_to(srcdir.resolve())
    except ValueError:
        return None
    return str(PurePosixPath(srcdir.name, *relative.parts))


def _text_block(node: nodes.Node) -> tuple[nodes.TextElement, int] | None:
    """The nearest ancestor with raw source and a line (a paragraph, a line ...), and its line."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.TextElement) and parent.rawsource and parent.line is not None:
            return parent, parent.line
        if isinstance(parent, nodes.Structural | nodes.document):
            return None
        parent = parent.parent
    return None


def exact_line(
    node: nodes.Element, source_lines: Callable[[], list[str] | None] | None = None
) -> int | None:
    """The source line where ``node``'s own raw text starts.

    For parsers that keep no raw paragraph source (MyST), ``source_lines``
    gives the document's own lines: the raw text is searched from the node's line.
    """
    raw = node.rawsource
    found = _text_block(node)
    if not raw:
        return node.line
    if found is None:
        return _search_lines(node, raw, source_lines() if source_lines else None)
    block, line = found
    # Count same-kind, same-text nodes before this one in the block.
    nth = 0
    for other in block.findall(type(node)):
        if other is node:
            break
        if other.rawsource == raw:
            nth += 1
    source = block.rawsource
    for needle in _needles(raw):
        pos = -1
        for _ in range(nth + 1):
            pos = source.find(needle, pos + 1)
            if pos < 0:
                break
        else:
            return line + source.count("\n", 0, pos)
    return line


def _needles(raw: str) -> list[str]:
    """How ``raw`` may appear in its block's source, most exact first.

    The raw text itself; with escaped backquotes (markup inside a claim, whose
    role needs them escaped); its quoted part (MyST writes ``{cn}`x``` but
    reports ``:cn:`x```).
    """
    found = [raw]
    if "`" in raw:
        found.append(raw.replace("`", "\\`"))
        tick = raw.find("`")
        if tick > 0:
            found.append(raw[tick:])
    return found


def _search_lines(node: nodes.Element, raw: str, lines: list[str] | None) -> int | None:
    start = node.line
    if not lines or start is None:
        return start
    first = _needles(raw)[-1].split("\n", 1)[0]
    # the nth node of this kind and text on the same start line is the nth occurrence
    nth = 0
    parent = node.parent
    if parent is not None:
        for other in parent.findall(type(node)):
            if other is node:
                break
            if other.rawsource == raw and other.line == start:
                nth += 1
    for number in range(start, min(len(lines), start + 200) + 1):
        count = lines[number - 1].count(first)
        if count > nth:
            return number
        nth -= count
    return start


def enclosing_sections(node: nodes.Node) -> list[nodes.section]:
    """The sections around ``node``, innermost first."""
    found = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            found.append(parent)
        parent = parent.parent
    return found


def section_title(section: nodes.section) -> str | None:
    for child in section.children:
        if isinstance(child, nodes.title):
            return child.astext()
    return None


def section_info(node: nodes.Node) -> tuple[str | None, tuple[str, ...]]:
    """The innermost section's title and the ids of all enclosing sections."""
    sections = enclosing_sections(node)
    ids = tuple(s["ids"][0] for s in sections if s["ids"])
    return (section_title(sections[0]) if sections else None), ids


def unique_id(document: nodes.document, base: str, node: nodes.Element) -> str:
    """Give ``node`` the id ``base`` (or ``base-2`` ... when taken) and register it."""
    candidate, n = base, 1
    while candidate in document.ids:
        n += 1
        candidate = f"{base}-{n}"
    node["ids"].append(candidate)
    document.ids[candidate] = node
    return candidate
