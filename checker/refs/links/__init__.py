"""Online link checking (no Sphinx): statuses, policy, HTTP probe, cache, findings.

Wiring it (the Sphinx glue or ``citecheck report --online``)::

    from checker.refs.links.check import check_links, link_findings, summary_line
    from checker.refs.links.settings import LinkSettings, default_cache_path

    settings = LinkSettings(cache_path=default_cache_path(outdir), refresh=args.refresh)
    results = check_links(inputs.links, settings)      # list[LinkUse] -> list[LinkResult]
    findings = link_findings(results, settings.dead_after)
    print(summary_line(results))                       # "500 links: 470 working, ..."

``checker.refs.links.output.write_linkcheck_outputs`` writes linkcheck's
``output.json`` / ``output.txt`` for tools that read them.  Bad settings
raise :class:`checker.errors.InputError` (exit 2, one line).

Modules, top to bottom: ``check`` (orchestration) uses ``scheduler`` (per-host
queues), ``probe`` (one URL over HTTP), ``policy`` (what to request, with
which headers), ``anchors``, ``history`` (the dead rule), ``cache`` (SQLite),
``archive`` (Wayback-style look-ups), ``rules`` (findings); ``status`` and
``settings`` are the shared vocabulary.
"""
