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

from pybtex.database import Entry, Person
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
                # latexcodec (ships with pybtex) registers "ulatex" as str -> str;
                # typeshed knows only the stdlib's str codecs
                value = codecs.decode(value, "ulatex")  # type: ignore[call-overload]
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
            # "Evans, Richard J." ends with its initial's own full stop
            parts.append(names + (f" ({self.year})." if self.year else "." * (names[-1] != ".")))
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
    """The file line of a pybtex error (pybtex counts lines within the chunk)."""
    lineno = getattr(error, "lineno", None)
    return chunk.line + lineno - 1 if isinstance(lineno, int) and lineno > 0 else chunk.line


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 120 else first[:117] + "..."


Errors = list[tuple[int, str]]  #: (line in the file, message)


def _parse_chunk(chunk: Chunk, macros: dict[str, str]) -> tuple[Entry | None, Errors]:
    """pybtex's entry for one chunk (None when unusable) and its errors with lines.

    ``@string`` chunks add their macros to ``macros``.
    """
    parser = _CollectingParser(macros)
    try:
        parser.parse_string(chunk.text)
    except Exception as error:
        # pybtex raises freely (a name with too many commas, deep nesting):
        # one bad entry must not stop the file, the report or the build
        return None, [(chunk.line, str(error) or type(error).__name__)]
    if chunk.command == "string":
        macros.update(parser.macros)
    errors = [(_error_line(chunk, error), str(error)) for error in parser.errors]
    parsed = list(parser.data.entries.values())
    # a syntax error leaves at best a truncated entry: drop it rather than
    # report its lost fields as missing (a duplicate field keeps the entry)
    if not parsed or any(isinstance(e, PybtexSyntaxError) for e in parser.errors):
        return None, errors
    return parsed[0], errors


class _Reader:
    """Collects the entries and findings of one file, chunk by chunk."""

    def __init__(self, path: str, problems: list[Finding]) -> None:
        self.path = path
        self.problems = problems
        self.entries: list[BibEntry] = []
        self.broken: set[str] = set()
        self.seen: dict[str, BibEntry] = {}
        self.macros: dict[str, str] = dict(Parser().macros)

    def problem(self, rule: str, line: int, text: str, detail: str, **data: object) -> None:
        self.problems.append(
            make_finding(rule, path=self.path, line=line, text=text, detail=detail, data=data)
        )

    def read(self, item: Chunk | StrayText) -> None:
        if isinstance(item, StrayText):
            self.problem(
                "bib-syntax-error", item.line, item.text, "'@' does not start an entry", key=None
            )
            return
        if item.command in ("comment", "preamble") and not item.problem:
            return
        if item.problem:
            entry, errors = None, [(item.line, item.problem)]
        else:
            entry, errors = _parse_chunk(item, self.macros)
        for line, error in errors:
            self.problem("bib-syntax-error", line, _first_line(item.text), error, key=item.key)
        if entry is None:
            if item.key:
                self.broken.add(item.key.lower())
            return
        key = item.key or ""
        bib_entry = _entry(key, entry, item.line, self.path)
        self.entries.append(bib_entry)
        first = self.seen.setdefault(key.lower(), bib_entry)
        if first is not bib_entry:
            self.problem(
                "duplicate-key",
                item.line,
                bib_entry.summary,
                f"key {key!r} is already used at line {first.line}",
                key=key,
                first_line=first.line,
            )
        if item.command not in KNOWN_ENTRY_TYPES and item.command not in NON_ENTRY_COMMANDS:
            self.problem(
                "unknown-entry-type",
                item.line,
                bib_entry.summary,
                f"@{item.command} is not a BibTeX or biblatex type",
                key=key,
            )


def parse_bibliography(data: bytes, path: str) -> Bibliography:
    """Parse .bib bytes; ``path`` is only used to locate findings."""
    text, problems = _decode(data, path)
    reader = _Reader(path, problems)
    for item in scan(text):
        reader.read(item)
    if not reader.entries and not problems:
        problems.append(make_finding("bib-empty", path=path, line=None, text=path))
    return Bibliography(path, reader.entries, problems, frozenset(reader.broken))


def _entry(key: str, entry: Entry, line: int, path: str) -> BibEntry:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    persons = {
        role.lower(): tuple(Name.from_person(p) for p in people)
        for role, people in entry.persons.items()
    }
    text = {name: clean_latex(value) for name, value in fields.items()}
    return BibEntry(key, entry.type.lower(), fields, persons, line, path, text)
