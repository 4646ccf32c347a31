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


def run_need_score(source: str, model_path: Path | None = None, out: TextIO | None = None) -> int:
    model = NeedModel.load(model_path) if model_path else shipped_model()
    items = read_items(source)
    stream = out or sys.stdout
    stream.write("".join(format_score(model.score(*item)) + "\n" for item in items))
    stream.flush()
    return 0
