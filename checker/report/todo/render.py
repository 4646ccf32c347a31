"""The worklist as text (for people), JSON (for tools) and ``lines`` (for editors).

``lines`` is ``path:line:col: message``, one item per line: VS Code problem
matchers, Vim's quickfix (``:cfile``, default ``errorformat``) and Emacs'
compilation mode all jump to it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ... import need
from ...findings import Category
from .worklist import TodoItem

SCHEMA = "citecheck/todo/v1"


def _flat(text: str) -> str:
    return " ".join(text.split())


def render_text(items: Sequence[TodoItem], *, notes: Sequence[str] = ()) -> str:
    lines: list[str] = []
    flags = [i for i in items if i.finding.category is Category.FLAG]
    others = [i for i in items if i.finding.category is not Category.FLAG]
    likely = [i for i in flags if i.finding.rule == need.RULE]
    flags = [i for i in flags if i.finding.rule != need.RULE]
    if flags:
        lines += [f"Flagged claims ({len(flags)}), oldest first:", ""]
    for number, item in enumerate([*flags, *likely], 1):
        if likely and item is likely[0]:  # the model's guesses, after every tagged claim
            lines += [f"Sentences that may need a source ({len(likely)}), highest score first:", ""]
        f = item.finding
        where = f"{f.path}:{f.line}" if f.line is not None else f.path
        when = f"score {need.finding_score(f):.2f}" if f.rule == need.RULE else item.age_text
        lines.append(f"{number:>3}. {where}  [{f.rule}]  {when}")
        if f.section:
            lines.append(f"     section: {f.section}" + ("  (under a banner)" * item.under_banner))
        lines.append(f"     claim:   “{_flat(f.text)}”")
        lines.extend(f"     hint:    {hint}" for hint in item.hints)
        if item.candidates:
            lines.append("     try:")
            for c in item.candidates:
                lines.append(f"       - {c.key}: {_flat(c.title)}")
                lines.append(f"         why: {'; '.join(c.reasons)}")
        else:
            lines.append("     try:     no work in the bibliography matches; find a new source")
        lines.append("")
    if others:
        lines += [f"Other gaps ({len(others)}):", ""]
        for item in others:
            f = item.finding
            where = f"{f.path}:{f.line}" if f.line is not None else f.path
            text = f"  “{_flat(f.text)}”" if f.text else ""
            lines.append(f"  {where}  [{f.rule}]{text}")
            lines.append(f"      {_flat(f.message)}")
        lines.append("")
    lines.extend(f"note: {note}" for note in notes)
    lines.append(
        f"{len(flags)} flagged claim{'s' if len(flags) != 1 else ''}, "
        + (f"{len(likely)} likely unsourced, " if likely else "")
        + f"{len(others)} other gap{'s' if len(others) != 1 else ''}"
    )
    return "\n".join(lines) + "\n"


def document(
    items: Sequence[TodoItem], today: date, *, notes: Sequence[str] = ()
) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    for item in items:
        entry = item.finding.to_dict()
        entry["age"] = {"months": item.age_months, "text": item.age_text}
        entry["under_banner"] = item.under_banner
        entry["hints"] = list(item.hints)
        entry["candidates"] = [
            {"key": c.key, "title": c.title, "score": c.score, "reasons": list(c.reasons)}
            for c in item.candidates
        ]
        entries.append(entry)
    return {"schema": SCHEMA, "today": today.isoformat(), "items": entries, "notes": list(notes)}


def render_json(items: Sequence[TodoItem], today: date, *, notes: Sequence[str] = ()) -> str:
    return json.dumps(document(items, today, notes=notes), ensure_ascii=False, indent=2) + "\n"


def render_lines(items: Sequence[TodoItem]) -> str:
    out = []
    for item in items:
        f = item.finding
        parts = [f"[{f.rule}]"]
        parts.append(f"“{_flat(f.text)}”" if f.text else _flat(f.message))
        if item.age_months is not None:
            parts.append(f"({item.age_text} old)")
        parts.extend(f"— {hint}" for hint in item.hints)
        if item.candidates:
            parts.append("— try " + ", ".join(c.key for c in item.candidates))
        out.append(f"{f.path}:{f.line or 1}:{f.column or 1}: {' '.join(parts)}")
    return "".join(f"{line}\n" for line in out)
