"""The link cache between runs: one SQLite file, safe for two processes.

WAL mode lets one process write while others read, and ``busy_timeout``
makes a second writer wait instead of failing.  A row holds the last
verdict on a URL and its failure history (for the dead rule); robots.txt
files are kept per origin when a project honours them.  A cache file
that is not a database is replaced, since it only saves time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from .history import History
from .robots import RobotsFile
from .settings import DAY, LinkSettings
from .status import FAILURES, SUCCESSES, Detail, Status

_SCHEMA_VERSION = 2  # 2: robots.txt table
_COLUMNS = (
    "url",
    "status",
    "observed",
    "code",
    "info",
    "detail",
    "new_url",
    "permanent",
    "private",
    "checked_at",
    "failures",
    "first_failure",
    "last_failure",
    "archive_url",
)
_CREATE = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY, status TEXT NOT NULL, observed TEXT NOT NULL,
    code INTEGER NOT NULL, info TEXT NOT NULL, detail TEXT, new_url TEXT,
    permanent INTEGER NOT NULL, private INTEGER NOT NULL, checked_at REAL NOT NULL,
    failures INTEGER NOT NULL, first_failure REAL, last_failure REAL, archive_url TEXT
);
CREATE TABLE IF NOT EXISTS robots (
    origin TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, fetched_at REAL NOT NULL
)
"""
_OPEN_TRIES = 20
_BATCH = 500  # SQLite's variable limit is higher, but this keeps statements small


@dataclass(frozen=True, slots=True)
class CacheEntry:
    url: str
    status: Status
    observed: Status
    code: int
    info: str
    detail: Detail | None
    new_url: str | None
    permanent: bool
    private: bool
    checked_at: float
    history: History
    archive_url: str | None

    def is_fresh(self, now: float, settings: LinkSettings) -> bool:
        """Young enough to trust: 7 days for working links, 3 for failing ones."""
        if self.observed in SUCCESSES:
            ttl = settings.working_ttl_days
        elif self.observed in FAILURES:
            ttl = settings.failing_ttl_days
        else:
            return False
        return 0 <= now - self.checked_at < ttl * DAY


class LinkCache:
    """Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path) -> LinkCache:
        """Open (or create) the cache; a folder or file we cannot use is an InputError."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return cls(cls._connect(path))
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError:
                # Not a database (truncated, overwritten): a cache may simply start over.
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                return cls(cls._connect(path))
        except (OSError, sqlite3.Error) as err:
            raise InputError(f"cannot use the link cache {path}: {err}") from None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        # SQLite skips the busy handler in a few spots (switching to WAL while
        # another connection sets it up), so "locked" gets a few more tries here.
        for attempt in range(_OPEN_TRIES):
            try:
                return LinkCache._connect_once(path)
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or attempt == _OPEN_TRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _connect_once(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # Under the write lock, so a second process never sees a half-made schema.
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA_VERSION:
                conn.execute("DROP TABLE IF EXISTS links")  # an older layout: start over
                conn.execute("DROP TABLE IF EXISTS robots")
                for statement in _CREATE.split(";"):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> LinkCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load(self, urls: Iterable[str]) -> dict[str, CacheEntry]:
        """The stored entries for ``urls`` (those the cache has)."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, CacheEntry] = {}
        columns = ", ".join(_COLUMNS)
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            query = f"SELECT {columns} FROM links WHERE url IN ({marks})"
            for row in self._conn.execute(query, batch):
                entry = _from_row(row)
                if entry is not None:
                    found[entry.url] = entry
        return found

    def store(self, entries: Iterable[CacheEntry]) -> None:
        """Insert or replace entries, all in one transaction."""
        marks = ", ".join("?" * len(_COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
        sql = (
            f"INSERT INTO links ({', '.join(_COLUMNS)}) VALUES ({marks}) "
            f"ON CONFLICT(url) DO UPDATE SET {updates}"
        )
        with self._transaction():
            self._conn.executemany(sql, (_to_row(e) for e in entries))

    def load_robots(self) -> list[RobotsFile]:
        """Every stored robots.txt (the caller drops the stale ones)."""
        rows = self._conn.execute("SELECT origin, status, body, fetched_at FROM robots")
        found = []
        for origin, status, body, fetched_at in rows:
            if isinstance(origin, str) and isinstance(body, str):
                found.append(RobotsFile(origin, int(_number(status)), body, _number(fetched_at)))
        return found

    def store_robots(self, files: Iterable[RobotsFile]) -> None:
        sql = (
            "INSERT INTO robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(origin) DO UPDATE SET status = excluded.status, "
            "body = excluded.body, fetched_at = excluded.fetched_at"
        )
        with self._transaction():
            self._conn.executemany(sql, ((r.origin, r.status, r.body, r.fetched_at) for r in files))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")  # take the write lock now, wait if busy
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")


def _to_row(e: CacheEntry) -> tuple[object, ...]:
    h = e.history
    return (
        e.url,
        e.status.value,
        e.observed.value,
        e.code,
        e.info,
        e.detail.value if e.detail else None,
        e.new_url,
        int(e.permanent),
        int(e.private),
        e.checked_at,
        h.failures,
        h.first_failure,
        h.last_failure,
        e.archive_url,
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return value


def _optional_number(value: object) -> float | None:
    return None if value is None else _number(value)


def _from_row(row: tuple[object, ...]) -> CacheEntry | None:
    """The entry a row holds, or None when a column is not what this version wrote."""
    (
        url,
        status,
        observed,
        code,
        info,
        detail,
        new_url,
        permanent,
        private,
        checked_at,
        failures,
        first_failure,
        last_failure,
        archive_url,
    ) = row
    try:
        return CacheEntry(
            url=_text(url),
            status=Status(_text(status)),
            observed=Status(_text(observed)),
            code=int(_number(code)),
            info=_text(info),
            detail=Detail(_text(detail)) if detail else None,
            new_url=new_url if isinstance(new_url, str) else None,
            permanent=bool(permanent),
            private=bool(private),
            checked_at=_number(checked_at),
            history=History(
                int(_number(failures)),
                _optional_number(first_failure),
                _optional_number(last_failure),
            ),
            archive_url=archive_url if isinstance(archive_url, str) else None,
        )
    except (ValueError, TypeError):  # a row from a newer version: check again
        return None
