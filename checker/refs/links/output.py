"""Results in the files linkcheck writes, so tools that read them keep working.

``output.json`` is JSON Lines, one object per place a URL is used
(``filename, lineno, status, code, uri, info``); ``output.txt`` lists the
links that need attention as ``file:line: [status] uri: info``.  Both are
sorted, so two runs over the same input diff clean.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...fsutil import write_atomic
from .status import LinkResult, Status

#: statuses that need no line in output.txt (linkcheck omits them too)
_QUIET = frozenset({Status.WORKING, Status.IGNORED, Status.UNCHECKED})


def linkcheck_records(results: Iterable[LinkResult]) -> list[dict[str, Any]]:
    """One linkcheck-style record per place, sorted by file, line and URL."""
    records = [
        {
            "filename": place.path,
            "lineno": place.line or 0,
            "status": result.status.value,
            "code": result.code,
            "uri": result.url,
            "info": result.new_url if result.status is Status.REDIRECTED else result.info,
        }
        for result in results
        for place in result.places
    ]
    return sorted(records, key=lambda r: (r["filename"], r["lineno"], r["uri"]))


def output_text(results: Iterable[LinkResult]) -> str:
    lines = [
        f"{r['filename']}:{r['lineno']}: [{r['status']}] {r['uri']}: {r['info']}"
        for r in linkcheck_records(results)
        if Status(r["status"]) not in _QUIET
    ]
    return "".join(line + "\n" for line in lines)


def write_linkcheck_outputs(results: Iterable[LinkResult], outdir: Path) -> None:
    """Write ``output.json`` and ``output.txt`` into ``outdir``, atomically."""
    results = list(results)
    records = linkcheck_records(results)
    write_atomic(outdir / "output.json", "".join(json.dumps(r) + "\n" for r in records))
    write_atomic(outdir / "output.txt", output_text(results))
