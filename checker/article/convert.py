"""``citecheck convert``: flattened article -> Sphinx project, without clobbering edits.

Everything is generated in memory first; only then are files written, each
atomically.  A manifest of the hashes written lets a second run tell an
editor's change from our own output: changed files make the run refuse
(exit 2, naming them) unless ``--force``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fsutil import write_atomic
from .analyse import Analysis, analyse
from .appendix import AppendixRenderer
from .bibtex import bibliography
from .pages import REPORT_PAGE, Page, index_page, report_page, section_pages
from .reader import read_article
from .text import title_case

MANIFEST = ".citecheck-manifest.json"
BIBFILE = "references.bib"


@dataclass(slots=True)
class Conversion:
    files: dict[str, str]  #: relative path -> text
    analysis: Analysis


def convert_text(text: str, fallback_title: str) -> Conversion:
    """The whole project as {relative path: text}; pure, writes nothing."""
    analysis = analyse(text, fallback_title)
    raw_lines = [line.split() for line in text.split("\n")]
    appendix = AppendixRenderer(analysis, raw_lines)
    pages = section_pages(analysis, appendix)
    files = {f"{page.name}.rst": page.text for page in pages}
    files["index.rst"] = index_page(analysis, pages)
    files[f"{REPORT_PAGE}.rst"] = report_page()
    files[BIBFILE] = bibliography(appendix.works)
    _count(analysis, pages)
    return Conversion(files, analysis)


def _count(analysis: Analysis, pages: list[Page]) -> None:
    log = analysis.log
    log.count("pages", len(pages) + 2)
    log.count("headings", len(analysis.body.headings))
    for flag in [*analysis.lead.flags, *analysis.body.flags]:
        log.count(f"tag {flag.tag}")
    for marker in [*analysis.lead.markers, *analysis.body.markers]:
        log.count(marker.kind)
        if marker.kind not in ("banner", "hatnote", "caption", "quote", "attribution"):
            log.remove(marker.kind, marker.end - marker.at)
    log.count("authority identifiers", len(analysis.authority))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _changed_files(out: Path, files: dict[str, str]) -> list[str]:
    """Files an editor changed since we wrote them, or that we never wrote."""
    manifest_path = out / MANIFEST
    recorded: dict[str, str] = {}
    if manifest_path.exists():
        try:
            recorded = json.loads(manifest_path.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError):
            raise InputError(f"{manifest_path}: unreadable manifest; use --force") from None
    changed = []
    for name, text in files.items():
        target = out / name
        if not target.exists():
            continue
        current = _digest(target.read_text(encoding="utf-8", errors="replace"))
        if current == _digest(text):
            continue
        if recorded.get(name) != current:
            changed.append(name)
    return sorted(changed)


def write_project(out: Path, conversion: Conversion, *, force: bool) -> list[str]:
    """Write the files; return the names written.  Refuses to clobber edits."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    changed = _changed_files(out, conversion.files)
    if changed and not force:
        names = ", ".join(changed[:8]) + (" ..." if len(changed) > 8 else "")
        raise InputError(
            f"{out}: {len(changed)} file(s) changed since the last conversion ({names}); "
            "use --force to overwrite"
        )
    written = []
    for name, text in sorted(conversion.files.items()):
        target = out / name
        if target.exists() and target.read_text(encoding="utf-8", errors="replace") == text:
            continue
        write_atomic(target, text)
        written.append(name)
    manifest = {
        "generator": "citecheck convert",
        "files": {name: _digest(text) for name, text in sorted(conversion.files.items())},
    }
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return written


def summary(conversion: Conversion, out: Path, written: list[str]) -> str:
    log = conversion.analysis.log
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(log.counts.items()))
    removed = ", ".join(f"{k} {v} words" for k, v in sorted(log.removed.items())) or "none"
    lines = [
        f"converted {conversion.analysis.layout.title!r} into {out}/ "
        f"({len(conversion.files)} files, {len(written)} written)",
        f"  {counts}",
        f"  furniture kept out of the prose (as reST comments): {removed}",
    ]
    if log.unsure:
        lines.append(f"  unsure ({len(log.unsure)}):")
        lines += [f"    - {item}" for item in log.unsure]
    return "\n".join(lines)


def run_convert(article: Path, out: Path, *, force: bool = False, quiet: bool = False) -> int:
    text = read_article(article)
    fallback = title_case(article.stem.replace("-", " ").replace("_", " "))
    conversion = convert_text(text, fallback)
    written = write_project(out, conversion, force=force)
    if not quiet:
        print(summary(conversion, out, written), file=sys.stdout)
    return 0
