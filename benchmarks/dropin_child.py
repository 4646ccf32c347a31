"""One ``sphinx-build`` run for ``bench_dropin.py``, timing the extension's own share.

``python dropin_child.py RESULT.json SPHINX-BUILD-ARGS...`` runs
``sphinx.cmd.build.build_main`` in this process and writes the CPU seconds
spent inside citecheck to RESULT.json: loading and setting up the extension,
every event handler it connects, and the domain's ``process_doc`` (the
collector).  On a shared machine the whole build's time moves by several per
cent from run to run; the time inside the extension does not depend on that
noise the same way, so it says what the extension itself costs.

Both copies of a project run through this file, so whatever it adds (a few
wrappers) is paid on both sides.

With ``DROPIN_COUNT_CALLS=1`` the build runs under ``cProfile`` and the
result also holds the number of Python function calls the whole build made:
a count no other job on the machine can move.
"""

from __future__ import annotations

import cProfile
import functools
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.cmd.build import build_main

PACKAGE = "checker"
spent = {"setup": 0.0, "handlers": 0.0, "process_doc": 0.0}


def _timed(key: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[key] += time.process_time() - start

    return wrapper


def _ours(func: Callable[..., Any]) -> bool:
    return str(getattr(func, "__module__", "") or "").startswith(PACKAGE)


_connect = Sphinx.connect
_setup_extension = Sphinx.setup_extension
_add_domain = Sphinx.add_domain


def connect(self: Sphinx, event: str, callback: Callable[..., Any], priority: int = 500) -> int:
    if _ours(callback):
        callback = _timed("handlers", callback)
    return _connect(self, event, callback, priority)


def setup_extension(self: Sphinx, extname: str) -> None:
    if extname == PACKAGE:
        _timed("setup", _setup_extension)(self, extname)
    else:
        _setup_extension(self, extname)


def add_domain(self: Sphinx, domain: type, override: bool = False) -> None:
    if _ours(domain):
        domain.process_doc = _timed("process_doc", domain.process_doc)  # type: ignore[attr-defined]
    _add_domain(self, domain, override=override)


Sphinx.connect = connect  # type: ignore[method-assign]
Sphinx.setup_extension = setup_extension  # type: ignore[method-assign]
Sphinx.add_domain = add_domain  # type: ignore[method-assign]

if __name__ == "__main__":
    result, argv = sys.argv[1], sys.argv[2:]
    report: dict[str, float] = {}
    if os.environ.get("DROPIN_COUNT_CALLS") == "1":
        profile = cProfile.Profile()
        code = profile.runcall(build_main, argv)
        report["calls"] = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    else:
        code = build_main(argv)
    with open(result, "w", encoding="utf-8") as handle:
        json.dump({**spent, **report}, handle)
    sys.exit(code)
