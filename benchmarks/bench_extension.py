"""What the citecheck Sphinx extension costs, measured in one run against a no-op baseline.

1. Overhead: a full HTML build of the same sources twice over -- once with
   ``extensions = ["checker"]``, once with every role and directive of the
   markup defined as a plain no-op -- alternating, median of N runs; prints
   the ratio.  ``--source DIR`` measures a real project (e.g. the converted
   article in ``docs/`` with ``--conf conf``) instead of the synthetic one.
2. Growth: synthetic projects of increasing size (up to 1,000 pages with
   10,000 flags): HTML build time, ``citations`` build time, and the time
   to compute findings plus render the report page, per size.

Times are CPU seconds of this process (``time.process_time``): builds run
serially in-process, and CPU time is far less disturbed than wall time by
other work on a shared machine.

Run: ``PYTHONPATH=. python benchmarks/bench_extension.py [--quick]``.
Not a test: it prints numbers for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import tags  # noqa: E402
from checker.report.jsonreport import build_report, dumps  # noqa: E402
from checker.sphinxext.check.pipeline import run_checks  # noqa: E402
from checker.sphinxext.config import today_of  # noqa: E402
from checker.sphinxext.domain import get_domain  # noqa: E402
from checker.sphinxext.index import build_index  # noqa: E402
from checker.sphinxext.render.reportpage import ReportBuilder, ReportContext  # noqa: E402

#: the baseline extension: same markup, every role and directive a no-op
NOOP_EXTENSION = """
from docutils import nodes
from docutils.parsers.rst import Directive, directives

ROLES = {roles!r}
BANNERS = {banners!r}


def noop_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    return [nodes.inline(rawtext, text)], []


class NoopDirective(Directive):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {{"scope": directives.unchanged, "date": directives.unchanged}}

    def run(self):
        return []


def setup(app):
    for name in ROLES:
        app.add_role(name, noop_role)
    for name in BANNERS + ["efn-text", "authority-control", "citation-report"]:
        app.add_directive(name, NoopDirective)
    return {{"parallel_read_safe": True, "parallel_write_safe": True}}
