"""Reference parsing, identifier checks, the rule set and link checking (no Sphinx).

Public API of the pure core:

- :func:`checker.refs.bibfile.load_bibliography` -- a defensive, cached .bib reader
- :func:`checker.refs.check.check_references` with :class:`checker.refs.check.RefSettings`
- :func:`checker.refs.check.identifier_results` -- every identifier with its verdict
- :func:`checker.refs.shortcite.resolve_short_citation` -- sfn/harv text -> entries
- :func:`checker.refs.identifiers.validate_identifier` -- one identifier, pass or fail
- :data:`checker.refs.rules.RULES` -- the rule registry (id, category, severity, message)
"""
