"""The infobox: title, image caption and label/value rows, glued into the lead's first line.

Labels come from :data:`~.infoboxdata.INFOBOX_LABELS`.  "In office" reads as
``office`` glued to its first date; the office title is whatever stands
between the previous row's value and that anchor.  Glued values such as
``smith1879-11-077`` (name, hidden ISO date, day) are split first.
"""

from __future__ import annotations

import re

from .furniture import MONTHS
from .infoboxdata import (
    INFOBOX_HEADERS,
    INFOBOX_LABELS,
    OFFICE_LABEL,
    OFFICE_TOKEN,
    PERSON_LABELS,
)
from .text import is_year, match_phrase, title_case

_GLUED = (
    # word + ISO date + day: "smith1879-11-077"
    (re.compile(r"^(\D+)(\d{4}-\d{2}-\d{2})(\d{1,2})$"), lambda m: [m[1], f"({m[2]})", m[3]]),
    # year + ISO date: "19401940-08-21"
    (re.compile(r"^(\d{4})(\d{4}-\d{2}-\d{2})$"), lambda m: [m[1], f"({m[2]})"]),
    # "office13": In office + first date
    (re.compile(rf"^({OFFICE_TOKEN})(\d.*)$"), lambda m: [m[1], m[2]]),
    # "affairs1917–1918": a label or title glued to years
    (re.compile(r"^(\D+?)(\d{4}[–-]\d{4})$"), lambda m: [m[1], m[2]]),
)

#: The sortable ISO copy Wikipedia hides next to infobox dates ("1879-11-07").
HIDDEN_ISO_DATE = re.compile(r"\D\d{4}-\d{2}-\d{2}|\d{4}\d{4}-\d{2}-\d{2}")

_LABELS = sorted(INFOBOX_LABELS, key=lambda lab: len(lab.split()), reverse=True)
#: How many words a person's name has when nothing else tells.
_NAME_WORDS = 2


def split_glued(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        for pattern, split in _GLUED:
            match = pattern.match(word)
            if match:
                out.extend(split(match))
                break
        else:
            out.append(word)
    return out


def label_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The infobox label starting at ``words[i]`` and its length in words."""
    for label in _LABELS:
        n = match_phrase(words, i, label)
        if n and words[i] == label.split()[0]:
            return label, n
    return None


def find_labels(words: list[str]) -> list[int]:
    return [i for i in range(len(words)) if label_at(words, i) or _is_office(words, i)]


def _is_office(words: list[str], i: int) -> bool:
    return words[i] == OFFICE_TOKEN and i + 1 < len(words) and _is_date_word(words[i + 1])


def _is_date_word(word: str) -> bool:
    return word.isdigit() or word in MONTHS or is_year(word) or word == "present"


def parse_infobox(words: list[str]) -> list[tuple[str, str]]:
    """Rows of (label, value); a label of ``""`` is a heading row (an office title)."""
    words = split_glued(words)
    segments: list[tuple[str | None, list[str]]] = [(None, [])]
    i = 0
    while i < len(words):
        if _is_office(words, i):
            segments.append((OFFICE_LABEL, []))
            i += 1
            continue
        found = label_at(words, i)
        if found:
            segments.append((found[0], []))
            i += found[1]
            continue
        segments[-1][1].append(words[i])
        i += 1
    return _rows(segments)


def _rows(segments: list[tuple[str | None, list[str]]]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for index, (label, value) in enumerate(segments):
        before_office = index + 1 < len(segments) and segments[index + 1][0] == OFFICE_LABEL
        title: list[str] = []
        if label is None:
            title = value
            value = []
        elif label == OFFICE_LABEL:
            dates = _leading_dates(value)
            value, title = value[:dates], value[dates:]
        elif before_office and label in PERSON_LABELS:
            if len(value) > _NAME_WORDS + 1:
                value, title = value[:_NAME_WORDS], value[_NAME_WORDS:]
            else:  # "president petrograd soviet" + In office: the label is the title
                title, value, label = [label, *value], [], None
        if label is not None:
            rows.append((_label_text(label), _value_text(label, value)))
        if title:
            rows.append(("", " ".join(title)))
    return [r for r in rows if r != ("", "")]


def _leading_dates(words: list[str]) -> int:
    n = 0
    while n < len(words) and _is_date_word(words[n]):
        n += 1
    return n


def _label_text(label: str) -> str:
    return label[:1].upper() + label[1:]


def _value_text(label: str, value: list[str]) -> str:
    if label == OFFICE_LABEL:
        return _date_range(value)
    text = " ".join(value)
    if label in PERSON_LABELS or label in {"children", "relatives", "parents"}:
        return title_case(text)
    if label in INFOBOX_HEADERS:
        return ""
    return text


def _date_range(words: list[str]) -> str:
    """``13 march 1918 15 january 1925`` -> ``13 march 1918 – 15 january 1925``."""
    for cut in range(1, len(words)):
        if is_year(words[cut - 1]) and cut < len(words):
            return " ".join(words[:cut]) + " – " + " ".join(words[cut:])
    # "8 october november 1917": the first date lost its year
    for cut in range(1, len(words)):
        if words[cut] in MONTHS and words[cut - 1] in MONTHS:
            return " ".join(words[:cut]) + " – " + " ".join(words[cut:])
    return " ".join(words)
