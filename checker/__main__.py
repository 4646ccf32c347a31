"""``python -m checker`` is the ``citecheck`` command."""

from .cli import run

run()
