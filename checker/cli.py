"""The ``citecheck`` command line: argument parsing only; each command delegates.

Exit codes (``DESIGN.md``): 0 nothing fails the policy, 1 findings fail the
policy, 2 usage or input error -- always a one-line message, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import InputError

FORMATS = ("text", "json", "junit", "sarif", "github", "markdown")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citecheck",
        description="Convert flattened articles to Sphinx and report what lacks a source.",
    )
    parser.add_argument("--version", action="version", version=f"citecheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = sub.add_parser("convert", help="flattened article -> Sphinx project (reST + .bib)")
    convert.add_argument("article", type=Path, help="the flattened article (UTF-8 text)")
    convert.add_argument("-o", "--output", type=Path, required=True, help="docs folder to write")
    convert.add_argument(
        "--force", action="store_true", help="overwrite files an editor has changed"
    )
    convert.add_argument("-q", "--quiet", action="store_true", help="print no summary")

    def add_source(p: argparse.ArgumentParser) -> None:
        p.add_argument("source", type=Path, metavar="SRC", help="Sphinx source folder")
        p.add_argument("--conf", type=Path, help="folder with conf.py, when SRC has none")
        p.add_argument(
            "--online", action="store_true", help="also check links and identifiers online"
        )
        p.add_argument("--refresh", action="store_true", help="ignore the link cache")
        p.add_argument("--need", action="store_true", help="also list likely unsourced claims")
        p.add_argument(
            "--today", metavar="YYYY-MM-DD", help="date to compute ages against (default: today)"
        )

    report = sub.add_parser("report", help="the citation report, for CI")
    add_source(report)
    report.add_argument("--format", choices=FORMATS, default="text")
    report.add_argument("-o", "--output", type=Path, help="write the report here (default: stdout)")
    report.add_argument("--out", type=Path, help="keep the Sphinx build in this folder")
    report.add_argument("--baseline", type=Path, help="JSON baseline of known findings")
    report.add_argument("--fail-on", choices=("any", "new", "none"), default="any")
    report.add_argument(
        "--max",
        action="append",
        default=[],
        metavar="RULE=N",
        help="fail when RULE has more than N findings (repeatable)",
    )
    report.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="ignore findings below this severity",
    )

    todo = sub.add_parser("todo", help="editors' worklist with candidate sources")
    add_source(todo)
    todo.add_argument("--format", choices=("text", "json", "lines"), default="text")
    todo.add_argument("-o", "--output", type=Path, help="write the worklist here")
    todo.add_argument("--limit", type=int, default=0, help="show at most N items")

    need = sub.add_parser("need-score", help="score sentences (JSON Lines) for needing a source")
    need.add_argument("input", metavar="FILE", help="JSON Lines file, or - for stdin")
    need.add_argument("--model", type=Path, help="a model file other than the shipped one")

    baseline = sub.add_parser("baseline", help="accept today's findings as known")
    add_source(baseline)
    baseline.add_argument("-o", "--output", type=Path, required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            from .article.convert import run_convert

            return run_convert(args.article, args.output, force=args.force, quiet=args.quiet)
        if args.command == "need-score":
            from .need.score import run_need_score

            return run_need_score(args.input, args.model)
        from .report import commands

        return commands.run(args)
    except InputError as exc:
        print(f"citecheck: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("citecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``citecheck ... | head``): stop quietly, as cat does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def run() -> NoReturn:
    """The ``citecheck`` console script: :func:`main`, then a quick exit.

    A report leaves Sphinx's whole environment in memory, and the garbage
    collector's passes over it at interpreter exit took most of a cached
    ``report --online`` run (0.5 s of 0.7 s).  Everything is written and
    closed by now, so the heap is frozen and exit skips those passes.
    """
    code = main()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