"""

CONF = """
project = "bench"
extensions = {extensions!r}
citecheck_today = "2026-01-15"
exclude_patterns = ["_build"]
html_theme = "basic"
"""

ROLE_CYCLE = ("cn", "citation-needed", "clarify", "by-whom", "who", "when", "dubious")


def page(n: int, flags: int) -> str:
    """One synthetic page: three sections, ordinary prose, ``flags`` tagged claims."""
    lines = [f"Page {n}", "=" * (len(str(n)) + 5), ""]
    per_section = [flags // 3 + (1 if i < flags % 3 else 0) for i in range(3)]
    for s, count in enumerate(per_section):
        title = f"Section {n}.{s}"
        lines += [title, "-" * len(title), ""]
        if n % 10 == 0 and s == 0:
            lines += [".. more-citations-needed::", "   :date: 2011-05", ""]
        lines += [
            "Ordinary prose with *emphasis*, ``literal`` text and a "
            "`link <https://example.org/page>`_ that needs nothing.",
            "",
        ]
        for i in range(count):
            role = ROLE_CYCLE[(n + i) % len(ROLE_CYCLE)]
            lines += [
                f"Sentence {i} states a fact about page {n}, which",
                f"is :{role}:`claim {i} of section {s} <2010-{(i % 12) + 1:02d}>` here.",
                "",
            ]
        if s == 1 and n % 5 == 0:
            lines += [f"A remark.\\ :efn:`n{n}`", "", f".. efn-text:: n{n}", "", "   A note.", ""]
    return "\n".join(lines) + "\n"


PROSE = (
    "The committee met again in the spring and argued at length about the terms, "
    "the newspapers of the capital reported the debates in detail, and the delegates "
    "returned to their provinces with instructions that were, as later historians noted, "
    "far from unanimous. "
)


def make_article(root: Path, baseline: bool) -> Path:
    """A project shaped like a converted encyclopedia article (the seed is ~12,000 words).

    12 pages of about 1,000 words each in three sections, 31 inline tags, 3 banners,
    4 explanatory notes and a report page -- the density of the seed article.
    """
    src = make_project(root, 12, 0, baseline)
    flags_left = 31
    for n in range(12):
        lines = [f"Chapter {n}", "=" * (len(str(n)) + 8), ""]
        for s in range(3):
            title = f"Part {n}.{s}"
            lines += [title, "-" * len(title), ""]
            if s == 1 and n % 4 == 0:
                lines += [".. more-citations-needed::", "   :date: 2010-11", ""]
            for p in range(4):
                text = PROSE * 2
                if flags_left and (n * 12 + s * 4 + p) % 3 == 0:
                    role = ROLE_CYCLE[flags_left % len(ROLE_CYCLE)]
                    text += f":{role}:`a claim that needs a source <2011-0{1 + p}>`. "
                    flags_left -= 1
                if p == 2 and s == 0 and n % 3 == 0:
                    text += f"A remark.\\ :efn:`c{n}` "
                lines += [text.strip(), ""]
            if s == 0 and n % 3 == 0:
                lines += [f".. efn-text:: c{n}", "", "   An explanatory note.", ""]
        (src / f"p{n:04d}.rst").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def make_project(root: Path, pages: int, flags_per_page: int, baseline: bool) -> Path:
    src = root / ("baseline" if baseline else "checker")
    src.mkdir(parents=True)
    names = [f"p{n:04d}" for n in range(pages)]
    for n, name in enumerate(names):
        (src / f"{name}.rst").write_text(page(n, flags_per_page), encoding="utf-8")
    (src / "report.rst").write_text("Report\n======\n\n.. citation-report::\n", "utf-8")
    toc = "\n".join(f"   {name}" for name in [*names, "report"])
    (src / "index.rst").write_text(f"Bench\n=====\n\n.. toctree::\n\n{toc}\n", "utf-8")
    if baseline:
        roles = [name for name, _ in tags.all_role_names()] + ["efn"]
        banners = [b.name for b in tags.BANNERS]
        (src / "noop_markup.py").write_text(
            NOOP_EXTENSION.format(roles=roles, banners=banners), "utf-8"
        )
        conf = "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        conf += CONF.format(extensions=["noop_markup"])
    else:
        conf = CONF.format(extensions=["checker"])
    (src / "conf.py").write_text(conf, encoding="utf-8")
    return src


@contextlib.contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.process_time()
    yield box
    box.append(time.process_time() - start)


def build(src: Path, builder: str, confdir: Path | None = None) -> tuple[float, Sphinx]:
    out = src.parent / f"_build-{src.name}-{builder}"  # beside the sources, never inside
    shutil.rmtree(out, ignore_errors=True)
    gc.collect()  # each build starts with the same garbage-collector state
    quiet = io.StringIO()
    with timed() as t:
        app = Sphinx(
            src,
            confdir or src,
            out / builder,
            out / "doctrees",
            builder,
            status=quiet,
            warning=quiet,
            freshenv=True,
        )
        app.build(force_all=True)
    return t[0], app


def report_time(app: Sphinx) -> float:
    """Findings from the merged records, the index, the report page and JSON, from scratch."""
    gc.collect()  # start from the same collector state at every size
    with timed() as t:
        findings = run_checks(app)
        index = build_index(app.env, get_domain(app).docs, findings)
        context = ReportContext(
            index, lambda doc, anchor: f"{doc}#{anchor}", today_of(app.config), "section"
        )
        ReportBuilder(context).build()
        dumps(build_report(findings, source="bench"))
    return t[0]


def overhead(args: argparse.Namespace, tmp: Path) -> None:
    if args.source:
        src = Path(args.source).resolve()
        conf = Path(args.conf).resolve() if args.conf else src
        base = tmp / "real"
        # keep the folder's own name: conf.py may name files relative to it (../docs/x.bib)
        checker = base / "checker" / src.name
        shutil.copytree(src, checker)
        baseline = base / "baseline" / src.name
        shutil.copytree(src, baseline)
        make_project(tmp / "noop", 1, 0, baseline=True)
        shutil.copy(tmp / "noop" / "baseline" / "noop_markup.py", baseline)
        original = (conf / "conf.py").read_text(encoding="utf-8")
        for target, ext in ((checker, None), (baseline, "noop_markup")):
            text = original
            if ext:
                text = "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n" + text
                text += f'\nextensions = ["{ext}" if e == "checker" else e for e in extensions]\n'
            (target / "conf.py").write_text(text, encoding="utf-8")
        label = f"{src.name} (real project)"
    else:
        checker = make_article(tmp / "overhead", baseline=False)
        baseline = make_article(tmp / "overhead", baseline=True)
        label = "article-like: 12 pages, ~12,500 words, 31 flags, 3 banners, 4 notes"
    runs = 3 if args.quick else args.runs
    with_ext, without = [], []
    for _ in range(runs):
        without.append(build_in_subprocess(baseline))
        with_ext.append(build_in_subprocess(checker))
    print(f"overhead ({label}), {runs} alternating full HTML builds each, fresh process each:")
    for name, pick in (("median", statistics.median), ("min", min)):
        a, b = pick(with_ext), pick(without)
        print(
            f"  {name:6}  no-op roles {b:6.3f} s   citecheck {a:6.3f} s   "
            f"ratio {a / b:6.3f} (+{(a / b - 1) * 100:.1f} %)"
        )


#: runs one timed build in a fresh interpreter: no drift from earlier builds' garbage
RUNNER = """
import sys, time, io, shutil
from pathlib import Path
from sphinx.application import Sphinx
import checker.sphinxext  # imported before timing, like sphinx-build's own start-up
src = Path(sys.argv[1]); out = src.parent / ("_build-" + src.name)
shutil.rmtree(out, ignore_errors=True)
quiet = io.StringIO()
start = time.process_time()
app = Sphinx(src, src, out / "html", out / "doctrees", "html", status=quiet, warning=quiet,
             freshenv=True)
