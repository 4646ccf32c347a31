"""The paragraph around a flagged claim, as plain words for ranking candidate sources.

A claim alone is often a fragment ("by an agent"); its paragraph says what it
is about.  When a finding carries no ``paragraph`` in its data, the worklist
takes the paragraph from the source file at the finding's line.  Markup that
would mislead the ranking goes: role names, the flag's own date (``<2010-07>``
is when it was flagged, not what it is about) and citation keys.
"""

from __future__ import annotations

import re

_CITE = re.compile(r":cite:[a-z]*:`[^`]*`|\{cite(?::[a-z]+)?\}`[^`]*`|\[[^\]\s]+\]_")
_ROLE_NAME = re.compile(r"[:{][\w.-]+[:}](?=`)")
_FLAG_DATE = re.compile(r"<\d{4}(?:-\d{2}){0,2}>")
_DIRECTIVE = re.compile(r"^\s*\.\. ")


def paragraph_at(source: str, line: int | None, *, max_lines: int = 40) -> str:
    """The blank-line-delimited block holding 1-based ``line``, markup stripped."""
    if line is None or line < 1:
        return ""
    lines = source.splitlines()
    if line > len(lines) or not lines[line - 1].strip():
        return ""
    start = end = line - 1
    while start > 0 and lines[start - 1].strip() and end - start < max_lines:
        start -= 1
    while end + 1 < len(lines) and lines[end + 1].strip() and end - start < max_lines:
        end += 1
    block = [text for text in lines[start : end + 1] if not _DIRECTIVE.match(text)]
    return plain_words(" ".join(block))


def plain_words(text: str) -> str:
    text = _CITE.sub(" ", text)
    text = _FLAG_DATE.sub(" ", text)
    text = _ROLE_NAME.sub(" ", text)
    return " ".join(text.replace("`", " ").split())
