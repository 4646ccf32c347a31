"""Stage 1, collect: the markup's roles and directives, and the walk that records each document.

Runs while a document is read, possibly in a worker process (``-j``):
:mod:`.roles` and :mod:`.directives` put the extension's nodes into the
doctree, :mod:`.collector` turns one doctree into picklable
:class:`~checker.sphinxext.records.DocRecords`.  Nothing here looks at
another document.  (Kept free of imports: the stages import each other only
downwards, see :mod:`checker.sphinxext`.)
"""
