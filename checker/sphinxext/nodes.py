"""The docutils nodes the extension adds to doctrees.

Each node carries the data its renderer and the collector need as plain
attributes, so a pickled doctree (parallel reads, incremental builds) holds
everything.  Visitors live in :mod:`.render`.
"""

from __future__ import annotations

from docutils import nodes


class citecheck_claim(nodes.inline):
    """The claim a tag role wraps.

    Attributes: ``tag`` (rule id), ``date`` (or ``None``), ``docname``,
    ``ids`` (the claim's anchor, the report row links back to it).
    """


class citecheck_sup(nodes.Inline, nodes.TextElement):
    """A superscript label: ``[citation needed]`` after a claim, or ``[a]`` for a note.

    Attributes: ``kind`` (``"flag"`` or ``"note"``), ``docname``, ``title``
    (hover text), and ``anchor`` (the claim's anchor, for flags) or
    ``label`` (the note label, for note markers).  Links are added when the
    document is resolved, because their targets are only known after every
    document has been read.
    """


class citecheck_banner(nodes.Admonition, nodes.Element):
    """A section or article banner; its first child is a ``title``.

    Attributes: ``banner`` (rule id), ``scope``, ``date``, ``docname``,
    ``section`` (anchor of the enclosing section, or ``None``).
    """


class citecheck_note(nodes.container):
    """The text of an explanatory note; back-links are added when resolved.

    Attributes: ``label``, ``docname``.
    """


class citecheck_backrefs(nodes.Inline, nodes.TextElement):
    """Placeholder inside a note for the links back to its markers."""


class citation_report(nodes.General, nodes.Element):
    """Placeholder for the citation report table, replaced when resolved."""


#: the attribute a ``problematic`` node carries when it stands for a finding
PROBLEM_RULE = "citecheck_rule"
PROBLEM_MESSAGE = "citecheck_message"
#: attribute holding ``(rule, message, text)`` problems found by a directive
PROBLEMS = "citecheck_problems"
#: the class and attribute of an authority-control block
AUTHORITY_CLASS = "citecheck-authority"
AUTHORITY_IDS = "citecheck_identifiers"
