"""A defensive .bib reader: every entry that can be read is read, every problem is a finding.

pybtex parses each entry, but the file is first split by
:mod:`checker.refs.bibscan`, so a duplicate key, a syntax error, an unknown
entry type or a stray byte costs at most the entry it is in and becomes a
:class:`~checker.findings.Finding` naming the file and line -- never a
traceback and never silently lost entries.  Results are cached by
(path, mtime, size), so the Sphinx layer and the command line can ask again
for free.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from ..findings import Finding
from .bibscan import Chunk, StrayText, scan
from .rules import make_finding
from .tables import KNOWN_ENTRY_TYPES, NON_ENTRY_COMMANDS, RAW_FIELDS

_LATEX_ESCAPE = re.compile(r"\\([&%$#_{}])")
_SPACE = re.compile(r"\s+")


def clean_latex(value: str) -> str:
    """Field text as a reader sees it: protective braces, escapes and ties removed."""
    if "\\" in value:
        value = _LATEX_ESCAPE.sub(r"\1", value)
        if "\\" in value:
            with contextlib.suppress(ValueError, LookupError):
                value = codecs.decode(value, "ulatex")  # latexcodec ships with pybtex
    value = value.replace("{", "").replace("}", "").replace("~", " ")
    value = value.replace("---", "\u2014").replace("--", "\u2013")
    return _SPACE.sub(" ", value).strip()


@dataclass(frozen=True, slots=True)
class Name:
    """One person of an entry, with the surname the short citations use."""

    surname: str  #: "von" part and last names, e.g. ``van Heijenoort``
    given: str  #: first and middle names
    written: str  #: as written in the .bib

    @classmethod
    def from_person(cls, person: Person) -> Name:
        surname = clean_latex(" ".join(person.prelast_names + person.last_names))
        given = clean_latex(" ".join(person.first_names + person.middle_names))
        return cls(surname, given, str(person))

    @property
    def display(self) -> str:
        return f"{self.surname}, {self.given}" if self.given else self.surname


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One bibliography entry as read from the file (do not mutate)."""

    key: str
    type: str  #: lower-cased entry type
    fields: Mapping[str, str]  #: lower-cased field names, values as pybtex read them
    persons: Mapping[str, tuple[Name, ...]]  #: ``author`` / ``editor`` ...
    line: int  #: line of the ``@`` in the file
    path: str  #: the .bib path as given
    #: the fields' text with LaTeX furniture removed, computed once when read
    text: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """A field's text with LaTeX furniture removed ('' when absent)."""
        return self.text.get(name, "")

    def has(self, name: str) -> bool:
        return bool(self.get(name))

    @property
    def authors(self) -> tuple[Name, ...]:
        return self.persons.get("author", ())

    @property
    def editors(self) -> tuple[Name, ...]:
        return self.persons.get("editor", ())

    @property
    def creators(self) -> tuple[Name, ...]:
        """Authors, else editors: who a short citation names (as harv does)."""
        return self.authors or self.editors

    @property
    def raw_text(self) -> str:
        """What the converter could not parse, from ``note`` or ``x-raw``."""
        return " ".join(self.get(name) for name in RAW_FIELDS if self.has(name))

    @property
    def year(self) -> str:
        """The publication year as written (``year``, else the start of ``date``)."""
        year = self.get("year")
        if year:
            return year
        match = re.match(r"\s*(\d{4})", self.get("date"))
        return match.group(1) if match else ""

    @property
    def summary(self) -> str:
        """The reference as written, short: names (year). Title. Publisher."""
        parts = []
        names = "; ".join(n.display for n in self.creators[:3])
        if names:
            parts.append(names + (f" ({self.year})." if self.year else "."))
        elif self.year:
            parts.append(f"({self.year}).")
        for name in ("title", "journal", "publisher"):
            if self.has(name):
                parts.append(self.get(name).rstrip(".") + ".")
        text = " ".join(parts) or self.raw_text or self.get("url") or self.key
        return text if len(text) <= 160 else text[:157] + "..."


@dataclass(frozen=True, slots=True)
class Bibliography:
    """The entries of one .bib file and the problems met reading it."""

    path: str
    entries: list[BibEntry] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    #: keys of entries that could not be parsed (their citations are not "unresolved")
    broken_keys: frozenset[str] = frozenset()


