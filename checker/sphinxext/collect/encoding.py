"""A page that is not in the source encoding is read anyway, and becomes a finding.

Sphinx reads each page with ``Path.read_text(encoding=settings["input_encoding"])``
and stops the whole build at the first byte that does not decode -- naming
no file.  The extension gives Sphinx a lenient twin of ``source_encoding``
instead: the same codec, but a byte that does not decode becomes U+FFFD.
When a page read that way holds U+FFFD, its bytes are decoded again
strictly; if that fails, the page gets a ``source-encoding`` problem at the
line of the first bad byte, and every page, this one included, is still
checked.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: codec names are looked up lower-cased with "-" and " " turned into "_"
PREFIX = "citecheck_lenient_"
#: where ``source-read`` leaves a page's decoding problem for the collector
PROBLEM_KEY = "citecheck_source_encoding"

_REGISTERED = False


def _lenient(name: str) -> codecs.CodecInfo | None:
    """The codec search function: ``citecheck_lenient_<codec>`` -> that codec, replacing."""
    if not name.startswith(PREFIX):
        return None
    try:
        inner = codecs.lookup(name[len(PREFIX) :])
    except LookupError:
        return None

    def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
        return inner.decode(data, "replace" if errors == "strict" else errors)

    base_decoder = inner.incrementaldecoder or codecs.IncrementalDecoder
    base_reader = inner.streamreader or codecs.StreamReader

    class IncrementalDecoder(base_decoder):  # type: ignore[valid-type, misc]
        def __init__(self, errors: str = "strict") -> None:
            super().__init__("replace" if errors == "strict" else errors)

    class StreamReader(base_reader):  # type: ignore[valid-type, misc]
        def __init__(self, stream: Any, errors: str = "strict") -> None:
            super().__init__(stream, "replace" if errors == "strict" else errors)

    return codecs.CodecInfo(
        inner.encode,
        decode,
        streamreader=StreamReader,
        streamwriter=inner.streamwriter,
        incrementalencoder=inner.incrementalencoder,
        incrementaldecoder=IncrementalDecoder,
        name=PREFIX + inner.name,
    )


def lenient_name(encoding: str) -> str:
    """The lenient twin of ``encoding`` (registered on first use)."""
    global _REGISTERED
    if not _REGISTERED:
        codecs.register(_lenient)
        _REGISTERED = True
    return PREFIX + codecs.lookup(encoding).name.replace("-", "_")


def read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: pages are read with the lenient codec (main process,
    so parallel readers inherit it)."""
    encoding = env.config.source_encoding
    if not str(env.settings.get("input_encoding", "")).startswith(PREFIX):
        env.settings["input_encoding"] = lenient_name(encoding)


def first_bad_byte(data: bytes, encoding: str) -> tuple[int, int, str] | None:
    """``(line, byte value, reason)`` of the first byte that does not decode, or None."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1, data[error.start], error.reason
    return None


def check_source(app: Sphinx, docname: str, content: list[str]) -> None:
    """``source-read``: a page whose text holds U+FFFD is decoded again, strictly."""
    if "\ufffd" not in content[0]:
        return
    env = app.env
    try:
        data = Path(env.doc2path(docname)).read_bytes()
    except OSError:
        return
    encoding = env.config.source_encoding
    bad = first_bad_byte(data, encoding)
    if bad is None:
        return  # the page holds U+FFFD itself
    line, byte, reason = bad
    count = content[0].count("\ufffd")
    name = "UTF-8" if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else encoding
    message = (
        f"the page is not {name} ({reason}: byte 0x{byte:02x} at line {line}); "
        f"{count} character(s) were read as \ufffd: save it as {name}"
    )
    env.current_document[PROBLEM_KEY] = (line, f"byte 0x{byte:02x}", message)
