"""What ``make docs`` costs: the HTML build, the PDF build and the citation report, in one run.

Each step runs the command ``make`` runs, as a fresh full build into a new
temporary folder (no environment pickle, no LaTeX aux files to reuse),
in its own process: wall time, Python start-up and Sphinx's import included,
because that is what a docs builder waits for.  Steps alternate (HTML, PDF,
report, HTML, ...) so a slow moment of the machine does not fall on one step
only; median and min of N rounds; ratios against the HTML build of the same
run (the baseline: the build every project has).

Run: ``PYTHONPATH=. python benchmarks/bench_docs.py [--rounds N] [--source docs --conf conf]``.
Not a test: it prints a Markdown table for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def steps(source: Path, conf: Path, out: Path) -> dict[str, list[str]]:
    """The commands of ``make html``, ``make pdf`` and ``make report`` (JSON), into ``out``."""
    py = sys.executable
    return {
        "HTML (`make html`)": [
            py, "-m", "sphinx", "-q", "-b", "html", "-c", str(conf), str(source), str(out / "html"),
        ],
        "PDF (`make pdf`: LaTeX + xelatex via latexmk)": [
            py, "-m", "sphinx", "-M", "latexpdf", str(source), str(out / "latex"),
            "-c", str(conf), "-q",
        ],
        "citation report (`citecheck report --format json`)": [
            py, "-m", "checker", "report", str(source), "--conf", str(conf), "--format", "json",
            "-o", str(out / "citations.json"), "--fail-on", "none",
        ],
    }  # fmt: skip


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT / "docs")
    parser.add_argument("--conf", type=Path, default=ROOT / "conf")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))

    times: dict[str, list[float]] = {}
    pdf_pages = ""
    source, conf = args.source.resolve(), args.conf.resolve()
    for _ in range(args.rounds):
        for name in steps(source, conf, Path()):
            out = Path(tempfile.mkdtemp(prefix="bench-docs-"))
            try:
                times.setdefault(name, []).append(run(steps(source, conf, out)[name], env))
                for pdf in (out / "latex" / "latex").glob("*.pdf"):
                    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
                    pdf_pages = next(
                        (line.split()[-1] for line in info.stdout.splitlines()
                         if line.startswith("Pages:")), "")  # fmt: skip
            finally:
                shutil.rmtree(out, ignore_errors=True)

    baseline = statistics.median(next(iter(times.values())))
    print(f"{args.rounds} rounds, fresh builds of {args.source}; PDF: {pdf_pages} pages\n")
    print("| step | median s | min s | × HTML |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {min(values):.2f} | {median / baseline:.2f} |")
    total = sum(statistics.median(v) for v in times.values())
    print(f"| `make docs` (the three, serially) | {total:.2f} | | {total / baseline:.2f} |")


if __name__ == "__main__":
    main()
