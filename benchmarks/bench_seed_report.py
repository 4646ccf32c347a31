"""``citecheck report`` and ``citecheck todo`` on the converted seed, against Sphinx alone.

Run from the project folder: ``python benchmarks/bench_seed_report.py [--repeat N]``.
The baseline, timed in the same run, is ``sphinx-build -b dummy`` on the same
sources: reading every page and resolving it without writing anything, the
least any checker built on Sphinx must do.  Each command runs as a whole
process (start-up included), the way CI and editors run it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def timed(command: list[str], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=PROJECT, check=False, capture_output=True)
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        citecheck = [python, "-m", "checker"]
        source = ["docs", "--conf", "conf"]
        commands = {
            "sphinx-build -b dummy (baseline)": [
                python, "-m", "sphinx", "-q", "-E", "-b", "dummy", "-c", "conf", "docs",
                f"{tmp}/dummy",
            ],
            "citecheck report --format json": [
                *citecheck, "report", *source, "--format", "json", "--fail-on", "none",
                "-o", f"{tmp}/report.json",
            ],
            "citecheck report --format text": [*citecheck, "report", *source, "--fail-on", "none"],
            "citecheck todo": [*citecheck, "todo", *source],
        }  # fmt: skip
        results = {name: timed(command, args.repeat) for name, command in commands.items()}
    base = statistics.median(results["sphinx-build -b dummy (baseline)"])
    print(
        f"converted seed: docs/ ({len(list((PROJECT / 'docs').glob('*.rst')))} pages), "
        f"{args.repeat} runs each, whole processes"
    )
    for name, runs in results.items():
        median = statistics.median(runs)
        print(
            f"{name:<36} median {median:6.2f} s (min {min(runs):.2f}, max {max(runs):.2f})"
            f"  {median / base:5.2f}x baseline"
        )


if __name__ == "__main__":
    main()
