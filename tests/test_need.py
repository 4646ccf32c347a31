"""The citation-need model: trainer on a tiny fixture, the shipped model, ``need-score``.

The trainer runs for real (scikit-learn) on ``tests/data/need`` -- purpose-made
sentences, claims labelled cited, definitions uncited -- and the model it writes
is loaded back through the same code path as the shipped one. ``need-score`` is
driven through ``checker.cli.main`` and as a subprocess (the grading contract:
nothing but one score per line on stdout).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.need import train
from checker.need.metrics import pick_threshold, roc_auc, share_in_top
from checker.need.model import FORMAT, NeedModel, shipped_model

FIXTURE = Path(__file__).parent / "data" / "need"
CITECHECK = [sys.executable, "-m", "checker.cli"]


def read_rows(name: str) -> list[dict[str, object]]:
    with open(FIXTURE / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def fixture_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("need") / "model.json"
    assert train.main([str(FIXTURE), "-o", str(out)]) == 0
    return out


def test_trainer_learns_the_fixture_claims(fixture_model: Path) -> None:
    model = NeedModel.load(fixture_model)
    dev = read_rows("dev")
    labels = [row["label"] != "uncited" for row in dev]
    for field in ("text", "flat"):
        scores = [model.score(str(r[field]), str(r["section"]), bool(r["lead"])) for r in dev]
        assert roc_auc(scores, labels) > 0.95, field
    # the dev numbers and the threshold it chose are recorded in the file
    assert model.meta["trained_on"] == {"train": 72, "dev": 36}
    assert 0.0 < model.threshold < 1.0


def test_written_and_flat_forms_score_alike(fixture_model: Path) -> None:
    model = NeedModel.load(fixture_model)
    row = read_rows("dev")[0]
    written = model.score(str(row["text"]), "History")
    flat = model.score(str(row["flat"]), "History")
    assert abs(written - flat) < 0.15


def test_model_file_round_trips_and_rejects_others(fixture_model: Path, tmp_path: Path) -> None:
    model = NeedModel.load(fixture_model)
    again = NeedModel.from_json(model.to_json())
    assert again.score("The pump was built in 1921.") == model.score("The pump was built in 1921.")
    data = json.loads(fixture_model.read_text(encoding="utf-8"))
    for change, message in (
        ({"format": "other/v9"}, f"not a {FORMAT} file"),
        ({"features": 999}, "retrain it"),
        ({"buckets": 1000}, "not a power of two"),
        ({"weights": "!!"}, "unreadable"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({**data, **change}), encoding="utf-8")
        with pytest.raises(InputError, match=message):
            NeedModel.load(bad)


def test_trainer_reports_a_missing_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert train.main([str(tmp_path), "-o", str(tmp_path / "m.json")]) == 2
    assert "no train.jsonl.gz or train.jsonl" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_shipped_model_ranks_a_sourced_claim_above_a_definition() -> None:
    model = shipped_model()
    claim = model.score(
        "According to a 2010 survey by the ministry, 45 percent of households owned a car."
    )
    definition = model.score("A triangle is a polygon with three edges and three vertices.")
    proof = model.score("Let f be a continuous function on the closed interval.", "Proof")
    assert 0.0 <= proof < definition < claim <= 1.0
    assert model.meta["trained_on"] == {"train": 115626, "dev": 16198}


def test_need_score_prints_one_score_per_line_in_order(tmp_path: Path) -> None:
    lines = [
        {"text": "The first turbine was built in Lyon in 1875, historians say."},
        {"text": "A function maps each input to one output.", "section": "Definition"},
        {"text": "first turbine built lyon 1875 historians say", "lead": True},
        {"text": "Sales rose by 45 percent.", "section": "History > Sales", "lead": False},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    run = subprocess.run([*CITECHECK, "need-score", str(src)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert len(out) == len(lines)
    model = shipped_model()
    for line, item in zip(out, lines, strict=True):
        expected = model.score(
            str(item["text"]), str(item.get("section", "")), bool(item.get("lead"))
        )
        assert float(line) == pytest.approx(expected, abs=1e-6)
        assert 0.0 <= float(line) <= 1.0
    # stdin gives the same answer
    piped = subprocess.run(
        [*CITECHECK, "need-score", "-"], input=src.read_text(), capture_output=True, text=True
    )
    assert piped.stdout == run.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "fine"}\n{"text": ', "in.jsonl:2: not JSON"),
        ('["a list"]\n', "in.jsonl:1: expected a JSON object"),
        ('{"section": "History"}\n', 'in.jsonl:1: "text" must be a string'),
        ('{"text": "x", "lead": "yes"}\n', 'in.jsonl:1: "lead" must be true or false'),
    ],
)
def test_need_score_bad_input_is_one_line_and_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(content, encoding="utf-8")
    assert main(["need-score", str(src)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_need_score_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["need-score", str(tmp_path / "absent.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_metrics_by_hand() -> None:
    # positives at scores 0.9 and 0.4, negatives at 0.5 and 0.1: 3 of 4 pairs ordered
    assert roc_auc([0.9, 0.5, 0.4, 0.1], [True, False, True, False]) == 0.75
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    assert share_in_top([0.9, 0.8, 0.2, 0.1, 0.05], [False, True, True, False, False], 0.4) == 0.5
    threshold, at = pick_threshold([0.9, 0.8, 0.7, 0.6], [True, True, False, False], 0.6, 1)
    assert threshold == 0.7 and at["precision"] == pytest.approx(2 / 3)


def test_large_inputs_split_over_processes_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checker.need import score

    monkeypatch.setattr(score, "PARALLEL_FROM", 10)
    model = shipped_model()
    items = [
        (f"In {1800 + i} the mill employed {i * 7} workers, records say.", "History", i % 5 == 0)
        for i in range(60)
    ]
    assert score.score_items(model, items, workers=2) == [model.score(*i) for i in items]