_CACHE: dict[tuple[str, int, int], Bibliography] = {}
_CACHE_SIZE = 32


def load_bibliography(path: Path) -> Bibliography:
    """Read a .bib file defensively; cached by (path, mtime, size)."""
    shown = path.as_posix()
    try:
        stat = path.stat()
        cache_key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if cache_key in _CACHE:
            return _CACHE[cache_key]
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problem = make_finding(
            "bib-unreadable",
            path=shown,
            line=None,
            text=shown,
            detail=f"cannot read {shown}: {reason}",
        )
        return Bibliography(shown, [], [problem])
    result = parse_bibliography(data, shown)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[cache_key] = result
    return result


def _decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        problem = make_finding(
            "bib-encoding",
            path=path,
            line=line,
            text=f"byte 0x{data[error.start]:02x}",
            detail=f"{bad} byte(s) are not UTF-8 (first at line {line}); they were "
            "replaced by \ufffd",
        )
        return text, [problem]


class _CollectingParser(Parser):
    """A pybtex parser that keeps its errors instead of raising or printing them."""

    def __init__(self, macros: Mapping[str, str]) -> None:
        super().__init__(macros=macros)
        self.errors: list[PybtexError] = []

    def handle_error(self, error: PybtexError) -> None:
        self.errors.append(error)


def _error_line(chunk: Chunk, error: PybtexError) -> int:
    lineno = getattr(error, "lineno", None)
    return chunk.line + lineno - 1 if isinstance(lineno, int) and lineno > 0 else chunk.line


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 120 else first[:117] + "..."


def parse_bibliography(data: bytes, path: str) -> Bibliography:
    """Parse .bib bytes; ``path`` is only used to locate findings."""
    text, problems = _decode(data, path)
    macros: dict[str, str] = dict(Parser().macros)
    entries: list[BibEntry] = []
    broken: set[str] = set()
    seen: dict[str, BibEntry] = {}

    def syntax(line: int, snippet: str, detail: str, key: str | None) -> None:
        problems.append(
            make_finding(
                "bib-syntax-error",
                path=path,
                line=line,
                text=snippet,
                detail=detail,
                data={"key": key},
            )
        )

    for item in scan(text):
        if isinstance(item, StrayText):
            syntax(item.line, item.text, "'@' does not start an entry", None)
            continue
        if item.problem:
            syntax(item.line, _first_line(item.text), item.problem, item.key)
            if item.key:
                broken.add(item.key.lower())
            continue
        if item.command in ("comment", "preamble"):
            continue
        parser = _CollectingParser(macros)
        parser.parse_string(item.text)
        if item.command == "string":
            macros.update(parser.macros)
        for error in parser.errors:
            syntax(_error_line(item, error), _first_line(item.text), str(error), item.key)
        parsed = list(parser.data.entries.items())
        # a syntax error leaves at best a truncated entry: drop it rather than
        # report its lost fields as missing
        if not parsed or any(isinstance(e, PybtexSyntaxError) for e in parser.errors):
            if item.key:
                broken.add(item.key.lower())
            continue
        key, entry = parsed[0]
        entries.append(_entry(key, entry, item.line, path))
        first = seen.setdefault(key.lower(), entries[-1])
        if first is not entries[-1]:
            problems.append(
                make_finding(
                    "duplicate-key",
                    path=path,
                    line=item.line,
                    text=entries[-1].summary,
                    detail=f"key {key!r} is already used at line {first.line}",
                    data={"key": key, "first_line": first.line},
                )
            )
        if item.command not in KNOWN_ENTRY_TYPES and item.command not in NON_ENTRY_COMMANDS:
            problems.append(
                make_finding(
                    "unknown-entry-type",
                    path=path,
                    line=item.line,
                    text=entries[-1].summary,
                    detail=f"@{item.command} is not a BibTeX or biblatex type",
                    data={"key": key},
                )
            )
    if not entries and not problems:
        problems.append(make_finding("bib-empty", path=path, line=None, text=path))
    return Bibliography(path, entries, problems, frozenset(broken))


def _entry(key: str, entry, line: int, path: str) -> BibEntry:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    persons = {
        role.lower(): tuple(Name.from_person(p) for p in people)
        for role, people in entry.persons.items()
    }
    text = {name: clean_latex(value) for name, value in fields.items()}
    return BibEntry(key, entry.type.lower(), fields, persons, line, path, text)
