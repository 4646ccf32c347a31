"""What the ranker is given: a claim, what surrounds it, and the works it could cite.

These are the fields of the ``rank-sources`` contract (DESIGN.md); the
worklist builds the same objects from a Sphinx project.  Source ids are
opaque: nothing reads them but the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class ClaimError(ValueError):
    """A claim line that does not follow the contract (the message says which field)."""


@dataclass(frozen=True, slots=True)
class Source:
    """A work of the bibliography; every field but ``id`` may be empty."""

    id: str
    text: str = ""  #: the reference as rendered ("Matson, John (2009). ...")
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    container: str = ""  #: journal, newspaper, website or book series
    note: str = ""  #: keywords, notes, abstract: anything else that says what it is about


@dataclass(frozen=True, slots=True)
class Cited:
    """Another sentence of the claim's section and the sources it cites."""

    text: str
    cites: tuple[str, ...]
    para: int | None = None  #: paragraph number in the document, when known
    sent: int | None = None  #: sentence number in its paragraph, when known


@dataclass(frozen=True, slots=True)
class Claim:
    claim: str
    sources: tuple[Source, ...]
    section: str = ""
    lead: bool = False
    paragraph: str = ""
    context: tuple[Cited, ...] = ()


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise ClaimError(f"{field!r} must be a string")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip()[:4].isdigit():
        return int(value.strip()[:4])
    return None


def _strings(value: Any, field: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(_text(v, field) for v in value if v is not None)
    raise ClaimError(f"{field!r} must be a list of strings")


def source_from_json(item: Any) -> Source:
    if not isinstance(item, Mapping):
        raise ClaimError("each of 'sources' must be an object")
    fast = _plain_source(item)
    if fast is not None:
        return fast
    if item.get("id") is None or isinstance(item["id"], Mapping | list):
        raise ClaimError("each source needs an 'id'")
    return Source(
        id=str(item["id"]),
        text=_text(item.get("text"), "text"),
        title=_text(item.get("title"), "title"),
        authors=_strings(item.get("authors"), "authors"),
        year=_int(item.get("year")),
        container=_text(item.get("container"), "container"),
        note=" ".join(
            _strings(item.get("note"), "note") + _strings(item.get("keywords"), "keywords")
        ),
    )


_PLAIN_KEYS = frozenset({"id", "text", "title", "authors", "year", "container"})


def _plain_source(item: Mapping[str, Any]) -> Source | None:
    """The common case, quickly: the contract's fields only, each of the expected type."""
    if not _PLAIN_KEYS.issuperset(item):
        return None
    ident, text, title, container = (item.get(k) for k in ("id", "text", "title", "container"))
    authors, year = item.get("authors") or (), item.get("year")
    if not (
        type(ident) is str
        and type(text or "") is str
        and type(title or "") is str
        and type(container or "") is str
        and (year is None or type(year) is int)
        and type(authors) in (list, tuple)
        and all(type(a) is str for a in authors)
    ):
        return None
    return Source(ident, text or "", title or "", tuple(authors), year, container or "")


def cited_from_json(item: Any) -> Cited:
    if not isinstance(item, Mapping):
        raise ClaimError("each of 'context' must be an object")
    return Cited(
        text=_text(item.get("text"), "text"),
        cites=_strings(item.get("cites"), "cites"),
        para=_int(item.get("para")),
        sent=_int(item.get("sent")),
    )


def claim_from_json(item: Any) -> Claim:
    """A contract line (already parsed JSON) as a :class:`Claim`; :class:`ClaimError` if not."""
    if not isinstance(item, Mapping):
        raise ClaimError("a line must be a JSON object")
    if not isinstance(item.get("claim"), str):
        raise ClaimError("'claim' must be a string")
    sources = item.get("sources")
    if not isinstance(sources, list):
        raise ClaimError("'sources' must be a list")
    context = item.get("context") or []
    if not isinstance(context, list):
        raise ClaimError("'context' must be a list")
    return Claim(
        claim=item["claim"],
        sources=tuple(source_from_json(s) for s in sources),
        section=_text(item.get("section"), "section"),
        lead=bool(item.get("lead")),
        paragraph=_text(item.get("paragraph"), "paragraph"),
        context=tuple(cited_from_json(c) for c in context),
    )
