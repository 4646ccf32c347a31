"""The rules the extension itself defines besides the tag registry's -- data, not code paths.

Tags and banners (``checker.tags``) are rules too; this table adds the note
and markup rules, with their category, default severity and message.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import tags
from ..findings import Category, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    category: Category
    severity: Severity
    message: str  #: a format string; fields depend on the rule


NOTE_RULES: tuple[Rule, ...] = (
    Rule(
        "note-missing",
        Category.NOTE,
        Severity.ERROR,
        "note marker [{label}] has no note text: add '.. efn-text:: {label}' or fix the label",
    ),
    Rule(
        "note-orphan",
        Category.NOTE,
        Severity.WARNING,
        "note [{label}] is never referenced: add :efn:`{label}` where it applies or remove it",
    ),
    Rule(
        "note-duplicate",
        Category.NOTE,
        Severity.ERROR,
        "note label [{label}] is defined more than once (first at {first}): rename one",
    ),
)

STRUCTURE_RULES: tuple[Rule, ...] = (
    Rule("bad-date", Category.STRUCTURE, Severity.WARNING, "{detail}"),
    Rule("bad-markup", Category.STRUCTURE, Severity.WARNING, "{detail}"),
    # what docutils or Sphinx said while reading a page: a mistyped flag (say an
    # unclosed role) is reported here instead of silently dropping out
    Rule("markup-error", Category.STRUCTURE, Severity.WARNING, "{detail}"),
    # a page with bytes the source encoding cannot decode: read with U+FFFD in their place
    Rule("source-encoding", Category.STRUCTURE, Severity.ERROR, "{detail}"),
)

EXTRA_RULES: dict[str, Rule] = {rule.name: rule for rule in (*NOTE_RULES, *STRUCTURE_RULES)}

#: rules that warn unless ``citecheck_warn_rules`` says otherwise: broken markup
#: and notes never are expected, flags often are
DEFAULT_WARN = ("note", "structure")

#: rules whose findings repeat a warning docutils or Sphinx gave already: never warned again
ECHO_RULES = frozenset({"markup-error"})


def own_rule_ids() -> tuple[str, ...]:
    """Every rule id the extension defines (tags, banners, notes, structure)."""
    return (*tags.rule_ids(), *EXTRA_RULES)
