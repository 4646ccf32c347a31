"""Look up an archived copy of a URL in a Wayback-style availability API.

The API answers ``GET <api>?url=<url>`` with
``{"archived_snapshots": {"closest": {"available": true, "url": "..."}}}``
(https://archive.org/wayback/available has this shape); anything else,
including errors, means "no copy known".
"""

from __future__ import annotations

from typing import Any

import requests


def lookup_archive(session: requests.Session, api_url: str, url: str, timeout: Any) -> str | None:
    """The URL of the closest archived snapshot of ``url``, or ``None``."""
    try:
        with session.get(api_url, params={"url": url}, timeout=timeout) as response:
            if response.status_code != 200:
                return None
            data = response.json()
    except (requests.RequestException, ValueError):
        return None
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if isinstance(closest, dict) and closest.get("available") and closest.get("url"):
        return str(closest["url"])
    return None
