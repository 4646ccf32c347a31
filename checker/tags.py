"""The registry of inline cleanup tags and banners -- data, not code paths.

Each :class:`InlineTag` becomes a reST role (long name plus Wikipedia's
short aliases), a rule id in the report, a warning subtype, and a pattern
the converter recognises in flattened article text.  Each :class:`Banner`
becomes a directive and is recognised from its template text.

Adding a tag means adding a row here; nothing else in the project names
individual tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .findings import Category, Severity


@dataclass(frozen=True, slots=True)
class InlineTag:
    """An inline tag: a role that wraps the claim it questions."""

    name: str  #: role name and rule id, e.g. ``citation-needed``
    label: str  #: what the reader sees, without brackets: ``citation needed``
    template: str  #: the Wikipedia template it mirrors
    message: str  #: the finding's one-line message
    aliases: tuple[str, ...] = ()  #: short role names, e.g. ``cn``
    #: how the tag reads in rendered article text, besides ``label``
    #: (without brackets; matched case-insensitively, stopwords optional)
    spellings: tuple[str, ...] = ()
    severity: Severity = Severity.WARNING
    category: Category = Category.FLAG

    @property
    def role_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def bracketed(self) -> str:
        return f"[{self.label}]"


@dataclass(frozen=True, slots=True)
class Banner:
    """A section or article banner: a directive placed at the top of its scope."""

    name: str  #: directive name and rule id
    label: str  #: the banner's heading as shown to readers
    template: str
    message: str
    #: the banner's text as Wikipedia renders it; ``{scope}`` stands for
    #: "section" or "article"; matched against flattened (stopword-free) text
    text: str
    severity: Severity = Severity.WARNING
    category: Category = Category.BANNER


INLINE_TAGS: tuple[InlineTag, ...] = (
    InlineTag(
        "citation-needed",
        "citation needed",
        "{{Citation needed}}",
        "claim has no source: cite a reliable source or remove the claim",
        aliases=("cn", "fact"),
    ),
    InlineTag(
        "clarification-needed",
        "clarification needed",
        "{{Clarify}}",
        "claim is unclear: clarify it",
        aliases=("clarify",),
    ),
    InlineTag(
        "by-whom",
        "by whom?",
        "{{By whom}}",
        "claim omits who did it: name the actor",
    ),
    InlineTag(
        "who",
        "who?",
        "{{Who}}",
        "claim omits who said or holds it: name them",
    ),
    InlineTag(
        "when",
        "when?",
        "{{When}}",
        "claim omits when: give the date or period",
    ),
    InlineTag(
        "which",
        "which?",
        "{{Which}}",
        "claim is vague about which one: name it",
    ),
    InlineTag(
        "according-to-whom",
        "according to whom?",
        "{{According to whom}}",
        "opinion is not attributed: name who holds it",
    ),
    InlineTag(
        "dubious",
        "dubious – discuss",
        "{{Dubious}}",
        "claim is disputed: verify it against sources or remove it",
        spellings=("dubious", "dubious - discuss", "dubious—discuss"),
    ),
    InlineTag(
        "page-needed",
        "page needed",
        "{{Page needed}}",
        "citation does not give a page: add the page number",
    ),
    InlineTag(
        "better-source-needed",
        "better source needed",
        "{{Better source needed}}",
        "source is not reliable enough: replace it with a better one",
        spellings=("better source",),
    ),
    InlineTag(
        "verification-needed",
        "verification needed",
        "{{Verify source}}",
        "source has not been checked: verify it supports the claim",
    ),
    InlineTag(
        "failed-verification",
        "failed verification",
        "{{Failed verification}}",
        "source does not support the claim: find one that does",
        spellings=("not in citation given",),
        severity=Severity.ERROR,
    ),
    InlineTag(
        "original-research",
        "original research?",
        "{{Original research inline}}",
        "claim may be original research: cite a published source",
    ),
    InlineTag(
        "vague",
        "vague",
        "{{Vague}}",
        "claim is vague: make it precise",
    ),
    InlineTag(
        "weasel-words",
        "weasel words",
        "{{Weasel inline}}",
        "claim uses weasel words: attribute it",
        aliases=("weasel",),
        spellings=("who says this?",),
    ),
    InlineTag(
        "full-citation-needed",
        "full citation needed",
        "{{Full citation needed}}",
        "citation is incomplete: give author, title, publisher and date",
    ),
    InlineTag(
        "unreliable-source",
        "unreliable source?",
        "{{Unreliable source?}}",
        "source may be unreliable: check it or replace it",
    ),
    InlineTag(
        "self-published-source",
        "self-published source",
        "{{Self-published inline}}",
        "source is self-published: replace it with an independent one",
    ),
)

BANNERS: tuple[Banner, ...] = (
    Banner(
        "more-citations-needed",
        "More citations needed",
        "{{More citations needed}}",
        "{scope} needs additional citations: add reliable sources",
        "{scope} needs additional citations for verification please help improve this "
        "article by adding citations to reliable sources unsourced material may be "
        "challenged and removed",
    ),
    Banner(
        "unreferenced",
        "Unreferenced",
        "{{Unreferenced}}",
        "{scope} cites no sources: add reliable sources",
        "{scope} does not cite any sources please help improve this {scope} by adding "
        "citations to reliable sources unsourced material may be challenged and removed",
        severity=Severity.ERROR,
    ),
)

SCOPES = ("section", "article")

_BY_ROLE = {name: tag for tag in INLINE_TAGS for name in tag.role_names}
_BANNERS_BY_NAME = {banner.name: banner for banner in BANNERS}


def tag_for_role(role_name: str) -> InlineTag | None:
    """The tag a role name (long name or alias) stands for."""
    return _BY_ROLE.get(role_name)


def banner(name: str) -> Banner | None:
    return _BANNERS_BY_NAME.get(name)


def all_role_names() -> Iterator[tuple[str, InlineTag]]:
    for tag in INLINE_TAGS:
        for name in tag.role_names:
            yield name, tag


def rule_ids() -> tuple[str, ...]:
    """Every rule id this registry defines (tags, then banners)."""
    return tuple(t.name for t in INLINE_TAGS) + tuple(b.name for b in BANNERS)


DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>[0-3]\d))?)?$")


def is_valid_date(value: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the dates tags and banners carry."""
    return DATE_RE.match(value) is not None
