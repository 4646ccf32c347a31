"""One broken ``.bib`` must not stop the build: sphinxcontrib-bibtex reads a clean copy.

sphinxcontrib-bibtex parses every ``bibtex_bibfiles`` file with pybtex when
the builder starts, and a syntax error (an entry cut off mid-way), a byte
that is not UTF-8 or a duplicate key stops the build or drops every later
entry.  Before it runs (``builder-inited``, earlier priority), each bib file
is read with the defensive reader (:func:`checker.refs.bibfile.load_bibliography`,
cached, so the reference rules later read it for free); a file with such a
problem is handed to sphinxcontrib-bibtex as a copy holding only the
commands that parse -- each key once -- written under the doctree folder.
The configuration is restored right after, so everything else (the
reference rules, the findings at the original file and line) sees the real
file.  Projects without sphinxcontrib-bibtex are not touched, and pybtex is
imported only when a bib file is configured.
"""

from __future__ import annotations

import hashlib
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from ...fsutil import write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ...refs.bibfile import Bibliography

#: problems after which pybtex stops or drops entries
BREAKING = frozenset({"bib-syntax-error", "duplicate-key"})
#: sphinxcontrib-bibtex's priority for its own builder-inited handler is the default
BEFORE_BIBTEX = 400
AFTER_BIBTEX = 600
CLEAN_DIR = "citecheck-bib"

#: the real ``bibtex_bibfiles`` of an app while sphinxcontrib-bibtex reads the copies
_SWAPPED: weakref.WeakKeyDictionary[Sphinx, object] = weakref.WeakKeyDictionary()


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in {"utf-8", "utf-8-sig", "utf8"}


def needs_copy(bib: Bibliography, encoding: str) -> bool:
    """Whether sphinxcontrib-bibtex would stop on (or lose entries of) this file."""
    rules = {p.rule for p in bib.problems}
    # it decodes with bibtex_encoding: a bad byte stops it only when that is UTF-8
    return bool(rules & BREAKING) or ("bib-encoding" in rules and _is_utf8(encoding))


def _parses(text: str) -> bool:
    from pybtex.database.input.bibtex import Parser

    try:
        Parser().parse_string(text)
    except Exception:  # pybtex raises freely on bad input
        return False
    return True


def clean_text(data: bytes, bib: Bibliography, encoding: str) -> str:
    """The commands of ``data`` that parse, each entry key once (the first)."""
    from ...refs.bibscan import Chunk, scan

    text = data.decode(encoding, errors="replace")
    seen: set[str] = set()
    first_lines = set()
    for entry in bib.entries:
        if entry.key.lower() not in seen:
            seen.add(entry.key.lower())
            first_lines.add(entry.line)
    kept = []
    for item in scan(text):
        if not isinstance(item, Chunk) or item.problem:
            continue
        if item.command in ("string", "preamble"):
            if _parses(item.text):
                kept.append(item.text)
        elif item.line in first_lines:
            kept.append(item.text)
    return "\n\n".join(kept) + "\n"


def _copy_path(app: Sphinx, path: Path) -> Path:
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
    return Path(app.doctreedir) / CLEAN_DIR / f"{path.stem}-{digest}.bib"


def swap_broken_bibfiles(app: Sphinx) -> None:
    """``builder-inited``, before sphinxcontrib-bibtex: broken files -> clean copies."""
    names = getattr(app.config, "bibtex_bibfiles", None)
    if not names or "sphinxcontrib.bibtex" not in app.extensions:
        return
    from ...refs.bibfile import load_bibliography

    encoding = app.config.bibtex_encoding
    swapped: list[str] = []
    changed = False
    for name in names:
        path = (Path(app.confdir) / name).resolve()
        if not path.is_file():
            swapped.append(name)
            continue
        bib = load_bibliography(path)
        if not needs_copy(bib, encoding):
            swapped.append(name)
            continue
        copy = _copy_path(app, path)
        text = clean_text(path.read_bytes(), bib, encoding)
        payload = text.encode(encoding, errors="replace")
        if not copy.is_file() or copy.read_bytes() != payload:
            write_atomic(copy, payload)  # unchanged copies keep their mtime: no re-parse
        swapped.append(str(copy))
        changed = True
    if changed:
        _SWAPPED[app] = app.config.bibtex_bibfiles
        app.config.bibtex_bibfiles = swapped


def restore_bibfiles(app: Sphinx) -> None:
    """``builder-inited``, after sphinxcontrib-bibtex: the configuration as written."""
    if app in _SWAPPED:
        app.config.bibtex_bibfiles = _SWAPPED.pop(app)
