"""Helpers for the published-output tests: build the real docs/, serve them, read the PDF.

The site tests check what a reader meets, so they build the committed
``docs/`` with the committed ``conf/`` exactly as ``make docs`` does (a
``sphinx-build`` subprocess, so nothing of the test process leaks into the
build), serve the HTML from a ``ThreadingHTTPServer`` on 127.0.0.1 with a
free port, and read the PDF with poppler's own tools.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
CONF = PROJECT / "conf"
CHROMIUM = Path("/usr/bin/chromium")
#: the poppler and TeX programs the PDF tests need
PDF_TOOLS = ("xelatex", "latexmk", "pdftotext", "pdffonts", "pdftoppm")


def missing_pdf_tools() -> list[str]:
    return [tool for tool in PDF_TOOLS if shutil.which(tool) is None]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return env


def sphinx_build(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build`` with this interpreter; raise with its output on failure."""
    cmd = [sys.executable, "-m", "sphinx", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), check=False)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def shared_tmp(factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this session sees (the session's own without xdist)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(root: Path, name: str, make: Callable[[Path], object]) -> Path:
    """``root/name`` after ``make(root/name)`` ran there once for the whole session.

    Workers wait on a lock file; the first to get it builds, the others reuse
    its output (a marker says the build finished, so a failed build is retried).
    """
    out, done = root / name, root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            make(out)
            done.touch()
    return out


def build_html(out: Path) -> None:
    """The site as ``make html`` builds it, into ``out/html``."""
    sphinx_build("-q", "-b", "html", "-c", str(CONF), str(DOCS), str(out / "html"))


def build_citations(out: Path) -> None:
    """The ``citecheck/report/v1`` document of the same sources, as ``out/citations.json``."""
    sphinx_build("-q", "-b", "citations", "-c", str(CONF), str(DOCS), str(out))


def read_report(out: Path) -> dict[str, Any]:
    return json.loads((out / "citations.json").read_text(encoding="utf-8"))


def build_pdf(out: Path) -> None:
    """The PDF as ``make pdf`` builds it (``-M`` must come first), into ``out/latex/latex``."""
    sphinx_build("-M", "latexpdf", str(DOCS), str(out / "latex"), "-c", str(CONF), "-q")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest's output for failures


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port); yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def flags_by_doc(report: dict[str, Any]) -> dict[str, int]:
    """How many flag findings (inline tags) the report counts per document."""
    counts: dict[str, int] = {}
    for finding in report["findings"]:
        if finding["category"] == "flag":
            counts[finding["doc"]] = counts.get(finding["doc"], 0) + 1
    return counts


def normalise(text: str) -> str:
    """NFC, and whitespace runs (line and page breaks of pdftotext) as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdftotext(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """Rows of ``pdffonts``: name, type and the emb / sub / uni columns."""
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = []
    for line in lines[2:]:  # a header and a rule of dashes
        # the name and type may hold spaces; the last five columns do not
        head, *tail = line.rsplit(None, 6)
        emb, sub, uni = tail[1], tail[2], tail[3]
        rows.append({"name": head.split()[0] if head else "", "emb": emb, "sub": sub, "uni": uni})
    return rows


def render_page(pdf: Path, page: int, target: Path) -> Path:
    """Page ``page`` (1-based) of ``pdf`` as a PNG at 80 dpi; returns its path."""
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return stem.with_suffix(".png")
