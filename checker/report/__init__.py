"""Findings -> text, JSON, JUnit, SARIF, GitHub, Markdown; baseline, policy, worklist.

Pure core: nothing here imports Sphinx except :mod:`.build`, which runs the
``citations`` builder in-process (lazily) for the commands.

Modules, top to bottom:

- :mod:`.commands` -- ``citecheck report / todo / baseline`` (``run(args)``)
- :mod:`.build` -- SRC -> Sphinx ``citations`` build -> findings
- :mod:`.formats` -- ``render(name, view)``: one module per ``--format``
- :mod:`.view` -- :class:`~.view.ReportView`, what every format renders
- :mod:`.policy` -- ``--fail-on`` / ``--max`` / ``--min-severity`` -> :class:`~.policy.Verdict`
- :mod:`.baseline` -- known / new; gone findings resolved, fixed or removed
- :mod:`.resolution` -- is a claim still in its source, and cited?
- :mod:`.todo` -- the editors' worklist and its candidate sources
- :mod:`.jsonreport` -- the ``citecheck/report/v1`` document
"""
