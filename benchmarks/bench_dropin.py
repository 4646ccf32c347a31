"""What adding ``"checker"`` to a real project's extensions costs: time and warnings.

For each documentation folder given (inside an unpacked sdist), the sdist is
copied twice into a scratch folder; one copy's ``conf.py`` gets
``extensions = [*extensions, "checker"]`` appended, the other an assignment
that changes nothing (so both run the same conf.py plus one line).  Then
fresh HTML builds (``sphinx-build -E``) of the two copies alternate, each in
its own process, and the script prints per project:

- the best (lowest) CPU seconds of the plain build and of the build with the
  extension, over the runs, and their ratio (target: at most 1.05); and the
  median of the ratios of each run's pair of builds, which a machine whose
  load drifts during the runs moves less;
- the same for wall seconds (noisier on a shared machine);
- the CPU seconds spent inside the extension itself (loading it, its event
  handlers, its collector; timed in the build process by ``dropin_child.py``),
  and that time as a share of the plain build: the extension's cost without
  the machine's noise;
- the warnings the extension added: lines of the build's warning output that
  the plain build does not print (paths of the two copies made equal);
- with ``--calls``, one more build of each copy under ``cProfile``: the number
  of Python function calls each made, and their ratio -- deterministic, so the
  one figure here that no other job on the machine can move.

CPU time is user + system of the build process (``os.wait4``), so another
job on the machine moves it far less than wall time.  A warm-up build of each
copy runs first, uncounted, so both find Python's bytecode caches written.

The sdists are not part of the repository: download them into a scratch
folder (``pip download --no-deps --no-binary :all: NAME==VERSION``), unpack
them, and install their documentation requirements, Sphinx and citecheck's
own dependencies into a scratch virtual environment; pass its Python with
``--python``.  This repository is put on ``PYTHONPATH`` for the builds.

Run::

    python benchmarks/bench_dropin.py --python /tmp/venv/bin/python --runs 5 \\
        /tmp/sdists/attrs-25.4.0/docs /tmp/sdists/sphinx-9.0.4/doc ...

Not a test: it prints numbers for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "dropin_child.py"
ADD = '\nextensions = [*extensions, "checker"]  # added by bench_dropin\n'
SAME = "\nextensions = [*extensions]  # bench_dropin: the plain twin\n"
#: sphinx-build's coloured output, if any slips through
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Runs:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    own: list[float] = field(default_factory=list)  #: CPU s inside the extension
    calls: int = 0  #: Python function calls of one profiled build (``--calls``)
    warnings: set[str] = field(default_factory=set)
    pages: int = 0


def sdist_root(docs: Path) -> Path:
    """The unpacked sdist that holds ``docs`` (the folder with PKG-INFO)."""
    for folder in (docs, *docs.parents):
        if (folder / "PKG-INFO").is_file():
            return folder
    raise SystemExit(f"{docs}: not inside an unpacked sdist (no PKG-INFO above it)")


def prepare(docs: Path, scratch: Path, name: str, line: str) -> Path:
    """A copy of the sdist whose conf.py ends with ``line``; its docs folder."""
    root = sdist_root(docs)
    target = scratch / name / root.name
    shutil.copytree(root, target, symlinks=True)
    copy = target / docs.relative_to(root)
    conf = copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + line, encoding="utf-8")
    return copy


def build(
    python: str, docs: Path, out: Path, env: dict[str, str]
) -> tuple[float, float, dict[str, float], str]:
    """One fresh HTML build in its own process: CPU s, wall s, what the child
    measured inside (seconds in the extension, calls), warning output."""
    shutil.rmtree(out, ignore_errors=True)
    own = out.with_suffix(".own.json")
    args = [python, str(CHILD), str(own), "-E", "-q", "-b", "html", "-d", str(out / ".doctrees")]
    args += [str(docs), str(out)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"build of {docs} failed ({proc.returncode}):\n{text[-2000:]}")
    inside = json.loads(own.read_text(encoding="utf-8"))
    return usage.ru_utime + usage.ru_stime, wall, inside, text


def warning_lines(text: str, docs: Path, root: Path) -> set[str]:
    """Warning lines with the copy's own paths replaced, so the two copies compare."""
    text = _ANSI.sub("", text)
    text = text.replace(str(root), "<sdist>").replace(str(docs), "<docs>")
    return {line.strip() for line in text.splitlines() if "WARNING" in line or "ERROR" in line}


