"""Run the ``citations`` builder on a source folder, in-process, and read its report.

The only module of :mod:`checker.report` that touches Sphinx (imported lazily,
so the formats load without it).  It never writes into the source folder: the
build goes to a temporary folder unless the user names one outside it.  Any
Sphinx failure -- a broken conf.py, an unknown extension, a crash -- becomes
a one-line :class:`~checker.errors.InputError`.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..findings import Finding
from .jsonreport import load_findings
from .todo.works import find_bibfiles

if TYPE_CHECKING:  # Sphinx itself is imported only when a build runs
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

BUILDER = "citations"
EXTENSION = "checker"
REPORT_FILE = "citations.json"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    src: Path
    conf: Path | None = None  #: folder with conf.py, used when SRC has none
    out: Path | None = None  #: keep the build here (default: a temporary folder)
    today: date | None = None
    online: bool = False  #: force online checks on (conf.py's citecheck_online otherwise)
    refresh: bool = False  #: ignore the link cache
    need: bool = False  #: force likely-needs-citation on (conf.py's citecheck_need otherwise)
    progress: bool = False  #: show a progress bar on stderr


@dataclass(frozen=True, slots=True)
class BuildResult:
    findings: list[Finding]
    warnings: str  #: what Sphinx logged as warnings, for ``--verbose`` style use
    #: docnames in reading order (the toctree from the root document, then the rest)
    doc_order: tuple[str, ...] = ()
    root_doc: str = "index"  #: the project's root document: its claims are the lead


def default_overrides(src: Path) -> dict[str, Any]:
    """Built-in configuration for a source folder without conf.py."""
    bibfiles = [p.relative_to(src).as_posix() for p in find_bibfiles(src)]
    overrides: dict[str, Any] = {
        "project": src.resolve().name,
        "extensions": [EXTENSION, *(["sphinxcontrib.bibtex"] if bibfiles else [])],
        "exclude_patterns": ["_build", "_article", ".*", "**/.*"],
    }
    if bibfiles:
        overrides["bibtex_bibfiles"] = bibfiles
    return overrides


def resolve_confdir(src: Path, conf: Path | None) -> Path | None:
    """SRC's own conf.py, else ``--conf``, else ``None`` (built-in defaults)."""
    if (src / "conf.py").is_file():
        return src
    if conf is None:
        return None
    if not (conf / "conf.py").is_file():
        raise InputError(f"--conf {conf} has no conf.py")
    return conf


def check_source(src: Path) -> None:
    if not src.exists():
        raise InputError(f"source folder {src} does not exist")
    if not src.is_dir():
        raise InputError(f"{src} is not a folder (give the Sphinx source folder)")


def _check_out(src: Path, out: Path) -> None:
    source, target = src.resolve(), out.resolve()
    if target == source or source in target.parents:
        raise InputError(f"--out {out} is inside the source folder; build outside it")


@contextmanager
def _outdir(out: Path | None) -> Iterator[Path]:
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot use --out {out}: {exc.strerror or exc}") from None
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="citecheck-") as tmp:
        yield Path(tmp)


def run_build(options: BuildOptions) -> BuildResult:
    src = options.src
    check_source(src)
    if options.out is not None:
        _check_out(src, options.out)
    confdir = resolve_confdir(src, options.conf)
    given: dict[str, Any] = {}  # what the command line sets, over conf.py
    if options.online:
        given["citecheck_online"] = True
    if options.refresh:
        given["citecheck_refresh"] = True
    if options.need:
        given["citecheck_need"] = True
    if options.today is not None:
        given["citecheck_today"] = options.today.isoformat()
    from ..refs.links import early  # no Sphinx: light to import

    # online: start on the sources' links before Sphinx loads (the build adopts it)
    early.start(src, confdir, given if confdir is not None else default_overrides(src) | given)
    try:
        overrides = with_extension(confdir) if confdir is not None else default_overrides(src)
        overrides.update(given)
        with _outdir(options.out) as outdir:
            warnings, order, root = _sphinx(src, confdir, outdir, overrides, options.progress)
            return BuildResult(_read_report(outdir / REPORT_FILE), warnings, order, root)
    finally:
        early.stop()


def with_extension(confdir: Path) -> dict[str, Any]:
    """Overrides that add the extension to a project whose conf.py does not load it.

    ``citecheck report`` works on any Sphinx source folder; the ``citations``
    builder must exist when Sphinx starts, so the extension is added to the
    project's own list (read here; conf.py runs once more in the build).
    """
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    try:
        config = Config.read(confdir.resolve(), overrides={}, tags=Tags())
    except ConfigError as exc:
        raise InputError(f"{confdir / 'conf.py'}: {_one_line(exc)}") from None
    except Exception as exc:  # conf.py is the user's code
        raise InputError(f"{confdir / 'conf.py'}: {type(exc).__name__}: {_one_line(exc)}") from None
    extensions = list(config.extensions)
    if EXTENSION in extensions:
        return {}
    return {"extensions": [*extensions, EXTENSION]}


