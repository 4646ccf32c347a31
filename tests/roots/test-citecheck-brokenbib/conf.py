project = "citecheck broken bib"
extensions = ["checker", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
citecheck_today = "2026-01-15"
exclude_patterns = ["_build"]
