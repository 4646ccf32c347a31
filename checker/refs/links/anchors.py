"""Find a ``#fragment`` in an HTML page while it streams in.

The page is fed chunk by chunk and reading stops at the first match, so a
long page is only read as far as the anchor (and never past the body cap).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import unquote

#: GitHub renders README headings with this prefix on the id (sphinx#9016)
_PREFIXES = ("", "user-content-")


class _AnchorParser(HTMLParser):
    def __init__(self, anchor: str) -> None:
        super().__init__(convert_charrefs=True)
        self._wanted = {p + anchor for p in _PREFIXES}
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value in self._wanted:
                self.found = True
                return


def find_anchor(chunks: Iterable[bytes], anchor: str, encoding: str | None) -> bool:
    """Whether an element with ``id`` or ``name`` equal to ``anchor`` occurs."""
    parser = _AnchorParser(unquote(anchor))
    try:
        decoder = codecs.getincrementaldecoder(encoding or "utf-8")(errors="replace")
    except LookupError:  # a charset Python does not know: read it as UTF-8
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    for chunk in chunks:
        parser.feed(decoder.decode(chunk))
        if parser.found:
            return True
    parser.close()
    return parser.found