def _sphinx(
    src: Path, confdir: Path | None, outdir: Path, overrides: dict[str, Any], progress: bool
) -> tuple[str, tuple[str, ...], str]:
    """Build; return the warnings, the reading order and the root document."""
    from sphinx.application import Sphinx
    from sphinx.errors import ExtensionError, SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    status, warning = io.StringIO(), io.StringIO()
    app: Sphinx | None = None
    try:
        # as sphinx-build does: roles and directives an extension registers in
        # docutils' global tables are undone afterwards, so one build (say with
        # sphinxcontrib-bibtex) cannot leak into the next one in this process
        with patch_docutils(confdir), docutils_namespace():
            app = Sphinx(
                srcdir=src,
                confdir=confdir,
                outdir=outdir,
                doctreedir=outdir / ".doctrees",
                buildername=BUILDER,
                confoverrides=overrides,
                status=status,
                warning=warning,
                freshenv=True,
            )
            with _progress(app, enabled=progress):
                app.build()
    except ExtensionError as exc:
        # "Handler <function ... at 0x...> for event ... threw an exception" names
        # neither the extension nor the error the user can act on; both are kept
        if exc.orig_exc is None:
            raise InputError(f"Sphinx cannot build {src}: {_one_line(exc)}") from None
        who = exc.modname or "an extension"
        raise InputError(
            f"Sphinx cannot build {src}: {who} failed: {_one_line(exc.orig_exc)}"
        ) from None
    except SphinxError as exc:
        raise InputError(f"Sphinx cannot build {src}: {_one_line(exc)}") from None
    except UnicodeDecodeError as exc:
        # Sphinx reads sources as UTF-8 and its error names no file
        raise InputError(
            f"{_being_read(app, src)} is not UTF-8: {exc.reason} at byte {exc.start}"
        ) from None
    except Exception as exc:  # a crash in conf.py or an extension is the user's to fix
        raise InputError(
            f"Sphinx failed on {src}: {type(exc).__name__}: {_one_line(exc)}"
        ) from None
    assert app is not None  # built, or one of the handlers above raised
    if app.statuscode:
        raise InputError(f"Sphinx could not build {src}: {_one_line(warning.getvalue())}")
    root = app.config.root_doc
    return (
        warning.getvalue(),
        reading_order(app.env.toctree_includes, app.env.found_docs, root),
        root,
    )


def _being_read(app: Sphinx | None, src: Path) -> str:
    """The source file Sphinx was reading when it stopped, else the source folder."""
    docname = app.env.docname if app is not None else ""
    if app is None or not docname:
        return src.as_posix()
    return Path(app.env.doc2path(docname)).as_posix()


def reading_order(
    includes: dict[str, list[str]], found: Iterable[str], root: str
) -> tuple[str, ...]:
    """Documents as a reader meets them: depth-first through the toctrees from
    ``root``, then documents outside every toctree, sorted."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        doc = stack.pop()
        if doc in seen:
            continue
        seen.add(doc)
        order.append(doc)
        stack.extend(reversed(includes.get(doc, [])))
    order += sorted(set(found) - seen)
    return tuple(order)


@contextmanager
def _progress(app: Sphinx, *, enabled: bool) -> Iterator[None]:
    """A bar on stderr that advances per document read; nothing when disabled."""
    if not enabled:
        yield
        return
    from tqdm import tqdm

    bar = tqdm(desc="citecheck: reading", unit="doc", file=sys.stderr, leave=False)

    def start(_app: Sphinx, _env: BuildEnvironment, docnames: list[str]) -> None:
        bar.reset(total=len(docnames))

    def advance(_app: Sphinx, _doctree: nodes.document) -> None:
        bar.update(1)

    app.connect("env-before-read-docs", start)
    app.connect("doctree-read", advance)
    try:
        yield
    finally:
        bar.close()


def _read_report(path: Path) -> list[Finding]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"the {BUILDER} builder wrote no {REPORT_FILE}: is 'checker' in the extensions?"
        ) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {_one_line(exc)}") from None
    try:
        return load_findings(document)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: {_one_line(exc)}") from None


def _one_line(exc: BaseException | str) -> str:
    """One line from a message that may hold a traceback or a log."""
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    if isinstance(exc, str):  # a warning log: the last line is the one that stopped it
        return lines[-1]
    if len(lines) > 1 and lines[0].endswith(":"):
        # "There is a programmable error in your configuration file:" + traceback:
        # the traceback's last line says what went wrong
        return f"{lines[0]} {lines[-1]}"
    return lines[0]
