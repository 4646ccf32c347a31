"""Damaged articles never crash the converter: deterministic mutations of the seed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.article.convert import convert_text

SEED = Path(__file__).resolve().parent.parent / "docs" / "_article" / "leon-trotsky.txt"
LINES = SEED.read_text(encoding="utf-8").split("\n")
#: furniture words and markup that steer the converter's decisions
NOISE = (
    "[citation needed]", "[a]", "[", "]", "contents", "vte", "main article", "notes",
    "references", "[by whom?]", "—", "p", "retrieved", "office1", "*", "`", "|", "_", "::",
    "section needs additional citations verification", "authority control viaf",
)  # fmt: skip


def mutate(seed: int) -> str:
    rnd = random.Random(seed)
    lines = list(LINES)
    kind = seed % 5
    if kind == 0:  # lines lost
        for _ in range(60):
            del lines[rnd.randrange(len(lines))]
    elif kind == 1:  # lines out of order
        rnd.shuffle(lines)
    elif kind == 2:  # a cut anywhere, even mid-word
        text = "\n".join(lines)
        start = rnd.randrange(len(text))
        return text[:start] + text[start + rnd.randrange(8000) :]
    elif kind == 3:  # furniture and markup where it does not belong
        for _ in range(40):
            i = rnd.randrange(len(lines))
            words = lines[i].split()
            words.insert(rnd.randrange(len(words) + 1), rnd.choice(NOISE))
            lines[i] = " ".join(words)
    else:  # only the tail: no head, no contents list
        lines = lines[rnd.randrange(len(lines)) :]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(30))
def test_mutated_article_converts(seed: int) -> None:
    conversion = convert_text(mutate(seed), "Damaged")
    assert "index.rst" in conversion.files and "references.bib" in conversion.files
    for name, text in conversion.files.items():
        if name.endswith(".rst"):
            title = text.split("\n\n")[1]  # every page opens with its level-1 title
            assert title.startswith("="), (name, title[:80])
