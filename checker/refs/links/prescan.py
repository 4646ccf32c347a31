"""The links a source file will yield, read from its text before Sphinx parses it.

A head start, not the truth: the command line checks these while Sphinx is
still loading, and the build then says which URLs are links (anything it
does not confirm is dropped from the queue, and never reported).  So the
scan aims at exactly what the collector will find -- reference URLs -- and
stays away from text that is no link: literal blocks, code directives,
comments, inline literals, image sources; in Markdown (MyST) only link and
autolink syntax, since MyST does not link bare URLs.
"""

from __future__ import annotations

import re

#: docutils' standalone URI, near enough: no spaces, no markup delimiters
_BARE = re.compile(r"(?<![\w/<`])https?://[^\s<>`\"'\\\[\]{}|^]+")
_EMBEDDED = re.compile(r"<(https?://[^\s<>`]+)>`_{1,2}")
_TARGET = re.compile(r"^\s*\.\.\s+_[^:]*:\s+(https?://\S+)\s*$")
_TARGET_OPTION = re.compile(r"^\s*:target:\s+(https?://\S+)\s*$")
_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(?:\|[^|]+\|\s+)?([\w:.-]+)::(.*)$")
_COMMENT = re.compile(r"^(\s*)\.\.(?:\s|$)")
#: directives whose body is not reST prose (their links are no references)
_OPAQUE = frozenset(
    {"code", "code-block", "sourcecode", "literalinclude", "highlight", "raw", "math", "csv-table"}
)
#: what ends a bare URL in prose rather than belonging to it
_TRAILING = ".,;:!?'\")"

_MD_LINK = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
_MD_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s>]+)>?")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_CODE = re.compile(r"`+[^`]*`+")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _bare(text: str) -> list[str]:
    urls = []
    for match in _BARE.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:  # docutils drops even a balanced ")"
            url = url[:-1]
        urls.append(url)
    return urls


def _outside_literals(line: str, inside: bool) -> tuple[str, bool]:
    """``line`` without its inline literals (which may open or close on another line)."""
    kept = []
    for i, piece in enumerate(line.split("``")):
        if i:
            inside = not inside
        if not inside:
            kept.append(piece)
    return " ".join(kept), inside


def rst_links(text: str) -> list[str]:
    """The reference URLs of a reStructuredText source, in order."""
    urls: list[str] = []
    skip_deeper_than: int | None = None  # inside a block that holds no prose
    literal_next = False  # the previous paragraph ended with "::"
    base = 0  # the indentation of the last prose line
    in_literal = False  # inside an inline literal ``...`` that spans lines
    for line in text.splitlines():
        if not line.strip():
            continue
        indent = _indent(line)
        if skip_deeper_than is not None:
            if indent > skip_deeper_than:
                continue
            skip_deeper_than = None
        if literal_next:
            literal_next = False
            if indent > base:
                skip_deeper_than = base
                continue
        base = indent
        if target := _TARGET.match(line) or _TARGET_OPTION.match(line):
            urls.append(target.group(1))
            continue
        if directive := _DIRECTIVE.match(line):
            if directive.group(2) in _OPAQUE:
                skip_deeper_than = indent
            continue  # arguments are file names, image sources, titles
        if _COMMENT.match(line):
            skip_deeper_than = indent
            continue
        prose, in_literal = _outside_literals(line, in_literal)
        embedded = _EMBEDDED.findall(prose)
        urls.extend(embedded)
        urls.extend(_bare(_EMBEDDED.sub(" ", prose)))
        if line.rstrip().endswith("::"):
            literal_next = True
    return urls


def markdown_links(text: str) -> list[str]:
    """The link URLs of a MyST Markdown source, in order."""
    urls: list[str] = []
    fenced = False
    for line in text.splitlines():
        if _MD_FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith("    "):
            continue
        if definition := _MD_DEFINITION.match(line):
            urls.append(definition.group(1))
            continue
        prose = _MD_CODE.sub(" ", line)
        found = [(m.start(), m.group(1)) for m in _MD_LINK.finditer(prose)]
        found += [(m.start(), m.group(1)) for m in _MD_AUTOLINK.finditer(prose)]
        urls.extend(url for _, url in sorted(found))
    return urls


def source_links(text: str, suffix: str) -> list[str]:
    """The links of a source file of the given suffix (``.rst``, ``.md`` ...)."""
    return markdown_links(text) if suffix.lower() in (".md", ".markdown") else rst_links(text)
