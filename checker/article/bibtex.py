"""Write the works (:mod:`.works`) as BibTeX, and their instances as short citations.

One entry per distinct work.  Each entry keeps the reference as written in
``x-raw``; one whose fields were only guessed also carries it as ``note`` and
is marked ``x-parse = {guessed}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Reference
from .works import Work, group_works, is_short, new_key

__all__ = ["Work", "bibliography", "entry", "group_works", "is_short", "new_key"]

_LATEX_SPECIALS = re.compile(r"([&%$#_])")


def _value(text: str) -> str:
    text = _LATEX_SPECIALS.sub(r"\\\1", text).replace("{", "").replace("}", "")
    return "{" + text + "}"


def entry(work: Work) -> str:
    ref = work.first
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join(ref.authors)))
    if ref.editors:
        fields.append(("editor", " and ".join(ref.editors)))
    if ref.title:
        fields.append(("title", ref.title[:1].upper() + ref.title[1:]))
    for name, value in (
        ("publisher", ref.publisher),
        ("address", ref.place),
        ("year", ref.year),
        ("urldate", ref.accessed),
        ("edition", ref.edition),
        ("howpublished", ref.website),
        ("journal", ref.journal),
        ("volume", ref.volume),
        ("number", ref.number),
        ("pages", ref.pages if ref.journal else ""),  # an article's own page range
        ("isbn", ref.isbn),
        ("doi", ref.doi),
    ):
        if value:
            fields.append((name, value))
    if not ref.parsed:
        fields.append(("note", ref.raw))
        # the reference checks' contract (checker.refs.tables.PARSE_FIELD): report it as written
        fields.append(("x-parse", "guessed"))
    elif ref.comment:
        fields.append(("note", ref.comment))
    if work.further_reading:
        fields.append(("keywords", "further reading"))
    fields.append(("x-raw", ref.raw))
    # the other citations of the work as written, so no word of the article is lost
    cited_as = dict.fromkeys(r.raw for r in work.instances if r.raw and r.raw != ref.raw)
    if cited_as:
        fields.append(("x-cited-as", " | ".join(cited_as)))
    body = ",\n".join(f"  {name} = {_value(value)}" for name, value in fields)
    return f"@{work.entry_type}{{{work.key},\n{body}\n}}\n"


def bibliography(works: Sequence[Work]) -> str:
    header = "% References of the converted article: one entry per distinct work.\n"
    return header + "\n".join(entry(w) for w in works)


def author_label(authors: Sequence[str]) -> str:
    """How a short citation names its authors: "Smith", "Smith & Jones",
    "Smith et al." (three or more, or "and others" in the entry)."""
    surnames = [a.split(",")[0] for a in authors if a != "others"]
    if len(surnames) >= 3 or (surnames and "others" in authors):
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def short_citation(ref: Reference, work: Work) -> str:
    """The citation instance as the References page lists it (harv / sfn style)."""
    place = ""
    if ref.pages:
        place = f", {'pp' if re.search('[-–]', ref.pages) else 'p'}. {ref.pages}"
    elif ref.page_lost:
        place = ", p"  # as written: a page word whose number the flattening dropped
    if work.first.authors and work.first.year:
        return f"{author_label(work.first.authors)} {work.first.year}{place}."
    return f":cite:t:`{work.key}`{place}."
