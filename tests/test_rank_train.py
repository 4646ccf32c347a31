"""Training end to end on the tiny fixture: the files it writes load, and the model ranks."""

from __future__ import annotations

import json
from pathlib import Path

from rank_support import articles, data_folder

from checker.rank import dataset
from checker.rank.features import NAMES, ClaimFeatures
from checker.rank.model import FORMAT, load
from checker.rank.train import main
from checker.rank.vocabulary import parse


def test_training_writes_a_model_and_vocabulary_that_rank_the_fixture(tmp_path: Path) -> None:
    data = data_folder(tmp_path / "data")
    out = tmp_path / "model"
    assert main([str(data), "-o", str(out), "--rounds", "5", "--leaves", "4"]) == 0
    written = json.loads((out / "model.json").read_text())
    assert written["format"] == FORMAT and written["features"] == list(NAMES)
    assert written["threshold"] is not None and len(written["trees"]["trees"]) == 5
    model = load(out / "model.json")
    vocabulary = parse((out / "vocabulary.txt").read_text().splitlines())
    assert vocabulary.documents == 16 + 18  # sentences and references of the fixture
    examples = [e for a in articles() for e in dataset.article_examples(a)]
    first = 0
    for e in examples:
        ranked = model.rank(e.claim, ClaimFeatures(e.claim, vocabulary))
        assert sorted(r.index for r in ranked) == list(range(len(e.claim.sources)))
        first += e.claim.sources[ranked[0].index].id in e.cited
    assert first >= 10, f"{first} of {len(examples)} cited works ranked first"


def test_training_without_data_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"train: no train.jsonl.gz in {tmp_path}"
