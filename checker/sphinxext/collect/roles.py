"""Inline roles: one per tag of the registry, and the note marker ``:efn:``.

``:cn:`claim``` and ``:cn:`claim <2010-07>``` wrap the claim they question;
the claim may hold inline markup.  A malformed date never stops a build: the
claim is still flagged, the date becomes a ``problematic`` node and the
collector turns it into a ``bad-date`` finding.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import unescape
from sphinx.util.docutils import SphinxRole

from ... import tags
from .. import nodes as cc
from ..locate import unique_id

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message

#: a trailing `` <...>`` holding a digit is a date slot, so ``<b>`` or ``</script>``
#: at the end of a claim stay part of the claim; ``:cn:`<2010-07>``` flags no text
_DATE_SLOT = re.compile(r"^(?:(?P<claim>.*?)\s+)?<(?P<date>[^<>]*\d[^<>]*)>\s*$", re.DOTALL)

#: the body of ``:role:`body``` or MyST's ``{role}`body```, whatever the backquote run
_QUOTED = re.compile(r"^[^`]*(?P<ticks>`+)(?P<body>.*)(?P=ticks)\s*$", re.DOTALL)

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def describe_date(date: str) -> str:
    """``2010-07`` -> ``July 2010``; ``2010-07-04`` -> ``4 July 2010``."""
    match = tags.DATE_RE.match(date)
    if match is None:
        return date
    month = match["month"]
    if month is None:
        return match["year"]
    text = f"{_MONTHS[int(month) - 1]} {match['year']}"
    return f"{int(match['day'])} {text}" if match["day"] else text


def problem_node(
    role: SphinxRole, rawtext: str, rule: str, message: str
) -> tuple[nodes.problematic, nodes.system_message]:
    """A ``problematic`` node plus its system message, marked as a citecheck finding.

    The message is attached to the doctree but not sent through the reporter:
    the finding is reported once, as a typed ``citecheck.<rule>`` warning
    that ``suppress_warnings`` can silence, instead of an untyped docutils one.
    """
    source, line = role.get_source_info()
    msg = nodes.system_message(message, level=3, type="ERROR", source=source, line=line)
    msg[cc.PROBLEM_RULE] = rule  # ours: not a docutils markup error to report again
    prb = nodes.problematic(rawtext, rawtext)
    prb[cc.PROBLEM_RULE] = rule
    prb[cc.PROBLEM_MESSAGE] = message
    prb.source, prb.line = source, line
    serial = role.env.new_serialno("citecheck-problem")
    msgid = unique_id(role.inliner.document, f"citecheck-problem-{serial}", msg)
    prb["refid"] = msgid
    prbid = unique_id(role.inliner.document, f"citecheck-problematic-{serial}", prb)
    msg["backrefs"].append(prbid)
    return prb, msg


class TagRole(SphinxRole):
    """``:<tag>:`claim text <date>``` for one inline tag of the registry."""

    def __init__(self, tag: tags.InlineTag) -> None:
        self.tag = tag

    def run(self) -> tuple[list[Node], list[system_message]]:
        # the raw text keeps backslash escapes, which the nested parse needs
        quoted = _QUOTED.match(self.rawtext)
        escaped = quoted["body"] if quoted else self.text
        claim_src, date = escaped, None
        match = _DATE_SLOT.match(escaped)
        if match:
            claim_src, date = match["claim"] or "", match["date"].strip()
        docname = self.env.current_document.docname

        claim = cc.citecheck_claim(
            self.rawtext, "", classes=["citecheck-claim", f"citecheck-{self.tag.name}"]
        )
        claim["tag"] = self.tag.name
        claim["docname"] = docname
        self.set_source_info(claim)
        children, messages = self._parse_claim(claim_src, claim)
        claim.extend(children)
        # kept as written: later transforms (smart quotes) change the rendered text
        claim["text"] = " ".join(claim.astext().split())
        serial = self.env.new_serialno("citecheck-claim")
        anchor = unique_id(self.inliner.document, f"citecheck-claim-{serial}", claim)

        result: list[Node] = [claim]
        bad_date = date is not None and not tags.is_valid_date(date)
        claim["date"] = None if bad_date else date
        # "no-search": the label is furniture, not text to find pages by
        label = cc.citecheck_sup("", self.tag.bracketed, classes=["citecheck-label", "no-search"])
        label["kind"], label["docname"], label["anchor"] = "flag", docname, anchor
        label["tag"] = self.tag.name
        hover = self.tag.label[:1].upper() + self.tag.label[1:]
        if claim["date"]:
            hover += f" (since {describe_date(claim['date'])})"
        label["title"] = hover
        result.append(label)
        if bad_date:
            prb, msg = problem_node(
                self,
                f"<{date}>",
                "bad-date",
                f"tag date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD: write it as <2010-07>",
            )
            prb.rawsource = self.rawtext  # so the collector can find its exact line
            result.append(prb)
            messages.append(msg)
        return result, messages

    def _parse_claim(
        self, text: str, parent: nodes.Element
    ) -> tuple[list[Node], list[system_message]]:
        """Parse the claim as inline markup of the document's own language (reST or MyST)."""
        if not text.strip():
            return [], []
        # one level of escaping belongs to the role: \` lets a claim hold backquotes
        source = unescape(text, restore_backslashes=True).replace("\\`", "`")
        try:
            # docutils reads only .document and .language from the memo, which the
            # inliner has; types-docutils narrows the memo to a SimpleNamespace
            return self.inliner.parse(source, self.lineno, self.inliner, parent)  # type: ignore[arg-type]
        except (AttributeError, TypeError):
            # an inliner that cannot parse nested text: keep the claim as plain text
            return [nodes.Text(unescape(text))], []


class NoteMarkerRole(SphinxRole):
    """``:efn:`a``` -- a superscript ``[a]`` that links to the note labelled ``a``."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        label = self.text.strip()
        if not label:
            prb, msg = problem_node(
                self, self.rawtext, "bad-markup", "note marker has no label: write :efn:`a`"
            )
            return [prb], [msg]
        docname = self.env.current_document.docname
        marker = cc.citecheck_sup(
            self.rawtext, f"[{label}]", classes=["citecheck-note-ref", "no-search"]
        )
        marker["kind"], marker["docname"], marker["label"] = "note", docname, label
        marker["title"] = f"Note {label}"
        self.set_source_info(marker)
        serial = self.env.new_serialno("citecheck-noteref")
        unique_id(self.inliner.document, f"citecheck-noteref-{serial}", marker)
        return [marker], []
