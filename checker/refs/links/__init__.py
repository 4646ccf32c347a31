"""Online link checking (no Sphinx): statuses, policy, HTTP probe, cache, findings.

Wiring it (the Sphinx glue or ``citecheck report --online``)::

    from checker.refs.links.check import LinkCheck, check_links, link_findings, summary_line
    from checker.refs.links.linkcheck import link_settings

    settings = link_settings({"linkcheck_timeout": 5, "citecheck_links": {...}})
    results = check_links(inputs.links, settings)      # list[LinkUse] -> list[LinkResult]
    # or, to start before every use is known:
    with LinkCheck(settings) as run:
        run.prefetch(urls_seen_so_far)
        results = run.results(all_uses)
    findings = link_findings(results, settings.dead_after)
    print(summary_line(results))                       # "500 links: 470 working, ..."

``checker.refs.links.output.write_linkcheck_outputs`` writes linkcheck's
``output.json`` / ``output.txt`` for tools that read them.  Bad settings
raise :class:`checker.errors.InputError` (exit 2, one line).

Modules, top to bottom: ``early`` (the command line's head start, with
``prescan``) and ``check`` (one run: cache, dead rule, archives) use
``runner`` (worker threads), which uses ``scheduler`` (per-host slots per
request), ``probe`` (one URL, hop by hop), ``answers`` (reading a response),
``net`` (resolve once, connect to the checked address, pooled), ``robots``,
``policy`` (what to request, with which headers), ``anchors``; ``history``
(the dead rule), ``cache`` (SQLite), ``archive``, ``rules`` (findings);
``linkcheck`` maps Sphinx's ``linkcheck_*`` values; ``status``, ``settings``
and ``hosts`` are the shared vocabulary.
"""
