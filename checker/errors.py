"""Errors that end a command with exit status 2 and a one-line message."""

from __future__ import annotations


class InputError(Exception):
    """Bad input or usage: the command prints ``citecheck: <message>`` and exits 2.

    Raised for anything a user can fix (a missing file, an undecodable
    article, a conflicting option); never for a bug in citecheck.
    """
