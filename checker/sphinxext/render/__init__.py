"""Stage 5, render: pages get what needs the whole project, read from the project index.

:mod:`.resolve` is the one ``doctree-resolved`` handler: it reads the
:class:`~checker.sphinxext.index.ProjectIndex` once per page and links flags,
notes, banners and bibliography entries (:mod:`.bibmarks`), and fills the
report page (:mod:`.reportpage`, :mod:`.chart`).  :mod:`.visitors` renders the
extension's nodes in every output format.  Nothing here computes findings.
(Kept free of imports: see :mod:`checker.sphinxext`.)
"""
