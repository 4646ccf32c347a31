"""``python -m checker`` is the ``citecheck`` command."""

from .cli import main

raise SystemExit(main())
