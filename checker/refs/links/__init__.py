"""Online link checking (no Sphinx): statuses, policy, HTTP probe, cache, findings.

The public entry points are :func:`checker.refs.links.check.check_links`
and :func:`checker.refs.links.check.link_findings`, configured by
:class:`checker.refs.links.settings.LinkSettings`.
"""
