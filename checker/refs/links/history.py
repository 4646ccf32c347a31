"""InternetArchiveBot's rule: a link is dead only after repeated failures.

One failed check proves little (a server restarts, a CDN hiccups).  A link is
declared dead after ``dead_after`` failed checks, each at least
``dead_min_days`` after the previous *counted* one; a failure sooner than
that is not counted again, and any success wipes the slate.
"""

from __future__ import annotations

from dataclasses import dataclass

from .settings import DAY, LinkSettings
from .status import FAILURES, SUCCESSES, Status


@dataclass(frozen=True, slots=True)
class History:
    failures: int = 0  #: counted failed checks
    first_failure: float | None = None  #: epoch seconds
    last_failure: float | None = None  #: epoch seconds of the last counted failure


def advance(prev: History, observed: Status, now: float, settings: LinkSettings) -> History:
    """The history after a check that observed ``observed`` at ``now``."""
    if observed in SUCCESSES:
        return History()
    if observed not in FAILURES:  # rate-limited, unchecked ...: no evidence either way
        return prev
    if prev.last_failure is not None and now - prev.last_failure < settings.dead_min_days * DAY:
        return prev
    return History(prev.failures + 1, prev.first_failure or now, now)


def verdict(observed: Status, history: History, settings: LinkSettings) -> Status:
    """``dead`` once the failures are confirmed; otherwise what the check saw."""
    if observed in FAILURES and history.failures >= settings.dead_after:
        return Status.DEAD
    return observed
