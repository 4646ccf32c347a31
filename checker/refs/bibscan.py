"""Split a .bib file into entry chunks before pybtex sees it.

pybtex parses a whole file at once and gives up at the first duplicate key,
dropping every later entry.  This scanner finds where each ``@type{...}``
command starts and ends (matching braces), with its line number and key, so
that each entry can be parsed on its own and one broken entry costs only
itself.  An entry whose braces never close ends where the next entry starts at
the beginning of a line: that is how a human reads a broken .bib file too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# "@type{" or "@type(" -- BibTeX allows blanks around the type
_COMMAND = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
_BRACE_EVENTS = re.compile(r"[{}]|\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]")
_PAREN_EVENTS = re.compile(r'[{}()"]|\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]')
_KEY = re.compile(r"\s*([^\s,{}()=\"#%']+)\s*(,|[})])")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One ``@command`` of a .bib file."""

    command: str  #: lower-cased entry type or ``string`` / ``preamble`` / ``comment``
    key: str | None  #: the entry key as written, when one could be read
    line: int  #: 1-based line of the ``@``
    text: str  #: the source text of the command
    problem: str = ""  #: why the chunk cannot be parsed, if the scanner knows


@dataclass(frozen=True, slots=True)
class StrayText:
    """An ``@`` at the start of a line that does not begin a command."""

    line: int
    text: str


class _Lines:
    """Offset -> 1-based line number, by bisecting the newline offsets."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer(r"\n", text))]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def _find_end(text: str, start: int, opener: str) -> tuple[int, bool]:
    """Offset just past the command that opens at ``start``, and whether it closed.

    Brace-delimited commands close when the brace depth returns to zero;
    parenthesised ones at a ``)`` outside braces and quotes.
    """
    events = _BRACE_EVENTS if opener == "{" else _PAREN_EVENTS
    depth = 1 if opener == "{" else 0
    in_quotes = False
    for match in events.finditer(text, start):
        token = match.group()
        if token.startswith("\n"):
            # a new command at the start of a line while this one is open
            return match.start(), False
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if opener == "{" and depth == 0:
                return match.end(), True
        elif token == '"' and depth == 0:
            in_quotes = not in_quotes
        elif token == ")" and depth == 0 and not in_quotes:
            return match.end(), True
    return len(text), False


def scan(text: str) -> Iterator[Chunk | StrayText]:
    """The commands of a .bib text in order, and stray ``@`` lines."""
    line_of = _Lines(text)
    pos = 0
    while True:
        at = text.find("@", pos)
        if at < 0:
            return
        match = _COMMAND.match(text, at)
        if match is None:
            line_start = text.rfind("\n", 0, at) + 1
            if not text[line_start:at].strip():
                eol = text.find("\n", at)
                yield StrayText(line_of(at), text[at : eol if eol >= 0 else len(text)])
            pos = at + 1
            continue
        command = match.group(1).lower()
        end, closed = _find_end(text, match.end(), match.group(2))
        chunk_text = text[at:end]
        key: str | None = None
        problem = "" if closed else "entry is not closed (unbalanced braces)"
        if command not in {"comment", "preamble", "string"}:
            key_match = _KEY.match(text, match.end())
            if key_match and key_match.end() <= end:
                key = key_match.group(1)
            elif not problem:
                problem = "entry key expected after the opening brace"
        if command == "comment" and not closed:
            problem = ""  # BibTeX ignores the rest of an open comment line
        yield Chunk(command, key, line_of(at), chunk_text, problem)
        pos = max(end, at + 1)
