"""Write reStructuredText: escaping, headings, and a body span as blocks.

Each input sentence becomes one reST line, so the line of every flagged
claim in the .rst is exact (docutils gives an inline role only its
paragraph's first line; one sentence per line makes that recoverable).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .model import Body, Flag, Marker
from .text import sentence_case, title_case

UNDERLINES = {1: "=", 2: "-", 3: "~", 4: "^"}

#: ``(marker, its words, the writer) -> reST lines`` (empty to write nothing)
MarkerRenderer = Callable[[Marker, list[str], "SpanWriter"], list[str]]

_INLINE_SPECIALS = re.compile(r"([\\*`|])")
_MAY_NEED_ESCAPE = re.compile(r"[\\*`|_<]")
_TRAILING_UNDERSCORE = re.compile(r"(\w)_(?=\W|$)")
_LINE_START_CONSTRUCT = re.compile(
    r"^(?:[-+*•‣⁃]\s|#\.\s|\d+[.)]\s|[a-zA-Z][.)]\s|\(\w+\)\s|:|\.\.|\||>>>|__)"
)
_OUR_ROLE = re.compile(r"^:[\w-]+:`")
_PUNCT_ONLY = re.compile(r"^([!-/:-@\[-`{-~])\1+$")


def escape(text: str, *, in_role: bool = False) -> str:
    """Escape reST inline markup characters in plain text."""
    if not _MAY_NEED_ESCAPE.search(text):
        return text  # most words: nothing to escape
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _TRAILING_UNDERSCORE.sub(r"\1\\_", text)
    if in_role:
        text = text.replace("<", r"\<")
    return text


def escape_line(line: str) -> str:
    """Stop a prose line from being read as a list item, directive, field or underline."""
    if _OUR_ROLE.match(line):
        return line
    if _LINE_START_CONSTRUCT.match(line) or _PUNCT_ONLY.match(line.strip()):
        return "\\" + line
    return line


#: Wikipedia's contents list shows three levels; a deeper heading is a rubric
#: inside its section (its text stays the section's own).
MAX_SECTION_LEVEL = 3


def heading(title: str, level: int) -> list[str]:
    text = escape(title)
    if level > MAX_SECTION_LEVEL:
        return [f".. rubric:: {text}", ""]
    rule = UNDERLINES.get(level, "^") * max(len(text), 4)
    if level == 1:
        return [rule, text, rule, ""]
    return [text, rule, ""]


def _finish(line: str) -> str:
    line = line.rstrip()
    if not line or line[-1] in ".!?":
        return line
    return line + "."


class SpanWriter:
    """Render ``body.tokens[start:end]`` with its flags and markers as reST blocks."""

    def __init__(self, body: Body, start: int, end: int, tag_roles: dict[str, str]) -> None:
        self.body = body
        self.start = start
        self.end = end
        self.tag_roles = tag_roles
        self.markers = sorted(
            (m for m in body.markers if start <= m.at < end), key=lambda m: (m.at, -m.end)
        )
        self.rendered: set[int] = set()  # ids of flags already written

    def blocks(self, render_marker: MarkerRenderer) -> list[list[str]]:
        """Paragraphs and marker blocks in order; ``render_marker(marker, words)``."""
        out: list[list[str]] = []
        i = self.start
        markers = list(self.markers)
        while i < self.end:
            if markers and markers[0].at <= i:
                marker = markers.pop(0)
                if marker.end <= i and marker.at < i:
                    continue
                words = [t.word for t in self.body.tokens[marker.at : min(marker.end, self.end)]]
                block = render_marker(marker, words, self)
                if block:
                    out.append(block)
                i = max(i, min(marker.end, self.end))
                continue
            stop = min([m.at for m in markers] + [self.end])
            lines = self.paragraph(i, stop)
            if lines:
                out.append(lines)
            i = stop
        return out

    def paragraph(self, start: int, stop: int) -> list[str]:
        """Sentences of ``tokens[start:stop]``, one per line, with roles for flagged claims."""
        tokens = self.body.tokens
        flags_at: dict[int, list[Flag]] = {}
        for flag in self.body.flags:
            if flag.start < stop and flag.end > start and id(flag) not in self.rendered:
                flags_at.setdefault(max(flag.start, start), []).append(flag)
        lines: list[str] = []
        current: list[str] = []
        i = start
        while i < stop:
            if tokens[i].line_start and current:
                lines.append(_finish(" ".join(current)))
                current = []
            flags = flags_at.get(i)
            if flags:
                self.rendered.update(id(f) for f in flags)
                # the longest claim outermost ("x process[clarify] ams glossary[clarify]"
                # wraps the first claim and the words after it in the second); of
                # tags on one claim, the later wraps the earlier
                order = {id(f): k for k, f in enumerate(flags)}
                flags = sorted(flags, key=lambda f: (-f.end, -order[id(f)]))
                claim_end = min(flags[0].end, stop)
                tokens_in = self.body.tokens[i:claim_end]
                notes = "".join(f"\\ :efn:`{n}`" for t in tokens_in for n in t.notes_after)
                current.append(self.role(flags, i, claim_end, first=not current) + notes)
                i = claim_end
                continue
            current.append(self.word(i, capital=not current))
            i += 1
        if current:
            lines.append(_finish(" ".join(current)))
        if lines:
            lines[0] = escape_line(lines[0])
        return lines

    def word(self, i: int, *, capital: bool = False) -> str:
        token = self.body.tokens[i]
        text = escape(token.word)
        if capital:
            text = sentence_case(text)
        for label in token.notes_after:
            text += f"\\ :efn:`{label}`"
        return text

    def role(self, flags: Sequence[Flag], start: int, end: int, *, first: bool) -> str:
        """The claim wrapped in the role of ``flags[0]``; the other flags' claims
        (as long or shorter, from the same start) are roles nested inside it,
        backquotes escaped, and the rest of the longer claim follows them."""
        outer, inner = flags[0], flags[1:]
        if inner:
            inner_end = min(inner[0].end, end)
            nested = self.role(inner, start, inner_end, first=first).replace("`", "\\`")
            rest = [escape(t.word, in_role=True) for t in self.body.tokens[inner_end:end]]
            claim = " ".join([nested, *rest])
        else:
            words = [escape(t.word, in_role=True) for t in self.body.tokens[start:end]]
            if first and words:
                words[0] = sentence_case(words[0])
            claim = " ".join(words)
        return f":{self.tag_roles[outer.tag]}:`{claim}{_date(outer)}`"


def _date(flag: Flag) -> str:
    return f" <{flag.date}>" if flag.date else ""


def comment(kind: str, words: list[str]) -> list[str]:
    """Furniture kept as a reST comment: invisible, but no word of the input is lost."""
    text = " ".join(words)
    return [f".. citecheck-removed {kind}:", *(_wrap("   ", text))]


def _wrap(indent: str, text: str, width: int = 96) -> list[str]:
    lines, current = [], indent
    for word in text.split():
        if len(current) + len(word) + 1 > width and current.strip():
            lines.append(current.rstrip())
            current = indent
        current += word + " "
    if current.strip():
        lines.append(current.rstrip())
    return lines


def hatnote(target: str, label: str = "main article") -> list[str]:
    """ "Main article: X" / "Further information: X" as a see-also note."""
    return [f".. seealso:: {sentence_case(label)}: {escape(title_case(target))}"]


def marker_lines(marker: Marker) -> list[str]:
    """Directive lines for a banner marker."""
    lines = [f".. {marker.data['name']}::", f"   :scope: {marker.data['scope']}"]
    if marker.data.get("date"):
        lines.append(f"   :date: {marker.data['date']}")
    return lines
