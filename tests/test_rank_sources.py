"""``citecheck rank-sources``: the grading contract, run as a grader runs it; the shipped model."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rank_support import articles

from checker.rank import Claim, Source, dataset, suggest
from checker.rank.model import shipped

PROJECT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "checker", "rank-sources", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def claim_lines() -> list[dict[str, object]]:
    return [
        dataset.claim_to_json(e.claim)
        for article in articles()
        for e in dataset.article_examples(article)
    ]


def test_one_array_of_every_id_per_line_and_nothing_else(tmp_path: Path) -> None:
    lines = claim_lines()
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in lines), encoding="utf-8")
    done = run(path)
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout.splitlines()
    assert len(out) == len(lines)
    for line, claim in zip(out, lines, strict=True):
        ranked = json.loads(line)
        assert sorted(ranked) == sorted(s["id"] for s in claim["sources"])  # type: ignore[union-attr]


def test_the_cited_work_comes_first_for_most_fixture_claims() -> None:
    examples = [e for article in articles() for e in dataset.article_examples(article)]
    model = shipped()
    first = sum(e.claim.sources[model.rank(e.claim)[0].index].id in e.cited for e in examples)
    assert first >= 12, f"{first} of {len(examples)}"


def test_stdin_minimal_claims_and_the_order_of_sources_does_not_matter() -> None:
    sources = [
        {"id": "a", "text": "Hansen, Ole (1970). Granite Towers of the North Coast."},
        {"id": "b", "text": "Whale oil lamps in coastal lights. Maritime Review."},
        {"id": 7, "title": "Page not found"},
    ]
    line = {"claim": "Its lamp burned whale oil until 1902.", "sources": sources}
    shuffled = {**line, "sources": list(reversed(sources))}
    done = run("-", stdin=json.dumps(line) + "\n" + json.dumps(shuffled) + "\n")
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(x) for x in done.stdout.splitlines())
    assert first[0] == "b" and first == second
    assert "7" in first  # ids are opaque strings


def test_bad_lines_get_an_empty_array_and_a_message(tmp_path: Path) -> None:
    good = json.dumps({"claim": "x", "sources": [{"id": "a", "text": "x"}]})
    path = tmp_path / "claims.jsonl"
    path.write_text(f'{good}\nnot json\n{{"claim": 3, "sources": []}}\n\n{good}\n')
    done = run(path)
    assert done.returncode == 2
    assert done.stdout.splitlines() == ['["a"]', "[]", "[]", "[]", '["a"]']
    errors = done.stderr.splitlines()
    assert errors[0].startswith("citecheck: rank-sources: line 2: not JSON")
    assert errors[1] == "citecheck: rank-sources: line 3: 'claim' must be a string"
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = run(tmp_path / "nope.jsonl")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("citecheck: error: cannot read") and done.stderr.count("\n") == 1


def test_shuffling_sources_never_changes_the_ranking() -> None:
    model = shipped()
    for example in dataset.article_examples(articles()[2]):
        claim = example.claim
        order = [claim.sources[r.index].id for r in model.rank(claim)]
        sources = list(claim.sources)
        random.Random(3).shuffle(sources)
        again = Claim(
            claim.claim, tuple(sources), claim.section, claim.lead, claim.paragraph, claim.context
        )
        assert [again.sources[r.index].id for r in model.rank(again)] == order


def test_suggestions_say_why_and_noise_is_not_suggested() -> None:
    sources = (
        Source(
            "moon",
            "Harland, D. (2008). Exploring the Moon: The Apollo Expeditions.",
            "Exploring the Moon",
        ),
        Source("404", "Page not found. Retrieved 3 March 2017.", "Page not found"),
        Source(
            "rail",
            "Price, D. (1999). Steep Railways of Britain 1850–1900.",
            "Steep Railways of Britain 1850–1900",
        ),
    )
    about_moon = Claim(
        "The landing page of the mission described the far side of the Moon.", sources
    )
    found = suggest(about_moon)
    assert [c.id for c in found] == ["moon"]
    assert found[0].reasons[0].startswith("shares “moon”")
    unrelated = Claim("The cheese was aged in a cave for two years.", sources)
    assert suggest(unrelated) == []


def test_reasons_name_nearby_citations_authors_and_years() -> None:
    railway = next(e for e in dataset.article_examples(articles()[2]) if "Mostyn" in e.claim.claim)
    found = {c.title: c.reasons for c in suggest(railway.claim)}
    reasons = found["The Tarn Valley Line: Slate and Steam"]
    assert "by Mostyn, named in the claim" in reasons
    assert "published in 1960, a year the claim names" in reasons
    assert any(r.startswith("cited nearby (once in the same paragraph)") for r in reasons)


@pytest.mark.parametrize("flat", [False, True])
def test_flattened_claims_rank_like_written_ones(flat: bool) -> None:
    example = dataset.article_examples(articles()[0], flat=flat)[1]
    ranked = shipped().rank(example.claim)
    assert example.claim.sources[ranked[0].index].id in example.cited
