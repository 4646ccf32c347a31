"""Helpers for the extension's tests: copy a test root, build it, read its report."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, parent: Path, folder: str = "docs") -> Path:
    """A private copy of ``tests/roots/test-<name>`` at ``parent/folder`` (safe to edit)."""
    target = parent / folder
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(srcdir: Path, buildername: str = "citations", **kwargs: Any) -> SphinxTestApp:
    """Build ``srcdir`` into ``srcdir/../_build`` (kept between calls: incremental)."""
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=srcdir.parent / "_build", **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def report(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "citations.json").read_text(encoding="utf-8"))


def located(data: dict[str, Any]) -> list[tuple[str, int | None, str, str | None]]:
    return [(f["path"], f["line"], f["rule"], f["section"]) for f in data["findings"]]
