"""The ranking tests' fixture: three small invented articles in the candidate-sources format.

``tests/data/rank/articles.jsonl`` was written for these tests (no
encyclopedia text): a lighthouse, an alpine plant and a railway, each with
its works (one of them a "Page not found" link) and its cited sentences.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "rank"
ARTICLES = DATA / "articles.jsonl"


def articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def data_folder(tmp: Path) -> Path:
    """A folder holding the fixture as ``train.jsonl.gz`` and ``dev.jsonl.gz``."""
    tmp.mkdir(parents=True, exist_ok=True)
    text = ARTICLES.read_bytes()
    for split in ("train", "dev"):
        with gzip.open(tmp / f"{split}.jsonl.gz", "wb") as handle:
            handle.write(text)
    return tmp
