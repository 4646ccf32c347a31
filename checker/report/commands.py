"""``citecheck report``, ``todo`` and ``baseline``: build, compare, judge, render, write.

Every input is checked before the build starts (dates, thresholds, the
baseline), so a usage error costs nothing and leaves nothing half-written;
outputs are written atomically.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..findings import Finding, finalize
from ..fsutil import write_atomic
from .baseline import SourceReader, compare, load_baseline
from .build import BuildOptions, BuildResult, check_source, run_build
from .formats import render
from .jsonreport import build_report, dumps
from .policy import evaluate, make_policy, select
from .todo.rank import Ranker
from .todo.render import render_json, render_lines, render_text
from .todo.works import find_bibfiles, load_bibliography
from .view import ReportView

SOURCE_SUFFIXES = (".rst", ".md", ".txt")


def run(args: argparse.Namespace) -> int:
    """Entry point for the three commands (``checker.cli`` parses ``args``)."""
    handlers = {"report": _report, "todo": _todo, "baseline": _baseline}
    try:
        handler = handlers[args.command]
    except KeyError:
        raise InputError(f"unknown command {args.command!r}") from None
    return handler(args)


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--today expects YYYY-MM-DD, got {value!r}") from None


def _build(args: argparse.Namespace, today: date, out: Path | None = None) -> BuildResult:
    options = BuildOptions(
        src=args.source,
        conf=args.conf,
        out=out,
        today=today,
        online=args.online,
        refresh=args.refresh,
        need=args.need,
        progress=sys.stderr.isatty(),
    )
    result = run_build(options)
    return replace(result, findings=finalize(result.findings))


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # `citecheck report docs | head`: the reader left; that is not an error,
            # and Python must not complain again when it flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None


def _use_color(output: Path | None) -> bool:
    """ANSI colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _report(args: argparse.Namespace) -> int:
    check_source(args.source)
    today = parse_today(args.today)
    policy = make_policy(args.fail_on, args.max, args.min_severity)
    baseline = load_baseline(args.baseline) if args.baseline is not None else None

    build = _build(args, today, args.out)
    findings = select(build.findings, policy)
    comparison = None
    if baseline is not None:
        # a finding below --min-severity is not "gone" just because it is hidden
        comparison = compare(findings, select(baseline, policy), source_reader(args.source))
    verdict = evaluate(findings, policy, comparison)
    view = ReportView.of(
        findings, _display(args.source), comparison, verdict, doc_order=build.doc_order
    )
    _emit(render(args.format, view, color=_use_color(args.output)), args.output)
    return verdict.exit_code


def _baseline(args: argparse.Namespace) -> int:
    check_source(args.source)
    today = parse_today(args.today)
    findings = _build(args, today).findings
    _emit(dumps(build_report(findings, _display(args.source))), args.output)
    print(
        f"citecheck: baseline of {len(findings)} finding(s) written to {args.output}",
        file=sys.stderr,
    )
    return 0


def _todo(args: argparse.Namespace) -> int:
    from .todo.context import paragraph_at
    from .todo.worklist import build_worklist

    check_source(args.source)
    today = parse_today(args.today)
    if args.limit < 0:
        raise InputError("--limit must be 0 (no limit) or more")
    build = _build(args, today)
    findings = build.findings
    bibliography = load_bibliography(find_bibfiles(args.source))
    notes = [f"bibliography skipped: {why}" for why in bibliography.unreadable]
    read = source_reader(args.source)

    def context(finding: Finding) -> str:
        source = read(finding)
        return "" if source is None else paragraph_at(source, finding.line)

    items = build_worklist(
        findings,
        Ranker(bibliography.works),
        today,
        lead_docs=(build.root_doc,),
        limit=args.limit,
        context=context,
        doc_order=build.doc_order,
    )
    if args.format == "json":
        text = render_json(items, today, notes=notes)
    elif args.format == "lines":
        text = render_lines(items)
    else:
        text = render_text(items, notes=notes)
    _emit(text, args.output)
    return 0


def _display(src: Path) -> str:
    return src.as_posix().rstrip("/") or "."


def source_reader(src: Path) -> SourceReader:
    """Find the current text of a finding's document: by its path, else by its docname."""

    def read(finding: Finding) -> str | None:
        for candidate in _candidates(src, finding):
            if candidate.is_file():
                try:
                    return candidate.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
        return None

    return read


def _candidates(src: Path, finding: Finding) -> list[Path]:
    # the docname is the surest key; the reported path may be relative to the
    # source folder, to the working directory, or to the source's parent
    found = []
    if finding.doc is not None:
        found += [src / f"{finding.doc}{suffix}" for suffix in SOURCE_SUFFIXES]
    path = Path(finding.path)
    found += [path] if path.is_absolute() else [src / path, path, src.parent / path]
    return found
