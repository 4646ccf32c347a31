project = "citecheck forms"
extensions = ["checker", "sphinxcontrib.bibtex", "myst_parser"]
bibtex_bibfiles = ["refs.bib"]
citecheck_today = "2026-01-15"
exclude_patterns = ["_build"]
