"""Short citations (sfn/harv footnotes): each must resolve to exactly one entry.

A short citation to a book that gives no page -- or a "p" whose number was
lost -- is ``page-needed``: the converter stores every citation instance as
such a footnote, so this is where a citation's page is known.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Finding
from .completeness import is_unparsed
from .context import Context, use_finding


def check(ctx: Context) -> Iterator[Finding]:
    paged = ctx.settings.paged_types
    for item in ctx.short_cites:
        where, cite = item.footnote.where, item.cite
        data = {"label": item.footnote.label}
        if not item.targets:
            yield use_finding(
                "short-cite-unresolved",
                where,
                cite.text,
                f"no entry by {' '.join(cite.tokens)} in {cite.year}",
                {"key": None, **data},
            )
            if cite.page_lost:
                yield use_finding(
                    "page-needed", where, cite.text, "page number is missing", {"key": None, **data}
                )
            continue
        if len(item.targets) > 1:
            keys = [t.key for t in item.targets]
            yield use_finding(
                "short-cite-ambiguous",
                where,
                cite.text,
                f"matches {', '.join(keys)}",
                {"key": None, "keys": keys, **data},
            )
            continue
        target = item.targets[0]
        # a chapter or other locator is a place too; CS1 only wants one of them
        # an entry the converter only guessed may be no book at all: its page is not asked for
        wants_page = target.type in paged and not is_unparsed(target)
        if cite.page_lost or (not cite.locator and wants_page):
            detail = "page number is missing" if cite.page_lost else "no page given"
            yield use_finding("page-needed", where, cite.text, detail, {"key": target.key, **data})