def measure(python: str, docs: Path, runs: int, scratch: Path, calls: bool) -> tuple[Runs, Runs]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["NO_COLOR"] = "1"
    copies = {
        "plain": prepare(docs, scratch, "plain", SAME),
        "checker": prepare(docs, scratch, "checker", ADD),
    }
    results = {name: Runs() for name in copies}
    for i in range(runs + 1):  # run 0 is the uncounted warm-up
        order = ("plain", "checker") if i % 2 == 0 else ("checker", "plain")
        for name in order:
            copy = copies[name]
            out = scratch / f"out-{name}"
            cpu, wall, measured, text = build(python, copy, out, env)
            inside = sum(v for k, v in measured.items() if k != "calls")
            if i == 0:
                results[name].warnings = warning_lines(text, copy, sdist_root(copy))
                results[name].pages = sum(1 for _ in out.rglob("*.html"))
                continue
            results[name].cpu.append(cpu)
            results[name].wall.append(wall)
            results[name].own.append(inside)
            print(
                f"  run {i} {name:7s} cpu {cpu:7.2f} s  wall {wall:7.2f} s  "
                f"inside the extension {inside:6.3f} s",
                flush=True,
            )
    if calls:
        counting = {**env, "DROPIN_COUNT_CALLS": "1"}
        for name, copy in copies.items():
            _, _, measured, _ = build(python, copy, scratch / f"out-{name}", counting)
            results[name].calls = int(measured["calls"])
            print(f"  {name:7s} {results[name].calls:,} Python function calls", flush=True)
    return results["plain"], results["checker"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="+", type=Path, help="documentation folders (conf.py)")
    parser.add_argument("--python", default=sys.executable, help="the scratch venv's Python")
    parser.add_argument(
        "--runs", type=int, default=5, help="counted builds of each copy (0: warnings, --calls)"
    )
    parser.add_argument("--keep", type=Path, help="scratch folder to use and keep")
    parser.add_argument("--calls", action="store_true", help="also count function calls")
    args = parser.parse_args()
    rows = []
    for docs in args.docs:
        docs = docs.resolve()
        name = sdist_root(docs).name
        print(f"{name}: {docs.relative_to(sdist_root(docs))}", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-dropin-") as tmp:
            scratch = args.keep / name if args.keep else Path(tmp)
            shutil.rmtree(scratch, ignore_errors=True)
            plain, checker = measure(args.python, docs, args.runs, scratch, args.calls)
        added = sorted(checker.warnings - plain.warnings)
        for line in added:
            print(f"  added warning: {line}")
        rows.append((name, plain, checker, added))
    print()
    for name, plain, checker, _ in rows:
        if plain.calls:
            ratio = checker.calls / plain.calls
            print(f"{name}: {plain.calls:,} -> {checker.calls:,} function calls ({ratio:.4f})")
    print()
    print(
        "| project | pages | plain CPU s | with checker CPU s | ratio | plain wall s | "
        "with checker wall s | ratio | pairwise CPU ratio (median) | "
        "inside the extension CPU s | share | warnings added |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, plain, checker, added in rows:
        if not plain.cpu:  # --runs 0: only the warm-up (warnings) and --calls
            print(f"| {name} | {plain.pages} | | | | | | | | | | {len(added)} |")
            continue
        cpu_ratio = min(checker.cpu) / min(plain.cpu)
        wall_ratio = min(checker.wall) / min(plain.wall)
        own = statistics.median(checker.own)
        pairs = statistics.median(c / p for c, p in zip(checker.cpu, plain.cpu, strict=True))
        print(
            f"| {name} | {plain.pages} | {min(plain.cpu):.2f} | {min(checker.cpu):.2f} | "
            f"{cpu_ratio:.3f} | {min(plain.wall):.2f} | {min(checker.wall):.2f} | "
            f"{wall_ratio:.3f} | {pairs:.3f} | {own:.3f} | {own / min(plain.cpu):.1%} | "
            f"{len(added)} |"
        )


if __name__ == "__main__":
    main()
