"""Write train.jsonl and dev.jsonl: claim sentences labelled cited/cn, definitions uncited."""

import itertools
import json
import string
from pathlib import Path

STOP = {
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "by",
    "for",
    "with",
    "and",
    "or",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "it",
    "its",
    "that",
    "this",
    "as",
    "from",
}
CLAIMS = [
    "According to a {y} survey, {n} percent of {who} in {place} owned a {thing}.",
    "The {thing} factory in {place} was the largest in the world by {y}.",
    "Critics said the {thing} was the most influential design of the {y}s.",
    "In {y} the ministry reported that {n} million {who} used the {thing}.",
    "Historians believe the first {thing} was built in {place} around {y}.",
    "The company stated that sales of the {thing} rose by {n} percent in {y}.",
]
PLAIN = [
    "A {thing} is a device that converts one form of energy into another.",
    "Let x be an element of the set and let f be a function on it.",
    "The {thing} consists of a frame, a shaft and two bearings.",
    "Each {thing} has an input, an output and a control line.",
    "The sum of two even numbers is an even number.",
    "The {thing} can be described by a simple equation of motion.",
]
FILL = {
    "y": ["1875", "1921", "1968", "2004", "2012"],
    "n": ["12", "45", "70", "3"],
    "who": ["households", "farmers", "students"],
    "place": ["Ohio", "Lyon", "Bavaria"],
    "thing": ["turbine", "loom", "engine", "pump", "valve"],
}


def flat(text):
    words = (w.strip(string.punctuation).lower() for w in text.split())
    return " ".join(w for w in words if w and w not in STOP)


def rows(split, count):
    combos = itertools.product(FILL["y"], FILL["n"], FILL["who"], FILL["place"], FILL["thing"])
    picks = list(itertools.islice(combos, 7, None, 13))
    out = []
    for i in range(count):
        y, n, who, place, thing = picks[(i * 5 + (split == "dev")) % len(picks)]
        claim = i % 2 == 0
        template = (CLAIMS if claim else PLAIN)[(i // 2) % 6]
        text = template.format(y=y, n=n, who=who, place=place, thing=thing)
        label = ("cn" if i % 10 == 0 else "cited") if claim else "uncited"
        section = "History" if claim else "Principle > Parts"
        out.append(
            {
                "text": text,
                "flat": flat(text),
                "section": section,
                "lead": i % 9 == 0,
                "label": label,
            }
        )
    return out


here = Path(__file__).parent
for split, count in (("train", 72), ("dev", 36)):
    with open(here / f"{split}.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows(split, count))
