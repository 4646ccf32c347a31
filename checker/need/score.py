"""``citecheck need-score FILE|-``: JSON Lines in, one score in [0, 1] per line out.

The grading contract (DESIGN.md): each input line is an object with ``text`` and
optionally ``section`` (a path like ``History > Origins``) and ``lead`` (bool);
stdout gets exactly one score per input line, in order, and nothing else. The
whole input is read and checked before anything is printed, so a bad line is a
one-line error (exit 2) and never a half-written output. Blank lines are not
input lines and get no score.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from .model import NeedModel, shipped_model

Item = tuple[str, str, bool]


def parse_lines(lines: Iterable[str], origin: str) -> Iterator[Item]:
    """Each non-blank line -> (text, section, lead); a clear error names the bad line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object")
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError(f'{where}: "text" must be a string')
        section = obj.get("section") or ""
        if not isinstance(section, str):
            raise InputError(f'{where}: "section" must be a string')
        lead = obj.get("lead") or False
        if not isinstance(lead, bool | int):  # 0 / 1 pass as false / true
            raise InputError(f'{where}: "lead" must be true or false')
        yield text, section, bool(lead)


def read_items(source: str) -> list[Item]:
    if source == "-":
        return list(parse_lines(sys.stdin, "<stdin>"))
    path = Path(source)
    try:
        with path.open(encoding="utf-8") as fh:
            return list(parse_lines(fh, source))
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text") from None


def format_score(score: float) -> str:
    return f"{score:.6f}"


#: below this many sentences a second process costs more than it saves
PARALLEL_FROM = 20_000

_MODEL: NeedModel | None = None  # the model a forked worker inherited


def _score_chunk(chunk: list[Item]) -> list[float]:
    assert _MODEL is not None
    return [_MODEL.score(*item) for item in chunk]


def score_items(model: NeedModel, items: list[Item], workers: int | None = None) -> list[float]:
    """Scores in input order; a large input is split over the machine's cores (fork)."""
    import multiprocessing
    import os

    workers = workers or min(os.cpu_count() or 1, 4)
    methods = multiprocessing.get_all_start_methods()
    if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in methods:
        return [model.score(*item) for item in items]
    global _MODEL
    _MODEL = model  # forked workers share it copy-on-write: no reload, no pickling
    size = -(-len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [score for part in pool.map(_score_chunk, chunks) for score in part]


def run_need_score(source: str, model_path: Path | None = None, out: TextIO | None = None) -> int:
    model = NeedModel.load(model_path) if model_path else shipped_model()
    scores = score_items(model, read_items(source))
    stream = out or sys.stdout
    stream.write("".join(format_score(score) + "\n" for score in scores))
    stream.flush()
    return 0
