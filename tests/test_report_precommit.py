"""The pre-commit hook definitions: well-formed, and their commands parse with our CLI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from checker.cli import _build_parser

HOOKS = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"
# the keys pre-commit requires in a hook definition
REQUIRED = {"id", "name", "entry", "language"}


def _hooks() -> list[dict]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def test_hooks_are_well_formed() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["citecheck", "citecheck-todo"]
    for hook in hooks:
        assert set(hook) >= REQUIRED
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        re.compile(hook["files"])


@pytest.mark.parametrize("hook", _hooks(), ids=lambda h: h["id"])
def test_hook_commands_parse(hook: dict) -> None:
    argv = shlex.split(hook["entry"])[1:] + hook["args"]
    args = _build_parser().parse_args(argv)
    assert args.command in {"report", "todo"}
    assert str(args.source) == "docs"
