"""Time every report format on 10,000 synthetic findings, as ratios to JSON.

    python benchmarks/bench_report.py [--findings N] [--repeat R] [REPORT.json]

(with the package installed, ``make venv``; or ``PYTHONPATH=.``)

Prints, per format, the best-of-R wall time and its ratio to the ``json``
format measured in the same run (so machines compare by ratio, not seconds).
Also times the baseline comparison and the worklist (ranking candidate
sources) on the same findings.  Given a ``citecheck/report/v1`` file (for
instance ``build/report/citations.json`` of the seed article), it renders
that report too.  Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from checker.findings import Category, Finding, Severity, finalize
from checker.rank import Source
from checker.report.baseline import compare
from checker.report.formats import FORMATS, render
from checker.report.jsonreport import load_findings
from checker.report.policy import Policy, evaluate
from checker.report.todo.worklist import build_worklist
from checker.report.view import ReportView

WORDS = (
    "army", "congress", "exile", "revolution", "party", "committee", "treaty", "railway",
    "strike", "council", "newspaper", "émigré", "Петербург", "faction", "opposition", "trial",
    "sentence", "prison", "escape", "manifesto", "pamphlet", "delegate", "commission", "front",
    "offensive", "negotiation",
)  # fmt: skip
RULES = (
    ("citation-needed", Category.FLAG),
    ("dubious", Category.FLAG),
    ("when", Category.FLAG),
    ("more-citations-needed", Category.BANNER),
    ("ref-incomplete", Category.REFERENCE),
    ("isbn-invalid", Category.IDENTIFIER),
)


def synthetic(n: int, seed: int = 1) -> list[Finding]:
    rng = random.Random(seed)
    found = []
    for i in range(n):
        rule, category = RULES[i % len(RULES)]
        doc = f"chapter-{i % 40:02d}"
        claim = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
        found.append(
            Finding(
                rule=rule,
                category=category,
                severity=Severity.ERROR if i % 17 == 0 else Severity.WARNING,
                path=f"docs/{doc}.rst",
                line=10 + i,
                message="claim has no source: cite a reliable source, 100% or remove it",
                text=f"{claim} in {1870 + i % 70} ({i})",
                doc=doc,
                section=f"Section {i % 9}: {rng.choice(WORDS)}",
                date=f"{2008 + i % 15}-{1 + i % 12:02d}",
            )
        )
    return finalize(found)


def works(n: int = 200, seed: int = 2) -> list[Source]:
    rng = random.Random(seed)
    result = []
    for i in range(n):
        start = 1850 + rng.randint(0, 80)
        title = " ".join(rng.choice(WORDS) for _ in range(5)).title()
        title = f"{title}: {start}–{start + rng.randint(0, 40)}"
        result.append(Source(f"work{i}", title, title))
    return result


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def table(view: ReportView, repeat: int, title: str) -> None:
    base = best(lambda: render("json", view), repeat)
    print(f"\n{title}: {len(view.findings)} findings, best of {repeat}")
    print(f"{'format':<10} {'seconds':>9} {'x json':>8}")
    for name in FORMATS:
        seconds = base if name == "json" else best(lambda n=name: render(n, view), repeat)
        print(f"{name:<10} {seconds:>9.4f} {seconds / base:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="a citecheck/report/v1 JSON file")
    parser.add_argument("--findings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    findings = synthetic(args.findings)
    # a baseline in which a tenth of today's findings are missing and a tenth are gone
    baseline = findings[args.findings // 10 :] + synthetic(args.findings // 10, seed=9)
    comparison = compare(findings, baseline, lambda f: "")
    view = ReportView.of(findings, "docs", comparison, evaluate(findings, Policy(), comparison))
    table(view, args.repeat, "synthetic, with a baseline")

    json_time = best(lambda: render("json", view), args.repeat)
    print(f"\n{'step':<28} {'seconds':>9} {'x json':>8}")
    for label, fn in (
        ("finalize (ids, sort)", lambda: finalize(findings)),
        ("baseline compare", lambda: compare(findings, baseline, lambda f: "")),
        (
            "worklist, 200 works",
            lambda: build_worklist(findings, works(), date(2026, 11, 25)),
        ),
    ):
        seconds = best(fn, max(1, args.repeat // 2))
        print(f"{label:<28} {seconds:>9.4f} {seconds / json_time:>8.2f}")

    if args.report is not None:
        document = json.loads(args.report.read_text(encoding="utf-8"))
        real = ReportView.of(load_findings(document), document.get("source", "docs"))
        table(real, args.repeat, f"{args.report}")


if __name__ == "__main__":
    main()
