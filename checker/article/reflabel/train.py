"""Train the reference field labeller on a corpus with ground truth.

    python -m checker.article.reflabel.train CORPUS [--names FILE] [-o MODEL]

CORPUS holds ``NAME.txt`` (a flattened article) and ``NAME.references.tsv``
(one row per footnote: its lines and fields; see the corpus README).  Each
article's references list is cut at its footnote numbers exactly as the
converter cuts it (:mod:`..numbering`), each truth row is matched to the
footnote that starts on its line with its first words, and the row's fields
become token labels (:mod:`.truth`).  Rows whose fields are guesses ("free-form"
in their notes) are left out.  The model is written to the package
(``model.crfsuite``) unless ``-o`` says otherwise.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..numbering import drop_stylesheet, footnotes
from ..segment import normalise
from ..text import rejoin_split_tokens
from .features import reference_features
from .model import MODEL_PATH
from .truth import label_rows

Example = tuple[list[list[str]], list[str]]

#: CRFsuite's L-BFGS settings: L1 keeps the model small, L2 smooths it.
TRAIN_PARAMS = {"c1": 0.2, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
#: Lines of context kept after the truth's last row (its footnote ends at the next number).
MARGIN = 3


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def article_examples(text: str, rows: Sequence[dict[str, str]]) -> Iterator[Example]:
    """(pieces, labels) of every truth row that a footnote of the article matches."""
    rows = [r for r in rows if "free-form" not in r.get("notes", "")]
    if not rows:
        return
    raw = text.split("\n")
    first = min(int(r["start_line"]) for r in rows)  # footnote 1 has no number before it
    last = min(len(raw), max(int(r["end_line"]) for r in rows) + MARGIN)
    lines = [(n, rejoin_split_tokens(raw[n - 1]).split()) for n in range(first, last + 1)]
    notes = footnotes(drop_stylesheet(lines))
    if notes is None:
        return
    by_start = {(note.lines[0][0], note.lines[0][1][0]): note for note in notes}
    for row in rows:
        start_words = row["start_words"].split()
        note = by_start.get((int(row["start_line"]), start_words[0] if start_words else ""))
        if note is None:
            continue
        pieces = [normalise(words) for _, words in note.lines]
        labels = label_rows(pieces, row)
        if labels is not None:
            yield pieces, labels


def corpus_examples(corpus: Path, names: Iterable[str]) -> list[Example]:
    out: list[Example] = []
    for name in names:
        truth = corpus / f"{name}.references.tsv"
        if not truth.exists():
            continue
        text = (corpus / f"{name}.txt").read_text(encoding="utf-8")
        out.extend(article_examples(text, read_rows(truth)))
    return out


def train(
    examples: Sequence[Example], model: Path, params: dict[str, object] | None = None
) -> None:
    import pycrfsuite  # the training half of the dependency, only here

    trainer = pycrfsuite.Trainer(verbose=False)
    for pieces, labels in examples:
        trainer.append(reference_features(pieces), labels)
    trainer.set_params({**TRAIN_PARAMS, **(params or {})})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m checker.article.reflabel.train")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--names", type=Path, help="a file of article names, one a line (default: all)")
    ap.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    if args.names:
        names = args.names.read_text(encoding="utf-8").split()
    else:
        names = sorted(p.name[: -len(".txt")] for p in args.corpus.glob("*.txt"))
    started = time.perf_counter()
    examples = corpus_examples(args.corpus, names)
    if not examples:
        print(f"train: no labelled references under {args.corpus}", file=sys.stderr)
        return 2
    train(examples, args.output)
    tokens = sum(len(labels) for _, labels in examples)
    print(
        f"trained on {len(examples)} references ({tokens} tokens) from {len(names)} articles "
        f"in {time.perf_counter() - started:.0f} s -> {args.output}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