app.build(force_all=True)
print(time.process_time() - start)
"""


def build_in_subprocess(src: Path) -> float:
    """CPU seconds of one full HTML build (setup included, interpreter start-up not)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(src)])}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(src)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def growth(args: argparse.Namespace, tmp: Path) -> None:
    sizes = (50, 100, 200) if args.quick else (250, 500, 1000)
    print("growth (10 flags per page), one run each; 'no-op' = same sources, no-op roles:")
    head = (
        "pages",
        "flags",
        "no-op html s",
        "html s",
        "ratio",
        "citations s",
        "report s",
        "report us/flag",
    )
    print("  " + " ".join(f"{h:>14}" for h in head))
    for pages in sizes:
        src = make_project(tmp / f"grow{pages}", pages, 10, baseline=False)
        base = make_project(tmp / f"grow{pages}", pages, 10, baseline=True)
        plain, _ = build(base, "html")
        html, _ = build(src, "html")
        cite, app = build(src, "citations")
        flags = sum(len(r.flags) for r in get_domain(app).records())
        rep = report_time(app)
        row = (
            pages,
            flags,
            f"{plain:.2f}",
            f"{html:.2f}",
            f"{html / plain:.3f}",
            f"{cite:.2f}",
            f"{rep:.3f}",
            f"{rep / flags * 1e6:.0f}",
        )
        print("  " + " ".join(f"{v:>14}" for v in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 runs")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--source", help="measure this Sphinx source folder's overhead")
    parser.add_argument("--conf", help="folder of its conf.py, when not in --source")
    parser.add_argument("--skip-growth", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as name:
        tmp = Path(name)
        overhead(args, tmp)
        if not args.skip_growth:
            growth(args, tmp)


if __name__ == "__main__":
    main()
