project = "Sources"
extensions = ["checker", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
citecheck_today = "2026-11-25"
exclude_patterns = ["_build"]
