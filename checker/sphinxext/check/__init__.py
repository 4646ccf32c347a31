"""Stage 3, check: records of every document -> findings, once per build, after the merge.

:mod:`.pipeline` turns the domain's records into the extension's own
findings and adds every registered finding provider's (:mod:`.providers`):
the reference rules (:mod:`.references`) and the online link checker
(:mod:`.online`) are providers like any other.  Runs in the main process.
(Kept free of imports: see :mod:`checker.sphinxext`.)
"""
